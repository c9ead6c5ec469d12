"""Parley: a knowledge graph of who proposed, rejected, demanded, met and said what.

    >>> import kg
    >>> graph = kg.build(["seeds/"])            # an rdflib.Graph
    >>> rows = kg.query(graph, "rejections")    # a bundled query, or SPARQL text
    >>> store = kg.open_store("output")         # the Oxigraph store a `kg build` wrote
    >>> rows = kg.query(store, "timeline")
"""
from .pipeline import build, extract
from .query import query
from .store import open_store

__all__ = ["build", "extract", "query", "open_store"]
__version__ = "0.1.0"
