"""Past one machine: parse throughput on one process, two processes and a Dask cluster.

Parses the Guardian corpus (249 real articles, about 235,000 words) into Parley's
records, without a parse cache, and times only the parse (no resolution, no store):
  1. bare ``nlp.pipe`` of the same spaCy pipeline over the same texts, one process;
  2. Parley, one process;
  3. Parley, ``--jobs 2`` (worker processes on this machine);
  4. Parley, ``--dask local:2`` (a Dask LocalCluster of two worker processes), the
     records coming back in the parse cache's plain form.
Every pipeline is loaded before its clock starts (the Dask workers' too). Prints a
Markdown table in words per second and as a ratio to bare ``nlp.pipe``. Not run in CI.

The other table of the scale figures, time and peak memory of a whole build at 250,
2,500 and 25,000 articles with the parse cache pre-filled, is ``bench/stream_bench.py``'s.

    .venv/bin/python bench/scale_bench.py [--corpus FILE.csv] [--model NAME]
"""
from __future__ import annotations

import gc
import os
import time
from pathlib import Path

from build_bench import bare_spacy
from corpus import parse_throughput_args
from kg.articles import find_files, read_articles
from kg.pipeline import Parser, _start_worker


def parse_seconds(model: str, corpus: Path, **where) -> float:
    """Seconds for ``Parser`` to parse the corpus (``jobs=N`` or ``dask=ADDRESS``)."""
    articles = list(read_articles(find_files([corpus])))
    with Parser(model, cache_path=None, **where) as parser:
        workers = getattr(parser.workers, "client", None)
        if workers is not None:  # Dask workers load their pipeline on their first task
            workers.run(_start_worker, model)
        start = time.perf_counter()
        results = parser.parse(articles)
        seconds = time.perf_counter() - start
    assert len(results) == len(articles), "every article parsed"
    return seconds


def main() -> None:
    args, corpus, articles = parse_throughput_args(__doc__.splitlines()[0])
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    # The machine may be shared: each run's 1-minute load average, taken as it ends,
    # says how many cores others were using meanwhile.
    runs = [("bare spaCy `nlp.pipe`, 1 process", bare_spacy(args.model, texts), os.getloadavg()[0])]
    for name, where in [("Parley, 1 process", {"jobs": 1}), ("Parley, `--jobs 2`", {"jobs": 2}),
                        ("Parley, `--dask local:2`", {"dask": "local:2"})]:
        gc.collect()
        runs.append((name, parse_seconds(args.model, corpus, **where), os.getloadavg()[0]))
    bare = runs[0][1]
    print(f"Parse throughput: {len(texts)} articles, {words:,} words, model {args.model}, "
          f"{os.cpu_count()} cores\n")
    print("| run | seconds | words/s | vs bare `nlp.pipe` | load average |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds, load in runs:
        print(f"| {name} | {seconds:.1f} | {words / seconds:,.0f} | {bare / seconds:.2f} | {load:.1f} |")


if __name__ == "__main__":
    main()
