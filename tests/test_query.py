"""SPARQL over a built graph: bundled queries, files, text, formats, errors."""
import json

import pytest

from kg.query import QueryError, bundled, query, to_csv, to_json
from kg.rdf import to_graph
from test_rdf import accords


def test_every_bundled_query_runs_on_the_seeds(seeds_graph):
    assert {"rejections", "proposals", "meetings", "actor", "quotes", "timeline", "agreements",
            "acceptances"} <= set(bundled())
    for name in bundled():
        table = query(seeds_graph, name, {"name": "Lavrov"} if name == "actor" else None)
        assert table.columns, name


def test_rejections_query_answers_who_rejected_what_and_whose_proposal(seeds_graph):
    rows = query(seeds_graph, "rejections").rows
    assert any(r[0] == "Russia" and r[1] and "ceasefire" in r[1] for r in rows)
    assert any(r[2] == "Donald Trump" or r[2] == "United States" for r in rows)


def test_actor_query_finds_an_actor_by_any_name(seeds_graph):
    rows = query(seeds_graph, "actor", {"name": "Sergei"}).rows
    assert rows and {r[0] for r in rows} == {"Sergey Lavrov"}
    everything = query(seeds_graph, "actor", {"name": "lavrov"}).rows  # three of his names match
    assert len(everything) == len({tuple(r) for r in everything}), "one row an event"


def test_query_text_and_formats(seeds_graph):
    table = query(seeds_graph, "PREFIX kg: <https://w3id.org/parley/ontology#> "
                               "SELECT (COUNT(?m) AS ?n) WHERE { ?m a kg:Meeting }")
    assert int(table.rows[0][0]) >= 4
    assert to_csv(table).splitlines()[0] == "n"
    assert json.loads(to_json(table))[0]["n"] == table.rows[0][0]


def test_syntax_errors_say_where(seeds_graph):
    with pytest.raises(QueryError, match="syntax error at line 1"):
        query(seeds_graph, "SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryError, match="neither SPARQL nor a bundled query"):
        query(seeds_graph, "rejectoins")


def test_updates_are_refused_unless_allowed(seeds_graph):
    with pytest.raises(QueryError, match="SPARQL Update"):
        query(seeds_graph, "PREFIX kg: <https://w3id.org/parley/ontology#> DELETE WHERE { ?s a kg:Rejection }")


def test_a_runaway_query_is_stopped(seeds_graph):
    # Hundreds of millions of joined rows: seconds even in Oxigraph.
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryError, match="stopped after 0.5 s"):
        query(seeds_graph, slow, timeout=0.5)


@pytest.fixture(scope="module")
def accords_graph():
    return to_graph(accords())


def rows_of(table) -> list[dict]:
    return [dict(zip(table.columns, row)) for row in table.rows]


def test_new_queries_are_listed_with_a_description():
    assert bundled()["agreements"].startswith("Agreements: who agreed on what")
    assert bundled()["acceptances"].startswith("Acceptances: who accepted what")


def test_acceptances_query_says_who_accepted_whose_proposal_and_whether_in_part(accords_graph):
    assert rows_of(query(accords_graph, "acceptances")) == [{
        "who": "Mali", "what": "transition roadmap", "accepted": "Proposal", "proposer": "ECOWAS",
        "partial": "true", "date": "2025-06-03", "article": "sahel-1", "reports": "1",
        "acceptance_iri": "https://w3id.org/parley/id/event/sahel-1/acceptance-90",
        "who_iri": "https://w3id.org/parley/id/actor/mali",
        "accepted_iri": "https://w3id.org/parley/id/event/sahel-1/proposal-12",
        "proposer_iri": "https://w3id.org/parley/id/actor/ecowas"}]


def test_agreements_query_gives_parties_mediators_and_provenance_as_labels(accords_graph):
    rows = rows_of(query(accords_graph, "agreements"))
    # GROUP_CONCAT joins the parties in no set order.
    assert len(rows) == 1 and sorted(rows[0].pop("parties").split(", ")) == ["Armenia", "Azerbaijan"]
    assert rows == [{
        "agreement": "Armenia and Azerbaijan agree on peace treaty",
        "topic": "peace treaty", "mediators": "United States", "date": "2025-08-08", "place": "Washington",
        "status": "Actual",
        "evidence": "Armenia and Azerbaijan signed a peace treaty in Washington, brokered by the United States.",
        "article": "caucasus-1", "reports": "1",
        "agreement_iri": "https://w3id.org/parley/id/event/caucasus-1/agreement-40"}]


def test_timeline_and_actor_queries_include_the_new_kinds(accords_graph):
    kinds = {row[1] for row in query(accords_graph, "timeline").rows}
    assert {"Acceptance", "Agreement", "Proposal"} <= kinds
    assert [(r[1], r[3]) for r in query(accords_graph, "actor", {"name": "Azerbaijan"}).rows] == [("Agreement", "party")]
    assert [(r[1], r[3]) for r in query(accords_graph, "actor", {"name": "United"}).rows] == [("Agreement", "participant")]
    assert [(r[1], r[3]) for r in query(accords_graph, "actor", {"name": "Mali"}).rows] == [("Acceptance", "agent")]
    events = {r[0]: r[4] for r in query(accords_graph, "actors").rows}
    assert events["Armenia"] == "1" and events["United States"] == "1"


def test_service_is_refused_unless_allowed_and_literals_are_no_calls(seeds_graph):
    with pytest.raises(QueryError, match="--allow-service"):
        query(seeds_graph, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert query(seeds_graph, 'SELECT ?s WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> {}" }').rows == []


def test_remote_calls_are_read_from_the_parse_tree():
    from kg.query import check_syntax, remote_calls

    def calls(text, update=False):
        return [str(c) for c in remote_calls(check_syntax(text, update=update))]

    assert calls("PREFIX w: <https://query.wikidata.org/> SELECT * WHERE { OPTIONAL { SERVICE w:sparql {} } }") == [
        "SERVICE <https://query.wikidata.org/sparql>"]
    assert calls("BASE <http://h/a/> SELECT * WHERE { SERVICE <b> {} }") == ["SERVICE <http://h/a/b>"]
    assert calls("SELECT * WHERE { SERVICE ?where {} }") == ["SERVICE with a variable or relative address"]
    assert calls("SELECT * WHERE { SERVICE <relative> {} }") == ["SERVICE with a variable or relative address"]
    assert calls("LOAD <http://h/data.ttl>; DROP ALL", update=True) == ["LOAD <http://h/data.ttl>"]
    assert calls('SELECT * WHERE { ?s ?p "SERVICE <http://h/> {}" } # SERVICE <http://h/>') == []


def test_only_listed_hosts_pass():
    from kg.query import host_allowed

    hosts = ["query.wikidata.org", "127.0.0.1:8890", "[::1]"]
    assert host_allowed("https://query.wikidata.org/sparql", hosts)
    assert host_allowed("http://QUERY.wikidata.org:80/sparql", hosts)
    assert host_allowed("http://127.0.0.1:8890/sparql", hosts)
    assert host_allowed("http://[::1]:7/sparql", hosts)
    for address in ("http://127.0.0.1:8891/sparql", "http://query.wikidata.org@10.0.0.1/",
                    "http://10.0.0.1/#query.wikidata.org", "file:///etc/passwd", "query.wikidata.org",
                    "http://query.wikidata.org.evil.example/", None):
        assert not host_allowed(address, hosts), address


def test_bad_params_are_messages(seeds_graph):
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        query(seeds_graph, "actor", {"a b": "x"})
    with pytest.raises(QueryError, match="not valid UTF-8"):
        query(seeds_graph, "actor", {"name": "\udcff"})


def call_and_visit():
    """A hand-made resolution: a dated phone call between two leaders, and an undated
    visit whose date is only written ("next week")."""
    from kg.articles import Article
    from kg.resolve import Actor, Event, Resolved

    arts = [Article(id="andes-1", text="t", title="Leaders speak by phone", date="2025-03-15")]
    people = {"k:boric": ("person", "Gabriel Boric"), "k:arce": ("person", "Luis Arce"),
              "k:peru": ("country", "Peru")}
    actors = {k: Actor(k, kind, label, sources={"andes-1"}) for k, (kind, label) in people.items()}
    call = Event(key="andes-1/meeting-10", kind="Meeting", subclass="PhoneCall", article="andes-1",
                 evidence="Luis Arce spoke by phone with Gabriel Boric on Friday.", label="Luis Arce meets Gabriel Boric",
                 participants=["k:arce", "k:boric"], trigger="spoke", date_value=("2025-03-14", "date"))
    visit = Event(key="andes-1/meeting-80", kind="Meeting", subclass="Visit", article="andes-1",
                  evidence="Gabriel Boric will visit Peru next week.", label="Gabriel Boric meets Peru",
                  participants=["k:peru", "k:boric"], trigger="visit", status="Planned", date_text="next week")
    return Resolved(arts, actors, {}, [call, visit])


def test_meetings_are_named_by_participants_kind_and_date():
    rows = rows_of(query(to_graph(call_and_visit()), "meetings"))
    assert [r["meeting"] for r in rows] == ["Gabriel Boric – Luis Arce, phone call, 2025-03-14",
                                            "Gabriel Boric – Peru, visit, next week"]
    assert [r["meeting_iri"].rsplit("/", 1)[-1] for r in rows] == ["meeting-10", "meeting-80"]


def test_tables_for_reading_leave_iri_columns_to_csv_and_json(seeds_graph):
    from kg.query import for_reading

    for name in bundled():
        table = query(seeds_graph, name, {"name": "Lavrov"} if name == "actor" else None)
        shown = for_reading(table)
        assert shown.columns and not any(c.endswith("_iri") for c in shown.columns), name
        assert not any(v and v.startswith("https://w3id.org/parley/id/") for row in shown.rows for v in row), name
        assert len(shown.rows) == len(table.rows)
        if name not in ("agreements", "acceptances"):  # the seeds have neither
            assert any(c.endswith("_iri") for c in table.columns), name
            assert table.rows and all(v.startswith("https://w3id.org/parley/id/")
                                      for row in table.rows for c, v in zip(table.columns, row)
                                      if c.endswith("_iri") and v), name
    assert for_reading(query(seeds_graph, "SELECT ?x_iri WHERE { ?x_iri a ?c } LIMIT 1")).columns == ["x_iri"]
