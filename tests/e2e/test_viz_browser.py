"""/viz/graph in headless Chromium, served by uvicorn on 127.0.0.1: drawn, offline, interactive, escaped."""

from __future__ import annotations

import pytest

from tests.support import BASE, PAYLOAD, WatchedPage

pytestmark = pytest.mark.browser

PAINTED = """() => {
  const canvas = document.querySelector("#network canvas");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) painted += pixels[i] > 0;
  return painted / (canvas.width * canvas.height);
}"""
"""Share of the network canvas that vis-network painted (the canvas is transparent where nothing is drawn)."""


def open_network(watched: WatchedPage, base_url: str) -> None:
    """Load the page and wait until it is drawn (positions come from the server, physics is off)."""
    watched.page.goto(f"{base_url}/viz/graph")
    watched.page.wait_for_selector("body[data-ready]", timeout=60_000)


def pointer(watched: WatchedPage, node: str) -> tuple[float, float]:
    """Centre the view on ``node`` (zoomed in) and return where it is on the page."""
    page = watched.page
    page.evaluate("id => network.focus(id, {scale: 1.5, animation: false})", node)
    spot = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", node)
    box = page.locator("#network").bounding_box()
    return box["x"] + spot["x"], box["y"] + spot["y"]


def hover(watched: WatchedPage, node: str) -> str:
    """Point at ``node`` and return its tooltip's text."""
    watched.page.mouse.move(*pointer(watched, node))
    tooltip = watched.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    return tooltip.inner_text()


def test_network_is_drawn_offline_without_errors(live_server: str, browser_page: WatchedPage) -> None:
    open_network(browser_page, live_server)
    assert browser_page.page.evaluate(PAINTED) > 0.01
    assert browser_page.page.locator("#legend input").count() == 9
    assert browser_page.console_errors == []
    assert any(url.startswith(f"{live_server}/viz/graph") for url in browser_page.requests)
    assert browser_page.foreign_requests() == []


def test_nodes_stay_where_the_server_placed_them(live_server: str, browser_page: WatchedPage) -> None:
    open_network(browser_page, live_server)
    page = browser_page.page
    sent = page.evaluate(  # vis-network places a node on the whole pixel (truncates)
        "Object.fromEntries(data.nodes.map(n => [n.id, {x: Math.trunc(n.x), y: Math.trunc(n.y)}]))"
    )
    assert len(sent) == page.evaluate("nodes.length") > 100
    assert page.evaluate("network.physics.options.enabled") is False
    assert page.evaluate("network.getPositions()") == sent
    page.wait_for_timeout(1000)
    assert page.evaluate("network.getPositions()") == sent, "no node moved in the second after the page was ready"


def test_tooltip_shows_key_facts_in_dutch(live_server: str, browser_page: WatchedPage) -> None:
    open_network(browser_page, live_server)
    text = hover(browser_page, f"{BASE}id/municipality/71016")
    assert text.splitlines() == [
        "Genk",
        "type: gemeente",
        "NIS-code: 71016",
        "inwoners: 66.447 (op 2020-01-01)",
        "deelregio: Midden-Limburg (volgens een bron, middelhoog)",
    ]


def test_legend_hides_and_shows_a_type(live_server: str, browser_page: WatchedPage) -> None:
    open_network(browser_page, live_server)
    page = browser_page.page
    shown = page.evaluate("visible.length")
    page.locator('#legend input[data-type="Municipality"]').uncheck()
    assert page.evaluate("visible.length") == shown - 50
    page.locator('#legend input[data-type="Municipality"]').check()
    assert page.evaluate("visible.length") == shown


def test_double_click_opens_the_description(live_server: str, browser_page: WatchedPage) -> None:
    open_network(browser_page, live_server)
    page = browser_page.page
    with page.expect_navigation():
        page.mouse.dblclick(*pointer(browser_page, f"{BASE}id/municipality/71016"))
    assert page.url == f"{live_server}/doc/municipality/71016"
    assert page.locator("h1").inner_text() == "Genk"


def test_payload_in_a_name_shows_as_text(payload_server: str, browser_page: WatchedPage) -> None:
    open_network(browser_page, payload_server)
    page = browser_page.page
    assert hover(browser_page, f"{BASE}id/organisation/pom-limburg").splitlines()[0] == PAYLOAD
    assert page.evaluate(f"nodes.get('{BASE}id/organisation/pom-limburg').label") == PAYLOAD
    assert page.locator("img").count() == 0
    assert browser_page.dialogs == []
    assert browser_page.console_errors == []
    assert browser_page.foreign_requests() == []
