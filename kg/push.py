"""Send a graph to any SPARQL 1.1 Graph Store Protocol endpoint, a graph at a time.

Each article's named graph and the shared default graph are sent with HTTP PUT,
which replaces the graph at the endpoint whole: pushing again after a rebuild leaves
the endpoint holding exactly the new graphs, never a second copy.

Requests go only to the address given: a redirect is not followed (so headers such as
``Authorization`` never travel to another host), and an address that is not a whole
``http(s)`` URL is refused before anything is sent.
"""
from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

USER_AGENT = "parley-kg"


class PushError(Exception):
    """The endpoint refused a graph or could not be reached; the message says which."""


def graph_payloads(store: ox.Store) -> list[tuple[ox.NamedNode | None, bytes]]:
    """(graph name, N-Triples) for the default graph (name None) and every named graph."""
    payloads = [(None, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))]
    for name in sorted(store.named_graphs(), key=lambda g: g.value):
        payloads.append((name, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)))
    return payloads


def graph_url(endpoint: str, graph_name: ox.NamedNode | None) -> str:
    """The Graph Store Protocol address of one graph: ``?default`` or ``?graph=IRI``."""
    joiner = "&" if "?" in endpoint else "?"
    if graph_name is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={quote(graph_name.value, safe='')}"


def check_endpoint(endpoint: str) -> None:
    """Refuse anything but a whole http(s) address with a host (and a valid port)."""
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise PushError(f"the endpoint '{endpoint}' is not a valid address: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise PushError(f"the endpoint must be an http(s) address, not '{endpoint}'")
    if not parts.hostname:
        raise PushError(f"the endpoint '{endpoint}' names no host")
    if any(ord(c) <= 32 or ord(c) == 127 for c in endpoint):
        raise PushError(f"the endpoint '{endpoint}' contains spaces or control characters")


def check_headers(headers: dict[str, str]) -> None:
    for name, value in headers.items():
        if not name or any(c in name for c in " \t\r\n:") or any(c in value for c in "\r\n\0"):
            raise PushError(f"the header '{name}' cannot be sent: a header is one line, 'NAME: VALUE'")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx comes back as an HTTPError that names it


OPENER = urllib.request.build_opener(NoRedirect)


def put_graph(endpoint: str, graph_name: ox.NamedNode | None, body: bytes, *,
              headers: dict[str, str] | None = None, timeout: float = 120) -> int:
    """Replace one graph at the endpoint; returns the HTTP status."""
    check_endpoint(endpoint)
    check_headers(headers or {})
    if not 0 < timeout < 1e7:  # also NaN
        raise PushError("the timeout must be a positive number of seconds")
    url = graph_url(endpoint, graph_name)
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": "application/n-triples", "User-Agent": USER_AGENT, **(headers or {})})
    what = graph_name.value if graph_name is not None else "the default graph"
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            target = exc.headers.get("Location", "another address")
            raise PushError(f"{endpoint} redirects {what} to {target}: redirects are not followed "
                            "(headers would travel with them); push to that address if you trust it") from None
        detail = exc.read(300).decode("utf-8", "replace").strip()
        raise PushError(f"{endpoint} refused {what}: HTTP {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach {endpoint}: {reason}") from None
    except (http.client.HTTPException, ValueError, OverflowError) as exc:
        raise PushError(f"{endpoint} gave no valid HTTP answer for {what}: {exc}") from None
