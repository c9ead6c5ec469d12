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

    def __init__(self, base: Namespace = KGR, taken=None):
        self.base = base
        # iri -> owner key; any mapping with ``get`` and item assignment (a streaming
        # build keeps the articles' on disk).
        self.taken = {} if taken is None else taken

    def mint(self, folder: str, name: str, owner: str) -> URIRef:
        stem = f"{folder}/{slug(name)}"
        iri, n = stem, 1
        while self.taken.get(iri, owner) != owner:
            n += 1
            iri = f"{stem}-{n}"
        self.taken[iri] = owner
        return self.base[iri]


def new_graph(base: str | None = None) -> Graph:
    """An empty graph with Parley's prefixes (``kgr`` under ``base`` when given): what
    Turtle is written with, whether the triples are in it or stream past it."""
    g = bind(Graph())
    if base:
        g.bind("kgr", Namespace(base), override=True)
    return g


Triple = tuple  # (subject, predicate, object), rdflib terms


class Triples:
    """Resolved records -> triples, one record at a time, each handed to ``add`` with
    the named graph it belongs in (the article's IRI, or None for the default graph:
    see ``store``). ``to_graph`` feeds it every record at once; a streaming build
    feeds it one article or event at a time, so no graph of the corpus is ever whole.

    IRIs come from one ``Minter`` a folder (articles, actors, places, topics): a folder's
    IRIs depend only on the order its names are minted in, never on another folder's.
    """

    def __init__(self, add, base: str | None = None, article_minter: Minter | None = None):
        self.add = add
        self.ns = Namespace(base) if base else KGR
        self.minters = {"article": article_minter or Minter(self.ns)}
        self.topic_iri: dict[str, URIRef] = {}

    def mint(self, folder: str, name: str, owner: str) -> URIRef:
        if folder not in self.minters:
            self.minters[folder] = Minter(self.ns)
        return self.minters[folder].mint(folder, name, owner)

    def key_iri(self, folder: str, key: str) -> URIRef:
        return self.ns[folder + "/" + "/".join(slug(p, 120) for p in key.split("/"))]

    def article(self, art) -> tuple[URIRef, Literal | None]:
        """Mint the article's IRI (articles in order of id) and describe it; its IRI and
        its date of publication as a literal, when it has one."""
        iri = self.mint("article", art.id, "article:" + art.id)
        add = self.add
        add((iri, RDF.type, KG.Article), iri)
        add((iri, DCTERMS.identifier, text(art.id)), iri)
        if art.title:
            add((iri, DCTERMS.title, text(art.title)), iri)
            add((iri, RDFS.label, text(art.title)), iri)
        published = parse_publication_date(art.date)
        day = Literal(published.isoformat(), datatype=XSD.date) if published else None
        if day is not None:
            add((iri, DCTERMS.date, day), iri)
        elif art.date:
            add((iri, DCTERMS.date, text(art.date)), iri)
        if art.url:
            add((iri, DCTERMS.source, text(art.url)), iri)
        return iri, day

    def actor_iris(self, actors) -> dict[str, URIRef]:
        """Every actor's IRI, minted in order of label (``actors``: key -> Actor)."""
        return {key: self.mint("actor", actor.label, key)
                for key, actor in sorted(actors.items(), key=lambda kv: (kv[1].label, kv[0]))}

    def actor(self, actor, actor_iri: dict[str, URIRef], actors) -> None:
        """An actor's own description (its articles are ``source``'s)."""
        iri, add = actor_iri[actor.key], self.add
        for cls in ACTOR_CLASS[actor.kind]:
            add((iri, RDF.type, cls), None)
        if actor.kind == "country":
            self.link_geonames(iri, geonames.country(actor.label))
        add((iri, RDFS.label, text(actor.label)), None)
        for alias in actor.aliases:
            add((iri, SKOS.altLabel, text(alias)), None)
        for role in actor.roles:
            add((iri, KG.role, text(role)), None)
        for aff in actor.affiliations:
            if aff in actor_iri and actors[aff].kind in ("country", "organization", "news_outlet"):
                add((iri, KG.affiliation, actor_iri[aff]), None)

    def source(self, actor: URIRef, article: URIRef) -> None:
        """An actor read in an article."""
        self.add((actor, KG.source, article), None)
        self.add((article, KG.mentions, actor), article)

    def place_iris(self, places) -> dict[str, URIRef]:
        return {key: self.mint("place", place.label, key) for key, place in sorted(places.items())}

    def place(self, place, place_iri: dict[str, URIRef], actor_iri: dict[str, URIRef], actors) -> None:
        iri, add = place_iri[place.key], self.add
        add((iri, RDF.type, KG.Place), None)
        add((iri, RDFS.label, text(place.label)), None)
        if place.country in actor_iri:
            add((iri, KG.locatedIn, actor_iri[place.country]), None)
        country = actors[place.country].label if place.country in actors else None
        self.link_geonames(iri, geonames.place(place.label, country))

    def link_geonames(self, iri: URIRef, feature: geonames.Feature | None) -> None:
        """owl:sameAs the GeoNames feature, and its coordinates where the data has them."""
        if feature is None:
            return
        self.add((iri, OWL.sameAs, URIRef(feature.iri)), None)
        if feature.latitude and feature.longitude:
            self.add((iri, GEO.lat, Literal(feature.latitude, datatype=XSD.decimal)), None)
            self.add((iri, GEO.long, Literal(feature.longitude, datatype=XSD.decimal)), None)

    def topic(self, label: str) -> URIRef:
        """A topic's IRI, minted and described the first time an event names it."""
        if label not in self.topic_iri:
            iri = self.topic_iri[label] = self.mint("topic", label, "topic:" + label)
            self.add((iri, RDF.type, KG.Topic), None)
            self.add((iri, RDF.type, SKOS.Concept), None)
            self.add((iri, RDFS.label, text(label)), None)
            words = label.split()
            if len(words) > 1 and not label.endswith(" of " + words[-1]):
                self.add((iri, SKOS.broader, self.topic(words[-1])), None)
        return self.topic_iri[label]

    def event(self, ev, article_iri, published_on, actor_iri: dict[str, URIRef],
              place_iri: dict[str, URIRef]) -> None:
        """An event and each article's report of it. ``article_iri`` and ``published_on``
        map article ids (``published_on`` may lack some); events go in order, which
        is the order their topics are minted in."""
        iri = self.key_iri("event", ev.key)
        accounts = ev.accounts()
        articles = {article_iri[account.article] for account in accounts}
        # An event several articles report is shared, as actors are.
        home = next(iter(articles)) if len(articles) == 1 else None

        def add(p, o):
            self.add((iri, p, o), home)

        add(RDF.type, KG[ev.kind])
        if ev.subclass:
            add(RDF.type, KG[ev.subclass])
        add(RDFS.label, text(ev.label))
        dates = []
        for account in accounts:
            # Each article's account of the event: its sentences tied to their article.
            report = self.key_iri("report", account.key)
            source = article_iri[account.article]
            day = published_on.get(account.article)
            add(KG.report, report)
            self.add((report, RDF.type, KG.Report), source)
            self.add((report, KG.source, source), source)
            if day is not None:
                self.add((report, DCTERMS.date, day), source)
                dates.append(day)
            add(KG.source, source)
            for sentence in account.evidence:
                add(KG.evidence, text(sentence))
                self.add((report, KG.evidence, text(sentence)), source)
        add(KG.reportCount, Literal(independent_reports(accounts)))
        if dates:
            add(KG.firstReported, min(dates, key=str))
        add(KG.status, KG[ev.status])
        if ev.trigger:
            add(KG.trigger, text(ev.trigger))
        for k in ev.agents:
            add(KG.agent, actor_iri[k])
        for k in ev.participants:
            add(KG.participant, actor_iri[k])
        for k in ev.parties:
            add(KG.party, actor_iri[k])
        for k in ev.addressees:
            add(KG.addressee, actor_iri[k])
        for label in ev.topics:
            add(KG.topic, self.topic(label))
        if ev.rejects:
            add(KG.rejects, self.key_iri("event", ev.rejects))
        if ev.accepts:
            add(KG.accepts, self.key_iri("event", ev.accepts))
        if ev.kind == "Acceptance":  # on every acceptance, so that queries need no OPTIONAL
            add(KG.partial, Literal(bool(ev.partial)))
        if ev.cameo:
            add(KG.cameoCode, Literal(ev.cameo))
        if ev.quote:
            add(KG.quote, text(ev.quote))
        if ev.date_value:
            add(KG.date, Literal(ev.date_value[0], datatype=XSD_TYPES[ev.date_value[1]]))
        elif ev.date_text:
            add(KG.dateText, text(ev.date_text))
        if ev.place:
            add(KG.place, place_iri[ev.place])


def to_graph(resolved: Resolved, base: str | None = None) -> Graph:
    g = new_graph(base)
    out = Triples(lambda triple, _home: g.add(triple), base)
    article_iri, published_on = {}, {}
    for art in sorted(resolved.articles, key=lambda a: a.id):
        article_iri[art.id], day = out.article(art)
        if day is not None:
            published_on[art.id] = day
    actor_iri = out.actor_iris(resolved.actors)
    for actor in resolved.actors.values():
        out.actor(actor, actor_iri, resolved.actors)
        for art in actor.sources:
            out.source(actor_iri[actor.key], article_iri[art])
    place_iri = out.place_iris(resolved.places)
    for place in resolved.places.values():
        out.place(place, place_iri, actor_iri, resolved.actors)
    for ev in resolved.events:
        out.event(ev, article_iri, published_on, actor_iri, place_iri)
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
