"""The workbench's API and pages on the real data: paths between two entities, brokers, the synergy list with its
downloads, the map, the front page's completeness panel and the entity page's suggestions."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from graph.analysis.completeness import completeness
from graph.analysis.scope import make_scope
from records.model import Key


def test_paths_from_stad_genk_to_uhasselt(client):
    response = client.get("/api/paths", params={"from": "organisation/stad-genk", "to": "organisation/uhasselt"})
    assert response.status_code == 200
    body = response.json()
    assert body["source"]["label"] == "Stad Genk (incl. AGB Genk)"
    assert body["target"]["iri"] == "https://w3id.org/lires/id/organisation/uhasselt"
    assert 1 <= len(body["paths"]) <= 3
    costs = [p["cost"] for p in body["paths"]]
    assert costs == sorted(costs), "cheapest first"
    first = body["paths"][0]
    assert [(h["entity"]["ref"], h["relation"], h["forward"]) for h in first["hops"]] == [
        ("71016", "governs", True),  # Stad Genk governs Genk
        ("energyville-thor-park", "location", False),  # Genk is where EnergyVille stands
        ("uhasselt", "partner", False),  # EnergyVille has UHasselt as partner
    ]
    assert first["text"] == (
        "Stad Genk (incl. AGB Genk) — bestuurt — Genk — locatie van — EnergyVille research centre (Thor Park) — "
        "partner — UHasselt (Universiteit Hasselt)"
    )
    assert any("partner in (ontwikkelaar)" in p["text"] for p in body["paths"]), "Stad Genk develops Thor Park"


def test_paths_by_iri_in_english_and_at_most_max(client):
    body = client.get(
        "/api/paths",
        params={
            "from": "https://w3id.org/lires/id/organisation/stad-genk",
            "to": "organisation/uhasselt",
            "max": 1,
            "lang": "en",
        },
    ).json()
    client.cookies.clear()
    assert len(body["paths"]) == 1
    assert body["paths"][0]["hops"][0]["text"] == "is the government of"


def test_a_path_reaches_objectives_and_territories_through_the_agenda(client):
    body = client.get("/api/paths", params={"from": "municipality/72043", "to": "objective/salk-1-2"}).json()
    last = body["paths"][0]["hops"][-1]
    assert (last["entity"]["ref"], last["relation"], last["forward"]) == ("salk-1-2", "serves", True)


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"from": "organisation/stad-genk", "to": "organisation/stad-genk"}, 400, "same entity"),
        ({"from": "organisation/nope", "to": "organisation/uhasselt"}, 404, "no entity with id"),
        ({"from": "planet/earth", "to": "organisation/uhasselt"}, 404, "unknown type 'planet'"),
        ({"from": "organisation/stad-genk"}, 422, None),
        ({"from": "organisation/stad-genk", "to": "organisation/uhasselt", "max": 4}, 422, None),
    ],
)
def test_bad_paths_say_why(client, params, status, says):
    response = client.get("/api/paths", params=params)
    assert response.status_code == status
    if says:
        assert says in response.json()["detail"]


def test_brokers_set_the_structure_of_everybody_apart(client, records):
    body = client.get("/api/brokers", params={"top": 5}).json()
    municipalities = [k for k in records if k.type == "Municipality" and records[k].first("is_replaced_by") is None]
    everybody = [b["ref"] for b in body["everybody"]]
    assert everybody == ["burgemeestersparlement"]
    scope = make_scope(records)
    members = {
        m
        for k in scope.memberships
        if records[k].first("organization") == Key("Structure", "burgemeestersparlement")
        for m in scope.members(k)
    }
    assert set(municipalities) <= members, "every municipality of today is a member (merged ones through their parts)"
    ranked = [b["betweenness"] for b in body["brokers"]]
    assert len(ranked) == 5 and ranked == sorted(ranked, reverse=True)
    assert "burgemeestersparlement" not in {b["ref"] for b in body["brokers"]}
    hasselt = body["brokers"][0]
    assert hasselt["label"] == "Hasselt" and len(hasselt["links"]) >= 2, "a broker links several communities"
    sizes = [c["size"] for c in body["communities"]]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == client.get("/api/overview").json()["entities"]


def test_brokers_page(client):
    html = client.get("/viz/brokers").text
    assert "<h1>Wie verbindt?</h1>" in html
    assert re.search(r'<section id="everybody".*Burgemeestersparlement Limburg</a>: elke gemeente is lid', html, re.S)
    assert html.count('<tr data-id="') == 25


def test_synergy_list_ranks_per_kind_and_sets_nested_pairs_apart(client):
    html = client.get("/viz/synergies").text
    nested = re.search(r'<section id="nested">(.*?)</section>', html, re.S).group(1)
    pairs = set(re.findall(r'data-a="([^"]+)" data-b="([^"]+)"', nested))
    assert (
        len(pairs) == 15
        and {
            ("project/be-mine", "project/houtpark-be-mine"),
            ("project/terhills", "project/terhills-resort"),
            ("project/ford-site-lvf", "project/ggl-zone-b"),
        }
        < pairs
    )
    ranked = re.search(r'<section id="kind-project">(.*?)</section>', html, re.S).group(1)
    assert not pairs & set(re.findall(r'data-a="([^"]+)" data-b="([^"]+)"', ranked)), "not ranked first"
    assert "Ze delen partners De Vlaamse Waterweg nv, Vlaamse Regering en VLAIO (Agentschap Innoveren en" in ranked
    assert "Adamic-Adar" not in ranked, "the jargon only in the explanation for analysts"
    assert "Adamic-Adar" in html.split("<details>")[1]


def test_synergy_list_filters(client):
    html = client.get("/viz/synergies", params={"kind": "municipality", "objective": "salk-1-6"}).text
    rows = re.findall(r'<tr data-a="municipality/(\d+)" data-b="municipality/(\d+)">', html)
    assert rows and all("SALK 1.6" in why for why in re.findall(r'<td class="why">([^<]*)</td>', html))
    assert 'id="kind-project"' not in html
    assert client.get("/viz/synergies", params={"kind": "planet"}).status_code == 400
    assert client.get("/viz/synergies", params={"with": "organisation/nope"}).status_code == 404


def test_synergy_downloads_hold_the_whole_list(client):
    shown = client.get("/viz/synergies", params={"kind": "project"}).text
    count = int(re.search(r'<section id="kind-project">\s*<h2>Projecten <span class="meta">\((\d+)\)', shown).group(1))
    nested = len(re.findall(r"<tr data-a", re.search(r'<section id="nested">(.*?)</section>', shown, re.S).group(1)))
    response = client.get("/viz/synergies", params={"kind": "project", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="lires-synergieen.csv"' in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][:6] == ["rang", "soort", "entiteit A", "entiteit B", "score", "waarom"]
    assert len(rows) == 1 + count + nested
    assert rows[1][2:4] == [
        "Reconversion former Ford Genk site (Logistics Valley Flanders)",
        "Nieuwe Maasbrug (Pater Sangersbrug) Maaseik",
    ]
    book = openpyxl.load_workbook(io.BytesIO(client.get("/viz/synergies?kind=project&format=xlsx").content))
    sheet = book.active
    assert [c.value for c in sheet[1]][:4] == ["rang", "soort", "entiteit A", "entiteit B"]
    assert sheet.max_row == 1 + count + nested
    assert client.get("/viz/synergies", params={"format": "pdf"}).status_code == 400


def test_entity_page_offers_partners_paths_and_the_explorer(client):
    html = client.get("/doc/organisation/stad-genk", headers={"Accept": "text/html"}).text
    section = re.search(r'<section id="could-work-with">(.*?)</section>', html, re.S).group(1)
    assert section.count("<li>") == 5
    assert 'href="/viz/synergies?with=organisation/stad-genk"' in section
    assert 'href="/viz/paths?from=organisation/stad-genk"' in html
    assert 'href="/viz/explorer?focus=organisation/stad-genk"' in html
    source = client.get("/doc/source/repo2020", headers={"Accept": "text/html"}).text
    assert "could-work-with" not in source and "/viz/paths?from" not in source


def test_the_map_draws_every_municipality_of_today(client, records):
    html = client.get("/viz/map").text
    today = [k for k in records if k.type == "Municipality" and records[k].first("is_replaced_by") is None]
    drawn = re.findall(r'<a href="/doc/(municipality/\d+)" class="place"', html)
    assert sorted(drawn) == sorted(f"municipality/{k.ref}" for k in today)
    assert 'id="missing"' not in html
    assert "https://" not in html.split('<svg id="map"')[1].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")
    assert client.get("/viz/map", params={"objective": "nope"}).status_code == 400


def test_the_front_page_panel_says_what_the_data_lacks(client, records):
    html = client.get("/").text
    found = completeness(make_scope(records))
    counts = found.counts
    assert f"{counts.without_subregion} van de {counts.municipalities} gemeenten hebben geen deelregio." in html
    assert f"{counts.without_objective} van de {counts.projects} projecten hebben geen doelstelling." in html
    assert f"{len(found.projects_only_unassigned)} projecten liggen alleen in gemeenten zonder deelregio" in html
    assert f"{found.gaps_near_unplaced} lege cellen liggen in een gebied" in html
    assert html.count('class="place"') == len(
        [k for k in records if k.type == "Municipality" and records[k].first("is_replaced_by") is None]
    )
    for technical in ("Lidmaatschap", "Deelname", ">Bron<"):
        assert technical not in html


def test_the_pages_answer_in_english(client):
    for path, heading in (
        ("/viz/synergies", "Who could work together?"),
        ("/viz/paths", "How are they connected?"),
        ("/viz/brokers", "Who bridges?"),
        ("/viz/map", "Map of the municipalities"),
        ("/", "Who works with whom in Limburg?"),
    ):
        html = client.get(path, params={"lang": "en"}).text
        assert f"<h1>{heading}</h1>" in html, path
    client.cookies.clear()


def test_paths_page_says_what_is_wrong(client):
    response = client.get("/viz/paths", params={"from": "organisation/stad-genk", "to": "organisation/nope"})
    assert response.status_code == 404 and "geen entiteit met id &#39;organisation/nope&#39;" in response.text
    same = client.get("/viz/paths", params={"from": "organisation/lrm", "to": "organisation/lrm"})
    assert same.status_code == 400 and "Kies twee verschillende entiteiten." in same.text
