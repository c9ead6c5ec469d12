"""The page in a real headless Chromium, offline: it renders, filters, finds and stays inert."""
import shutil
from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS, RDF

from kg.rdf import KG
from kg.render import render_html
from kg.views import actor_network
from test_render import KGR, XSS, accords_sample, sample, workbench_sample

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
    page.wait_for_function("() => window.parleyStable === true", timeout=120_000)
    return page, problems, requests


def switch(page, view: str) -> None:
    page.click(f"#view-{view}")
    page.wait_for_function("() => window.parleyStable === true", timeout=120_000)
    assert page.evaluate("window.parleyView") == view


def click(page, nodes=(), edges=()) -> str:
    """A click on nodes or edges as vis-network reports it; returns the panel's text."""
    page.evaluate("([nodes, edges]) => void window.parleyNetwork.body.emitter.emit('click', {nodes, edges})",
                  [list(nodes), list(edges)])
    return page.inner_text("#panel")


def shown(page, kind: str = "") -> set[str]:
    """Ids of the view's nodes the filters leave on show, short for the samples' kgr: IRIs."""
    ids = page.evaluate("() => window.parleyNodes.getIds({filter: n => !n.hidden})")
    return {i.removeprefix(KGR) for i in ids}


def shown_edges(page) -> set[tuple[str, str, str]]:
    edges = page.evaluate("() => window.parleyEdges.get({filter: e => !e.hidden})")
    return {(e["from"].removeprefix(KGR), e.get("relation") or e.get("role"), e["to"].removeprefix(KGR)) for e in edges}


#: Label boxes of the nodes on show whose label vis-network draws, and the pairs that overlap.
LABEL_BOXES = """() => {
  const net = window.parleyNetwork; net.redraw();
  const boxes = [];
  for (const id of window.parleyNodes.getIds({filter: n => !n.hidden})) {
    const label = net.body.nodes[id].labelModule;
    if (label.visible()) boxes.push({id, left: label.size.left, top: label.size.top,
                                     right: label.size.left + label.size.width, bottom: label.size.top + label.size.height});
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push([a.id, b.id]);
  }
  return {labels: boxes.length, overlaps};
}"""


def test_seeds_page_renders_offline_with_every_node(browser, seeds_build, seeds_graph):
    page, problems, requests = open_page(browser, seeds_build / "graph.html")
    switch(page, "events")
    actors = {s for c in (KG.Person, KG.Country, KG.Organization, KG.Group) for s in seeds_graph.subjects(RDF.type, c)}
    events = {s for c in (KG.Meeting, KG.Proposal, KG.Rejection, KG.Demand, KG.Statement, KG.Acceptance,
                          KG.Agreement)
              for s in seeds_graph.subjects(RDF.type, c)}
    assert page.evaluate("window.parleyNodes.length") == len(actors | events)
    assert all(u.startswith("file://") for u in requests)
    assert problems == []


def test_filter_search_and_panel(browser, seeds_build):
    page, problems, _ = open_page(browser, seeds_build / "graph.html")
    switch(page, "events")
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
    switch(page, "events")
    assert page.evaluate(f"window.parleyNodes.get('{call}') !== null")  # one node for the call
    panel = click(page, nodes=[str(call)])
    assert "Reports (2 articles)" in panel
    for report in seeds_graph.objects(call, KG.report):  # each article, with its own sentence
        assert str(seeds_graph.value(seeds_graph.value(report, KG.source), DCTERMS.identifier)) in panel
        assert all(str(sentence) in panel for sentence in seeds_graph.objects(report, KG.evidence))
    assert problems == []


def test_acceptances_and_agreements_in_legend_filter_and_panel(browser, tmp_path):
    page, problems, _ = open_page(browser, render_html(accords_sample(), tmp_path / "accords.html"))
    switch(page, "events")
    legend = page.inner_text("#legend")
    assert "Acceptances" in legend and "Agreements" in legend
    for cls in ("acceptance", "agreement"):
        visible = f"window.parleyNodes.get({{filter: n => n.cls === '{cls}' && !n.hidden}}).length"
        assert page.evaluate(visible) == 1
        page.uncheck(f"#filter-{cls}")
        assert page.evaluate(visible) == 0
        page.check(f"#filter-{cls}")
    parties = "window.parleyEdges.get({filter: e => e.role === 'party'}).length"
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
    for view in ("actors", "events"):
        switch(page, view)
        for node in page.evaluate("window.parleyNodes.getIds()"):
            click(page, nodes=[node])
            assert page.locator("#panel a").count() == 0
        for edge in page.evaluate("window.parleyEdges.getIds()"):
            click(page, edges=[edge])
            assert page.locator("#panel a").count() == 0
    assert page.locator("#filter-article option").nth(1).inner_text().endswith("<script>window.__xss=1</script>")
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
    assert 0 < len(shown(page)) <= 80, "the actors view opens with the most active actors"
    node = page.evaluate("window.parleyNodes.getIds({filter: n => !n.hidden})[0]")
    click(page, nodes=[node])
    assert page.inner_text("#panel h2") == page.evaluate(f"window.parleyNodes.get({node!r}).label")
    switch(page, "events")
    assert page.evaluate("window.parleyNodes.length") == 5000
    click(page, nodes=[KGR + "bench/actor/0"])
    assert page.inner_text("#panel h2") == "Actor 0"
    assert problems == []


def test_actors_view_opens_with_relations_and_an_edge_lists_its_events(browser, seeds_build, seeds_graph):
    page, problems, _ = open_page(browser, seeds_build / "graph.html")
    assert page.evaluate("window.parleyView") == "actors"
    network = actor_network(seeds_graph)
    assert shown(page) == {iri.removeprefix(KGR) for iri in network}
    assert page.evaluate("window.parleyNodes.get({filter: n => n.cls === 'statement'}).length") == 0
    edges = page.evaluate("window.parleyEdges.get()")
    assert len(edges) == network.number_of_edges()
    busiest = max(edges, key=lambda e: len(e["events"]))
    panel = click(page, edges=[busiest["id"]])
    assert f"Events: {len(busiest['events'])}" in panel
    assert "Evidence" in panel and "Article" in panel
    for iri in busiest["events"]:
        label = page.evaluate(f"JSON.parse(document.getElementById('parley-data').textContent).details[{iri!r}].label")
        assert label in panel
    # The most active actor is the largest; statements are listed in its panel.
    sizes = {n["id"]: n["value"] for n in page.evaluate("window.parleyNodes.get()")}
    lavrov = KGR + "actor/sergey-lavrov"
    panel = click(page, nodes=[lavrov])
    said = network.nodes[lavrov]["statements"]
    assert said > 0 and f"Statements: {said}" in panel and "Quote" in panel
    assert sizes[lavrov] == network.nodes[lavrov]["events"]
    assert problems == []


def test_labels_never_overlap_on_the_seeds(browser, seeds_build):
    page, problems, _ = open_page(browser, seeds_build / "graph.html")
    for view in ("actors", "events"):
        switch(page, view)
        boxes = page.evaluate(LABEL_BOXES)
        assert boxes["labels"] == len(shown(page)), f"every label is drawn in the {view} view"
        assert boxes["overlaps"] == [], f"overlapping labels in the {view} view"
    assert problems == []


def entry(page, event: str):
    return page.locator(f'.tl-entry[data-id="{KGR}{event}"]')


def test_timeline_range_filters_both_views_and_a_click_selects(browser, tmp_path):
    page, problems, _ = open_page(browser, render_html(workbench_sample(), tmp_path / "w.html"))
    assert page.locator("#tl-track .tl-entry").count() == 6
    assert page.locator("#tl-undated-entries .tl-entry").count() == 1
    track = page.locator("#tl-track").bounding_box()
    start = entry(page, "p1").bounding_box()["x"] - 30   # after the January events
    end = entry(page, "d1").bounding_box()["x"] - 30     # before the demand of 20 June
    page.mouse.move(start, track["y"] + 5)
    page.mouse.down()
    page.mouse.move(end, track["y"] + 5, steps=5)
    page.mouse.up()
    assert page.input_value("#date-from").startswith("2024-0") and page.input_value("#date-to").startswith("2024-06")
    assert "3 of 7 events shown" in page.inner_text("#filter-status")
    assert shown_edges(page) == {("no", "proposed_to", "su"), ("su", "rejected_proposal_of", "no"),
                                 ("su", "met", "ve")}
    assert "dim" in entry(page, "m1").get_attribute("class") and "dim" not in entry(page, "r1").get_attribute("class")
    switch(page, "events")
    assert shown(page) >= {"p1", "r1", "m2"} and not shown(page) & {"m1", "d1", "s1", "s2"}
    # A click on an event of the timeline selects it in the network and shows it.
    entry(page, "r1").click()
    assert page.evaluate("window.parleyNetwork.getSelectedNodes()") == [KGR + "r1"]
    assert page.inner_text("#panel h2") == "Sudria rejects truce"
    switch(page, "actors")
    entry(page, "p1").click()
    selected = page.evaluate("window.parleyEdges.get(window.parleyNetwork.getSelectedEdges())")
    assert [(e["relation"], e["events"]) for e in selected] == [("proposed_to", [KGR + "p1"])]
    page.click("#date-clear")
    assert "7 of 7 events shown" in page.inner_text("#filter-status")
    assert problems == []


def test_filters_compose(browser, tmp_path):
    page, problems, _ = open_page(browser, render_html(workbench_sample(), tmp_path / "w.html"))
    page.uncheck("#filter-demand")
    assert ("os", "demanded_of", "su") not in shown_edges(page)
    page.select_option("#filter-article", label="a2 — Port deal")
    page.fill("#date-from", "2024-03-01")
    page.dispatch_event("#date-from", "change")
    page.fill("#search", "sudria")
    page.select_option("#neighbourhood", "1")
    # Article a2, no demand, from March, events of Sudria: the rejection and the June meeting.
    assert "2 of 7 events shown" in page.inner_text("#filter-status")
    assert shown(page) == {"su", "no", "ve"}
    assert shown_edges(page) == {("su", "rejected_proposal_of", "no"), ("su", "met", "ve")}
    switch(page, "events")
    assert shown(page) == {"su", "no", "ve", "r1", "m2"}
    page.select_option("#neighbourhood", "2")  # no other event of a2 from March: the same
    assert shown(page) == {"su", "no", "ve", "r1", "m2"}
    page.check("#filter-demand")
    assert shown(page) == {"su", "no", "ve", "os", "r1", "m2", "d1"}
    page.click("#clear-filters")
    page.fill("#search", "")
    assert "7 of 7 events shown" in page.inner_text("#filter-status")
    assert problems == []


def test_the_actors_view_lays_out_the_actors_in_enough_events(browser, tmp_path):
    page, problems, _ = open_page(browser, render_html(workbench_sample(), tmp_path / "w.html"))
    assert shown(page) == {"no", "su", "os", "ve", "ka"}
    page.fill("#min-events", "2")
    page.dispatch_event("#min-events", "change")
    page.wait_for_function("() => window.parleyStable === true")
    assert shown(page) == {"no", "su", "os"}
    assert {(a, b) for a, _, b in shown_edges(page)} == {("no", "su"), ("os", "su"), ("su", "no")}
    assert page.evaluate(LABEL_BOXES)["overlaps"] == []
    switch(page, "events")
    assert {"ve", "ka"} <= shown(page), "the events view shows every actor"
    assert problems == []


def test_hostile_titles_and_sentences_in_every_new_part_are_text(browser, tmp_path):
    path = render_html(workbench_sample(title_a1=XSS[1], evidence_r1=XSS[0] + XSS[1], label_su=XSS[1],
                                        quote_s1=XSS[1]), tmp_path / "x.html")
    page, problems, _ = open_page(browser, path)
    assert page.locator("#filter-article option").nth(1).inner_text() == "a1 — " + XSS[1]
    rejection = page.evaluate("window.parleyEdges.get({filter: e => e.relation === 'rejected_proposal_of'})[0].id")
    panel = click(page, edges=[rejection])
    assert XSS[0] + XSS[1] in panel and XSS[1] + " rejected the proposal of Norland" in panel
    assert page.locator("#panel a").count() == 0  # a javascript: address stays text
    assert XSS[1] in click(page, nodes=[KGR + "ka"])  # a statement listed in its speaker's panel
    assert entry(page, "r1").get_attribute("title").startswith("Sudria rejects truce")
    page.fill("#search", "img src")
    assert page.inner_text("#search-status") == XSS[1]
    page.select_option("#neighbourhood", "1")
    entry(page, "m2").click()
    switch(page, "events")
    entry(page, "r1").click()
    assert XSS[0] + XSS[1] in page.inner_text("#panel")
    assert page.locator("#app img").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert problems == []


def test_a_graph_without_events_opens_both_views(browser, tmp_path):
    from rdflib import Graph

    graph = Graph().parse(format="turtle", data=f"""
@prefix kg: <https://w3id.org/parley/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{KGR}xl> a kg:Country ; rdfs:label "Xland" .""")
    page, problems, _ = open_page(browser, render_html(graph, tmp_path / "quiet.html"))
    assert shown(page) == set()
    assert "0 of 0 events shown" in page.inner_text("#filter-status")
    switch(page, "events")
    assert shown(page) == {"xl"}
    assert problems == []
