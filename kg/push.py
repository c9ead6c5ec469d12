"""Send a graph to any SPARQL 1.1 Graph Store Protocol endpoint, a graph at a time.

Each article's named graph and the shared default graph are sent with HTTP PUT,
which replaces the graph at the endpoint whole: pushing again after a rebuild leaves
the endpoint holding exactly the new graphs, never a second copy.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import quote

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


def put_graph(endpoint: str, graph_name: ox.NamedNode | None, body: bytes, *,
              headers: dict[str, str] | None = None, timeout: float = 120) -> int:
    """Replace one graph at the endpoint; returns the HTTP status."""
    url = graph_url(endpoint, graph_name)
    if not url.startswith(("http://", "https://")):
        raise PushError(f"the endpoint must be an http(s) address, not '{endpoint}'")
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": "application/n-triples", "User-Agent": USER_AGENT, **(headers or {})})
    what = graph_name.value if graph_name is not None else "the default graph"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        raise PushError(f"{endpoint} refused {what}: HTTP {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach {endpoint}: {reason}") from None
