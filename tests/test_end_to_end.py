"""The seeds, end to end: the graph a user gets from `make demo`."""
import re
import subprocess
import sys

import pytest
from rdflib.namespace import RDF, RDFS, SKOS

from conftest import ROOT, SEEDS, SHARED
from kg.rdf import KG, validate


def test_one_article_node_per_seed_file(seeds_graph):
    from rdflib.namespace import DCTERMS
    ids = {str(seeds_graph.value(a, DCTERMS.identifier)) for a in seeds_graph.subjects(RDF.type, KG.Article)}
    assert ids == {p.stem for p in SEEDS.glob("*.txt")}


def test_seeds_graph_conforms_to_the_shapes(seeds_graph):
    conforms, report = validate(seeds_graph)
    assert conforms, report


def test_aliases_are_one_actor(seeds_graph):
    def actor_named(name):
        found = {a for a in seeds_graph.subjects(RDFS.label, None)
                 if name in {str(x) for p in (RDFS.label, SKOS.altLabel) for x in seeds_graph.objects(a, p)}}
        assert len(found) == 1, (name, found)
        return found.pop()
    assert actor_named("Sergey Lavrov") == actor_named("Sergei Lavrov") == actor_named("Lavrov")
    assert actor_named("Zelensky") == actor_named("Zelenskyy")
    assert actor_named("Russia") == actor_named("Moscow") == actor_named("Kremlin")
    assert (actor_named("Sergey Lavrov"), RDF.type, KG.Person) in seeds_graph
    assert (actor_named("Russia"), RDF.type, KG.Country) in seeds_graph


def test_no_headings_or_bylines_become_actors(seeds_graph):
    labels = {str(o) for s in seeds_graph.subjects(RDF.type, None) for o in seeds_graph.objects(s, RDFS.label)}
    for junk in ("Background", "Compromise", "3 Min Read", "RksNews", "Shutterstock"):
        assert junk not in labels
    people = {str(seeds_graph.value(p, RDFS.label)) for p in seeds_graph.subjects(RDF.type, KG.Person)}
    assert not {"Kyiv", "Kharkiv", "Alaska", "Sumy"} & people


def test_every_event_quotes_its_sentence_from_its_article(seeds_graph):
    from rdflib.namespace import DCTERMS
    texts = {p.stem: re.sub(r"\s+", " ", p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    # An event several articles report has a kg:Report for each: its sentences are its article's.
    reports = set(seeds_graph.subjects(RDF.type, KG.Report))
    assert reports
    for report in reports:
        article = str(seeds_graph.value(seeds_graph.value(report, KG.source), DCTERMS.identifier))
        for sentence in seeds_graph.objects(report, KG.evidence):
            assert re.sub(r"\s+", " ", str(sentence)) in texts[article]
    for event, _, sentence in seeds_graph.triples((None, KG.evidence, None)):
        articles = [str(seeds_graph.value(a, DCTERMS.identifier)) for a in seeds_graph.objects(event, KG.source)]
        assert any(re.sub(r"\s+", " ", str(sentence)) in texts[a] for a in articles)


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/eval not beside the checkout")
def test_extraction_score_on_the_seeds(seeds_build):
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(seeds_build / "graph.ttl"),
                             str(SHARED / "eval" / "dev_gold.json")], capture_output=True, text=True, cwd=ROOT)
    scores = dict(re.findall(r"(\w+)=([\d.]+)", result.stdout.splitlines()[-1]))
    assert float(scores["mission_f1"]) >= 0.85, result.stdout
    assert float(scores["all_f1"]) >= 0.85, result.stdout


def test_an_article_about_another_conflict(tmp_path):
    """A whole article written for the tests (Sudan), with front matter, quotes and dates."""
    from conftest import run_kg
    from kg.query import query

    run_kg("build", str(ROOT / "tests" / "articles"), "--out", str(tmp_path), check=True)
    from rdflib import Graph
    graph = Graph().parse(tmp_path / "graph.ttl")
    rejections = query(graph, "rejections").rows
    # One plan, told as "a US-backed plan for a nationwide ceasefire" and as "the proposal,
    # put forward by the United States and Saudi Arabia, called for a 90-day truce".
    assert {tuple(r[:3]) for r in rejections} >= {("Abdel Fattah al-Burhan", "nationwide ceasefire", "United States"),
                                                  ("Abdel Fattah al-Burhan", "truce", "Saudi Arabia")}
    assert {r[0] for r in rejections} == {"Abdel Fattah al-Burhan"}
    proposals = {(r[0], r[1]) for r in query(graph, "proposals").rows}
    assert {("United States", "truce"), ("Saudi Arabia", "truce")} <= proposals
    meetings = query(graph, "meetings").rows
    assert len(meetings) == 1 and meetings[0][2:4] == ["Cairo", "2024-08-18"]
    # GROUP_CONCAT lists participants in the order the engine meets them.
    assert set(meetings[0][1].split(", ")) == {"Badr Abdelatty", "Tom Perriello"}
    quotes = {(r[0], r[1]) for r in query(graph, "quotes").rows}
    assert ("Abdel Fattah al-Burhan", "We will not go to Geneva,") in quotes
    # "The army did not reject a separate Egyptian initiative" makes no rejection.
    assert not any("did not reject" in str(o) for o in graph.objects(None, KG.evidence))
