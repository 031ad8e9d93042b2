"""Write the strategists' XLSX project sheet template from the declared project tables.

Run ``python -m loaders.template`` to regenerate ``data/templates/projects.xlsx``; a test
checks the checked-in template still matches the declared columns. Fill it in, save it as
``data/projects.xlsx`` (it then replaces projects.csv and project_partners.csv), and build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from loaders.projects import project_partners_table, projects_table
from loaders.table import Table
from ontology.vocab import vocabulary
from records.spreadsheet import spreadsheet_cell

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "templates" / "projects.xlsx"

HELP = {
    "ref": "Stable lowercase slug, e.g. t2-campus (letters, digits, hyphens).",
    "start": "Date: 2017-04-01, 01/04/2017 (day first), 2017-04 or 2017.",
    "end": "Date: 2018-08-30, 30/08/2018 (day first), 2018-08 or 2018.",
    "budget_eur": "Euro, e.g. 57000000 or 57.000.000,00.",
    "locations": "NIS codes valid at project start, separated by ';' (e.g. 73107;72041).",
    "objectives": "Objective refs from objectives.csv, separated by ';'.",
    "strategies": "Strategy refs from strategies.csv, separated by ';'.",
    "sources": "Source keys from sources.csv, separated by ';' (at least one).",
    "project": "The project's ref.",
    "organisation": "Organisation ref from organisations.csv.",
}


def _sheet(workbook: Workbook, table: Table, choices: dict[str, list[str]]) -> None:
    sheet = workbook.create_sheet(table.name)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=spreadsheet_cell(column.name))
        cell.font = Font(bold=True)
        if column.name in HELP:
            cell.comment = Comment(HELP[column.name] + (" Required." if column.required else ""), "LIRES Graph")
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column.name) + 4)
        if column.name in choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices[column.name]) + '"', allow_blank=True)
            rule.add(f"{cell.column_letter}2:{cell.column_letter}1000")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def write_template(path: Path = TEMPLATE) -> None:
    """Write the template workbook with sheets ``projects`` and ``project_partners``."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    _sheet(workbook, projects_table(), {"status": vocabulary().enums["ProjectStatus"]})
    _sheet(workbook, project_partners_table(), {"role": vocabulary().enums["PartnerRole"]})
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


if __name__ == "__main__":
    write_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE)
