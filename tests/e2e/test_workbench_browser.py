"""The strategist's workbench as a person uses it, in headless Chromium on the real data: search from the top
bar, the results page with a facet, switching language, and the 2018 view. No request leaves 127.0.0.1 and no
console error occurs."""

from __future__ import annotations

import re

import pytest

from tests.support import assert_offline_and_clean, opened

pytestmark = pytest.mark.browser


def test_type_sint_truiden_and_choose_the_suggestion(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/viz/gaps")
    box = page.locator("#site-search")
    box.type("sint truiden", delay=30)
    listbox = page.locator("#site-search-list")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    first = listbox.locator("[role=option]").first
    assert first.text_content() == "Sint-Truiden"
    assert listbox.locator("[role=group] > span").first.text_content() == "gemeente"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/doc/municipality/71053$"))
    assert page.locator("h1").text_content() == "Sint-Truiden"
    assert_offline_and_clean(browser_page)


def test_escape_closes_and_enter_opens_the_results_page_with_a_facet(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/")
    box = page.locator("#site-search")
    box.type("genk", delay=30)
    page.locator("#site-search-list").wait_for(state="visible")
    box.press("Escape")
    assert page.locator("#site-search-list").is_hidden() and box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/entities\?q=genk$"))
    assert page.locator("#results h1").text_content().startswith("Resultaten voor ‘genk’")
    types = {t.text_content() for t in page.locator("#results td.type").all()}
    assert {"gemeente", "organisatie", "project"} <= types
    page.select_option("select[name=type]", "project")
    page.wait_for_url(re.compile(r"type=project"))
    types = {t.text_content() for t in page.locator("#results td.type").all()}
    assert types == {"project"}
    assert page.locator("#results td a").first.text_content().startswith("Genk")
    assert_offline_and_clean(browser_page)


def test_switch_to_english_and_back_is_remembered(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/doc/organisation/stad-genk")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("text=stads- of gemeentebestuur").count() == 1
    page.click("#language-switch")
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("text=city or municipal government").count() == 1
    page.goto(f"{live_server}/viz/explorer", wait_until="networkidle")  # no parameter: the cookie remembers
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("header nav a[href='/viz/gaps']").text_content() == "Gaps"
    page.click("#language-switch")
    page.wait_for_url(re.compile(r"lang=nl"))
    page.goto(f"{live_server}/", wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("header nav a[href='/viz/gaps']").text_content() == "Lacunes"
    assert_offline_and_clean(browser_page)


def test_year_2018_shows_neerpelt_and_not_pelt(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/viz/explorer?year=2018")
    page.wait_for_selector("body[data-ready=true]")
    names = {o.text_content() for o in page.locator("#focus option").all()}
    assert {"Neerpelt", "Overpelt"} <= names and "Pelt" not in names
    page.goto(f"{live_server}/viz/explorer", wait_until="networkidle")
    names = {o.text_content() for o in page.locator("#focus option").all()}
    assert "Pelt" in names and "Neerpelt" not in names
    assert_offline_and_clean(browser_page)
