"""One event, many reports: reports of the same event across articles are one event.

The articles are written for these tests (two East African leaders, invented calls):
the same phone call told by three articles in other words, each dating it its own way
("on Tuesday", "on May 16" under a dateline, "last week"); a call of the same leaders
three months later, and talks in person in the same week, which stay events of their own.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from conftest import run_kg
from kg.dates import read_dateline
from kg.event_merge import merge_reports
from kg.namespace import KG
from kg.records import Actor, Article, Event, Resolved

CALL_TUESDAY = """---
title: Kenya and Ethiopia discuss drought
date: 2023-05-17
---
Kenyan President William Ruto held a phone call with Ethiopian Prime Minister Abiy Ahmed on Tuesday to discuss the drought in the Horn of Africa.

The two leaders agreed to coordinate food aid along their shared border, officials in Nairobi said.
"""
CALL_DATELINE = """NAIROBI, May 18, 2023 (Reuters) - Ethiopia's Abiy Ahmed and Kenya's William Ruto spoke by telephone on May 16 about grain shipments and the failed rains, a Kenyan government spokesman said.

The spokesman gave no further details of the conversation.
"""
CALL_LAST_WEEK = """---
title: Horn of Africa leaders step up contacts
date: 2023-05-24
---
Last week, Abiy Ahmed and William Ruto spoke by phone about regional security, according to a statement from the Ethiopian prime minister's office.

Aid agencies have warned that millions of people face hunger after five failed rainy seasons.
"""
CALL_AUGUST = """---
title: Ruto and Abiy talk about Sudan
date: 2023-08-16
---
William Ruto and Abiy Ahmed spoke by phone on Monday about the war in Sudan, the Kenyan presidency said.

Both countries have received thousands of refugees since the fighting began in April.
"""
TALKS_IN_PERSON = """---
title: Leaders meet in Addis Ababa
date: 2023-05-19
---
Kenyan President William Ruto held talks with Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on May 18, their offices said.

The meeting focused on a planned road linking the two capitals.
"""
ARTICLES = {"call_tuesday.txt": CALL_TUESDAY, "call_dateline.txt": CALL_DATELINE,
            "call_last_week.txt": CALL_LAST_WEEK, "call_august.txt": CALL_AUGUST,
            "talks_in_person.txt": TALKS_IN_PERSON}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def meetings(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, KG.Meeting))


def ids(graph: Graph, event) -> set[str]:
    return {str(graph.value(src, DCTERMS.identifier)) for src in graph.objects(event, KG.source)}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Graph]:
    root = tmp_path_factory.mktemp("merge")
    write(root / "in", ARTICLES)
    run_kg("build", str(root / "in"), "--out", str(root / "out"), "--no-html", check=True)
    return root, Graph().parse(root / "out" / "graph.ttl")


def test_one_call_told_by_three_articles_is_one_event_with_three_reports(built):
    _, graph = built
    calls = [m for m in meetings(graph) if len(ids(graph, m)) > 1]
    assert len(calls) == 1
    call = calls[0]
    assert ids(graph, call) == {"call_tuesday", "call_dateline", "call_last_week"}
    assert (call, RDF.type, KG.PhoneCall) in graph
    # "on Tuesday" (published 17 May), "on May 16" (dateline of 18 May) and "last week"
    # (published 24 May: a month) agree; the day is kept, the most precise.
    assert graph.value(call, KG.date) == Literal("2023-05-16", datatype=XSD.date)
    assert graph.value(call, KG.firstReported) == Literal("2023-05-17", datatype=XSD.date)
    assert graph.value(call, KG.reportCount).toPython() == 3
    # Each report ties its own sentence to its own article.
    reports = {str(graph.value(graph.value(r, KG.source), DCTERMS.identifier)): r
               for r in graph.objects(call, KG.report)}
    assert set(reports) == {"call_tuesday", "call_dateline", "call_last_week"}
    evidence = {a: {str(s) for s in graph.objects(r, KG.evidence)} for a, r in reports.items()}
    assert any("on Tuesday" in s for s in evidence["call_tuesday"])
    assert any("on May 16" in s for s in evidence["call_dateline"])
    assert any(s.startswith("Last week") for s in evidence["call_last_week"])
    assert graph.value(reports["call_dateline"], DCTERMS.date) == Literal("2023-05-18", datatype=XSD.date)


def test_the_same_leaders_months_apart_or_face_to_face_stay_apart(built):
    _, graph = built
    assert len(meetings(graph)) == 3
    alone = {frozenset(ids(graph, m)) for m in meetings(graph) if len(ids(graph, m)) == 1}
    assert alone == {frozenset({"call_august"}), frozenset({"talks_in_person"})}
    august = next(m for m in meetings(graph) if ids(graph, m) == {"call_august"})
    assert graph.value(august, KG.date) == Literal("2023-08-14", datatype=XSD.date)


def test_queries_count_each_event_once_and_list_its_reports(built):
    from kg.query import query

    _, graph = built
    timeline = query(graph, "timeline")
    assert len(timeline.rows) == 3  # one row an event, not one a report
    when = [row[0] for row in timeline.rows]
    assert when == sorted(when)  # resolved dates, oldest first
    reports = query(graph, "reports")
    assert sorted(row[3] for row in reports.rows) == ["call_dateline", "call_last_week", "call_tuesday"]


def test_the_store_keeps_a_shared_event_in_the_default_graph_and_each_report_in_its_article(built):
    import pyoxigraph as ox

    root, graph = built
    call = next(m for m in meetings(graph) if len(ids(graph, m)) > 1)
    store = ox.Store.read_only(str(root / "out" / "store"))
    homes = {q.graph_name for q in store.quads_for_pattern(ox.NamedNode(str(call)), None, None)}
    assert homes == {ox.DefaultGraph()}
    for report in graph.objects(call, KG.report):
        article = graph.value(report, KG.source)
        homes = {q.graph_name for q in store.quads_for_pattern(ox.NamedNode(str(report)), None, None)}
        assert homes == {ox.NamedNode(str(article))}


def test_no_merge_events_keeps_one_event_per_report(built, tmp_path):
    root, _ = built
    run_kg("build", str(root / "in"), "--out", str(tmp_path), "--no-html", "--no-merge-events", check=True)
    graph = Graph().parse(tmp_path / "graph.ttl")
    assert len(meetings(graph)) == 5
    assert all(len(ids(graph, m)) == 1 for m in meetings(graph))


def test_incremental_builds_equal_clean_builds_byte_for_byte(built, tmp_path):
    """Removing, changing and adding back an article: the rebuild from the cache gives
    the graph a clean build of the same articles gives, to the byte."""
    root, _ = built
    live = write(tmp_path / "live", ARTICLES)
    out = tmp_path / "out"
    run_kg("build", str(live), "--out", str(out), "--no-html", check=True)

    def clean_equals_incremental(step: str) -> Graph:
        run_kg("build", str(live), "--out", str(out), "--no-html", check=True)
        clean = tmp_path / f"clean-{step}"
        run_kg("build", str(live), "--out", str(clean), "--no-html", check=True)
        assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes(), step
        return Graph().parse(out / "graph.ttl")

    (live / "call_tuesday.txt").unlink()
    graph = clean_equals_incremental("removed")
    calls = [m for m in meetings(graph) if len(ids(graph, m)) > 1]
    assert len(calls) == 1 and ids(graph, calls[0]) == {"call_dateline", "call_last_week"}
    assert graph.value(calls[0], KG.reportCount).toPython() == 2

    (live / "call_last_week.txt").write_text(CALL_LAST_WEEK.replace("regional security", "the drought"),
                                            encoding="utf-8")
    clean_equals_incremental("changed")
    write(live, {"call_tuesday.txt": CALL_TUESDAY})
    graph = clean_equals_incremental("added back")
    assert (out / "graph.ttl").read_bytes() != b""
    assert len([m for m in meetings(graph) if len(ids(graph, m)) == 3]) == 1


def test_the_graph_does_not_depend_on_the_order_of_the_articles(built, nlp):
    from kg.articles import find_files, read_articles
    from kg.pipeline import parse, resolve_all
    from kg.rdf import to_graph
    from kg.store import turtle

    root, _ = built
    results = parse(read_articles(find_files([root / "in"])), nlp)
    shuffled = results[:]
    random.Random(7).shuffle(shuffled)
    assert [r.article.id for r in shuffled] != [r.article.id for r in results]
    assert turtle(to_graph(resolve_all(shuffled))) == turtle(to_graph(resolve_all(results)))


def test_the_seeds_phone_call_is_one_event_and_the_alaska_talks_another(seeds_graph):
    putin_trump = [m for m in meetings(seeds_graph)
                   if {str(p).rsplit("/", 1)[-1] for p in seeds_graph.objects(m, KG.participant)}
                   == {"vladimir-putin", "donald-trump"}]
    calls = [m for m in putin_trump if (m, RDF.type, KG.PhoneCall) in seeds_graph]
    assert len(calls) == 1
    assert ids(seeds_graph, calls[0]) == {"000_5d1fba0ebbd05072", "003_415cc844d391ad9f"}
    assert len(list(seeds_graph.objects(calls[0], KG.report))) == 2
    alaska = [m for m in putin_trump if m not in calls]
    assert len(alaska) == 1 and ids(seeds_graph, alaska[0]) == {"004_bd11c46c0fcbc224"}


# -- the rule, on resolved records ------------------------------------------------------

def resolved(events: list[Event], dates: dict[str, str | None]) -> Resolved:
    actors = {k: Actor(k, "country", k.title()) for k in ("russia", "ukraine", "turkey")}
    articles = [Article(id=a, text="", date=d) for a, d in dates.items()]
    return Resolved(articles, actors, {}, events)


def proposal(article: str, agents: list[str], topic: str, position: int = 10, **extra) -> Event:
    return Event(key=f"{article}/proposal-{position}", kind="Proposal", article=article,
                 evidence=f"{article}: {topic}", label="", agents=agents, topics=[topic],
                 position=position, **extra)


def rejection(article: str, rejects: str, topic: str, position: int = 50) -> Event:
    return Event(key=f"{article}/rejection-{position}", kind="Rejection", article=article,
                 evidence=f"{article} rejects {topic}", label="", agents=["russia"],
                 topics=[topic], rejects=rejects, position=position)


def test_rejections_of_merged_proposals_point_to_the_merged_proposal():
    events = [proposal("a", ["turkey"], "ceasefire"), rejection("a", "a/proposal-10", "ceasefire"),
              proposal("b", ["turkey"], "truce"), rejection("b", "b/proposal-10", "truce")]
    merged = merge_reports(resolved(events, {"a": "2024-03-04", "b": "2024-03-05"})).events
    assert [e.key for e in merged] == ["a/proposal-10", "a/rejection-50"]
    assert merged[1].rejects == "a/proposal-10"
    assert [r.article for r in merged[1].accounts()] == ["a", "b"]


def test_a_rejection_of_an_unattributed_proposal_joins_one_that_names_its_proposer():
    implied = Event(key="b/proposal-implied-ceasefire", kind="Proposal", article="b",
                    evidence="Russia rejected a ceasefire.", label="", topics=["ceasefire"], position=50)
    events = [proposal("a", ["turkey"], "ceasefire"), rejection("a", "a/proposal-10", "ceasefire"),
              implied, rejection("b", implied.key, "ceasefire")]
    merged = merge_reports(resolved(events, {"a": "2024-03-04", "b": "2024-03-05"})).events
    assert [e.key for e in merged] == ["a/proposal-10", "a/rejection-50"]
    assert merged[1].rejects == "a/proposal-10"
    assert {r.key for r in merged[0].accounts()} == {"a/proposal-10", implied.key}


def test_positions_restated_without_any_date_stay_apart():
    """Undated proposals in undated articles: a position restated, not one event."""
    events = [proposal("a", ["turkey"], "ceasefire"), proposal("b", ["turkey"], "ceasefire")]
    assert len(merge_reports(resolved(events, {"a": None, "b": None})).events) == 2


def test_dates_in_conflict_and_other_proposers_stay_apart():
    events = [proposal("a", ["turkey"], "ceasefire", date_value=("2024-03-01", "date")),
              proposal("b", ["turkey"], "ceasefire", date_value=("2024-03-02", "date")),
              proposal("c", ["ukraine"], "ceasefire"),
              proposal("d", ["turkey"], "ceasefire", date_value=("2024-03", "gYearMonth"))]
    merged = merge_reports(resolved(events, {"a": "2024-03-04", "b": "2024-03-04", "c": "2024-03-04",
                                              "d": "2024-03-20"})).events
    # d's month holds both days, but a and b conflict: d joins the first, never both.
    assert sorted(tuple(r.article for r in e.accounts()) for e in merged) == [("a", "d"), ("b",), ("c",)]


def test_complete_link_keeps_a_chain_of_near_dates_apart():
    """Undated reports a week apart each overlap the next, but not the first with the last."""
    events = [proposal(a, ["turkey"], "ceasefire") for a in ("a", "b", "c")]
    dates = {"a": "2024-03-01", "b": "2024-03-07", "c": "2024-03-13"}
    merged = merge_reports(resolved(events, dates)).events
    assert sorted(tuple(r.article for r in e.accounts()) for e in merged) == [("a", "b"), ("c",)]


def test_datelines_date_an_article_and_leave_its_text():
    assert read_dateline("KYIV, Ukraine, March 3, 2025 (AP) — Talks resumed.") == ("2025-03-03", "Talks resumed.")
    assert read_dateline("MOSCOW, May 21 (Reuters) - Lavrov spoke.", "https://x.org/2025/05/22/a") \
        == ("2025-05-21", "Lavrov spoke.")
    # No year anywhere: no anchor, but the dateline still leaves the first sentence.
    assert read_dateline("MOSCOW, May 21 (Reuters) - Lavrov spoke.") == (None, "Lavrov spoke.")
    no_dateline = "Russia said on May 21, 2025 - nothing more."
    assert read_dateline(no_dateline) == (None, no_dateline)
    assert read_dateline("Talks resumed.", "https://example.org/world/talks-2024-11-02/")[0] == "2024-11-02"


def test_a_dateline_dates_an_article_read_from_a_file(tmp_path):
    from kg.articles import read_file

    article = read_file(write(tmp_path, {"wire.txt": CALL_DATELINE}) / "wire.txt")
    assert article.date == "2023-05-18" and article.text.startswith("Ethiopia's Abiy Ahmed")


def test_copies_of_one_wire_story_count_once(tmp_path):
    """The same sentences printed by two articles are two reports, one independent."""
    copy = CALL_TUESDAY.replace("date: 2023-05-17", "date: 2023-05-18")
    folder = write(tmp_path / "in", {"first.txt": CALL_TUESDAY, "reprint.txt": copy})
    run_kg("build", str(folder), "--out", str(tmp_path / "out"), "--no-html", check=True)
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    call = next(m for m in meetings(graph))
    assert len(list(graph.objects(call, KG.report))) == 2
    assert graph.value(call, KG.reportCount).toPython() == 1
    shutil.rmtree(tmp_path / "out")
