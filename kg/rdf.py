"""Resolved actors and events -> RDF triples in Parley's vocabulary.

IRIs are minted from content, never from counters or clocks: actors from their
canonical label, events from their article and the trigger's character offset (an
event several articles report, from its earliest report), each article's report of
an event (``kg:Report``) likewise, articles from the file stem. Two builds of the same inputs therefore give the same
graph, and two articles naming the same actor give the same node.
"""
from __future__ import annotations

from importlib import resources

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from . import geonames
from .articles import CONTROL
from .dates import parse_publication_date
from .namespace import KG
from .records import Report, Resolved
from .resolve import slug

KGR = Namespace("https://w3id.org/parley/id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C WGS84 lat/long
# The ontology ships inside the package (kg/ontology links to the repository's ontology/),
# so that an installed wheel can validate as a checkout does.
ONTOLOGY_DIR = resources.files("kg") / "ontology"

ACTOR_CLASS = {"person": [KG.Person], "country": [KG.Country], "organization": [KG.Organization],
               "news_outlet": [KG.Organization, KG.NewsOutlet], "group": [KG.Group]}


def text(value: str) -> Literal:
    """A plain literal of article text, without control characters."""
    return Literal(CONTROL.sub("", str(value)))


XSD_TYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear}


def bind(graph: Graph) -> Graph:
    for prefix, ns in (("kg", KG), ("kgr", KGR), ("dcterms", DCTERMS), ("skos", SKOS),
                       ("prov", PROV), ("xsd", XSD), ("rdfs", RDFS), ("owl", OWL), ("geo", GEO)):
        graph.bind(prefix, ns, override=True, replace=True)  # geo: rdflib binds it to GeoSPARQL
    return graph


class Minter:
    """Deterministic, collision-free IRIs under a base."""

    def __init__(self, base: Namespace = KGR):
        self.base = base
        self.taken: dict[str, str] = {}  # iri -> owner key

    def mint(self, folder: str, name: str, owner: str) -> URIRef:
        stem = f"{folder}/{slug(name)}"
        iri, n = stem, 1
        while self.taken.get(iri, owner) != owner:
            n += 1
            iri = f"{stem}-{n}"
        self.taken[iri] = owner
        return self.base[iri]


def link_geonames(g: Graph, iri: URIRef, feature: geonames.Feature | None) -> None:
    """owl:sameAs the GeoNames feature, and its coordinates where the data has them."""
    if feature is None:
        return
    g.add((iri, OWL.sameAs, URIRef(feature.iri)))
    if feature.latitude and feature.longitude:
        g.add((iri, GEO.lat, Literal(feature.latitude, datatype=XSD.decimal)))
        g.add((iri, GEO.long, Literal(feature.longitude, datatype=XSD.decimal)))


def to_graph(resolved: Resolved, base: str | None = None) -> Graph:
    ns = Namespace(base) if base else KGR
    mint = Minter(ns)
    g = bind(Graph())
    if base:
        g.bind("kgr", ns, override=True)
    article_iri = {}
    published_on: dict[str, Literal] = {}
    for art in sorted(resolved.articles, key=lambda a: a.id):
        iri = mint.mint("article", art.id, "article:" + art.id)
        article_iri[art.id] = iri
        g.add((iri, RDF.type, KG.Article))
        g.add((iri, DCTERMS.identifier, text(art.id)))
        if art.title:
            g.add((iri, DCTERMS.title, text(art.title)))
            g.add((iri, RDFS.label, text(art.title)))
        published = parse_publication_date(art.date)
        if published:
            published_on[art.id] = Literal(published.isoformat(), datatype=XSD.date)
            g.add((iri, DCTERMS.date, published_on[art.id]))
        elif art.date:
            g.add((iri, DCTERMS.date, text(art.date)))
        if art.url:
            g.add((iri, DCTERMS.source, text(art.url)))

    actor_iri = {}
    for key, actor in sorted(resolved.actors.items(), key=lambda kv: (kv[1].label, kv[0])):
        actor_iri[key] = mint.mint("actor", actor.label, key)
    for key, actor in resolved.actors.items():
        iri = actor_iri[key]
        for cls in ACTOR_CLASS[actor.kind]:
            g.add((iri, RDF.type, cls))
        if actor.kind == "country":
            link_geonames(g, iri, geonames.country(actor.label))
        g.add((iri, RDFS.label, text(actor.label)))
        for alias in actor.aliases:
            g.add((iri, SKOS.altLabel, text(alias)))
        for role in actor.roles:
            g.add((iri, KG.role, text(role)))
        for aff in actor.affiliations:
            if aff in actor_iri and resolved.actors[aff].kind in ("country", "organization", "news_outlet"):
                g.add((iri, KG.affiliation, actor_iri[aff]))
        for art in actor.sources:
            g.add((iri, KG.source, article_iri[art]))
            g.add((article_iri[art], KG.mentions, iri))

    place_iri = {}
    for key, place in sorted(resolved.places.items()):
        iri = place_iri[key] = mint.mint("place", place.label, key)
        g.add((iri, RDF.type, KG.Place))
        g.add((iri, RDFS.label, text(place.label)))
        if place.country in actor_iri:
            g.add((iri, KG.locatedIn, actor_iri[place.country]))
        country = resolved.actors[place.country].label if place.country in resolved.actors else None
        link_geonames(g, iri, geonames.place(place.label, country))

    def key_iri(folder: str, key: str) -> URIRef:
        return ns[folder + "/" + "/".join(slug(p, 120) for p in key.split("/"))]

    event_iri = {ev.key: key_iri("event", ev.key) for ev in resolved.events}
    topic_iri: dict[str, URIRef] = {}

    def topic(label: str) -> URIRef:
        if label not in topic_iri:
            iri = topic_iri[label] = mint.mint("topic", label, "topic:" + label)
            g.add((iri, RDF.type, KG.Topic))
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, RDFS.label, text(label)))
            words = label.split()
            if len(words) > 1 and not label.endswith(" of " + words[-1]):
                g.add((iri, SKOS.broader, topic(words[-1])))
        return topic_iri[label]

    for ev in resolved.events:
        iri = event_iri[ev.key]
        g.add((iri, RDF.type, KG[ev.kind]))
        if ev.subclass:
            g.add((iri, RDF.type, KG[ev.subclass]))
        g.add((iri, RDFS.label, text(ev.label)))
        accounts = ev.accounts()
        for account in accounts:
            # Each article's account of the event: its sentences tied to their article.
            report = key_iri("report", account.key)
            g.add((iri, KG.report, report))
            g.add((report, RDF.type, KG.Report))
            g.add((report, KG.source, article_iri[account.article]))
            if account.article in published_on:
                g.add((report, DCTERMS.date, published_on[account.article]))
            g.add((iri, KG.source, article_iri[account.article]))
            for sentence in account.evidence:
                g.add((iri, KG.evidence, text(sentence)))
                g.add((report, KG.evidence, text(sentence)))
        g.add((iri, KG.reportCount, Literal(independent_reports(accounts))))
        dates = [published_on[a.article] for a in accounts if a.article in published_on]
        if dates:
            g.add((iri, KG.firstReported, min(dates, key=str)))
        g.add((iri, KG.status, KG[ev.status]))
        if ev.trigger:
            g.add((iri, KG.trigger, text(ev.trigger)))
        for k in ev.agents:
            g.add((iri, KG.agent, actor_iri[k]))
        for k in ev.participants:
            g.add((iri, KG.participant, actor_iri[k]))
        for k in ev.parties:
            g.add((iri, KG.party, actor_iri[k]))
        for k in ev.addressees:
            g.add((iri, KG.addressee, actor_iri[k]))
        for label in ev.topics:
            g.add((iri, KG.topic, topic(label)))
        if ev.rejects:
            g.add((iri, KG.rejects, event_iri[ev.rejects]))
        if ev.accepts:
            g.add((iri, KG.accepts, event_iri[ev.accepts]))
        if ev.kind == "Acceptance":  # on every acceptance, so that queries need no OPTIONAL
            g.add((iri, KG.partial, Literal(bool(ev.partial))))
        if ev.cameo:
            g.add((iri, KG.cameoCode, Literal(ev.cameo)))
        if ev.quote:
            g.add((iri, KG.quote, text(ev.quote)))
        if ev.date_value:
            g.add((iri, KG.date, Literal(ev.date_value[0], datatype=XSD_TYPES[ev.date_value[1]])))
        elif ev.date_text:
            g.add((iri, KG.dateText, text(ev.date_text)))
        if ev.place:
            g.add((iri, KG.place, place_iri[ev.place]))
    return g


def independent_reports(accounts: list[Report]) -> int:
    """How many articles tell the event in their own words: copies of one wire story
    (the same sentences in two articles) count once."""
    return len({tuple(" ".join(s.split()).casefold() for s in a.evidence) for a in accounts})


def validate(graph: Graph) -> tuple[bool, str]:
    """Check ``graph`` against ontology/shapes.ttl, with RDFS inference over parley.ttl
    (the shapes speak of kg:Actor and kg:Event; the graph types nodes with subclasses)."""
    import pyshacl

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = Graph().parse(ONTOLOGY_DIR / "parley.ttl")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    return bool(conforms), text
