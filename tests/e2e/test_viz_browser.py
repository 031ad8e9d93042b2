"""/viz/graph in headless Chromium, served by uvicorn on 127.0.0.1: the overview draws offline, opens a group on a
click, never lets two names overlap at the zoom shown (and shows more as you zoom in), and keeps names as text."""

from __future__ import annotations

import itertools

import pytest

from tests.support import PAYLOAD, WatchedPage, assert_offline_and_clean

pytestmark = pytest.mark.browser

BOXES = """() => [...document.querySelectorAll('#labels text')].map(t => {
  const b = t.getBoundingClientRect(); return [t.dataset.id, b.left, b.top, b.right, b.bottom];
})"""
"""Every name drawn, with its box on the screen."""


def open_overview(watched: WatchedPage, url: str):
    page = watched.page
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    return page


ON_SCREEN = """() => {
  const area = document.getElementById('network').getBoundingClientRect();
  return [...document.querySelectorAll('#network .dot')].filter(d => {
    const b = d.getBoundingClientRect(), x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
    return x > area.left && x < area.right && y > area.top && y < area.bottom;
  }).map(d => d.dataset.id);
}"""
"""The dots whose centre is inside the picture."""


def named_share(page) -> float:
    """The share of the dots inside the picture that have their name drawn."""
    shown = page.evaluate(ON_SCREEN)
    return len(set(shown) & set(names(page))) / len(shown)


def names(page) -> dict[str, tuple[float, float, float, float]]:
    return {i: (a, b, c, d) for i, a, b, c, d in page.evaluate(BOXES)}


def overlapping(boxes) -> list[tuple[str, str]]:
    return [
        (p, q)
        for (p, a), (q, b) in itertools.combinations(boxes.items(), 2)
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]


def test_overview_draws_a_few_groups_offline_with_a_legend(live_server: str, browser_page: WatchedPage) -> None:
    page = open_overview(browser_page, f"{live_server}/viz/graph")
    dots = page.locator("#network .dot")
    assert 10 <= dots.count() <= 30
    assert page.locator("#network .dot.group").count() >= 8
    legend = page.locator("#legend li").all_inner_texts()
    assert {"Gemeente", "Organisatie", "Structuur", "Project", "Groep: klik om te openen"} <= set(legend)
    assert browser_page.ink() > 0.03
    assert_offline_and_clean(browser_page)


def test_the_overview_expands_a_group_on_click(live_server: str, browser_page: WatchedPage) -> None:
    page = open_overview(browser_page, f"{live_server}/viz/graph")
    group = page.locator('#network .dot[data-id="territory:unassigned"]')
    assert "niet toegewezen" in group.get_attribute("aria-label")
    group.click()
    page.wait_for_selector('#network .dot[data-id="municipality/73042"]')
    page.wait_for_function("() => document.body.dataset.views === '1'")
    assert page.locator('#network .dot[data-id="territory:unassigned"]').count() == 0
    assert "open=territory%3Aunassigned" in page.url
    assert page.locator("#opened li").all_inner_texts() == ["× niet toegewezen"]
    page.locator("#opened button.close").click()  # and closes again
    page.wait_for_selector('#network .dot[data-id="territory:unassigned"]')
    assert "open=" not in page.url
    assert_offline_and_clean(browser_page)


def test_names_never_overlap_and_more_appear_as_you_zoom_in(live_server: str, browser_page: WatchedPage) -> None:
    page = open_overview(browser_page, f"{live_server}/viz/graph?open=territory:unassigned,organisations:other")
    assert overlapping(names(page)) == []
    before = named_share(page)
    assert before < 1, "at this zoom some names wait for more room"
    for _ in range(2):
        page.locator("#zoom-in").click()
    assert overlapping(names(page)) == []
    assert named_share(page) > before, "zooming in shows names that had no room"
    page.locator("#zoom-fit").click()
    page.mouse.move(900, 500)
    for _ in range(6):
        page.mouse.wheel(0, -300)
    assert overlapping(names(page)) == []
    assert_offline_and_clean(browser_page)


def test_a_click_shows_facts_and_a_double_click_the_page(live_server: str, browser_page: WatchedPage) -> None:
    page = open_overview(browser_page, f"{live_server}/viz/explorer?focus=project/t2-campus")
    page.locator('#network .dot[data-id="organisation/stad-genk"]').click()
    info = page.locator("#info")
    assert info.locator("h2").inner_text() == "Stad Genk (incl. AGB Genk)"
    assert "soort\norganisatie" in info.inner_text()
    with page.expect_navigation():
        page.locator('#network .dot[data-id="project/t2-campus"]').dblclick()
    assert page.url == f"{live_server}/doc/project/t2-campus"
    assert_offline_and_clean(browser_page)


def test_a_payload_in_a_name_shows_as_text(payload_server: str, browser_page: WatchedPage) -> None:
    page = open_overview(browser_page, f"{payload_server}/viz/explorer?focus=organisation/pom-limburg")
    dot = page.locator('#network .dot[data-id="organisation/pom-limburg"]')
    assert dot.locator("title").text_content().splitlines()[0] == PAYLOAD
    assert page.locator("img").count() == 0 and browser_page.dialogs == []
    assert_offline_and_clean(browser_page)
