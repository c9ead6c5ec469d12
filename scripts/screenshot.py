"""Take the README's screenshots of a build's page, from the real page.

    .venv/bin/kg build seeds/ --out output/ && .venv/bin/python scripts/screenshot.py
    .venv/bin/python scripts/screenshot.py --page guardian/graph.html --out docs/guardian-graph.png

Opens the page in headless Chromium (offline), waits for the actors view's layout, fills
the details panel with the events of its busiest relation (or with an actor found by
``--search``) and writes the picture (default docs/seeds-graph.png).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
BUSIEST_EDGE = """() => {
  const edges = window.parleyEdges.get({filter: e => !e.hidden});
  if (!edges.length) return null;
  const busiest = edges.reduce((a, b) => b.events.length > a.events.length ? b : a);
  window.parleyNetwork.selectEdges([busiest.id]);
  window.parleyNetwork.body.emitter.emit('click', {nodes: [], edges: [busiest.id]});
  return busiest.id;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=ROOT / "output" / "graph.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "seeds-graph.png")
    parser.add_argument("--search", help="find this actor (its panel) instead of showing the busiest relation")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("window.parleyStable === true", timeout=300_000)
        if args.search:
            page.fill("#search", args.search)
        else:
            page.evaluate(BUSIEST_EDGE)
        page.wait_for_timeout(300)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
