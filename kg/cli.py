"""The ``kg`` command: one verb a command, consistent options, table/CSV/JSON output.

    kg build seeds/ --out output/          articles -> output/graph.ttl + graph.html
    kg query rejections                    a bundled query over output/graph.ttl
    kg query 'SELECT ...' --format csv     any SPARQL, as CSV
    kg export --format jsonld -o graph.jsonld
    kg render                              graph.html again from graph.ttl
    kg validate                            check the graph against the SHACL shapes
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from . import __version__
from .articles import ArticleError, find_files, read_articles
from .fileio import write_atomic
from .nlp import ModelError, default_model
from .query import (QueryError, bundled, is_update, load_graph, query as run_query, query_text,
                    short, to_csv, to_json, update)

DEFAULT_OUT = Path("output")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
#: Export format names users type -> rdflib's serializer names.
EXPORT_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "xml": "xml",
                  "n3": "n3", "nquads": "nquads"}

err = Console(stderr=True, soft_wrap=True)
# Piped output keeps whole rows on one line; a terminal wraps to its width.
out = Console() if sys.stdout.isatty() else Console(width=1000)


class UsageProblem(click.ClickException):
    """Bad input from the user: a message and exit code 2, never a traceback."""

    exit_code = 2

    def show(self, file=None) -> None:
        err.print(f"[bold red]Error:[/] {escape(self.message)}", highlight=False)


def fail(message: str) -> None:
    raise UsageProblem(message)


graph_option = click.option("--graph", "graph_path", type=click.Path(path_type=Path),
                            default=DEFAULT_GRAPH, show_default=True,
                            help="RDF file to read (any format rdflib knows).")


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
              show_default=True, help="Folder for graph.ttl and graph.html.")
@click.option("--model", default=None, help=f"spaCy pipeline to use [default: {default_model()}; "
              "or $PARLEY_MODEL]: any installed one, e.g. en_core_web_md, en_core_web_trf.")
@click.option("--base", default=None, help="Base IRI for minted resources "
              "[default: https://w3id.org/parley/id/].")
@click.option("--no-html", is_flag=True, help="Write only the Turtle graph.")
@click.option("--strict", is_flag=True, help="Fail when any input file is skipped.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(inputs, out_dir, model, base, no_html, strict, quiet):
    """Build the graph from article files or folders of them (.txt, .md, .html).

    \b
    Examples:
      kg build seeds/ --out output/
      kg build article1.txt article2.txt --out /tmp/two
      kg build corpus/ --model en_core_web_md --no-html
    """
    from .nlp import load
    from .pipeline import parse
    from .rdf import to_graph
    from .resolve import resolve

    try:
        files = find_files(inputs)
    except ArticleError as exc:
        fail(str(exc))
    if not files:
        fail(f"no article files (.txt, .md, .html) in {', '.join(map(str, inputs))}")
    try:
        nlp = load(model)
    except ModelError as exc:
        fail(str(exc))
    skipped: list[str] = []
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("Parsing articles", total=len(files))
        results = parse(read_articles(files, skipped), nlp,
                        on_article=lambda _a: progress.advance(task), errors=skipped)
        progress.update(task, completed=len(files))
    if strict and skipped:
        fail("skipped inputs (--strict):\n  " + "\n  ".join(skipped))
    if not results:
        fail("no readable articles:\n  " + "\n  ".join(skipped))
    resolved = resolve(results)
    graph = to_graph(resolved, base)
    for stale in out_dir.glob(".graph.*.tmp"):
        stale.unlink(missing_ok=True)  # left by a build that was killed while writing
    ttl_path = out_dir / "graph.ttl"
    write_atomic(ttl_path, graph.serialize(format="turtle"))
    written = [str(ttl_path)]
    if not no_html:
        from .render import render_html

        html_path = out_dir / "graph.html"
        plural = "" if len(results) == 1 else "s"
        render_html(graph, html_path, title=f"Parley graph: {len(results)} article{plural}")
        written.append(str(html_path))
    if not quiet:
        summarize(resolved, skipped, written)


def summarize(resolved, skipped: list[str], written: list[str]) -> None:
    actors = Counter(a.kind for a in resolved.actors.values())
    events = Counter(e.kind for e in resolved.events)
    table = RichTable(title="Parley build", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(len(resolved.articles)))
    for kind in ("person", "country", "organization", "news_outlet", "group"):
        table.add_row(f"  actors: {kind}", str(actors.get(kind, 0)))
    for kind in ("Meeting", "Proposal", "Rejection", "Demand", "Statement"):
        table.add_row(f"  events: {kind}", str(events.get(kind, 0)))
    err.print(table)
    for line in skipped:
        err.print(f"[yellow]skipped:[/] {escape(line)}", highlight=False)
    for path in written:
        err.print(f"wrote {path}", highlight=False)


@main.command()
@click.argument("query_spec", metavar="QUERY", required=False)
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable of the query, e.g. --param name=Lavrov.")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries.")
@click.option("--timeout", type=float, default=60, show_default=True, metavar="SECONDS",
              help="Stop a query that runs longer (0: no limit).")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update (INSERT/DELETE ...) and write the changed graph back.")
def query(query_spec, graph_path, fmt, params, list_queries, timeout, allow_update):
    """Run SPARQL: the name of a bundled query, a .rq file, or the query text.

    \b
    Examples:
      kg query --list
      kg query rejections
      kg query actor --param name=Lavrov --format json
      kg query my-query.rq --graph other.ttl --format csv
      kg query 'SELECT ?s WHERE { ?s a <https://w3id.org/parley/ontology#Meeting> }'
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
    try:
        graph = load_graph(graph_path)
        if allow_update and is_update(query_text(query_spec)):
            update(graph, query_spec)
            write_atomic(graph_path, graph.serialize(format="turtle"))
            err.print(f"updated {graph_path} ({len(graph)} triples)", highlight=False)
            return
        table = run_query(graph, query_spec, bindings, timeout=timeout)
    except QueryError as exc:
        fail(str(exc))
    if fmt == "csv":
        click.echo(to_csv(table), nl=False)
    elif fmt == "json":
        click.echo(to_json(table))
    else:
        rich_table = RichTable(show_lines=False)
        for column in table.columns:
            rich_table.add_column(column, overflow="fold")
        for row in table.rows:
            rich_table.add_row(*[short(v) for v in row])
        out.print(rich_table)
        err.print(f"{len(table.rows)} rows", highlight=False)


@main.command()
@graph_option
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="turtle",
              show_default=True)
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), default=None,
              help="File to write [default: standard output].")
def export(graph_path, fmt, output):
    """Write the graph in another RDF format.

    \b
    Examples:
      kg export --format jsonld -o output/graph.jsonld
      kg export --format nt > graph.nt
    """
    try:
        graph = load_graph(graph_path)
    except QueryError as exc:
        fail(str(exc))
    if fmt in ("trig", "nquads"):
        # Quad formats: the whole graph as one named graph.
        from rdflib import Dataset

        from .rdf import KGR

        dataset = Dataset()
        for prefix, ns in graph.namespaces():
            dataset.bind(prefix, ns)
        named = dataset.graph(KGR["graph"])
        for triple in graph:
            named.add(triple)
        text = dataset.serialize(format=EXPORT_FORMATS[fmt])
    else:
        text = graph.serialize(format=EXPORT_FORMATS[fmt])
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        err.print(f"wrote {output}", highlight=False)


@main.command()
@graph_option
@click.option("--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="HTML file to write [default: graph.html beside the graph].")
@click.option("--title", default="Parley graph", show_default=True)
def render(graph_path, out_file, title):
    """Write the interactive HTML network of an existing graph.

    \b
    Examples:
      kg render
      kg render --graph other.ttl --out /tmp/other.html
    """
    from .render import render_html

    try:
        graph = load_graph(graph_path)
    except QueryError as exc:
        fail(str(exc))
    target = out_file or graph_path.with_suffix(".html")
    render_html(graph, target, title=title)
    err.print(f"wrote {target}", highlight=False)


@main.command()
@graph_option
def validate(graph_path):
    """Check a graph against Parley's SHACL shapes (ontology/shapes.ttl).

    \b
    Example:
      kg validate --graph output/graph.ttl
    """
    from .rdf import validate as shacl_validate

    try:
        graph = load_graph(graph_path)
    except QueryError as exc:
        fail(str(exc))
    conforms, report = shacl_validate(graph)
    if conforms:
        err.print(f"{graph_path}: conforms ({len(graph)} triples)", highlight=False)
        return
    click.echo(report)
    raise SystemExit(1)


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
