"""The graph as an interactive HTML network: one self-contained, offline, safe page.

The RDF graph is read into networkx (actors and events as nodes, roles as edges),
laid out as a pyvis network, and written into Parley's own page template
(``data/render_page.html``) with vis-network inlined from pyvis's bundled copy:
pyvis's templates pull Bootstrap and other assets from CDNs, which an analyst
offline does not have. Text from articles reaches the page only as JSON data that
the page puts into the DOM with ``textContent``, never as HTML.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

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
EVENT_CLASSES = {"meeting", "proposal", "rejection", "demand", "statement", "acceptance", "agreement"}
#: Edges: an agreement's parties are drawn as a meeting's participants are, what an
#: acceptance accepts as what a rejection rejects.
ROLES = {KG.agent: "agent", KG.participant: "participant", KG.rejects: "rejects",
         KG.affiliation: "affiliation", KG.addressee: "addressee", KG.party: "party",
         KG.accepts: "accepts"}
#: Physics settles in at most this many iterations, then the page switches it off.
STABILIZATION_ITERATIONS = 150
LARGE_GRAPH = 1000  # nodes; above this the slower "improved layout" pass is skipped
LARGE_GRAPH_ITERATIONS = 50


def class_of(graph: Graph, node: URIRef) -> str | None:
    types = set(graph.objects(node, RDF.type))
    for key, cls, *_ in CLASSES:
        if cls in types:
            return key
    return None


def texts(graph: Graph, node, prop) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, prop))


def graph_to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Actors and events as nodes with their details; roles as labelled edges."""
    g = nx.MultiDiGraph()
    for node in sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        cls = class_of(graph, node)
        if cls is None:
            continue
        attrs = {"label": str(graph.value(node, RDFS.label) or node.rsplit("/", 1)[-1]), "cls": cls,
                 "aliases": texts(graph, node, SKOS.altLabel)}
        if cls in EVENT_CLASSES:
            article = min(graph.objects(node, KG.source), default=None)  # the same one every build
            status = graph.value(node, KG.status)
            attrs.update(
                evidence=texts(graph, node, KG.evidence),
                date=str(graph.value(node, KG.date) or graph.value(node, KG.dateText) or ""),
                quote=str(graph.value(node, KG.quote) or ""),
                status=status.rsplit("#", 1)[-1] if status else "",
                topics=sorted(str(graph.value(t, RDFS.label)) for t in graph.objects(node, KG.topic)),
                place=str(graph.value(graph.value(node, KG.place), RDFS.label) or "")
                if graph.value(node, KG.place) else "",
                article=str(graph.value(article, DCTERMS.identifier) or "") if article else "",
                article_title=str(graph.value(article, DCTERMS.title) or "") if article else "",
                article_url=str(graph.value(article, DCTERMS.source) or "") if article else "",
            )
            attrs["reports"] = reports_of(graph, node)
            cameo = graph.value(node, KG.cameoCode)
            if cameo is not None:
                attrs["cameo"] = str(cameo)
            partial = graph.value(node, KG.partial)
            if partial is not None:
                attrs["partial"] = partial.toPython() is True
            if (node, RDF.type, KG.NewsOutlet) in graph:
                attrs["outlet"] = True
        else:
            attrs.update(roles=texts(graph, node, KG.role),
                         affiliations=sorted(str(graph.value(a, RDFS.label))
                                             for a in graph.objects(node, KG.affiliation)),
                         news_outlet=(node, RDF.type, KG.NewsOutlet) in graph)
        g.add_node(str(node), **attrs)
    for prop, role in ROLES.items():
        for s, o in sorted(graph.subject_objects(prop)):
            if str(s) in g and str(o) in g:
                g.add_edge(str(s), str(o), key=role, role=role)
    return g


def reports_of(graph: Graph, event: URIRef) -> list[dict]:
    """Each article's report of the event, earliest first: the article and its sentences."""
    reports = []
    for report in graph.objects(event, KG.report):
        article = graph.value(report, KG.source)
        reports.append({"article": str(graph.value(article, DCTERMS.identifier) or ""),
                        "title": str(graph.value(article, DCTERMS.title) or ""),
                        "url": str(graph.value(article, DCTERMS.source) or ""),
                        "date": str(graph.value(report, DCTERMS.date) or ""),
                        "evidence": texts(graph, report, KG.evidence)})
    return sorted(reports, key=lambda r: (r["date"], r["article"]))


def build_network(g: nx.MultiDiGraph) -> Network:
    """The pyvis network: colour and shape by class, size by degree, edges by role."""
    colours = {key: (colour, shape) for key, _, _, colour, shape in CLASSES}
    net = Network(directed=True, cdn_resources="remote")
    for node_id, attrs in g.nodes(data=True):
        colour, shape = colours[attrs["cls"]]
        degree = g.degree(node_id)
        label = attrs["label"] if len(attrs["label"]) <= 48 else attrs["label"][:47] + "…"
        net.add_node(node_id, label=label, color=colour, shape=shape,
                     size=min(10 + 3 * degree, 40), cls=attrs["cls"])
    for source, target, attrs in g.edges(data=True):
        net.add_edge(source, target, label=attrs["role"], arrows="to")
    net.set_options(json.dumps(options(g.number_of_nodes())))
    return net


def options(n_nodes: int) -> dict:
    return {
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= LARGE_GRAPH},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {
            "enabled": True, "updateInterval": 25, "fit": True,
            # Fewer layout steps as the graph grows keep the page's start under seconds.
            "iterations": STABILIZATION_ITERATIONS if n_nodes <= LARGE_GRAPH else LARGE_GRAPH_ITERATIONS}},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False,
                  "color": {"inherit": False, "color": "#999999"}},
        "nodes": {"font": {"size": 14}},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": n_nodes > LARGE_GRAPH},
    }


def script_json(value) -> str:
    """JSON that is safe inside <script>: no '<', '>', '&' or line separators as such."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def page(g: nx.MultiDiGraph, title: str) -> str:
    net = build_network(g)
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    template = (resources.files("kg") / "data" / "render_page.html").read_text(encoding="utf-8")
    data = {
        "nodes": [{k: v for k, v in node.items() if k != "title"} for node in net.nodes],
        "edges": net.edges,
        "options": net.options,
        "details": {n: a for n, a in g.nodes(data=True)},
        "legend": [{"key": k, "label": label, "color": colour, "shape": shape}
                   for k, _, label, colour, shape in CLASSES],
        "title": title,
    }
    replacements = {
        "{{TITLE}}": html.escape(title),
        "{{VIS_CSS}}": (lib / "vis-network.css").read_text(encoding="utf-8").replace("</style", "<\\/style"),
        "{{VIS_JS}}": (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        "{{DATA}}": script_json(data),
    }
    # One pass, so that nothing inserted is itself searched for placeholders.
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: replacements.get(m.group(0), m.group(0)), template)


def render_html(graph: Graph, path: str | Path, *, title: str = "Parley graph") -> Path:
    """Write the interactive page for ``graph`` to ``path`` (atomically)."""
    return write_atomic(Path(path), page(graph_to_networkx(graph), title))
