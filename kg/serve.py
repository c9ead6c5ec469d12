"""``kg serve``: Oxigraph's SPARQL server, behind a small guard that Parley controls.

Oxigraph's own server (the ``oxigraph`` package's binary) answers SPARQL fast, many
queries at once, and cancels a query at its time limit (``--timeout-s``). But it runs
every ``SERVICE`` clause it is sent, and has no option to stop that: anyone who can
reach the endpoint could make the machine fetch internal addresses. Serving with
pyoxigraph from Python instead would lose the time limit (a pyoxigraph query cannot be
cancelled, so a cross join would keep a core busy after its caller gave up). So
``kg serve`` runs Oxigraph's server on a private loopback port and puts this guard,
a threaded ``http.server``, on the public address. The guard:

- reads each query and update (GET, or POST as a form or a body) and sends Oxigraph a
  request rebuilt from what it read, so Oxigraph runs exactly the text that was checked;
- refuses ``SERVICE`` (and in updates ``LOAD``) unless ``--allow-service``, and then
  lets them call only the ``--service-host`` hosts (:func:`kg.query.remote_calls`);
- refuses updates and Graph Store writes unless ``--allow-update``;
- answers 503 with a message when Oxigraph cancels a query at the time limit (Oxigraph
  itself has by then sent "200 OK" and a half-written body, which the guard holds back
  up to :data:`BUFFER` bytes), and cuts a response that streams past the limit;
- notices when a build has swapped a new store into the folder, starts Oxigraph on it,
  sends new queries there, and stops the old server once its last query is answered.
  A store is only ever replaced whole (a rename), and Oxigraph keeps the files of the
  store it opened, so every answer comes from one whole store, the old or the new.
"""
from __future__ import annotations

import http.client
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

from . import store as stores
from .query import QueryError, check_syntax, might_call_out, refuse_remote, remote_calls

#: Largest query or update the guard reads (Oxigraph's own limit is 128 MB).
MAX_STATEMENT = 16 * 1024 * 1024
#: Largest Graph Store upload (with --allow-update).
MAX_UPLOAD = 1024 * 1024 * 1024
#: A result up to this size is held until complete, so a cancelled one can become a 503.
BUFFER = 1024 * 1024
CANCELLED = b"The SPARQL operation has been cancelled"
STATIC = {"/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg"}
PARAMETERS = {"query": {"default-graph-uri", "named-graph-uri", "union-default-graph"},
              "update": {"using-graph-uri", "using-named-graph-uri", "using-union-graph"}}
#: rdflib's parser is not made for threads; statements that mention SERVICE are rare.
PARSE_LOCK = threading.Lock()


class ServeError(Exception):
    """The endpoint cannot start; the message says why."""


class Refusal(Exception):
    """A request the guard answers itself: an HTTP status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Policy:
    allow_update: bool = False
    allow_service: bool = False
    service_hosts: frozenset[str] = frozenset()
    timeout: int = 60

    def check(self, text: str, *, update: bool) -> None:
        """Raise Refusal for a statement that would call a host it may not."""
        if not might_call_out(text, update=update):
            return
        with PARSE_LOCK:
            try:
                tree = check_syntax(text, update=update)
            except QueryError as exc:
                raise Refusal(400, f"{exc}. (This endpoint reads every statement that mentions "
                                   "SERVICE before running it, to see what it would call.)") from None
            calls = remote_calls(tree)
        try:
            refuse_remote(calls, self.allow_service, self.service_hosts,
                          remedy="this endpoint was started without --allow-service")
        except QueryError as exc:
            raise Refusal(403, str(exc)) from None


# -- Oxigraph's server on a private port ----------------------------------------------------

def store_identity(out_dir: Path) -> tuple[int, int]:
    """Which store directory is in place (a build renames a new one in)."""
    found = os.stat(stores.store_path(out_dir))
    return found.st_dev, found.st_ino


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM if kg serve dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except Exception:
        pass


class Backend:
    """One Oxigraph server process over one store directory."""

    def __init__(self, command: list[str], port: int, identity: tuple[int, int]):
        self.port = port
        self.identity = identity
        self.inflight = 0
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     preexec_fn=die_with_parent if sys.platform == "linux" else None)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait_until_up(self, seconds: float) -> bool:
        for _ in range(int(seconds / 0.05)):
            if not self.alive():
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def output(self) -> str:
        try:
            self.log.seek(0)
            return self.log.read(2000).decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()


def start_backend(out_dir: Path, policy: Policy, attempts: int = 5) -> Backend:
    """Oxigraph's server over the store now in ``out_dir``, answering on a free loopback
    port. A build that swaps the store while the server opens it makes it start again,
    so that the server has opened one whole store."""
    problem = "it did not answer"
    for _ in range(attempts):
        try:
            identity = store_identity(out_dir)
        except OSError:
            time.sleep(0.1)  # between a build's two renames
            problem = f"no store in {out_dir}"
            continue
        port = free_port()
        try:
            command = stores.server_command(out_dir, host="127.0.0.1", port=port,
                                            allow_update=policy.allow_update, timeout=policy.timeout)
            backend = Backend(command, port, identity)
        except (stores.StoreError, OSError) as exc:
            raise ServeError(str(exc)) from None
        if backend.wait_until_up(60):
            try:
                if store_identity(out_dir) == identity:
                    return backend
            except OSError:
                pass
            problem = "a build replaced the store while it was being opened"
        else:
            problem = backend.output().splitlines()[-1] if backend.output() else "it did not answer"
        backend.stop()
    raise ServeError(f"Oxigraph's server did not start over {stores.store_path(out_dir)}: {problem}")


class Backends:
    """The Oxigraph server that answers now, and the ones finishing their last queries."""

    def __init__(self, out_dir: Path, policy: Policy, log: Callable[[str], None]):
        self.out_dir = Path(out_dir)
        self.policy = policy
        self.log = log
        self.lock = threading.Lock()
        self.current = start_backend(self.out_dir, policy)
        self.retired: list[tuple[Backend, float]] = []
        self.failed: tuple[int, int] | None = None
        self.stopping = threading.Event()

    @contextmanager
    def use(self):
        with self.lock:
            backend = self.current
            backend.inflight += 1
        try:
            yield backend
        finally:
            with self.lock:
                backend.inflight -= 1

    def refresh(self) -> None:
        """Start a server over a new store (or again, over the same one, after a crash)."""
        try:
            identity = store_identity(self.out_dir)
        except OSError:
            return  # mid-swap, or removed: keep answering from the store already open
        current = self.current
        if current.alive() and identity in (current.identity, self.failed):
            return
        try:
            fresh = start_backend(self.out_dir, self.policy)
        except ServeError as exc:
            self.failed = identity
            self.log(f"still serving the store opened before: {exc}")
            return
        with self.lock:
            old, self.current = self.current, fresh
            self.retired.append((old, time.monotonic() + self.policy.timeout + 30))
        self.log("serving the store a new build wrote" if identity != old.identity
                 else "restarted Oxigraph's server")

    def reap(self) -> None:
        for entry in list(self.retired):
            old, deadline = entry
            if old.inflight == 0 or time.monotonic() > deadline:
                old.stop()
                self.retired.remove(entry)

    def watch(self, every: float = 0.5) -> None:
        while not self.stopping.wait(every):
            try:
                self.refresh()
                self.reap()
            except Exception as exc:  # keep watching; say what happened
                self.log(f"could not check the store: {exc}")

    def close(self) -> None:
        self.stopping.set()
        for backend, _ in self.retired:
            backend.stop()
        self.current.stop()


# -- the guard --------------------------------------------------------------------------------

def media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


class Handler(http.server.BaseHTTPRequestHandler):
    def version_string(self) -> str:
        return "Parley"
    timeout = 120  # a client that sends nothing for this long is dropped

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):
        self.route("GET")

    def do_HEAD(self):
        self.route("HEAD")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def do_DELETE(self):
        self.route("DELETE")

    def do_OPTIONS(self):
        self.route("OPTIONS")

    @property
    def policy(self) -> Policy:
        return self.server.policy

    def route(self, method: str) -> None:
        try:
            url = urlsplit(self.path)
            path = url.path
            params = parse_qsl(url.query, keep_blank_values=True)
            if path in ("/query", "/update"):
                kind = path[1:]
                if kind == "update" and not self.policy.allow_update:
                    raise Refusal(403, "this endpoint is read-only: SPARQL Update needs "
                                       "kg serve --allow-update")
                if method == "GET" and not any(name == kind for name, _ in params):
                    return self.forward("GET", path, None)  # the service description
                if method == "GET":
                    return self.statement(kind, params, None)
                if method != "POST":
                    raise Refusal(405, f"{method} {path} is not supported: use GET or POST")
                body = self.read_body(MAX_STATEMENT)
                content = media_type(self.headers.get("Content-Type"))
                if content == f"application/sparql-{kind}":
                    try:
                        text = body.decode("utf-8")
                    except UnicodeDecodeError:
                        raise Refusal(400, f"the {kind} is not UTF-8 text") from None
                    return self.statement(kind, params, text)
                if content == "application/x-www-form-urlencoded":
                    form = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
                    return self.statement(kind, params + form, None)
                raise Refusal(415, f"send the {kind} as application/sparql-{kind} or "
                                   "application/x-www-form-urlencoded")
            if path.startswith("/store"):
                if method in ("GET", "HEAD"):
                    return self.forward(method, self.path, None)
                if method in ("PUT", "POST", "DELETE"):
                    if not self.policy.allow_update:
                        raise Refusal(403, "this endpoint is read-only: Graph Store writes need "
                                           "kg serve --allow-update")
                    body = self.read_body(MAX_UPLOAD) if method != "DELETE" else None
                    return self.forward(method, self.path, body,
                                        content_type=self.headers.get("Content-Type"))
            if path in STATIC and method in ("GET", "HEAD"):
                return self.forward(method, path, None)
            raise Refusal(404, f"{method} {path} is not served here: queries go to /query")
        except Refusal as exc:
            self.reply(exc.status, str(exc))
        except (ConnectionError, TimeoutError, socket.timeout):
            self.close_connection = True
        except Exception as exc:  # never a traceback to a client; a line for the operator
            self.server.log(f"a request to {self.path[:200]} failed unexpectedly: {exc}")
            try:
                self.reply(500, "the endpoint failed to answer this request")
            except OSError:
                pass

    def read_body(self, limit: int) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding"):
                raise Refusal(411, "send a Content-Length (chunked requests are not read)")
            return b""
        try:
            size = int(length)
        except ValueError:
            raise Refusal(400, "the Content-Length is not a number") from None
        if size < 0:
            raise Refusal(400, "the Content-Length is negative")
        if size > limit:
            raise Refusal(413, f"the request is larger than {limit // (1024 * 1024)} MB")
        body = self.rfile.read(size)
        if len(body) < size:
            raise Refusal(400, "the request ended before its Content-Length")
        return body

    def statement(self, kind: str, params: list[tuple[str, str]], text: str | None) -> None:
        """Check a query or update, then send Oxigraph exactly the text checked."""
        given = [value for name, value in params if name == kind]
        if text is not None:
            given.insert(0, text)
        if len(given) > 1:
            raise Refusal(400, f"Multiple {kind} parameters provided")
        if not given:
            raise Refusal(400, f"You should set the '{kind}' parameter")
        if "\0" in given[0]:
            raise Refusal(400, f"the {kind} contains a NUL character")
        self.policy.check(given[0], update=kind == "update")
        form = [(kind, given[0])] + [(n, v) for n, v in params if n in PARAMETERS[kind]]
        self.forward("POST", f"/{kind}", urlencode(form).encode("utf-8"),
                     content_type="application/x-www-form-urlencoded", limited=kind == "query")

    def forward(self, method: str, path: str, body: bytes | None, *, content_type: str | None = None,
                limited: bool = False) -> None:
        headers = {name: self.headers[name] for name in ("Accept", "Host") if self.headers.get(name)}
        if content_type:
            headers["Content-Type"] = content_type
        started = time.monotonic()
        with self.server.backends.use() as backend:
            connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=self.policy.timeout + 30)
            try:
                try:
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                except ValueError:
                    raise Refusal(400, "a header of the request is not valid") from None
                except (OSError, http.client.HTTPException):
                    raise Refusal(502, "the SPARQL engine behind this endpoint is not answering; "
                                       "it is being restarted, try again") from None
                deadline = started + self.policy.timeout + 10 if limited else None
                self.relay(response, method, deadline)
            finally:
                connection.close()

    def relay(self, response: http.client.HTTPResponse, method: str, deadline: float | None) -> None:
        try:
            head = response.read(BUFFER) if method != "HEAD" else b""
        except (OSError, http.client.HTTPException):
            raise Refusal(504, f"the query stopped without an answer (the limit is "
                               f"{self.policy.timeout} s: kg serve --timeout)") from None
        complete = len(head) < BUFFER
        if deadline is not None and response.status == 200 and complete and head.rstrip().endswith(CANCELLED):
            raise Refusal(503, f"query stopped after {self.policy.timeout} s (kg serve --timeout): make it "
                               "more selective (a LIMIT, fewer unbound patterns), or ask for a longer limit")
        self.send_response(response.status)
        for name in ("Content-Type", "Location"):
            if response.getheader(name):
                self.send_header(name, response.getheader(name))
        if complete:
            self.send_header("Content-Length", str(len(head)))
        self.end_headers()
        if method == "HEAD":
            return
        self.wfile.write(head)
        if complete:
            return
        self.close_connection = True
        for _ in range(sys.maxsize):  # ends with the body, or at the deadline
            if deadline is not None and time.monotonic() > deadline:
                return  # closing both connections stops Oxigraph writing
            chunk = response.read1(64 * 1024)
            if not chunk:
                return
            self.wfile.write(chunk)

    def reply(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Guard(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # many clients at once wait in the queue, not in SYN retries
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], policy: Policy, backends: Backends,
                 log: Callable[[str], None]):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.policy = policy
        self.backends = backends
        self.log = log
        super().__init__(address, Handler)


def serve(out_dir: Path, host: str, port: int, policy: Policy, *, on_ready: Callable[[], None],
          log: Callable[[str], None]) -> None:
    """Serve the store in ``out_dir`` on ``host:port`` until interrupted."""
    backends = Backends(out_dir, policy, log)
    try:
        try:
            guard = Guard((host, port), policy, backends, log)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        watcher = threading.Thread(target=backends.watch, name="store watcher", daemon=True)
        watcher.start()
        try:
            on_ready()
            guard.serve_forever(poll_interval=0.25)
        finally:
            guard.server_close()
    finally:
        backends.close()
