"""Parley: a knowledge graph of who proposed, rejected, demanded, met and said what.

    >>> import kg
    >>> graph = kg.build(["seeds/"])            # an rdflib.Graph
    >>> rows = kg.query(graph, "rejections")    # a bundled query, or SPARQL text
"""
from .pipeline import build, extract
from .query import query

__all__ = ["build", "extract", "query"]
__version__ = "0.1.0"
