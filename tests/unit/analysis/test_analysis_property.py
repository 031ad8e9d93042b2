"""Property: adding a project to an empty cell of the real matrix removes that gap and changes nothing else."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.coverage import GAP, coverage
from graph.analysis.gaps import gaps
from graph.analysis.objectives import lineage
from graph.analysis.scope import make_scope
from graph.analysis.territory import successor
from records.model import Key, Record, Text

NEW = Key("Project", "hypothetical-project")


@st.composite
def additions(draw, records):
    """A scope and a project serving an empty cell of its matrix: (filters, objective, territory, project)."""
    filters = {
        "by": draw(st.sampled_from(["subregion", "arrondissement"])),
        "year": draw(st.one_of(st.none(), st.integers(2005, 2026))),
        "strategy": draw(st.sampled_from([None, "lires", "salk", "salkturbo"])),
    }
    report = gaps(make_scope(records, **filters))
    cell = draw(st.sampled_from(report.empty_cells))
    territory = report.coverage.scope.partition.territory(cell.territory)
    # a location today in the territory, or a municipality that has since merged into one there
    places = [k for k in records if k.type == "Municipality" and successor(records, k) in territory.municipalities]
    narrower = [k for k in records if k.type == "Objective" and cell.objective in lineage(records, k)]
    values = {
        "label": (Text("Hypothetical project", "en"),),
        "serves": (draw(st.sampled_from(narrower)),),
        "at_location": (draw(st.sampled_from(places)),),
    }
    if draw(st.booleans()):
        values["budget_eur"] = (Decimal(draw(st.integers(0, 10**9))),)
    return filters, cell, Record(NEW, values)


def test_filling_an_empty_cell_removes_only_that_gap(records):
    @settings(max_examples=40, deadline=None)
    @given(additions(records))
    def check(addition):
        filters, cell, project = addition
        before = gaps(make_scope(records, **filters))
        after = gaps(make_scope({**records, NEW: project}, **filters))
        filled = after.coverage.cell(cell.objective, cell.territory)
        assert filled.status != GAP and filled.projects == (NEW,)
        assert [c for c in before.empty_cells if c != cell] == list(after.empty_cells)
        unchanged = {k: c for k, c in before.coverage.cells.items() if k != (cell.objective, cell.territory)}
        assert unchanged == {k: c for k, c in after.coverage.cells.items() if k != (cell.objective, cell.territory)}

    check()


def test_the_real_matrix_has_empty_cells_to_fill(records):
    assert len(coverage(make_scope(records)).cells) == 90  # 15 top objectives x (5 subregions + unassigned)
    # Noord-Limburg: all but EFRO 2007-2013 axes 2 and 3 (Lommel, Bree, Overpelt, Neerpelt, Hechtel-Eksel);
    # Midden-Limburg: all but salk-1, salk-3 (Genk; Noord-Zuid in Houthalen) and the four EFRO axes (Hasselt 71022,
    # Diepenbeek, Genk, Houthalen-Helchteren); the not-assigned municipalities: all but salk-1 and EFRO axes 1-3;
    # Maasland, West- and Zuid-Limburg: unknown, not empty
    assert len(gaps(make_scope(records)).empty_cells) == 13 + 9 + 11
