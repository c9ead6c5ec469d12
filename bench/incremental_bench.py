"""Incremental rebuild after one article changes, against a clean build.

Builds the Guardian corpus from scratch, then changes the text of one row and builds
again into the same folder (only that row is parsed), and once more with nothing
changed. Each build is a ``kg build --no-html`` child process, model loading included.
Prints a Markdown table.

    .venv/bin/python bench/incremental_bench.py [--corpus FILE.csv]
"""
from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from corpus import copies, guardian, kg, run_measured


def change_one_row(corpus: Path) -> None:
    with corpus.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[len(rows) // 2][2] += " The talks are to resume next week, officials said."
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = copies(guardian(args.corpus), 1, Path(tmp) / "corpus.csv")
        out = Path(tmp) / "out"
        build = kg("build", str(corpus), "--out", str(out), "--no-html", "--quiet")
        clean, _ = run_measured(build)
        change_one_row(corpus)
        one_changed, _ = run_measured(build)
        unchanged, _ = run_measured(build)
    print("| build | seconds | vs clean |")
    print("|---|---:|---:|")
    for name, seconds in (("clean (249 articles parsed)", clean), ("one article changed (1 parsed)", one_changed),
                          ("nothing changed (0 parsed)", unchanged)):
        print(f"| {name} | {seconds:.1f} | {seconds / clean:.2f} |")


if __name__ == "__main__":
    main()
