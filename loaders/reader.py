"""Read a table file (CSV-like text or XLSX) into raw rows with their line numbers.

Text files may be UTF-8 with or without BOM or Windows-1252, and use ``,``, ``;``, ``|`` or
tab as delimiter (chosen from the header). Anything that cannot be read unambiguously
raises DataError naming the file, line and column.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from records.findings import DataError, Finding, Severity

MAX_CELL = 20_000
"""Longest cell accepted, in characters; a longer one is almost surely a paste error."""

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
    r"\ufeff\ufffd]"
)
"""Control characters, invisible and bidirectional-override characters, and the replacement character."""
_NOT_A_VALUE = {"nan", "#n/a", "#na", "#value!", "#ref!", "#div/0!", "#name?", "#num!", "#null!"}
"""Markers that spreadsheet programs and pandas write for a missing or broken value; never real data."""
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_DELIMITERS = (",", ";", "|", "\t")
_BINARY = {
    b"PK\x03\x04": "a ZIP archive such as an .xlsx workbook",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook",
    b"%PDF": "a PDF document",
}
"""Leading bytes of files people save under a .csv name by mistake."""


@dataclass(frozen=True)
class RawRow:
    """One data row: its 1-based line (text) or row number (XLSX) and cells by column name."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RawTable:
    """A file's header and its rows, before any typing (a text file's rows are read as they are iterated)."""

    file: str
    header: list[str]
    rows: Iterator[RawRow]


def _error(file: str, line: int, column: str, message: str, value: str | None = None) -> DataError:
    return DataError([Finding(Severity.ERROR, file, line, column, message, value)])


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (BOM stripped) or, failing that, Windows-1252; refuse a mix of both and binary files."""
    for magic, kind in _BINARY.items():
        if data.startswith(magic):
            raise _error(
                file,
                1,
                "",
                f"expected a text (CSV) file, not {kind}; open it in its program and save "
                "it as CSV UTF-8 (an .xlsx workbook may also be used as data/projects.xlsx)",
            )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(file, 1, "", "UTF-16 text is not supported; save the file as UTF-8 (CSV UTF-8 in Excel)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _UTF8_MULTIBYTE.search(data):
            raise _error(
                file,
                line,
                "",
                "mixed encodings: the file holds UTF-8 text and also bytes that are not "
                "UTF-8; save the whole file as UTF-8",
                repr(data[exc.start : exc.start + 1]),
            ) from None
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc2:
            line = data.count(b"\n", 0, exc2.start) + 1
            raise _error(
                file,
                line,
                "",
                "bytes that are neither UTF-8 nor Windows-1252 text",
                repr(data[exc2.start : exc2.start + 1]),
            ) from None


def _delimiter(header_line: str, expected: set[str], file: str) -> str:
    def score(d: str) -> int:
        names = [c.strip().strip('"').strip().lower() for c in header_line.split(d)]
        return len(expected.intersection(names))

    best = max(_DELIMITERS, key=score)
    if score(best) == 0:
        raise _error(
            file,
            1,
            "",
            "expected a header row naming the columns "
            + ", ".join(sorted(expected))
            + " (is this a CSV file of the right kind?)",
            header_line[:80],
        )
    return best


def _clean(value: object, file: str, line: int, column: str) -> str:
    cell = "" if value is None else str(value)
    if len(cell) > MAX_CELL:
        raise _error(file, line, column, f"expected a cell of at most {MAX_CELL} characters", cell[:40] + "...")
    if bad := _CONTROL.search(cell):
        raise _error(
            file,
            line,
            column,
            f"expected text without control or invisible characters (found "
            f"U+{ord(bad[0]):04X} at position {bad.start() + 1}; remove it, it is often pasted from Excel "
            "or a web page)",
            cell[:60],
        )
    cell = cell.strip()
    if cell.lower() in _NOT_A_VALUE:
        raise _error(
            file,
            line,
            column,
            f"expected a value or an empty cell, not the spreadsheet marker {cell!r} "
            "(leave the cell empty when there is no value)",
            cell,
        )
    return cell


def _header(names: Sequence[object], file: str, line: int) -> list[str]:
    """Lower-cased column names; trailing empty header cells are dropped, inner ones named ``column N``."""
    while names and (names[-1] is None or str(names[-1]).strip() == ""):
        names = names[:-1]
    return [_clean(name, file, line, str(i)).lower() or f"column {i}" for i, name in enumerate(names, start=1)]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _error(path.name, 0, "", f"expected a readable file ({exc.strerror or exc})") from None


def _utf8(path: Path) -> bool:
    """Whether the whole file is UTF-8 (checked a chunk at a time, so a large file is never held whole)."""
    check = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as data:
            while chunk := data.read(1 << 20):
                check.decode(chunk)
        check.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except OSError as exc:
        raise _error(path.name, 0, "", f"expected a readable file ({exc.strerror or exc})") from None
    return True


def _opener(path: Path) -> Callable[[], TextIO]:
    """Opens the file as text, each call from the start: streamed when it is UTF-8 (BOM stripped), else decoded
    whole once by ``decode`` (Windows-1252, or a DataError for binary, UTF-16 and mixed files)."""
    with open(path, "rb") as data:
        head = data.read(4)
    if _utf8(path) and not head.startswith(tuple(_BINARY)):
        return lambda: open(path, encoding="utf-8-sig", newline="")
    text = decode(_read_bytes(path), path.name)
    return lambda: io.StringIO(text, newline="")


def read_text(path: Path, expected: set[str]) -> RawTable:
    """Read a delimited text file; ``expected`` column names pick the delimiter.

    The header is read at once (a bad one raises DataError here); rows are read as they are
    iterated, so a file of any size is never held whole, and a bad row raises DataError then.
    Excel's ``sep=;`` first line, when present, names the delimiter. Line numbers are those
    of the first physical line of each record (a quoted cell may span lines).
    """
    file, opened = path.name, _opener(path)
    with opened() as text:
        first_line = text.readline()
        if not first_line.strip() and not text.read(1 << 20).strip():
            raise _error(file, 1, "", "expected a header row and data rows; the file is empty")
    hint = re.fullmatch(r"sep=(.)\r?\n?", first_line)
    delimiter = hint[1] if hint else _delimiter(first_line.rstrip("\r\n"), expected, file)
    records = _records(opened, file, delimiter, skipped=1 if hint else 0)
    line, names = next(records, (1, []))
    header = _header(names, file, line)
    return RawTable(file, header, _rows(records, header, file))


def _records(opened: Callable[[], TextIO], file: str, delimiter: str, skipped: int) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record after the ``skipped`` lines, with the line it starts on; DataError on malformed CSV."""
    with opened() as text:
        for _ in range(skipped):
            text.readline()
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        start = 1 + skipped
        try:
            for record in reader:
                line, start = start, reader.line_num + 1 + skipped
                yield line, record
        except csv.Error as exc:
            hint = " (a quote opened here is never closed)" if "end of data" in str(exc) else ""
            raise _error(file, start, "", f"expected well-formed CSV ({exc}){hint}") from None


def _rows(records: Iterator[tuple[int, list[str]]], header: list[str], file: str) -> Iterator[RawRow]:
    for line, record in records:
        if not any(c.strip() for c in record):
            continue
        if len(record) < len(header) or any(c.strip() for c in record[len(header) :]):
            raise _error(
                file,
                line,
                "",
                f"expected {len(header)} cells as in the header, found {len(record)} "
                "(a stray delimiter or an unclosed quote?)",
            )
        yield RawRow(line, {h: _clean(c, file, line, h) for h, c in zip(header, record, strict=False)})


def read_xlsx(path: Path, sheet: str, columns: set[str] | None = None) -> RawTable:
    """Read one sheet of an XLSX workbook; formulas and merged cells are refused.

    With ``columns`` (lower-cased header names), only those columns are read: a publisher's formula or
    description in a column the caller does not use is left alone.
    """
    import openpyxl  # only needed for spreadsheets
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    file = f"{path.name}[{sheet}]"
    try:
        workbook = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise _error(path.name, 0, "", f"expected a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    if sheet not in workbook.sheetnames:
        raise _error(path.name, 0, "", f"expected a sheet named {sheet!r}; found " + ", ".join(workbook.sheetnames))
    ws = workbook[sheet]
    if not isinstance(ws, Worksheet):
        raise _error(path.name, 0, "", f"expected a sheet of cells named {sheet!r}, not a chart")
    if ws.merged_cells.ranges:
        merged = min(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
        raise _error(file, merged.min_row, str(merged), "expected no merged cells; unmerge them and fill every cell")
    header: list[str] = []
    rows: list[RawRow] = []
    for line, row in enumerate(ws.iter_rows(), start=1):  # from A1
        if not header:
            header = _header([cell.value for cell in row], file, line)
            continue
        if all(cell.value is None or str(cell.value).strip() == "" for cell in row):
            continue
        cells = {}
        for column, (h, cell) in enumerate(zip(header, row, strict=False), start=1):
            if columns is not None and h not in columns:
                continue
            where = f"{get_column_letter(column)} ({h})"
            if cell.data_type == "f":
                raise _error(file, line, where, "expected a value, not a formula; paste values only", str(cell.value))
            value = cell.value
            if isinstance(value, dt.datetime):  # Excel dates arrive as datetimes
                value = value.date().isoformat()
            elif isinstance(value, dt.date | dt.time):
                value = value.isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            cells[h] = _clean(value, file, line, where)
        rows.append(RawRow(line, cells))
    return RawTable(file, header, iter(rows))
