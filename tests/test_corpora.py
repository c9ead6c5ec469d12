"""A real corpus file, built whole: the 249 Guardian articles of ../shared/corpora."""
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from conftest import SHARED, run_kg
from kg import store as stores
from kg.rdf import KG

GUARDIAN = SHARED / "corpora" / "guardian_sdf_2019.csv"


@pytest.mark.skipif(not GUARDIAN.is_file(), reason=f"no corpus at {GUARDIAN}")
def test_the_guardian_corpus_builds_with_two_jobs_and_keeps_its_dates(tmp_path):
    result = run_kg("build", str(GUARDIAN), "--out", str(tmp_path), "--jobs", "2", "--no-html", "--strict")
    assert result.returncode == 0, result.stderr
    assert "skipped" not in result.stderr
    store = stores.open_store(tmp_path)
    assert len(list(store.named_graphs())) == 249
    graph = Graph().parse(tmp_path / "graph.ttl")
    articles = set(graph.subjects(RDF.type, KG.Article))
    dates = {a: graph.value(a, DCTERMS.date) for a in articles}
    assert len(articles) == 249 and all(isinstance(d, Literal) and d.datatype == XSD.date for d in dates.values())
    assert min(str(d) for d in dates.values()).startswith("2017-08")
    events = sum(1 for cls in (KG.Meeting, KG.Proposal, KG.Rejection, KG.Demand, KG.Statement)
                 for _ in graph.subjects(RDF.type, cls))
    assert events > 500
    # The streaming build wrote the graph the in-memory path makes from the same records.
    from kg.articles import find_files, read_articles
    from kg.pipeline import Parser, resolve_all
    from kg.rdf import to_graph

    with Parser(None, cache_path=tmp_path / "parse-cache.sqlite") as parser:
        results = parser.parse(read_articles(find_files([GUARDIAN])))
        assert parser.parsed == 0
    in_memory = to_graph(resolve_all(results))
    assert stores.turtle(in_memory).encode("utf-8") == (tmp_path / "graph.ttl").read_bytes()
    assert sorted(map(str, stores.article_quads(in_memory))) == sorted(map(str, store))
