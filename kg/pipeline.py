"""The whole flow: articles -> parse -> actors/quotes/events -> resolve -> RDF.

Documents are turned into plain ``ArticleResult`` records as soon as spaCy has
finished with them, so memory does not grow with the number of parsed Docs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from . import nlp as nlp_module
from .articles import Article, find_files, read_articles
from .rdf import to_graph
from .resolve import ArticleResult, Resolved, resolve


def parse(articles: Iterable[Article], nlp, *, batch_size: int = 16,
          on_article: Callable[[Article], None] | None = None) -> list[ArticleResult]:
    results = []
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        results.append(ArticleResult(article, doc._.mentions, doc._.events))
        if on_article:
            on_article(article)
    return results


def extract(articles: Iterable[Article], model: str | None = None, **kwargs) -> Resolved:
    nlp = nlp_module.load(model)
    return resolve(parse(articles, nlp, **kwargs))


def build(paths: Iterable[str | Path], model: str | None = None, base: str | None = None,
          errors: list[str] | None = None) -> Graph:
    """Read the articles under ``paths`` and return their knowledge graph."""
    files = find_files(Path(p) for p in paths)
    return to_graph(extract(read_articles(files, errors), model), base)
