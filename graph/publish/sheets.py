"""Tables written for people: every CSV and XLSX file LIRES writes goes through here.

A ``Sheet`` is a header and rows of typed cells (text, numbers, dates). As CSV it comes in two dialects: plain
RFC 4180 (comma, decimal point, UTF-8) for programs, and the one Dutch-locale Excel opens by a double click
(``;`` between cells, decimal comma, UTF-8 with a byte order mark so that accents survive). As XLSX (openpyxl)
numbers and dates stay numbers and dates, the header row is bold and frozen, and a column may carry a header
comment (what it expects) and a drop-down of choices.

No cell runs as a formula in a spreadsheet (CSV injection): in CSV, text that would starts with ``'``
(records.spreadsheet, after OWASP); in XLSX, text is written as a text cell, whatever it starts with, so it reads
back as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from loaders.workbook import LISTS_SHEET
from records.spreadsheet import spreadsheet_cell

Cell = str | int | float | Decimal | dt.date | None
"""What a cell holds; None is an empty cell."""

CHOICES_SHEET = LISTS_SHEET
"""The sheet holding the drop-downs' choices (a list may be longer than a validation formula can hold)."""
DATA_ROWS = 2000
"""Rows below the header that a column's drop-down covers."""
AUTHOR = "LIRES Graph"


@dataclass(frozen=True)
class Dialect:
    """How a CSV file is written: the cell ``delimiter``, the ``decimal`` separator of numbers and whether the
    file starts with a UTF-8 byte order mark."""

    name: str
    delimiter: str
    decimal: str
    bom: bool


RFC4180 = Dialect("rfc4180", ",", ".", False)
"""Plain CSV (RFC 4180) for programs: comma, decimal point, UTF-8, CRLF line ends."""
RFC4180_BOM = Dialect("rfc4180-bom", ",", ".", True)
"""RFC 4180 with a byte order mark, so that Excel reads the accents right (the CSV dumps, one file per type)."""
EXCEL_NL = Dialect("excel-nl", ";", ",", True)
"""CSV as Excel in a Dutch (Belgian) locale reads it: ``;``, decimal comma, UTF-8 with BOM, CRLF line ends."""
DIALECTS = {d.name: d for d in (RFC4180, EXCEL_NL)}


def dialect_for(lang: str, asked: str | None = None) -> Dialect:
    """The dialect ``asked`` for by name, else Dutch Excel's for a page in Dutch (``nl``) and RFC 4180 otherwise.

    Raises KeyError for an unknown name."""
    if asked:
        return DIALECTS[asked]
    return EXCEL_NL if lang == "nl" else RFC4180


@dataclass(frozen=True)
class Sheet:
    """One table: ``name`` (the sheet's name, at most 31 characters), ``header`` and ``rows`` of cells.

    For XLSX only: ``notes`` (column -> header comment), ``choices`` (column -> the values its drop-down offers),
    ``lists`` (column -> a range of another sheet its drop-down offers, e.g. ``organisaties!$A$2:$A$2000``) and
    ``widths`` (column -> width in characters)."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    notes: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    lists: dict[str, str] = field(default_factory=dict)
    widths: dict[str, int] = field(default_factory=dict)


def _text(value: Cell, dialect: Dialect) -> str:
    """A cell as CSV text: numbers with the dialect's decimal separator, dates in ISO, empty for None, text that a
    spreadsheet would run as a formula with ``'`` in front."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return str(value).replace(".", dialect.decimal)
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_cell(str(value))


def csv_bytes(sheet: Sheet, dialect: Dialect = RFC4180) -> bytes:
    """``sheet`` as a CSV file in ``dialect`` (quoting as RFC 4180 asks, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(str(h)) for h in sheet.header])
    writer.writerows([_text(c, dialect) for c in row] for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig" if dialect.bom else "utf-8")


def csv_text(sheet: Sheet) -> str:
    """``sheet`` as RFC 4180 CSV text (for the command line and JSON-embedded downloads)."""
    return csv_bytes(sheet).decode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet], title: str = "", created: dt.datetime | None = None) -> bytes:
    """An XLSX workbook with one sheet per ``sheets`` entry (plus a hidden sheet of drop-down choices when a
    sheet has any); ``title`` and ``created`` go into the workbook's properties."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    lists = None
    ranges: dict[tuple[str, ...], str] = {}  # choices -> their range in the choices sheet
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        for row in (sheet.header, *sheet.rows):
            ws.append(list(row))
            for cell in ws[ws.max_row]:
                if cell.data_type == "f":  # openpyxl takes text starting with = for a formula
                    cell.data_type = "s"
        for index, column in enumerate(sheet.header, start=1):
            letter = get_column_letter(index)
            head = ws.cell(row=1, column=index)
            head.font = Font(bold=True)
            if note := sheet.notes.get(column):
                head.comment = Comment(note, AUTHOR, width=320, height=140)
            widest = max([len(str(column)), *(len(str(r[index - 1] or "")) for r in sheet.rows[:200])])
            ws.column_dimensions[letter].width = sheet.widths.get(column, min(60, max(12, widest + 2)))
            for cell in ws[letter][1:]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
            source = sheet.lists.get(column)
            if column in sheet.choices:
                if lists is None:
                    lists = workbook.create_sheet(CHOICES_SHEET)
                    lists.sheet_state = "hidden"
                choices = tuple(sheet.choices[column])
                if choices not in ranges:
                    spot = get_column_letter(len(ranges) + 1)
                    lists[f"{spot}1"] = f"{sheet.name}: {column}"
                    for i, choice in enumerate(choices, start=2):
                        lists[f"{spot}{i}"] = choice
                    ranges[choices] = f"{quote_sheetname(CHOICES_SHEET)}!${spot}$2:${spot}${len(choices) + 1}"
                source = ranges[choices]
            if source:
                rule = DataValidation(
                    type="list",
                    formula1=source,
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="warning",
                    error="Kies een waarde uit de lijst.",
                )
                rule.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
                ws.add_data_validation(rule)
        ws.freeze_panes = "A2"
    if lists is not None:  # last, after the sheets it serves
        workbook.move_sheet(lists, offset=len(workbook.sheetnames) - 1 - workbook.index(lists))
    workbook.properties.title = title or None
    workbook.properties.creator = AUTHOR
    if created is not None:
        workbook.properties.created = workbook.properties.modified = created.replace(tzinfo=None)
    out = io.BytesIO()
    workbook.save(out)
    return _dated(out.getvalue(), created or dt.datetime(1980, 1, 1))


def _dated(data: bytes, when: dt.datetime) -> bytes:
    """The XLSX (a ZIP) with every part, and the modification time openpyxl writes into its properties, dated
    ``when`` instead of the moment it was saved: the same data gives the same bytes (and ETag)."""
    stamp = when.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content)
            info = zipfile.ZipInfo(part.filename, date_time=when.timetuple()[:6])
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
