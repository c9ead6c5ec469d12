"""The ``kg`` command: one verb a command, consistent options, table/CSV/JSON output.

    kg build seeds/ --out output/          articles -> output/store, graph.ttl, graph.html
    kg build corpus.csv --jobs 2           a CSV/JSONL corpus; only new or changed articles are parsed
    kg build corpus.csv --dask tcp://scheduler:8786   parse on a Dask cluster
    kg query rejections                    a bundled query over the store in output/
    kg query 'SELECT ...' --format csv     any SPARQL, as CSV
    kg export --format jsonld -o graph.jsonld
    kg export --format gexf -o actors.gexf  the actors' network for Gephi; graphml, csv (events) too
    kg render                              graph.html again from the store
    kg validate                            check the graph against the SHACL shapes
    kg serve --port 7878                   a SPARQL 1.1 endpoint over the store
    kg push --endpoint URL                 send the graph to a Graph Store Protocol endpoint
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from . import __version__
from .articles import (ARTICLE_SUFFIXES, DEFAULT_COLUMNS, ArticleError, Columns, count_articles, find_files,
                       read_articles)
from .fileio import write_atomic
from .nlp import ModelError, default_model
from .query import (QueryError, bundled, for_reading, is_update, load_graph, query as run_query,
                    query_text, short, to_csv, to_json, update)
from .records import ACTOR_KINDS, EVENT_KINDS
from .store import StoreError
from .views import VIEWS

DEFAULT_OUT = Path("output")
CACHE_FILE = "parse-cache.sqlite"
#: Export format names users type -> Oxigraph's formats.
EXPORT_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG",
                  "xml": "RDF_XML", "n3": "N3", "nquads": "N_QUADS"}
#: Export formats that are not RDF: networks of the graph, and its events as a table.
TABLE_FORMATS = ("csv", "gexf", "graphml")

err = Console(stderr=True, soft_wrap=True)
# Piped output keeps whole rows on one line; a terminal wraps to its width.
out = Console() if sys.stdout.isatty() else Console(width=1000)


class UsageProblem(click.ClickException):
    """Bad input from the user: a message and exit code 2, never a traceback."""

    exit_code = 2

    def show(self, file=None) -> None:
        err.print(f"[bold red]Error:[/] {escape(self.message)}", highlight=False)


class Failure(UsageProblem):
    """Something outside Parley failed (a network endpoint, say): exit code 1."""

    exit_code = 1


def fail(message: str) -> None:
    raise UsageProblem(message)


def source_options(command):
    """--out DIR (the build's store) or --graph FILE (any RDF file): where a command reads."""
    command = click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
                           help="Read this RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf) instead "
                                "of the store.")(command)
    return click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
                        show_default=True, help="Folder of a build: its store is read.")(command)


def column_options(command):
    """--text-column, --date-column, ...: which columns of a CSV/JSONL corpus hold what."""
    for role in reversed(DEFAULT_COLUMNS):
        tried = ", ".join(name or "an unnamed index column" for name in DEFAULT_COLUMNS[role])
        command = click.option(f"--{role}-column", default=None, metavar="NAME",
                               help=f"CSV/JSONL: the column of each article's {role} "
                                    f"[default: the first of {tried}].")(command)
    return command


def open_source(out_dir: Path, graph_path: Path | None):
    """The Oxigraph store to read: the file given with --graph (in memory), else the
    build's store in --out (or, from an older build, its graph.ttl)."""
    from . import store as stores

    try:
        if graph_path is not None:
            return stores.load_file(graph_path)
        if not stores.store_path(out_dir).is_dir() and (out_dir / "graph.ttl").is_file():
            return stores.load_file(out_dir / "graph.ttl")
        return stores.open_store(out_dir)
    except StoreError as exc:
        fail(str(exc))


def open_rdflib(out_dir: Path, graph_path: Path | None):
    """The same source as an rdflib graph (for SHACL validation and rendering)."""
    from . import store as stores

    return stores.to_graph(open_source(out_dir, graph_path))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Parley: build a knowledge graph of who proposed, rejected, demanded, met and said
    what, from news articles, and query, render and export it.

    \b
    Examples:
      kg build seeds/ --out output/
      kg query rejections
      kg query --list
      kg export --format jsonld -o graph.jsonld
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the store, graph.ttl and graph.html.")
@click.option("--model", default=None, help=f"spaCy pipeline to use [default: {default_model()}; "
              "or $PARLEY_MODEL]: any installed one, e.g. en_core_web_md, en_core_web_trf.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Parse in this many processes.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Parse on a Dask cluster instead: its scheduler's address (tcp://HOST:8786), or "
                   "local:N for N worker processes on this machine. Needs: pip install 'parley-kg[dask]'.")
@column_options
@click.option("--base", default=None, help="Base IRI for minted resources "
              "[default: https://w3id.org/parley/id/].")
@click.option("--rebuild", is_flag=True, help="Parse every article again, ignoring what the "
              "last build parsed.")
@click.option("--no-html", is_flag=True, help="Write no HTML page.")
@click.option("--no-merge-events", is_flag=True, help="Keep each article's report of an event as an "
              "event of its own [default: reports of one event across articles are one event].")
@click.option("--strict", is_flag=True, help="Fail when any input is skipped.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--wait", "wait_for_lock", is_flag=True, help="When another build is writing OUT, wait "
              "for it to finish [default: stop and say which process it is].")
def build(inputs, out_dir, model, jobs, dask_address, base, rebuild, no_html, no_merge_events, strict, quiet,
          wait_for_lock, **column_names):
    """Build the graph from articles: text files (.txt, .md), web pages (.html), folders
    of them, and corpus files with one article a row (.csv, .tsv, .jsonl).

    Writes OUT/store (an Oxigraph database, a named graph per article), OUT/graph.ttl
    and OUT/graph.html. A later build into the same OUT parses only the articles that
    are new or changed, and drops those that are gone.

    \b
    Examples:
      kg build seeds/ --out output/
      kg build article1.txt article2.txt --out /tmp/two
      kg build news.csv --text-column body --date-column published --jobs 2
      kg build dump.jsonl --id-column url --no-html
      kg build corpus/ --model en_core_web_md --rebuild
      kg build corpus/ --no-merge-events     # one event per article's report
      kg build news.csv --dask tcp://10.0.0.5:8786    # a Dask cluster's workers parse
      kg build news.csv --dask local:4                # a Dask cluster of 4 processes here
    """
    from .cluster import ClusterError, ClusterUsageError, check_address
    from .pipeline import Parser
    from .stream import Scratch, build_graph, spool, write_page

    if dask_address is not None:
        if jobs > 1:
            fail("--jobs and --dask do not go together: on a cluster, its workers are the jobs")
        try:
            check_address(dask_address)
        except ClusterUsageError as exc:
            fail(str(exc))

    try:
        files = find_files(inputs)
    except ArticleError as exc:
        fail(str(exc))
    if not files:
        kinds = ", ".join(ARTICLE_SUFFIXES)
        fail(f"no article files ({kinds}) in {', '.join(map(str, inputs))}")
    columns = Columns(**{name.removesuffix("_column"): value for name, value in column_names.items()})
    lock_folder(out_dir, "kg build", wait=wait_for_lock)  # one build at a time in OUT
    cache_path = out_dir / CACHE_FILE
    if rebuild:
        cache_path.unlink(missing_ok=True)
    skipped: list[str] = []
    # Each article's records go to disk as they are parsed (or read from the cache), so
    # that memory does not grow with the corpus (kg/stream.py).
    scratch = Scratch(out_dir)
    click.get_current_context().call_on_close(scratch.close)
    try:
        with Parser(model, jobs=jobs, cache_path=cache_path, dask=dask_address) as parser, \
                Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                         MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                         disable=quiet or not err.is_terminal) as progress:
            task = progress.add_task("Parsing articles", total=count_articles(files, columns))
            articles = spool(scratch, parser.records(read_articles(files, skipped, columns), errors=skipped,
                                                     on_article=lambda _a: progress.advance(task)))
            progress.update(task, completed=progress.tasks[0].total)
    except (ModelError, ArticleError, ClusterUsageError) as exc:
        fail(str(exc))
    except ClusterError as exc:
        raise Failure(str(exc)) from None
    if strict and skipped:
        fail("skipped inputs (--strict):\n  " + "\n  ".join(skipped))
    if not articles:
        fail("no readable articles:\n  " + "\n  ".join(skipped))
    summary, written = build_graph(scratch, out_dir, base=base, merge_events=not no_merge_events, articles=articles)
    scratch.close()
    if not no_html:
        written.append(write_page(out_dir, summary, base))
    if not quiet:
        summarize(summary, skipped, [str(p) for p in written], parsed=parser.parsed, reused=parser.reused)


def lock_folder(out_dir: Path, what: str, *, wait: bool):
    """Hold OUT's lock until the command ends, or stop naming the process that holds it."""
    from .lock import FolderBusy, FolderLock

    def waiting(who: str) -> None:
        err.print(f"waiting for {escape(who)} to finish writing {escape(str(out_dir))} ...", highlight=False)

    try:
        lock = FolderLock(out_dir, what).acquire(wait=wait, on_wait=waiting)
    except FolderBusy as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write into {out_dir}: {exc.strerror or exc}")
    click.get_current_context().call_on_close(lock.release)
    return lock


def summarize(summary, skipped: list[str], written: list[str], *, parsed: int, reused: int) -> None:
    actors, events = summary.actors, summary.events
    table = RichTable(title="Parley build", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary.articles))
    table.add_row("  parsed now", str(parsed))
    table.add_row("  unchanged since the last build", str(reused))
    for kind in ACTOR_KINDS:
        table.add_row(f"  actors: {kind}", str(actors.get(kind, 0)))
    for kind in EVENT_KINDS:
        table.add_row(f"  events: {kind}", str(events.get(kind, 0)))
    table.add_row("  events reported by several articles", str(summary.merged))
    table.add_row("triples", str(summary.triples))
    err.print(table)
    for line in skipped:
        err.print(f"[yellow]skipped:[/] {escape(line)}", highlight=False)
    for path in written:
        err.print(f"wrote {path}", highlight=False)


@main.command()
@click.argument("query_spec", metavar="QUERY", required=False)
@source_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable of the query, e.g. --param name=Lavrov.")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries.")
@click.option("--timeout", type=float, default=60, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer (0: no limit).")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update (INSERT/DELETE ...) and write the change to the store "
                   "(or to the --graph file).")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE clauses (federated query, e.g. Wikidata) and LOAD fetch from "
                   "the addresses they name; off by default.")
def query(query_spec, out_dir, graph_path, fmt, params, list_queries, timeout, allow_update, allow_service):
    """Run SPARQL: the name of a bundled query, a .rq file, or the query text. It runs on
    the store of the last build (Oxigraph), or on any RDF file given with --graph.
    Bundled queries show labels; their IRI columns (named *_iri) appear only with
    --format csv or json.

    \b
    Examples:
      kg query --list
      kg query rejections
      kg query actor --param name=Lavrov --format json
      kg query timeline --out /tmp/two --format csv
      kg query my-query.rq --graph other.ttl --format csv
      kg query 'SELECT ?s WHERE { ?s a <https://w3id.org/parley/ontology#Meeting> }'
      kg query wikidata.rq --allow-service     # a query with SERVICE <https://query.wikidata.org/sparql>
    """
    if list_queries:
        for name, description in bundled().items():
            out.print(f"[bold]{name:<12}[/] {description}", highlight=False)
        return
    if not query_spec:
        fail("give a query (SPARQL text, a .rq file or a bundled name); see kg query --list")
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            fail(f"--param takes NAME=VALUE, not '{item}'")
        bindings[name.lstrip("?$")] = value
    if timeout < 0 or timeout != timeout:
        fail("--timeout takes a number of seconds (0: no limit)")
    try:
        if allow_update and is_update(query_text(query_spec)):
            apply_update(query_spec, out_dir, graph_path, allow_service=allow_service)
            return
        query_text(query_spec)  # a misspelt name is reported before a missing store
        table = run_query(open_source(out_dir, graph_path), query_spec, bindings, timeout=timeout,
                          allow_service=allow_service)
    except QueryError as exc:
        fail(str(exc))
    if fmt == "csv":
        click.echo(to_csv(table), nl=False)
    elif fmt == "json":
        click.echo(to_json(table))
    else:
        table = for_reading(table)
        rich_table = RichTable(show_lines=False)
        for column in table.columns:
            rich_table.add_column(column, overflow="fold")
        for row in table.rows:
            rich_table.add_row(*[short(v) for v in row])
        out.print(rich_table)
        err.print(f"{len(table.rows)} rows", highlight=False)


def apply_update(query_spec: str, out_dir: Path, graph_path: Path | None, *, allow_service: bool) -> None:
    """SPARQL Update on the --graph file (rewritten whole) or on the store. The store is
    changed as a build changes it: a copy is updated and swapped in whole, under the
    folder's lock, so a server reading the store never sees it half-written."""
    import pyoxigraph as ox

    from . import store as stores
    from .lock import FolderBusy, FolderLock

    if graph_path is not None:
        graph = load_graph(graph_path)
        update(graph, query_spec, allow_service=allow_service)
        write_atomic(graph_path, stores.turtle(graph))
        err.print(f"updated {graph_path} ({len(graph)} triples)", highlight=False)
        return
    try:
        with FolderLock(out_dir, "kg query --allow-update").acquire():
            copy = ox.Store()
            copy.bulk_extend(stores.open_store(out_dir))
            update(copy, query_spec, allow_service=allow_service)
            stores.write_store(copy, out_dir)
    except (StoreError, FolderBusy) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write the store in {out_dir}: {exc}")
    err.print(f"updated {stores.store_path(out_dir)} ({len(copy)} quads)", highlight=False)


@main.command()
@source_options
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS) + sorted(TABLE_FORMATS)),
              default="turtle", show_default=True,
              help="An RDF format (trig and nquads keep each article's named graph); gexf or "
                   "graphml: a network for Gephi, igraph, networkx; csv: one row an event.")
@click.option("--view", type=click.Choice(VIEWS), default="actors", show_default=True,
              help="gexf and graphml: actors linked by what they did to each other, or "
                   "actors and events as nodes.")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), default=None,
              help="File to write [default: standard output].")
def export(out_dir, graph_path, fmt, view, output):
    """Write the graph in another RDF format, as a network (GEXF, GraphML) or as a
    table of its events (CSV).

    \b
    The actors view (--format gexf|graphml) has an edge for each relation between two
    actors: met, proposed_to, demanded_of, rejected_proposal_of, accepted, agreed_with,
    with weight (events) and the events' IRIs; statements are counted on their speaker.
    The CSV has one row an event: kind, date, agents, participants, parties, topics,
    what it rejects or accepts and whose it was, CAMEO code, evidence, article id,
    title and address.

    \b
    Examples:
      kg export --format jsonld -o output/graph.jsonld
      kg export --format trig -o graphs.trig     # a named graph per article
      kg export --format nt > graph.nt
      kg export --graph other.ttl --format xml -o other.rdf
      kg export --format gexf -o actors.gexf     # open in Gephi
      kg export --format graphml --view events -o events.graphml
      kg export --format csv -o events.csv       # or pandas.read_csv, a spreadsheet
    """
    if fmt in TABLE_FORMATS:
        from . import views

        graph = open_rdflib(out_dir, graph_path)
        if fmt == "csv":
            text = to_csv(views.event_table(views.events(graph)))
        else:
            text = network_text(views.flat(views.to_networkx(graph, view)), fmt)
    else:
        text = rdf_text(open_source(out_dir, graph_path), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        err.print(f"wrote {output}", highlight=False)


def rdf_text(store, fmt: str) -> str:
    """The store in one of EXPORT_FORMATS."""
    import io

    import pyoxigraph as ox

    from . import store as stores

    rdf_format = getattr(ox.RdfFormat, EXPORT_FORMATS[fmt])
    buffer = io.BytesIO()
    if rdf_format.supports_datasets:
        store.dump(buffer, rdf_format, prefixes=stores.PREFIXES)
    else:
        ox.serialize(stores.triples(store), buffer, rdf_format, prefixes=stores.PREFIXES)
    return buffer.getvalue().decode("utf-8")


def network_text(net, fmt: str) -> str:
    """A networkx graph as GEXF 1.2 or GraphML text."""
    import io

    import networkx as nx

    buffer = io.BytesIO()
    (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(net, buffer)
    return buffer.getvalue().decode("utf-8")


@main.command()
@source_options
@click.option("--output", "-o", "out_file", type=click.Path(path_type=Path), default=None,
              help="HTML file to write [default: graph.html in --out, or beside --graph].")
@click.option("--title", default="Parley graph", show_default=True)
def render(out_dir, graph_path, out_file, title):
    """Write the interactive HTML network of an existing graph.

    \b
    Examples:
      kg render
      kg render --graph other.ttl -o /tmp/other.html
    """
    from .render import render_html

    graph = open_rdflib(out_dir, graph_path)
    target = out_file or (graph_path.with_suffix(".html") if graph_path else out_dir / "graph.html")
    render_html(graph, target, title=title)
    err.print(f"wrote {target}", highlight=False)


@main.command()
@source_options
def validate(out_dir, graph_path):
    """Check a graph against Parley's SHACL shapes (ontology/shapes.ttl).

    \b
    Examples:
      kg validate
      kg validate --graph output/graph.ttl
    """
    from .rdf import validate as shacl_validate

    graph = open_rdflib(out_dir, graph_path)
    conforms, report = shacl_validate(graph)
    where = graph_path or out_dir
    if conforms:
        err.print(f"{where}: conforms ({len(graph)} triples)", highlight=False)
        return
    click.echo(report)
    raise SystemExit(1)


@main.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder of a build: its store is served.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens it to the network).")
@click.option("--port", "-p", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update and Graph Store writes "
              "(the server then holds OUT's lock: no build can replace the store meanwhile).")
@click.option("--timeout", type=click.IntRange(1), default=60, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer (it is answered with HTTP 503).")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE clauses (federated query) call the hosts given with --service-host.")
@click.option("--service-host", "service_hosts", multiple=True, metavar="HOST[:PORT]",
              help="A host that SERVICE may call, with --allow-service; repeat for more.")
def serve(out_dir, host, port, allow_update, timeout, allow_service, service_hosts):
    """Serve the store as a SPARQL 1.1 Protocol endpoint (Oxigraph's server behind a guard
    that Parley runs), with a query page at / . Read-only unless --allow-update; no SERVICE
    calls unless --allow-service with --service-host. When a build replaces the store,
    new queries go to the new one; queries already running finish on the old one.

    \b
    Examples:
      kg serve                                   # http://127.0.0.1:7878/query
      kg serve --out /tmp/two --port 8000 --timeout 10
      kg serve --allow-service --service-host query.wikidata.org
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:7878/query
    """
    import signal

    from . import store as stores
    from .serve import Policy, ServeError, serve as run_server

    if allow_service and not service_hosts:
        fail("kg serve --allow-service needs the hosts SERVICE may call: add --service-host HOST "
             "(e.g. --service-host query.wikidata.org)")
    if service_hosts and not allow_service:
        fail("--service-host lets SERVICE call a host only with --allow-service: add it")
    try:
        stores.open_store(out_dir)  # recovers an interrupted swap, and says if there is none
    except StoreError as exc:
        fail(str(exc))
    if allow_update:
        lock_folder(out_dir, "kg serve --allow-update", wait=False)
    policy = Policy(allow_update=allow_update, allow_service=allow_service,
                    service_hosts=frozenset(service_hosts), timeout=timeout)
    mode = "read-write" if allow_update else "read-only"
    calls = f"SERVICE to {', '.join(service_hosts)}" if allow_service else "no SERVICE"
    shown = f"[{host}]" if ":" in host else host

    def ready() -> None:
        err.print(f"SPARQL endpoint ({mode}, {calls}, {timeout} s a query): http://{shown}:{port}/query"
                  f"   query page: http://{shown}:{port}/   (Ctrl+C stops it)", highlight=False)

    def log(message: str) -> None:
        err.print(f"kg serve: {escape(message)}", highlight=False)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the servers behind the guard too
    try:
        run_server(out_dir, host, port, policy, on_ready=ready, log=log)
    except ServeError as exc:
        raise Failure(str(exc)) from None


@main.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="A SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://localhost:7878/store.")
@source_options
@click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="An HTTP header to send, e.g. 'Authorization: Bearer ...'.")
@click.option("--timeout", type=float, default=120, show_default=True, metavar="SECONDS",
              help="Give up on a request that takes longer.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def push(endpoint, out_dir, graph_path, headers, timeout, quiet):
    """Send the graph to a SPARQL 1.1 Graph Store Protocol endpoint (Oxigraph, Fuseki,
    GraphDB, Virtuoso, Neptune, QLever...): each article's named graph, and the shared
    default graph, replaced whole (HTTP PUT), so pushing again updates what changed.

    \b
    Examples:
      kg push --endpoint http://localhost:7878/store
      kg push --endpoint https://db.example.org/repositories/news/rdf-graphs/service \\
              --header 'Authorization: Bearer TOKEN'
    """
    from . import store as stores
    from .push import PushError, check_endpoint, check_headers, graph_payloads, put_graph

    header_map = {}
    for item in headers:
        name, sep, value = item.partition(":")
        if not sep or not name.strip():
            fail(f"--header takes 'NAME: VALUE', not '{item}'")
        header_map[name.strip()] = value.strip()
    if not 0 < timeout < 1e7:
        fail("--timeout takes a positive number of seconds")
    try:
        check_endpoint(endpoint)
        check_headers(header_map)
    except PushError as exc:
        fail(str(exc))
    if graph_path is not None:
        store = stores.from_graph(open_rdflib(out_dir, graph_path))
    else:
        store = open_source(out_dir, None)
    payloads = graph_payloads(store)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("Pushing graphs", total=len(payloads))
        for graph_name, body in payloads:
            try:
                put_graph(endpoint, graph_name, body, headers=header_map, timeout=timeout)
            except PushError as exc:
                raise Failure(str(exc)) from None
            progress.advance(task)
    if not quiet:
        err.print(f"pushed {len(payloads)} graphs ({len(store)} triples) to {endpoint}", highlight=False)


def run() -> None:
    """Entry point that keeps tracebacks away from users (set PARLEY_DEBUG=1 to see them)."""
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for debugging
        if os.environ.get("PARLEY_DEBUG"):
            raise
        err.print(f"[bold red]Internal error:[/] {type(exc).__name__}: {escape(str(exc))} "
                  "(set PARLEY_DEBUG=1 for the traceback)", highlight=False)
        sys.exit(1)
