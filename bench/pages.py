"""Page benchmark: the network page (/viz/graph) with 200, 2,000 and 20,000 nodes in headless Chromium.

    python -m bench.pages --nodes 200 2000 20000

From one synthetic build large enough for the biggest page, each page shows a connected piece of
the network: the drawn entities nearest (breadth-first) to the best-connected project, with the
memberships and participations between them (drawn as edges). Per size it measures the server
side render (viz.network_page.page_html) and the HTML size, then in Chromium the time from
loading the HTML to the first interactive render -- the page's ``body[data-ready]``, set on its first
drawing (positions come from the server, physics is off) -- and the layout jitter: the largest move of
any node in the second after that (target: 2,000 nodes interactive in under 2 s, jitter 0 px). A render
or a page that takes longer than ``--timeout`` is reported as timed out. Prints one JSON line.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from bench.common import BASE_IRI, built, emit, parser
from graph.network import to_networkx
from graph.store import open_current
from ontology.vocab import vocabulary
from viz.i18n import Language
from viz.network_page import page_html

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
PROJECTS_PER_NODE = 0.75
"""Synthetic projects generated per page node wanted (a build has about 1.4 drawn nodes per project)."""
JITTER_WAIT_S = 1.0


def piece(graph: nx.MultiDiGraph, nodes: int) -> nx.MultiDiGraph:
    """The ``nodes`` drawn entities nearest the best-connected project, with the collapsed links among them."""
    undirected = graph.to_undirected(as_view=True)
    qualified = vocabulary().qualified_relations
    projects = [n for n, a in graph.nodes(data=True) if a.get("type") == "Project"]
    start = max(projects, key=lambda n: (undirected.degree(n), n))
    drawn: list[str] = []
    for node in nx.bfs_tree(undirected, start, sort_neighbors=sorted):  # the same piece in every process
        if graph.nodes[node]["type"] not in qualified:
            drawn.append(node)
            if len(drawn) == nodes:
                break
    if len(drawn) < nodes:
        raise ValueError(f"the build has only {len(drawn)} connected drawn nodes, fewer than {nodes}")
    chosen = set(drawn)
    links = [n for n, a in graph.nodes(data=True) if a.get("type") in qualified and set(undirected[n]) <= chosen]
    return graph.subgraph(chosen | set(links)).copy()


def _in_chromium(browser, html: str, timeout_s: float) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        started = time.perf_counter()
        page.set_content(html, timeout=timeout_s * 1000)
        try:
            page.wait_for_selector("body[data-ready]", timeout=timeout_s * 1000)
        except PlaywrightTimeout:
            return {"interactive_s": None, "timed_out_after_s": timeout_s}
        interactive = time.perf_counter() - started
        before = page.evaluate("network.getPositions()")
        page.wait_for_timeout(JITTER_WAIT_S * 1000)
        after = page.evaluate("network.getPositions()")
        jitter = max(abs(before[n]["x"] - after[n]["x"]) + abs(before[n]["y"] - after[n]["y"]) for n in before)
        return {"interactive_s": round(interactive, 2), "jitter_px": round(jitter, 2)}
    finally:
        page.close()


@contextmanager
def deadline(seconds: float):
    """Raise TimeoutError in this (main) thread if the block runs longer than ``seconds``."""

    def expire(*_):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _rendered(part: nx.MultiDiGraph, timeout_s: float) -> tuple[float, str | None]:
    """Seconds to render the page of ``part`` and its HTML (None when it took longer than ``timeout_s``)."""
    started = time.perf_counter()
    try:
        with deadline(timeout_s):
            html = page_html(part, Language())
    except TimeoutError:
        return time.perf_counter() - started, None
    return time.perf_counter() - started, html


def run(sizes: list[int], seed: int, work: Path, timeout_s: float) -> dict:
    """Measure one page per size; returns (and prints) the figures."""
    projects = max(100, int(max(sizes) * PROJECTS_PER_NODE))
    graph = to_networkx(open_current(built(work, projects, seed)).records, BASE_IRI)
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for size in sizes:
                part = piece(graph, size)
                render, html = _rendered(part, timeout_s)
                figures[str(size)] = {"edges": part.number_of_edges(), "render_s": round(render, 3)}
                if html is None:
                    figures[str(size)]["render_timed_out"] = True
                    continue
                figures[str(size)] |= {
                    "html_mb": round(len(html.encode()) / 1e6, 2),
                    **_in_chromium(browser, html, timeout_s),
                }
        finally:
            browser.close()
    return emit("pages", projects=projects, pages=figures, target_2000_interactive_s=2.0)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--nodes N [N ...] --timeout S``."""
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--nodes", type=int, nargs="+", default=[200, 2_000, 20_000], help="page sizes in nodes")
    p.add_argument(
        "--timeout",
        type=float,
        default=300,
        help="seconds allowed for rendering a page, and for it to become interactive",
    )
    args = p.parse_args(argv)
    run(args.nodes, args.seed, args.work, args.timeout)


if __name__ == "__main__":
    main()
