"""The spreadsheet round trip: build from the CSV files, `lires export --format xlsx`, build from the workbook in
place of the five tables it holds: the same triples. The workbook is Dutch (sheets, headings, drop-down names)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from graph.build import build
from graph.publish.workbook import workbook_tables
from graph.store import open_current
from loaders.workbook import SHEETS
from ontology.vocab import vocabulary
from records.findings import DataError
from tests.support import BASE, DATA


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory) -> Path:
    """The session build of the real data, exported as a workbook by the command a person runs."""
    target = tmp_path_factory.mktemp("export") / "lires.xlsx"
    subprocess.run(
        [str(Path(sys.executable).parent / "lires"), "export", "-f", "xlsx", "-o", str(target), "--store", str(store)],
        check=True,
        capture_output=True,
    )
    return target


def _triples(store: Path) -> set[str]:
    return {str(t) for t in open_current(store).rdf.triples()}


def _from_workbook(workbook: Path, tmp_path: Path) -> Path:
    """A copy of data/ with the workbook in place of the CSV files of the tables it holds."""
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    for table in workbook_tables():
        (data / f"{table.name}.csv").unlink()
    shutil.copyfile(workbook, data / "lires.xlsx")
    return data


def test_the_workbook_gives_back_the_same_graph(store: Path, exported: Path, tmp_path: Path):
    data = _from_workbook(exported, tmp_path)
    report = build(data, tmp_path / "store", BASE)
    assert "lires.xlsx[projecten]" in open_current(tmp_path / "store").manifest["files"]
    before, after = _triples(store), _triples(tmp_path / "store")
    assert len(after) == report.triples == len(before) > 10_000
    assert after == before
    vocab = vocabulary()
    for slot in ("subregion_confidence", "subregion_basis", "organisation_kind", "eu_support_eur"):
        assert any(f"<{vocab.slots[slot].uri}>" in t for t in after), slot  # the new data is in what matched


def test_the_workbook_is_dutch_with_drop_downs(exported: Path):
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames == [*SHEETS.values(), "keuzelijsten"]
    projects = book["projecten"]
    header = [c.value for c in projects[1]]
    assert header[:4] == ["code", "naam (Nederlands)", "naam (Engels)", "beschrijving (Engels)"]
    status = header.index("status") + 1
    rows = {r[0].value: r for r in projects.iter_rows(min_row=2)}
    assert rows["t2-campus"][status - 1].value == "operationeel"  # operational, by its Dutch name
    assert rows["t2-campus"][header.index("budget (euro)")].value == 57_000_000  # a number, not text
    assert projects.cell(row=1, column=status).comment.text.startswith("Kies uit de lijst")
    [rule] = [
        v for v in projects.data_validations.dataValidation if f"{projects.cell(2, status).coordinate}" in v.sqref
    ]
    assert rule.formula1.startswith("'keuzelijsten'!$")
    choices = book["keuzelijsten"]
    column = rule.formula1.split("!$")[1].split("$")[0]
    assert choices.sheet_state == "hidden"
    assert [c.value for c in choices[column][1:] if c.value] == [
        "goedgekeurd",
        "stopgezet",
        "afgerond",
        "in uitvoering",
        "operationeel",
        "gepland",
    ]
    partners = book["projectpartners"]
    assert [c.value for c in partners[1]] == ["project (code)", "organisatie (code)", "rol in het project", "bronnen"]
    deelregio = book["gemeenten per deelregio"]
    assert deelregio.max_row == 19  # the header, Noord-Limburg's ten and Midden-Limburg's eight municipalities
    header = [c.value for c in deelregio[1]]
    assert header == [
        "gemeente (NIS-code)",
        "deelregio (code)",
        "grondslag",
        "betrouwbaarheid",
        "toelichting (Engels)",
        "bronnen",
    ]
    genk = next(r for r in deelregio.iter_rows(min_row=2, values_only=True) if r[0] == "71016")
    assert genk[1:4] == ("midden-limburg", "volgens een bron", "middelhoog")  # medium_high, by its Dutch name


def test_a_table_in_both_a_csv_file_and_the_workbook_stops_the_build(exported: Path, tmp_path: Path):
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    shutil.copyfile(exported, data / "lires.xlsx")
    with pytest.raises(DataError) as refused:
        build(data, tmp_path / "store", BASE)
    messages = {f.file: f.message for f in refused.value.errors}
    assert messages["projects.csv"].startswith(
        "the table projects is given twice, in projects.csv and lires.xlsx[projecten]; a table is read from one "
        "file only, so the build does not choose"
    )
    assert len(refused.value.errors) == 5
