"""`kg serve` (Oxigraph's SPARQL server over the store, behind Parley's guard) and
`kg push` (Graph Store Protocol), each against a real server on the loopback interface.
SERVICE, time limits, concurrency and rebuilds under a server: tests/test_security.py."""
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, run_kg
from kg import store as stores
from kg.query import query_text

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sparql(port: int, text: str) -> list[dict]:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": text})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def number(port: int, text: str) -> int:
    return int(sparql(port, text)[0]["n"]["value"])


def wait_until_up(port: int, proc: subprocess.Popen) -> None:
    for _ in range(200):
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError("server did not answer within 20 s")


def listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets listening on ``port`` (from /proc/net/tcp)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


@pytest.fixture()
def server(request):
    """Start a command that serves on a free loopback port; stop it after the test."""
    started = []

    def start(*command: str, port: int) -> subprocess.Popen:
        proc = subprocess.Popen(list(command), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append(proc)
        wait_until_up(port, proc)
        return proc

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_answers_sparql_on_loopback_and_refuses_updates(seeds_build, server):
    port = free_port()
    server(sys.executable, "-m", "kg", "serve", "--out", str(seeds_build), "--port", str(port), port=port)
    assert listening_addresses(port) == {"127.0.0.1"}
    assert number(port, COUNT) == len(stores.open_store(seeds_build))
    assert number(port, GRAPHS) == 5
    rows = sparql(port, query_text("rejections"))
    assert any(r["who"]["value"] == "Russia" for r in rows), "the default graph is the union of all"
    insert = urllib.request.Request(f"http://127.0.0.1:{port}/update", method="POST",
                                    data=b"INSERT DATA { <urn:x> <urn:y> <urn:z> }",
                                    headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(insert, timeout=10)
    assert 400 <= refused.value.code < 500
    assert number(port, COUNT) == len(stores.open_store(seeds_build))
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode("utf-8")
    assert "<html" in page.lower(), "a query page for the browser"


def test_serve_without_a_store_is_a_clear_error(tmp_path):
    result = run_kg("serve", "--out", str(tmp_path / "nothing"))
    assert result.returncode == 2 and "build one first" in result.stderr
    assert "Traceback" not in result.stderr


def test_push_sends_a_named_graph_per_article_and_replaces_them_again(seeds_build, server, tmp_path):
    port = free_port()
    oxigraph = str(Path(sys.executable).parent / "oxigraph")
    server(oxigraph, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}", port=port)
    endpoint = f"http://127.0.0.1:{port}/store"
    local = len(stores.open_store(seeds_build))
    for _ in range(2):  # a second push replaces every graph: nothing doubles
        pushed = run_kg("push", "--endpoint", endpoint, "--out", str(seeds_build), check=True)
        assert "pushed 6 graphs" in pushed.stderr
        assert number(port, GRAPHS) == 5
        assert number(port, "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }") == local
    lavrov = sparql(port, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                          "SELECT ?r WHERE { ?a rdfs:label 'Sergey Lavrov' ; <https://w3id.org/parley/ontology#role> ?r }")
    assert lavrov, "actors travel in the default graph"


def test_push_to_nowhere_is_a_clear_error(seeds_build):
    result = run_kg("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--out", str(seeds_build))
    assert result.returncode == 1 and "cannot reach" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_on_a_port_in_use_is_a_clear_error(seeds_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_kg("serve", "--out", str(seeds_build), "--port", str(taken.getsockname()[1]))
    assert result.returncode == 1 and "cannot listen on 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


def test_push_follows_no_redirect(seeds_build):
    """A redirect would carry --header (a token, say) to whatever host it names."""
    import http.server
    import threading

    hits = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):
            hits.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            target = "/elsewhere" if self.path.startswith("/store") else "/again"
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}{target}")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        result = run_kg("push", "--endpoint", f"http://127.0.0.1:{httpd.server_address[1]}/store",
                        "--out", str(seeds_build), "--header", "Authorization: Bearer secret")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.returncode == 1 and "redirects are not followed" in result.stderr
    assert all(path.startswith("/store") for path in hits) and len(hits) == 1
