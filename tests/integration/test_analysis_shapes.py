"""Results as data: the RDF of a gap and a synergy run, added to the real graph, conforms to the schema's SHACL
shapes (a whole validation, so it lives with the build-level tests)."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from graph.analysis.gaps import gaps
from graph.analysis.results import gap_records, run_record, synergy_records
from graph.analysis.scope import make_scope
from graph.analysis.synergy import synergies
from graph.quads import quads, roles
from graph.shacl import validate
from graph.store import open_current
from graph.stores.oxigraph import OxigraphGraph
from tests.support import BASE

STARTED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_gap_and_synergy_rdf_conform_to_the_shapes(store, records):
    scope = make_scope(records, by="arrondissement")
    gap_run, synergy_run = (run_record(a, scope, "test-build", STARTED) for a in ("gaps", "synergy"))
    results = [
        gap_run,
        *gap_records(gaps(scope), gap_run),
        synergy_run,
        *synergy_records(scope, synergies(scope), synergy_run),
    ]
    rdf = ox.Store()
    rdf.bulk_extend(roles(BASE))
    rdf.bulk_extend(quads(BASE, open_current(store).records))
    rdf.bulk_extend(quads(BASE, results))
    assert validate(OxigraphGraph(rdf)) == []
    generated_by = ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy")
    assert len(
        list(rdf.quads_for_pattern(None, generated_by, ox.NamedNode(f"{BASE}id/analysis-run/{gap_run.key.ref}")))
    ) == sum(1 for r in results if r.key.type == "Gap")
