"""Benchmark the HTML page at 500, 2,000 and 5,000 nodes: file size and time to interactive.

Builds graphs of realistic shape (about two events per actor, each event with one to
three actors), renders them, opens each in headless Chromium (Debian's, through
Playwright) and measures from navigation to the end of the bounded layout of the
opening (actors) view, the time a click takes to fill the details panel, and the time
the events view (every actor and event) takes to lay out when first switched to.
``--page`` measures built pages as well (a build's graph.html). Prints a Markdown table.

    .venv/bin/python bench/render_bench.py [--sizes 500 2000 5000] [--page output/graph.html]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.rdf import KG, bind
from kg.records import EVENT_KINDS
from kg.render import render_html

KGR = Namespace("https://w3id.org/parley/id/bench/")
ACTOR_CLASSES = [KG.Person, KG.Country, KG.Organization, KG.Group]
EVENT_CLASSES = [KG[kind] for kind in EVENT_KINDS]


def synthetic_graph(n_nodes: int, seed: int = 7) -> Graph:
    rng = random.Random(seed)
    g = bind(Graph())
    article = KGR["article"]
    g.add((article, RDF.type, KG.Article))
    g.add((article, DCTERMS.identifier, Literal("bench")))
    n_actors = n_nodes // 3
    actors = [KGR[f"actor/{i}"] for i in range(n_actors)]
    for i, actor in enumerate(actors):
        g.add((actor, RDF.type, rng.choice(ACTOR_CLASSES)))
        g.add((actor, RDFS.label, Literal(f"Actor {i}")))
        g.add((actor, KG.source, article))
    for i in range(n_nodes - n_actors):
        event, cls = KGR[f"event/{i}"], rng.choice(EVENT_CLASSES)
        g.add((event, RDF.type, cls))
        g.add((event, RDFS.label, Literal(f"Event {i}")))
        g.add((event, KG.evidence, Literal(f"Sentence {i} of the benchmark article.")))
        g.add((event, KG.source, article))
        prop = KG.participant if cls == KG.Meeting else KG.agent
        for actor in rng.sample(actors, rng.randint(2 if cls == KG.Meeting else 1, 3)):
            g.add((event, prop, actor))
    return g


def measure(browser, path: Path) -> tuple[float, float, float, int, int]:
    # bypass_csp lets Playwright poll with its own evaluated snippets; the page's
    # scripts are the same either way.
    page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    start = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.parleyStable === true", timeout=300_000)
    ready = time.perf_counter() - start
    node = page.evaluate("window.parleyNodes.getIds()[0]")
    start = time.perf_counter()
    page.evaluate(f"void window.parleyNetwork.body.emitter.emit('click', {{nodes: ['{node}'], edges: []}})")
    page.wait_for_function("document.querySelector('#panel h2') !== null")
    click = time.perf_counter() - start
    shown = page.evaluate("window.parleyNodes.get({filter: n => !n.hidden}).length")
    start = time.perf_counter()
    page.click("#view-events")
    page.wait_for_function("window.parleyStable === true", timeout=300_000)
    events_view = time.perf_counter() - start
    nodes = page.evaluate("window.parleyNodes.length")
    page.close()
    return ready, click, events_view, shown, nodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--page", type=Path, nargs="*", default=[], help="built pages to measure too")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        render_html(synthetic_graph(30), Path(tmp) / "warm.html")  # imports out of the first figure
        for size in args.sizes:
            graph = synthetic_graph(size)
            start = time.perf_counter()
            path = render_html(graph, Path(tmp) / f"g{size}.html")
            render_s = time.perf_counter() - start
            rows.append((f"{size:,}", f"{len(graph):,}", path.stat().st_size / 1e6, f"{render_s:.2f}",
                         *measure(browser, path)))
        for built in args.page:
            rows.append((built.name, "", built.stat().st_size / 1e6, "", *measure(browser, built)))
        browser.close()
    print("| graph | triples | file (MB) | render (s) | load to interactive (s) | click to panel (ms) "
          "| actors shown at first | events view: nodes | events view laid out (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, triples, mb, render_s, ready, click, events_view, shown, nodes in rows:
        print(f"| {name} | {triples} | {mb:.2f} | {render_s} | {ready:.2f} | {click * 1000:.0f} | {shown:,} "
              f"| {nodes:,} | {events_view:.2f} |")


if __name__ == "__main__":
    main()
