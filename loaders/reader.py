"""Read a table file (CSV-like text or XLSX) into raw rows with their line numbers.

Text files may be UTF-8 with or without BOM or Windows-1252, and use ``,``, ``;``, ``|`` or
tab as delimiter (chosen from the header). Anything that cannot be read unambiguously
raises DataError naming the file, line and column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.findings import DataError, Finding, Severity

MAX_CELL = 20_000
"""Longest cell accepted, in characters; a longer one is almost surely a paste error."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_DELIMITERS = (",", ";", "|", "\t")


@dataclass(frozen=True)
class RawRow:
    """One data row: its 1-based line (text) or row number (XLSX) and cells by column name."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RawTable:
    """A file's header and rows, before any typing."""

    file: str
    header: list[str]
    rows: list[RawRow]


def _error(file: str, line: int, column: str, message: str, value: str | None = None) -> DataError:
    return DataError([Finding(Severity.ERROR, file, line, column, message, value)])


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (BOM stripped) or, failing that, Windows-1252; refuse a mix of both."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(file, 1, "", "UTF-16 text is not supported; save the file as UTF-8 (CSV UTF-8 in Excel)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _UTF8_MULTIBYTE.search(data):
            raise _error(file, line, "", "mixed encodings: the file holds UTF-8 text and also bytes that are not "
                         "UTF-8; save the whole file as UTF-8", repr(data[exc.start:exc.start + 1])) from None
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc2:
            line = data.count(b"\n", 0, exc2.start) + 1
            raise _error(file, line, "", "bytes that are neither UTF-8 nor Windows-1252 text",
                         repr(data[exc2.start:exc2.start + 1])) from None


def _delimiter(header_line: str, expected: set[str], file: str) -> str:
    def score(d: str) -> int:
        names = [c.strip().strip('"').strip().lower() for c in header_line.split(d)]
        return len(expected.intersection(names))
    best = max(_DELIMITERS, key=score)
    if score(best) == 0:
        raise _error(file, 1, "", "expected a header row naming the columns " + ", ".join(sorted(expected)) +
                     " (is this a CSV file of the right kind?)", header_line[:80])
    return best


def _clean(cell: str | None, file: str, line: int, column: str) -> str:
    cell = "" if cell is None else str(cell)
    if len(cell) > MAX_CELL:
        raise _error(file, line, column, f"expected a cell of at most {MAX_CELL} characters", cell[:40] + "...")
    if bad := _CONTROL.search(cell):
        raise _error(file, line, column, f"expected text without control characters (found U+{ord(bad[0]):04X} at "
                     f"position {bad.start() + 1}; remove it, it is often pasted from Excel)", cell[:60])
    return cell.strip()


def read_text(path: Path, expected: set[str]) -> RawTable:
    """Read a delimited text file; ``expected`` column names pick the delimiter."""
    file = path.name
    text = decode(path.read_bytes(), file)
    if not text.strip():
        raise _error(file, 1, "", "expected a header row and data rows; the file is empty")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line, expected, file), strict=True)
    rows: list[RawRow] = []
    header: list[str] = []
    try:
        for record in reader:
            line = reader.line_num  # last physical line of this record
            if not header:
                header = [_clean(h, file, 1, str(i + 1)).lower() for i, h in enumerate(record)]
                continue
            if not any(c.strip() for c in record):
                continue
            if len(record) != len(header):
                raise _error(file, line, "", f"expected {len(header)} cells as in the header, found {len(record)} "
                             "(a stray delimiter or an unclosed quote?)")
            rows.append(RawRow(line, {h: _clean(c, file, line, h) for h, c in zip(header, record)}))
    except csv.Error as exc:
        raise _error(file, reader.line_num, "", f"expected well-formed CSV ({exc})") from None
    return RawTable(file, header, rows)


def read_xlsx(path: Path, sheet: str) -> RawTable:
    """Read one sheet of an XLSX workbook; formulas and merged cells are refused."""
    import openpyxl  # only needed for spreadsheets

    file = f"{path.name}[{sheet}]"
    try:
        workbook = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise _error(path.name, 0, "", f"expected a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    if sheet not in workbook.sheetnames:
        raise _error(path.name, 0, "", f"expected a sheet named {sheet!r}; found " + ", ".join(workbook.sheetnames))
    ws = workbook[sheet]
    if ws.merged_cells.ranges:
        merged = min(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
        raise _error(file, merged.min_row, str(merged),
                     "expected no merged cells; unmerge them and fill every cell")
    header: list[str] = []
    rows: list[RawRow] = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                raise _error(file, cell.row, cell.coordinate, "expected a value, not a formula; paste values only", str(cell.value))
        values = [cell.value for cell in row]
        if not header:
            header = [_clean(v, file, row[0].row, str(i + 1)).lower() for i, v in enumerate(values) if v is not None]
            continue
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        cells = {}
        for h, cell in zip(header, row):
            value = cell.value
            if hasattr(value, "isoformat"):  # Excel dates arrive as datetimes
                value = value.date().isoformat() if hasattr(value, "date") else value.isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            cells[h] = _clean(value, file, cell.row, f"{cell.column_letter} ({h})")
        rows.append(RawRow(row[0].row, cells))
    return RawTable(file, header, rows)

