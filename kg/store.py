"""The embedded store: an Oxigraph database in ``output/store/``, with each article's
facts in a named graph of its own.

Graph layout: the named graph ``<article IRI>`` holds the article's own description,
every event read from it alone, and its report of each event (all triples whose
subject is one of those nodes); the default graph holds what articles share: actors,
places, topics and the events that several articles report. Queries run
with the default graph as the union of all graphs, so users need no ``GRAPH`` clause.

A build writes a whole new store beside the old one and renames it into place, so a
reader never sees a half-written store and a killed build leaves the last one intact
(a kill between the two renames is repaired by the next ``open_store``).
"""
from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .fileio import current_umask
from .lock import unless_busy
from .rdf import KG, bind
from .records import EVENT_KINDS

STORE_DIR = "store"
EVENT_CLASSES = {KG[kind] for kind in EVENT_KINDS}
#: File suffixes -> Oxigraph formats, for reading any RDF file (``--graph FILE``).
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
           ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
           ".xml": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD,
           ".json": ox.RdfFormat.JSON_LD, ".n3": ox.RdfFormat.N3}
XSD_STRING = str(XSD.string)
#: Prefixes for what Oxigraph writes: Parley's own and the vocabularies it reuses.
PREFIXES = {prefix: str(ns) for prefix, ns in bind(Graph(bind_namespaces="core")).namespaces()
            if prefix != "xml"}


class StoreError(Exception):
    """A store or RDF file that cannot be opened or read; the message says why."""


# -- terms between rdflib and Oxigraph ------------------------------------------------

def to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))


def article_quads(graph: Graph) -> Iterator[ox.Quad]:
    """The graph's triples as quads: each article's description and events in the
    article's named graph, everything shared in the default graph."""
    home = {article: article for article in graph.subjects(RDF.type, KG.Article)}
    for cls in (*EVENT_CLASSES, KG.Report):
        for node in graph.subjects(RDF.type, cls):
            sources = set(graph.objects(node, KG.source))
            if len(sources) == 1:  # an event several articles report is shared, as actors are
                home[node] = sources.pop()
    default = ox.DefaultGraph()
    for s, p, o in graph:
        where = home.get(s)
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(where) if where is not None else default)


def turtle(graph: Graph) -> str:
    """The graph as Turtle, sorted (each subject's type first), so that the same graph
    always gives the same bytes. Oxigraph writes it: rdflib's serializer takes four
    times as long."""
    ordered = sorted(graph, key=turtle_order)
    triples = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ordered)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=turtle_prefixes(graph)).decode("utf-8")


def turtle_order(triple) -> tuple:
    """The order of triples in graph.ttl: by subject, its types first, then by predicate
    and object."""
    s, p, o = triple
    return str(s), p != RDF.type, str(p), o.n3()


def turtle_prefixes(graph: Graph) -> dict[str, str]:
    """The prefixes graph.ttl is written with: those of Parley's bound in ``graph``."""
    return {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix in PREFIXES}


# -- the store on disk ------------------------------------------------------------------

def store_path(out_dir: Path) -> Path:
    return Path(out_dir) / STORE_DIR


def recover(out_dir: Path) -> None:
    """Finish or undo a store swap that a killed build left half done."""
    target = store_path(out_dir)
    retired = sorted(Path(out_dir).glob(f".{STORE_DIR}-old-*"))
    if not target.exists():
        kept = [d / STORE_DIR for d in retired if (d / STORE_DIR).is_dir()]
        if kept:
            os.rename(kept[-1], target)
    for stale in [*retired, *Path(out_dir).glob(f".{STORE_DIR}-new-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def write_store(quads: Iterable[ox.Quad] | list[Path], out_dir: Path) -> Path:
    """Write ``quads`` (or the N-Quads files at those paths) as the store in ``out_dir``,
    replacing the previous one whole. Oxigraph's bulk loader holds what one call gives
    it in memory: a streaming build gives it one file of a bounded size at a time."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    fresh = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{STORE_DIR}-new-"))
    os.chmod(fresh, 0o777 & ~current_umask())  # as mkdir would have made it, not mkdtemp's 0700
    try:
        store = ox.Store(str(fresh))
        if isinstance(quads, list) and all(isinstance(q, Path) for q in quads):
            for path in quads:
                store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_extend(quads)
        store.flush()
        del store
        gc.collect()  # Oxigraph releases the database's lock when the object is freed
        target = store_path(out_dir)
        retired = None
        if target.exists():
            retired = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{STORE_DIR}-old-"))
            os.rename(target, retired / STORE_DIR)
        os.rename(fresh, target)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return target


def open_store(out_dir: Path, *, writable: bool = False) -> ox.Store:
    """The store that ``kg build`` wrote into ``out_dir``."""
    out_dir = Path(out_dir)
    if out_dir.is_dir():
        with unless_busy(out_dir) as free:
            if free:  # a running build's new store is not debris
                recover(out_dir)
    path = store_path(out_dir)
    if not path.is_dir():
        raise StoreError(f"no store in {out_dir}: build one first with `kg build INPUT --out {out_dir}`")
    try:
        return ox.Store(str(path)) if writable else ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store in {path}: {exc}") from None


def load_file(path: Path) -> ox.Store:
    """Any RDF file in an in-memory Oxigraph store, so that queries never wait on
    rdflib's SPARQL engine."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no graph at {path}: build one first with `kg build INPUT --out {path.parent}`")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file type (known: {', '.join(sorted(FORMATS))})")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"cannot read {path} as RDF: {exc}") from None
    return store


def from_graph(graph: Graph) -> ox.Store:
    """An rdflib graph in an in-memory Oxigraph store, in the store's layout."""
    store = ox.Store()
    store.bulk_extend(article_quads(graph))
    return store


def to_graph(store: ox.Store) -> Graph:
    """Every graph of the store merged into one rdflib graph (for SHACL and rendering)."""
    graph = bind(Graph())
    for t in triples(store):
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the store, whatever graph holds it (the layout puts each in one)."""
    for quad in store:
        yield ox.Triple(quad.subject, quad.predicate, quad.object)


def server_command(out_dir: Path, *, host: str, port: int, allow_update: bool, timeout: int) -> list[str]:
    """The command line of Oxigraph's own SPARQL server (the ``oxigraph`` package) over
    the store in ``out_dir``, with the default graph as the union of all graphs."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        found = shutil.which("oxigraph")
        if found is None:
            raise StoreError("the oxigraph server is not installed; install it with: pip install oxigraph")
        binary = Path(found)
    return [str(binary), "serve" if allow_update else "serve-read-only",
            "--location", str(store_path(out_dir)), "--bind", f"{host}:{port}",
            "--union-default-graph", "--timeout-s", str(timeout)]
