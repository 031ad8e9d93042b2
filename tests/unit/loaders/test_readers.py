"""XLSX project sheets, Statbel files and publishers' spelling (bad spreadsheets of every kind:
tests/api/test_bad_input.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from records.findings import DataError
from records.model import Key
from tests.support import DATA, FIXTURES, read

SAMPLES = FIXTURES / "data"


def test_template_matches_the_declared_tables():
    """data/templates/lires.xlsx is what ``python -m graph.publish.workbook`` writes: the workbook's sheets with
    their Dutch headings and nothing below them."""
    from graph.publish.workbook import TEMPLATE, workbook_tables
    from loaders.workbook import SHEETS, heading

    workbook = openpyxl.load_workbook(TEMPLATE)
    assert workbook.sheetnames == [*SHEETS.values(), "keuzelijsten"]
    for table in workbook_tables():
        sheet = workbook[SHEETS[table.name]]
        assert [c.value for c in sheet[1]] == [heading(table.name, c.name) for c in table.columns]
        assert sheet.max_row == 1


def copy_data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def csv_rows(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_project_sheet_in_xlsx_gives_the_same_records_as_csv(tmp_path):
    data = copy_data(tmp_path)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name in ("projects", "project_partners"):
        sheet = workbook.create_sheet(name)
        for row in csv_rows(data / f"{name}.csv"):
            sheet.append(row)
        (data / f"{name}.csv").unlink()
    workbook.save(data / "projects.xlsx")
    from_xlsx = read(data)
    from_csv = read(DATA)
    for ref in ("t2-campus", "terhills", "be-mine"):
        assert from_xlsx[Key("Project", ref)].values == from_csv[Key("Project", ref)].values


def test_statbel_population_file_is_summed_per_municipality(tmp_path):
    data = copy_data(tmp_path)
    shutil.copytree(SAMPLES / "statbel", data / "statbel")
    with (data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "STATBEL_POPULATION_2022,https://de.wikipedia.org/wiki/Arrondissement_Maaseik,"
            "Test fixture in Statbel layout (totals as in de.wikipedia),Statbel,\n"
        )
    records = read(data)
    bocholt = records[Key("Municipality", "72003")]
    assert bocholt.first("population") == 13508
    assert bocholt.first("population_date") == dt.date(2022, 1, 1)
    assert Key("Source", "statbel-population-2022") in bocholt.values["was_derived_from"]
    assert Key("Municipality", "99999") not in records


def test_a_publisher_spelt_two_ways_is_refused(tmp_path):
    """``Trends / Knack`` would become the agent of ``Trends (Knack)`` (data/sources.csv line 154), with two names."""
    data = copy_data(tmp_path)
    with (data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("TRENDS_TEST,https://trends.knack.be/,A Trends article,Trends / Knack,\n")
    with pytest.raises(
        DataError, match=r"one spelling per publisher; sources.csv:154 spells this one 'Trends \(Knack\)'"
    ) as refused:
        read(data)
    assert "(got 'Trends / Knack')" in str(refused.value)


def test_statbel_file_without_year_is_refused(tmp_path):
    data = copy_data(tmp_path)
    (data / "statbel").mkdir()
    shutil.copy(SAMPLES / "statbel" / "TF_SOC_POP_STRUCT_2022.txt", data / "statbel" / "population.txt")
    with pytest.raises(DataError, match="expected a year in the file name"):
        read(data)
