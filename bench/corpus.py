"""What the benchmarks share: the Guardian corpus, copies of it under new ids, and
child processes measured for time and peak memory."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "corpora" / "guardian_sdf_2019.csv"


def guardian(path: str | None = None) -> Path:
    corpus = Path(path) if path else GUARDIAN
    if not corpus.is_file():
        sys.exit(f"no corpus at {corpus}; pass --corpus PATH to a CSV with a text column")
    return corpus


def parse_throughput_args(description: str):
    """The options of the parse-throughput benchmarks (a corpus and a model), read from the
    command line, with the corpus's path and its articles."""
    import argparse

    from kg.articles import find_files, read_articles
    from kg.nlp import default_model

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--model", default=default_model())
    args = ap.parse_args()
    corpus = guardian(args.corpus)
    return args, corpus, list(read_articles(find_files([corpus])))


def copies(corpus: Path, times: int, target: Path) -> Path:
    """The corpus written ``times`` over, each copy under new ids: a larger corpus of
    real text, each article parsed on its own."""
    csv.field_size_limit(10**8)
    with corpus.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "text"])
        for k in range(times):
            for n, row in enumerate(rows):
                writer.writerow([f"copy{k}-{n}", row.get("date", ""), row["text"]])
    return target


def run_measured(command: list[str]) -> tuple[float, int]:
    """Run a command; return (wall seconds, peak resident memory in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss // 1024


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]
