"""Events across articles: how long resolution takes as the corpus grows, and what the
merging of reports does on real news.

Parses the Guardian corpus once (or reuses the parse cache of a build: ``--build DIR``),
then times resolution (actors, then reports of one event merged; the best of three runs)
at 249 articles and at ten copies under new ids (2,490 articles, as ``memory_bench.py``
copies them), and prints a Markdown table. With ``--sample FILE`` it also writes the number of events before and
after merging, 50 merges and 50 near misses (events of the same kind and actors in two
articles, kept apart) drawn at random with their sentences, and the merge precision
over the verdicts given by hand in ``bench/merge_verdicts.tsv`` (id, verdict ok|wrong, note).

    .venv/bin/python bench/merge_bench.py [--build /tmp/g] [--times 10] [--sample bench/merge_sample.md]
"""
from __future__ import annotations

import argparse
import copy
import csv
import gc
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from corpus import ROOT, guardian

sys.path.insert(0, str(ROOT))

from kg.articles import read_articles  # noqa: E402
from kg.dates import parse_publication_date  # noqa: E402
from kg.event_merge import Merger, merge_reports  # noqa: E402
from kg.pipeline import Parser  # noqa: E402
from kg.records import ArticleResult, Event  # noqa: E402
from kg.resolve import resolve  # noqa: E402

VERDICTS = ROOT / "bench" / "merge_verdicts.tsv"
SAMPLE_SIZE = 50
REPEAT = 3


def parsed(corpus: Path, build: Path | None) -> list[ArticleResult]:
    cache = build / "parse-cache.sqlite" if build else None
    with Parser(None, cache_path=cache) as parser:
        return parser.parse(read_articles([corpus]))


def copied(results: list[ArticleResult], times: int) -> list[ArticleResult]:
    """The corpus ``times`` over, each copy under new article ids."""
    out = []
    for k in range(times):
        for result in results:
            twin = copy.deepcopy(result)
            twin.article = replace(twin.article, id=f"copy{k}-{result.article.id}")
            out.append(twin)
    return out


def timed(results: list[ArticleResult]) -> tuple[float, float, int, int]:
    gc.collect()  # what the copies left is not resolution's to collect
    start = time.perf_counter()
    resolved = resolve(results)
    actors_done = time.perf_counter()
    before = len(resolved.events)
    merged = merge_reports(resolved)
    return actors_done - start, time.perf_counter() - actors_done, before, len(merged.events)


def bench(results: list[ArticleResult], times: int) -> None:
    timed(copy.deepcopy(results))  # once untimed: word lists and gazetteers load on first use
    print("| articles | events before | events after | actors (s) | merging reports (s) | resolution (s) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in (1, times):
        corpus = results if n == 1 else copied(results, n)
        # The best of three: on a shared machine the others' load only ever adds time.
        runs = [timed(copy.deepcopy(corpus)) for _ in range(REPEAT)]
        actors_s, merge_s, before, after = min(runs, key=lambda run: run[0] + run[1])
        print(f"| {len(corpus):,} | {before:,} | {after:,} | {actors_s:.2f} | {merge_s:.2f} | "
              f"{actors_s + merge_s:.2f} |", flush=True)


# -- the sample ---------------------------------------------------------------------------

def verdicts() -> dict[str, tuple[str, str]]:
    if not VERDICTS.is_file():
        return {}
    with VERDICTS.open(encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t")
        return {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in rows if row and not row[0].startswith("#")}


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def sample(results: list[ArticleResult], path: Path) -> None:
    before = resolve(results)
    originals = {ev.key: copy.deepcopy(ev) for ev in before.events}
    published = {a.id: a.date for a in before.articles}
    merged = merge_reports(before)
    actors = merged.actors
    home = {account.key: ev for ev in merged.events for account in ev.accounts()}
    multi = [ev for ev in merged.events if ev.reports]
    rng = random.Random(11)
    merges = rng.sample(multi, min(SAMPLE_SIZE, len(multi)))

    # Near misses: two reports from two articles, of the same kind, the very same actors
    # in their roles and a topic in common (the same words quoted, for statements), that
    # ended in two events: what only their dates, subclass, status or place kept apart.
    merger = Merger(actors, {a.id: parse_publication_date(a.date) for a in before.articles})
    merger.by_key = originals
    by_roles: dict[tuple, list] = defaultdict(list)
    for ev in originals.values():
        roles = tuple(sorted(merger.roles(ev)))
        if roles and ev.key in home:
            by_roles[(ev.kind, roles)].append(merger.candidate(ev))
    pairs = []
    for group in by_roles.values():
        group.sort(key=lambda c: c.event.key)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.event.article != b.event.article and home[a.event.key] is not home[b.event.key] \
                        and merger.conflict(a, b) not in ("topic", "quote", "answers another proposal"):
                    pairs.append((a.event, b.event))
    pairs.sort(key=lambda p: (p[0].key, p[1].key))
    misses = rng.sample(pairs, min(SAMPLE_SIZE, len(pairs)))
    judged = verdicts()

    lines = ["# Events across articles: a hand-checked sample", "",
             "Made by `bench/merge_bench.py --sample bench/merge_sample.md` on "
             "`../shared/corpora/guardian_sdf_2019.csv`; verdicts by hand in `bench/merge_verdicts.tsv`.", "",
             f"- articles: {len(before.articles):,}",
             f"- events before merging: {len(originals):,}",
             f"- events after merging: {len(merged.events):,} "
             f"({len(multi):,} reported by two articles or more, holding "
             f"{sum(len(e.accounts()) for e in multi):,} reports)",
             f"- near misses (same kind, same actors and topic, two articles, kept apart): {len(pairs):,} pairs",
             ""]
    ok = [judged.get(f"M{n}", ("", ""))[0] for n in range(1, len(merges) + 1)]
    if any(ok):
        right = sum(v == "ok" for v in ok)
        judged_n = sum(v in ("ok", "wrong") for v in ok)
        lines += [f"**Merge precision on the sample: {right}/{judged_n} = {right / judged_n:.2f}**", ""]
    miss_ok = [judged.get(f"N{n}", ("", ""))[0] for n in range(1, len(misses) + 1)]
    if any(miss_ok):
        apart = sum(v == "ok" for v in miss_ok)
        lines += [f"Near misses rightly kept apart: {apart}/{sum(v in ('ok', 'wrong') for v in miss_ok)} "
                  "(`wrong`: one event the rule kept apart)", ""]
    every = " (every one: the corpus has no more)" if len(merges) < SAMPLE_SIZE else ", drawn at random"
    lines += [f"## {len(merges)} merges{every}", "",
              "| id | kind | event | date | reports: article (date): sentence | verdict | note |",
              "|---|---|---|---|---|---|---|"]
    for n, ev in enumerate(merges, 1):
        told = "<br>".join(f"**{a.article}** ({published.get(a.article) or '?'}): {cell(a.evidence[0])}"
                           for a in ev.accounts())
        verdict, note = judged.get(f"M{n}", ("", ""))
        when = ev.date_value[0] if ev.date_value else (ev.date_text or "")
        lines.append(f"| M{n} | {ev.kind} | {cell(ev.label)} | {cell(when)} | {told} | {verdict} | {cell(note)} |")
    lines += ["", f"## {len(misses)} near misses (same kind, actors and topic, kept apart), drawn at random", "",
              "| id | kind | apart because | first: article (date), date text: sentence | second | verdict | note |",
              "|---|---|---|---|---|---|---|"]
    for n, (a, b) in enumerate(misses, 1):
        why = merger.conflict(merger.candidate(a), merger.candidate(b)) or "cluster (complete link)"
        verdict, note = judged.get(f"N{n}", ("", ""))

        def told(e: Event) -> str:
            when = e.date_value[0] if e.date_value else (e.date_text or "")
            return f"**{e.article}** ({published.get(e.article) or '?'}) {cell(when)}: {cell(e.evidence)}"
        lines.append(f"| N{n} | {a.kind} | {why} | {told(a)} | {told(b)} | {verdict} | {cell(note)} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--build", type=Path, default=None, help="a build of the corpus whose parse cache to reuse")
    ap.add_argument("--times", type=int, default=10, help="copies for the large corpus")
    ap.add_argument("--sample", type=Path, default=None, help="write the hand-check sample here")
    ap.add_argument("--no-bench", action="store_true", help="only write the sample")
    args = ap.parse_args()
    results = parsed(guardian(args.corpus), args.build)
    if not args.no_bench:
        bench(results, args.times)
    if args.sample:
        sample(results, args.sample)


if __name__ == "__main__":
    main()
