"""The page in a real headless Chromium, offline: it renders, filters, finds and stays inert."""
import shutil
from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, RDF

from kg.rdf import KG
from kg.render import render_html
from test_render import XSS, accords_sample, sample

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed: run make test")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium not installed: run make test, which installs it")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))

    def only_files(route):
        requests.append(route.request.url)
        return route.continue_() if route.request.url.startswith("file://") else route.abort()

    page.route("**/*", only_files)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.parleyNetwork !== undefined")
    return page, problems, requests


def test_seeds_page_renders_offline_with_every_node(browser, seeds_build, seeds_graph):
    page, problems, requests = open_page(browser, seeds_build / "graph.html")
    actors = {s for c in (KG.Person, KG.Country, KG.Organization, KG.Group) for s in seeds_graph.subjects(RDF.type, c)}
    events = {s for c in (KG.Meeting, KG.Proposal, KG.Rejection, KG.Demand, KG.Statement, KG.Acceptance,
                          KG.Agreement)
              for s in seeds_graph.subjects(RDF.type, c)}
    assert page.evaluate("window.parleyNodes.length") == len(actors | events)
    assert all(u.startswith("file://") for u in requests)
    assert problems == []


def test_filter_search_and_panel(browser, seeds_build):
    page, problems, _ = open_page(browser, seeds_build / "graph.html")
    visible = "window.parleyNodes.get({filter: n => n.cls === 'rejection' && !n.hidden}).length"
    assert page.evaluate(visible) > 0
    page.uncheck("#filter-rejection")
    assert page.evaluate(visible) == 0
    page.fill("#search", "lavrov")
    assert page.inner_text("#search-status") == "Sergey Lavrov"
    assert "Foreign Minister" in page.inner_text("#panel")
    event = page.evaluate("window.parleyNodes.get({filter: n => n.cls === 'rejection'})[0].id")
    page.evaluate(f"window.parleyNetwork.selectNodes(['{event}'])")
    page.evaluate(f"void window.parleyNetwork.body.emitter.emit('click', {{nodes: ['{event}'], edges: []}})")
    assert "Evidence" in page.inner_text("#panel") and "Article" in page.inner_text("#panel")
    assert problems == []


def test_an_event_several_articles_report_lists_each_report_in_the_panel(browser, seeds_build, seeds_graph):
    call = next(m for m in seeds_graph.subjects(RDF.type, KG.PhoneCall)
                if len(set(seeds_graph.objects(m, KG.report))) == 2)
    page, problems, _ = open_page(browser, seeds_build / "graph.html")
    assert page.evaluate(f"window.parleyNodes.get('{call}') !== null")  # one node for the call
    page.evaluate(f"void window.parleyNetwork.body.emitter.emit('click', {{nodes: ['{call}'], edges: []}})")
    panel = page.inner_text("#panel")
    assert "Reports (2 articles)" in panel
    for report in seeds_graph.objects(call, KG.report):  # each article, with its own sentence
        assert str(seeds_graph.value(seeds_graph.value(report, KG.source), DCTERMS.identifier)) in panel
        assert all(str(sentence) in panel for sentence in seeds_graph.objects(report, KG.evidence))
    assert problems == []


def test_acceptances_and_agreements_in_legend_filter_and_panel(browser, tmp_path):
    page, problems, _ = open_page(browser, render_html(accords_sample(), tmp_path / "accords.html"))
    legend = page.inner_text("#legend")
    assert "Acceptances" in legend and "Agreements" in legend
    for cls in ("acceptance", "agreement"):
        visible = f"window.parleyNodes.get({{filter: n => n.cls === '{cls}' && !n.hidden}}).length"
        assert page.evaluate(visible) == 1
        page.uncheck(f"#filter-{cls}")
        assert page.evaluate(visible) == 0
        page.check(f"#filter-{cls}")
    parties = "window.parleyEdges.get({filter: e => e.label === 'party'}).length"
    assert page.evaluate(parties) == 2
    page.evaluate("void window.parleyNetwork.body.emitter.emit('click', {nodes: ['https://w3id.org/parley/id/ac'], edges: []})")
    panel = page.inner_text("#panel")
    assert "ACCEPTANCE" in panel.upper() and "Accepted" in panel and "in part" in panel
    page.evaluate("void window.parleyNetwork.body.emitter.emit('click', {nodes: ['https://w3id.org/parley/id/ag'], edges: []})")
    panel = page.inner_text("#panel")
    assert "CAMEO code" in panel and "057" in panel and "Armenia and Azerbaijan agree" in panel
    assert problems == []


def test_hostile_names_and_quotes_run_nothing(browser, tmp_path):
    path = render_html(sample(label_a=XSS[1], quote=XSS[0] + XSS[1]), tmp_path / "x.html", title=XSS[0])
    page, problems, _ = open_page(browser, path)
    page.fill("#search", "img src")
    page.evaluate("void window.parleyNetwork.body.emitter.emit('click', {nodes: ['https://w3id.org/parley/id/s'], edges: []})")
    assert XSS[0] in page.inner_text("#panel")
    page.evaluate("void window.parleyNetwork.body.emitter.emit('click', {nodes: ['https://w3id.org/parley/id/m'], edges: []})")
    assert page.locator("#panel a").count() == 0  # a javascript: address is shown as text, not linked
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.title() == XSS[0]
    assert problems == []


def test_a_crafted_article_runs_no_script(browser, tmp_path):
    """Hostile text through the whole product: article -> kg build -> page."""
    from conftest import run_kg

    source = tmp_path / "in"
    source.mkdir()
    (source / "crafted.txt").write_text(
        "---\ntitle: <script>window.__xss=1</script>\nurl: javascript:window.__xss=1\n---\n"
        "“<img src=x onerror=\"window.__xss=1\"> will never be accepted,” Foreign Minister "
        "Jane Doe said.\n\nJane Doe rejected the <script>window.__xss=1</script> plan on Monday.\n",
        encoding="utf-8")
    run_kg("build", str(source), "--out", str(tmp_path / "out"), check=True)
    page, problems, _ = open_page(browser, tmp_path / "out" / "graph.html")
    for node in page.evaluate("window.parleyNodes.getIds()"):
        page.evaluate(f"void window.parleyNetwork.body.emitter.emit('click', {{nodes: [{node!r}], edges: []}})")
        assert page.locator("#panel a").count() == 0
    statement = page.evaluate("window.parleyNodes.get({filter: n => n.cls === 'statement'})[0].id")
    page.evaluate(f"void window.parleyNetwork.body.emitter.emit('click', {{nodes: [{statement!r}], edges: []}})")
    assert '<img src=x onerror="window.__xss=1">' in page.inner_text("#panel")  # shown, as text
    assert page.title() == "Parley graph: 1 article"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert problems == []


def test_five_thousand_nodes_open_and_answer_a_click(browser, tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from render_bench import synthetic_graph

    path = render_html(synthetic_graph(5000), tmp_path / "big.html")
    page, problems, _ = open_page(browser, path)
    page.wait_for_function("() => window.parleyStable === true", timeout=120_000)
    assert page.evaluate("window.parleyNodes.length") == 5000
    node = page.evaluate("window.parleyNodes.getIds()[0]")
    page.evaluate(f"void window.parleyNetwork.body.emitter.emit('click', {{nodes: [{node!r}], edges: []}})")
    assert page.inner_text("#panel h2") == "Actor 0"
    assert problems == []
