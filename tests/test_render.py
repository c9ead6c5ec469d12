"""The HTML page: built from the graph, self-contained, deterministic, and inert text."""
import json
import re

from rdflib import Graph

from kg.render import date_span, edge_width, graph_to_networkx, opening_threshold, render_html

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
    assert len(embedded_data(first)["views"]["events"]["nodes"]) == 8


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
    assert {n["cls"] for n in data["views"]["events"]["nodes"]} >= {"acceptance", "agreement"}
    assert [e["role"] for e in data["views"]["events"]["edges"]].count("party") == 2
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


KGR = "https://w3id.org/parley/id/"


def workbench_sample(title_a1="Border talks", evidence_r1="Sudria rejected the plan.", label_su="Sudria",
                     quote_s1="We will not move."):
    """Invented countries: two articles, dated events (a day, a month), an undated statement."""
    return Graph().parse(format="turtle", data=PREFIXES + f"""
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kgr:a1 a kg:Article ; dcterms:identifier "a1" ; dcterms:title {json.dumps(title_a1)} ; dcterms:source "https://example.org/a1" .
kgr:a2 a kg:Article ; dcterms:identifier "a2" ; dcterms:title "Port deal" ; dcterms:source "javascript:alert(1)" .
kgr:no a kg:Country ; rdfs:label "Norland" ; kg:source kgr:a1 .
kgr:su a kg:Country ; rdfs:label {json.dumps(label_su)} ; kg:source kgr:a1 .
kgr:os a kg:Country ; rdfs:label "Ostmark" ; kg:source kgr:a2 .
kgr:ve a kg:Country ; rdfs:label "Velia" ; kg:source kgr:a2 .
kgr:ka a kg:Person ; rdfs:label "Ana Kask" ; kg:affiliation kgr:no ; kg:source kgr:a1 .
kgr:t a kg:Topic ; rdfs:label "truce" .
kgr:m1 a kg:Meeting ; rdfs:label "Norland meets Sudria" ; kg:participant kgr:no, kgr:su ; kg:date "2024-01-10"^^xsd:date ;
    kg:source kgr:a1 ; kg:evidence "Norland met Sudria." .
kgr:p1 a kg:Proposal ; rdfs:label "Norland proposes truce" ; kg:agent kgr:no ; kg:addressee kgr:su ; kg:topic kgr:t ;
    kg:date "2024-03-05"^^xsd:date ; kg:source kgr:a1 ; kg:evidence "Norland offered Sudria a truce." .
kgr:r1 a kg:Rejection ; rdfs:label "Sudria rejects truce" ; kg:agent kgr:su ; kg:rejects kgr:p1 ; kg:date "2024-03-07"^^xsd:date ;
    kg:source kgr:a2 ; kg:evidence {json.dumps(evidence_r1)} .
kgr:d1 a kg:Demand ; rdfs:label "Ostmark demands access" ; kg:agent kgr:os ; kg:addressee kgr:su ; kg:date "2024-06-20"^^xsd:date ;
    kg:source kgr:a2 ; kg:evidence "Ostmark demanded access from Sudria." .
kgr:m2 a kg:Meeting ; rdfs:label "Sudria meets Velia" ; kg:participant kgr:su, kgr:ve ; kg:date "2024-06"^^xsd:gYearMonth ;
    kg:source kgr:a2 ; kg:evidence "Sudria and Velia met in June." .
kgr:s1 a kg:Statement ; rdfs:label "Ana Kask says" ; kg:agent kgr:ka ; kg:quote {json.dumps(quote_s1)} ; kg:source kgr:a1 ;
    kg:evidence "Kask said so." .
kgr:s2 a kg:Statement ; rdfs:label "Ostmark says" ; kg:agent kgr:os ; kg:quote "Open the port." ; kg:date "2024-01-12"^^xsd:date ;
    kg:source kgr:a2 ; kg:evidence "Ostmark said so." .
""")


def test_actors_view_has_one_edge_a_relation_coloured_by_kind(tmp_path):
    data = embedded_data(render_html(workbench_sample(), tmp_path / "w.html").read_text(encoding="utf-8"))
    view = data["views"]["actors"]
    sizes = {n["id"][len(KGR):]: n["value"] for n in view["nodes"]}
    assert sizes == {"no": 2, "su": 5, "os": 2, "ve": 1, "ka": 1}  # statements count on their speaker
    assert {n["cls"] for n in view["nodes"]} == {"country", "person"}, "no event is a node"
    edges = {(e["from"][len(KGR):], e["relation"], e["to"][len(KGR):]): e for e in view["edges"]}
    assert set(edges) == {("no", "met", "su"), ("su", "met", "ve"), ("no", "proposed_to", "su"),
                          ("os", "demanded_of", "su"), ("su", "rejected_proposal_of", "no")}
    assert [data["events"][i] for i in edges["su", "rejected_proposal_of", "no"]["events"]] == [KGR + "r1"]
    legend = {c["key"]: c["color"] for c in data["legend"]}
    assert edges["os", "demanded_of", "su"]["color"] == legend["demand"]
    assert "arrows" not in edges["no", "met", "su"] and edges["no", "proposed_to", "su"]["arrows"] == "to"
    curved = [e for e in view["edges"] if "smooth" in e]
    assert len(curved) == 2, "three relations between Norland and Sudria: one straight, two curved apart"
    assert view["min_events"] == 1


def test_events_carry_dates_for_the_timeline_and_articles_once(tmp_path):
    data = embedded_data(render_html(workbench_sample(), tmp_path / "w.html").read_text(encoding="utf-8"))
    details = data["details"]
    assert (details[KGR + "m2"]["start"], details[KGR + "m2"]["end"]) == ("2024-06-01", "2024-06-30")
    assert "start" not in details[KGR + "s1"]
    assert data["events"][-1] == KGR + "s1", "undated events after the dated ones"
    assert [a["id"] for a in data["articles"]] == ["a1", "a2"]
    edges = {(e["from"][len(KGR):], e["role"], e["to"][len(KGR):]) for e in data["views"]["events"]["edges"]}
    assert {("r1", "agent", "su"), ("r1", "rejects", "p1"), ("p1", "agent", "no"), ("p1", "addressee", "su"),
            ("ka", "affiliation", "no")} <= edges


def test_the_page_names_every_relation_and_role_of_the_views():
    from kg import render, views

    assert set(render.RELATIONS) == set(views.RELATIONS)
    assert set(render.EVENT_ROLES) | {"rejects", "accepts", "affiliation"} == set(render.ROLE_STYLES)


def test_date_spans_thresholds_and_widths():
    assert date_span("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_span("2023") == ("2023-01-01", "2023-12-31")
    assert date_span("2024-05-09") == ("2024-05-09", "2024-05-09")
    assert date_span(None) is None and date_span("spring") is None
    assert opening_threshold([1] * 200 + [5] * 10, most=80) == 2
    assert opening_threshold([1, 2, 3], most=80) == 1
    assert edge_width(1) < edge_width(2) < edge_width(8) <= edge_width(1000) == 12


def test_hostile_titles_and_sentences_stay_data_in_every_new_part(tmp_path):
    html = render_html(workbench_sample(title_a1=XSS[1], evidence_r1=XSS[0], label_su=XSS[1], quote_s1=XSS[0]),
                       tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "</script><script>alert" not in html
    data = embedded_data(html)
    assert data["articles"][0]["title"] == XSS[1]
    assert data["details"][KGR + "r1"]["evidence"] == [XSS[0]]
