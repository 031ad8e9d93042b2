"""/admin/upload: a good workbook rebuilds and switches the graph (and later rebuilds keep reading it); a broken one
gets a report per sheet, row and cell in the request's language while the previous graph keeps serving; the upload
is kept beside the data, never over it."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph import uploads
from graph.build import build
from graph.publish.workbook import workbook
from graph.store import current_path, open_current
from tests.support import BASE, DATA, UNLIMITED

TOKEN = "a-test-admin-token-0123456789abcdef"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    build(DATA, tmp_path / "store", BASE)
    return tmp_path / "store"


@pytest.fixture
def client(store: Path) -> TestClient:
    return TestClient(
        create_app(ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED, admin_token=TOKEN))
    )


def _exported(store: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook(open_current(store).fragments())))


def _bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _without(book: openpyxl.Workbook, project: str) -> openpyxl.Workbook:
    """The workbook without one project's row and its partner rows."""
    for sheet, column in (("projecten", 1), ("projectpartners", 1)):
        rows = [r[0].row for r in book[sheet].iter_rows(min_row=2) if r[column - 1].value == project]
        for row in reversed(rows):
            book[sheet].delete_rows(row)
    return book


def _projects(client: TestClient) -> int:
    """How many projects the served graph has, as the API counts them."""
    return client.get("/api/entities", params={"type": "project", "limit": 1}).json()["count"]


def _post(client: TestClient, data: bytes, token: str = TOKEN, **headers: str):
    return client.post(
        "/admin/upload",
        data={"token": token},
        files={"workbook": ("lires.xlsx", data, "application/octet-stream")},
        headers=headers,
    )


def test_a_good_workbook_rebuilds_and_later_builds_keep_it(client: TestClient, store: Path):
    before = current_path(store)
    assert _projects(client) == 201
    answer = _post(client, _bytes(_without(_exported(store), "energyville-thor-park")))
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["accepted"] is True and report["build"]["entities"]["Project"] == 200
    assert current_path(store) != before and _projects(client) == 200
    assert uploads.accepted(store) is not None
    assert (store / "uploads" / report["upload"]).exists()
    assert not any(DATA.glob("*.xlsx")), "the upload was written into the data directory"
    rebuilt = client.post("/admin/rebuild", headers={"Authorization": f"Bearer {TOKEN}"})
    assert rebuilt.status_code == 200 and rebuilt.json()["entities"]["Project"] == 200


def test_a_broken_workbook_gets_a_report_per_cell_and_the_old_graph_serves(client: TestClient, store: Path):
    before = current_path(store)
    book = _exported(store)
    projects = book["projecten"]
    header = [c.value for c in projects[1]]
    budget = header.index("budget (euro)") + 1
    projects.cell(row=3, column=budget, value="ongeveer 5 miljoen")
    partners = book["projectpartners"]
    partners.cell(row=4, column=2, value="stad-gnek")
    answer = _post(client, _bytes(book), Accept="application/json", **{"Accept-Language": "nl"})
    assert answer.status_code == 422
    report = answer.json()
    assert report["accepted"] is False
    assert [(e["sheet"], e["row"], e["column"], e["cell"], e["value"]) for e in report["errors"]] == [
        ("projecten", 3, "I (budget (euro))", "I3", "ongeveer 5 miljoen"),
        ("projectpartners", 4, "organisatie (code)", None, "stad-gnek"),
    ]
    assert report["errors"][0]["expected"].startswith("verwacht een getal met alleen cijfers en . of ,")
    assert report["errors"][1]["expected"] == (
        "verwacht een verwijzing naar een bestaande organisatie (niet gevonden in organisations.csv)"
    )
    assert current_path(store) == before and _projects(client) == 201
    assert uploads.accepted(store) is None
    assert (store / "uploads" / report["upload"]).exists(), "the refused upload is kept for the person who fixes it"


def test_a_browser_gets_the_report_as_a_page_in_its_language(client: TestClient, store: Path):
    book = _exported(store)
    book["projecten"].cell(row=2, column=1, value="Niet Een Code")
    page = _post(client, _bytes(book), Accept="text/html", **{"Accept-Language": "en"})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert 'data-accepted="false"' in page.text
    assert "expected a lowercase slug of letters a-z, digits and hyphens" in page.text
    assert "<td>projecten</td><td>2</td><td>A (code)</td><td>A2</td>" in page.text


def test_the_token_is_required_and_a_non_workbook_refused(client: TestClient, store: Path, tmp_path: Path):
    data = _bytes(_exported(store))
    assert _post(client, data, token="wrong-token-0123456789abcdef").status_code == 401
    assert _post(client, data, token="wrong-token-0123456789abcdef", Accept="text/html").status_code == 401
    assert _post(client, (DATA / "projects.csv").read_bytes()).status_code == 400
    closed = TestClient(create_app(ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED)))
    assert _post(closed, data).status_code == 403
    assert not (store / "uploads").exists() or not any((store / "uploads").iterdir())
