"""POST /api/what-if, the planner page /viz/plan and its workbook rows: the same answer for programs and people,
the loaders' errors in the reader's language, and rows that paste into the project workbook."""

from __future__ import annotations

import io
import json

import openpyxl

PLAN = {
    "name": "Haven Lommel uitbreiding",
    "municipalities": ["72020"],
    "objectives": ["salk-1-6"],
    "partners": [{"organisation": "pom-limburg", "role": "lead"}],
    "start": "2026",
}


def test_the_api_answers_with_the_difference(client):
    answer = client.post("/api/what-if", json={"projects": [PLAN]})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["planned"][0]["iri"] == "https://w3id.org/lires/id/project/haven-lommel-uitbreiding"
    assert [(c["objective"]["ref"], c["territory"]["ref"], c["filled"]) for c in body["changed_cells"]] == [
        ("salk-1", "noord-limburg", True)
    ]
    assert body["synergies"][0]["b"]["label"] == "Thor Park Genk"


def test_a_bad_plan_is_422_in_the_readers_language(client):
    answer = client.post(
        "/api/what-if",
        json={"projects": [dict(PLAN, municipalities=["7202"], budget_eur="1,234")]},
        headers={"Accept-Language": "nl"},
    )
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_plan"
    assert {(p["project"], p["field"], p["value"]) for p in body["problems"]} == {
        (1, "municipalities", "7202"),
        (1, "budget_eur", "1,234"),
    }
    assert any(p["expected"] == "verwacht een NIS-code van vijf cijfers, zoals 71016" for p in body["problems"])
    assert client.post("/api/what-if", json={"projects": []}).status_code == 422
    assert client.post("/api/what-if", json={"projects": [PLAN], "scope": {"strategy": "nope"}}).status_code == 400


def test_the_page_reads_the_plan_from_its_address(client):
    page = client.get("/viz/plan", params={"plan": json.dumps([PLAN])}, headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    assert "Dit plan vult 1 lacune in de matrix." in page.text
    assert 'class="cell changed" tabindex="0" data-objective="salk-1" data-territory="noord-limburg"' in page.text
    broken = client.get("/viz/plan", params={"plan": json.dumps([dict(PLAN, start="2026-13")])})
    assert broken.status_code == 422 and '"field": "start"' in broken.text
    unreadable = client.get("/viz/plan", params={"plan": "[{"}, headers={"Accept-Language": "en"})
    assert unreadable.status_code == 422 and "The plan in the address cannot be read" in unreadable.text
    assert client.get("/viz/plan").status_code == 200


def test_the_plan_as_workbook_rows(client):
    answer = client.get("/viz/plan/workbook", params={"plan": json.dumps([PLAN]), "lang": "nl"})
    assert answer.headers["content-disposition"] == 'attachment; filename="geplande-projecten.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames[:2] == ["projecten", "projectpartners"]
    projects = list(book["projecten"].values)
    row = dict(zip(projects[0], projects[1], strict=True))
    assert (row["code"], row["naam (Nederlands)"], row["status"], row["gemeenten (NIS-codes)"], row["begin"]) == (
        "haven-lommel-uitbreiding",
        "Haven Lommel uitbreiding",
        "gepland",
        "72020",
        "2026",
    )
    assert row["bronnen"] is None  # a plan has no source yet
    assert list(book["projectpartners"].values)[1][:3] == ("haven-lommel-uitbreiding", "pom-limburg", "trekker")
