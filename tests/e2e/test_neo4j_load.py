"""The real data in a real Neo4j: counts, typed properties, constraints, idempotent re-load, full sync."""

from __future__ import annotations

import csv
import dataclasses

import pytest
from neo4j.time import Date

from graph.neo4j.load import LOAD_ID, load, load_ids
from graph.neo4j.projection import project
from graph.store import open_current
from ontology.vocab import vocabulary
from records.model import Key, Text
from tests.support import DATA, load_build

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def current(store):
    return open_current(store)


def rows(driver, query, **parameters):
    return driver.execute_query(query, parameters).records


def test_counts_per_label_and_type(neo4j_driver, neo4j_graph):
    labels = {
        r["label"]: r["n"]
        for r in rows(neo4j_driver, "MATCH (n) WHERE NOT n:LoadState RETURN labels(n)[0] AS label, count(*) AS n")
    }
    assert labels == neo4j_graph.nodes
    assert (labels["Municipality"], labels["Project"], labels["Organisation"], labels["Source"]) == (50, 201, 84, 285)
    types = {r["type"]: r["n"] for r in rows(neo4j_driver, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
    assert types == neo4j_graph.relationships
    with (DATA / "municipalities.csv").open(encoding="utf-8") as f:
        successors = sum(1 for row in csv.DictReader(f) if row["successor_nis"])
    assert types["IS_REPLACED_BY"] == successors == 12  # 2019: Pelt, Oudsbergen (2 each); 2025: 8 municipalities


def test_uniqueness_constraints_on_iri_and_key(neo4j_driver, neo4j_graph):
    found = {
        (r["labels"][0], r["properties"][0])
        for r in rows(
            neo4j_driver,
            "SHOW CONSTRAINTS YIELD type, labelsOrTypes AS labels, properties "
            "WHERE type = 'UNIQUENESS' RETURN labels, properties",
        )
    }
    assert found >= {(c.neo4j_label, p) for c in vocabulary().concrete() for p in ("iri", "key")}


def test_genk_as_a_node(neo4j_driver, neo4j_graph):
    genk = rows(
        neo4j_driver,
        "MATCH (m:Municipality {key: '71016'})-[:SF_WITHIN]->(a:Arrondissement) RETURN m, a.name_nl AS arrondissement",
    )[0]
    assert genk["m"]["name_nl"] == "Genk"
    assert genk["m"]["population"] == 66447
    assert genk["m"]["population_date"] == Date(2020, 1, 1)
    assert genk["m"]["iri"] == "https://w3id.org/lires/id/municipality/71016"
    assert genk["arrondissement"] == "Arrondissement Hasselt"


def test_reload_changes_nothing(neo4j_driver, neo4j_graph, current):
    again = load_build(neo4j_driver, current)
    assert again.counters == dict.fromkeys(again.counters, 0)
    assert not again.changed


def test_full_sync_removes_what_left_the_data_and_stray_elements(neo4j_driver, neo4j_graph, current):
    base = current.manifest["base_iri"]
    agropolis = Key("Project", "agropolis")  # project_partners.csv: one partner (prov-limburg)
    shrunk = [r for r in current.records if r.key != agropolis and agropolis not in r.values.get("activity", ())]
    renamed = [
        dataclasses.replace(r, values={**r.values, "label": (Text("Genk (test)", "nl"),)})
        if r.key == Key("Municipality", "71016")
        else r
        for r in shrunk
    ]
    neo4j_driver.execute_query("CREATE (:Stray {iri: 'x'})")
    neo4j_driver.execute_query(
        "MATCH (a:Municipality {key: '71016'}), (b:Municipality {key: '71011'}) "
        "CREATE (a)-[:SF_WITHIN]->(b), (a)-[:NOT_IN_SCHEMA]->(b)"
    )
    neo4j_driver.execute_query(
        "MATCH (a:Municipality {key: '71016'})-[:SF_WITHIN]->(h:Arrondissement) CREATE (a)-[:SF_WITHIN]->(h)"
    )  # a duplicate of a relationship in the build
    try:
        report = load(neo4j_driver, project(renamed, base))
        # The project, its one participation and the stray node; their relationships, the two stray ones and
        # the duplicate.
        assert report.counters["nodes_deleted"] == 3
        assert report.counters["relationships_created"] == 0
        assert rows(neo4j_driver, "MATCH (p:Project {key: 'agropolis'}) RETURN count(p) AS n")[0]["n"] == 0
        genk = rows(neo4j_driver, "MATCH (m:Municipality {key: '71016'}) RETURN m.name_nl AS n")
        assert genk[0]["n"] == "Genk (test)"
        stray = rows(
            neo4j_driver,
            "MATCH (:Municipality {key: '71016'})-[r]->(:Municipality {key: '71011'}) RETURN count(r) AS n",
        )
        assert stray[0]["n"] == 0
        within = rows(
            neo4j_driver, "MATCH (:Municipality {key: '71016'})-[r:SF_WITHIN]->(:Arrondissement) RETURN count(r) AS n"
        )
        assert within[0]["n"] == 1
        assert dict(rows(neo4j_driver, "MATCH ()-[r]->() RETURN count(r) AS n")[0]) == {
            "n": sum(neo4j_graph.relationships.values()) - report.counters["relationships_deleted"] + 3
        }
    finally:
        restored = load_build(neo4j_driver, current)
    assert restored.counters["nodes_created"] == 2
    assert restored.nodes == neo4j_graph.nodes


def test_a_new_base_iri_replaces_every_node(neo4j_driver, neo4j_graph, current):
    moved = project(current.records, "https://example.org/lires/")
    try:
        report = load(neo4j_driver, moved)
        # Each node of the old base shares its label and key with one of the new: it is deleted first.
        assert report.counters["nodes_deleted"] == report.counters["nodes_created"] == sum(neo4j_graph.nodes.values())
        iris = rows(neo4j_driver, "MATCH (m:Municipality {key: '71016'}) RETURN m.iri AS iri")
        assert [r["iri"] for r in iris] == ["https://example.org/lires/id/municipality/71016"]
        assert rows(neo4j_driver, "MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"] == sum(
            neo4j_graph.relationships.values()
        )
    finally:
        load_build(neo4j_driver, current)


def test_a_node_with_a_key_of_the_build_but_no_iri_is_replaced(neo4j_driver, neo4j_graph, current):
    genk = rows(neo4j_driver, "MATCH (m:Municipality {key: '71016'}) RETURN COUNT { (m)--() } AS n")[0]["n"]
    neo4j_driver.execute_query("MATCH (m:Municipality {key: '71016'}) DETACH DELETE m")
    neo4j_driver.execute_query("CREATE (:Municipality {key: '71016', name_nl: 'not from the build'})")
    report = load_build(neo4j_driver, current)
    assert (report.counters["nodes_deleted"], report.counters["nodes_created"]) == (1, 1)
    assert report.counters["relationships_created"] == genk
    found = rows(neo4j_driver, "MATCH (m:Municipality {key: '71016'}) RETURN m.name_nl AS name, m.iri AS iri")
    assert [tuple(r.values()) for r in found] == [("Genk", "https://w3id.org/lires/id/municipality/71016")]


def test_every_element_carries_the_load_id_of_its_label_or_type(neo4j_driver, neo4j_graph, current):
    node_ids, relationship_ids = load_ids(project(current.records, current.manifest["base_iri"]))
    marks = {
        r["label"]: r["ids"]
        for r in rows(
            neo4j_driver,
            f"MATCH (n) WHERE NOT n:LoadState RETURN labels(n)[0] AS label, collect(DISTINCT n.{LOAD_ID}) AS ids",
        )
    }
    assert marks == {label: [node_ids[label]] for label in neo4j_graph.nodes}
    marks = {
        r["type"]: r["ids"]
        for r in rows(neo4j_driver, f"MATCH ()-[r]->() RETURN type(r) AS type, collect(DISTINCT r.{LOAD_ID}) AS ids")
    }
    assert marks == {rel_type: [relationship_ids[rel_type]] for rel_type in neo4j_graph.relationships}
    assert len(set(node_ids.values())) == len(node_ids) == 12
