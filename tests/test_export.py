"""The analyst's formats: kg.events records, the actors view in networkx, and `kg export`
as GEXF, GraphML and CSV, each checked against what SPARQL says of the same graph."""
from __future__ import annotations

import csv
from collections import Counter

import networkx as nx
import pytest
from rdflib import Graph, URIRef

import kg
from conftest import run_kg
from kg.namespace import KG
from kg.query import query
from kg.rdf import to_graph
from kg.views import RELATIONS, actor_network, event_table, events
from test_rdf import accords

PREFIXES = """PREFIX kg: <https://w3id.org/parley/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
EVENT_CLASSES = "VALUES ?cls { kg:Proposal kg:Rejection kg:Demand kg:Meeting kg:Statement kg:Acceptance kg:Agreement }"
#: Each relation of the actors view, as SPARQL finds its (event, from, to) triples.
RELATION_PATTERNS = {
    "met": "?e a kg:Meeting ; kg:participant ?a, ?b . FILTER (STR(?a) < STR(?b))",
    "agreed_with": "?e a kg:Agreement ; kg:party ?a, ?b . FILTER (STR(?a) < STR(?b))",
    "proposed_to": "?e a kg:Proposal ; kg:agent ?a ; kg:addressee ?b . FILTER (?a != ?b)",
    "demanded_of": "?e a kg:Demand ; kg:agent ?a ; kg:addressee ?b . FILTER (?a != ?b)",
    "rejected_proposal_of": "?e a kg:Rejection ; kg:agent ?a ; kg:rejects ?p . ?p kg:agent ?b . FILTER (?a != ?b)",
    "accepted": "?e a kg:Acceptance ; kg:agent ?a ; kg:accepts ?p . ?p kg:agent ?b . FILTER (?a != ?b)",
}


def sparql_relations(graph) -> Counter:
    """(relation, from IRI, to IRI) -> number of events, by SPARQL."""
    counts: Counter = Counter()
    for relation, pattern in RELATION_PATTERNS.items():
        for e, a, b in query(graph, f"{PREFIXES} SELECT DISTINCT ?e ?a ?b WHERE {{ {pattern} }}").rows:
            counts[relation, a, b] += 1
    return counts


def sparql_events(graph) -> dict[str, dict]:
    """Event IRI -> its kind, agent labels and article ids, by SPARQL."""
    found: dict[str, dict] = {}
    text = f"""{PREFIXES} SELECT ?e ?kind ?agent ?article WHERE {{
        {EVENT_CLASSES} ?e a ?cls ; kg:source ?src . ?src dcterms:identifier ?article .
        BIND (STRAFTER(STR(?cls), "#") AS ?kind)
        OPTIONAL {{ ?e kg:agent ?a . ?a rdfs:label ?agent }} }}"""
    for e, kind, agent, article in query(graph, text).rows:
        entry = found.setdefault(e, {"kind": kind, "agents": set(), "articles": set()})
        entry["agents"] |= {agent} if agent else set()
        entry["articles"].add(article)
    return found


def weights(net) -> Counter:
    return Counter({(k, u, v): data["weight"] for u, v, k, data in net.edges(keys=True, data=True)})


@pytest.fixture(scope="module")
def workbench_graph() -> Graph:
    """accords() (a proposal, a partial acceptance, an agreement) with what the builder
    does not write yet: a proposal's addressee, and an agreement read from two articles."""
    graph = to_graph(accords())
    proposal = URIRef("https://w3id.org/parley/id/event/sahel-1/proposal-12")
    agreement = URIRef("https://w3id.org/parley/id/event/caucasus-1/agreement-40")
    graph.add((proposal, KG.addressee, URIRef("https://w3id.org/parley/id/actor/mali")))
    graph.add((agreement, KG.source, URIRef("https://w3id.org/parley/id/article/sahel-1")))
    return graph


# -- kg.events and the actors view ----------------------------------------------------

def test_edge_weights_are_the_events_sparql_counts_on_the_seeds(seeds_graph):
    net = kg.to_networkx(seeds_graph)
    expected = sparql_relations(seeds_graph)
    assert weights(net) == expected
    assert {k for k, *_ in expected} >= {"met", "rejected_proposal_of"}
    for u, v, k, data in net.edges(keys=True, data=True):
        assert k == data["relation"] and data["weight"] == len(data["events"]) == len(set(data["events"]))


def test_every_relation_of_the_actors_view_is_made(workbench_graph):
    net = actor_network(workbench_graph)
    assert weights(net) == sparql_relations(workbench_graph)
    label = {n: d["label"] for n, d in net.nodes(data=True)}
    named = {(k, label[u], label[v]) for u, v, k in net.edges(keys=True)}
    assert named == {("proposed_to", "ECOWAS", "Mali"), ("accepted", "Mali", "ECOWAS"),
                     ("agreed_with", "Armenia", "Azerbaijan")}
    assert set(RELATIONS) >= {k for k, *_ in named}
    # The mediator of the agreement takes part in it but is no party: a node, no edge.
    united_states = "https://w3id.org/parley/id/actor/united-states"
    assert net.nodes[united_states]["events"] == 1 and net.degree(united_states) == 0
    assert net.nodes["https://w3id.org/parley/id/actor/mali"]["type"] == "Country"
    assert net.nodes["https://w3id.org/parley/id/actor/ecowas"]["type"] == "Organization"


def test_statements_are_counted_on_their_speaker_not_drawn(seeds_graph):
    net = actor_network(seeds_graph)
    spoken = Counter(a for (a,) in query(seeds_graph, f"{PREFIXES} SELECT ?a WHERE {{ ?s a kg:Statement ; kg:agent ?a }}").rows)
    assert spoken and {n: d["statements"] for n, d in net.nodes(data=True) if d["statements"]} == dict(spoken)
    only_statements = actor_network(seeds_graph, kind_filter="Statement")
    assert only_statements.number_of_edges() == 0 and only_statements.number_of_nodes() == len(spoken)


def test_events_are_plain_records_one_per_event(seeds_graph):
    records = kg.events(seeds_graph)
    expected = sparql_events(seeds_graph)
    assert sorted(r["iri"] for r in records) == sorted(expected)
    for r in records:
        assert r["kind"] == expected[r["iri"]]["kind"]
        assert set(r["agents"]) == expected[r["iri"]]["agents"]
        assert r["article_ids"] == sorted(expected[r["iri"]]["articles"]) and r["evidence"]
        assert len(r["agent_iris"]) == len(r["agents"])
    rejection = next(r for r in records if r["kind"] == "Rejection" and r["rejects"])
    assert rejection["rejects"]["kind"] == "Proposal" and rejection["rejects"]["proposers"]
    assert kg.events(seeds_graph, "Meeting") == [r for r in records if r["kind"] == "Meeting"]


def test_an_event_from_several_articles_lists_each(workbench_graph):
    (agreement,) = events(workbench_graph, kind_filter=["Agreement"])
    assert agreement["article_ids"] == ["caucasus-1", "sahel-1"]
    assert agreement["titles"] == ["Peace treaty signed", "Junta accepts parts of roadmap"]
    assert agreement["parties"] == ["Armenia", "Azerbaijan"] and agreement["participants"] == ["United States"]
    assert agreement["date"] == "2025-08-08" and agreement["place"] == "Washington" and agreement["cameo"] == "057"
    (acceptance,) = events(workbench_graph, "Acceptance")
    assert acceptance["partial"] is True and acceptance["accepts"]["proposers"] == ["ECOWAS"]
    row = dict(zip(*[event_table([agreement]).columns, event_table([agreement]).rows[0]]))
    assert row["article"] == "caucasus-1 | sahel-1" and row["parties"] == "Armenia | Azerbaijan"


def test_the_events_view_has_actors_and_events(workbench_graph):
    net = kg.to_networkx(workbench_graph, view="events")
    kinds = Counter(d["type"] for _, d in net.nodes(data=True))
    assert kinds == {"Country": 4, "Organization": 1, "Proposal": 1, "Acceptance": 1, "Agreement": 1}
    assert {k for *_, k in net.edges(keys=True)} == {"agent", "addressee", "party", "participant", "accepts"}
    with pytest.raises(ValueError, match="unknown view"):
        kg.to_networkx(workbench_graph, view="timeline")
    with pytest.raises(ValueError, match="unknown event kind"):
        kg.events(workbench_graph, "Meetings")


# -- kg export --------------------------------------------------------------------------

def test_gexf_and_graphml_open_in_networkx_with_the_actors_view(seeds_build, seeds_graph, tmp_path):
    expected = sparql_relations(seeds_graph)
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        target = tmp_path / f"actors.{fmt}"
        run_kg("export", "--out", str(seeds_build), "--format", fmt, "-o", str(target), check=True)
        opened = read(target)
        found = Counter()
        for u, v, data in opened.edges(data=True):
            found[data["relation"], u, v] += int(data["weight"])
            assert len(data["events"].split(" | ")) == int(data["weight"])
        assert found == expected, fmt
        labels = {n: d["label"] for n, d in opened.nodes(data=True)}
        assert labels["https://w3id.org/parley/id/actor/sergey-lavrov"] == "Sergey Lavrov"
        assert {d["type"] for d in opened.nodes.values()} <= {"Person", "Country", "Organization", "NewsOutlet", "Group"}


def test_graphml_of_the_events_view(seeds_build, seeds_graph, tmp_path):
    target = tmp_path / "events.graphml"
    run_kg("export", "--out", str(seeds_build), "--format", "graphml", "--view", "events", "-o", str(target),
           check=True)
    opened = nx.read_graphml(target)
    event_nodes = {n for n, d in opened.nodes(data=True) if d["type"] in kg.views.EVENT_KINDS}
    assert event_nodes == set(sparql_events(seeds_graph))


def test_csv_has_one_row_per_event_with_its_kind_agents_and_article(seeds_build, seeds_graph):
    result = run_kg("export", "--out", str(seeds_build), "--format", "csv", check=True)
    rows = list(csv.DictReader(result.stdout.splitlines()))
    expected = sparql_events(seeds_graph)
    assert len(rows) == len(expected) and {r["event_iri"] for r in rows} == set(expected)
    for row in rows:
        truth = expected[row["event_iri"]]
        assert row["kind"] == truth["kind"]
        assert set(filter(None, row["agents"].split(" | "))) == truth["agents"]
        assert set(row["article"].split(" | ")) == truth["articles"]
        assert row["evidence"] and row["event"]
    rejections = [r for r in rows if r["kind"] == "Rejection" and r["responds_to"]]
    assert rejections and all(r["responds_to_kind"] == "Proposal" for r in rejections)
    proposers = {e: {name for (name,) in query(seeds_graph, f"{PREFIXES} SELECT ?name WHERE {{ <{e}> kg:rejects ?p . "
                                                            "?p kg:agent ?a . ?a rdfs:label ?name }").rows}
                 for e in (r["event_iri"] for r in rejections)}
    assert any(proposers.values())  # a rejected proposal the article states has its proposer
    assert all(set(filter(None, r["proposers"].split(" | "))) == proposers[r["event_iri"]] for r in rejections)
    assert all(r["participants"] for r in rows if r["kind"] == "Meeting")


def test_export_errors_are_messages(tmp_path):
    missing = run_kg("export", "--out", str(tmp_path / "nothing"), "--format", "gexf")
    assert missing.returncode == 2 and "build one first" in missing.stderr and "Traceback" not in missing.stderr
    bad = run_kg("export", "--out", str(tmp_path), "--format", "xlsx")
    assert bad.returncode == 2 and "'xlsx' is not one of" in bad.stderr
    help_text = run_kg("export", "--help", check=True).stdout
    assert "--format gexf" in help_text and "--format csv" in help_text


def test_kg_query_tables_show_labels_and_csv_keeps_the_iris(seeds_build):
    table = run_kg("query", "meetings", "--out", str(seeds_build), check=True).stdout
    assert " – " in table and "https://w3id.org/parley/id/" not in table and "meeting_iri" not in table
    rows = list(csv.DictReader(run_kg("query", "meetings", "--out", str(seeds_build), "--format", "csv",
                                      check=True).stdout.splitlines()))
    assert rows and all(r["meeting_iri"].startswith("https://w3id.org/parley/id/event/") for r in rows)
    assert all(r["meeting"].startswith(r["participants"].replace(", ", " – ") + ", ") for r in rows)
