"""The HTML page: built from the graph, self-contained, deterministic, and inert text."""
import json
import re

from rdflib import Graph

from kg.render import graph_to_networkx, render_html

PREFIXES = """
@prefix kg: <https://w3id.org/parley/ontology#> . @prefix kgr: <https://w3id.org/parley/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
XSS = ['</script><script>alert(1)</script>', '<img src=x onerror="window.__xss=1">', 'javascript:alert(1)']


def sample(label_a="Egypt", quote="No truce."):
    return Graph().parse(format="turtle", data=PREFIXES + f"""
kgr:a a kg:Article ; dcterms:identifier "a1" ; dcterms:title "Truce talks" ; dcterms:source "javascript:alert(1)" .
kgr:eg a kg:Country ; rdfs:label {json.dumps(label_a)} ; skos:altLabel "Cairo" ; kg:source kgr:a .
kgr:ha a kg:Organization ; rdfs:label "Hamas" ; kg:source kgr:a .
kgr:rt a kg:Organization, kg:NewsOutlet ; rdfs:label "Reuters" ; kg:source kgr:a .
kgr:p a kg:Person ; rdfs:label "Khalil al-Hayya" ; kg:affiliation kgr:ha ; kg:role "leader" ; kg:source kgr:a .
kgr:t a kg:Topic ; rdfs:label "truce" .
kgr:m a kg:Meeting ; rdfs:label "Egypt meets Hamas" ; kg:participant kgr:eg, kgr:ha ; kg:source kgr:a ; kg:evidence "Egypt met Hamas." .
kgr:pr a kg:Proposal ; rdfs:label "Egypt proposes truce" ; kg:agent kgr:eg ; kg:topic kgr:t ; kg:source kgr:a ; kg:evidence "Egypt proposed a truce." .
kgr:r a kg:Rejection ; rdfs:label "Hamas rejects truce" ; kg:agent kgr:ha ; kg:rejects kgr:pr ; kg:source kgr:a ; kg:evidence "Hamas rejected it." .
kgr:s a kg:Statement ; rdfs:label "al-Hayya says" ; kg:agent kgr:p ; kg:quote {json.dumps(quote)} ; kg:source kgr:a ; kg:evidence "He said so." .
""")


def embedded_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="parley-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def test_networkx_has_actors_and_events_with_role_edges():
    g = graph_to_networkx(sample())
    classes = sorted(a["cls"] for _, a in g.nodes(data=True))
    assert classes == ["country", "meeting", "organization", "organization", "person", "proposal",
                       "rejection", "statement"]
    roles = sorted(a["role"] for *_, a in g.edges(data=True))
    assert roles == ["affiliation", "agent", "agent", "agent", "participant", "participant", "rejects"]
    assert g.nodes["https://w3id.org/parley/id/rt"]["news_outlet"] is True


def test_page_is_self_contained_and_deterministic(tmp_path):
    first = render_html(sample(), tmp_path / "a.html").read_text(encoding="utf-8")
    second = render_html(sample(), tmp_path / "b.html").read_text(encoding="utf-8")
    assert first == second
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=""", first)
    assert "vis.Network" in first
    assert len(embedded_data(first)["nodes"]) == 8


def test_hostile_text_stays_data(tmp_path):
    html = render_html(sample(label_a=XSS[1], quote=XSS[0]), tmp_path / "x.html", title=XSS[0]).read_text()
    assert "<img src=x" not in html and "</script><script>alert" not in html
    data = embedded_data(html)
    assert data["title"] == XSS[0]
    details = data["details"]
    assert details["https://w3id.org/parley/id/eg"]["label"] == XSS[1]
    assert details["https://w3id.org/parley/id/s"]["quote"] == XSS[0]


def accords_sample():
    return Graph().parse(format="turtle", data=PREFIXES + """
kgr:a a kg:Article ; dcterms:identifier "a2" .
kgr:ml a kg:Country ; rdfs:label "Mali" ; kg:source kgr:a .
kgr:ec a kg:Organization ; rdfs:label "ECOWAS" ; kg:source kgr:a .
kgr:am a kg:Country ; rdfs:label "Armenia" ; kg:source kgr:a .
kgr:az a kg:Country ; rdfs:label "Azerbaijan" ; kg:source kgr:a .
kgr:us a kg:Country ; rdfs:label "United States" ; kg:source kgr:a .
kgr:t a kg:Topic ; rdfs:label "roadmap" .
kgr:pr a kg:Proposal ; rdfs:label "ECOWAS proposes roadmap" ; kg:agent kgr:ec ; kg:topic kgr:t ; kg:source kgr:a ; kg:evidence "ECOWAS proposed a roadmap." .
kgr:ac a kg:Acceptance ; rdfs:label "Mali partly accepts roadmap" ; kg:agent kgr:ml ; kg:accepts kgr:pr ; kg:partial true ;
    kg:source kgr:a ; kg:evidence "The junta accepted parts of the roadmap." .
kgr:ag a kg:Agreement ; rdfs:label "Armenia and Azerbaijan agree" ; kg:party kgr:am, kgr:az ; kg:participant kgr:us ;
    kg:cameoCode "057" ; kg:source kgr:a ; kg:evidence "Armenia and Azerbaijan signed, brokered by the United States." .
""")


def test_acceptances_and_agreements_are_nodes_with_their_edges_and_legend(tmp_path):
    g = graph_to_networkx(accords_sample())
    kgr = "https://w3id.org/parley/id/"
    assert g.nodes[kgr + "ac"]["cls"] == "acceptance" and g.nodes[kgr + "ag"]["cls"] == "agreement"
    edges = sorted((s.rsplit("/", 1)[-1], a["role"], o.rsplit("/", 1)[-1]) for s, o, a in g.edges(data=True))
    assert edges == [("ac", "accepts", "pr"), ("ac", "agent", "ml"), ("ag", "participant", "us"),
                     ("ag", "party", "am"), ("ag", "party", "az"), ("pr", "agent", "ec")]
    assert g.nodes[kgr + "ac"]["partial"] is True and "cameo" not in g.nodes[kgr + "ac"]
    assert g.nodes[kgr + "ag"]["cameo"] == "057" and "partial" not in g.nodes[kgr + "ag"]

    html = render_html(accords_sample(), tmp_path / "accords.html").read_text(encoding="utf-8")
    data = embedded_data(html)
    legend = {c["key"]: c for c in data["legend"]}
    assert legend["acceptance"]["label"] == "Acceptances" and legend["agreement"]["label"] == "Agreements"
    colours = [c["color"] for c in data["legend"]]
    assert len(set(colours)) == len(colours), "one colour a class"
    assert {n["cls"] for n in data["nodes"]} >= {"acceptance", "agreement"}
    assert sorted(e["label"] for e in data["edges"]).count("party") == 2
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
