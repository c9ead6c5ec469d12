"""Views of a built graph for analysts: plain event records and networkx graphs.

    >>> import kg, pandas
    >>> records = kg.events(graph)                   # list[dict], one per event
    >>> frame = pandas.DataFrame(records)
    >>> actors = kg.to_networkx(graph)               # the actors view (a MultiDiGraph)
    >>> full = kg.to_networkx(graph, view="events")  # actors and events as nodes

``graph`` is an rdflib ``Graph`` or an Oxigraph ``Store`` (a build's store, read whole).

``events(graph, kind_filter=None) -> list[dict]``: dated events by date, then undated
ones; within a date by first article id and IRI. Keys:

    iri, kind ("Meeting" ... "Agreement"), subclass ("PhoneCall", "Visit" or None),
    label, status ("Actual", "Planned", "Hypothetical" or None),
    date (the resolved kg:date as written: "2025-08-18", "2025-08", "2025"; or None),
    date_text (the date as the article wrote it when unresolved, or None),
    agents, participants, parties, addressees (actor labels) and
    agent_iris, participant_iris, party_iris, addressee_iris (the same actors' IRIs, in
    the same order), topics (labels), place and place_iri (or None),
    rejects, accepts (None, or {"iri", "kind", "label", "topics", "proposers",
    "proposer_iris"}: the proposal or demand responded to and who made it),
    partial (bool for an acceptance, else None), cameo (code or None), trigger, quote,
    evidence (sentences), article_ids, titles, addresses, article_iris (one entry per
    kg:source article, in article-id order; an event merged across articles has several),
    reports (each article's kg:Report, earliest first: {"article_iri", "article_id", "date",
    "evidence"}).

``actor_network(graph, kind_filter=None) -> networkx.MultiDiGraph``, the actors view:
nodes are actor IRIs with ``label``, ``type`` ("Person", "Country", "Organization",
"NewsOutlet", "Group"), ``events`` (events they take part in, statements included)
and ``statements`` (statements they made); between two actors one edge per relation,
keyed by the relation: ``met`` (meeting participants, pairwise), ``proposed_to``
(proposer -> addressee), ``demanded_of`` (demander -> addressee),
``rejected_proposal_of`` (rejecter -> proposer of what was rejected), ``accepted``
(accepter -> proposer of what was accepted) and ``agreed_with`` (agreement parties,
pairwise). Edge attributes: ``relation``, ``weight`` (number of events), ``events``
(their IRIs), ``directed`` (False for met and agreed_with, which are stored once,
from the lower IRI to the higher). Statements make no edges: they are counted on their
speaker. ``kind_filter`` (a kind or several) keeps only events of those kinds ("Meeting", ...).

``to_networkx(graph, view="actors"|"events", kind_filter=None)``: the actors view, or the events view
(actor and event nodes, ``type`` on each; edges from an event to its actors keyed by
role, ``agent``, ``participant``, ``party``, ``addressee``, and from a rejection or
acceptance to what it ``rejects`` or ``accepts``).

Every attribute of the networkx graphs that is a list is dropped or joined by
``flat(g)`` before writing GEXF or GraphML (``kg export`` does this).
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING, Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from .namespace import KG
from .records import EVENT_KINDS

if TYPE_CHECKING:  # networkx is imported when a network is made: `import kg` stays quick
    import networkx as nx

#: Actor classes, most specific first: a news outlet is typed Organization as well.
ACTOR_TYPES = ("NewsOutlet", "Person", "Country", "Organization", "Group")
EVENT_SUBCLASSES = ("PhoneCall", "Visit")
#: Actor roles of an event: (role, the record's key for its actors' labels, property);
#: the actors' IRIs are under "<role>_iris".
ROLES = (("agent", "agents", KG.agent), ("participant", "participants", KG.participant),
         ("party", "parties", KG.party), ("addressee", "addressees", KG.addressee))
#: Relations of the actors view, in the order they are listed.
RELATIONS = ("met", "proposed_to", "demanded_of", "rejected_proposal_of", "accepted", "agreed_with")
SYMMETRIC = {"met", "agreed_with"}
VIEWS = ("actors", "events")


def as_rdflib(graph) -> Graph:
    """An rdflib graph as it is; an Oxigraph store read whole into one."""
    if isinstance(graph, Graph):
        return graph
    from . import store as stores

    return stores.to_graph(graph)


def tail(iri) -> str:
    """The last segment of an IRI: "Actual" of kg:Actual, "sahel-1" of an article's."""
    return str(iri).rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def label_of(graph: Graph, node) -> str:
    found = graph.value(node, RDFS.label)
    return str(found) if found is not None else tail(node)


def kind_of(graph: Graph, node) -> str | None:
    types = set(graph.objects(node, RDF.type))
    return next((kind for kind in EVENT_KINDS if KG[kind] in types), None)


def actor_type(graph: Graph, node) -> str | None:
    types = set(graph.objects(node, RDF.type))
    return next((name for name in ACTOR_TYPES if KG[name] in types), None)


def text_or_none(value) -> str | None:
    return None if value is None else str(value)


def actors_in(graph: Graph, event, prop) -> list[tuple[str, str]]:
    """(label, iri) of the actors filling one role, by label."""
    return sorted((label_of(graph, a), str(a)) for a in graph.objects(event, prop))


def responded_to(graph: Graph, target) -> dict | None:
    """The proposal or demand a rejection or acceptance responds to, and its makers."""
    if target is None:
        return None
    makers = actors_in(graph, target, KG.agent)
    return {"iri": str(target), "kind": kind_of(graph, target), "label": label_of(graph, target),
            "topics": sorted(label_of(graph, t) for t in graph.objects(target, KG.topic)),
            "proposers": [name for name, _ in makers], "proposer_iris": [iri for _, iri in makers]}


def event_record(graph: Graph, event: URIRef, kind: str) -> dict:
    types = set(graph.objects(event, RDF.type))
    status = graph.value(event, KG.status)
    place = graph.value(event, KG.place)
    partial = graph.value(event, KG.partial)
    articles = sorted((str(graph.value(a, DCTERMS.identifier) or tail(a)), a)
                      for a in graph.objects(event, KG.source))
    record = {"iri": str(event), "kind": kind,
              "subclass": next((s for s in EVENT_SUBCLASSES if KG[s] in types), None),
              "label": label_of(graph, event),
              "status": tail(status) if status is not None else None,
              "date": text_or_none(graph.value(event, KG.date)),
              "date_text": text_or_none(graph.value(event, KG.dateText))}
    for role, key, prop in ROLES:
        filled = actors_in(graph, event, prop)
        record[key] = [name for name, _ in filled]
        record[role + "_iris"] = [iri for _, iri in filled]
    record.update(
        topics=sorted(label_of(graph, t) for t in graph.objects(event, KG.topic)),
        place=label_of(graph, place) if place is not None else None,
        place_iri=text_or_none(place),
        rejects=responded_to(graph, graph.value(event, KG.rejects)),
        accepts=responded_to(graph, graph.value(event, KG.accepts)),
        partial=partial.toPython() is True if partial is not None else None,
        cameo=text_or_none(graph.value(event, KG.cameoCode)),
        trigger=text_or_none(graph.value(event, KG.trigger)),
        quote=text_or_none(graph.value(event, KG.quote)),
        evidence=sorted(str(s) for s in graph.objects(event, KG.evidence)),
        article_ids=[article_id for article_id, _ in articles],
        titles=[str(graph.value(a, DCTERMS.title) or "") for _, a in articles],
        addresses=[str(graph.value(a, DCTERMS.source) or "") for _, a in articles],
        article_iris=[str(a) for _, a in articles],
        reports=reports_of(graph, event),
    )
    return record


def reports_of(graph: Graph, event: URIRef) -> list[dict]:
    """Each article's report of an event (kg:report), earliest first: the article, its
    date and its sentences."""
    reports = []
    for report in graph.objects(event, KG.report):
        article = graph.value(report, KG.source)
        reports.append({"article_iri": str(article), "article_id": str(graph.value(article, DCTERMS.identifier) or ""),
                        "date": str(graph.value(report, DCTERMS.date) or ""),
                        "evidence": sorted(str(s) for s in graph.objects(report, KG.evidence))})
    return sorted(reports, key=lambda r: (r["date"], r["article_id"], r["article_iri"]))


def events(graph, kind_filter: Iterable[str] | str | None = None) -> list[dict]:
    """Every event of ``graph`` as a plain record (see the module's docstring): dated
    events by date, then undated ones; within a date by article and IRI."""
    graph = as_rdflib(graph)
    wanted = kind_set(kind_filter)
    found = []
    for kind in wanted:
        for event in set(graph.subjects(RDF.type, KG[kind])):
            if isinstance(event, URIRef) and kind_of(graph, event) == kind:
                found.append(event_record(graph, event, kind))
    found.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["article_ids"][:1], r["iri"]))
    return found


def kind_set(kinds: Iterable[str] | str | None) -> tuple[str, ...]:
    if kinds is None:
        return EVENT_KINDS
    if isinstance(kinds, str):
        kinds = [kinds]
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in EVENT_KINDS]
    if unknown:
        raise ValueError(f"unknown event kind {unknown[0]!r}: one of {', '.join(EVENT_KINDS)}")
    return tuple(k for k in EVENT_KINDS if k in kinds)


def relations_of(record: dict) -> Iterable[tuple[str, str, str]]:
    """(relation, from actor IRI, to actor IRI) for each actor-to-actor link of an event."""
    kind = record["kind"]
    if kind == "Meeting":
        for a, b in combinations(sorted(set(record["participant_iris"])), 2):
            yield "met", a, b
    elif kind == "Agreement":
        for a, b in combinations(sorted(set(record["party_iris"])), 2):
            yield "agreed_with", a, b
    elif kind in ("Proposal", "Demand"):
        relation = "proposed_to" if kind == "Proposal" else "demanded_of"
        for a in record["agent_iris"]:
            for b in record["addressee_iris"]:
                yield relation, a, b
    elif kind in ("Rejection", "Acceptance"):
        relation, target = (("rejected_proposal_of", record["rejects"]) if kind == "Rejection"
                            else ("accepted", record["accepts"]))
        for a in record["agent_iris"]:
            for b in (target or {}).get("proposer_iris", []):
                yield relation, a, b


def actor_network(graph, kind_filter: Iterable[str] | str | None = None,
                  records: list[dict] | None = None) -> nx.MultiDiGraph:
    """The actors view (see the module's docstring). ``records``: the events of
    ``graph`` when the caller has them already."""
    import networkx as nx

    graph = as_rdflib(graph)
    wanted = set(kind_set(kind_filter))
    records = [r for r in (events(graph) if records is None else records) if r["kind"] in wanted]
    net = nx.MultiDiGraph()

    def add_actor(iri: str) -> None:
        if iri not in net:
            node = URIRef(iri)
            net.add_node(iri, label=label_of(graph, node), type=actor_type(graph, node) or "Actor",
                         events=0, statements=0)

    edges: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for record in records:
        taking_part = {iri for role, *_ in ROLES for iri in record[role + "_iris"]}
        for iri in sorted(taking_part):
            add_actor(iri)
            net.nodes[iri]["events"] += 1
        if record["kind"] == "Statement":
            for iri in record["agent_iris"]:
                net.nodes[iri]["statements"] += 1
        for relation, a, b in relations_of(record):
            if a == b:
                continue  # an actor rejecting its own proposal is no link between two
            add_actor(a)
            add_actor(b)
            if record["iri"] not in edges[relation, a, b]:
                edges[relation, a, b].append(record["iri"])
    for (relation, a, b), event_iris in sorted(edges.items(), key=lambda kv: (RELATIONS.index(kv[0][0]), kv[0])):
        net.add_edge(a, b, key=relation, relation=relation, weight=len(event_iris), events=event_iris,
                     directed=relation not in SYMMETRIC)
    return net


def event_network(graph, records: list[dict] | None = None) -> nx.MultiDiGraph:
    """The events view: actors and events as nodes, roles as edges (event -> actor), and
    what a rejection or acceptance responds to (event -> event)."""
    import networkx as nx

    graph = as_rdflib(graph)
    records = events(graph) if records is None else records
    net = nx.MultiDiGraph()
    for record in records:
        net.add_node(record["iri"], label=record["label"], type=record["kind"],
                     subclass=record["subclass"] or "", date=record["date"] or record["date_text"] or "",
                     status=record["status"] or "", cameo=record["cameo"] or "",
                     articles=record["article_ids"], evidence=record["evidence"])
    for record in records:
        for role, *_ in ROLES:
            for iri in record[role + "_iris"]:
                if iri not in net:
                    node = URIRef(iri)
                    net.add_node(iri, label=label_of(graph, node), type=actor_type(graph, node) or "Actor")
                net.add_edge(record["iri"], iri, key=role, role=role)
        for role in ("rejects", "accepts"):
            target = record[role]
            if target and target["iri"] in net:
                net.add_edge(record["iri"], target["iri"], key=role, role=role)
    return net


def to_networkx(graph, view: str = "actors", kind_filter: Iterable[str] | str | None = None) -> nx.MultiDiGraph:
    """The actors view (default) or the events view of ``graph`` as a networkx MultiDiGraph."""
    if view == "actors":
        return actor_network(graph, kind_filter)
    if view == "events":
        records = events(graph, kind_filter)
        return event_network(graph, records)
    raise ValueError(f"unknown view {view!r}: one of {', '.join(VIEWS)}")


#: Columns of ``event_table`` (``kg export --format csv``): one row an event.
EVENT_COLUMNS = ("event", "kind", "subclass", "status", "date", "date_text", "agents", "participants",
                 "parties", "addressees", "topics", "responds_to", "responds_to_kind", "proposers",
                 "partial", "cameo", "place", "evidence", "quote", "article", "title", "address",
                 "event_iri", "responds_to_iri")
SEPARATOR = " | "  # between the values of one cell, as the bundled queries' GROUP_CONCATs


def event_table(records: list[dict]):
    """The records as a ``kg.query.Table`` of text: one row an event, the cells of
    several values (actors, topics, sentences, articles) joined with `` | ``; what a
    rejection or acceptance responds to and who proposed it in ``responds_to`` and
    ``proposers``."""
    from .query import Table

    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, (list, tuple)):
            return SEPARATOR.join(map(str, value))
        return str(value)

    rows = []
    for r in records:
        target = r["rejects"] or r["accepts"] or {}
        row = {"event": r["label"], "kind": r["kind"], "subclass": r["subclass"], "status": r["status"],
               "date": r["date"], "date_text": r["date_text"], "agents": r["agents"],
               "participants": r["participants"], "parties": r["parties"], "addressees": r["addressees"],
               "topics": r["topics"], "responds_to": target.get("label"), "responds_to_kind": target.get("kind"),
               "proposers": target.get("proposers"), "partial": r["partial"], "cameo": r["cameo"],
               "place": r["place"], "evidence": r["evidence"], "quote": r["quote"],
               "article": r["article_ids"], "title": r["titles"], "address": r["addresses"],
               "event_iri": r["iri"], "responds_to_iri": target.get("iri")}
        rows.append([cell(row[c]) for c in EVENT_COLUMNS])
    return Table(list(EVENT_COLUMNS), rows)


def flat(net: nx.MultiDiGraph, separator: str = " | ") -> nx.MultiDiGraph:
    """A copy whose attributes GEXF and GraphML can hold: lists joined with
    ``separator`` (and a count beside them), None as empty text."""
    import networkx as nx

    def plain(attrs: dict) -> dict:
        out = {}
        for name, value in attrs.items():
            if isinstance(value, (list, tuple, set)):
                out[name] = separator.join(map(str, value))
            elif value is None:
                out[name] = ""
            else:
                out[name] = value
        return out

    copy = nx.MultiDiGraph()
    copy.add_nodes_from((n, plain(a)) for n, a in net.nodes(data=True))
    copy.add_edges_from((u, v, k, plain(a)) for u, v, k, a in net.edges(keys=True, data=True))
    return copy


__all__ = ["events", "actor_network", "event_network", "to_networkx", "event_table", "flat", "EVENT_COLUMNS",
           "RELATIONS", "VIEWS"]
