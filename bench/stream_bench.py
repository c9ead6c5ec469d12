"""Past one machine: time and peak memory of `kg build` at 250, 2,500 and 25,000 articles,
with the parse cache pre-filled so the run measures what comes after parsing.

The Guardian corpus (249 articles) is parsed once (``--cache FILE`` reuses a build's
parse cache), then copied under new ids, each copy's dates moved on by 52 weeks (weekdays
kept) so that its events are not all merged with the first copy's: a year of news
told again next year, the same actors, other days. Each copy's records go straight
into the build's parse cache under the copied article's key (nothing is parsed), and
``kg build --no-html`` runs in a child process, whose peak resident memory the kernel
reports. Prints a Markdown table; the target: peak at 25,000 within 1.2x of the peak
at 250. Not run in CI.

    .venv/bin/python bench/stream_bench.py [--corpus FILE.csv] [--cache FILE] [--sizes 250,2500,25000]
"""
from __future__ import annotations

import argparse
import csv
import os
import tempfile
from dataclasses import replace
from datetime import timedelta
from itertools import cycle, islice
from pathlib import Path

from corpus import guardian, kg, run_measured

from kg.articles import find_files, read_articles
from kg.cache import ParseCache
from kg.dates import parse_publication_date
from kg.pipeline import Parser

SHIFT = timedelta(weeks=52)


def parsed(corpus: Path, cache: Path | None):
    """The corpus's records (from ``cache`` where it has them) and the extractor's id."""
    with Parser(None, cache_path=cache) as parser:
        return parser.parse(read_articles(find_files([corpus]))), parser.cache.extractor


def moved(date: str | None, copy: int) -> str | None:
    day = parse_publication_date(date)
    return (day + copy * SHIFT).isoformat() if day else date


def write_copies(results, size: int, folder: Path, extractor: str) -> Path:
    """A corpus of ``size`` articles, copies of ``results``, with each copy's records in
    ``folder``'s parse cache; the corpus's path."""
    corpus = folder / "corpus.csv"
    copies = ((n // len(results), result) for n, result in enumerate(islice(cycle(results), size)))
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "date", "url", "text"])
        for k, result in copies:
            art = result.article
            writer.writerow([f"copy{k}-{art.id}", art.title or "", moved(art.date, k) or "", art.url or "", art.text])
    cache = ParseCache(folder / "parse-cache.sqlite", extractor)
    # The copies as `kg build` will read them, each keyed as the build will look it up.
    for article, (_k, result) in zip(read_articles([corpus]), ((n // len(results), r) for n, r in
                                                               enumerate(islice(cycle(results), size)))):
        original = result.article
        result.article = replace(article, text=original.text)
        cache.put(article.digest(), result)
        result.article = original
    cache.close(prune=False)
    return corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--cache", type=Path, default=None, help="a parse cache holding the corpus's records")
    ap.add_argument("--sizes", default="250,2500,25000")
    args = ap.parse_args()
    results, extractor = parsed(guardian(args.corpus), args.cache)
    print(f"`kg build --no-html` with the parse cache pre-filled, {os.cpu_count()} cores\n")
    print("| articles | seconds | peak memory (MiB) | triples | load average |")
    print("|---:|---:|---:|---:|---:|", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            corpus = write_copies(results, size, folder, extractor)
            seconds, peak = run_measured(kg("build", str(corpus), "--out", str(folder), "--no-html", "--quiet"))
            import pyoxigraph

            store = pyoxigraph.Store.read_only(str(folder / "store"))
            print(f"| {size:,} | {seconds:.0f} | {peak:,} | {len(store):,} | {os.getloadavg()[0]:.1f} |", flush=True)
            del store


if __name__ == "__main__":
    main()
