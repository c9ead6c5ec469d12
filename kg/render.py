"""The graph as an interactive HTML page: one self-contained, offline, safe file.

Two views of the same graph, switched in the page: **actors** (the default), the
actors view of ``kg.views.actor_network`` (actors as nodes sized by how much they did,
one edge per relation between two actors, coloured by its kind and as thick as its
events are many), and **events**, every actor and event as a node with roles as edges.
Under both a timeline of the events by resolved date. Event details come from
``kg.views.events`` (one reader of events for the page, the exports and Python users).

The page is Parley's own template (``data/render_page.html``) with vis-network inlined
from pyvis's bundled copy: pyvis's templates pull Bootstrap and other assets from CDNs,
which an analyst offline does not have. Text from articles reaches the page only as
JSON data that the page puts into the DOM with ``textContent``, never as HTML.
"""
from __future__ import annotations

import calendar
import html
import json
import math
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import views
from .fileio import write_atomic
from .rdf import KG

#: Node classes, in legend order: (key, RDF class, legend label, colour, shape).
CLASSES = (
    ("person", KG.Person, "People", "#4e79a7", "dot"),
    ("country", KG.Country, "Countries", "#59a14f", "dot"),
    ("organization", KG.Organization, "Organisations", "#9c755f", "dot"),
    ("group", KG.Group, "Groups", "#b07aa1", "dot"),
    ("meeting", KG.Meeting, "Meetings", "#76b7b2", "diamond"),
    ("proposal", KG.Proposal, "Proposals", "#f28e2b", "square"),
    ("rejection", KG.Rejection, "Rejections", "#e15759", "square"),
    ("demand", KG.Demand, "Demands", "#edc948", "square"),
    ("statement", KG.Statement, "Statements", "#bab0ac", "triangle"),
    ("acceptance", KG.Acceptance, "Acceptances", "#8cd17d", "square"),
    ("agreement", KG.Agreement, "Agreements", "#499894", "hexagon"),
)
ACTOR_CLASSES = ("person", "country", "organization", "group")
#: The actors view's relations (kg.views.RELATIONS): the event kind that makes each
#: (its colour and filter) and how the panel and legend say it.
RELATIONS = {"met": ("meeting", "met"), "proposed_to": ("proposal", "proposed to"),
             "demanded_of": ("demand", "demanded of"),
             "rejected_proposal_of": ("rejection", "rejected the proposal of"),
             "accepted": ("acceptance", "accepted the proposal of"),
             "agreed_with": ("agreement", "agreed with")}
#: Edges of the events view, by role: (colour, dashed). Events point at their actors,
#: a rejection or acceptance at what it answers, a person at what it belongs to.
ROLE_STYLES = {"agent": ("#8c8c8c", False), "participant": ("#8c8c8c", False), "party": ("#8c8c8c", False),
               "addressee": ("#8c8c8c", True), "rejects": ("#e15759", False), "accepts": ("#59a14f", False),
               "affiliation": ("#b5b5b5", True)}
EVENT_ROLES = tuple(role for role, *_ in views.ROLES)  # agent, participant, party, addressee
#: Physics settles in at most this many iterations, then the page switches it off.
STABILIZATION_ITERATIONS = 150
LARGE_GRAPH = 1000  # nodes; above this the slower "improved layout" pass is skipped
LARGE_GRAPH_ITERATIONS = 50
LABEL_LENGTH = 48  # characters of a node's label before it is cut with "…"
#: The actors view opens with at most this many actors, the most active: at hundreds of
#: articles most actors took part in one event, and all of them together are unreadable.
#: A field in the page lowers the threshold.
OPENING_ACTORS = 80


def class_of(graph: Graph, node: URIRef) -> str | None:
    types = set(graph.objects(node, RDF.type))
    for key, cls, *_ in CLASSES:
        if cls in types:
            return key
    return None


def texts(graph: Graph, node, prop) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, prop))


def actor_details(graph: Graph) -> dict[str, dict]:
    """Every actor of the graph by IRI: its class, names, roles and affiliations."""
    found = {}
    for key, cls, *_ in (c for c in CLASSES if c[0] in ACTOR_CLASSES):
        for node in sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)):
            if str(node) in found or class_of(graph, node) != key:
                continue
            found[str(node)] = {
                "cls": key, "label": str(graph.value(node, RDFS.label) or node.rsplit("/", 1)[-1]),
                "aliases": texts(graph, node, SKOS.altLabel), "roles": texts(graph, node, KG.role),
                "affiliations": sorted(str(graph.value(a, RDFS.label)) for a in graph.objects(node, KG.affiliation)),
                "affiliation_iris": sorted(str(a) for a in graph.objects(node, KG.affiliation)),
                "news_outlet": (node, RDF.type, KG.NewsOutlet) in graph}
    return found


def date_span(date: str | None) -> tuple[str, str] | None:
    """The first and last day a resolved date covers ('2025-08' -> 2025-08-01, 2025-08-31)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def event_detail(record: dict, article_index: dict[str, int]) -> dict:
    """What the page shows of one event (from its kg.views record). Its actors, by role,
    and what it answers are the events view's edges: the page reads them from there."""
    detail = {"cls": record["kind"].lower(), "label": record["label"],
              "articles": [article_index[a] for a in record["article_iris"]]}
    for key in ("subclass", "status", "date", "date_text", "place", "partial", "cameo", "quote"):
        if record[key] is not None and record[key] != "":
            detail[key] = record[key]
    for key in ("topics", "evidence"):
        if record[key]:
            detail[key] = record[key]
    span = date_span(record["date"])
    if span:
        detail["start"], detail["end"] = span
    return detail


def graph_to_networkx(graph: Graph, records: list[dict] | None = None,
                      actors: dict[str, dict] | None = None) -> nx.MultiDiGraph:
    """The events view: actors and events as nodes with their details; roles as edges."""
    records = views.events(graph) if records is None else records
    actors = actor_details(graph) if actors is None else actors
    g = nx.MultiDiGraph()
    for iri, detail in actors.items():
        g.add_node(iri, **{k: v for k, v in detail.items() if k != "affiliation_iris"})
    articles = article_table(records)
    index = {a["iri"]: i for i, a in enumerate(articles)}
    for record in records:
        detail = event_detail(record, index)
        if len(record["reports"]) > 1:  # the page lists each article's report
            detail["reports"] = [{"article": index[r["article_iri"]], "date": r["date"], "evidence": r["evidence"]}
                                 for r in record["reports"] if r["article_iri"] in index]
        g.add_node(record["iri"], **detail)
    for record in records:
        for role in EVENT_ROLES:
            for iri in record[role + "_iris"]:
                if iri in g:
                    g.add_edge(record["iri"], iri, key=role, role=role)
        for role in ("rejects", "accepts"):
            if record[role] and record[role]["iri"] in g:
                g.add_edge(record["iri"], record[role]["iri"], key=role, role=role)
    for iri, detail in actors.items():
        for other in detail["affiliation_iris"]:
            if other in g:
                g.add_edge(iri, other, key="affiliation", role="affiliation")
    return g


def article_table(records: list[dict]) -> list[dict]:
    """Every article an event cites, once, by id: what the article filter lists."""
    found = {}
    for record in records:
        for iri, article_id, title, url in zip(record["article_iris"], record["article_ids"],
                                               record["titles"], record["addresses"]):
            found[iri] = {"iri": iri, "id": article_id, "title": title, "url": url}
    return sorted(found.values(), key=lambda a: (a["id"], a["iri"]))


def short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[:LABEL_LENGTH - 1] + "…"


def events_view(g: nx.MultiDiGraph) -> dict:
    """vis-network nodes and edges of the events view: size by degree; colour and shape
    by class (the page gives them from the legend: 5,000 nodes have 7,000 edges)."""
    nodes = [{"id": node_id, "label": short(attrs["label"]), "size": min(10 + 3 * g.degree(node_id), 40),
              "cls": attrs["cls"]} for node_id, attrs in g.nodes(data=True)]
    # Colour and dashes come from the role in the page (data["roles"]).
    edges = [{"from": source, "to": target, "role": attrs["role"]} for source, target, attrs in g.edges(data=True)]
    view_options = options(len(nodes))
    view_options["edges"]["arrows"] = "to"
    return {"nodes": nodes, "edges": edges, "options": view_options}


def actors_view(net: nx.MultiDiGraph, actors: dict[str, dict], order: dict[str, int]) -> dict:
    """vis-network nodes and edges of the actors view: an actor's size by its events, an
    edge a relation, coloured by kind, as thick as its events are many; parallel
    relations between two actors curve apart. An edge's events are their places in
    ``order`` (the page's list of events), shorter than their IRIs."""
    colours = {key: colour for key, _, _, colour, _ in CLASSES}
    nodes = [{"id": iri, "label": short(actors[iri]["label"]), "value": attrs["events"], "cls": actors[iri]["cls"]}
             for iri, attrs in net.nodes(data=True) if iri in actors]
    edges, pairs = [], defaultdict(int)
    for a, b, attrs in net.edges(data=True):
        if a not in actors or b not in actors:
            continue
        kind = RELATIONS[attrs["relation"]][0]
        nth = pairs[tuple(sorted((a, b)))]
        pairs[tuple(sorted((a, b)))] += 1
        edge = {"from": a, "to": b, "relation": attrs["relation"], "events": [order[e] for e in attrs["events"]],
                "color": colours[kind], "width": edge_width(attrs["weight"])}
        if attrs["directed"]:
            edge["arrows"] = "to"
        if nth:
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                              "roundness": 0.2 * ((nth + 1) // 2)}
        edges.append(edge)
    view_options = options(len(nodes))
    view_options["nodes"].update(scaling={"min": 10, "max": 42, "label": {
        "enabled": True, "min": 14, "max": 30, "maxVisible": 30, "drawThreshold": 6}})
    return {"nodes": nodes, "edges": edges, "options": view_options,
            "min_events": opening_threshold([n["value"] for n in nodes])}


def opening_threshold(events: list[int], most: int = OPENING_ACTORS) -> int:
    """The fewest events an actor needs to be shown at first, so that at most ``most`` are."""
    threshold = 1
    while sum(1 for n in events if n >= threshold) > most:
        threshold += 1
    return threshold


def edge_width(events: int) -> float:
    """An edge's thickness for its number of events: 1.5 for one, +3 each doubling, at most 12."""
    return round(min(1.5 + 3 * math.log2(max(events, 1)), 12), 1)


def options(n_nodes: int) -> dict:
    return {
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= LARGE_GRAPH},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {
            "enabled": True, "updateInterval": 25, "fit": True,
            # Fewer layout steps as the graph grows keep the page's start under seconds.
            "iterations": STABILIZATION_ITERATIONS if n_nodes <= LARGE_GRAPH else LARGE_GRAPH_ITERATIONS}},
        "edges": {"smooth": False, "selectionWidth": 2},
        # Labels keep their weight when selected: the boxes the page keeps apart stay true.
        "nodes": {"font": {"size": 14}, "labelHighlightBold": False},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": n_nodes > LARGE_GRAPH},
    }


def script_json(value) -> str:
    """JSON that is safe inside <script>: no '<', '>', '&' or line separators as such."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def page_data(graph: Graph, title: str) -> dict:
    """Everything the page shows, as JSON-ready data."""
    records = views.events(graph)
    actors = actor_details(graph)
    g = graph_to_networkx(graph, records, actors)
    articles = article_table(records)
    # A node's class is on its node of the events view: the page copies it over.
    details = {n: {k: v for k, v in a.items() if k != "cls"} for n, a in g.nodes(data=True)}
    net = views.actor_network(graph, records=records)
    for iri, attrs in net.nodes(data=True):
        if iri in details:
            details[iri].update(events=attrs["events"], statements=attrs["statements"])
    return {
        "title": title,
        "views": {"actors": actors_view(net, actors, {r["iri"]: i for i, r in enumerate(records)}),
                  "events": events_view(g)},
        "details": details,
        "events": [r["iri"] for r in records],
        "articles": [{k: a[k] for k in ("id", "title", "url")} for a in articles],
        "legend": [{"key": k, "label": label, "color": colour, "shape": shape}
                   for k, _, label, colour, shape in CLASSES],
        "relations": {name: {"cls": kind, "label": said} for name, (kind, said) in RELATIONS.items()},
        "roles": {role: {"color": colour, "dashes": dashed} for role, (colour, dashed) in ROLE_STYLES.items()},
        "role_fields": {role: key for role, key, _ in views.ROLES},
    }


def page(graph: Graph, title: str) -> str:
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    template = (resources.files("kg") / "data" / "render_page.html").read_text(encoding="utf-8")
    replacements = {
        "{{TITLE}}": html.escape(title),
        "{{VIS_CSS}}": (lib / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style"),
        "{{VIS_JS}}": (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        "{{DATA}}": script_json(page_data(graph, title)),
    }
    # One pass, so that nothing inserted is itself searched for placeholders.
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements.get(m.group(0), m.group(0)), template)


def render_html(graph: Graph, path: str | Path, *, title: str = "Parley graph") -> Path:
    """Write the interactive page for ``graph`` to ``path`` (atomically)."""
    return write_atomic(Path(path), page(graph, title))
