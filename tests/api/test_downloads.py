"""Tables people open: the gap matrix, the entity lists, synergies and the broker list (network measures) as XLSX
and CSV; CSV for Dutch Excel (';', decimal comma, UTF-8 with BOM) on a Dutch page or when asked for, RFC 4180
otherwise; read back with pandas and openpyxl as a person's tools read them."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_matrix_for_dutch_excel_on_a_dutch_page(client):
    answer = client.get("/viz/gaps/matrix.csv", params={"by": "arrondissement"}, headers={"Accept-Language": "nl"})
    assert answer.status_code == 200 and answer.headers["content-disposition"] == 'attachment; filename="lacunes.csv"'
    assert answer.content.startswith(b"\xef\xbb\xbfstrategy;objective;territory;status;projects;")
    table = pd.read_csv(io.BytesIO(answer.content), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(table) == 15 * 3
    cell = table[
        (table.objective == "SALK part 1 – short-term actions") & (table.territory == "Arrondissement Maaseik")
    ]
    assert cell.per_inhabitant_eur.dtype == float  # the decimal comma read as a decimal
    assert (cell.projects.item(), cell.budget_eur.item()) == (2, 75_000_000.0)


def test_the_matrix_in_rfc_4180_on_an_english_page_and_as_xlsx(client):
    plain = client.get("/viz/gaps/matrix.csv", headers={"Accept-Language": "en"})
    assert plain.headers["content-disposition"] == 'attachment; filename="gaps.csv"'
    assert plain.content.startswith(b"strategy,objective,territory,status,projects,")
    assert len(pd.read_csv(io.BytesIO(plain.content))) == 15 * 6
    book = client.get("/viz/gaps/matrix.xlsx", params={"by": "arrondissement"})
    assert book.headers["content-type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(book.content))["coverage"]
    assert sheet.max_row == 1 + 15 * 3 and sheet["A1"].font.bold


def test_the_api_stays_rfc_4180_unless_asked(client):
    default = client.get("/api/synergies", params={"format": "csv", "kind": "organisation", "top": 3})
    assert default.content.startswith(b"kind,rank,a,")
    dutch = client.get(
        "/api/synergies", params={"format": "csv", "kind": "organisation", "top": 3, "dialect": "excel-nl"}
    )
    table = pd.read_csv(io.BytesIO(dutch.content), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(table["rank"]) == [1, 2, 3] and table.score.dtype == float
    brokers = client.get("/api/metrics", params={"format": "xlsx", "type": "organisation", "top": 5})
    rows = list(openpyxl.load_workbook(io.BytesIO(brokers.content))["metrics"].values)
    assert rows[0] == ("iri", "type", "label", "degree", "betweenness", "closeness", "community")
    assert len(rows) == 6 and isinstance(rows[1][4], float)


def test_an_entity_list_downloads_in_full(client):
    answer = client.get("/entities.xlsx", params={"type": "municipality"}, headers={"Accept-Language": "nl"})
    rows = list(openpyxl.load_workbook(io.BytesIO(answer.content)).active.values)
    assert rows[0] == ("Naam", "Soort", "Code", "IRI")
    assert len(rows) == 1 + 50 and ("Genk", "gemeente", "71016", "https://w3id.org/lires/id/municipality/71016") in rows
    csv = client.get("/entities.csv", params={"q": "genk"}, headers={"Accept-Language": "en"})
    table = pd.read_csv(io.BytesIO(csv.content))
    assert table.Name.iloc[0] == "Genk" and set(table.columns) == {"Name", "Type", "Code", "IRI"}
