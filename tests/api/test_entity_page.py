"""The entity page /doc/{type}/{ref} (Dutch; English with ?lang=en): schema display names, the deelregio line with
its basis, confidence and explanation for municipalities, the member table of a deelregio, readable names for
memberships and participations, Belgian number format."""

from __future__ import annotations

import re

import pytest


def page(client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    client.cookies.clear()  # ?lang=en is remembered in a cookie; the session's client stays Dutch
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


def text(html: str) -> str:
    """The page's text, tags stripped and white space collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def subregion_block(html: str) -> str:
    return text(re.search(r'<div id="subregion" class="subregion">(.*?)</div>', html, re.DOTALL).group(1))


def test_unassigned_municipality_says_so_in_dutch(client):
    html = page(client, "/doc/municipality/73042")  # Lanaken: no source places it in a deelregio
    assert "<strong>LIRES-deelregio:</strong> niet toegewezen</p>" in html
    assert client.get("/api/entities/municipality/73042").json()["subregion"] == "not assigned"
    assert "LIRES subregion: not assigned" in subregion_block(page(client, "/doc/municipality/73042?lang=en"))


def test_genk_shows_its_deelregio_with_basis_confidence_and_why(client):
    assert subregion_block(page(client, "/doc/municipality/71016")) == (
        "LIRES-deelregio: Midden-Limburg (grondslag: volgens een bron · betrouwbaarheid: middelhoog) "
        "toelichting: Genk: listed among the 8 municipalities of the streek Midden-Limburg in the POM-ERSV Limburg "
        "streekfoto (Oct 2016); assumes the ERSV streek equals the LIRES deelregio (same organisation, same five "
        "names, same year; the streekfoto does not say so) @en"
    )
    english = subregion_block(page(client, "/doc/municipality/71016?lang=en"))
    assert english.startswith(
        "LIRES subregion: Midden-Limburg (basis: stated by a source · confidence: medium-high) explanation: Genk: "
        "listed among"
    )
    assert not english.endswith("@en")  # the note is in the page's language


def test_pelt_shows_its_derived_deelregio_and_its_predecessors(client):
    html = page(client, "/doc/municipality/72043")
    assert subregion_block(html) == (
        "LIRES-deelregio: Noord-Limburg (grondslag: afgeleid) toelichting: Neerpelt and "
        "Overpelt, both members, merged into Pelt on 2019-01-01 @en"
    )
    assert rows(html, "voorganger") == ["Neerpelt gemeente", "Overpelt gemeente"]
    assert rows(page(client, "/doc/municipality/72025"), "opgevolgd door") == ["Pelt gemeente"]


def members(html: str) -> list[list[str]]:
    table = re.search(r'<table id="members">(.*?)</table>', html, re.DOTALL).group(1)
    return [
        [text(cell) for cell in re.findall(r"<t[dh]>(.*?)</t[dh]>", row, re.DOTALL)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    ]


def test_midden_limburg_lists_its_eight_municipalities_with_how_each_is_known(client):
    table = members(page(client, "/doc/subregion/midden-limburg"))
    assert table[0] == ["gemeente", "grondslag", "betrouwbaarheid", "toelichting"]
    assert [row[0] for row in table[1:]] == [
        "As",
        "Diepenbeek",
        "Genk",
        "Hasselt (t/m 2024-12-31)",
        "Houthalen-Helchteren",
        "Opglabbeek (t/m 2018-12-31)",
        "Zonhoven",
        "Zutendaal",
    ]
    assert {tuple(row[1:3]) for row in table[1:]} == {("volgens een bron", "middelhoog")}
    assert all("POM-ERSV Limburg streekfoto (Oct 2016)" in row[3] for row in table[1:])


def test_noord_limburg_in_english(client):
    html = page(client, "/doc/subregion/noord-limburg?lang=en")
    assert '<html lang="en">' in html and "<h2>Municipalities in this subregion</h2>" in html
    table = members(html)
    assert table[0] == ["municipality", "basis", "confidence", "explanation"]
    assert table[-2][:3] == ["Peer", "stated by a source", "medium"] and table[-1][:3] == ["Pelt", "derived", ""]
    assert 'href="/doc/municipality/72043"' in html
    assert "Geen bron" not in html and "Gegevens" not in html


def test_a_deelregio_without_sourced_members_says_so(client):
    assert "Geen bron plaatst een gemeente in deze deelregio." in page(client, "/doc/subregion/maasland")


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
