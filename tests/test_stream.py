"""The streaming build (kg/stream.py) writes the graph the in-memory path makes, to the
byte, and holds one connected set of blocks of events at a time, not the corpus's.

The in-memory path is ``to_graph(resolve_all(records))``, written with ``store.turtle``
and ``store.article_quads``: what `kg build` wrote before it streamed.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import SEEDS
from kg import store as stores
from kg import stream
from kg.articles import find_files, read_articles
from kg.event_merge import Merger, merge_reports
from kg.pipeline import parse, resolve_all
from kg.rdf import to_graph
from kg.records import Actor, Article, Event, Resolved
from test_event_merge import ARTICLES, proposal, rejection, write

BASE = "https://example.org/kg/"


def in_memory(results, *, base=None, merge_events=True) -> tuple[bytes, list[str]]:
    graph = to_graph(resolve_all(results, merge_events=merge_events), base)
    return stores.turtle(graph).encode("utf-8"), sorted(str(q) for q in stores.article_quads(graph))


def streamed(results, out: Path, **options) -> tuple[bytes, list[str]]:
    output = stream.write_outputs(iter(results), out, html=False, **options)
    assert [p.name for p in output.written] == ["store", "graph.ttl"]
    assert not list(out.glob(".stream-*")), "the scratch folder is removed"
    store = ox.Store.read_only(str(out / "store"))
    return (out / "graph.ttl").read_bytes(), sorted(str(q) for q in store)


@pytest.fixture(scope="module")
def seeds(nlp):
    return parse(read_articles(find_files([SEEDS])), nlp)


@pytest.fixture(scope="module")
def calls(nlp, tmp_path_factory):
    """Five articles written for test_event_merge: one phone call told by three of them."""
    folder = write(tmp_path_factory.mktemp("calls"), ARTICLES)
    return parse(read_articles(find_files([folder])), nlp)


def test_the_seeds_stream_to_the_same_bytes(seeds, tmp_path):
    turtle, quads = streamed(seeds, tmp_path)
    assert (turtle, quads) == in_memory(seeds)
    assert len(quads) > 900


@pytest.mark.parametrize("options", [{}, {"base": BASE}, {"merge_events": False}],
                         ids=["default", "base", "no-merge"])
def test_articles_merged_across_stream_to_the_same_bytes(calls, tmp_path, options):
    turtle, quads = streamed(calls, tmp_path, **options)
    assert (turtle, quads) == in_memory(calls, **options)
    # The call three articles tell: one event with three reports, unless asked not to merge.
    assert turtle.count(b"kg:reportCount 3 ") == (1 if options.get("merge_events", True) else 0)


def test_the_order_of_the_input_changes_nothing(calls, tmp_path):
    assert streamed(calls[::-1], tmp_path / "a") == streamed(calls, tmp_path / "b")


def test_a_build_replaces_the_last_and_counts_what_it_wrote(calls, tmp_path):
    first = stream.write_outputs(iter(calls), tmp_path, html=False)
    again = stream.write_outputs(iter(calls[:2]), tmp_path, html=False)
    assert first.summary.articles == 5 and again.summary.articles == 2
    assert first.summary.merged == 1 and first.summary.events["Meeting"] == 3
    assert len(ox.Store.read_only(str(tmp_path / "store"))) == again.summary.triples
    assert (tmp_path / "graph.ttl").read_bytes() == in_memory(calls[:2])[0]


# -- merging on disk, one connected set of blocks at a time ------------------------------

ACTORS = {k: Actor(k, "country", k.title()) for k in ("russia", "ukraine", "turkey")}


def merged_on_disk(events: list[Event], dates: dict[str, str | None], tmp_path: Path) -> tuple[list[Event], int]:
    from kg.dates import parse_publication_date

    scratch = stream.Scratch(tmp_path)
    try:
        merger = Merger(ACTORS, {a: parse_publication_date(d) for a, d in dates.items()})
        stream.file_events(scratch, events, merger)
        most = stream.merge_reports(scratch, merger)
        return list(stream.live_events(scratch, ACTORS)), most
    finally:
        scratch.close()


def merged_in_memory(events: list[Event], dates: dict[str, str | None]) -> list[Event]:
    articles = [Article(id=a, text="", date=d) for a, d in dates.items()]
    return merge_reports(Resolved(articles, ACTORS, {}, events)).events


def fresh(make):
    """Two copies of the same events: merging changes the events it is given."""
    return make(), make()


@pytest.mark.parametrize("make, dates", [
    (lambda: [proposal("a", ["turkey"], "ceasefire"), rejection("a", "a/proposal-10", "ceasefire"),
              proposal("b", ["turkey"], "truce"), rejection("b", "b/proposal-10", "truce")],
     {"a": "2024-03-04", "b": "2024-03-05"}),
    (lambda: [proposal("a", ["turkey"], "ceasefire"), rejection("a", "a/proposal-10", "ceasefire"),
              Event(key="b/proposal-implied-ceasefire", kind="Proposal", article="b",
                    evidence="Russia rejected a ceasefire.", label="", topics=["ceasefire"], position=50),
              rejection("b", "b/proposal-implied-ceasefire", "ceasefire")],
     {"a": "2024-03-04", "b": "2024-03-05"}),
    (lambda: [proposal(a, ["turkey"], "ceasefire") for a in ("a", "b", "c")],
     {"a": "2024-03-01", "b": "2024-03-07", "c": "2024-03-13"}),
], ids=["merged-proposals", "unattributed-proposal", "complete-link"])
def test_merging_on_disk_gives_the_events_merging_in_memory_gives(make, dates, tmp_path):
    on_disk, in_memory_ = fresh(make)
    assert merged_on_disk(on_disk, dates, tmp_path)[0] == merged_in_memory(in_memory_, dates)


def test_merging_holds_one_connected_set_of_blocks_at_a_time(tmp_path):
    """Forty articles, each a Turkish proposal of a ceasefire, two by two a day apart, each
    pair a year from the next: twenty events after merging, and never more than one
    pair's two events in memory at once."""
    start = date(2001, 3, 1)
    dates = {f"a{n:02d}": (start + timedelta(days=366 * (n // 2) + n % 2)).isoformat() for n in range(40)}

    def make():
        return [proposal(article, ["turkey"], "ceasefire") for article in dates]
    on_disk, in_memory_ = fresh(make)
    events, most = merged_on_disk(on_disk, dates, tmp_path)
    assert len(events) == 20 and all(len(ev.accounts()) == 2 for ev in events)
    assert events == merged_in_memory(in_memory_, dates)
    assert most == 2


def test_texts_sharing_an_id_stream_as_the_one_article_they_are_in_memory(nlp, tmp_path):
    texts = [Article(id="same", text="Norway proposed a ceasefire on Monday."),
             Article(id="other", text="Chile rejected the trade deal that Peru offered."),
             Article(id="same", text="Sweden rejected the ceasefire on Tuesday.")]
    results = parse(texts, nlp)
    turtle, quads = streamed(results, tmp_path)
    assert (turtle, quads) == in_memory(results)
    assert b"kg:rejects" in turtle
