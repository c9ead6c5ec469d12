"""Build throughput: Parley against bare spaCy, in words per second, in one run.

Reads the Guardian corpus (249 real articles, about 235,000 words), then times, with
the model already loaded in each case:
  1. bare ``nlp.pipe`` of the same spaCy pipeline over the same texts;
  2. Parley with one process: parse, resolve, RDF, store and Turtle (no HTML page);
  3. the same with ``--jobs 2``.
Prints a Markdown table. Targets: Parley >= 0.85 of bare spaCy; two jobs >= 1.7x one.

    .venv/bin/python bench/build_bench.py [--corpus FILE.csv] [--model NAME]
"""
from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

import spacy

from corpus import parse_throughput_args
from kg.articles import find_files, read_articles
from kg.pipeline import Parser
from kg.rdf import to_graph
from kg.resolve import resolve
from kg.store import article_quads, turtle, write_store


def bare_spacy(model: str, texts: list[str]) -> float:
    nlp = spacy.load(model)
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def parley(model: str, corpus: Path, jobs: int) -> float:
    """A whole build but the HTML page, without a parse cache, model loaded beforehand."""
    with tempfile.TemporaryDirectory() as out, Parser(model, jobs=jobs, cache_path=None) as parser:
        start = time.perf_counter()
        graph = to_graph(resolve(parser.parse(read_articles(find_files([corpus])))))
        write_store(article_quads(graph), Path(out))
        (Path(out) / "graph.ttl").write_text(turtle(graph), encoding="utf-8")
        return time.perf_counter() - start


def main() -> None:
    args, corpus, articles = parse_throughput_args(__doc__.splitlines()[0])
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    runs = [("bare spaCy `nlp.pipe`", bare_spacy(args.model, texts))]
    gc.collect()
    runs.append(("Parley, 1 process", parley(args.model, corpus, 1)))
    gc.collect()
    runs.append(("Parley, `--jobs 2`", parley(args.model, corpus, 2)))
    bare, one = runs[0][1], runs[1][1]
    print(f"{len(articles)} articles, {words:,} words, model {args.model}\n")
    print("| run | seconds | words/s | vs bare spaCy | vs Parley 1 process |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in runs:
        print(f"| {name} | {seconds:.1f} | {words / seconds:,.0f} | {bare / seconds:.2f} | {one / seconds:.2f} |")


if __name__ == "__main__":
    main()
