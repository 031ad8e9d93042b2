"""Results as data: the same question gives the same run IRI; the gap and synergy CSV rows."""

from __future__ import annotations

import csv
import datetime as dt
import io

from graph.analysis.gaps import gaps
from graph.analysis.results import gaps_sheet, run_record, synergy_sheet
from graph.analysis.scope import make_scope
from graph.analysis.synergy import synergies
from graph.publish.sheets import csv_text
from tests.support import BASE

STARTED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_same_question_same_run_iri(records):
    first = run_record("gaps", make_scope(records, year=2020), "b", STARTED)
    again = run_record("gaps", make_scope(records, year=2020), "b", STARTED + dt.timedelta(hours=1))
    other = run_record("gaps", make_scope(records, year=2021), "b", STARTED)
    assert first.key == again.key != other.key


def test_gaps_csv_lists_every_gap_with_what_it_concerns(records):
    rows = list(csv.DictReader(io.StringIO(csv_text(gaps_sheet(gaps(make_scope(records, by="arrondissement")), BASE)))))
    first = rows[0]
    assert (first["rank"], first["gap_kind"], first["population"]) == ("1", "empty_cell", "341941")
    assert first["concerns"].split(";") == [
        f"{BASE}id/objective/lires-economic-potential",
        f"{BASE}id/arrondissement/71000",
    ]
    einstein = [r for r in rows if r["concerns"] == f"{BASE}id/project/einstein-telescope"]
    assert [r["gap_kind"] for r in einstein] == ["missing_objective", "missing_location"]


def test_synergy_csv_carries_the_evidence(records):
    scope = make_scope(records)
    rows = list(csv.DictReader(io.StringIO(csv_text(synergy_sheet(scope, synergies(scope, ["project"], top=2), BASE)))))
    assert rows[1]["a_label"] == "Reconversion former Ford Genk site (Logistics Valley Flanders)"
    assert rows[1]["common_neighbours"] == "Genk Green Logistics;Vlaamse Regering"
    assert rows[1]["shared_objectives"] == "Reconversie van de Ford-terreinen"
    assert [r["possibly_nested"] for r in rows] == ["true", "true"]  # Terhills / its resort; Ford site / zone B
