"""The whole flow: articles -> parse -> actors/quotes/events -> resolve -> RDF.

Documents are turned into plain ``ArticleResult`` records as soon as spaCy has
finished with them, so memory does not grow with the number of parsed Docs. Articles
whose parse is in the cache (same text, same extractor) are not parsed again.

With ``jobs > 1`` worker processes each run the pipeline and send back those plain
records. spaCy's own ``n_process`` would ship every whole Doc back through msgpack,
which cannot carry Parley's records and costs more than the records themselves. With
``dask`` the same batches go to the workers of a Dask cluster instead (``cluster.py``),
which send the records back in the cache's plain form; either way resolution and the
store stay in this process.
"""
from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from . import nlp as nlp_module
from .articles import Columns, find_files, read_articles
from .cache import ParseCache, dumps, fingerprint
from .rdf import to_graph
from .records import Article, ArticleResult, Resolved
from .event_merge import merge_reports
from .resolve import resolve

#: Articles looked up in the cache, then parsed, at a time (times the number of jobs).
#: The workers wait for the slowest task at the end of each window: keep windows long.
WINDOW = 256
#: Articles a worker process parses per task: enough for spaCy to batch them, few
#: enough that the last tasks of a window end close together.
TASK_SIZE = 8


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


# -- workers --------------------------------------------------------------------------

_worker_nlp = None
_worker_lock = threading.Lock()  # a Dask worker may run tasks in threads: one parse at a time


def _start_worker(model: str | None) -> None:
    global _worker_nlp
    if _worker_nlp is None:  # a forked worker already has the parent's pipeline
        _worker_nlp = nlp_module.load(model)


def _parse_task(articles: list[Article]) -> tuple[list[ArticleResult], list[str]]:
    errors: list[str] = []
    return parse(articles, _worker_nlp, errors=errors), errors


def parse_plain_task(articles: list[Article], model: str) -> tuple[list[bytes], list[str], str]:
    """A batch parsed in a worker that loads its pipeline on its first task: each record
    in the cache's plain form, the failures, and the worker's extractor fingerprint (a
    worker with other code or another model must not fill the cache)."""
    with _worker_lock:
        _start_worker(model)
        results, errors = _parse_task(articles)
        extractor = fingerprint(_worker_nlp.meta)
    return [dumps(result) for result in results], errors, extractor


def windows(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class Batch:
    """What a worker sends back for a batch of articles: their records, in order, less
    those that failed (named in ``errors``), and the records' plain form when it has it."""

    results: list[ArticleResult]
    errors: list[str]
    encoded: list[bytes] | None = field(default=None, repr=False)


class ProcessWorkers:
    """``jobs`` worker processes on this machine, each with its own pipeline."""

    def __init__(self, nlp, model: str | None, jobs: int):
        global _worker_nlp
        _worker_nlp = nlp  # inherited by forked workers, loaded anew by spawned ones
        self.size = jobs
        self.pool = multiprocessing.Pool(jobs, initializer=_start_worker, initargs=(model,))

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Batch]:
        for results, errors in self.pool.imap(_parse_task, batches):
            yield Batch(results, errors)

    def close(self, failed: bool) -> None:
        self.pool.terminate() if failed else self.pool.close()
        self.pool.join()


class Parser:
    """Parses a stream of articles with one pipeline, in ``jobs`` processes or on the Dask
    cluster at ``dask`` (``tcp://HOST:PORT``, or ``local:N``), reusing the cached parse of
    every article seen unchanged before.

        with Parser(model, jobs=2, cache_path=out / "cache.sqlite") as parser:
            results = parser.parse(articles, errors=skipped)
    """

    def __init__(self, model: str | None = None, *, jobs: int = 1, cache_path: Path | None = None,
                 dask: str | None = None):
        self.nlp = nlp_module.load(model)
        self.model = model
        self.jobs = max(1, jobs)
        self.dask = dask
        self.cache = ParseCache(cache_path, fingerprint(self.nlp.meta))
        self.parsed = 0
        self.workers = None

    def __enter__(self) -> "Parser":
        try:
            if self.dask is not None:
                from .cluster import DaskWorkers

                self.workers = DaskWorkers(self.dask, self.model or nlp_module.default_model(),
                                           self.cache.extractor)
            elif self.jobs > 1:
                self.workers = ProcessWorkers(self.nlp, self.model, self.jobs)
        except BaseException:
            self.cache.close(prune=False)
            raise
        if self.workers is not None:
            self.jobs = self.workers.size
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        if self.workers is not None:
            self.workers.close(failed=exc_type is not None)
        # A failed or interrupted build keeps what it parsed but forgets nothing.
        self.cache.close(prune=exc_type is None)

    @property
    def reused(self) -> int:
        return self.cache.hits

    def parse(self, articles: Iterable[Article], *, errors: list[str] | None = None,
              on_article: Callable[[Article], None] | None = None) -> list[ArticleResult]:
        """Each article's record, in input order; failures go to ``errors`` and are skipped."""
        return list(self.records(articles, errors=errors, on_article=on_article))

    def records(self, articles: Iterable[Article], *, errors: list[str] | None = None,
                on_article: Callable[[Article], None] | None = None) -> Iterator[ArticleResult]:
        """``parse`` one window at a time: a streaming build holds one window of records,
        never the corpus's."""
        for window in windows(articles, WINDOW * self.jobs):
            found: dict[int, ArticleResult] = {}
            todo: list[int] = []
            for i, article in enumerate(window):
                cached = self.cache.get(article.digest())
                if cached is None:
                    todo.append(i)
                    continue
                found[i] = cached
                if on_article:
                    on_article(article)
            # Fresh results come back in order, less the articles that failed.
            pending = iter(todo)
            for result, encoded in self._parse_fresh([window[i] for i in todo], errors, on_article):
                i = next(i for i in pending if window[i] == result.article)
                self.cache.put(result.article.digest(), result, encoded=encoded)
                self.parsed += 1
                found[i] = result
            yield from (found[i] for i in sorted(found))

    def _parse_fresh(self, articles: list[Article], errors,
                     on_article) -> Iterator[tuple[ArticleResult, bytes | None]]:
        if not articles:
            return
        if self.workers is None:
            for result in parse(articles, self.nlp, on_article=on_article, errors=errors):
                yield result, None
            return
        for batch in self.workers.map(windows(articles, TASK_SIZE)):
            if errors is not None:
                errors.extend(batch.errors)
            for result, encoded in zip(batch.results, batch.encoded or repeat(None)):
                if on_article:
                    on_article(result.article)
                yield result, encoded


def resolve_all(results: list[ArticleResult], *, merge_events: bool = True) -> Resolved:
    """Actors across articles, then (unless ``merge_events`` is false) the reports of one
    event across articles as one event."""
    resolved = resolve(results)
    return merge_reports(resolved) if merge_events else resolved


def extract(articles: Iterable[Article], model: str | None = None, *, jobs: int = 1,
            cache_path: Path | None = None, errors: list[str] | None = None,
            merge_events: bool = True) -> Resolved:
    with Parser(model, jobs=jobs, cache_path=cache_path) as parser:
        return resolve_all(parser.parse(articles, errors=errors), merge_events=merge_events)


def build(paths: Iterable[str | Path], model: str | None = None, base: str | None = None,
          errors: list[str] | None = None, *, jobs: int = 1, columns: Columns = Columns(),
          merge_events: bool = True) -> Graph:
    """Read the articles under ``paths`` (files, folders, CSV/JSONL corpora) and return
    their knowledge graph. ``merge_events=False`` keeps each article's report of an
    event as an event of its own."""
    files = find_files(Path(p) for p in paths)
    return to_graph(extract(read_articles(files, errors, columns), model, jobs=jobs, errors=errors,
                            merge_events=merge_events), base)
