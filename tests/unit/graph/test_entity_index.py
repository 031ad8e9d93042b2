"""The entity index of the real build answers exactly what a walk over every record answers: keys, names,
records, incoming links (as graph.network has them), and every combination of the list filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.entities import NOT_ASSIGNED, EntityIndex, fold
from graph.network import to_networkx
from graph.store import open_current
from ontology.vocab import vocabulary
from records.labels import display_label
from records.model import Key, Record
from tests.support import BASE

QUERIES = ["genk", "GENK", "limburg", "é", "t2", "sint-truiden", "campus t2", "stad genk — t2", "pom", "xyz", "  pelt "]


@pytest.fixture(scope="module")
def index(store: Path) -> EntityIndex:
    return EntityIndex.build(open_current(store).path / "records.jsonl", BASE)


def shown(records: dict[Key, Record], rec: Record) -> str:
    """The name the API shows: a relation's two ends, else the display label."""
    relation = vocabulary().qualified_relations.get(rec.key.type)
    if relation and all(rec.first(slot) in records for slot in relation[:2]):
        return " — ".join(display_label(records[rec.first(slot)]) for slot in relation[:2])
    return display_label(rec)


def naive(records: dict[Key, Record], type_: str | None, subregion: Key | str | None, q: str | None) -> list[Key]:
    """The list filters as a walk over every record, sorted by (type, ref)."""

    def subregions(rec: Record) -> set[Key]:
        if rec.key.type == "Municipality":
            return set(rec.values.get("subregion", ()))
        if rec.key.type == "Project":
            return {s for m in rec.values.get("at_location", ()) for s in records[m].values.get("subregion", ())}
        return set()

    chosen = []
    for key in sorted(records):
        rec = records[key]
        if type_ and key.type != type_:
            continue
        if subregion == NOT_ASSIGNED and (key.type != "Municipality" or rec.values.get("subregion")):
            continue
        if isinstance(subregion, Key) and subregion not in subregions(rec):
            continue
        names = [shown(records, rec), *(t.value for t in rec.values.get("label", ()))]
        if q and q.strip() and not any(fold(q.strip()) in fold(name) for name in names):
            continue
        chosen.append(key)
    return chosen


def test_every_entity_has_its_number_name_and_record(index: EntityIndex, records: dict[Key, Record]):
    assert len(index) == len(records) == 488
    for i in range(len(index)):
        key = index.key(i)
        assert index.find(key) == i
        assert index.labels[i] == shown(records, records[key])
        assert index.record(i).values == records[key].values
    assert [index.key(i) for i in range(len(index))] == sorted(records)
    assert index.find(Key("Municipality", "99999")) is None and index.find(Key("Nope", "x")) is None
    genk = index.summary(index.find(Key("Municipality", "71016")))
    assert (genk.label, genk.iri) == ("Genk", f"{BASE}id/municipality/71016")


def test_incoming_links_are_the_networks(index: EntityIndex, records: dict[Key, Record]):
    network = to_networkx(records.values(), BASE)
    for i in range(len(index)):
        iri = index.summary(i).iri
        expected = [] if iri not in network else [(slot, s) for s, _, slot in network.in_edges(iri, keys=True)]
        assert [(slot, index.summary(s).iri) for slot, s in index.incoming(i)] == expected


@pytest.mark.parametrize("q", [None, *QUERIES])
def test_every_filter_combination_selects_what_a_walk_selects(index, records, q):
    subregions = [None, NOT_ASSIGNED, *(k for k in sorted(records) if k.type == "Subregion")]
    for type_ in [None, *sorted({k.type for k in records})]:
        for subregion in subregions:
            got = [index.key(int(i)) for i in index.select(type_, subregion, q)]
            assert got == naive(records, type_, subregion, q), (type_, subregion, q)


def test_real_searches_find_real_entities(index: EntityIndex):
    found = {index.labels[int(i)] for i in index.select(q="sint-truiden")}
    assert "Sint-Truiden" in found
    assert len(index.select("Municipality", NOT_ASSIGNED)) == 40
    assert len(index.select("Municipality", Key("Subregion", "noord-limburg"))) == 10
