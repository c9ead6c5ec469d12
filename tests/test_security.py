"""Parley at the edges where the graph meets the outside, tried as an attacker or an
unlucky user would: queries that make the machine send requests (SERVICE, LOAD),
failures that could print internals, updates sent as queries, two builds into one
folder, runaway queries and rebuilds under a running server.

Every server here is real and on 127.0.0.1: a local HTTP server that counts the
requests a SERVICE clause makes, `kg serve` with Oxigraph's server behind it, and real
`kg build` processes."""
import concurrent.futures
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_kg
from kg import store as stores
from kg.lock import FolderLock
from kg.query import QueryError, query, update
from test_serve import COUNT, free_port, server  # noqa: F401 - server is a fixture

INTERNALS = ("Traceback", "RuntimeError", "unsendable", "pyoxigraph::", "Internal error", "panicked")
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ARTICLES = {
    "gaza.txt": "Qatar proposed a truce in Gaza on Monday. Hamas rejected the truce, its spokesman said.",
    "sudan.txt": "Sudan's army rejected a ceasefire proposed by the African Union.",
}


def clean(result) -> None:
    for marker in INTERNALS:
        assert marker not in result.stdout + result.stderr, result.stderr


class Counter:
    """An HTTP server on 127.0.0.1 that counts every request made to it and answers as
    a SPARQL endpoint with one solution (?s = <urn:remote>)."""

    def __init__(self):
        self.requests: list[str] = []
        counter = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                counter.requests.append(f"{self.command} {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
                    {"s": {"type": "uri", "value": "urn:remote"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def count(self) -> int:
        return len(self.requests)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def counter():
    started = Counter()
    yield started
    started.close()


def service_forms(url: str) -> list[str]:
    """The same SERVICE call written every way SPARQL allows."""
    base, _, leaf = url.rpartition("/")
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SeRvIcE# a comment\n<{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <{base}/> SELECT * WHERE {{ OPTIONAL {{ SERVICE r:{leaf} {{ ?s ?p ?o }} }} }}",
        f"BASE <{base}/> SELECT * WHERE {{ SERVICE <{leaf}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ VALUES ?x {{ <{url}> }} SERVICE ?x {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { \\u0053ERVICE <" + url + "> { ?s ?p ?o } }",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


# -- SERVICE and LOAD: no request unless asked ------------------------------------------

def test_query_refuses_every_form_of_service_and_sends_nothing(seeds_build, counter):
    store = stores.open_store(seeds_build)
    for text in service_forms(counter.url):
        with pytest.raises(QueryError, match="--allow-service"):
            query(store, text)
    assert counter.count == 0


def test_service_inside_a_string_is_no_call(seeds_build, counter):
    text = f'SELECT ?s WHERE {{ ?s ?p "SERVICE <{counter.url}> {{ ?s ?p ?o }}" }}'
    assert query(stores.open_store(seeds_build), text).rows == []
    result = run_kg("query", text, "--out", str(seeds_build))
    assert result.returncode == 0 and "0 rows" in result.stderr
    assert counter.count == 0


def test_kg_query_service_is_refused_then_allowed(seeds_build, counter):
    text = f"SELECT ?s WHERE {{ SERVICE <{counter.url}> {{ ?s ?p ?o }} }}"
    for source in (["--out", str(seeds_build)], ["--graph", str(seeds_build / "graph.ttl")]):
        refused = run_kg("query", text, *source)
        assert refused.returncode == 2 and "--allow-service" in refused.stderr
        assert "makes no network requests" in refused.stderr
        clean(refused)
    assert counter.count == 0
    allowed = run_kg("query", text, "--out", str(seeds_build), "--allow-service", "--format", "csv")
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.splitlines() == ["s", "urn:remote"]
    assert counter.count == 1


def test_a_failing_service_is_a_message_not_an_internal(seeds_build):
    """The bug: the timeout thread dropped Oxigraph's results on the main thread and
    Python printed `RuntimeError: ... PyQuerySolutions is unsendable`."""
    nowhere = f"http://127.0.0.1:{free_port()}/sparql"
    for timeout in ("60", "0"):  # in the timeout thread, and without one
        result = run_kg("query", f"SELECT * WHERE {{ SERVICE <{nowhere}> {{ ?s ?p ?o }} }}",
                        "--out", str(seeds_build), "--allow-service", "--timeout", timeout)
        assert result.returncode == 2 and "query failed" in result.stderr and nowhere in result.stderr
        clean(result)


def test_updates_that_fetch_need_allow_service(seeds_build, tmp_path, counter):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    graph = tmp_path / "g.ttl"
    shutil.copy(seeds_build / "graph.ttl", graph)
    before = len(stores.open_store(out))
    for text in (f"LOAD <{counter.url}>",
                 f"PREFIX r: <http://127.0.0.1:{counter.port}/>\n# comment\nload silent r:sparql into graph <urn:g>",
                 f"INSERT {{ ?s <urn:p> 1 }} WHERE {{ SERVICE <{counter.url}> {{ ?s ?p ?o }} }}"):
        for source in (["--out", str(out)], ["--graph", str(graph)]):
            result = run_kg("query", text, *source, "--allow-update")
            assert result.returncode == 2 and "--allow-service" in result.stderr, result.stderr
            clean(result)
        with pytest.raises(QueryError, match="--allow-service"):
            update(stores.load_file(graph), text)
    assert counter.count == 0
    assert len(stores.open_store(out)) == before


# -- updates are named as updates -------------------------------------------------------

UPDATES = ["DROP ALL", "CLEAR DEFAULT", "CREATE GRAPH <urn:g>", "COPY DEFAULT TO <urn:g>",
           "MOVE DEFAULT TO <urn:g>", "ADD DEFAULT TO <urn:g>", "LOAD <urn:nothing>",
           "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
           "DELETE WHERE { ?s ?p ?o }", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
           "PREFIX ex: <http://example.org/>\n# drop it all\nBASE <http://example.org/>\ndrop all",
           "# a comment first\n  clear all", "drop silent graph <urn:g>"]


def test_every_form_of_update_is_refused_as_an_update(seeds_build):
    store = stores.open_store(seeds_build)
    size = len(store)
    for text in UPDATES:
        with pytest.raises(QueryError, match="SPARQL Update .*--allow-update"):
            query(store, text)
    assert len(store) == size
    result = run_kg("query", "DROP ALL", "--out", str(seeds_build))
    assert result.returncode == 2 and "SPARQL Update (DROP)" in result.stderr and "--allow-update" in result.stderr
    assert "neither SPARQL" not in result.stderr
    clean(result)


# -- two builds into one folder ----------------------------------------------------------

def wait_for_holder(out: Path, pid: int, proc: subprocess.Popen) -> None:
    for _ in range(600):
        lock = out / ".kg.lock"
        if lock.is_file() and lock.read_text(encoding="utf-8").startswith(f"{pid}\n"):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the first build never took the lock")


def kg_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_builds_into_one_folder_take_turns(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    for name, text in ARTICLES.items():
        (other / name).write_text(text, encoding="utf-8")
    news = tmp_path / "news"  # enough articles to keep the first build busy for seconds
    news.mkdir()
    for i in range(6):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text(encoding="utf-8")
            (news / f"{i}-{seed.name}").write_text(f"{text}\n\nUpdate {i}: talks continue.", encoding="utf-8")
    out = tmp_path / "out"
    first = kg_process("build", str(news), "--out", str(out), "--no-html")  # the cron job
    wait_for_holder(out, first.pid, first)
    refused = kg_process("build", str(other), "--out", str(out), "--no-html")
    second = kg_process("build", str(other), "--out", str(out), "--no-html", "--wait")  # the person
    refused_out, refused_err = refused.communicate(timeout=600)
    assert refused.returncode == 2, refused_err
    assert f"kg build (process {first.pid}" in refused_err and "--wait" in refused_err
    assert not any(marker in refused_err for marker in INTERNALS)
    _, err1 = first.communicate(timeout=600)
    _, err2 = second.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert f"waiting for kg build (process {first.pid}" in err2
    # The second build ran after the first: everything is its build, whole.
    clean_build = tmp_path / "clean"
    run_kg("build", str(other), "--out", str(clean_build), "--no-html", check=True)
    assert (out / "graph.ttl").read_bytes() == (clean_build / "graph.ttl").read_bytes()
    assert sorted(map(str, stores.open_store(out))) == sorted(map(str, stores.open_store(clean_build)))
    assert not [p.name for p in out.iterdir() if p.name.startswith((".store-", ".graph."))]
    cached = run_kg("build", str(other), "--out", str(out), "--no-html", check=True)
    assert "parsed now" in cached.stderr and " 0 " in next(
        line for line in cached.stderr.splitlines() if "parsed now" in line), "the cache is whole"


def test_a_reader_leaves_a_running_builds_new_store_alone(seeds_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    half_written = out / ".store-new-abc"
    half_written.mkdir()
    with FolderLock(out, "kg build"):
        stores.open_store(out)  # a `kg query` while the build writes
        assert half_written.is_dir(), "a reader deleted the build's new store"
        update_during_build = run_kg("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--out", str(out),
                                     "--allow-update")
        assert update_during_build.returncode == 2
        assert f"kg build (process {os.getpid()}" in update_during_build.stderr
    stores.open_store(out)  # no build any more: the debris of a killed one goes
    assert not half_written.exists()


# -- kg serve: SERVICE, time limit, load, rebuilds -------------------------------------------

def get(port: int, text: str, method: str = "GET", accept: str = "application/sparql-results+json"):
    """(status, body) of a query sent as GET, a POST form, or a POST body."""
    url = f"http://127.0.0.1:{port}/query"
    headers = {"Accept": accept}
    if method == "GET":
        request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": text}), headers=headers)
    elif method == "FORM":
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": text}).encode(),
                                         headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(url, data=text.encode(),
                                         headers={**headers, "Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def serve_command(out: Path, port: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "kg", "serve", "--out", str(out), "--port", str(port), *extra]


def test_serve_sends_no_service_request_unless_the_host_is_listed(seeds_build, server, counter):
    port = free_port()
    server(*serve_command(seeds_build, port), port=port)
    for text in service_forms(counter.url):
        for method in ("GET", "FORM", "BODY"):
            status, body = get(port, text, method)
            assert status in (400, 403), (text, status, body)
            assert "SERVICE" in body or "syntax" in body
            for marker in INTERNALS:
                assert marker not in body
    # The query twice (URL and body): refused, as Oxigraph itself would.
    twice = urllib.request.Request(
        f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"}),
        data=urllib.parse.urlencode({"query": service_forms(counter.url)[0]}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(twice, timeout=30)
    assert refused.value.code == 400
    status, body = get(port, f'SELECT ?s WHERE {{ ?s ?p "SERVICE <{counter.url}> {{}}" }}')
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert counter.count == 0

    listed = free_port()
    server(*serve_command(seeds_build, listed, "--allow-service", "--service-host", f"127.0.0.1:{counter.port}"),
           port=listed)
    status, body = get(listed, f"SELECT ?s WHERE {{ SERVICE <{counter.url}> {{ ?s ?p ?o }} }}")
    assert status == 200 and json.loads(body)["results"]["bindings"] == [{"s": {"type": "uri", "value": "urn:remote"}}]
    assert counter.count == 1
    for elsewhere in (f"http://localhost:{counter.port}/sparql", f"http://127.0.0.1:{free_port()}/sparql",
                      f"http://x@127.0.0.1:{counter.port}/sparql"):
        status, body = get(listed, f"SELECT * WHERE {{ SERVICE <{elsewhere}> {{ ?s ?p ?o }} }}")
        assert status == 403 and "127.0.0.1:" in body, body
    status, _ = get(listed, f"SELECT * WHERE {{ VALUES ?x {{ <{counter.url}> }} SERVICE ?x {{ ?s ?p ?o }} }}")
    assert status == 403
    assert counter.count == 1


def test_serve_options_for_service_must_go_together(seeds_build):
    alone = run_kg("serve", "--out", str(seeds_build), "--allow-service")
    assert alone.returncode == 2 and "--service-host" in alone.stderr
    hosts = run_kg("serve", "--out", str(seeds_build), "--service-host", "query.wikidata.org")
    assert hosts.returncode == 2 and "--allow-service" in hosts.stderr


def test_serve_with_updates_still_needs_allow_service_to_load(seeds_build, tmp_path, server, counter):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    port = free_port()
    server(*serve_command(out, port, "--allow-update"), port=port)
    for text in (f"LOAD <{counter.url}>", f"INSERT {{ ?s <urn:p> 1 }} WHERE {{ SERVICE <{counter.url}> {{ ?s ?p ?o }} }}"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=text.encode(),
                                         headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403
    assert counter.count == 0
    # A writable server holds the folder: a build waits for it or says who holds it.
    build = run_kg("build", str(SEEDS), "--out", str(out), "--no-html")
    assert build.returncode == 2 and "kg serve --allow-update (process" in build.stderr


def backend_pids(pid: int) -> list[int]:
    """The child processes of ``pid`` (Oxigraph's servers behind kg serve)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_serve_stops_a_runaway_query_and_frees_the_cores(seeds_build, server):
    port = free_port()
    proc = server(*serve_command(seeds_build, port, "--timeout", "1"), port=port)
    started = time.monotonic()
    status, body = get(port, CROSS_JOIN, accept="text/csv")
    elapsed = time.monotonic() - started
    assert status == 503 and "stopped after 1 s" in body and "--timeout" in body, body
    assert elapsed < 15
    [backend] = backend_pids(proc.pid)
    before = cpu_ticks(backend)
    time.sleep(1.0)
    assert cpu_ticks(backend) - before < 30, "the cancelled query still runs"
    status, body = get(port, COUNT, accept="text/csv")
    assert status == 200 and int(body.splitlines()[1]) == len(stores.open_store(seeds_build))


def test_serve_answers_200_concurrent_queries(seeds_build, server):
    port = free_port()
    server(*serve_command(seeds_build, port), port=port)
    expected = len(stores.open_store(seeds_build))
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(200) as pool:
        answers = list(pool.map(lambda _: get(port, COUNT, accept="text/csv"), range(200)))
    elapsed = time.monotonic() - started
    assert [status for status, _ in answers] == [200] * 200
    assert {int(body.splitlines()[1]) for _, body in answers} == {expected}
    assert elapsed < 30, f"200 concurrent queries took {elapsed:.1f} s"


def test_serve_moves_to_a_new_build_and_never_answers_from_half_a_store(seeds_build, tmp_path, server):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    small = tmp_path / "small"
    small.mkdir()
    for name, text in ARTICLES.items():
        (small / name).write_text(text, encoding="utf-8")
    port = free_port()
    proc = server(*serve_command(out, port), port=port)
    old = len(stores.open_store(out))
    seen: list = []
    stop = threading.Event()

    def hammer():
        for _ in range(100_000):
            if stop.is_set():
                return
            status, body = get(port, COUNT, accept="text/csv")
            seen.append(int(body.splitlines()[1]) if status == 200 else (status, body))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        run_kg("build", str(small), "--out", str(out), "--no-html", check=True)
        new = len(stores.open_store(out))
        assert new != old
        for _ in range(200):
            if seen and seen[-1] == new:
                break
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert set(seen) <= {old, new}, [s for s in seen if s not in (old, new)][:3]
    assert seen[0] == old and seen[-1] == new
    status, body = get(port, COUNT, accept="text/csv")
    assert int(body.splitlines()[1]) == new
    for _ in range(100):  # the old server stops once its queries are answered
        if len(backend_pids(proc.pid)) == 1:
            break
        time.sleep(0.1)
    assert len(backend_pids(proc.pid)) == 1
