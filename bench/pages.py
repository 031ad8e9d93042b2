"""Page benchmark: the strategist's pages (overview /viz/graph, explorer /viz/explorer, synergy list
/viz/synergies) on synthetic data of 2,000 and 20,000 projects, first interactive time in headless Chromium.

    python -m bench.pages --projects 2000 20000

Per size, ``lires serve`` runs on the synthetic build (a child process on 127.0.0.1, as a user runs it); the
graph is loaded first (one request that reads the records), then each page is opened twice in a fresh tab: the
first time computes the scope's network, groups and suggestions (``cold``), the second finds them made
(``warm``). The time is from asking for the page to it being interactive: the network pages set
``body[data-ready]`` after their first drawing; the synergy list is interactive when it has loaded (it is plain
HTML). Also reported: the HTML size, and the dots the overview ships (server-side grouping: the browser receives
only what it draws). Target: under 2 s at 20,000 projects. Prints one JSON line.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import built, emit, parser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "overview": ("/viz/graph", "body[data-ready]"),
    "explorer": ("/viz/explorer", "body[data-ready]"),
    "synergies": ("/viz/synergies", "#kind-project"),
}
"""Page -> (path, the element whose presence says it is interactive)."""
TARGET_S = 2.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(store: Path, port: int) -> subprocess.Popen:
    lires = str(Path(sys.executable).with_name("lires"))
    server = subprocess.Popen(
        [lires, "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("lires serve did not start")


def _open(browser, url: str, ready: str, timeout_s: float) -> tuple[float, int, int]:
    """Seconds from asking for ``url`` to ``ready`` being on the page, the HTML's size in bytes, and the dots
    drawn (network pages)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        started = time.perf_counter()
        response = page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_selector(ready, state="attached", timeout=timeout_s * 1000)
        page.wait_for_load_state("load")
        seconds = time.perf_counter() - started
        size = len(response.body()) if response else 0
        return round(seconds, 2), size, page.locator("#network .dot").count()
    finally:
        page.close()


def run(sizes: list[int], seed: int, work: Path, timeout_s: float) -> dict:
    """Measure each page at each size; returns (and prints) the figures."""
    figures: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for projects in sizes:
                store = built(work, projects, seed)
                port = _free_port()
                server = _serve(store, port)
                base = f"http://127.0.0.1:{port}"
                try:
                    started = time.perf_counter()
                    urllib.request.urlopen(f"{base}/api/entities?limit=1", timeout=timeout_s).read()
                    size: dict[str, object] = {"graph_loaded_s": round(time.perf_counter() - started, 2)}
                    for name, (path, ready) in PAGES.items():
                        cold, html, dots = _open(browser, base + path, ready, timeout_s)
                        warm, _html, _dots = _open(browser, base + path, ready, timeout_s)
                        measured: dict[str, float] = {"cold_s": cold, "warm_s": warm, "html_kb": round(html / 1000, 1)}
                        if dots:
                            measured["dots"] = dots
                        size[name] = measured
                    figures[str(projects)] = size
                finally:
                    server.terminate()
                    server.wait(timeout=30)
        finally:
            browser.close()
    return emit("pages", pages=figures, target_interactive_s=TARGET_S)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N [N ...] --timeout S``."""
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--projects", type=int, nargs="+", default=[2_000, 20_000], help="synthetic projects")
    p.add_argument("--timeout", type=float, default=600, help="seconds allowed for any one page")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.timeout)


if __name__ == "__main__":
    main()
