"""What if a project started? On the real data: a planned port extension in Lommel on SALK's running investment
files fills the one gap it should, finds the projects that share its objective or partner, and changes nothing in
the data; a bad plan gets the loaders' own errors, per project and field."""

from __future__ import annotations

import pytest

from graph.analysis.what_if import InvalidPlan, Plan, plan_fragments, what_if
from records.model import Key
from tests.support import BASE

LOMMEL = {
    "name": "Haven Lommel uitbreiding",
    "municipalities": ["72020"],
    "objectives": ["salk-1-6"],
    "partners": [{"organisation": "pom-limburg", "role": "lead"}, {"organisation": "abvv-limburg"}],
    "budget_eur": "2.500.000",
    "start": "2026",
}


def test_the_plan_fills_its_gap_and_finds_its_peers(records):
    before = dict(records)
    report, old, new = what_if(records, Plan.model_validate({"projects": [LOMMEL]}), BASE)
    assert [(c.objective.ref, c.territory.ref, c.before, c.after, c.filled) for c in report.changed_cells] == [
        ("salk-1", "noord-limburg", 0, 1, True)
    ]
    assert (report.gaps_before, report.gaps_after) == (33, 32)
    assert old.cell("salk-1", "noord-limburg").status == "gap"
    assert new.cell("salk-1", "noord-limburg").status == "covered"
    best = report.synergies[0]
    assert (best.a.label, best.b.label) == ("Haven Lommel uitbreiding", "Thor Park Genk")
    assert [o.ref for o in best.shared_objectives] == ["salk-1-6"] and [o.ref for o in best.common_neighbours] == [
        "pom-limburg"
    ]
    assert [(link.a.ref, link.b.ref) for link in report.new_links] == [("abvv-limburg", "pom-limburg")]
    assert report.empty_territories == [] and len(report.unserved_objectives) == 34
    assert records == before and Key("Project", "haven-lommel-uitbreiding") not in records  # nothing written


def test_by_arrondissement_it_adds_to_a_covered_cell(records):
    plan = Plan.model_validate({"projects": [LOMMEL], "scope": {"by": "arrondissement"}})
    report, _, _ = what_if(records, plan, BASE)
    assert [(c.territory.ref, c.before, c.after, c.filled) for c in report.changed_cells] == [("72000", 2, 3, False)]
    assert report.gaps_before == report.gaps_after


def test_a_bad_plan_gets_every_problem_per_project_and_field(records):
    bad = {
        "name": "Ergens",
        "municipalities": ["72020", "99999"],
        "objectives": ["salk-9"],
        "partners": [{"organisation": "pom-limburg", "role": "baas"}],
        "budget_eur": "veel",
        "start": "31/02/2026",
    }
    with pytest.raises(InvalidPlan) as refused:
        plan_fragments(Plan.model_validate({"projects": [LOMMEL, bad]}), records)
    assert sorted((n, field, f.value) for n, field, f in refused.value.problems) == [
        (2, "budget_eur", "veel"),
        (2, "municipalities", "99999"),
        (2, "objectives", "salk-9"),
        (2, "partners", "baas"),
        (2, "start", "31/02/2026"),
    ]


def test_two_plans_of_one_name_get_two_refs(records):
    fragments = plan_fragments(Plan.model_validate({"projects": [LOMMEL, LOMMEL]}), records)
    assert sorted({f.key.ref for f in fragments if f.key.type == "Project"}) == [
        "haven-lommel-uitbreiding",
        "haven-lommel-uitbreiding-2",
    ]
