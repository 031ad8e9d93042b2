"""Write the .xlsx cases of the bad-input corpus (see cases.toml): ``python -m tests.bad_input.make_xlsx``.

Each workbook holds the real rows of thor-park and t2-campus from data/projects.csv and
their partners, laid out like data/templates/projects.xlsx, with one defect (or, for the
cases that must be read, with cells typed the way Excel types them).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
DATA = HERE.parent.parent / "data"
PROJECTS = ("thor-park", "t2-campus")


def _rows(name: str) -> list[list[str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [rows[0]] + [r for r in rows[1:] if r[0] in PROJECTS]


def _typed(cell: str) -> object:
    """The cell as Excel would type it: ISO dates as dates, whole numbers as numbers."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cell):
        return dt.datetime.fromisoformat(cell)
    if re.fullmatch(r"[0-9]+", cell):
        return float(cell)
    return cell


def _workbook(typed: bool = False, spacer: bool = False) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in ("projects", "project_partners"):
        sheet = workbook.create_sheet(name)
        for row in _rows(name):
            if spacer:
                row = [*row[:3], "", *row[3:]]
            sheet.append([_typed(c) if typed else c for c in row])
    return workbook


def write(directory: Path = HERE) -> None:
    """Write every .xlsx case into ``directory``."""
    book = _workbook()
    book["projects"]["I3"] = "=1000*57000"
    book.save(directory / "xlsx_formula.xlsx")
    book = _workbook()
    book["projects"].merge_cells("E2:E3")
    book.save(directory / "xlsx_merged_cells.xlsx")
    book = _workbook()
    book["projects"]["I2"] = "#N/A"  # openpyxl stores this as an error cell, as Excel does
    book.save(directory / "xlsx_error_value.xlsx")
    book = _workbook()
    book.remove(book["project_partners"])
    book.save(directory / "xlsx_missing_sheet.xlsx")
    (directory / "xlsx_not_a_workbook.xlsx").write_bytes((DATA / "projects.csv").read_bytes()[:2000])
    _workbook(typed=True).save(directory / "xlsx_typed_cells.xlsx")
    _workbook(spacer=True).save(directory / "xlsx_spacer_column.xlsx")


if __name__ == "__main__":
    write()
