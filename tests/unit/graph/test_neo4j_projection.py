"""Records -> Neo4j rows (no server needed): names from the schema, typed properties, errors that name the record."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph.neo4j.projection import ProjectionError, project
from graph.store import open_current
from ontology.vocab import vocabulary
from records.model import Key, Text
from tests.support import BASE


@pytest.fixture(scope="module")
def records(store):
    return open_current(store).records


@pytest.fixture(scope="module")
def projection(records):
    return project(records, BASE)


def props(projection, label, ref):
    return next(row["props"] for row in projection.nodes[label] if row["props"]["key"] == ref)


def test_one_label_per_class_and_types_from_object_slots(projection):
    assert projection.node_counts()["Municipality"] == 50
    assert projection.node_counts()["Project"] == 201
    results = {"AnalysisRun", "Gap", "SynergyCandidate"}  # analysis results are computed on request, never built
    assert set(projection.node_counts()) == {c.neo4j_label for c in vocabulary().concrete()} - results
    object_slots = {s.name.upper() for s in vocabulary().slots.values() if s.kind == "object"}
    assert set(projection.relationship_counts()) <= object_slots
    assert {"SF_WITHIN", "WAS_DERIVED_FROM", "IS_REPLACED_BY", "AT_LOCATION"} <= set(projection.relationship_counts())


def test_genk_properties(projection):
    genk = props(projection, "Municipality", "71016")
    assert genk["iri"] == "https://w3id.org/lires/id/municipality/71016"
    assert genk["name_nl"] == "Genk"
    assert genk["nis_code"] == "71016"
    assert genk["population"] == 66447
    assert genk["population_date"] == dt.date(2020, 1, 1)
    assert genk["same_as"] == ["https://data.vlaanderen.be/id/gemeente/71016", "http://www.wikidata.org/entity/Q189692"]
    assert (genk["subregion_basis"], genk["subregion_confidence"]) == ("source", "medium_high")
    assert "label" not in genk and "sf_within" not in genk


def test_budget_as_float_and_partial_dates_with_precision(projection):
    t2 = props(projection, "Project", "t2-campus")  # projects.csv: budget 57000000, start 2017-04
    assert t2["budget_eur"] == 57_000_000.0 and isinstance(t2["budget_eur"], float)
    assert (t2["start_date"], t2["start_precision"]) == (dt.date(2017, 4, 1), "month")
    assert t2["name_nl"] == "T2-campus (technologie- en talentcampus)"


def test_relationships_of_a_merger_and_provenance(projection):
    replaced = {
        (r["start"], r["end"]) for r in projection.relationships[("Municipality", "IS_REPLACED_BY", "Municipality")]
    }
    pelt = "https://w3id.org/lires/id/municipality/72043"
    assert {s for s, e in replaced if e == pelt} == {
        "https://w3id.org/lires/id/municipality/72025",
        "https://w3id.org/lires/id/municipality/72029",
    }
    assert projection.relationship_counts()["WAS_DERIVED_FROM"] > 0
    assert len(projection.nodes["Source"]) == 285  # data/sources.csv rows


def test_property_names_are_unique_per_schema():
    names = ["iri", "key"]
    for slot in vocabulary().slots.values():
        if slot.kind != "object" and slot.name != "id":
            names += (
                [slot.neo4j_property(lang) for lang in ("nl", "en")]
                if slot.language_tagged
                else [slot.neo4j_property()]
            )
    assert len(names) == len(set(names))
    assert {"name_nl", "name_en", "description_en"} <= set(names)


def replace(records, old, **changes):
    return [dataclasses.replace(r, **changes) if r.key == old else r for r in records]


def test_empty_key_is_an_error_naming_the_record(records):
    bad = replace(records, Key("Project", "agropolis"), key=Key("Project", ""))
    with pytest.raises(ProjectionError, match=r"Project/'' \(projects\.csv:\d+.*empty key"):
        project(bad, BASE)


def test_duplicate_key_is_an_error_naming_both_records(records):
    twin = next(r for r in records if r.key == Key("Project", "agropolis"))
    with pytest.raises(ProjectionError, match="same key as record Project/'agropolis'"):
        project([*records, twin], BASE)


def test_link_to_a_missing_entity_is_an_error(records):
    without_genk = [r for r in records if r.key != Key("Municipality", "71016")]
    with pytest.raises(ProjectionError, match="links to Municipality/71016, which is not among the records"):
        project(without_genk, BASE)


def test_two_names_in_one_language_is_an_error(records):
    genk = next(r for r in records if r.key == Key("Municipality", "71016"))
    values = {**genk.values, "label": (Text("Genk", "nl"), Text("Genck", "nl"))}
    with pytest.raises(ProjectionError, match="two label values in language 'nl'"):
        project(replace(records, genk.key, values=values), BASE)
