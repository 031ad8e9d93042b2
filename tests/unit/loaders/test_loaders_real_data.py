"""The real data/ loads into the records the sources support (true values from data/)."""

from __future__ import annotations

import datetime as dt

from loaders.dataset import Reading
from records.model import Key, Text
from tests.support import DATA, of_type


def test_counts_per_type(records):
    counts = {t: len(of_type(records, t)) for t in ("Municipality", "Arrondissement", "Subregion", "Province")}
    assert counts == {"Municipality": 50, "Arrondissement": 3, "Subregion": 5, "Province": 1}


def test_genk_nis_code_and_arrondissement(records):
    genk = records[Key("Municipality", "71016")]
    assert genk.first("label") == Text("Genk", "nl")
    assert genk.first("sf_within") == Key("Arrondissement", "71000")
    assert genk.first("population") == 66447
    assert genk.first("population_date") == dt.date(2020, 1, 1)


def test_neerpelt_and_overpelt_merged_into_pelt(records):
    for nis in ("72025", "72029"):
        rec = records[Key("Municipality", nis)]
        assert rec.first("is_replaced_by") == Key("Municipality", "72043")
        assert rec.first("valid_through") == dt.date(2018, 12, 31)
    assert records[Key("Municipality", "72043")].first("valid_from") == dt.date(2019, 1, 1)


def test_2025_mergers_successors(records):
    successors = {
        r.key.ref: r.first("is_replaced_by").ref
        for r in of_type(records, "Municipality")
        if r.first("is_replaced_by") and r.first("valid_through") == dt.date(2024, 12, 31)
    }
    assert successors == {
        "71022": "71072",
        "73040": "71072",
        "71057": "71071",
        "71069": "71071",
        "73006": "73110",
        "73032": "73110",
        "73009": "73111",
        "73083": "73111",
    }


def in_force(records, day: dt.date) -> int:
    return sum(
        1
        for r in of_type(records, "Municipality")
        if (r.first("valid_from") or dt.date.min) <= day <= (r.first("valid_through") or dt.date.max)
    )


def test_municipalities_in_force_on_given_dates(records):
    assert in_force(records, dt.date(2016, 6, 30)) == 44
    assert in_force(records, dt.date(2020, 1, 1)) == 42
    assert in_force(records, dt.date(2025, 1, 1)) == 38


def test_noord_limburg_municipalities(records):
    members = sorted(
        r.first("label").value
        for r in of_type(records, "Municipality")
        if r.first("subregion") == Key("Subregion", "noord-limburg")
    )
    assert members == [
        "Bocholt",
        "Bree",
        "Hamont-Achel",
        "Hechtel-Eksel",
        "Lommel",
        "Meeuwen-Gruitrode",
        "Neerpelt",
        "Overpelt",
        "Peer",
        "Pelt",
    ]


def test_unassigned_municipalities_are_warned_about():
    reading = Reading(DATA)
    for _ in reading.fragments():
        pass
    unassigned = [f for f in reading.findings if "not assigned to a LIRES deelregio" in f.message]
    assert len(unassigned) == 32  # 50 municipalities, 18 placed (Noord-Limburg 10, Midden-Limburg 8)
    assert {f.file for f in unassigned} == {"subregion_memberships.csv"}
    assert any(f.message.startswith("72042 Oudsbergen has no row") for f in unassigned)


def test_pelt_deelregio_is_marked_as_derived(records):
    pelt = records[Key("Municipality", "72043")]
    assert pelt.first("subregion") == Key("Subregion", "noord-limburg")
    assert pelt.first("subregion_basis") == "derived"
    assert "Neerpelt and Overpelt" in pelt.first("subregion_note").value
    assert records[Key("Municipality", "72020")].first("subregion_basis") == "source"


def test_every_entity_has_a_resolving_source(records):
    for rec in records.values():
        if rec.key.type == "Source":
            continue
        urls = [records[k].first("url") for k in rec.values["was_derived_from"]]
        assert any(u and u.startswith(("http://", "https://")) for u in urls), rec.key


def test_t2_campus_partners_and_budget(records):
    t2 = records[Key("Project", "t2-campus")]
    assert sorted(k.ref for k in t2.values["was_associated_with"]) == ["stad-genk", "syntra-limburg", "vdab"]
    assert str(t2.first("budget_eur")) == "57000000"
    assert t2.first("at_location") == Key("Municipality", "71016")


def test_single_values_a_second_file_adds_are_never_in_the_defining_file():
    """The streamed checker compares single values added by other files only among themselves (loaders.check);
    that is enough because no defining row sets them. The real data has a row of every kind that adds to others."""
    from loaders.check import defined_in
    from loaders.workbook import table_of_file
    from ontology.vocab import vocabulary

    slots = vocabulary().slots
    operations = {p.stem for p in (DATA / "operations").glob("*.toml")}  # lists of operations define projects too
    defining, added = set(), set()
    for fragment in Reading(DATA).fragments():
        single = {(fragment.key.type, s) for s in fragment.values if not slots[s].multivalued}
        file = table_of_file(fragment.origins[0].file)
        if file in operations:  # a list of operations defines its participations and projects (the titled fragment)
            own = fragment.key.type == "Participation" or "label" in fragment.values
        else:
            own = file == table_of_file(defined_in()[fragment.key.type])
        (defining if own else added).update(single)
    assert added == {
        ("Project", "lead"),
        ("Municipality", "population"),
        ("Municipality", "population_date"),
        ("Municipality", "latitude"),
        ("Municipality", "longitude"),
        ("Municipality", "subregion"),
        ("Municipality", "subregion_basis"),
        ("Municipality", "subregion_confidence"),
        ("Municipality", "subregion_note"),
    }
    assert not defining & added
