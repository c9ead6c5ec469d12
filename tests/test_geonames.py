"""Linked data: countries and towns carry owl:sameAs to GeoNames, towns their coordinates."""
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDFS, XSD

from kg import geonames
from kg.rdf import GEO, to_graph
from test_rdf import accords


def node(graph, label: str):
    (found,) = set(graph.subjects(RDFS.label, Literal(label)))
    return found


def test_a_country_and_a_capital_link_to_geonames_with_coordinates():
    graph = to_graph(accords())
    assert set(graph.objects(node(graph, "Armenia"), OWL.sameAs)) == {URIRef("https://sws.geonames.org/174982/")}
    assert set(graph.objects(node(graph, "United States"), OWL.sameAs)) == {
        URIRef("https://sws.geonames.org/6252001/")}
    washington = node(graph, "Washington")  # the place, in the United States: not Washington, England
    assert set(graph.objects(washington, OWL.sameAs)) == {URIRef("https://sws.geonames.org/4140963/")}
    assert graph.value(washington, GEO.lat) == Literal("38.89511", datatype=XSD.decimal)
    assert graph.value(washington, GEO.long) == Literal("-77.03637", datatype=XSD.decimal)
    # Countries have an id but no coordinates in the data.
    assert graph.value(node(graph, "Armenia"), GEO.lat) is None


def test_places_are_found_by_name_other_name_or_country_name():
    assert geonames.town("Kiev").geonameid == "703448"  # another name of Kyiv
    assert geonames.town("Washington", "United Kingdom").geonameid == "2634715"
    assert geonames.town("Washington").geonameid == "4140963"  # the most populous
    assert geonames.place("Ukraine") == geonames.country("Ukraine")
    assert geonames.country("Ukraine").iri == "https://sws.geonames.org/690791/"
    assert geonames.place("Kremlin") is None and geonames.town("Minas Tirith") is None
    assert geonames.country("Somaliland") is None  # GeoNames has no id for it


def test_the_graph_binds_geo_to_wgs84_and_still_conforms():
    from kg.rdf import validate
    from kg.store import turtle

    graph = to_graph(accords())
    assert "@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>" in turtle(graph)
    assert validate(graph)[0]
