"""The command line as a user meets it: builds, queries, exports, and clear errors."""
import json

from rdflib import Graph

from conftest import SEEDS, run_kg


def no_traceback(result):
    assert "Traceback" not in result.stderr + result.stdout


def test_build_writes_turtle_and_html_and_prints_a_summary(seeds_build):
    assert (seeds_build / "graph.ttl").stat().st_size > 1000
    html = (seeds_build / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html


def test_query_by_name_file_and_text_with_formats(seeds_build, tmp_path):
    graph = str(seeds_build / "graph.ttl")
    listed = run_kg("query", "--list", check=True)
    assert "rejections" in listed.stdout
    as_json = run_kg("query", "rejections", "--graph", graph, "--format", "json", check=True)
    assert any(row["who"] == "Russia" for row in json.loads(as_json.stdout))
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    as_csv = run_kg("query", str(rq), "--graph", graph, "--format", "csv", check=True)
    assert as_csv.stdout.splitlines()[0] == "n" and int(as_csv.stdout.splitlines()[1]) > 100


def test_export_in_every_format_parses_back(seeds_build, tmp_path):
    graph = str(seeds_build / "graph.ttl")
    size = len(Graph().parse(graph))
    for fmt, parse_as in (("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"),
                          ("xml", "xml"), ("trig", "trig")):
        target = tmp_path / f"g.{fmt}"
        run_kg("export", "--graph", graph, "--format", fmt, "-o", str(target), check=True)
        if fmt == "trig":
            from rdflib import Dataset
            assert len(Dataset().parse(target, format="trig")) == size
        else:
            assert len(Graph().parse(target, format=parse_as)) == size, fmt


def test_render_and_validate_an_existing_graph(seeds_build, tmp_path):
    graph = str(seeds_build / "graph.ttl")
    run_kg("render", "--graph", graph, "-o", str(tmp_path / "again.html"), check=True)
    assert (tmp_path / "again.html").stat().st_size > 10000
    checked = run_kg("validate", "--graph", graph)
    assert checked.returncode == 0 and "conforms" in checked.stderr


def test_missing_input_is_a_clear_error(tmp_path):
    result = run_kg("build", str(tmp_path / "missing"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    no_traceback(result)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_kg("build", str(empty), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "no article files" in result.stderr
    no_traceback(result)


def test_bad_sparql_and_missing_graph_are_clear_errors(seeds_build, tmp_path):
    result = run_kg("query", "SELECT ?x WHERE { ?x", "--graph", str(seeds_build / "graph.ttl"))
    assert result.returncode == 2 and "syntax error" in result.stderr
    no_traceback(result)
    result = run_kg("query", "rejections", "--graph", str(tmp_path / "none.ttl"))
    assert result.returncode == 2 and "build one first" in result.stderr
    no_traceback(result)


def test_missing_model_names_the_package_to_install(tmp_path):
    result = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--model", "en_core_web_nonexistent")
    assert result.returncode == 2 and "not installed" in result.stderr
    no_traceback(result)


def test_help_has_examples():
    for command in ([], ["build"], ["query"], ["export"], ["render"]):
        result = run_kg(*command, "--help", check=True)
        assert "Example" in result.stdout


def test_update_only_with_allow_update(seeds_build, tmp_path):
    import shutil
    graph = tmp_path / "g.ttl"
    shutil.copy(seeds_build / "graph.ttl", graph)
    delete = "PREFIX kg: <https://w3id.org/parley/ontology#> DELETE WHERE { ?s a kg:Statement }"
    refused = run_kg("query", delete, "--graph", str(graph))
    assert refused.returncode == 2 and "only reads" in refused.stderr
    no_traceback(refused)
    run_kg("query", delete, "--graph", str(graph), "--allow-update", check=True)
    count = run_kg("query", "PREFIX kg: <https://w3id.org/parley/ontology#> "
                   "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }", "--graph", str(graph),
                   "--format", "csv", check=True)
    assert count.stdout.splitlines()[1] == "0"


def test_help_of_serve_and_push_has_examples():
    for command in (["serve"], ["push"]):
        result = run_kg(*command, "--help", check=True)
        assert "Example" in result.stdout
    assert "--allow-service" in run_kg("query", "--help", check=True).stdout
    assert "--wait" in run_kg("build", "--help", check=True).stdout


def test_bad_query_inputs_are_messages(seeds_build, tmp_path):
    graph = str(seeds_build / "graph.ttl")
    latin = tmp_path / "latin.rq"
    latin.write_bytes("SELECT * WHERE { ?s ?p 'caf\xe9' }".encode("latin-1"))
    folder = tmp_path / "folder.rq"
    folder.mkdir()
    cases = [
        ([str(latin)], "not UTF-8"),
        ([str(folder)], "cannot read"),
        (["SELECT ?s WHERE { ?s ?p ?o }", "--param", "a b=1"], "not a SPARQL variable name"),
        (["SELECT ?s WHERE { ?s ?p ?o }", "--param", "zz=1"], "no variable ?zz"),
        (["SELECT ?s WHERE { ?s ?p ?o }", "--timeout", "-1"], "--timeout"),
        (["drop all"], "SPARQL Update (DROP)"),
    ]
    for args, expected in cases:
        result = run_kg("query", *args, "--graph", graph)
        assert result.returncode == 2 and expected in result.stderr, (args, result.stderr)
        no_traceback(result)


def test_bad_push_inputs_are_messages(seeds_build):
    for endpoint, expected in (("http://[::1", "not a valid address"), ("ftp://x/store", "http(s)"),
                               ("http://exa mple/store", "spaces"), ("http://127.0.0.1:99999/", "Port")):
        result = run_kg("push", "--endpoint", endpoint, "--out", str(seeds_build))
        assert result.returncode == 2 and expected in result.stderr, result.stderr
        no_traceback(result)
    result = run_kg("push", "--endpoint", "http://127.0.0.1:9/store", "--out", str(seeds_build),
                    "--header", "X-Two: a\nb")
    assert result.returncode == 2 and "one line" in result.stderr
