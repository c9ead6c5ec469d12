"""The ontology covers the public vocabulary; the shapes accept good graphs and catch bad ones."""
import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from conftest import ROOT, SHARED
from kg.rdf import KG, validate

ONTOLOGY = Graph().parse(ROOT / "ontology" / "parley.ttl")

PREFIXES = """
@prefix kg: <https://w3id.org/parley/ontology#> . @prefix kgr: <https://w3id.org/parley/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
"""
VALID = PREFIXES + """
kgr:a a kg:Article ; dcterms:identifier "a1" .
kgr:x a kg:Country ; rdfs:label "Egypt" ; kg:source kgr:a .
kgr:y a kg:Organization ; rdfs:label "Hamas" ; kg:source kgr:a .
kgr:p a kg:Person ; rdfs:label "Khalil al-Hayya" ; kg:role "leader" ; kg:affiliation kgr:y ; kg:source kgr:a .
kgr:t a kg:Topic ; rdfs:label "truce" .
kgr:m a kg:Meeting ; kg:participant kgr:x, kgr:y ; kg:source kgr:a ; kg:evidence "Egypt met Hamas." ; kg:status kg:Actual .
kgr:pr a kg:Proposal ; kg:agent kgr:x ; kg:topic kgr:t ; kg:source kgr:a ; kg:evidence "Egypt proposed a truce." .
kgr:r a kg:Rejection ; kg:agent kgr:y ; kg:rejects kgr:pr ; kg:source kgr:a ; kg:evidence "Hamas rejected it." .
kgr:s a kg:Statement ; kg:agent kgr:p ; kg:quote "No." ; kg:source kgr:a ; kg:evidence "“No,” he said." .
"""
BROKEN = {
    "rejection without a proposal": ("kgr:r a kg:Rejection ; kg:agent kgr:y ; kg:rejects kgr:pr ;",
                                     "kgr:r a kg:Rejection ; kg:agent kgr:y ;"),
    "meeting with one participant": ("kg:participant kgr:x, kgr:y ;", "kg:participant kgr:x ;"),
    "event without evidence": ("kg:evidence \"Egypt proposed a truce.\" .", "."),
    "actor with two labels": ("rdfs:label \"Egypt\" ;", "rdfs:label \"Egypt\", \"Misr\" ;"),
    "statement without quote": ("kg:quote \"No.\" ;", ""),
    "person affiliated with a person": ("kg:affiliation kgr:y ;", "kg:affiliation kgr:p ;"),
    "date of the wrong type": ("kg:status kg:Actual .", "kg:status kg:Actual ; kg:date \"soon\" ."),
}


def contract_terms() -> set[str]:
    path = SHARED / "ONTOLOGY.md"
    if not path.exists():
        pytest.skip("shared/ONTOLOGY.md is not beside the checkout")
    return set(re.findall(r"`kg:(\w+)`", path.read_text(encoding="utf-8")))


def test_every_term_of_the_contract_is_declared_with_label_and_comment():
    for term in sorted(contract_terms()):
        iri = KG[term]
        assert (iri, RDF.type, None) in ONTOLOGY, term
        assert ONTOLOGY.value(iri, RDFS.label) and ONTOLOGY.value(iri, RDFS.comment), term


def test_every_declared_term_has_label_comment_and_definition():
    for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ONTOLOGY.subjects(RDF.type, cls):
            if isinstance(term, URIRef) and str(term).startswith(str(KG)):
                assert ONTOLOGY.value(term, RDFS.label) and ONTOLOGY.value(term, RDFS.comment), term


def test_alignment_with_sem_and_prov():
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    assert (KG.Event, RDFS.subClassOf, URIRef(sem + "Event")) in ONTOLOGY
    assert (KG.Actor, RDFS.subClassOf, URIRef(sem + "Actor")) in ONTOLOGY
    assert (KG.source, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in ONTOLOGY


def test_a_valid_graph_conforms():
    conforms, report = validate(Graph().parse(data=VALID, format="turtle"))
    assert conforms, report


@pytest.mark.parametrize("defect", sorted(BROKEN))
def test_each_defect_is_caught(defect):
    before, after = BROKEN[defect]
    assert before in VALID
    conforms, _ = validate(Graph().parse(data=VALID.replace(before, after), format="turtle"))
    assert not conforms, defect
