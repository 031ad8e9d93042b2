"""/viz/gaps and /viz/explorer in headless Chromium on 127.0.0.1: drawn, offline, escaped, two clicks from a
gap cell to a project's neighbourhood, downloads, and the view's state in the URL."""

from __future__ import annotations

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


def test_from_a_cell_to_a_project_neighbourhood_in_two_clicks(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/gaps?year=2018")
    page = browser_page.page
    page.locator('#matrix .cell[data-objective="salk-1"][data-territory="midden-limburg"]').click()
    assert page.locator("#panel p.summary").inner_text() == (
        "4 project(en); budget gemeld voor 1 van 4: € 57.000.000; € 5.516,84 per inwoner (indicatief: gemeenten "
        "zonder inwonerscijfer weggelaten; niet elk project meldt een budget)."  # in 2018 only Nieuwerkerken's figure
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
    assert page.url == f"{live_server}/viz/explorer?year=2018&focus=project%2Ft2-campus&hops=1"
    # T2-campus with its partners VDAB, Syntra Limburg, Stad Genk and its location Genk
    assert sorted(page.evaluate("[...visibleIds]")) == [
        "municipality/71016",
        "organisation/stad-genk",
        "organisation/syntra-limburg",
        "organisation/vdab",
        "project/t2-campus",
    ]
    assert page.locator("#info strong").inner_text() == "T2-campus (technologie- en talentcampus)"
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


def test_explorer_draws_offline_without_moving(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/explorer")
    page = browser_page.page
    assert page.evaluate("visibleIds.size") == 349  # 84 organisations, 38 municipalities, 201 projects, 26 structures
    assert page.evaluate("network.physics.options.enabled") is False  # positions come from the server
    assert browser_page.ink() > 0.05
    assert_clean(browser_page)


def test_synergy_edges_are_dashed_with_evidence_on_hover(live_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{live_server}/viz/explorer?focus=project/ford-site-lvf&hops=2")
    page = browser_page.page
    edge = page.evaluate("""() => visibleEdges.get({filter: e => e.synergy}).map(e => [e.from, e.to, e.dashes.length])
                            .find(([from, to]) => from === "project/ford-site-lvf" && to === "project/ggl-zone-b")""")
    assert edge == ["project/ford-site-lvf", "project/ggl-zone-b", 2]
    page.evaluate("network.fit({nodes: ['project/ford-site-lvf', 'project/ggl-zone-b'], animation: false})")
    middle = page.evaluate("""() => {
      const p = network.getPositions(["project/ford-site-lvf", "project/ggl-zone-b"]);
      return network.canvasToDOM({x: (p["project/ford-site-lvf"].x + p["project/ggl-zone-b"].x) / 2,
                                  y: (p["project/ford-site-lvf"].y + p["project/ggl-zone-b"].y) / 2});
    }""")
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + middle["x"], box["y"] + middle["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()
    assert text.startswith("Synergievoorstel: Reconversion former Ford Genk site")
    assert "gedeelde partners: Genk Green Logistics, Vlaamse Regering" in text
    assert "gedeelde doelstellingen: Reconversie van de Ford-terreinen" in text
    assert_clean(browser_page)


def test_an_unknown_focus_is_said_not_ignored(live_server: str, browser_page: WatchedPage) -> None:
    page = browser_page.page
    response = page.goto(f"{live_server}/viz/explorer?focus=nope")
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    assert response.status == 404
    problem = page.locator("#problem")
    assert problem.is_visible() and problem.inner_text().startswith("Onbekende focus 'nope': geen entiteit")
    assert page.evaluate("visibleIds.size") == 349  # the whole network, as the message says
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
    open_page(browser_page, f"{live_server}/viz/explorer?strategy=salk")
    page = browser_page.page
    page.locator("#size").select_option("degree")
    page.locator("#colour").select_option("community")
    page.locator('#types input[value="Structure"]').uncheck()
    page.locator("#synergies").uncheck()
    shared = page.url
    assert shared.endswith(
        "?strategy=salk&types=Organisation%2CMunicipality%2CProject&size=degree&colour=community&synergies=0"
    )
    count = page.evaluate("visibleIds.size")
    open_page(browser_page, shared)
    assert (page.locator("#size").input_value(), page.locator("#colour").input_value()) == ("degree", "community")
    assert page.locator('#types input[value="Structure"]').is_checked() is False
    assert page.evaluate("visibleIds.size") == count
    assert_clean(browser_page)


def test_payload_in_names_shows_as_text(payload_server: str, browser_page: WatchedPage) -> None:
    open_page(browser_page, f"{payload_server}/viz/gaps")
    page = browser_page.page
    page.locator('#matrix .cell[data-objective="salk-1"][data-territory="midden-limburg"]').click()
    assert PAYLOAD in page.locator("#panel li > a:first-child").all_inner_texts()
    open_page(browser_page, f"{payload_server}/viz/explorer?focus=project/t2-campus")
    assert page.locator("#info strong").inner_text() == PAYLOAD
    assert PAYLOAD in page.locator("#focus option").all_inner_texts()
    assert page.locator("img").count() == 0
    assert_clean(browser_page)
