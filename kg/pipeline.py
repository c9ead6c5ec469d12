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
          on_article: Callable[[Article], None] | None = None,
          errors: list[str] | None = None) -> list[ArticleResult]:
    """Parse articles into plain records. An article that makes a component fail is
    reported in ``errors`` (when given) and skipped, so one bad text cannot sink a build."""
    results = []
    if errors is not None:
        def skip(name, _proc, docs, exc):
            for doc in docs:
                article = getattr(doc, "_context", None)
                errors.append(f"{getattr(article, 'path', None) or getattr(article, 'id', '?')}: "
                              f"failed in {name} ({type(exc).__name__}: {exc})")
                if on_article and article is not None:
                    on_article(article)
        # Parley's components are plain functions: spaCy routes their failures here.
        nlp.default_error_handler = skip
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
