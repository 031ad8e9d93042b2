"""The strategist's workbench as a person uses it, in headless Chromium on the real data: search from the top
bar, the results page with a facet, switching language, and the 2018 view. No request leaves 127.0.0.1 and no
console error occurs."""

from __future__ import annotations

import re

import pytest

from graph.analysis.objectives import lineage
from records.model import Key
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
    page = opened(browser_page, f"{live_server}/viz/explorer?year=2018&open=territory:noord-limburg")
    page.wait_for_selector("body[data-ready=true]")
    names = {d.get_attribute("aria-label") for d in page.locator("#network .dot.entity").all()}
    assert {"Neerpelt", "Overpelt"} <= names and "Pelt" not in names
    page.goto(f"{live_server}/viz/explorer?open=territory:noord-limburg", wait_until="networkidle")
    names = {d.get_attribute("aria-label") for d in page.locator("#network .dot.entity").all()}
    assert "Pelt" in names and "Neerpelt" not in names
    assert_offline_and_clean(browser_page)


def test_open_the_synergy_list_and_filter_by_subregion(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/")
    page.locator("#questions a[href='/viz/synergies']").click()
    page.wait_for_url(re.compile(r"/viz/synergies$"))
    assert page.locator("h1").inner_text() == "Wie kan samenwerken?"
    first = page.locator("#kind-project tbody tr").first
    assert first.locator("td.why").inner_text().startswith("Ze delen partners De Vlaamse Waterweg nv, Vlaamse Regering")
    assert page.locator("#nested tbody tr").count() == 15, "Terhills and its resort, ..., Humin and Humin 2011-2013"
    page.select_option("select[name=subregion]", "unassigned")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"subregion=unassigned"))
    assert page.locator("select[name=subregion]").input_value() == "unassigned"
    assert page.locator("#kind-project tbody tr").count() > 0
    page.select_option("select[name=subregion]", "noord-limburg")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"subregion=noord-limburg"))
    assert page.locator("#kind-project h2").inner_text() == "Projecten (22)"  # of the EFRO list, in Bree, Lommel...
    page.select_option("select[name=subregion]", "maasland")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"subregion=maasland"))
    # no source places a municipality in Maasland
    assert page.locator("#kind-project p").inner_text() == "Geen voorstellen voor deze filters."
    with page.expect_navigation():
        page.locator("header nav a[href='/viz/synergies']").click()
    with page.expect_navigation():
        page.locator("#kind-project a.explore").first.click()
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#network line.synergy").count() >= 1
    assert_offline_and_clean(browser_page)


def pick(page, field: str, typed: str, wanted: str) -> None:
    """Type ``typed`` into the paths page's ``field`` and choose the suggestion ``wanted``."""
    page.locator(f"#{field}-name").type(typed, delay=30)
    option = page.locator(f"#{field}-list li", has_text=wanted).first
    option.wait_for(state="visible")
    option.click()
    assert page.locator(f"#{field}-name").input_value() == wanted


def test_path_from_stad_genk_to_uhasselt(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/doc/organisation/stad-genk")
    page.locator("#workbench-links a[href^='/viz/paths']").click()
    page.wait_for_url(re.compile(r"/viz/paths\?from=organisation/stad-genk$"))
    assert page.locator("#from-name").input_value() == "Stad Genk (incl. AGB Genk)"
    pick(page, "to", "uhasselt", "UHasselt (Universiteit Hasselt)")
    page.click("#ends button[type=submit]")
    page.wait_for_url(re.compile(r"to=organisation%2Fuhasselt|to=organisation/uhasselt"))
    paths = page.locator("#paths > li")
    assert 1 <= paths.count() <= 3
    chain = " ".join(paths.first.locator(".chain").inner_text().split())
    assert chain == (
        "Stad Genk (incl. AGB Genk) organisatie — bestuurt — Genk gemeente — locatie van — "
        "EnergyVille research centre (Thor Park) project — partner — UHasselt (Universiteit Hasselt) organisatie"
    )
    with page.expect_navigation():
        paths.first.locator("a.entity").nth(2).click()
    assert page.locator("h1").inner_text() == "EnergyVille research centre (Thor Park)"
    assert_offline_and_clean(browser_page)


def test_click_a_municipality_on_the_map(browser_page, live_server, records):
    page = opened(browser_page, f"{live_server}/viz/map")
    places = page.locator("#map a.place")
    assert places.count() == 38, "every municipality of today: 34 at their centre, 4 merged in 2025 between theirs"
    assert page.locator("#map a.place circle.derived").count() == 4
    assert page.locator("#legend li").all_inner_texts()[:3] == ["Noord-Limburg", "Midden-Limburg", "niet toegewezen"]
    with page.expect_navigation():
        page.locator('#map a.place[data-id="municipality/71016"]').click()
    assert page.url == f"{live_server}/doc/municipality/71016"
    assert page.locator("h1").inner_text() == "Genk"
    page.goto(f"{live_server}/viz/map?objective=salk-1-6", wait_until="networkidle")
    covered = {
        a.get_attribute("data-id")
        for a in page.locator("#map a.place").all()
        if a.locator("circle").first.get_attribute("fill") != "#ffffff"
    }
    serving = [  # projects on SALK 1.6 or on one of its sub-actions (1.6.1 ... 1.6.5)
        p
        for p in records.values()
        if p.key.type == "Project"
        and any(Key("Objective", "salk-1-6") in lineage(records, o) for o in p.many("serves", Key))
    ]
    assert covered == {f"municipality/{m.ref}" for p in serving for m in p.many("at_location", Key)}
    assert "municipality/71016" in covered  # Thor Park Genk
    assert_offline_and_clean(browser_page)


def test_the_front_page_answers_questions_and_says_what_is_missing(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/")
    assert page.locator("h1").inner_text() == "Wie werkt met wie in Limburg?"
    assert page.locator("#questions a").count() == 7
    assert page.locator("#small-map a.place").count() == 38
    panel = page.locator("#completeness")
    assert panel.locator("#missing-subregion strong").inner_text() == "25 van de 38 gemeenten hebben geen deelregio."
    assert (
        panel.locator("#missing-objective strong").inner_text() == "97 van de 201 projecten hebben geen doelstelling."
    )
    assert "Lidmaatschap" not in page.content() and "Bron (" not in page.content()
    box = page.locator("#home-search")
    box.type("thor park genk", delay=30)  # "thor park" alone finds the objective Thorpark (SALK 1.6.4) first
    page.locator("#home-search-list [role=option]").first.wait_for(state="visible")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/doc/project/thor-park$"))
    assert_offline_and_clean(browser_page)


def test_the_workbench_pages_in_english(browser_page, live_server):
    page = opened(browser_page, f"{live_server}/viz/synergies?lang=en")
    assert page.locator("h1").inner_text() == "Who could work together?"
    assert page.locator("#kind-project td.why").first.inner_text().startswith("They share partners De Vlaamse Waterweg")
    page.goto(f"{live_server}/viz/brokers", wait_until="networkidle")
    assert page.locator("h1").inner_text() == "Who bridges?"
    assert page.locator("#everybody").inner_text().startswith("Connects everybody")
    page.goto(f"{live_server}/", wait_until="networkidle")
    assert page.locator("#missing-objective strong").inner_text() == "97 of 201 projects have no objective."
    page.click("#language-switch")
    page.wait_for_url(re.compile(r"lang=nl"))
    assert_offline_and_clean(browser_page)
