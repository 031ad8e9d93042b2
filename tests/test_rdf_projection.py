"""The RDF projection of a small record set equals a golden Turtle snapshot (compared as graphs)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.rdf import quads
from loaders.records import Key, Origin, Record, Text

SNAPSHOT = Path(__file__).parent / "snapshots" / "projection.ttl"
ORIGIN = [Origin("test", 1)]


def sample_records() -> list[Record]:
    """Neerpelt merging into Pelt, and the T2-campus project, as in data/ (trimmed)."""
    source = Key("Source", "de-maaseik")
    return [
        Record(source, {"label": (Text("Arrondissement Maaseik (de.wikipedia)", "en"),),
                        "url": ("https://de.wikipedia.org/wiki/Arrondissement_Maaseik",)}, ORIGIN),
        Record(Key("Municipality", "72025"), {
            "label": (Text("Neerpelt", "nl"),), "nis_code": ("72025",),
            "sf_within": (Key("Arrondissement", "72000"),), "valid_through": (dt.date(2018, 12, 31),),
            "is_replaced_by": (Key("Municipality", "72043"),), "population": (17174,),
            "was_derived_from": (source,)}, ORIGIN),
        Record(Key("Project", "t2-campus"), {
            "label": (Text("T2-campus (technologie- en talentcampus)", "nl"),), "budget_eur": (Decimal("57000000"),),
            "start_date": (dt.date(2017, 4, 1),), "start_precision": ("month",),
            "at_location": (Key("Municipality", "71016"),), "was_derived_from": (source,)}, ORIGIN),
    ]


def projected() -> rdflib.Graph:
    nt = ox.serialize([q.triple for q in quads("https://w3id.org/lires/", sample_records())],
                      format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=nt.decode(), format="nt")


def test_projection_matches_snapshot():
    expected = rdflib.Graph().parse(SNAPSHOT)
    actual = projected()
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    assert isomorphic(actual, expected), ("projection differs from tests/snapshots/projection.ttl\nonly in "
                                          "projection:\n" + only_actual.serialize(format="nt") +
                                          "only in snapshot:\n" + only_expected.serialize(format="nt"))
