"""/api/search (suggestions) and the facets of /api/entities and /entities, on the real data: every answer is
checked against the records themselves, so the tests hold as the data grows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.analysis.as_of import active
from graph.analysis.objectives import lineage
from records.model import Key


@pytest.mark.parametrize("query", ["sint truiden", "Sint-Truïden", "st-truiden", "ST TRUIDEN"])
def test_suggestions_find_sint_truiden_first(client, query):
    body = client.get("/api/search", params={"q": query}).json()
    first = body["data"][0]
    assert (first["ref"], first["type"], first["match"]) == ("71053", "Municipality", "exact")
    assert first["href"] == "/doc/municipality/71053" and first["label"] == "Sint-Truiden"
    assert first["type_label"] == "gemeente"


def test_suggestions_are_ranked_and_limited(client):
    body = client.get("/api/search", params={"q": "genk", "limit": 5}).json()
    assert len(body["data"]) == 5 and body["count"] > 5
    assert body["data"][0]["label"] == "Genk" and body["data"][0]["match"] == "exact"
    order = ["exact", "prefix", "word", "contains"]
    ranks = [order.index(s["match"]) for s in body["data"]]
    assert ranks == sorted(ranks)


def test_suggestions_in_english(client):
    body = client.get("/api/search", params={"q": "sint truiden", "lang": "en"})
    client.cookies.clear()
    assert body.json()["data"][0]["type_label"] == "municipality"


def test_suggestions_of_one_type(client):
    body = client.get("/api/search", params={"q": "genk", "type": "project"}).json()
    assert body["data"] and {s["type"] for s in body["data"]} == {"Project"}


@pytest.mark.parametrize(
    ("params", "status"), [({"q": ""}, 422), ({"q": "genk", "limit": 0}, 422), ({"q": "x", "type": "planet"}, 400)]
)
def test_search_refuses_bad_input(client, params, status):
    assert client.get("/api/search", params=params).status_code == status


def test_entities_search_without_a_type(client):
    body = client.get("/api/entities", params={"q": "genk", "limit": 1000}).json()
    types = {e["type"] for e in body["data"]}
    assert {"Municipality", "Organisation", "Project"} <= types
    assert body["data"][0]["ref"] == "71016"
    assert sum(v["count"] for v in body["facets"]["type"]) == body["count"]


def test_entities_page_searches_without_a_type(client):
    page = client.get("/entities", params={"q": "sint truiden"})
    assert page.status_code == 200
    assert '<a href="/doc/municipality/71053">Sint-Truiden</a>' in page.text


def keys(body: dict) -> set[Key]:
    return {Key(e["type"], e["ref"]) for e in body["data"]}


def test_facet_status(client, records):
    body = client.get("/api/entities", params={"type": "project", "status": "in_progress", "limit": 1000}).json()
    expected = {k for k, r in records.items() if k.type == "Project" and r.first("status") == "in_progress"}
    assert expected and keys(body) == expected


def test_facet_partner_kind_is_an_organisations_own_kind(client, records):
    body = client.get("/api/entities", params={"type": "organisation", "partner_kind": "trade_union"}).json()
    unions = {
        k for k, r in records.items() if k.type == "Organisation" and r.first("organisation_kind") == "trade_union"
    }
    assert unions and keys(body) == unions


def test_facet_partner_kind_of_projects(client, records):
    body = client.get("/api/entities", params={"type": "project", "partner_kind": "municipal_government"}).json()
    for key in keys(body):
        kinds = {records[o].first("organisation_kind") for o in records[key].values["was_associated_with"]}
        assert "municipal_government" in kinds
    assert Key("Project", "thor-park") in keys(body)  # Stad Genk develops it


def within(records, strategy: Key) -> set[Key]:
    """The strategy and the strategies that are part of it (part_of, followed up)."""
    found = {strategy}
    while more := {k for k, r in records.items() if k.type == "Strategy" and r.first("part_of") in found} - found:
        found |= more
    return found


def test_facet_strategy_of_objectives_includes_strategies_part_of_it(client, records):
    body = client.get("/api/entities", params={"type": "objective", "strategy": "salk", "limit": 1000}).json()
    schemes = within(records, Key("Strategy", "salk"))
    expected = {k for k, r in records.items() if k.type == "Objective" and r.first("in_scheme") in schemes}
    assert Key("Objective", "salk-1") in expected and keys(body) == expected


def test_facet_objective_of_projects_counts_narrower_ones(client, records):
    body = client.get("/api/entities", params={"type": "project", "objective": "salk-1", "limit": 1000}).json()
    assert body["count"] > 0
    for key in keys(body):
        served = {o for s in records[key].values["serves"] for o in lineage(records, s)}
        assert Key("Objective", "salk-1") in served


def test_facet_budget_range(client, records):
    body = client.get("/api/entities", params={"type": "project", "budget_min": 10_000_000, "limit": 1000}).json()
    expected = {
        k
        for k, r in records.items()
        if k.type == "Project" and r.first("budget_eur") is not None and r.first("budget_eur") >= Decimal(10_000_000)
    }
    assert expected and keys(body) == expected


def test_facet_period(client, records):
    body = client.get(
        "/api/entities", params={"type": "project", "year_from": 2018, "year_to": 2018, "limit": 1000}
    ).json()
    expected = {k for k, r in records.items() if k.type == "Project" and active(r, 2018)}
    assert keys(body) == expected
    assert expected != {k for k in records if k.type == "Project"}  # some project is not active in 2018


def test_deelregio_facet_for_structures_goes_through_members(client, records):
    body = client.get("/api/entities", params={"type": "structure", "subregion": "noord-limburg"}).json()
    assert Key("Structure", "platform-noord-limburg") in keys(body)
    for key in keys(body):
        members = [
            r.first("member") for k, r in records.items() if k.type == "Membership" and r.first("organization") == key
        ]
        places = {m for m in members if m.type == "Municipality"} | {
            records[m].first("governs") for m in members if m.type == "Organisation"
        }
        regions = {s.ref for m in places if m in records for s in records[m].values.get("subregion", ())}
        assert "noord-limburg" in regions or Key("Subregion", "noord-limburg") in members


def test_arrondissement_facet_for_organisations_goes_through_what_they_govern(client, records):
    body = client.get("/api/entities", params={"type": "organisation", "arrondissement": "71000"}).json()
    assert Key("Organisation", "stad-genk") in keys(body)  # governs Genk, arr. Hasselt


@pytest.mark.parametrize(
    "params",
    [{"status": "sleeping"}, {"subregion": "atlantis"}, {"strategy": "nope"}, {"arrondissement": "99000"}],
)
def test_unknown_facet_values_are_400(client, params):
    response = client.get("/api/entities", params=params)
    assert response.status_code == 400 and "one of:" in response.json()["detail"]
