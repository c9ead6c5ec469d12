"""Run SPARQL over a graph: text, a .rq file, or a bundled query by name.

Queries run on Oxigraph: the build's store, or any RDF file or rdflib graph loaded
into an in-memory Oxigraph store (rdflib's own engine is orders of magnitude slower
on large graphs). Bundled queries live in ``kg/queries/*.rq``; the first comment line
of each is its description, shown by ``kg query --list``. They spell joins out
(``?e kg:agent ?a . ?a rdfs:label ?who``) rather than use path expressions, and look
classes up with ``VALUES`` rather than filter them: Oxigraph plans those better
(``quotes`` on a million triples: 4.0 s -> 2.5 s; ``timeline`` on 111,000: 352 ms ->
73 ms). Results come out as a table, CSV or JSON.

Queries make no network requests unless asked: a ``SERVICE`` clause (federated query)
or a ``LOAD`` is refused unless the caller allows it (``--allow-service``), since
Oxigraph and rdflib would otherwise fetch whatever address the text names. The check
reads rdflib's parse tree of the query, not its words, so ``"SERVICE"`` inside a string
is no call.
"""
from __future__ import annotations

import csv
import io
import json
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from . import store as stores
from .namespace import KG

QUERIES = resources.files("kg") / "queries"
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_FORMS = ("INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")
#: Comments and PREFIX/BASE declarations before a statement's first keyword.
PROLOGUE = re.compile(r"(?:\s|#[^\n\r]*|PREFIX\s*[^\s:]*:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)*", re.I)


class QueryError(Exception):
    """A query that cannot be found, parsed or run; the message says why."""


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str | None]]


def bundled() -> dict[str, str]:
    """Bundled query name -> its one-line description."""
    found = {}
    for item in sorted(QUERIES.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            first = item.read_text(encoding="utf-8").splitlines()[0]
            found[item.name[:-3]] = first.lstrip("# ").strip()
    return found


def query_text(spec: str) -> str:
    """SPARQL text from a bundled name, a .rq file path, or the text itself."""
    if spec in bundled():
        return (QUERIES / f"{spec}.rq").read_text(encoding="utf-8")
    if spec.endswith((".rq", ".ru", ".sparql")) and "\n" not in spec:
        path = Path(spec)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"no such query file: {spec}") from None
        except UnicodeDecodeError:
            raise QueryError(f"{spec} is not UTF-8 text") from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"cannot read {spec}: {getattr(exc, 'strerror', None) or exc}") from None
    if statement_kind(spec) is None:
        names = ", ".join(bundled())
        raise QueryError(f"'{spec}' is neither SPARQL nor a bundled query (bundled: {names})")
    return spec


def statement_kind(text: str) -> str | None:
    """'query' or 'update' by the keyword after the prologue (PREFIX, BASE, comments),
    None when the text starts with neither: names the problem in messages; running a
    statement checks it fully."""
    word = statement_word(text)
    if word in QUERY_FORMS:
        return "query"
    if word in UPDATE_FORMS:
        return "update"
    return None


def is_update(text: str) -> bool:
    """True for SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE,
    ADD, WITH ...), which changes a graph; prefixes and comments may come first."""
    return statement_kind(text) == "update"


def check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError("the query is not valid UTF-8 text") from None


def check_syntax(text: str, *, update: bool = False):
    """rdflib's parse tree of a query (or an update); a syntax error says where."""
    check_text(text)
    try:
        return parseUpdate(text) if update else parseQuery(text)
    except RecursionError:
        raise QueryError("the query nests too deeply to be read") from None
    except Exception as exc:  # pyparsing's ParseException carries line and column
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "col", None)
        where = f" at line {line}, column {col}" if line else ""
        detail = getattr(exc, "msg", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        kind = "SPARQL Update" if update else "SPARQL"
        raise QueryError(f"{kind} syntax error{where}: {detail}") from None


# -- network requests a statement would make ----------------------------------------------

@dataclass(frozen=True)
class RemoteCall:
    """A ``SERVICE`` clause or a ``LOAD``: a request to ``address`` (None: a variable or
    an address that cannot be resolved before the query runs)."""
    keyword: str
    address: str | None

    def __str__(self) -> str:
        return f"{self.keyword} <{self.address}>" if self.address else f"{self.keyword} with a variable or relative address"


def tree_nodes(tree):
    """Every ``CompValue`` of an rdflib parse tree (iterative: no recursion limit)."""
    stack = [tree]
    for _ in range(10_000_000):
        if not stack:
            return
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def remote_calls(tree) -> list[RemoteCall]:
    """The SERVICE clauses and LOADs of a parse tree, with their addresses resolved
    against the statement's PREFIX and BASE declarations."""
    nodes = list(tree_nodes(tree))
    prefixes: dict[str, set[str]] = {}
    bases: set[str] = set()
    for node in nodes:
        if node.name == "PrefixDecl":
            prefixes.setdefault(str(dict.get(node, "prefix") or ""), set()).add(str(dict.get(node, "iri")))
        elif node.name == "Base":
            bases.add(str(dict.get(node, "iri")))

    def addresses(term) -> set[str | None]:
        if isinstance(term, CompValue) and term.name == "pname":
            found = {iri + str(dict.get(term, "localname") or "")
                     for iri in prefixes.get(str(dict.get(term, "prefix") or ""), ())}
        elif isinstance(term, URIRef):
            found = {str(term)}
        else:  # a variable, or something rdflib reads in a way not foreseen here
            return {None}
        resolved = set()
        for iri in found or {None}:
            if iri is not None and not urlsplit(iri).scheme:
                candidates = {urljoin(base, iri) for base in bases} or {None}
                resolved |= {c if c and urlsplit(c).scheme else None for c in candidates}
            else:
                resolved.add(iri)
        return resolved

    calls = []
    for node in nodes:
        if node.name == "ServiceGraphPattern":
            calls += [RemoteCall("SERVICE", a) for a in addresses(dict.get(node, "term"))]
        elif node.name == "Load":
            calls += [RemoteCall("LOAD", a) for a in addresses(dict.get(node, "iri"))]
    return sorted(set(calls), key=str)


def might_call_out(text: str, *, update: bool = False) -> bool:
    """False only when the text cannot hold a SERVICE keyword (or, in an update, LOAD) at
    all: a quick test that spares parsing most statements; True means parse and look."""
    try:
        text = expandUnicodeEscapes(text)
    except ValueError:
        return True
    folded = text.casefold()
    return "service" in folded or (update and "load" in folded)


def host_allowed(address: str | None, hosts) -> bool:
    """Whether an http(s) address names one of ``hosts`` ('host' or 'host:port')."""
    if not address:
        return False
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc:
        return False
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    for allowed in hosts:
        name, allowed_port = split_host(allowed)
        if name == host.casefold() and (not allowed_port or allowed_port == str(port)):
            return True
    return False


def split_host(entry: str) -> tuple[str, str]:
    """'example.org:8080' -> ('example.org', '8080'); '[::1]' -> ('::1', ''); lower case."""
    entry = entry.strip().casefold()
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        return host, rest[1:] if rest.startswith(":") else ""
    if entry.count(":") == 1:
        host, _, port = entry.partition(":")
        return host, port
    return entry, ""


def refuse_remote(calls: list[RemoteCall], allow_service: bool, hosts=None, *,
                  remedy: str = "add --allow-service to let it") -> None:
    """Raise QueryError for a call that is not allowed: none without ``allow_service``;
    with ``hosts``, only to those hosts."""
    if not calls:
        return
    listed = ", ".join(map(str, calls))
    if not allow_service:
        raise QueryError(f"the statement asks for another server ({listed}), and Parley makes no network "
                         f"requests unless asked: {remedy}")
    if hosts is not None:
        for call in calls:
            if not host_allowed(call.address, hosts):
                where = ", ".join(sorted(hosts)) or "no host"
                raise QueryError(f"{call} is not allowed here: this endpoint calls only {where} "
                                 "(kg serve --service-host HOST)")


# -- running ------------------------------------------------------------------------------

def guarded(work, doing: str = "query", hint: str = ""):
    """``work()``, with any failure turned into a QueryError carrying only its message.
    The error is raised after the handler has ended, so the original exception, its
    traceback and the Oxigraph results its frames hold are freed in this thread
    (pyoxigraph's result iterators must not be dropped on another one)."""
    message = None
    try:
        return work()
    except QueryError as exc:
        message = str(exc)
    except RecursionError:
        message = f"the {doing} nests too deeply to be run"
    except Exception as exc:  # Oxigraph's SyntaxError, ValueError, OSError (store or SERVICE)
        message = f"{doing} failed: {(str(exc).strip().splitlines() or [type(exc).__name__])[0]}{hint}"
    raise QueryError(message)


def run_with_timeout(work, timeout: float | None, hint: str = ""):
    """Run ``work()`` and give up after ``timeout`` seconds. Oxigraph queries cannot be
    interrupted from Python, so a runaway one is left in a daemon thread that dies with
    the process; the thread keeps every Oxigraph object it made, and drops them itself."""
    if not timeout or timeout >= 1e7:  # beyond what a thread can wait for: no limit
        return guarded(work, hint=hint)
    box: dict = {}

    def target():
        try:
            box["value"] = guarded(work, hint=hint)
        except QueryError as exc:
            box["error"] = str(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(f"query stopped after {timeout:g} s (--timeout): make it more selective "
                         "(a LIMIT, fewer unbound patterns), or give a longer --timeout")
    if "error" in box:
        raise QueryError(box["error"])
    return box["value"]


def as_store(source: Graph | ox.Store) -> ox.Store:
    return stores.from_graph(source) if isinstance(source, Graph) else source


def update(source: Graph | ox.Store, spec: str, *, allow_service: bool = False) -> None:
    """Apply a SPARQL Update to an rdflib graph (in memory) or to a store (both have
    ``update``). A LOAD or SERVICE in it needs ``allow_service``."""
    text = query_text(spec)
    tree = check_syntax(text, update=True)
    calls = remote_calls(tree)
    refuse_remote(calls, allow_service)
    guarded(lambda: source.update(text), "update", f" (is {', '.join(map(str, calls))} reachable?)" if calls else "")


def value(term) -> str | None:
    if term is None:
        return None
    return str(term) if isinstance(term, ox.Triple) else term.value


def substitutions(params: dict[str, str] | None) -> dict:
    """--param NAME=VALUE pairs as Oxigraph substitutions (each value a plain literal)."""
    bindings = {}
    for name, text in (params or {}).items():
        try:
            variable = ox.Variable(name)
        except (ValueError, TypeError):
            raise QueryError(f"--param {name}=...: '{name}' is not a SPARQL variable name "
                             "(letters, digits and _)") from None
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise QueryError(f"--param {name}: the value is not valid UTF-8 text") from None
        bindings[variable] = ox.Literal(text)
    return bindings


def query(source: Graph | ox.Store, spec: str, params: dict[str, str] | None = None,
          timeout: float | None = None, *, allow_service: bool = False) -> Table:
    """Run a read-only query (name, file or text) over a store or an rdflib graph and
    return its rows as strings. A SERVICE clause needs ``allow_service``."""
    text = query_text(spec)
    check_text(text)
    if is_update(text):
        form = statement_word(text)
        raise QueryError(f"that is a SPARQL Update ({form}), and kg query only reads; "
                         "add --allow-update to change the graph")
    tree = check_syntax(text)
    calls = remote_calls(tree)
    refuse_remote(calls, allow_service)
    bindings = substitutions(params)
    store = as_store(source)

    def work():
        result = store.query(text, use_default_graph_as_union=True, substitutions=bindings)
        if isinstance(result, ox.QueryBoolean):
            return Table(["answer"], [[str(bool(result)).lower()]])
        if isinstance(result, ox.QueryTriples):
            rows = [[value(t.subject), value(t.predicate), value(t.object)] for t in result]
            return Table(["subject", "predicate", "object"], sorted(rows))
        columns = [v.value for v in result.variables]
        return Table(columns, [[value(row[c]) for c in columns] for row in result])

    hint = f" (is {', '.join(map(str, calls))} reachable?)" if calls else ""
    try:
        return run_with_timeout(work, timeout, hint)
    except QueryError as exc:
        missing = re.search(r"does not contains? variable \?(\S+)", str(exc))
        if missing:
            raise QueryError(f"--param {missing.group(1)}: the query has no variable "
                             f"?{missing.group(1)} among those it returns") from None
        raise


def statement_word(text: str) -> str:
    """The keyword a statement starts with, after its prologue: 'DROP', 'SELECT' ..."""
    try:
        text = expandUnicodeEscapes(text)
    except ValueError:
        pass
    word = re.match(r"[A-Za-z]+", text[PROLOGUE.match(text).end():])
    return word.group().upper() if word else ""


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    return out.getvalue()


def to_json(table: Table) -> str:
    return json.dumps([dict(zip(table.columns, row)) for row in table.rows], ensure_ascii=False, indent=2)


def load_graph(path: str | Path) -> Graph:
    """An RDF file as an rdflib graph (for SHACL validation, rendering and rewriting)."""
    path = Path(path)
    if not path.is_file():
        raise QueryError(f"no graph at {path}: build one first with `kg build INPUT --out {path.parent}`")
    try:
        return Graph().parse(path)
    except Exception as exc:
        raise QueryError(f"cannot read {path} as RDF: {exc}") from None


#: Columns whose name ends so hold IRIs: kept in CSV and JSON, left out of the table a
#: person reads, where the label columns beside them say the same in words.
IRI_COLUMN_SUFFIX = "_iri"


def for_reading(table: Table) -> Table:
    """The table without its IRI columns (``*_iri``), unless it has nothing else."""
    keep = [i for i, c in enumerate(table.columns) if not c.endswith(IRI_COLUMN_SUFFIX)] or \
        list(range(len(table.columns)))
    return Table([table.columns[i] for i in keep], [[row[i] for i in keep] for row in table.rows])


def short(value: str | None) -> str:
    if value is None:
        return ""
    return value.rsplit("#", 1)[-1] if value.startswith(str(KG)) else value


__all__ = ["QueryError", "Table", "bundled", "query", "query_text", "to_csv", "to_json", "for_reading", "load_graph"]
