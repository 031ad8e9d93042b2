"""Measure the network page on the real data: render time, size, and time to a stable layout in Chromium.

Run: ``.venv/bin/python -m bench.viz_page`` (needs /usr/bin/chromium). Prints one line per figure.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph.build import build
from graph.network import to_networkx
from graph.settings import DEFAULT_BASE_IRI, default_data
from graph.store import open_current
from viz.network_page import page_html

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(repeats: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build(default_data(), Path(tmp), DEFAULT_BASE_IRI)
        graph = to_networkx(open_current(Path(tmp)).records, DEFAULT_BASE_IRI)
    renders = []
    for _ in range(repeats):
        started = time.perf_counter()
        html = page_html(graph)
        renders.append(time.perf_counter() - started)
    print(f"render: median {statistics.median(renders) * 1000:.0f} ms over {repeats} runs")
    print(f"size: {len(html.encode()) / 1e6:.2f} MB")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        layouts = []
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.set_content(html)
            page.wait_for_selector("body[data-ready]", timeout=120_000)
            layouts.append(time.perf_counter() - started)
            page.close()
        browser.close()
    print(f"load to stable layout in Chromium: median {statistics.median(layouts):.2f} s over {repeats} runs")


if __name__ == "__main__":
    main()
