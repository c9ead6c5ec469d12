"""Shared fixtures: the real spaCy pipeline, loaded once, and the seeds' graph, built once."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load

    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a text written for a test; returns the spaCy Doc with Parley's extensions."""
    return nlp


def run_kg(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    result = subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd or ROOT,
                            capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """`kg build seeds/ --out DIR` once for the session; returns DIR."""
    out = tmp_path_factory.mktemp("seeds-build")
    run_kg("build", str(SEEDS), "--out", str(out), check=True)
    return out


@pytest.fixture(scope="session")
def seeds_graph(seeds_build):
    from rdflib import Graph

    return Graph().parse(seeds_build / "graph.ttl")


@pytest.fixture()
def articles_dir(tmp_path):
    """Write test articles into a folder: articles_dir({"a.txt": "text"}) -> Path."""
    def write(files: dict[str, str]) -> Path:
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        return tmp_path
    return write


def events_of(doc, kind: str):
    return [e for e in doc._.events if e.kind == kind]


def names(mentions) -> set[str]:
    return {m.name for m in mentions}


__all__ = ["ROOT", "SEEDS", "SHARED", "run_kg", "events_of", "names", "shutil"]
