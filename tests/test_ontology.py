"""The ontology declares the public vocabulary; the shapes accept a good graph and catch bad ones.

Validation runs as the builder runs it:
``pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")``.
The shapes are also checked with ``inference="none"`` (still with the ontology mixed
in), which is faster and remains a supported way to validate.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY_PATH = REPO / "ontology" / "parley.ttl"
SHAPES_PATH = REPO / "ontology" / "shapes.ttl"
CONTRACT_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "ONTOLOGY.md"

KG = Namespace("https://w3id.org/parley/ontology#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open namespace: rdflib's closed one warns under pytest
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ONTOLOGY_IRI = URIRef("https://w3id.org/parley/ontology")

ONTOLOGY = Graph().parse(ONTOLOGY_PATH, format="turtle")
SHAPES = Graph().parse(SHAPES_PATH, format="turtle")

DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
EXTENSIONS = {
    "PhoneCall": OWL.Class, "Visit": OWL.Class, "NewsOutlet": OWL.Class, "EventStatus": OWL.Class,
    "Actual": OWL.NamedIndividual, "Planned": OWL.NamedIndividual, "Hypothetical": OWL.NamedIndividual,
    "status": OWL.ObjectProperty, "trigger": OWL.DatatypeProperty, "dateText": OWL.DatatypeProperty,
    "addressee": OWL.ObjectProperty, "reportedBy": OWL.ObjectProperty, "mentions": OWL.ObjectProperty,
    "locatedIn": OWL.ObjectProperty, "partial": OWL.DatatypeProperty,
}
#: Terms this version adds to the contract, each declared with its kind.
ADDED = {"Acceptance": OWL.Class, "Agreement": OWL.Class, "accepts": OWL.ObjectProperty,
         "party": OWL.ObjectProperty, "cameoCode": OWL.DatatypeProperty}


def shacl(data: Graph, inference: str = "rdfs") -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference=inference)
    return bool(conforms), text


def english(term: URIRef, prop: URIRef) -> list[Literal]:
    return [o for o in ONTOLOGY.objects(term, prop) if isinstance(o, Literal) and o.language == "en" and str(o).strip()]


# ------------------------------------------------------------------------ the files

def test_both_files_parse():
    assert len(ONTOLOGY) > 100 and len(SHAPES) > 50


def test_ontology_header():
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ONTOLOGY
    assert ONTOLOGY.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    dcterms = Namespace("http://purl.org/dc/terms/")
    assert ONTOLOGY.value(ONTOLOGY_IRI, dcterms.title) and ONTOLOGY.value(ONTOLOGY_IRI, dcterms.description)


# ------------------------------------------------------------------------ the contract

def contract_terms() -> set[str]:
    if not CONTRACT_PATH.exists():
        pytest.skip(f"the public contract {CONTRACT_PATH} is absent (it lives beside the checkout, in shared/)")
    rows = [line for line in CONTRACT_PATH.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("|")]
    return set(re.findall(r"\bkg:([A-Za-z]\w*)", "\n".join(rows)))


def test_contract_lists_the_expected_number_of_terms():
    terms = contract_terms()
    assert {"Actor", "Rejection", "rejects", "agent", "source", "evidence"} <= terms
    assert len(terms) >= 25, sorted(terms)


def test_every_contract_term_is_declared_with_label_and_comment():
    missing = []
    for name in sorted(contract_terms()):
        term = KG[name]
        if not any((term, RDF.type, kind) in ONTOLOGY for kind in DECLARATIONS):
            missing.append(f"{name}: not declared")
        elif not english(term, RDFS.label) or not english(term, RDFS.comment):
            missing.append(f"{name}: no English label or comment")
    assert not missing, missing


@pytest.mark.parametrize("name", sorted(EXTENSIONS))
def test_extensions_are_declared(name):
    assert (KG[name], RDF.type, EXTENSIONS[name]) in ONTOLOGY


@pytest.mark.parametrize("name", sorted(ADDED))
def test_added_terms_are_declared_with_label_and_comment(name):
    term = KG[name]
    assert (term, RDF.type, ADDED[name]) in ONTOLOGY
    assert english(term, RDFS.label) and english(term, RDFS.comment)
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ONTOLOGY
    assert not any("Extension." in c for c in english(term, RDFS.comment)), "a contract term, not an extension"


def test_new_properties_domains_and_ranges():
    assert ONTOLOGY.value(KG.party, RDFS.domain) == KG.Agreement
    assert ONTOLOGY.value(KG.party, RDFS.range) == KG.Actor
    assert ONTOLOGY.value(KG.accepts, RDFS.domain) == KG.Acceptance
    assert union_members(ONTOLOGY.value(KG.accepts, RDFS.range)) == {KG.Proposal, KG.Demand}
    assert ONTOLOGY.value(KG.cameoCode, RDFS.domain) == KG.Event
    assert ONTOLOGY.value(KG.cameoCode, RDFS.range) == XSD.string
    assert ONTOLOGY.value(KG.partial, RDFS.domain) == KG.Acceptance
    assert ONTOLOGY.value(KG.partial, RDFS.range) == XSD.boolean
    assert (KG.partial, RDF.type, OWL.FunctionalProperty) in ONTOLOGY


def test_every_term_has_label_comment_and_is_defined_by():
    terms = {s for s in ONTOLOGY.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert len(terms) >= 35
    for term in terms:
        assert english(term, RDFS.label), term
        assert english(term, RDFS.comment), term
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ONTOLOGY, term


def test_every_kg_term_the_shapes_use_is_declared():
    used = {t for t in itertools.chain.from_iterable(SHAPES) if isinstance(t, URIRef) and t.startswith(str(KG))}
    shapes = set(SHAPES.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))
    undeclared = sorted(t for t in used - shapes
                        if not any((t, RDF.type, kind) in ONTOLOGY for kind in DECLARATIONS))
    assert not undeclared


def test_object_properties_have_domain_and_range():
    for prop in ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty):
        if prop.startswith(str(KG)):
            assert ONTOLOGY.value(prop, RDFS.domain) is not None, prop
            assert ONTOLOGY.value(prop, RDFS.range) is not None, prop
    for prop in ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty):
        if prop.startswith(str(KG)):
            assert ONTOLOGY.value(prop, RDFS.range) is not None, prop


def union_members(node) -> set:
    return set(Collection(ONTOLOGY, ONTOLOGY.value(node, OWL.unionOf)))


def test_unions_in_domains_and_ranges():
    assert union_members(ONTOLOGY.value(KG.agent, RDFS.domain)) == {KG.Proposal, KG.Rejection, KG.Demand, KG.Statement,
                                                                     KG.Acceptance}
    # A mediator of an agreement is a participant: no reasoner may make the agreement a meeting.
    assert union_members(ONTOLOGY.value(KG.participant, RDFS.domain)) == {KG.Meeting, KG.Agreement}
    assert union_members(ONTOLOGY.value(KG.topic, RDFS.domain)) == {KG.Proposal, KG.Demand, KG.Rejection,
                                                                     KG.Acceptance, KG.Agreement}
    assert union_members(ONTOLOGY.value(KG.affiliation, RDFS.range)) == {KG.Country, KG.Organization}
    assert union_members(ONTOLOGY.value(KG.addressee, RDFS.domain)) == {KG.Proposal, KG.Demand, KG.Statement}
    date_range = ONTOLOGY.value(KG.date, RDFS.range)
    assert (date_range, RDF.type, RDFS.Datatype) in ONTOLOGY
    assert union_members(date_range) == {XSD.date, XSD.gYearMonth, XSD.gYear}


def test_status_is_functional_and_closed():
    assert (KG.status, RDF.type, OWL.FunctionalProperty) in ONTOLOGY
    for individual in (KG.Actual, KG.Planned, KG.Hypothetical):
        assert (individual, RDF.type, KG.EventStatus) in ONTOLOGY


@pytest.mark.parametrize("group", [
    (KG.Person, KG.Country, KG.Organization, KG.Group),
    (KG.Meeting, KG.Proposal, KG.Rejection, KG.Demand, KG.Statement, KG.Acceptance, KG.Agreement),
])
def test_classes_are_pairwise_disjoint(group):
    for a, b in itertools.combinations(group, 2):
        assert (a, OWL.disjointWith, b) in ONTOLOGY or (b, OWL.disjointWith, a) in ONTOLOGY, (a, b)


@pytest.mark.parametrize("triple", [
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Actor, RDFS.subClassOf, SEM.Actor),
    (KG.Actor, RDFS.subClassOf, PROV.Agent),
    (KG.Person, RDFS.subClassOf, PROV.Person),
    (KG.Organization, RDFS.subClassOf, PROV.Organization),
    (KG.Place, RDFS.subClassOf, SEM.Place),
    (KG.Topic, RDFS.subClassOf, SKOS.Concept),
    (KG.Article, RDFS.subClassOf, PROV.Entity),
    (KG.PhoneCall, RDFS.subClassOf, KG.Meeting),
    (KG.Visit, RDFS.subClassOf, KG.Meeting),
    (KG.NewsOutlet, RDFS.subClassOf, KG.Organization),
    (KG.agent, RDFS.subPropertyOf, SEM.hasActor),
    (KG.participant, RDFS.subPropertyOf, SEM.hasActor),
    (KG.party, RDFS.subPropertyOf, SEM.hasActor),
    (KG.Acceptance, RDFS.subClassOf, KG.Event),
    (KG.Agreement, RDFS.subClassOf, KG.Event),
    (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.source, RDFS.subPropertyOf, PROV.wasDerivedFrom),
])
def test_alignment(triple):
    assert triple in ONTOLOGY


def test_events_are_not_prov_activities():
    # kg:source is a sub-property of prov:wasDerivedFrom (domain prov:Entity), and
    # PROV-O makes prov:Activity and prov:Entity disjoint.
    assert (KG.Event, RDFS.subClassOf, PROV.Activity) not in ONTOLOGY


# ------------------------------------------------------------------------ the shapes

PREFIXES = """
@prefix kg: <https://w3id.org/parley/ontology#> . @prefix kgr: <https://w3id.org/parley/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# Typed as the builder types: actors with their subclass only, a news outlet as
# kg:Organization and kg:NewsOutlet, each event with one of the seven event classes.
VALID = PREFIXES + """
kgr:a a kg:Article ; dcterms:identifier "000_abc" ; dcterms:title "Talks in Istanbul" ;
    dcterms:date "2025-05-16"^^xsd:date ; dcterms:source "https://example.org/a" ;
    kg:mentions kgr:russia, kgr:ukraine, kgr:lavrov .
kgr:russia a kg:Country ; rdfs:label "Russia" ; skos:altLabel "Moscow", "the Kremlin" ; kg:source kgr:a .
kgr:ukraine a kg:Country ; rdfs:label "Ukraine" ; skos:altLabel "Kyiv" ; kg:source kgr:a .
kgr:turkey a kg:Country ; rdfs:label "Turkey" ; kg:source kgr:a .
kgr:lavrov a kg:Person ; rdfs:label "Sergey Lavrov" ; skos:altLabel "Lavrov" ; kg:role "Foreign Minister" ;
    kg:affiliation kgr:russia ; kg:source kgr:a .
kgr:reuters a kg:Organization, kg:NewsOutlet ; rdfs:label "Reuters" ; kg:source kgr:a .
kgr:istanbul a kg:Place ; rdfs:label "Istanbul" ; kg:locatedIn kgr:turkey .
kgr:ceasefire a kg:Topic ; rdfs:label "ceasefire" .
kgr:long-ceasefire a kg:Topic ; rdfs:label "long-term ceasefire" ; skos:broader kgr:ceasefire .
kgr:meeting a kg:Meeting ; rdfs:label "Russia and Ukraine meet" ; kg:participant kgr:russia, kgr:ukraine ;
    kg:place kgr:istanbul ; kg:date "2025-05-16"^^xsd:date ; kg:status kg:Actual ; kg:trigger "talks" ;
    kg:reportedBy kgr:reuters ; kg:source kgr:a ; kg:evidence "Russia and Ukraine held talks in Istanbul on Friday." .
kgr:call a kg:Meeting, kg:PhoneCall ; kg:participant kgr:lavrov, kgr:turkey ; kg:dateText "next week" ;
    kg:status kg:Planned ; kg:source kgr:a ; kg:evidence "Lavrov will call Ankara next week." .
kgr:proposal a kg:Proposal ; kg:agent kgr:ukraine ; kg:addressee kgr:russia ; kg:topic kgr:long-ceasefire ;
    kg:date "2025-05"^^xsd:gYearMonth ; kg:source kgr:a ; kg:evidence "Kyiv proposed a long-term ceasefire." .
kgr:rejection a kg:Rejection ; kg:agent kgr:russia ; kg:rejects kgr:proposal ; kg:topic kgr:long-ceasefire ;
    kg:trigger "rejected" ; kg:source kgr:a ; kg:evidence "Moscow rejected the proposal." .
kgr:demand a kg:Demand ; kg:topic kgr:ceasefire ; kg:date "2025"^^xsd:gYear ; kg:source kgr:a ;
    kg:evidence "A ceasefire is demanded." .
kgr:statement a kg:Statement ; kg:agent kgr:lavrov ; kg:quote "We are ready to talk." ; kg:status kg:Actual ;
    kg:source kgr:a ; kg:evidence "\\"We are ready to talk,\\" Lavrov said." .
kgr:acceptance a kg:Acceptance ; kg:agent kgr:russia ; kg:accepts kgr:demand ; kg:partial true ;
    kg:topic kgr:ceasefire ; kg:source kgr:a ; kg:evidence "Moscow accepted parts of the demand." .
kgr:agreement a kg:Agreement ; kg:party kgr:russia, kgr:ukraine ; kg:participant kgr:turkey ; kg:topic kgr:ceasefire ;
    kg:cameoCode "057" ; kg:source kgr:a ; kg:evidence "Russia and Ukraine agreed on a ceasefire, mediated by Turkey." .
"""

# One defect each: (text in VALID, its replacement). Every one must be caught.
BROKEN = {
    "rejection without kg:rejects": ("kg:rejects kgr:proposal ;", ""),
    "meeting with one participant": ("kg:participant kgr:russia, kgr:ukraine ;", "kg:participant kgr:russia ;"),
    "event without kg:evidence": ("kg:source kgr:a ;\n    kg:evidence \"A ceasefire is demanded.\" .",
                                  "kg:source kgr:a ."),
    "actor with two rdfs:label": ('rdfs:label "Ukraine" ;', 'rdfs:label "Ukraine", "Ukraina" ;'),
    "statement without kg:quote": ('kg:quote "We are ready to talk." ;', ""),
    # further defects
    "statement with two quotes": ('kg:quote "We are ready to talk." ;', 'kg:quote "We are ready", "to talk" ;'),
    "statement without agent": ("kgr:statement a kg:Statement ; kg:agent kgr:lavrov ;", "kgr:statement a kg:Statement ;"),
    "rejection without agent": ("kgr:rejection a kg:Rejection ; kg:agent kgr:russia ;", "kgr:rejection a kg:Rejection ;"),
    "event without source": ("kg:source kgr:a ; kg:evidence \"Moscow rejected", "kg:evidence \"Moscow rejected"),
    "event with two sources": ("kg:source kgr:a ; kg:evidence \"Moscow rejected",
                               "kg:source kgr:a, kgr:b ; kg:evidence \"Moscow rejected"),
    "empty evidence": ('kg:evidence "Moscow rejected the proposal."', 'kg:evidence ""'),
    "status outside the three": ("kg:status kg:Planned ;", "kg:status kg:Rumoured ;"),
    "two statuses": ("kg:status kg:Planned ;", "kg:status kg:Planned, kg:Actual ;"),
    "date as a plain string": ('kg:date "2025"^^xsd:gYear', 'kg:date "2025"'),
    "two dates": ('kg:date "2025"^^xsd:gYear', 'kg:date "2025"^^xsd:gYear, "2024"^^xsd:gYear'),
    "rejects a statement": ("kg:rejects kgr:proposal ;", "kg:rejects kgr:statement ;"),
    "rejects a dangling node": ("kg:rejects kgr:proposal ;", "kg:rejects kgr:nothing ;"),
    "agent is a topic": ("kg:agent kgr:ukraine ; kg:addressee", "kg:agent kgr:ceasefire ; kg:addressee"),
    "participant is a dangling node": ("kg:participant kgr:lavrov, kgr:turkey ;", "kg:participant kgr:lavrov, kgr:ankara ;"),
    "place is an actor": ("kg:place kgr:istanbul ;", "kg:place kgr:turkey ;"),
    "event of two classes": ("kgr:demand a kg:Demand ;", "kgr:demand a kg:Demand, kg:Proposal ;"),
    "actor of two classes": ("kgr:turkey a kg:Country ;", "kgr:turkey a kg:Country, kg:Organization ;"),
    "actor without label": ('kgr:turkey a kg:Country ; rdfs:label "Turkey" ;', "kgr:turkey a kg:Country ;"),
    "actor without source": ('rdfs:label "Reuters" ; kg:source kgr:a .', 'rdfs:label "Reuters" .'),
    "person affiliated with a person": ("kg:affiliation kgr:russia ;", "kg:affiliation kgr:lavrov ;"),
    "topic with two labels": ('rdfs:label "ceasefire" .', 'rdfs:label "ceasefire", "truce" .'),
    "place without label": ('kgr:istanbul a kg:Place ; rdfs:label "Istanbul" ;', "kgr:istanbul a kg:Place ;"),
    "article without identifier": ('dcterms:identifier "000_abc" ;', ""),
    "acceptance without kg:accepts": ("kg:accepts kgr:demand ;", ""),
    "acceptance of a statement": ("kg:accepts kgr:demand ;", "kg:accepts kgr:statement ;"),
    "acceptance without agent": ("kgr:acceptance a kg:Acceptance ; kg:agent kgr:russia ;", "kgr:acceptance a kg:Acceptance ;"),
    "partial as a string": ("kg:partial true ;", 'kg:partial "partly" ;'),
    "partial twice": ("kg:partial true ;", "kg:partial true, false ;"),
    "agreement with one party": ("kg:party kgr:russia, kgr:ukraine ;", "kg:party kgr:russia ;"),
    "party is a topic": ("kg:party kgr:russia, kgr:ukraine ;", "kg:party kgr:russia, kgr:ceasefire ;"),
    "mediator is a place": ("kg:participant kgr:turkey ;", "kg:participant kgr:istanbul ;"),
    "cameo code not digits": ('kg:cameoCode "057" ;', 'kg:cameoCode "Sign agreement" ;'),
    "cameo code too long": ('kg:cameoCode "057" ;', 'kg:cameoCode "05711" ;'),
    "two cameo codes": ('kg:cameoCode "057" ;', 'kg:cameoCode "057", "05" ;'),
    "agreement that is also a meeting": ("kgr:agreement a kg:Agreement ;", "kgr:agreement a kg:Agreement, kg:Meeting ;"),
    "article with two titles": ('dcterms:title "Talks in Istanbul" ;',
                                'dcterms:title "Talks in Istanbul", "Istanbul talks" ;'),
}
# Caught only when validating without inference, which would supply the missing type.
BROKEN_WITHOUT_INFERENCE = {
    "phone call not typed kg:Meeting": ("kgr:call a kg:Meeting, kg:PhoneCall ;", "kgr:call a kg:PhoneCall ;"),
    "news outlet not typed kg:Organization": ("kgr:reuters a kg:Organization, kg:NewsOutlet ;",
                                              "kgr:reuters a kg:NewsOutlet ;"),
}


def parse(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def broken(before: str, after: str) -> Graph:
    assert VALID.count(before) == 1, before
    return parse(VALID.replace(before, after))


@pytest.mark.parametrize("inference", ["rdfs", "none"])
def test_the_valid_graph_conforms(inference):
    conforms, report = shacl(parse(VALID), inference)
    assert conforms, report


@pytest.mark.parametrize("inference", ["rdfs", "none"])
@pytest.mark.parametrize("defect", sorted(BROKEN))
def test_each_defect_is_caught(defect, inference):
    conforms, _ = shacl(broken(*BROKEN[defect]), inference)
    assert not conforms, defect


@pytest.mark.parametrize("defect", sorted(BROKEN_WITHOUT_INFERENCE))
def test_missing_main_types_are_caught_without_inference(defect):
    conforms, _ = shacl(broken(*BROKEN_WITHOUT_INFERENCE[defect]), "none")
    assert not conforms, defect


def test_violations_read_well():
    conforms, report = shacl(broken(*BROKEN["rejection without kg:rejects"]))
    assert not conforms
    assert "A rejection kg:rejects at least one kg:Proposal." in report


def test_the_ontology_is_needed_for_validation():
    """Without ont_graph, sh:class kg:Actor has no subclass axioms to follow."""
    conforms, _, _ = pyshacl.validate(parse(VALID), shacl_graph=SHAPES, inference="none")
    assert not conforms


def test_the_closed_namespace_is_generated_from_the_ontology_and_closed():
    import subprocess
    import sys

    import pytest
    from kg.namespace import KG

    from conftest import ROOT

    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_namespace.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert str(KG.Rejection) == "https://w3id.org/parley/ontology#Rejection"
    with pytest.raises(AttributeError):
        KG.Rejecton  # a misspelt term fails instead of minting a new IRI
