"""Every HTML page shares one layout: the same navigation, with the page's own entry marked, in the page's
language, and a switch to the same page in the other language."""

from __future__ import annotations

import re

import pytest

NAV = [
    ("/", "LIRES Graph"),
    ("/viz/graph", "Netwerk"),
    ("/viz/explorer", "Verkenner"),
    ("/viz/gaps", "Lacunes"),
    ("/viz/plan", "Wat als?"),
    ("/viz/synergies", "Synergieën"),
    ("/viz/paths", "Verbindingen"),
    ("/viz/brokers", "Bemiddelaars"),
    ("/viz/map", "Kaart"),
    ("/sparql", "SPARQL"),
    ("/dataset", "Dataset"),  # the vocabulary (/ns) is one click further, from the dataset page
    ("/docs", "API"),
]
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def navigation(html: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(href, text) of the page's navigation links, and the hrefs marked as the current page."""
    nav = re.search(r'<header class="site"><nav[^>]*>(.*?)</nav>', html, re.S).group(1)
    links = LINK.findall(nav)
    return [(href, text) for href, _, text in links], [href for href, current, _ in links if current]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "/"),
        ("/viz/graph", "/viz/graph"),
        ("/viz/explorer", "/viz/explorer"),
        ("/viz/gaps", "/viz/gaps"),
        ("/viz/plan", "/viz/plan"),
        ("/viz/synergies", "/viz/synergies"),
        ("/viz/paths", "/viz/paths"),
        ("/viz/brokers", "/viz/brokers"),
        ("/viz/map", "/viz/map"),
        ("/sparql", "/sparql"),
        ("/dataset", "/dataset"),
        ("/ns", None),
        ("/doc/municipality/71016", None),
    ],
)
def test_every_page_has_the_one_navigation(client, path, current):
    html = client.get(path, headers={"Accept": "text/html"}).text
    assert html.count("<header") == 1 and html.startswith("<!doctype html>")
    links, marked = navigation(html)
    assert links == NAV
    assert marked == ([current] if current else [])


def test_english_navigation_and_switch_back(client):
    response = client.get("/viz/gaps?year=2018&lang=en")
    client.cookies.clear()  # the session's client is shared: leave it Dutch
    assert "lang=en" in response.headers["set-cookie"]
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response.headers["vary"].split(",")}
    html = response.text
    links, marked = navigation(html)
    assert [text for _, text in links] == [
        "LIRES Graph",
        "Network",
        "Explorer",
        "Gaps",
        "What if?",
        "Synergies",
        "Connections",
        "Brokers",
        "Map",
        "SPARQL",
        "Dataset",
        "API",
    ]
    assert marked == ["/viz/gaps"]
    assert '<html lang="en">' in html
    assert 'href="/viz/gaps?year=2018&amp;lang=nl" hreflang="nl" lang="nl" id="language-switch">Nederlands</a>' in html
