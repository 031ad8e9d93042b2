"""A build reports every value and reference error of every file in one pass, each with file, row, column, value
and what was expected, in English and in Dutch; a row with a bad cell does not make references to it errors too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build import build
from graph.store import open_current
from records.findings import DataError
from records.model import Key
from tests.support import BASE, DATA
from viz.i18n import finding_text


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The real data with a bad date in thor-park's row, a partner no file defines, and a bad organisation kind."""
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    lines = (data / "projects.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(lines, 1) if row.startswith("thor-park,"))
    _replace(data / "projects.csv", lines[line - 1], lines[line - 1].replace(",2006,", ",31/02/2006,"))
    _replace(data / "project_partners.csv", "t2-campus,vdab,", "t2-campus,vdab-limburg,")
    _replace(
        data / "organisations.csv",
        "voka-kvk-limburg,Voka – Kamer van Koophandel Limburg,,employer_organisation,",
        "voka-kvk-limburg,Voka – Kamer van Koophandel Limburg,,werkgeverorganisatie,",
    )
    return data


def test_value_and_reference_errors_of_all_files_in_one_pass(broken: Path, tmp_path: Path):
    with pytest.raises(DataError) as refused:
        build(broken, tmp_path / "store", BASE)
    errors = refused.value.errors
    assert sorted((f.file, f.line, f.column, f.value) for f in errors) == [
        ("organisations.csv", 9, "kind", "werkgeverorganisatie"),
        ("project_partners.csv", 12, "organisation", "vdab-limburg"),
        ("projects.csv", 3, "start", "31/02/2006"),
    ]
    # thor-park's partner rows (lines 5-9 of project_partners.csv) are no errors: the project exists, its row is bad
    by_file = {f.file: f for f in errors}
    assert (
        by_file["projects.csv"].message == "expected an existing calendar date (31/02/2006 is no day of the calendar)"
    )
    assert by_file["project_partners.csv"].message == (
        "expected a reference to an existing Organisation (not found in organisations.csv)"
    )
    assert finding_text(by_file["project_partners.csv"], "nl") == (
        "verwacht een verwijzing naar een bestaande organisatie (niet gevonden in organisations.csv)"
    )
    assert finding_text(by_file["organisations.csv"], "nl").startswith(
        "verwacht een van: consultancy, development_agency, employer_organisation"
    )


def test_dutch_display_names_read_as_enum_values(tmp_path: Path):
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    _replace(
        data / "organisations.csv",
        "voka-kvk-limburg,Voka – Kamer van Koophandel Limburg,,employer_organisation,",
        "voka-kvk-limburg,Voka – Kamer van Koophandel Limburg,,Werkgeversorganisatie,",
    )
    _replace(data / "project_partners.csv", "thor-park,stad-genk,developer,", "thor-park,stad-genk,ontwikkelaar,")
    build(data, tmp_path / "store", BASE)
    records = {r.key: r for r in open_current(tmp_path / "store").records}
    assert records[Key("Organisation", "voka-kvk-limburg")].first("organisation_kind") == "employer_organisation"
    assert records[Key("Participation", "thor-park--stad-genk")].first("had_role") == "developer"
