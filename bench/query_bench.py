"""Median latency of every bundled query on a graph of at least 1,000,000 triples:
Oxigraph (Parley's store) against rdflib's in-memory SPARQL engine, in one run.

The graph: the Guardian corpus built once, then copied under new article and event
IRIs until it passes the target size. Actors, places and topics stay shared, as in a
real corpus where the same actors recur, and each actor gains the copies' articles as
sources. Oxigraph answers from its on-disk store (median of 5 runs after a warm-up);
rdflib from a Graph in memory (median of up to 3 runs; a query that passes --timeout
is stopped and shown as such). Prints a Markdown table.

    .venv/bin/python bench/query_bench.py [--from OUT_DIR] [--triples 1000000] [--timeout 300]
"""
from __future__ import annotations

import argparse
import math
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from corpus import guardian, kg, run_measured
from kg.query import bundled, query_text

PARAMS = {"actor": {"name": "Lavrov"}}
KG_SOURCE = ox.NamedNode("https://w3id.org/parley/ontology#source")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


def enlarge(source: ox.Store, target: int) -> tuple[list[ox.Quad], int]:
    """The source store's quads, copied under new article and event IRIs until they
    number at least ``target``."""
    quads = list(source)
    per_article = {q.subject for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    per_article |= {q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    copyable = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph) or
                (q.predicate == KG_SOURCE and q.object in per_article)]
    times = max(1, math.ceil((target - len(quads)) / len(copyable)) + 1)
    out = list(quads)

    def renamed(term, k):
        if term in per_article:
            return ox.NamedNode(f"{term.value}~{k}")
        return term

    for k in range(1, times):
        for q in copyable:
            obj = renamed(q.object, k)
            if q.predicate == IDENTIFIER:
                obj = ox.Literal(f"{q.object.value}~{k}")
            out.append(ox.Quad(renamed(q.subject, k), q.predicate, obj, renamed(q.graph_name, k)))
    return out, times


def oxigraph_latency(store: ox.Store, name: str) -> float:
    text = query_text(name)
    subs = {ox.Variable(k): ox.Literal(v) for k, v in PARAMS.get(name, {}).items()}

    def once() -> float:
        start = time.perf_counter()
        result = store.query(text, use_default_graph_as_union=True, substitutions=subs)
        for _row in result:
            pass
        return time.perf_counter() - start

    once()
    return statistics.median(once() for _ in range(5))


def rdflib_worker(path: str, conn) -> None:
    """Loads the graph once, then answers query names with their median seconds."""
    from rdflib import Graph, Literal

    start = time.perf_counter()
    graph = Graph().parse(path, format="nt")
    conn.send(("loaded", time.perf_counter() - start))
    while (name := conn.recv()) is not None:
        text = query_text(name)
        bindings = {k: Literal(v) for k, v in PARAMS.get(name, {}).items()}
        times = []
        while len(times) < 3 and sum(times) < 30:
            start = time.perf_counter()
            list(graph.query(text, initBindings=bindings))
            times.append(time.perf_counter() - start)
        conn.send((name, statistics.median(times)))


def rdflib_latencies(path: Path, names: list[str], timeout: float) -> tuple[float, dict[str, float | None]]:
    """Median seconds per query in rdflib (None: stopped at the timeout), and load time."""
    results: dict[str, float | None] = {}
    load = 0.0
    remaining = list(names)
    while remaining:
        parent, child = multiprocessing.Pipe()
        proc = multiprocessing.Process(target=rdflib_worker, args=(str(path), child), daemon=True)
        proc.start()
        _, load = parent.recv()
        for name in list(remaining):
            parent.send(name)
            remaining.remove(name)
            if parent.poll(timeout):
                results[name] = parent.recv()[1]
            else:  # rdflib cannot be interrupted: stop the process, go on in a new one
                results[name] = None
                proc.kill()
                break
        else:
            parent.send(None)
        proc.join()
    return load, results


def ms(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f"> {timeout:,.0f} s (stopped)"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.0f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="built", default=None, help="a build's --out folder to enlarge")
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=300, help="seconds before an rdflib query is stopped")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(args.built) if args.built else Path(tmp) / "built"
        if not args.built:
            run_measured(kg("build", str(guardian(args.corpus)), "--out", str(built), "--no-html", "--quiet"))
        quads, times = enlarge(ox.Store.read_only(str(built / "store")), args.triples)
        store = ox.Store(str(Path(tmp) / "big"))
        store.bulk_extend(quads)
        store.flush()
        nt = Path(tmp) / "big.nt"
        ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), str(nt), ox.RdfFormat.N_TRIPLES)
        del quads
        triples = len(store)
        names = list(bundled())
        fast = {name: oxigraph_latency(store, name) for name in names}
        load, slow = rdflib_latencies(nt, names, args.timeout)
    print(f"{triples:,} triples ({times} copies of the built corpus); rdflib load time {load:,.0f} s\n")
    print("| query | Oxigraph (median) | rdflib in memory (median) | rdflib / Oxigraph |")
    print("|---|---:|---:|---:|")
    for name in names:
        ratio = f"{slow[name] / fast[name]:,.0f}x" if slow.get(name) else "—"
        print(f"| {name} | {ms(fast[name], args.timeout)} | {ms(slow.get(name), args.timeout)} | {ratio} |")


if __name__ == "__main__":
    main()
