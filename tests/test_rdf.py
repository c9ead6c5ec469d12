"""Triples in Parley's vocabulary: deterministic IRIs, valid shapes, round trips."""
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.articles import Article
from kg.pipeline import parse
from kg.rdf import KG, to_graph, validate
from kg.resolve import resolve, slug

TEXTS = ["Hamas rejected the truce proposed by Egypt. “We will not disarm,” Hamas leader Khalil al-Hayya said.",
         "Egyptian President Abdel Fattah el-Sisi held talks with King Abdullah in Cairo on Monday."]


def graph_of(nlp, texts=TEXTS, ids=("gaza-1", "gaza-2")):
    articles = [Article(id=i, text=t, date="2025-06-03") for i, t in zip(ids, texts)]
    return to_graph(resolve(parse(articles, nlp)))


def test_same_input_gives_the_same_graph(nlp):
    first = graph_of(nlp).serialize(format="nt")
    second = graph_of(nlp).serialize(format="nt")
    assert sorted(first.splitlines()) == sorted(second.splitlines())


def test_articles_actors_and_events_follow_the_vocabulary(nlp):
    g = graph_of(nlp)
    articles = {str(o) for s in g.subjects(RDF.type, KG.Article) for o in g.objects(s, DCTERMS.identifier)}
    assert articles == {"gaza-1", "gaza-2"}
    rejection = next(g.subjects(RDF.type, KG.Rejection))
    proposal = g.value(rejection, KG.rejects)
    assert (proposal, RDF.type, KG.Proposal) in g
    assert g.value(g.value(proposal, KG.agent), RDFS.label) == Literal("Egypt")
    meeting = next(g.subjects(RDF.type, KG.Meeting))
    assert g.value(meeting, KG.date) == Literal("2025-06-02", datatype=g.value(meeting, KG.date).datatype)
    assert g.value(g.value(meeting, KG.place), RDFS.label) == Literal("Cairo")


def test_graph_conforms_to_the_shapes_and_round_trips(nlp):
    g = graph_of(nlp)
    conforms, report = validate(g)
    assert conforms, report
    for fmt in ("turtle", "nt", "json-ld", "xml"):
        again = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert len(again) == len(g), fmt


def test_slugs_are_iri_safe_in_every_script():
    assert slug("Sergey Lavrov") == "sergey-lavrov"
    assert slug("Владимир Путин") == "владимир-путин"
    assert slug("<script>alert(1)</script>") == "script-alert-1-script"
    assert slug("") == "x"


HOSTILE = ["<script>alert(1)</script>", 'He said "no"', "back\\slash \\u0041", "two\nlines\r\n",
           "\u202eevil\u202c", "x" * 2000, "Владимир Путин", "محمد بن سلمان", "習近平", "'; DROP TABLE --",
           "a > b & c < d", "tab\there", "\u0000nul", "emoji 🕊️"]


def test_hostile_names_give_valid_iris_and_a_graph_that_round_trips():
    from kg.articles import Article
    from kg.resolve import Actor, Event, Resolved

    art = 'a1 <b>"x"'
    actors = {f"k:{i}": Actor(f"k:{i}", "person" if i % 2 else "organization", name.replace("\u0000", ""),
                              aliases={name + " alias"}, sources={art})
              for i, name in enumerate(HOSTILE)}
    events = [Event(key=f"{art}/statement-{i}", kind="Statement", article=art, evidence=name.replace("\u0000", "") or "x",
                    label="says", agents=[f"k:{i}"], quote=name.replace("\u0000", "") or "x")
              for i, name in enumerate(HOSTILE)]
    graph = to_graph(Resolved([Article(id=art, text="t")], actors, {}, events))
    for s, p, o in graph:
        for term in (s, p, o):
            if hasattr(term, "n3") and not isinstance(term, Literal):
                assert not any(c in str(term) for c in '<>"{}|^`\\ \n'), term
    for fmt in ("turtle", "nt", "xml", "json-ld"):
        again = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
        assert len(again) == len(graph), fmt
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "x" * 2000 in labels and "\u202eevil\u202c" in labels
    conforms, report = validate(graph)
    assert conforms, report
