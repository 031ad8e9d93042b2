"""/viz/gaps and /viz/explorer in headless Chromium on 127.0.0.1: drawn, offline, escaped, two clicks from a
gap cell to a project's neighbourhood, downloads, synergy lines with their reason, and the view's state in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import PAYLOAD, WatchedPage

pytestmark = pytest.mark.browser


def open_page(watched: WatchedPage, url: str) -> None:
    """Load ``url`` and wait until its script has run (and, for the explorer, vis-network has drawn)."""
    watched.page.goto(url)
    watched.page.wait_for_selector("body[data-ready]", timeout=60_000)


def assert_clean(watched: WatchedPage) -> None:
    assert watched.console_errors == []
    assert watched.foreign_requests() == []
    assert watched.dialogs == []


def test_heatmap_draws_offline(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/gaps")
    page = browser_page.page
    assert page.locator("#matrix .cell").count() == 90  # 15 top objectives x (5 deelregio's + not assigned)
    cell = page.locator('#matrix .cell[data-objective="salk-1"][data-territory="noord-limburg"]')
    assert cell.get_attribute("data-status") == "gap"
    assert page.locator("#thin-data").inner_text() == (
        "Lege cellen tonen vooral dunne gegevens, geen bewezen lacunes in de agenda: 97 van de 201 projecten hebben "
        "in de gegevens geen doelstelling en 50 geen locatie, zodat ze geen cel vullen; van 25 van de 38 gemeenten "
        "is de deelregio niet bekend (gemeenten bekend voor 2 van de 5 deelregio's: Noord-Limburg, Midden-Limburg)."
    )
    midden = page.locator('#matrix .cell[data-objective="salk-1"][data-territory="midden-limburg"]')
    assert midden.get_attribute("data-status") == "covered"
    # every population sum says which reference dates it adds up and whom it leaves out
    notes = page.locator("#population-notes li").all_inner_texts()
    assert notes == [
        "¹ Noord-Limburg: 141.413 inwoners op 1-1-2022.",
        "² Midden-Limburg: 153.226 inwoners: som van cijfers op 1-1-2020 en 1-1-2022 (geen bevolking op één dag).",
        "³ niet toegewezen: 500.468 inwoners: som van cijfers op 1-1-2020 en 1-1-2022 (geen bevolking "
        "op één dag); zonder Hasselt (geen cijfer).",
    ]
    assert browser_page.ink() > 0.05
    assert_clean(browser_page)


def redrawn(page, action) -> None:
    """Do ``action`` (a function of no arguments) and wait until the network view has drawn the new view."""
    before = page.evaluate("Number(document.body.dataset.views || 0)")
    action()
    page.wait_for_function("before => Number(document.body.dataset.views || 0) > before", arg=before)


def dots(page) -> list[str]:
    """The ids of the dots the network view draws."""
    return sorted(page.evaluate("[...document.querySelectorAll('#network .dot')].map(d => d.dataset.id)"))


def test_from_a_cell_to_a_project_neighbourhood_in_two_clicks(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/gaps?year=2018")
    page = browser_page.page
    page.locator('#matrix .cell[data-objective="salk-1"][data-territory="midden-limburg"]').click()
    # In 2018 only Opglabbeek's figure (2018-01-01) counts; the seven dated 2020 and 2022 do not: no amount per
    # inhabitant over one municipality's inhabitants.
    assert page.locator("#panel p.summary").inner_text() == (
        "4 project(en); budget gemeld voor 1 van 4: € 57.000.000; geen bedrag per inwoner: niet van elke gemeente "
        "een inwonerscijfer."
    )
    links = page.locator("#panel li > a:first-child")
    assert links.all_inner_texts() == [
        "Thor Park Genk",
        "T2-campus (technologie- en talentcampus)",
        "Reconversion former Ford Genk site (Logistics Valley Flanders)",
        "Genk Green Logistics – zone B former Ford site",
    ]
    with page.expect_navigation():
        links.nth(1).click()
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    url = urlsplit(page.url)
    assert url.path == "/viz/explorer"
    assert parse_qs(url.query) == {"year": ["2018"], "focus": ["project/t2-campus"], "hops": ["1"]}
    # T2-campus with its partners VDAB, Syntra Limburg, Stad Genk and its location Genk
    assert dots(page) == [
        "municipality/71016",
        "organisation/stad-genk",
        "organisation/syntra-limburg",
        "organisation/vdab",
        "project/t2-campus",
    ]
    assert page.locator("#focus-list li").all_inner_texts() == ["× T2-campus (technologie- en talentcampus)"]
    assert_clean(browser_page)


def test_heatmap_in_english(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/gaps?year=2018&lang=en")
    page = browser_page.page
    page.locator('#matrix .cell[data-objective="salk-1"][data-territory="midden-limburg"]').click()
    assert page.locator("#panel h2").inner_text() == "SALK part 1 – short-term actions — Midden-Limburg"
    assert page.locator("#panel p.summary").inner_text() == (
        "4 projects; budget reported for 1 of 4: €57,000,000; no amount per inhabitant: not every municipality "
        "has a population figure."
    )
    assert page.locator("#panel li > a:nth-child(2)").all_inner_texts() == ["description"] * 4
    labels = [text.split("\n")[0].strip() for text in page.locator("#filters label").all_inner_texts()]
    assert labels == ["Group by", "Strategy", "Subregion", "As of year"]
    assert page.locator("#population-notes li").first.inner_text() == (
        "¹ Noord-Limburg: 45,743 inhabitants on 1 Jan 2018; without Bocholt, Bree, Lommel, Peer, Hamont-Achel, "
        "Hechtel-Eksel (no figure)."
    )
    with page.expect_download() as download:
        page.locator("#download-svg").click()
    assert download.value.suggested_filename == "gaps.svg"
    assert_clean(browser_page)


def test_heatmap_downloads(live_server: str, browser_page: WatchedPage, tmp_path) -> None:
    open_page(browser_page, f"{live_server}/viz/gaps?by=arrondissement")
    page = browser_page.page
    saved = {}
    for kind in ("svg", "png", "csv", "xlsx"):
        with page.expect_download() as download:
            page.locator(f"#download-{kind}").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        saved[kind] = path.read_bytes()
    # the picture stands on its own: title, filters and data date, legend, footnotes
    assert saved["svg"].startswith(b"<svg") and b"Arrondissement" in saved["svg"]
    for text in ("Dekking van de doelstellingen per arrondissement", "gegevens van ", "lacune: geen project"):
        assert text.encode() in saved["svg"], text
    assert "¹ Arrondissement Hasselt:".encode() in saved["svg"]
    assert saved["png"].startswith(b"\x89PNG") and len(saved["png"]) > 10_000
    # a Dutch page gives the CSV Dutch Excel opens: ';', decimal comma, UTF-8 with BOM
    lines = saved["csv"].decode("utf-8-sig").splitlines()
    assert saved["csv"].startswith(b"\xef\xbb\xbf")
    assert lines[0] == (
        "strategy;objective;territory;status;projects;project_iris;budget_eur;projects_with_budget;"
        "per_inhabitant_eur;per_inhabitant_caveats;population;population_dates;population_missing"
    )
    assert len(lines) == 1 + 15 * 3
    assert saved["xlsx"].startswith(b"PK")
    assert_clean(browser_page)


def test_explorer_draws_offline(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/explorer")
    page = browser_page.page
    assert 10 <= len(dots(page)) <= 30, "the explorer opens on the overview's groups"
    assert page.locator("#controls select#objective option").count() > 20
    assert browser_page.ink() > 0.03
    assert_clean(browser_page)


def test_synergy_lines_are_dashed_with_the_reason(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/explorer?focus=project/ford-site-lvf&hops=2")
    page = browser_page.page
    assert page.locator("#network line.synergy").count() == 0
    redrawn(page, lambda: page.locator("#synergies").check())
    line = page.locator('#network line.synergy[data-source="project/ford-site-lvf"][data-target="project/ggl-zone-b"]')
    text = line.locator("title").text_content()
    assert text.startswith("Reconversion former Ford Genk site (Logistics Valley Flanders) — Genk Green Logistics")
    assert "Kan samenwerken: beide werken aan SALK 1.2 Reconversie van de Ford-terreinen" in text
    assert "ze delen partners Genk Green Logistics en Vlaamse Regering; beide in Genk" in text
    assert "synergies=true" in page.url
    legend = page.locator("#legend li").all_inner_texts()
    assert "Kan samenwerken (voorstel)" in legend
    assert_clean(browser_page)


def test_an_unknown_focus_is_said_not_ignored(live_server: str, browser_page: WatchedPage) -> None:
    page = browser_page.page
    response = page.goto(f"{live_server}/viz/explorer?focus=nope")
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    assert response.status == 404
    problem = page.locator("#problem")
    assert problem.is_visible() and problem.inner_text().startswith("Onbekende focus 'nope': geen entiteit")
    overview = len(dots(page))
    assert 10 <= overview <= 30, "the whole network, as the message says"
    # T2-campus exists but only started in 2017: as of 2010 it is not in the network
    response = page.goto(f"{live_server}/viz/explorer?year=2010&focus=project/t2-campus")
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    assert response.status == 404 and "zit niet in het netwerk van deze selectie" in problem.inner_text()
    open_page(browser_page, f"{live_server}/viz/explorer?focus=project/t2-campus")
    assert page.locator("#problem").count() == 0
    # the browser notes each 404 page load in the console; nothing else may go wrong
    assert (
        browser_page.console_errors
        == ["Failed to load resource: the server responded with a status of 404 (Not Found)"] * 2
    )
    browser_page.console_errors.clear()
    assert_clean(browser_page)


def test_view_state_lives_in_the_url(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/explorer?strategy=salk&focus=organisation/lrm")
    page = browser_page.page
    for select, value in (("#size", "betweenness"), ("#colour", "community")):
        redrawn(page, lambda select=select, value=value: page.locator(select).select_option(value))
    redrawn(page, lambda: page.locator('#controls input[value="Structure"]').uncheck())
    shared = page.url
    assert "strategy=salk" in shared and "focus=organisation%2Flrm" in shared
    assert "size=betweenness" in shared and "colour=community" in shared
    assert "types=Municipality%2COrganisation%2CProject" in shared
    shown = dots(page)
    assert not any(d.startswith("structure/") for d in shown)
    open_page(browser_page, shared)
    assert (page.locator("#size").input_value(), page.locator("#colour").input_value()) == ("betweenness", "community")
    assert page.locator('#controls input[value="Structure"]').is_checked() is False
    assert dots(page) == shown
    assert any(text.startswith("Groep ") for text in page.locator("#legend li").all_inner_texts())
    assert_clean(browser_page)


def test_payload_in_names_shows_as_text(payload_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{payload_server}/viz/gaps")
    page = browser_page.page
    page.locator('#matrix .cell[data-objective="salk-1"][data-territory="midden-limburg"]').click()
    assert PAYLOAD in page.locator("#panel li > a:first-child").all_inner_texts()
    open_page(browser_page, f"{payload_server}/viz/explorer?focus=project/t2-campus")
    page.locator('#network .dot[data-id="project/t2-campus"]').click()
    assert page.locator("#info h2").inner_text() == PAYLOAD
    assert PAYLOAD in page.locator("#focus-list li").inner_text()
    assert page.locator("img").count() == 0
    assert_clean(browser_page)
