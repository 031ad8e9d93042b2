"""API details: entity types by path or class name, 404s that list the types, JSON asked of /doc, HTML lists of
each type from the front page."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("given", ["municipality", "Municipality", "MUNICIPALITY"])
def test_type_by_path_or_class_name(client, given):
    body = client.get("/api/entities", params={"type": given, "limit": 1}).json()
    assert body["count"] == 50 and body["data"][0]["type"] == "Municipality"


def test_unknown_type_lists_the_types(client):
    listing = client.get("/api/entities", params={"type": "planet"})
    assert listing.status_code == 400 and "arrondissement, gap, membership, municipality" in listing.json()["detail"]
    one = client.get("/api/entities/foo/71016")
    assert one.status_code == 404
    assert one.json()["detail"] == (
        "unknown type 'foo' in foo/71016; one of: analysis-run, arrondissement, gap, "
        "membership, municipality, objective, organisation, participation, project, "
        "province, source, strategy, structure, subregion, synergy-candidate"
    )


def test_doc_answers_json_clients_with_json_ld(client):
    response = client.get("/doc/municipality/71016", headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/ld+json")
    genk = next(n for n in response.json()["@graph"] if n["id"] == "https://w3id.org/lires/id/municipality/71016")
    assert genk["nis_code"] == "71016" and genk["skos:prefLabel"] == {"@language": "nl", "@value": "Genk"}


def test_front_page_links_each_type_to_its_html_list(client):
    home = client.get("/").text
    assert '<a href="/entities?type=municipality">38 gemeenten</a>' in home  # today's; the list holds all 50
    assert "/api/entities?type=" not in home
    page = client.get("/entities", params={"type": "municipality"})
    assert page.headers["content-type"].startswith("text/html")
    assert page.text.count('<tr><td><a href="/doc/municipality/') == 50
    assert '<a href="/doc/municipality/72043">Pelt</a>' in page.text
    memberships = client.get("/entities", params={"type": "Membership"}).text
    assert (
        '<a href="/doc/membership/burgemeestersparlement--72043">Pelt — Burgemeestersparlement Limburg</a>'
        in memberships
    )
    assert client.get("/entities", params={"type": "planet"}).status_code == 400
