"""A true "as of year" view on the real data: the municipalities in force that year, populations not dated
after it, and recorded places translated to the municipalities of the year."""

from __future__ import annotations

import pytest

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.scope import make_scope
from graph.analysis.territory import counterparts, municipalities_in_force
from records.model import Key

NEERPELT, OVERPELT, PELT = Key("Municipality", "72025"), Key("Municipality", "72029"), Key("Municipality", "72043")
KORTESSEM, OLD_HASSELT = Key("Municipality", "73040"), Key("Municipality", "71022")
HASSELT = Key("Municipality", "71072")


@pytest.mark.parametrize(
    ("year", "present", "absent"),
    [
        (2018, {NEERPELT, OVERPELT, KORTESSEM, OLD_HASSELT}, {PELT, HASSELT}),
        (2019, {PELT, KORTESSEM, OLD_HASSELT}, {NEERPELT, OVERPELT, HASSELT}),
        (2025, {PELT, HASSELT}, {NEERPELT, KORTESSEM, OLD_HASSELT}),
        (None, {PELT, HASSELT}, {NEERPELT, KORTESSEM, OLD_HASSELT}),
    ],
)
def test_municipalities_in_force(records, year, present, absent):
    in_force = set(municipalities_in_force(records, year))
    assert present <= in_force and not absent & in_force
    assert set(make_scope(records, year=year).municipalities) == in_force


def test_counterparts_go_forward_and_back_in_time(records):
    assert counterparts(records, PELT, 2018) == (NEERPELT, OVERPELT)
    assert counterparts(records, NEERPELT, 2018) == (NEERPELT,)
    assert counterparts(records, NEERPELT, 2020) == (PELT,)
    assert counterparts(records, NEERPELT) == (PELT,)
    assert counterparts(records, KORTESSEM, 2024) == (KORTESSEM,)
    assert counterparts(records, KORTESSEM, 2025) == (HASSELT,)
    assert counterparts(records, HASSELT, 2020) == (OLD_HASSELT, KORTESSEM)


def test_populations_are_not_dated_after_the_year(records):
    for year in (2018, 2020):
        for territory in make_scope(records, year=year).partition.territories:
            assert all(d.year <= year for d in territory.population_dates)
            counted = set(territory.municipalities) - set(territory.population_missing)
            assert all(records[m].first("population_date").year <= year for m in counted)
    noord = make_scope(records, year=2018).partition.territory("noord-limburg")
    assert NEERPELT in noord.municipalities and PELT not in noord.municipalities


def test_the_2018_network_has_neerpelt_not_pelt(records):
    nodes = set(cooperation_graph(make_scope(records, year=2018)))
    assert NEERPELT in nodes and OVERPELT in nodes and PELT not in nodes
    assert PELT in set(cooperation_graph(make_scope(records)))
