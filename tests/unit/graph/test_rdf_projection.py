"""The RDF projection equals golden snapshots: of a small record set (Turtle, compared as graphs) and of the
real build of data/ (sorted N-Triples)."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.build import build
from graph.quads import quads
from graph.settings import default_data
from records.model import Key, Origin, Record, Text
from tests.support import FIXTURES

SNAPSHOT = FIXTURES / "snapshots" / "projection.ttl"
REAL_BUILD = FIXTURES / "snapshots" / "real-build.nt"
"""Every triple of the build of data/, one N-Triples line each, sorted; rewrite it after a deliberate change to
data/ or the schema with ``.venv/bin/python -m tests.unit.graph.test_rdf_projection``."""
ORIGIN = [Origin("test", 1)]


def sample_records() -> list[Record]:
    """Neerpelt merging into Pelt, and the T2-campus project, as in data/ (trimmed)."""
    source = Key("Source", "de-maaseik")
    return [
        Record(
            source,
            {
                "label": (Text("Arrondissement Maaseik (de.wikipedia)", "en"),),
                "url": ("https://de.wikipedia.org/wiki/Arrondissement_Maaseik",),
            },
            ORIGIN,
        ),
        Record(
            Key("Municipality", "72025"),
            {
                "label": (Text("Neerpelt", "nl"),),
                "nis_code": ("72025",),
                "sf_within": (Key("Arrondissement", "72000"),),
                "valid_through": (dt.date(2018, 12, 31),),
                "is_replaced_by": (Key("Municipality", "72043"),),
                "population": (17174,),
                "was_derived_from": (source,),
            },
            ORIGIN,
        ),
        Record(
            Key("Project", "t2-campus"),
            {
                "label": (Text("T2-campus (technologie- en talentcampus)", "nl"),),
                "budget_eur": (Decimal("57000000"),),
                "start_date": (dt.date(2017, 4, 1),),
                "start_precision": ("month",),
                "at_location": (Key("Municipality", "71016"),),
                "was_derived_from": (source,),
            },
            ORIGIN,
        ),
    ]


def projected() -> rdflib.Graph:
    nt = ox.serialize(
        [q.triple for q in quads("https://w3id.org/lires/", sample_records())], format=ox.RdfFormat.N_TRIPLES
    )
    return rdflib.Graph().parse(data=nt.decode(), format="nt")


def test_projection_matches_snapshot():
    expected = rdflib.Graph().parse(SNAPSHOT)
    actual = projected()
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    assert isomorphic(actual, expected), (
        "projection differs from tests/fixtures/snapshots/projection.ttl\nonly in "
        "projection:\n"
        + only_actual.serialize(format="nt")
        + "only in snapshot:\n"
        + only_expected.serialize(format="nt")
    )


def sorted_ntriples(store: Path) -> list[str]:
    """The current build's triples in ``store`` as sorted N-Triples lines (Oxigraph's serialisation)."""
    rdf = ox.Store.read_only(str(store / "current" / "oxigraph"))
    return sorted(rdf.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode().splitlines())


def test_real_build_matches_snapshot(store):
    built, expected = sorted_ntriples(store), REAL_BUILD.read_text(encoding="utf-8").splitlines()
    only_built, only_expected = sorted(set(built) - set(expected)), sorted(set(expected) - set(built))
    assert built == expected, (
        "build of data/ differs from tests/fixtures/snapshots/real-build.nt\nonly in the build:\n"
        + "\n".join(only_built[:20])
        + "\nonly in the snapshot:\n"
        + "\n".join(only_expected[:20])
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        build(default_data(), Path(scratch), "https://w3id.org/lires/")
        REAL_BUILD.write_text("".join(line + "\n" for line in sorted_ntriples(Path(scratch))), encoding="utf-8")
