"""Parley: a knowledge graph of who proposed, rejected, demanded, met and said what.

    >>> import kg
    >>> graph = kg.build(["seeds/"])            # an rdflib.Graph
    >>> rows = kg.query(graph, "rejections")    # a bundled query, or SPARQL text
    >>> store = kg.open_store("output")         # the Oxigraph store a `kg build` wrote
    >>> rows = kg.query(store, "timeline")
    >>> records = kg.events(graph)              # one dict an event: pandas.DataFrame(records)
    >>> actors = kg.to_networkx(graph)          # the actors view, a networkx MultiDiGraph
"""
from .query import query
from .store import open_store
from .views import events, to_networkx


def __getattr__(name: str):
    # build and extract load spaCy: imported when first asked for, so that the stages
    # that only read records (kg.rdf, kg.store, kg.query) can be imported without it.
    if name in ("build", "extract"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["build", "extract", "query", "open_store", "events", "to_networkx"]
__version__ = "0.1.0"
