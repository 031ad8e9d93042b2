"""The entity index of the real build answers exactly what the records answer: keys in (type, ref) order, names
in both languages, records, and incoming links as graph.network has them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.entities import EntityIndex
from graph.network import to_networkx
from graph.store import open_current
from ontology.vocab import vocabulary
from records.labels import display_label
from records.model import Key, Record, Text
from tests.support import BASE


@pytest.fixture(scope="module")
def index(store: Path) -> EntityIndex:
    return EntityIndex.build(open_current(store).path / "records.jsonl", BASE)


def shown(records: dict[Key, Record], rec: Record, lang: str) -> str:
    """The name the API shows: a relation's two ends, else the display label."""
    relation = vocabulary().qualified_relations.get(rec.key.type)
    if relation and all(rec.first(slot) in records for slot in relation[:2]):
        return " — ".join(display_label(records[rec.first(slot)], lang) for slot in relation[:2])
    return display_label(rec, lang)


def test_every_entity_has_its_number_name_and_record(index: EntityIndex, records: dict[Key, Record]):
    assert len(index) == len(records) == 1_089
    for i in range(len(index)):
        key = index.key(i)
        assert index.find(key) == i
        for lang in ("nl", "en"):
            assert index.label(i, lang) == shown(records, records[key], lang)
        assert index.record(i).values == records[key].values
        assert index.own_names(i) == list(dict.fromkeys(t.value for t in records[key].many("label", Text)))
    assert [index.key(i) for i in range(len(index))] == sorted(records)
    assert index.find(Key("Municipality", "99999")) is None and index.find(Key("Nope", "x")) is None
    genk = index.summary(index.find(Key("Municipality", "71016")))
    assert (genk.label, genk.iri) == ("Genk", f"{BASE}id/municipality/71016")
    municipalities = index.keys(index.of_type("Municipality"))
    assert (
        len(municipalities) == 50 and municipalities[:2] == sorted(k for k in records if k.type == "Municipality")[:2]
    )


def test_incoming_links_are_the_networks(index: EntityIndex, records: dict[Key, Record]):
    network = to_networkx(records.values(), BASE)
    for i in range(len(index)):
        iri = index.summary(i).iri
        expected = [] if iri not in network else [(slot, s) for s, _, slot in network.in_edges(iri, keys=True)]
        assert [(slot, index.summary(s).iri) for slot, s in index.incoming(i)] == expected


def test_one_entity_its_page_and_a_search_answer_without_reading_every_record(settings):
    """One entity, its page and a search come from the index: the build's records stay unread. A list reads
    them once per build, for its facet counts (api.finder)."""
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/api/entities/municipality/71016").json()["label"] == "Genk"
        assert client.get("/api/search", params={"q": "genk"}).json()["data"][0]["label"] == "Genk"
        assert client.get("/doc/municipality/71016").status_code == 200
        assert "records" not in vars(app.state.graphs.get())
        listed = client.get("/api/entities", params={"type": "municipality", "limit": 5}).json()
        assert listed["count"] == 50 and [e["ref"] for e in listed["data"]] == [
            "71002",
            "71004",
            "71011",
            "71016",
            "71017",
        ]
