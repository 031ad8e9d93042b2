"""/api/gaps, /api/synergies, /api/metrics on the real graph: filters, formats, errors, OpenAPI."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest


def test_gaps_json_cell_with_projects_and_budget(client):
    body = client.get("/api/gaps", params={"by": "arrondissement", "top": 3}).json()
    assert body["scope"] == {"by": "arrondissement", "year": None, "strategy": None, "subregion": None}
    cell = next(c for c in body["cells"] if (c["objective"], c["territory"]) == ("salk-1", "72000"))
    assert [p["ref"] for p in cell["projects"]] == ["terhills", "terhills-resort"]
    assert cell["budget_eur"] == 75_000_000.0  # Terhills Resort; Terhills itself has no reported budget
    assert (cell["budget_reported"], cell["per_inhabitant_indicative"]) == (1, True)
    assert cell["per_inhabitant_caveats"] == ["budget_incomplete"]
    biggest = body["empty_cells"][0]  # Arr. Hasselt: 2020 and 2022 figures, Hasselt without one
    assert biggest["population_dates"] == ["2020-01-01", "2022-01-01"]
    assert [m["ref"] for m in biggest["population_missing"]] == ["71072"]
    assert len(body["empty_cells"]) == 3 and body["empty_cells"][0]["territory"]["label"] == "Arrondissement Hasselt"


def test_gaps_as_of_a_year_for_one_strategy(client):
    body = client.get("/api/gaps", params={"strategy": "salk", "year": 2015, "by": "arrondissement"}).json()
    assert [o["ref"] for o in body["objectives"]] == ["salk-1", "salk-2", "salk-3"]
    cell = next(c for c in body["cells"] if (c["objective"], c["territory"]) == ("salk-1", "71000"))
    assert [p["ref"] for p in cell["projects"]] == ["thor-park", "be-mine"]


def test_unknown_population_is_null(client):
    territories = {t["ref"]: t for t in client.get("/api/gaps").json()["territories"]}
    assert territories["maasland"]["population"] is None  # no municipality known
    assert territories["noord-limburg"]["population_dates"] == ["2022-01-01"]
    # Midden-Limburg adds 2020 figures (arr. Hasselt) and 2022 ones (Houthalen-Helchteren, arr. Maaseik)
    assert (territories["midden-limburg"]["population"], territories["midden-limburg"]["population_dates"]) == (
        153_226,
        ["2020-01-01", "2022-01-01"],
    )


def test_gaps_in_one_subregion(client):
    body = client.get("/api/gaps", params={"subregion": "noord-limburg"}).json()
    assert [t["ref"] for t in body["territories"]] == ["noord-limburg"]
    assert len(body["territories"][0]["municipalities"]) == 7
    covered = {c["objective"]: [p["ref"] for p in c["projects"]] for c in body["cells"] if c["status"] != "gap"}
    efro = "efro-vlaanderen-2007-2013"  # shop fronts in Neerpelt, Lommel, Hechtel-Eksel; Kristalpark, Bree, Overpelt
    assert covered == {
        f"{efro}-2": [f"{efro}-800", f"{efro}-833", f"{efro}-840"],
        f"{efro}-3": [f"{efro}-237", f"{efro}-331", f"{efro}-776"],
    }


@pytest.mark.parametrize(
    "params, detail",
    [
        ({"strategy": "x"}, "unknown strategy 'x'"),
        ({"subregion": "kempen"}, "unknown subregion 'kempen'"),
        ({"format": "ods"}, "unknown format 'ods'"),
    ],
)
def test_bad_filters_are_400_with_a_message(client, params, detail):
    response = client.get("/api/gaps", params=params)
    assert response.status_code == 400 and detail in response.json()["detail"]


def test_bad_partition_and_year_are_422(client):
    assert client.get("/api/gaps", params={"by": "province"}).status_code == 422
    assert client.get("/api/synergies", params={"year": "later"}).status_code == 422


def test_gaps_as_csv_and_turtle(client):
    response = client.get("/api/gaps", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["gap_kind"] for r in rows} >= {"empty_cell", "unserved_objective", "missing_location"}
    turtle = client.get("/api/gaps", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))
    gap_type = ox.NamedNode("https://w3id.org/lires/ns#Gap")
    assert sum(1 for t in triples if t.object == gap_type) == len(rows)
    first = rows[0]  # the biggest empty cell carries the dates of the figures it adds up, and who is left out
    assert (first["population_dates"], first["population_missing"]) == (
        "2020-01-01;2022-01-01",
        "https://w3id.org/lires/id/municipality/71072",
    )
    first_gap = next(t.subject for t in triples if t.predicate.value.endswith("#rank") and t.object.value == "1")
    dates = sorted(
        t.object.value for t in triples if t.subject == first_gap and t.predicate.value.endswith("#populationDate")
    )
    assert dates == ["2020-01-01", "2022-01-01"]


def test_synergies_with_evidence(client):
    body = client.get("/api/synergies", params={"kind": "organisation", "top": 1}).json()
    [best] = body["suggestions"]
    assert (best["a"]["ref"], best["b"]["ref"]) == ("energyville", "prov-limburg")
    assert [p["ref"] for p in best["common_neighbours"]] == ["lrm", "lsm", "pom-limburg", "stad-genk", "uhasselt"]
    assert client.get("/api/synergies", params={"kind": "region"}).status_code == 400


def test_synergies_as_jsonld(client):
    response = client.get("/api/synergies", params={"kind": "project", "top": 2, "format": "jsonld"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert "SynergyCandidate" in response.text and "wasGeneratedBy" in response.text


def test_metrics_brokers_by_type(client):
    body = client.get("/api/metrics", params={"type": "organisation", "top": 2}).json()
    assert [n["ref"] for n in body["nodes"]] == ["lsm", "prov-limburg"]  # LSM funds the 24 protocol projects
    assert body["betweenness_sources"] is None  # a few hundred nodes: exact, not sampled
    assert client.get("/api/metrics", params={"type": "source"}).status_code == 400
    no_projects = client.get("/api/metrics", params={"type": "project", "subregion": "maasland"})
    assert no_projects.status_code == 200 and no_projects.json()["nodes"] == []  # no municipality known there
    noord = client.get("/api/metrics", params={"type": "project", "subregion": "noord-limburg"})
    assert noord.status_code == 200
    # the Bosland projects, and the EFRO 2007-2013 operations in Lommel (2), Bree, Overpelt, Neerpelt, Hechtel-Eksel
    assert {"strategisch-project-bosland", "nationaal-park-bosland-kandidatuur"} | {
        f"efro-vlaanderen-2007-2013-{n}" for n in ("237", "331", "776", "800", "833", "840")
    } <= {n["ref"] for n in noord.json()["nodes"]}


def test_metrics_as_csv_and_unknown_formats_refused(client):
    response = client.get("/api/metrics", params={"type": "organisation", "top": 2, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["iri"] for r in rows] == [
        "https://w3id.org/lires/id/organisation/lsm",
        "https://w3id.org/lires/id/organisation/prov-limburg",
    ]
    assert client.get("/api/metrics", headers={"Accept": "text/csv"}).headers["content-type"].startswith("text/csv")
    unknown = client.get("/api/metrics", params={"format": "foo"})
    assert unknown.status_code == 400 and "unknown format 'foo'" in unknown.json()["detail"]
    assert client.get("/api/metrics", params={"format": "ttl"}).status_code == 406  # no RDF for measures


def test_openapi_documents_the_response_models(client):
    spec = client.get("/openapi.json").json()
    for path, model in (
        ("/api/gaps", "GapReport"),
        ("/api/synergies", "SynergyReport"),
        ("/api/metrics", "MetricsReport"),
    ):
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith(model)
        assert {"by", "year", "strategy", "subregion"} <= {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
    for path in ("/api/gaps", "/api/synergies", "/api/metrics"):
        assert "text/csv" in spec["paths"][path]["get"]["responses"]["200"]["content"]


def test_a_cell_lists_a_page_of_its_projects_and_the_rest_page_by_page(client):
    # salk-1 in Midden-Limburg: four projects in Genk (tests/unit/analysis/test_analysis_gaps.py)
    cell = next(
        c
        for c in client.get("/api/gaps", params={"page": 2}).json()["cells"]
        if (c["objective"], c["territory"]) == ("salk-1", "midden-limburg")
    )
    assert (cell["count"], [p["ref"] for p in cell["projects"]]) == (4, ["thor-park", "t2-campus"])
    # three without a budget, of which the page lists two
    assert (cell["budget_reported"], [p["ref"] for p in cell["budget_unknown"]]) == (1, ["thor-park", "ford-site-lvf"])
    rest = client.get(
        "/api/gaps/cell", params={"objective": "salk-1", "territory": "midden-limburg", "offset": 1, "limit": 2}
    ).json()
    assert (rest["count"], rest["offset"]) == (4, 1)
    assert [p["ref"] for p in rest["projects"]] == ["t2-campus", "ford-site-lvf"]


def test_a_cell_outside_the_matrix_is_a_400(client):
    response = client.get("/api/gaps/cell", params={"objective": "salk-1", "territory": "72000"})
    assert response.status_code == 400 and "no cell ('salk-1', '72000')" in response.json()["detail"]
