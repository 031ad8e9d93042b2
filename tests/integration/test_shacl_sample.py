"""SHACL on a sample (large builds) judges each sampled node exactly as a full validation does."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.shacl import FULL_VALIDATION_MAX_TRIPLES, SAMPLE_PER_CLASS, plan, validate
from graph.store import open_current
from graph.stores.oxigraph import OxigraphGraph
from tests.support import BASE

NIS_CODE = ox.NamedNode(f"{BASE}ns#nisCode")
MUNICIPALITY = ox.NamedNode(f"{BASE}ns#Municipality")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def broken_copy(store: Path) -> OxigraphGraph:
    """An in-memory copy of the real graph where every municipality has a second, malformed NIS code."""
    copy = ox.Store()
    copy.bulk_extend(ox.Quad(*triple) for triple in open_current(store).rdf.triples())
    for quad in list(copy.quads_for_pattern(None, RDF_TYPE, MUNICIPALITY, ox.DefaultGraph())):
        copy.add(ox.Quad(quad.subject, NIS_CODE, ox.Literal("7101X")))
    return OxigraphGraph(copy)


def test_the_real_graph_is_validated_whole(store: Path):
    manifest = open_current(store).manifest
    assert manifest["triples"] <= FULL_VALIDATION_MAX_TRIPLES
    assert manifest["shacl"] == "all triples"
    assert plan(manifest["triples"]) is None
    assert plan(FULL_VALIDATION_MAX_TRIPLES + 1) == SAMPLE_PER_CLASS


def test_sampled_validation_of_the_real_graph_conforms(store: Path):
    assert validate(open_current(store).rdf, per_class=1) == []


def test_sample_finds_the_sampled_nodes_violations_and_no_others(store: Path):
    copy = broken_copy(store)
    full = validate(copy)
    sampled = validate(copy, per_class=3)
    nis_code = f"{BASE}ns#nisCode"
    full_focus = {v.focus for v in full if v.path == nis_code}
    sampled_focus = {v.focus for v in sampled if v.path == nis_code}
    assert len(full_focus) == 50, "each of the 50 municipalities has a bad second NIS code"
    assert len(sampled_focus) == 3
    assert sampled_focus < full_focus
    assert {v for v in sampled if v.focus in sampled_focus} == {v for v in full if v.focus in sampled_focus}
