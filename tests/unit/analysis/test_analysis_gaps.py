"""Gap analysis on the real data: answers checked by hand against data/*.csv."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.analysis.as_of import active
from graph.analysis.coverage import coverage
from graph.analysis.gaps import gaps
from graph.analysis.scope import ScopeError, make_scope
from records.model import Key


def refs(keys) -> list[str]:
    return [k.ref for k in keys]


SALK_1 = Key("Objective", "salk-1")


def test_salk_1_in_noord_limburg_is_an_empty_cell(records):
    # No project serving SALK part 1 lies in Noord-Limburg (Bocholt, Bree, Hamont-Achel, Hechtel-Eksel, Lommel, Peer,
    # Pelt); Bosland projects lie there but serve no SALK objective.
    cell = coverage(make_scope(records)).cell(SALK_1, "noord-limburg")
    assert (cell.status, cell.count) == ("gap", 0)


def test_salk_1_in_midden_limburg_rolls_up_narrower_objectives(records):
    # salk-1-1 (t2-campus), salk-1-2 (ford-site-lvf, ggl-zone-b) and salk-1-6-4 Thorpark (thor-park) roll up to
    # salk-1; all four lie in Genk, which the POM-ERSV streekfoto of Midden-Limburg lists.
    cell = coverage(make_scope(records)).cell(SALK_1, "midden-limburg")
    assert refs(cell.projects) == ["thor-park", "t2-campus", "ford-site-lvf", "ggl-zone-b"]
    assert cell.budget_eur == Decimal(57_000_000)
    assert refs(cell.budget_unknown) == ["thor-park", "ford-site-lvf", "ggl-zone-b"]
    # salk-1-6-2 BE-Mine and salk-1-6-3 Terhills roll up two levels; Beringen, Dilsen-Stokkem and Maasmechelen
    # have no deelregio in any source.
    unassigned = coverage(make_scope(records)).cell(SALK_1, "unassigned")
    assert refs(unassigned.projects) == ["terhills", "terhills-resort", "be-mine"]
    assert unassigned.budget_eur == Decimal(75_000_000 + 172_500_000)


def test_no_budget_per_inhabitant_over_a_part_of_the_inhabitants(records):
    scope = make_scope(records)
    unassigned = scope.partition.territory("unassigned")
    assert refs(unassigned.population_missing) == ["71072"]  # Hasselt since 2025 has no Statbel figure
    assert [d.isoformat() for d in unassigned.population_dates] == ["2020-01-01", "2022-01-01"]
    cell = coverage(scope).cell(SALK_1, "unassigned")
    # 75 M (resort only) + 172.5 M (be-MINE masterplan), but Hasselt's inhabitants are unknown: no figure
    assert (cell.budget_reported, cell.count, cell.budget_eur) == (2, 3, Decimal(247_500_000))
    assert (cell.per_inhabitant, cell.indicative) == (None, False)
    # Midden-Limburg's six municipalities of today all have a figure: 57 M over 153,226 inhabitants
    midden = scope.partition.territory("midden-limburg")
    assert (midden.population_missing, midden.population) == ((), 153_226)
    cell = coverage(scope).cell(SALK_1, "midden-limburg")
    assert (cell.budget_eur, cell.per_inhabitant, cell.indicative) == (Decimal(57_000_000), Decimal("372.00"), True)


def test_one_reported_budget_in_a_territory_of_one_date(records):
    matrix = coverage(make_scope(records, by="arrondissement"))
    maaseik = matrix.cell(SALK_1, "72000")  # Terhills (no budget) and Terhills Resort (75 M, Dilsen-Stokkem only)
    assert (maaseik.budget_eur, maaseik.budget_reported, maaseik.caveats) == (75_000_000, 1, ("budget_incomplete",))
    assert maaseik.per_inhabitant == Decimal("294.53")  # 75,000,000 / 254,645 inhabitants on 1 Jan 2022
    tongeren = matrix.cell(SALK_1, "73000")  # only Terhills, which reports no budget: nothing is known
    assert (tongeren.budget_eur, tongeren.per_inhabitant, tongeren.caveats) == (None, None, ())


def test_population_of_a_deelregio_without_known_municipalities_is_unknown_not_zero(records):
    maasland = make_scope(records).partition.territory("maasland")
    assert (maasland.population, maasland.population_dates, maasland.municipalities) == (None, (), ())


def test_by_arrondissement_terhills_counts_in_tongeren_through_maasmechelen(records):
    matrix = coverage(make_scope(records, by="arrondissement"))
    assert refs(matrix.cell(SALK_1, "73000").projects) == ["terhills"]
    assert refs(matrix.cell(SALK_1, "72000").projects) == ["terhills", "terhills-resort"]


def test_merged_municipalities_count_for_their_successor(records):
    scope = make_scope(records)
    # Spartacus lists Hasselt by its pre-2025 code 71022, now Hasselt 71072.
    assert refs(scope.locations(Key("Project", "spartacus"))) == ["71072", "71011", "73107"]
    assert "71022" not in refs(scope.municipalities) and len(scope.municipalities) == 38


def test_as_of_2015_only_projects_running_then(records):
    # t2-campus ran 2017-2018, ford-site-lvf from 2016, ggl-zone-b from 2018.
    cell = coverage(make_scope(records, by="arrondissement", year=2015)).cell(SALK_1, "71000")
    assert refs(cell.projects) == ["thor-park", "be-mine"]


def test_partial_dates_count_for_their_whole_year(records):
    ggl, delle = records[Key("Project", "ggl-zone-b")], records[Key("Project", "groene-delle")]
    assert (active(ggl, 2017), active(ggl, 2018)) == (False, True)  # start "2018"
    assert (active(delle, 2020), active(delle, 2021)) == (True, False)  # cancelled, end "2020"


def test_operational_projects_run_on_after_their_opening(records):
    # Terhills Resort (no start, end 2021-05 = opening), T2-campus (2017-04 to its opening 2018-08-30) and
    # Agropolis (2017-09 to its opening 2018-10) are operational: their end closed the build phase.
    resort, t2 = records[Key("Project", "terhills-resort")], records[Key("Project", "t2-campus")]
    assert (active(resort, 2000), active(resort, 2022)) == (True, True)
    assert (active(t2, 2016), active(t2, 2024)) == (False, True)
    assert refs(coverage(make_scope(records, year=2022)).cell(SALK_1, "unassigned").projects) == [
        "terhills",
        "terhills-resort",
        "be-mine",
    ]
    assert refs(coverage(make_scope(records, year=2022)).cell(SALK_1, "midden-limburg").projects) == [
        "thor-park",
        "t2-campus",
        "ford-site-lvf",
        "ggl-zone-b",
    ]


def test_unserved_salk_objectives(records):
    unserved = set(refs(gaps(make_scope(records, strategy="salk")).unserved_objectives))
    salk = Key("Strategy", "salk")
    scheme = {k.ref for k, r in records.items() if k.type == "Objective" and r.first("in_scheme") == salk}
    assert len(scheme) == 36  # parts 1-3, their items, the sub-actions of 1.1 and 1.6, 8 + 2 business cases
    # served: salk-1-1 and salk-3-2 (t2-campus), salk-1-2 (ford-site-lvf, ggl-zone-b), salk-1-6 (terhills-resort),
    # salk-1-6-2/3/4 (be-mine, terhills, thor-park), salk-3 (noord-zuid) and, through them, salk-1
    assert scheme - unserved == {
        "salk-1",
        "salk-1-1",
        "salk-1-2",
        "salk-1-6",
        "salk-1-6-2",
        "salk-1-6-3",
        "salk-1-6-4",
        "salk-3",
        "salk-3-2",
    }


def test_social_partners_without_any_role_come_first(records):
    organisations = refs(gaps(make_scope(records)).uninvolved_organisations)
    assert organisations[:4] == ["abvv-limburg", "aclvb-limburg", "acv-limburg", "serr-limburg"]
    assert "boerenbond-limburg" in organisations and "lrm" not in organisations


def test_every_municipality_sits_in_the_burgemeestersparlement(records):
    report = gaps(make_scope(records))
    assert report.uninvolved_municipalities == ()
    without_project = refs(report.municipalities_without_project)
    assert "72003" in without_project and "71016" not in without_project  # Bocholt has none, Genk many
    assert len(without_project) == 12


def test_thematic_structure_reach_by_arrondissement(records):
    reach = {r.structure.ref: r for r in gaps(make_scope(records, by="arrondissement")).structure_reach}
    maasland = reach["ilv-sociale-economie-maasland"]  # Kinrooi, Maaseik, Dilsen-Stokkem; Maasmechelen, Lanaken
    assert (maasland.present, maasland.absent) == (("72000", "73000"), ("71000",))
    assert reach["een-stem-voor-limburg"].present == ()  # three employer organisations, none tied to a place


def test_data_gaps_name_what_is_missing(records):
    missing = {g.project.ref: g.missing for g in gaps(make_scope(records)).data_gaps}
    assert missing["einstein-telescope"] == ("objective", "location")
    assert missing["corda-campus"] == ("objective",)
    assert "t2-campus" not in missing


def test_completeness_says_how_thin_the_data_behind_the_matrix_is(records):
    done = gaps(make_scope(records)).completeness
    # projects.csv: 97 of its 108 projects list no objective, 46 no location; the 93 EFRO 2007-2013 operations all
    # serve an operational objective, 4 have no Limburg municipality. subregion_memberships.csv places 13 of
    # today's 38 municipalities in a deelregio: 7 in Noord-Limburg (with Pelt), 6 in Midden-Limburg (its Hasselt
    # and Opglabbeek rows are for municipalities merged since).
    assert (done.projects, done.without_objective, done.without_location) == (201, 97, 50)
    assert (done.municipalities, done.without_subregion, done.subregions) == (38, 25, 5)
    assert refs(done.subregions_known) == ["noord-limburg", "midden-limburg"]


def test_subregions_without_known_municipalities_are_unknown_not_gaps(records):
    report = gaps(make_scope(records))
    assert report.unknown_territories == ("maasland", "west-limburg", "zuid-limburg")
    assert coverage(make_scope(records)).cell(SALK_1, "maasland").status == "unknown"
    assert all(c.territory not in report.unknown_territories for c in report.empty_cells)


def test_biggest_gaps_first(records):
    first = gaps(make_scope(records, by="arrondissement", strategy="salk")).empty_cells[0]
    assert (first.objective.ref, first.territory) == ("salk-2", "71000")  # most inhabitants known


@pytest.mark.parametrize(
    "filters, message",
    [
        ({"strategy": "nope"}, "unknown strategy 'nope'"),
        ({"subregion": "kempen"}, "unknown subregion 'kempen'"),
        ({"by": "province"}, "unknown partition 'province'"),
    ],
)
def test_unknown_filters_are_refused_with_the_valid_values(records, filters, message):
    with pytest.raises(ScopeError, match=message):
        make_scope(records, **filters)


def test_a_subregion_without_known_municipalities_is_one_unknown_column(records):
    matrix = coverage(make_scope(records, subregion="maasland"))
    assert [t.ref for t in matrix.scope.territories] == ["maasland"]
    assert {c.status for c in matrix.cells.values()} == {"unknown"}
