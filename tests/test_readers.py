"""Spreadsheets from many hands: encodings, delimiters, XLSX sheets and Statbel files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from loaders.dataset import load_dataset
from loaders.findings import DataError
from loaders.projects import PROJECT_PARTNERS, projects_table
from loaders.records import Key
from loaders.template import TEMPLATE
from loaders.territories import SUBREGIONS
from tests.conftest import DATA

FIXTURES = Path(__file__).parent / "data"
SUBREGION_ROWS = 'ref,name_nl,name_en,description_en,sources\nnoord-limburg,Noord-Limburg,,Één regio,ERZIT_LIRES\n'


def read_subregions(tmp_path: Path, content: bytes):
    path = tmp_path / "subregions.csv"
    path.write_bytes(content)
    return SUBREGIONS.read(path)


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")])
def test_utf8_with_or_without_bom_and_windows_1252(tmp_path, encoding, prefix):
    rows, findings = read_subregions(tmp_path, prefix + SUBREGION_ROWS.encode(encoding))
    assert [r["ref"] for r in rows] == ["noord-limburg"]
    assert rows[0]["description_en"] == "Één regio"
    assert findings == []


def test_semicolon_delimiter_from_excel(tmp_path):
    text = SUBREGION_ROWS.replace(",", ";").replace("Één regio", '"Één regio, met komma"')
    rows, _ = read_subregions(tmp_path, text.encode("cp1252"))
    assert rows[0]["description_en"] == "Één regio, met komma"


def test_mixed_encodings_are_refused_with_the_line(tmp_path):
    content = SUBREGION_ROWS.encode("utf-8") + "west-limburg,Wéstlimburg,,,ERZIT_LIRES\n".encode("cp1252")
    with pytest.raises(DataError, match=r"subregions.csv:3: mixed encodings"):
        read_subregions(tmp_path, content)


def test_control_characters_are_refused_with_line_and_column(tmp_path):
    content = SUBREGION_ROWS.replace("Noord-Limburg", "Noord-\x0bLimburg").encode()
    with pytest.raises(DataError, match=r"subregions.csv:2 column name_nl: expected text without control or invisible characters "
                                        r"\(found U\+000B"):
        read_subregions(tmp_path, content)


def test_a_file_that_is_not_csv(tmp_path):
    with pytest.raises(DataError, match="expected a header row naming the columns"):
        read_subregions(tmp_path, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def test_unclosed_quote_is_refused(tmp_path):
    with pytest.raises(DataError, match="subregions.csv"):
        read_subregions(tmp_path, (SUBREGION_ROWS + 'west-limburg,"West,,,ERZIT_LIRES\n').encode())


def test_template_matches_the_declared_tables():
    workbook = openpyxl.load_workbook(TEMPLATE)
    for table in (projects_table(), PROJECT_PARTNERS):
        header = [c.value for c in workbook[table.name][1]]
        assert header == [c.name for c in table.columns]


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
    from_xlsx = load_dataset(data)
    from_csv = load_dataset(DATA)
    for ref in ("t2-campus", "terhills", "be-mine"):
        assert from_xlsx.records[Key("Project", ref)].values == from_csv.records[Key("Project", ref)].values


def test_xlsx_formulas_and_merged_cells_are_refused(tmp_path):
    data = copy_data(tmp_path)
    rows = csv_rows(data / "projects.csv")
    for problem in ("formula", "merged"):
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        sheet = workbook.create_sheet("projects")
        for row in rows:
            sheet.append(row)
        if problem == "formula":
            sheet["I3"] = "=1000*57000"
        else:
            sheet.merge_cells("E2:E3")
        workbook.create_sheet("project_partners").append([c.name for c in PROJECT_PARTNERS.columns])
        (data / "projects.csv").unlink(missing_ok=True)
        (data / "project_partners.csv").unlink(missing_ok=True)
        workbook.save(data / "projects.xlsx")
        expected = r"projects.xlsx\[projects\]:3 column I \(budget_eur\): expected a value, not a formula" if problem == "formula" \
            else r"projects.xlsx\[projects\]:2 column E2:E3: expected no merged cells"
        with pytest.raises(DataError, match=expected):
            load_dataset(data)


def test_statbel_population_file_is_summed_per_municipality(tmp_path):
    data = copy_data(tmp_path)
    shutil.copytree(FIXTURES / "statbel", data / "statbel")
    with (data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("STATBEL_POPULATION_2022,https://de.wikipedia.org/wiki/Arrondissement_Maaseik,"
                     "Test fixture in Statbel layout (totals as in de.wikipedia),Statbel,\n")
    dataset = load_dataset(data)
    bocholt = dataset.records[Key("Municipality", "72003")]
    assert bocholt.first("population") == 13508
    assert bocholt.first("population_date") == dt.date(2022, 1, 1)
    assert Key("Source", "statbel-population-2022") in bocholt.values["was_derived_from"]
    assert Key("Municipality", "99999") not in dataset.records


def test_statbel_file_without_year_is_refused(tmp_path):
    data = copy_data(tmp_path)
    (data / "statbel").mkdir()
    shutil.copy(FIXTURES / "statbel" / "TF_SOC_POP_STRUCT_2022.txt", data / "statbel" / "population.txt")
    with pytest.raises(DataError, match="expected a year in the file name"):
        load_dataset(data)
