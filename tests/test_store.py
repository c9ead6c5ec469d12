"""The store: a named graph per article, incremental builds equal to clean ones, and a
store that survives an interrupted swap."""
import csv
import re
import shutil

import pyoxigraph as ox
from rdflib import Graph

from conftest import run_kg
from kg import store as stores
from kg.cache import ParseCache
from kg.query import query
from kg.rdf import KG

ARTICLES = {
    "gaza.txt": "Qatar proposed a truce in Gaza on Monday. Hamas rejected the truce, its spokesman said.",
    "cairo.txt": "Egyptian President Abdel Fattah al-Sisi met King Abdullah of Jordan in Cairo on Sunday.",
    "sudan.txt": "Sudan's army rejected a ceasefire proposed by the African Union.",
}


def quads(out):
    """Every quad of a build's store, as comparable strings."""
    return sorted(str(q) for q in stores.open_store(out))


def build(inputs, out, *extra):
    return run_kg("build", *map(str, inputs), "--out", str(out), "--no-html", *extra, check=True)


def parsed_now(result) -> int:
    line = next(line for line in result.stderr.splitlines() if "parsed now" in line)
    return int(line.split()[-2])


def test_each_article_is_a_named_graph_and_actors_are_shared(seeds_build):
    store = stores.open_store(seeds_build)
    graphs = {g.value for g in store.named_graphs()}
    articles = {r[0] for r in query(store, "PREFIX kg: <https://w3id.org/parley/ontology#> "
                                           "SELECT ?a WHERE { ?a a kg:Article }").rows}
    assert graphs == articles and len(graphs) == 5
    # Every event sits in the graph of the article it was read from; actors in the default graph.
    misplaced = query(store, """PREFIX kg: <https://w3id.org/parley/ontology#>
        SELECT ?e WHERE { GRAPH ?g { ?e kg:source ?a } FILTER (?g != ?a) }""")
    assert misplaced.rows == []
    lavrov = list(store.quads_for_pattern(None, ox.NamedNode(str(KG.role)), None, ox.DefaultGraph()))
    assert lavrov, "actors' roles are in the shared default graph"
    file_graph = Graph().parse(seeds_build / "graph.ttl")
    assert len(store) == len(file_graph)


def test_queries_on_the_store_and_on_the_file_agree(seeds_build):
    from kg.query import bundled

    def rows(table):
        # GROUP_CONCAT lists values in whatever order the engine met them.
        return sorted([sorted(re.split(r" \| |, ", cell or "")) for cell in row]
                      for row in table.rows)

    store = stores.open_store(seeds_build)
    file_graph = Graph().parse(seeds_build / "graph.ttl")
    for name in bundled():
        params = {"name": "Lavrov"} if name == "actor" else None
        assert rows(query(store, name, params)) == rows(query(file_graph, name, params)), name


def test_an_incremental_build_equals_a_clean_build(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert parsed_now(build([folder], out)) == 3
    assert parsed_now(build([folder], out)) == 0  # nothing changed: nothing parsed

    (folder / "cairo.txt").write_text("Jordan's foreign minister met his Egyptian counterpart in Amman. "
                                      "Qatar also rejected the truce.", encoding="utf-8")
    (folder / "sudan.txt").unlink()
    (folder / "kashmir.txt").write_text("India ruled out talks with Pakistan, the ministry said.",
                                        encoding="utf-8")
    assert parsed_now(build([folder], out)) == 2  # the changed one and the new one

    clean = tmp_path / "clean"
    build([folder], clean)
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert quads(out) == quads(clean)
    assert not any("sudan" in q.lower() for q in quads(out)), "a removed article's facts are gone"


def test_a_changed_row_of_a_corpus_is_the_only_one_parsed(tmp_path):
    corpus = tmp_path / "wire.csv"

    def write(rows):
        with corpus.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "date", "text"])
            writer.writerows(rows)

    rows = [[name.split(".")[0], f"2024-05-0{i + 1}", text] for i, (name, text) in enumerate(ARTICLES.items())]
    write(rows)
    out = tmp_path / "out"
    assert parsed_now(build([corpus], out)) == 3
    rows[1][2] = "Turkey proposed talks between Russia and Ukraine in Istanbul."
    write(rows)
    assert parsed_now(build([corpus], out)) == 1
    clean = tmp_path / "clean"
    build([corpus], clean, "--jobs", "2")
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    dates = query(stores.open_store(out), "PREFIX dcterms: <http://purl.org/dc/terms/> "
                                          "SELECT ?id ?d WHERE { ?a dcterms:identifier ?id ; dcterms:date ?d } ORDER BY ?id")
    assert dates.rows == [["cairo", "2024-05-02"], ["gaza", "2024-05-01"], ["sudan", "2024-05-03"]]


def test_the_cache_is_keyed_by_the_extractor_too(tmp_path):
    from kg.articles import Article
    from kg.resolve import ArticleResult

    article = Article(id="a", text="Qatar proposed a truce.")
    result = ArticleResult(article, [], [])
    first = ParseCache(tmp_path / "c.sqlite", extractor="model-1")
    first.put(article.digest(), result)
    first.close()
    again = ParseCache(tmp_path / "c.sqlite", extractor="model-1")
    assert again.get(article.digest()) == result
    again.close()
    other = ParseCache(tmp_path / "c.sqlite", extractor="model-2")
    assert other.get(article.digest()) is None, "another model or another Parley parses again"
    other.close()


def test_a_swap_cut_short_by_a_kill_is_repaired(seeds_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    size = len(stores.open_store(out))
    # Killed between moving the old store aside and moving the new one in:
    (out / ".store-old-x").mkdir()
    (out / "store").rename(out / ".store-old-x" / "store")
    (out / ".store-new-y").mkdir()
    assert len(stores.open_store(out)) == size
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == []
