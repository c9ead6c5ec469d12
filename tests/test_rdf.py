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


# --------------------------------------------------------- acceptances and agreements

def accords():
    """A hand-made resolution: ECOWAS proposes a roadmap that the junta partly accepts,
    and Armenia and Azerbaijan agree on a peace treaty that the United States mediates."""
    from kg.articles import Article
    from kg.resolve import Actor, Event, Place, Resolved, event_label

    arts = [Article(id="sahel-1", text="t", title="Junta accepts parts of roadmap", date="2025-06-04"),
            Article(id="caucasus-1", text="t", title="Peace treaty signed", date="2025-08-09")]
    people = {"k:ecowas": ("organization", "ECOWAS", "sahel-1"), "k:mali": ("country", "Mali", "sahel-1"),
              "k:armenia": ("country", "Armenia", "caucasus-1"),
              "k:azerbaijan": ("country", "Azerbaijan", "caucasus-1"),
              "k:united-states": ("country", "United States", "caucasus-1")}
    actors = {k: Actor(k, kind, label, sources={art}) for k, (kind, label, art) in people.items()}
    places = {"p:washington": Place("p:washington", "Washington", "k:united-states")}
    proposal = Event(key="sahel-1/proposal-12", kind="Proposal", article="sahel-1",
                     evidence="ECOWAS proposed a transition roadmap in May.",
                     label=event_label("Proposal", ["ECOWAS"], ["transition roadmap"], None),
                     agents=["k:ecowas"], topics=["transition roadmap"], trigger="proposed")
    acceptance = Event(key="sahel-1/acceptance-90", kind="Acceptance", article="sahel-1",
                       evidence="The junta accepted parts of the ECOWAS roadmap on Tuesday.",
                       label=event_label("Acceptance", ["Mali"], ["transition roadmap"], None, partial=True),
                       agents=["k:mali"], topics=["transition roadmap"], accepts=proposal.key, partial=True,
                       trigger="accepted", date_value=("2025-06-03", "date"))
    agreement = Event(key="caucasus-1/agreement-40", kind="Agreement", article="caucasus-1",
                      evidence="Armenia and Azerbaijan signed a peace treaty in Washington, "
                               "brokered by the United States.",
                      label=event_label("Agreement", ["United States"], ["peace treaty"], None,
                                        parties=["Armenia", "Azerbaijan"]),
                      parties=["k:armenia", "k:azerbaijan"], participants=["k:united-states"],
                      topics=["peace treaty"], cameo="057", trigger="signed",
                      date_value=("2025-08-08", "date"), place="p:washington")
    return Resolved(arts, actors, places, [proposal, acceptance, agreement])


def test_event_labels_of_acceptances_and_agreements():
    from kg.resolve import event_label

    assert event_label("Acceptance", ["Mali"], ["roadmap"], None) == "Mali accepts roadmap"
    assert event_label("Acceptance", ["Mali"], ["roadmap"], None, partial=True) == "Mali partly accepts roadmap"
    assert event_label("Agreement", ["Qatar"], ["truce"], None, parties=["Israel", "Hamas"]) == \
        "Israel and Hamas agree on truce"
    assert event_label("Agreement", [], [], None, parties=["A", "B", "C"]) == "A, B and C agree"
    assert event_label("Rejection", ["Russia"], ["ceasefire"], None) == "Russia rejects ceasefire"


def test_acceptances_and_agreements_follow_the_vocabulary():
    g = to_graph(accords())
    acceptance = next(g.subjects(RDF.type, KG.Acceptance))
    proposal = g.value(acceptance, KG.accepts)
    assert (proposal, RDF.type, KG.Proposal) in g
    assert g.value(g.value(proposal, KG.agent), RDFS.label) == Literal("ECOWAS")
    assert g.value(g.value(acceptance, KG.agent), RDFS.label) == Literal("Mali")
    assert g.value(acceptance, KG.partial) == Literal(True)  # an xsd:boolean
    assert g.value(acceptance, RDFS.label) == Literal("Mali partly accepts transition roadmap")
    assert g.value(acceptance, KG.cameoCode) is None  # no code, no triple

    agreement = next(g.subjects(RDF.type, KG.Agreement))
    assert {str(g.value(p, RDFS.label)) for p in g.objects(agreement, KG.party)} == {"Armenia", "Azerbaijan"}
    assert [str(g.value(p, RDFS.label)) for p in g.objects(agreement, KG.participant)] == ["United States"]
    assert g.value(agreement, KG.cameoCode) == Literal("057")
    assert g.value(agreement, RDFS.label) == Literal("Armenia and Azerbaijan agree on peace treaty")
    assert g.value(g.value(agreement, KG.place), RDFS.label) == Literal("Washington")
    assert g.value(agreement, KG.partial) is None  # only acceptances carry kg:partial
    # Other events carry none of the new properties.
    assert g.value(proposal, KG.partial) is None and g.value(proposal, KG.cameoCode) is None


def test_acceptances_and_agreements_conform_and_a_missing_party_is_caught():
    g = to_graph(accords())
    conforms, report = validate(g)
    assert conforms, report

    agreement = next(g.subjects(RDF.type, KG.Agreement))
    one_party = Graph() + g
    one_party.remove((agreement, KG.party, next(one_party.objects(agreement, KG.party))))
    conforms, report = validate(one_party)
    assert not conforms and "An agreement has at least two kg:party" in report

    acceptance = next(g.subjects(RDF.type, KG.Acceptance))
    unlinked = Graph() + g
    unlinked.remove((acceptance, KG.accepts, None))
    conforms, report = validate(unlinked)
    assert not conforms and "kg:accepts at least one kg:Proposal or kg:Demand" in report

    coded = Graph() + g
    coded.set((agreement, KG.cameoCode, Literal("57a")))
    conforms, report = validate(coded)
    assert not conforms and "kg:cameoCode" in report

