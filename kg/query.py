"""Run SPARQL over a graph: text, a .rq file, or a bundled query by name.

Bundled queries live in ``kg/queries/*.rq``; the first comment line of each is its
description, shown by ``kg query --list``. Results come out as a table, CSV or JSON.
"""
from __future__ import annotations

import csv
import io
import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

QUERIES = resources.files("kg") / "queries"


class QueryError(Exception):
    """A query that cannot be found, parsed or run; the message says why."""


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str | None]]


def bundled() -> dict[str, str]:
    """Bundled query name -> its one-line description."""
    found = {}
    for item in sorted(QUERIES.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            first = item.read_text(encoding="utf-8").splitlines()[0]
            found[item.name[:-3]] = first.lstrip("# ").strip()
    return found


def query_text(spec: str) -> str:
    """SPARQL text from a bundled name, a .rq file path, or the text itself."""
    if spec in bundled():
        return (QUERIES / f"{spec}.rq").read_text(encoding="utf-8")
    if spec.endswith((".rq", ".sparql")) and "\n" not in spec:
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"no such query file: {spec}")
        return path.read_text(encoding="utf-8")
    if not any(word in spec.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "INSERT", "DELETE")):
        names = ", ".join(bundled())
        raise QueryError(f"'{spec}' is neither SPARQL nor a bundled query (bundled: {names})")
    return spec


def is_update(text: str) -> bool:
    """True for SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...), which changes a graph."""
    try:
        parseQuery(text)
        return False
    except Exception:
        pass
    try:
        parseUpdate(text)
        return True
    except Exception:
        return False


def check_syntax(text: str) -> None:
    try:
        parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException carries line and column
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "col", None)
        where = f" at line {line}, column {col}" if line else ""
        detail = getattr(exc, "msg", None) or str(exc).splitlines()[0]
        raise QueryError(f"SPARQL syntax error{where}: {detail}") from None


def run_with_timeout(work, timeout: float | None):
    """Run ``work()`` and give up after ``timeout`` seconds (rdflib cannot be interrupted,
    so the runaway query is left in a daemon thread that dies with the process)."""
    if not timeout:
        return work()
    box: dict = {}

    def target():
        try:
            box["value"] = work()
        except BaseException as exc:  # handed back to the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(f"query stopped after {timeout:g} s (--timeout)")
    if "error" in box:
        raise box["error"]
    return box["value"]


def update(graph: Graph, spec: str) -> None:
    """Apply a SPARQL Update to ``graph`` in memory."""
    text = query_text(spec)
    try:
        graph.update(text)
    except Exception as exc:
        raise QueryError(f"update failed: {exc}") from None


def query(graph: Graph, spec: str, params: dict[str, str] | None = None,
          timeout: float | None = None) -> Table:
    """Run a read-only query (name, file or text) and return its rows as strings."""
    text = query_text(spec)
    if is_update(text):
        raise QueryError("that is a SPARQL Update, and kg query only reads; "
                         "add --allow-update to change the graph file")
    check_syntax(text)
    bindings = {k: Literal(v) for k, v in (params or {}).items()}

    def work():
        result = graph.query(text, initBindings=bindings)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return result, list(result.graph)
        return result, list(result) if result.type == "SELECT" else None

    try:
        result, rows_or_triples = run_with_timeout(work, timeout)
    except QueryError:
        raise
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from None
    if result.type == "ASK":
        return Table(["answer"], [[str(bool(result.askAnswer)).lower()]])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = [[str(s), str(p), str(o)] for s, p, o in rows_or_triples]
        return Table(["subject", "predicate", "object"], sorted(triples))
    columns = [str(v) for v in result.vars]
    rows = [[None if value is None else str(value) for value in row] for row in rows_or_triples]
    return Table(columns, rows)


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    return out.getvalue()


def to_json(table: Table) -> str:
    return json.dumps([dict(zip(table.columns, row)) for row in table.rows], ensure_ascii=False, indent=2)


def load_graph(path: str | Path) -> Graph:
    path = Path(path)
    if not path.is_file():
        raise QueryError(f"no graph at {path}: build one first with `kg build INPUT --out {path.parent}`")
    try:
        return Graph().parse(path)
    except Exception as exc:
        raise QueryError(f"cannot read {path} as RDF: {exc}") from None


def short(value: str | None) -> str:
    if value is None:
        return ""
    return value.rsplit("#", 1)[-1] if value.startswith("https://w3id.org/parley/ontology#") else value


__all__ = ["QueryError", "Table", "bundled", "query", "query_text", "to_csv", "to_json",
           "load_graph", "URIRef"]
