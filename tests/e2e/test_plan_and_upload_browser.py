"""As a person uses them, in headless Chromium on the real data: the what-if planner (a project planned in
Noord-Limburg on an objective with no project there fills that cell, and suggestions appear; the plan's link
shows the same; its workbook rows download), the upload (a good workbook rebuilds and switches the graph, a
broken one shows its report per cell while the old graph still serves), and the Dutch-Excel CSV of a list read
back with pandas using ';'.

Maasland, the issue's example, has no known municipality in the data (only Noord-Limburg's are sourced), so a
project can be placed there only through a municipality of Noord-Limburg's column; the flow uses Lommel."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from api.settings import ApiSettings
from graph.build import build
from graph.publish.workbook import workbook
from graph.store import open_current
from tests.support import BASE, DATA, UNLIMITED, WatchedPage

pytestmark = pytest.mark.browser
TOKEN = "a-browser-test-admin-token-0123456789"


def ready(watched: WatchedPage, url: str | None = None) -> None:
    if url:
        watched.page.goto(url)
    watched.page.wait_for_selector("body[data-ready]", timeout=60_000)


def assert_clean(watched: WatchedPage) -> None:
    assert watched.console_errors == []
    assert watched.foreign_requests() == []


def pick(page, field: str, typed: str, choice: str, project: int = 1) -> None:
    """Type into a picker of the plan's editor and click the suggestion named ``choice``."""
    box = page.locator(f'fieldset.project[data-index="{project}"] .picker[data-field="{field}"]')
    box.locator("input").fill(typed)
    box.locator(".suggestions li", has_text=choice).first.click()
    assert choice in box.locator(".chips").inner_text()


def test_a_planned_project_fills_its_cell_and_finds_partners(live_server: str, browser_page: WatchedPage, tmp_path):
    page = browser_page.page
    ready(browser_page, f"{live_server}/viz/plan")
    page.locator('fieldset.project[data-index="1"] input[name="name"]').fill("Haven Lommel uitbreiding")
    pick(page, "municipalities", "lommel", "Lommel")
    pick(page, "objectives", "investeringsdossiers", "Lopende investeringsdossiers")
    pick(page, "partners", "pom", "POM Limburg")
    page.locator('fieldset.project[data-index="1"] input[name="start"]').fill("2026")
    with page.expect_navigation():
        page.locator("#compute").click()
    ready(browser_page)
    cell = '.cell[data-objective="salk-1"][data-territory="noord-limburg"]'
    assert page.locator(f"#before {cell}").get_attribute("data-status") == "gap"
    assert page.locator(f"#after {cell}").get_attribute("data-status") == "covered"
    assert page.locator(f"#after {cell}").get_attribute("class") == "cell changed"
    assert (
        page.locator("#summary")
        .inner_text()
        .startswith("Dit plan vult 1 lacune in de matrix. Lacunes: 33 vóór, 32 na.")
    )
    suggestions = page.locator("#synergies li")
    assert suggestions.count() >= 3
    assert "Thor Park Genk" in suggestions.first.inner_text() and "POM Limburg" in suggestions.first.inner_text()
    page.locator("#show-before").click()
    assert page.locator("#before").is_visible() and not page.locator("#after").is_visible()
    # the plan lives in the address: the link alone shows the same plan and answer
    shared = page.url
    assert "plan=" in shared
    other = page.context.new_page()
    other.goto(shared)
    other.wait_for_selector("body[data-ready]")
    assert other.locator(f"#after {cell}").get_attribute("data-status") == "covered"
    assert (
        other.locator('fieldset.project[data-index="1"] .picker[data-field="partners"] .chip')
        .inner_text()
        .startswith("POM Limburg")
    )
    other.close()
    with page.expect_download() as download:
        page.locator("#download-rows").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    rows = list(openpyxl.load_workbook(path)["projecten"].values)
    assert rows[1][:2] == ("haven-lommel-uitbreiding", "Haven Lommel uitbreiding")
    assert_clean(browser_page)


@pytest.fixture
def upload_server(tmp_path: Path, serve) -> tuple[str, Path]:
    """The real app with an admin token on a store of its own holding a build of the real data."""
    store = tmp_path / "store"
    build(DATA, store, BASE)
    settings = ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED, admin_token=TOKEN)
    return serve(settings), store


def _workbook(store: Path, tmp_path: Path, broken: bool) -> Path:
    """The current workbook without the project energyville-thor-park, or with a broken budget and partner."""
    book = openpyxl.load_workbook(io.BytesIO(workbook(open_current(store).fragments())))
    if broken:
        book["projecten"]["I3"] = "ongeveer 5 miljoen"
        book["projectpartners"]["B4"] = "stad-gnek"
    else:
        for sheet in ("projecten", "projectpartners"):
            rows = [r[0].row for r in book[sheet].iter_rows(min_row=2) if r[0].value == "energyville-thor-park"]
            for row in reversed(rows):
                book[sheet].delete_rows(row)
    path = tmp_path / ("kapot.xlsx" if broken else "lires.xlsx")
    book.save(path)
    return path


def _projects(page, base: str) -> int:
    return page.request.get(f"{base}/api/entities?type=project&limit=1").json()["count"]


def test_the_upload_rebuilds_or_reports_and_the_old_graph_serves(upload_server, browser_page: WatchedPage, tmp_path):
    base, store = upload_server
    page = browser_page.page
    assert _projects(page, base) == 201
    page.goto(f"{base}/admin/upload")
    page.locator('input[name="token"]').fill(TOKEN)
    page.locator('input[name="workbook"]').set_input_files(_workbook(store, tmp_path, broken=True))
    with page.expect_navigation():
        page.locator('form.upload button[type="submit"]').click()
    assert page.locator("#verdict").get_attribute("data-accepted") == "false"
    rows = page.locator("#errors tbody tr").evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    assert [row[1:6] for row in rows] == [
        ["projecten", "3", "I (budget (euro))", "I3", "ongeveer 5 miljoen"],
        ["projectpartners", "4", "organisatie (code)", "", "stad-gnek"],
    ]
    assert rows[0][0] == "kapot.xlsx"  # the file as the person named it
    assert rows[0][6].startswith("verwacht een getal met alleen cijfers en . of ,")
    assert rows[1][6] == "verwacht een verwijzing naar een bestaande organisatie (niet gevonden in organisations.csv)"
    assert _projects(page, base) == 201  # the old graph still serves
    page.locator('input[name="token"]').fill(TOKEN)
    page.locator('input[name="workbook"]').set_input_files(_workbook(store, tmp_path, broken=False))
    with page.expect_navigation():
        page.locator('form.upload button[type="submit"]').click()
    assert page.locator("#verdict").get_attribute("data-accepted") == "true"
    assert _projects(page, base) == 200  # rebuilt with the workbook and switched
    # the refused upload's report came with 422, which the browser notes in its console; nothing else did
    assert browser_page.console_errors == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]
    assert browser_page.foreign_requests() == []


def test_a_dutch_list_opens_in_excel_and_pandas(live_server: str, browser_page: WatchedPage, tmp_path):
    page = browser_page.page
    page.goto(f"{live_server}/entities?type=project")
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "entiteiten.csv" and path.read_bytes().startswith(b"\xef\xbb\xbfNaam;Soort;Code;IRI")
    table = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(table) == 201 and set(table.Soort) == {"project"}
    assert "T2-campus (technologie- en talentcampus)" in set(table.Naam)
    gaps = page.request.get(f"{live_server}/viz/gaps/matrix.csv?by=arrondissement", headers={"Accept-Language": "nl"})
    matrix = pd.read_csv(io.BytesIO(gaps.body()), sep=";", decimal=",", encoding="utf-8-sig")
    assert matrix.per_inhabitant_eur.dtype == float and matrix.projects.sum() > 0
    assert_clean(browser_page)
