"""Peak memory of a build at 250 and 2,500 articles: it should barely grow.

Builds the Guardian corpus (249 articles) and ten copies of it under new ids (2,490
articles) with ``kg build --no-html`` in a child process each, and reads the child's
peak resident memory from the kernel. Prints a Markdown table.

    .venv/bin/python bench/memory_bench.py [--corpus FILE.csv] [--times 10] [--jobs 1]
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from corpus import copies, guardian, kg, run_measured


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--times", type=int, default=10, help="copies for the large corpus")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    corpus = guardian(args.corpus)
    print("| articles | triples | seconds | peak memory (MiB) |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for times in (1, args.times):
            source = copies(corpus, times, Path(tmp) / f"corpus-{times}.csv")
            out = Path(tmp) / f"out-{times}"
            seconds, peak = run_measured(kg("build", str(source), "--out", str(out), "--no-html",
                                            "--quiet", "--jobs", str(args.jobs)))
            import pyoxigraph

            store = pyoxigraph.Store.read_only(str(out / "store"))
            articles = len(list(store.named_graphs()))
            print(f"| {articles:,} | {len(store):,} | {seconds:.0f} | {peak:,} |", flush=True)


if __name__ == "__main__":
    main()
