"""Take the README's screenshot of the seeds' graph from the real page.

    .venv/bin/kg build seeds/ --out output/ && .venv/bin/python scripts/screenshot.py

Opens output/graph.html in headless Chromium (offline), searches for an actor so the
details panel is filled, and writes docs/seeds-graph.png.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, default=ROOT / "output" / "graph.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "seeds-graph.png")
    parser.add_argument("--search", default="Lavrov")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 860}, bypass_csp=True)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("window.parleyStable === true", timeout=120_000)
        page.evaluate("void window.parleyNetwork.fit()")
        page.fill("#search", args.search)
        page.wait_for_timeout(300)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
