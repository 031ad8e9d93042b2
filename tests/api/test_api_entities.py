"""/health, /api/entities and /doc on the real built graph."""

from __future__ import annotations


def test_health_reports_counts(client):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["entities"]["Municipality"] == 50
    assert body["entities"]["Arrondissement"] == 3


def test_municipalities_of_noord_limburg(client):
    body = client.get("/api/entities", params={"type": "municipality", "subregion": "noord-limburg"}).json()
    assert body["count"] == 10
    assert [e["ref"] for e in body["data"]] == [
        "72003",
        "72004",
        "72020",
        "72025",
        "72029",
        "72030",
        "72037",
        "72038",
        "72040",
        "72043",
    ]


def test_unassigned_municipalities_are_listed(client):
    body = client.get("/api/entities", params={"type": "municipality", "subregion": "none", "limit": 1000}).json()
    assert body["count"] == 32  # 18 of the 50 are placed: Noord-Limburg 10, Midden-Limburg 8
    assert "Oudsbergen" in {e["label"] for e in body["data"]}


def test_search_ignores_case_and_accents(client):
    body = client.get("/api/entities", params={"q": "TESSÉNDERLO", "type": "municipality"}).json()
    assert {e["ref"] for e in body["data"]} == {"71057", "71071"}


def test_paging(client):
    first = client.get("/api/entities", params={"type": "municipality", "limit": 20}).json()
    rest = client.get("/api/entities", params={"type": "municipality", "limit": 20, "offset": 40}).json()
    assert first["count"] == rest["count"] == 50
    assert len(first["data"]) == 20 and len(rest["data"]) == 10


def test_genk_detail_with_neighbours_and_sources(client):
    body = client.get("/api/entities/municipality/71016").json()
    assert body["label"] == "Genk"
    assert body["properties"]["population"] == [66447]
    assert body["subregion"] == "Midden-Limburg"
    assert (body["properties"]["subregion_basis"], body["properties"]["subregion_confidence"]) == (
        ["source"],
        ["medium_high"],
    )
    out = {(link["slot"], link["ref"]) for link in body["links"] if link["direction"] == "out"}
    assert ("sf_within", "71000") in out
    projects_here = {link["ref"] for link in body["links"] if link["slot"] == "at_location"}
    assert {"t2-campus", "thor-park", "ford-site-lvf"} <= projects_here
    assert all(s["url"].startswith("http") for s in body["sources"])


def test_pelt_is_in_noord_limburg(client):
    assert client.get("/api/entities/municipality/72043").json()["subregion"] == "Noord-Limburg"


def test_bad_input_gets_4xx_with_message(client):
    assert client.get("/api/entities", params={"type": "planet"}).status_code == 400
    assert client.get("/api/entities", params={"subregion": "atlantis"}).json()["error"] == "bad_request"
    assert client.get("/api/entities", params={"limit": 0}).status_code == 422
    missing = client.get("/api/entities/municipality/99999")
    assert missing.status_code == 404 and "99999" in missing.json()["detail"]
    assert client.get("/api/entities/planet/x").status_code == 404


def test_id_redirects_to_doc(client):
    response = client.get("/id/project/t2-campus", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/doc/project/t2-campus"


def test_doc_negotiates_html_and_rdf(client):
    html = client.get("/doc/project/t2-campus", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "T2-campus" in html.text and "Stad Genk" in html.text
    turtle = client.get("/doc/project/t2-campus", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "57000000" in turtle.text
    assert client.get("/doc/project/t2-campus", headers={"Accept": "image/png"}).status_code == 406


def test_health_is_503_before_the_first_build(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import ApiSettings

    response = TestClient(create_app(ApiSettings(store=tmp_path))).get("/health")
    assert response.status_code == 503 and response.json()["status"] == "no_graph"
