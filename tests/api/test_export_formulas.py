"""Exports cannot carry formulas: on a data set whose names are spreadsheet formulas, every CSV the project
writes (the dumps, one table per type, the gap, synergy and metrics downloads, the heatmap's CSV in both dialects,
`lires export`) has no cell that a spreadsheet would run, the names come back with OWASP's `'` in front, and
numbers stay numbers; in XLSX the names are text cells, as they were. The SPARQL protocol's text/csv is the
standard's and stays raw."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from records.spreadsheet import FORMULA_START, NUMBER, spreadsheet_cell
from tests.support import BASE, DATA, UNLIMITED

FORMULAS = {
    ("organisations.csv", "pom-limburg"): '=HYPERLINK("http://127.0.0.1:9/x","klik")',
    ("projects.csv", "t2-campus"): "@SUM(1+1)*cmd|' /C calc'!A0",
    ("organisations.csv", "voka-kvk-limburg"): "+1+cmd|' /C calc'!A0",
    ("objectives.csv", "salk-1"): "-2+3+cmd|' /C calc'!A0",
}
"""(file, ref) -> the Dutch name given to that row: formulas starting with =, @, + and -."""


def _rewrite(data, file: str, ref: str, name: str) -> None:
    path = data / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    next(row for row in rows if row["ref"] == ref)["name_nl"] = name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory):
    data = tmp_path_factory.mktemp("formulas") / "data"
    shutil.copytree(DATA, data)
    for (file, ref), name in FORMULAS.items():
        _rewrite(data, file, ref, name)
    store = data.parent / "store"
    build(data, store, BASE)
    return data, store


@pytest.fixture(scope="module")
def formula_client(formula_store) -> TestClient:
    data, store = formula_store
    return TestClient(create_app(ApiSettings(store=store, data=data, base_iri=BASE, rate_limit=UNLIMITED)))


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _assert_safe(name: str, rows: list[list[str]]) -> set[str]:
    """No cell starts a formula unless it is a plain number; returns every cell, for further checks."""
    cells = {cell for row in rows for cell in row}
    for cell in cells:
        assert not cell.startswith(FORMULA_START) or NUMBER.match(cell), (name, cell)
    return cells


def _assert_neutralised(name: str, cells: set[str], expected: list[str]) -> None:
    text = "\n".join(cells)
    for formula in expected:
        assert "'" + formula in text, (name, formula)


def test_the_csv_dumps_neutralise_every_formula(formula_client):
    archive = zipfile.ZipFile(io.BytesIO(formula_client.get("/dumps/lires.csv.zip").content))
    tables = {name: _cells(archive.read(name).decode("utf-8")) for name in archive.namelist()}
    for name, rows in tables.items():
        _assert_safe(name, rows)
    _assert_neutralised(
        "organisation.csv",
        {c for r in tables["organisation.csv"] for c in r},
        [FORMULAS[k] for k in FORMULAS if k[1] in ("pom-limburg", "voka-kvk-limburg")],
    )
    _assert_neutralised(
        "project.csv", {c for r in tables["project.csv"] for c in r}, [FORMULAS["projects.csv", "t2-campus"]]
    )
    budgets = [
        row["budget_eur"] for row in csv.DictReader(io.StringIO(archive.read("project.csv").decode("utf-8-sig")))
    ]
    assert all(Decimal(b) > 0 for b in budgets if b) and any(budgets)
    one = formula_client.get("/dumps/csv/organisation.csv")
    assert one.status_code == 200 and _cells(one.text) == tables["organisation.csv"]


def test_the_analysis_downloads_neutralise_every_formula_and_keep_numbers(formula_client):
    downloads = {
        "gaps": formula_client.get("/api/gaps", params={"format": "csv"}),
        "synergies": formula_client.get("/api/synergies", params={"format": "csv", "kind": "organisation", "top": 500}),
        "metrics": formula_client.get("/api/metrics", params={"format": "csv"}),
    }
    seen = set()
    for name, response in downloads.items():
        assert response.status_code == 200, (name, response.text)
        rows = _cells(response.text)
        seen |= _assert_safe(name, rows)
    _assert_neutralised("analysis", seen, list(FORMULAS.values()))
    metrics = list(csv.DictReader(io.StringIO(downloads["metrics"].text)))
    pom = next(row for row in metrics if row["iri"] == f"{BASE}id/organisation/pom-limburg")
    assert pom["label"] == "'" + FORMULAS["organisations.csv", "pom-limburg"]
    assert all(Decimal(row[c]) >= 0 for row in metrics for c in ("degree", "betweenness", "closeness"))


def test_the_heatmap_downloads_neutralise_objective_names(formula_client):
    plain = formula_client.get("/viz/gaps/matrix.csv", params={"strategy": "salk"}, headers={"Accept-Language": "en"})
    assert plain.status_code == 200
    cells = _assert_safe("coverage", _cells(plain.text))
    _assert_neutralised("coverage", cells, [FORMULAS["objectives.csv", "salk-1"]])
    dutch = formula_client.get("/viz/gaps/matrix.csv", params={"strategy": "salk"}, headers={"Accept-Language": "nl"})
    rows = list(csv.reader(io.StringIO(dutch.content.decode("utf-8-sig")), delimiter=";"))
    _assert_neutralised(
        "coverage (Dutch Excel)", _assert_safe("coverage", rows), [FORMULAS["objectives.csv", "salk-1"]]
    )
    book = openpyxl.load_workbook(
        io.BytesIO(formula_client.get("/viz/gaps/matrix.xlsx", params={"strategy": "salk"}).content)
    )
    written = [c for row in book["coverage"].iter_rows() for c in row if isinstance(c.value, str)]
    assert FORMULAS["objectives.csv", "salk-1"] in {c.value for c in written}  # as it was: a text cell
    assert all(c.data_type == "s" for c in written)  # no text became a formula


def test_the_workbook_keeps_a_formula_like_name_as_text(formula_client):
    """The workbook a strategist edits holds every name as a text cell: nothing runs, and it reads back as it was."""
    book = openpyxl.load_workbook(io.BytesIO(formula_client.get("/dumps/lires.xlsx").content))
    names = {row[0].value: row[1] for row in book["organisaties"].iter_rows(min_row=2)}
    pom = names["pom-limburg"]
    assert (pom.value, pom.data_type) == (FORMULAS["organisations.csv", "pom-limburg"], "s")


def test_lires_export_csv_neutralises_every_formula(formula_store, tmp_path):
    _, store = formula_store
    out = tmp_path / "tables.zip"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "lires"),
            "export",
            "--format",
            "csv",
            "--store",
            str(store),
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    archive = zipfile.ZipFile(out)
    cells = set()
    for name in archive.namelist():
        cells |= _assert_safe(name, _cells(archive.read(name).decode("utf-8")))
    _assert_neutralised("export", cells, list(FORMULAS.values()))


def test_sparql_csv_stays_raw_as_the_protocol_requires(formula_client):
    query = (
        f"SELECT ?name WHERE {{ <{BASE}id/organisation/pom-limburg> <http://www.w3.org/2004/02/skos/core#prefLabel> "
        '?name FILTER(LANG(?name) = "nl") }'
    )
    response = formula_client.get("/sparql", params={"query": query, "format": "csv"})
    assert _cells(response.text) == [["name"], [FORMULAS["organisations.csv", "pom-limburg"]]]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e-05", "-1e-05"),
        (-7, -7),
        (Decimal("-0.25"), Decimal("-0.25")),
        (0.5, 0.5),
        ("Genk", "Genk"),
        ("a=b", "a=b"),
        (None, ""),
        ("-", "'-"),
    ],
)
def test_a_cell_is_neutralised_only_when_it_would_be_a_formula(value, cell):
    assert spreadsheet_cell(value) == cell
