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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from records.findings import N_, DataError, Severity, finding

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
    b"PK\x03\x04": N_(
        "expected a text (CSV) file, not a ZIP archive such as an .xlsx workbook; give a workbook the name .xlsx, "
        "or save it as CSV UTF-8"
    ),
    b"\xd0\xcf\x11\xe0": N_(
        "expected a text (CSV) file, not an old Excel .xls workbook; open it in Excel and save it as .xlsx or as "
        "CSV UTF-8"
    ),
    b"%PDF": N_("expected a text (CSV) file, not a PDF document"),
}
"""Leading bytes of files people save under a .csv name by mistake."""


@dataclass(frozen=True)
class RawRow:
    """One data row: its 1-based line (text) or row number (XLSX) and cells by column name."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RawTable:
    """A file's header and its rows, before any typing (a text file's rows are read as they are iterated).

    ``where`` names a column as the file shows it where that differs from its name (a workbook's column letter
    and heading: ``I (budget (euro))``)."""

    file: str
    header: list[str]
    rows: Iterator[RawRow]
    where: dict[str, str] = field(default_factory=dict)


def _error(file: str, line: int, column: str, template: str, value: str | None = None, **args: object) -> DataError:
    return DataError([finding(Severity.ERROR, file, line, column, template, value, **args)])


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (BOM stripped) or, failing that, Windows-1252; refuse a mix of both and binary files."""
    for magic, message in _BINARY.items():
        if data.startswith(magic):
            raise _error(file, 1, "", message)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(file, 1, "", N_("UTF-16 text is not supported; save the file as UTF-8 (CSV UTF-8 in Excel)"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _UTF8_MULTIBYTE.search(data):
            raise _error(
                file,
                line,
                "",
                N_(
                    "mixed encodings: the file holds UTF-8 text and also bytes that are not UTF-8; save the whole "
                    "file as UTF-8"
                ),
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
                N_("bytes that are neither UTF-8 nor Windows-1252 text"),
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
            N_("expected a header row naming the columns {columns} (is this a CSV file of the right kind?)"),
            header_line[:80],
            columns=", ".join(sorted(expected)),
        )
    return best


def _clean(value: object, file: str, line: int, column: str) -> str:
    cell = "" if value is None else str(value)
    if len(cell) > MAX_CELL:
        raise _error(file, line, column, N_("expected a cell of at most {n} characters"), cell[:40] + "...", n=MAX_CELL)
    if bad := _CONTROL.search(cell):
        raise _error(
            file,
            line,
            column,
            N_(
                "expected text without control or invisible characters (found {code} at position {position}; "
                "remove it, it is often pasted from Excel or a web page)"
            ),
            cell[:60],
            code=f"U+{ord(bad[0]):04X}",
            position=bad.start() + 1,
        )
    cell = cell.strip()
    if cell.lower() in _NOT_A_VALUE:
        raise _error(
            file,
            line,
            column,
            N_(
                "expected a value or an empty cell, not the spreadsheet marker {marker} (leave the cell empty when "
                "there is no value)"
            ),
            cell,
            marker=repr(cell),
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
        raise _error(
            path.name, 0, "", N_("expected a readable file ({reason})"), reason=exc.strerror or str(exc)
        ) from None


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
        raise _error(
            path.name, 0, "", N_("expected a readable file ({reason})"), reason=exc.strerror or str(exc)
        ) from None
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
            raise _error(file, 1, "", N_("expected a header row and data rows; the file is empty"))
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
            if "end of data" in str(exc):
                raise _error(
                    file,
                    start,
                    "",
                    N_("expected well-formed CSV ({reason}) (a quote opened here is never closed)"),
                    reason=str(exc),
                ) from None
            raise _error(file, start, "", N_("expected well-formed CSV ({reason})"), reason=str(exc)) from None


def _rows(records: Iterator[tuple[int, list[str]]], header: list[str], file: str) -> Iterator[RawRow]:
    for line, record in records:
        if not any(c.strip() for c in record):
            continue
        if len(record) < len(header) or any(c.strip() for c in record[len(header) :]):
            raise _error(
                file,
                line,
                "",
                N_("expected {n} cells as in the header, found {found} (a stray delimiter or an unclosed quote?)"),
                n=len(header),
                found=len(record),
            )
        yield RawRow(line, {h: _clean(c, file, line, h) for h, c in zip(header, record, strict=False)})


def sheet_names(path: Path) -> list[str]:
    """The sheets of an XLSX workbook, in order; DataError when it cannot be read."""
    import openpyxl  # only needed for spreadsheets

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise _unreadable(path, exc) from None
    names = list(workbook.sheetnames)
    workbook.close()
    return names


def sheet_rows(path: Path, sheet: str) -> int:
    """The last row of a workbook's sheet that holds anything (0 for a sheet it lacks); DataError when the
    workbook cannot be read."""
    import openpyxl  # only needed for spreadsheets

    try:
        workbook = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise _unreadable(path, exc) from None
    rows = workbook[sheet].max_row if sheet in workbook.sheetnames else 0
    workbook.close()
    return rows or 0


def _unreadable(path: Path, exc: Exception) -> DataError:
    return _error(
        path.name, 0, "", N_("expected a readable .xlsx workbook ({reason})"), reason=f"{type(exc).__name__}: {exc}"
    )


def read_xlsx(
    path: Path, sheet: str, names: Mapping[str, str] | None = None, columns: set[str] | None = None
) -> RawTable:
    """Read one sheet of an XLSX workbook; formulas and merged cells are refused. ``names`` maps a heading (lower
    case) to the column it stands for (``budget (euro)`` -> ``budget_eur``); other headings are column names.

    With ``columns`` (column names), only those columns' cells are read: a publisher's formula or description in
    a column the caller does not use is left alone.
    """
    import openpyxl  # only needed for spreadsheets
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    file = f"{path.name}[{sheet}]"
    try:
        workbook = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise _unreadable(path, exc) from None
    if sheet not in workbook.sheetnames:
        raise _error(
            path.name,
            0,
            "",
            N_("expected a sheet named {sheet}; found {sheets}"),
            sheet=repr(sheet),
            sheets=", ".join(workbook.sheetnames),
        )
    ws = workbook[sheet]
    if not isinstance(ws, Worksheet):
        raise _error(path.name, 0, "", N_("expected a sheet of cells named {sheet}, not a chart"), sheet=repr(sheet))
    if ws.merged_cells.ranges:
        merged = min(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
        raise _error(
            file, merged.min_row, str(merged), N_("expected no merged cells; unmerge them and fill every cell")
        )
    header: list[str] = []
    where: dict[str, str] = {}
    rows: list[RawRow] = []
    for line, row in enumerate(ws.iter_rows(), start=1):  # from A1
        if not header:
            headings = _header([cell.value for cell in row], file, line)
            header = [(names or {}).get(h, h) for h in headings]
            where = {
                h: f"{get_column_letter(i)} ({heading})"
                for i, (h, heading) in enumerate(zip(header, headings, strict=True), 1)
            }
            continue
        if all(cell.value is None or str(cell.value).strip() == "" for cell in row):
            continue
        cells = {}
        for h, cell in zip(header, row, strict=False):
            if columns is not None and h not in columns:
                continue
            if cell.data_type == "f":
                raise _error(
                    file, line, where[h], N_("expected a value, not a formula; paste values only"), str(cell.value)
                )
            cells[h] = _clean(_cell_text(cell.value), file, line, where[h])
        rows.append(RawRow(line, cells))
    return RawTable(file, header, iter(rows), where)


def _cell_text(value: object) -> object:
    """A typed workbook cell as the text a CSV cell would hold: dates in ISO, whole numbers without ``.0``, other
    numbers with at least four decimals when they have three (``123.456`` could be read as 123456)."""
    if isinstance(value, dt.datetime):  # Excel dates arrive as datetimes
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        text = repr(value)
        return text + "0" if re.fullmatch(r"-?[0-9]{1,3}\.[0-9]{3}", text) else text
    return value
