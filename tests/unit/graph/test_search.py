"""Folding and ranking of name search (graph.search), on made-up names and on the real data."""

from __future__ import annotations

import pytest

from graph.search import fold, search_index
from records.model import Key, Record, Text


def named(type_: str, ref: str, *names: tuple[str, str]) -> Record:
    return Record(Key(type_, ref), {"label": tuple(Text(n, lang) for n, lang in names)})


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sint-Truïden", "sint truiden"),
        ("sint truiden", "sint truiden"),
        ("St.-Truiden", "sint truiden"),
        ("st-truiden", "sint truiden"),
        ("  HAMONT–ACHEL ", "hamont achel"),
        ("Overlegcomité", "overlegcomite"),
        ("Stad Genk", "stad genk"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


RECORDS = [
    named("Municipality", "71053", ("Sint-Truiden", "nl")),
    named("Municipality", "71016", ("Genk", "nl")),
    named("Organisation", "stad-genk", ("Stad Genk", "nl")),
    named("Project", "ggl", ("Genk Green Logistics", "nl")),
    named("Project", "ford", ("Reconversie Ford-site", "nl"), ("Reconversion former Ford Genk site", "en")),
    named("Structure", "pijler", ("Sint-Pijlergenk", "nl")),
    Record(Key("Source", "genk-src"), {"label": (Text("Genk", "en"),)}),
]


@pytest.mark.parametrize("query", ["sint truiden", "Sint-Truïden", "st-truiden", "SINTTRUIDEN", "st truiden"])
def test_every_spelling_finds_sint_truiden_first(query):
    hits = search_index(RECORDS).search(query)
    assert hits[0].key == Key("Municipality", "71053") and hits[0].match == "exact"


def test_ranked_exact_prefix_word_contains():
    hits = search_index(RECORDS).search("genk")
    assert [(h.key.ref, h.match) for h in hits] == [
        ("71016", "exact"),
        ("ggl", "prefix"),
        ("stad-genk", "word"),
        ("ford", "word"),  # through its English name
        ("pijler", "contains"),
    ]
    assert hits[3].matched == "Reconversion former Ford Genk site"


def test_sources_are_not_searched_and_types_narrow():
    index = search_index(RECORDS)
    assert Key("Source", "genk-src") not in {h.key for h in index.search("genk")}
    assert [h.key.ref for h in index.search("genk", types=("Project",))] == ["ggl", "ford"]


def test_st_is_tried_as_typed_too():
    refs = [h.key.ref for h in search_index(RECORDS).search("st")]
    assert "stad-genk" in refs and "71053" in refs


@pytest.mark.parametrize("query", ["", "  ", "--", "?!"])
def test_nothing_to_search_matches_nothing(query):
    assert search_index(RECORDS).search(query) == []


def test_real_data(records):
    index = search_index(records.values())
    assert index.search("sint truiden")[0].key == Key("Municipality", "71053")
    assert index.search("st-truiden")[0].key == Key("Municipality", "71053")
    pelt = index.search("pelt")
    assert pelt[0].key == Key("Municipality", "72043") and pelt[0].match == "exact"
    assert {h.key for h in pelt if h.match == "contains"} >= {Key("Municipality", "72029")}  # Overpelt
