"""The real Limburg graph after the second research round (../shared/data/limburg/additions-2) and the EFRO
Vlaanderen 2007-2013 operations (data/operations/): counts, the Midden-Limburg deelregio, the SALK plan structure,
sources and locations of projects, no duplicates, Wikidata ids. True values from data/, checked by hand against the
research set's FINDINGS.md and the cited files."""

from __future__ import annotations

import datetime as dt

from records.model import Key, Record, Text
from tests.support import of_type


def of(records: dict[Key, Record], type_: str, ref: str) -> Record:
    return records[Key(type_, ref)]


def names(record) -> set[str]:
    return {t.value.casefold() for t in record.values.get("label", ()) if isinstance(t, Text)}


def test_counts_per_type(records):
    counts = {
        t: len(of_type(records, t))
        for t in (
            "Project",
            "Organisation",
            "Participation",
            "Strategy",
            "Objective",
            "Structure",
            "Membership",
            "Source",
        )
    }
    # before additions-2 and EFRO: 19 projects, 39 organisations, 47 partnerships, 12 strategies, 27 objectives,
    # 21 structures, 99 memberships, 165 sources. additions-2 brought 89 projects, 15 organisations, 107
    # partnerships, 3 strategies, 23 objectives, 5 structures, 3 memberships and 113 sources; the EFRO list 93
    # operations with their 93 leads, 31 organisations (Stad Lommel also among the 15), the programme, its 4 axes
    # and 15 operational objectives, and 6 sources; the municipality centres of the maps 1 source.
    assert counts == {
        "Project": 201,
        "Organisation": 84,
        "Participation": 247,
        "Strategy": 16,
        "Objective": 69,
        "Structure": 26,
        "Membership": 102,
        "Source": 285,
    }


def test_midden_limburg_has_the_eight_municipalities_of_the_ersv_streekfoto(records):
    members = [
        r for r in of_type(records, "Municipality") if r.first("subregion") == Key("Subregion", "midden-limburg")
    ]
    assert sorted(r.first("label").value for r in members) == [
        "As",
        "Diepenbeek",
        "Genk",
        "Hasselt",
        "Houthalen-Helchteren",
        "Opglabbeek",
        "Zonhoven",
        "Zutendaal",
    ]
    assert sorted(r.key.ref for r in members) == [
        "71002",
        "71011",
        "71016",
        "71022",
        "71047",
        "71066",
        "71067",
        "72039",
    ]  # Hasselt and Opglabbeek by their codes of 2016
    assert {(r.first("subregion_basis"), r.first("subregion_confidence")) for r in members} == {
        ("source", "medium_high")
    }
    assert all("POM-ERSV Limburg streekfoto (Oct 2016)" in r.first("subregion_note").value for r in members)
    assert all(Key("Source", "docslib-streekfoto-ml") in r.values["was_derived_from"] for r in members)


def test_noord_limburg_keeps_medium_confidence_and_pelt_none(records):
    noord = [r for r in of_type(records, "Municipality") if r.first("subregion") == Key("Subregion", "noord-limburg")]
    assert {r.key.ref: r.first("subregion_confidence") for r in noord if r.first("subregion_basis") == "derived"} == {
        "72043": None
    }  # Pelt: derived from Neerpelt and Overpelt; no source states a confidence
    assert {r.first("subregion_confidence") for r in noord if r.first("subregion_basis") == "source"} == {"medium"}


def test_oudsbergen_and_the_new_hasselt_stay_unassigned(records):
    # Opglabbeek (Midden) and Meeuwen-Gruitrode (Noord) were in different streken; Kortessem's streek is unknown.
    for nis in ("72042", "71072"):
        assert of(records, "Municipality", nis).first("subregion") is None


def test_the_corrected_salk_business_cases(records):
    cases = {
        r.first("notation"): r.first("label").value
        for r in of_type(records, "Objective")
        if r.first("broader") == Key("Objective", "salk-2") and r.first("notation")
    }
    assert cases == {
        "2.1": "Business case Maakindustrie",
        "2.2": "Business case Logistiek & mobiliteit",
        "2.3": "Business case Vrijetijdseconomie en Vrijetijdsbeleving",
        "2.4": "Business case Energyville",
        "2.5": "Business case Creatieve economie, ICT en digitale media",
        "2.6": "Business case Landbouw, tuinbouw en fruitteelt",
        "2.7": "Business case Bouw – Limburg CO2-neutraal",
        "2.8": "Business case Zorginnovatie, Biotech, Medtech",
    }
    # the notation is known now, so the ref follows {strategy}-{notation}; the old slugs are gone
    assert Key("Objective", "salk-2-2") in records
    assert Key("Objective", "salk-bc-logistiek") not in records
    assert of(records, "Objective", "salk-3").first("notation") == "3"
    assert Key("Objective", "salk-randvoorwaarden") not in records
    part_3 = [r.key.ref for r in of_type(records, "Objective") if r.first("broader") == Key("Objective", "salk-3")]
    assert sorted(part_3) == ["salk-3-1", "salk-3-2", "salk-3-3", "salk-3-4", "salk-3-5"]


def test_projects_serve_the_salk_sub_actions_that_name_them(records):
    served = {
        ref: sorted(k.ref for k in of(records, "Project", ref).values["serves"])
        for ref in ("be-mine", "terhills", "thor-park", "t2-campus", "noord-zuid")
    }
    assert served == {
        "be-mine": ["salk-1-6-2"],
        "terhills": ["salk-1-6-3"],
        "thor-park": ["salk-1-6-4"],
        "t2-campus": ["salk-1-1", "salk-3-2"],
        "noord-zuid": ["salk-3"],
    }
    assert of(records, "Objective", "salk-1-6-2").first("label").value == "BE-Mine"
    assert of(records, "Objective", "salk-1-6-2").first("broader") == Key("Objective", "salk-1-6")
    # no source says which business case a project serves, so none serves 2.1, 2.2 or 2.8
    corrected = {Key("Objective", ref) for ref in ("salk-2-1", "salk-2-2", "salk-2-8")}
    assert not any(corrected & set(r.values.get("serves", ())) for r in of_type(records, "Project"))


def test_objective_coverage(records):
    projects = of_type(records, "Project")
    assert sum(1 for r in projects if r.values.get("serves")) == 11 + 93  # 7 before additions-2; every EFRO operation


def test_every_project_has_a_source_with_a_url(records):
    for project in of_type(records, "Project"):
        urls = [records[k].first("url") for k in project.values["was_derived_from"]]
        assert any(u.startswith(("http://", "https://")) for u in urls), project.key.ref


def test_projects_without_a_location_are_those_whose_sources_name_none(records):
    without = sorted(r.key.ref for r in of_type(records, "Project") if not r.values.get("at_location"))
    assert len(without) == 46 + 4  # and 4 EFRO operations (beneficiary outside Limburg or the place of execution)
    assert sum(ref.startswith("lsm-protocol-") for ref in without) == 20  # 4 of the 24 name a place
    assert sum(ref.startswith("st-") for ref in without) == 11  # the SALKturbo rounds give names only
    assert {"lires-esf-6297", "einstein-telescope", "ijzeren-rijn", "fietsen-door-het-water"} <= set(without)
    located = of(records, "Project", "lsm-protocol-uhasselt-campus-diepenbeek")
    assert located.values["at_location"] == (Key("Municipality", "71011"),)


# EFRO operations that repeat an earlier operation's title: each has its own number, period, amounts and lead row.
SAME_TITLE = {("273", "633"), ("398", "642"), ("658", "858")}


def test_no_project_or_organisation_appears_twice_by_name(records):
    for type_ in ("Project", "Organisation"):
        seen: dict[str, str] = {}
        for record in of_type(records, type_):
            for name in names(record):
                first = seen.setdefault(name, record.key.ref)
                pair = tuple(ref.removeprefix("efro-vlaanderen-2007-2013-") for ref in (first, record.key.ref))
                assert first == record.key.ref or pair in SAME_TITLE, (type_, name)
    be_mine = of(records, "Project", "be-mine")  # the LSM allocation for Beringen-Mijn is merged into be-MINE
    assert Key("Project", "lsm-protocol-beringen-mijn") not in records
    assert Key("Strategy", "lsm-protocol-2008") in be_mine.values["strategy"]
    assert Key("Organisation", "lsm") in be_mine.values["was_associated_with"]


def test_new_partners_and_their_roles(records):
    lead = {r.key.ref: r.first("lead").ref for r in of_type(records, "Project") if r.first("lead")}
    assert lead["rivierpark-maasvallei"] == "rl-kempen-en-maasland"
    assert lead["strategisch-project-bosland"] == "stad-lommel"
    lommel = of(records, "Organisation", "stad-lommel")
    assert (lommel.first("organisation_kind"), lommel.first("governs")) == (
        "municipal_government",
        Key("Municipality", "72020"),
    )
    # one Stad Lommel for additions-2 and the EFRO list (its alias "Stad Lommel"), with the sources of both
    assert {k.ref for k in lommel.values["was_derived_from"]} == {"omg-bosland", "lommel-bosland", "efro-vl-2007-2013"}
    assert {lead[f"efro-vlaanderen-2007-2013-{n}"] for n in ("237", "833")} == {"stad-lommel"}


def test_wikidata_ids_of_the_municipalities_and_the_province(records):
    def wikidata(type_, ref):
        return [u for u in of(records, type_, ref).values.get("same_as", ()) if "wikidata.org" in u]

    assert wikidata("Municipality", "71016") == ["http://www.wikidata.org/entity/Q189692"]  # Genk
    assert wikidata("Municipality", "71072") == ["http://www.wikidata.org/entity/Q58780"]  # Hasselt since 2025
    assert wikidata("Municipality", "71071") == ["http://www.wikidata.org/entity/Q130298677"]  # Tessenderlo-Ham
    assert wikidata("Municipality", "71047") == ["http://www.wikidata.org/entity/Q651801"]  # Opglabbeek (to 2018)
    assert wikidata("Province", "70000") == ["http://www.wikidata.org/entity/Q1095"]
    # the snapshot gives Hasselt's item only under 71072 and Hoeselt's item a wrong code: both left blank
    assert wikidata("Municipality", "71022") == [] and wikidata("Municipality", "73032") == []
    ids = [w for r in of_type(records, "Municipality") for w in wikidata("Municipality", r.key.ref)]
    assert len(ids) == len(set(ids)) == 48
    assert all(
        Key("Source", "gh-wikidata-be") in r.values["was_derived_from"]
        for r in of_type(records, "Municipality")
        if wikidata("Municipality", r.key.ref)
    )
    assert all(not wikidata("Arrondissement", nis) for nis in ("71000", "72000", "73000"))  # not sourced


def test_fact_check_fixes(records):
    delle = of(records, "Project", "groene-delle")
    assert "about 4,500 objections plus petitions with over 40,000 signatures" in delle.first("description").value
    assert Key("Source", "knack-gd-2021") in delle.values["was_derived_from"]
    bipool = of(records, "Source", "vrt-bipool").first("label").value
    assert "both cities named in the headline and URL" in bipool


def test_borgloon_population_of_2024_replaces_2020(records):
    borgloon = of(records, "Municipality", "73009")
    assert (borgloon.first("population"), borgloon.first("population_date")) == (11580, dt.date(2024, 1, 1))
