"""The Dutch entity page /doc/{type}/{ref}: schema display names, the deelregio line for municipalities only,
readable names for memberships and participations, Belgian number format."""

from __future__ import annotations

import re

import pytest


def page(client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    return response.text


def rows(html: str, heading: str) -> list[str]:
    """The texts in the table rows whose heading is ``heading`` (tags stripped)."""
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(rf"<tr><th>{re.escape(heading)}</th><td>(.*?)</td></tr>", html)
    ]


def test_municipality_numbers_and_slot_names(client):
    html = page(client, "/doc/municipality/71016")
    assert rows(html, "inwoners") == ["66.447"] and rows(html, "inwoners op") == ["2020-01-01"]
    assert rows(html, "ligt in") == ["Arrondissement Hasselt arrondissement"]
    assert "sf_within" not in html and "same_as" not in html and "(van)" not in html


def test_unassigned_municipality_says_so_in_dutch(client):
    html = page(client, "/doc/municipality/71016")
    assert "<strong>LIRES-deelregio:</strong> niet toegewezen</p>" in html
    assert client.get("/api/entities/municipality/71016").json()["subregion"] == "not assigned"


def test_pelt_shows_its_derived_deelregio_and_its_predecessors(client):
    html = page(client, "/doc/municipality/72043")
    line = re.sub(r"<[^>]+>", "", re.search(r'<p id="subregion">(.*?)</p>', html).group(1))
    assert line == (
        "LIRES-deelregio: Noord-Limburg (afgeleid: Neerpelt and Overpelt, both members, merged into Pelt on 2019-01-01)"
    )
    assert rows(html, "voorganger") == ["Neerpelt gemeente", "Overpelt gemeente"]
    assert rows(page(client, "/doc/municipality/72025"), "opgevolgd door") == ["Pelt gemeente"]


@pytest.mark.parametrize(
    "path", ["/doc/project/t2-campus", "/doc/organisation/pom-limburg", "/doc/subregion/noord-limburg"]
)
def test_no_deelregio_line_on_other_types(client, path):
    assert "LIRES-deelregio:" not in page(client, path)


def test_project_budget_in_euro_and_dates_at_their_precision(client):
    html = page(client, "/doc/project/t2-campus")
    assert rows(html, "budget (EUR)") == ["€ 57.000.000"]
    assert rows(html, "begin") == ["2017-04"] and rows(html, "einde") == ["2018-08-30"]  # start known to the month
    assert "precisie" not in html


def test_memberships_and_participations_are_named_by_their_ends(client):
    membership = client.get("/api/entities/membership/burgemeestersparlement--72043").json()
    assert membership["label"] == "Pelt — Burgemeestersparlement Limburg"
    participation = client.get("/api/entities/participation/t2-campus--stad-genk").json()
    assert participation["label"] == "Stad Genk (incl. AGB Genk) — T2-campus (technologie- en talentcampus)"
    html = page(client, "/doc/municipality/72043")
    assert "Pelt — Burgemeestersparlement Limburg lidmaatschap" in rows(html, "lid van")
    membership_page = page(client, "/doc/membership/burgemeestersparlement--72043")
    assert "<h1>Pelt — Burgemeestersparlement Limburg</h1>" in membership_page
