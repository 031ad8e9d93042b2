"""Declared table layouts: check a file's header, type every cell, and collect findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from loaders import cells
from loaders.reader import RawTable, read_text, read_xlsx, sheet_names
from records.findings import N_, DataError, Finding, Severity, finding
from records.model import Key, Origin, Record, Text, Value, digest


@dataclass(frozen=True)
class Column:
    """A declared column: its name, the parser for its cells, whether a value is required and the schema slots its
    cells go into where these are named otherwise (``successor_nis`` -> ``is_replaced_by``), so that a finding
    about a slot points at the column."""

    name: str
    parse: cells.Parser = cells.text
    required: bool = False
    slots: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """A typed row: ``values`` maps column names to parsed values (None for empty cells). ``complete`` is False
    when a cell could not be read (its value is then None too, and a finding says why): such a row only
    tells that its entity exists, so that references to it give no second, false error."""

    origin: Origin
    values: dict[str, object]
    complete: bool = True

    def __getitem__(self, column: str) -> Any:
        """The column's value as its parser gave it (a str, Decimal, date, tuple, ...), None for an empty cell."""
        return self.values[column]


Mapper = Callable[[Row], Iterator[Record]]


@dataclass(frozen=True)
class Table:
    """A kind of input file: its name (``projects``), columns, key columns and row -> records mapper.

    ``defines`` is the type whose entities the file's rows define (their required values come from it); None
    for a file that only adds to entities defined elsewhere (populations, deelregio memberships). In a
    workbook, a table's sheet and headings are those of ``loaders.workbook``.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    to_records: Mapper
    defines: str | None = None
    description: str = ""
    combine: Callable[[list[Record], list[Finding]], Iterator[Record]] | None = None
    """Optional reduction over all of the table's records (e.g. keep the latest population)."""
    sheet: str | None = None
    """The sheet that holds the table in a workbook of its own (a publisher's list of operations); None: the
    sheet loaders.workbook names."""
    mapped: bool = False
    """A publisher's file read through a column map (loaders.opsmap): a missing column is an ERROR finding and
    the rows are still read without it, so that one pass reports every problem; the columns the map leaves out
    are the publisher's and draw no warning. Otherwise a missing column stops the file at once."""

    def located(self, finding: Finding) -> Finding:
        """``finding`` with its column named as this table names it where it names a slot (Column.slots)."""
        column = next((c.name for c in self.columns if finding.column in c.slots), None)
        return replace(finding, column=column) if column else finding

    def read(self, path: Path, sheet: str | None = None) -> tuple[list[Row], list[Finding]]:
        """Read and type the whole of ``path``: its complete rows (a row with a cell that could not be read is left
        out; a finding says why) and findings; DataError when it cannot be read."""
        findings: list[Finding] = []
        return [row for row in self.rows(path, findings, sheet) if row.complete], findings

    def rows(self, path: Path, findings: list[Finding], sheet: str | None = None) -> Iterator[Row]:
        """The typed rows of ``path`` (of its ``sheet`` for a workbook, by default the table's ``sheet`` or the one
        loaders.workbook names) as they are read; one finding per bad cell or duplicate key goes to ``findings``.

        Raises DataError at once when the file or its header cannot be read, and while iterating at a row that
        cannot be read (e.g. a stray delimiter).
        """
        from loaders import workbook  # the workbook's layout names this module's tables

        declared = {c.name for c in self.columns}
        if path.suffix.lower() == ".xlsx":
            sheet = sheet or self.sheet
            if sheet is None:
                sheet = next(
                    (s for s in sheet_names(path) if workbook.table_of_sheet(s) == self.name),
                    workbook.SHEETS.get(self.name, self.name),
                )
            raw = read_xlsx(path, sheet, None if self.mapped else workbook.columns_by_heading(self), declared)
        else:
            raw = read_text(path, declared)
        return self.typed(raw, findings)

    def typed(self, raw: RawTable, findings: list[Finding]) -> Iterator[Row]:
        """The rows of ``raw`` typed by the columns (see ``rows``); DataError for a missing or repeated column
        (for a ``mapped`` table, a missing column is an ERROR finding and the rows are read without it)."""
        from loaders import workbook  # the workbook's layout names this module's tables

        declared = {c.name for c in self.columns}
        in_workbook = raw.file.endswith("]") and not self.mapped
        named = (lambda c: workbook.heading(self.name, c)) if in_workbook else (lambda c: c)
        missing = [named(c.name) for c in self.columns if c.name not in raw.header]
        repeated = sorted({named(h) for h in raw.header if raw.header.count(h) > 1})
        if self.mapped and missing and not repeated:
            findings += [
                finding(
                    Severity.ERROR,
                    raw.file,
                    1,
                    name,
                    N_("expected this column (the map names it); found {found}"),
                    found=", ".join(raw.header),
                )
                for name in missing
            ]
        elif missing or repeated:
            expected = ", ".join(named(c.name) for c in self.columns)
            if missing and repeated:
                problem = finding(
                    Severity.ERROR,
                    raw.file,
                    1,
                    "",
                    N_("missing column(s) {missing}; repeated column(s) {repeated}; expected columns: {expected}"),
                    missing=", ".join(missing),
                    repeated=", ".join(repeated),
                    expected=expected,
                )
            elif missing:
                problem = finding(
                    Severity.ERROR,
                    raw.file,
                    1,
                    "",
                    N_("missing column(s) {missing}; expected columns: {expected}"),
                    missing=", ".join(missing),
                    expected=expected,
                )
            else:
                problem = finding(
                    Severity.ERROR,
                    raw.file,
                    1,
                    "",
                    N_("repeated column(s) {repeated}; expected columns: {expected}"),
                    repeated=", ".join(repeated),
                    expected=expected,
                )
            raise DataError([problem])
        findings += [
            finding(Severity.WARNING, raw.file, 1, raw.where.get(h, h), N_("unknown column, ignored"))
            for h in raw.header
            if h not in declared and not self.mapped
        ]
        return self._typed(raw, findings)

    def _typed(self, raw: RawTable, findings: list[Finding]) -> Iterator[Row]:
        seen: dict[bytes, int] = {}  # key digest -> line: 16 bytes a row whatever the key's length
        for raw_row in raw.rows:
            values: dict[str, object] = {}
            ok = True
            for column in self.columns:
                if column.name not in raw_row.cells:  # a missing column of a mapped file, reported once
                    values[column.name] = None
                    continue
                cell = raw_row.cells[column.name]
                # a publisher's file is named by its own headers, as the map and the other findings of its rows are
                where = column.name if self.mapped else raw.where.get(column.name, column.name)
                values[column.name] = None
                if not cell:
                    if column.required:
                        findings.append(
                            finding(
                                Severity.ERROR,
                                raw.file,
                                raw_row.line,
                                where,
                                N_("expected a value (this column is required)"),
                                cell,
                            )
                        )
                        ok = False
                    continue
                try:
                    values[column.name] = column.parse(cell)
                except cells.CellError as exc:
                    findings.append(
                        finding(Severity.ERROR, raw.file, raw_row.line, where, exc.template, cell, **exc.args_)
                    )
                    ok = False
            origin = Origin(raw.file, raw_row.line)
            if not ok:
                yield Row(origin, values, complete=False)
                continue
            if self.key:
                key = tuple(values[k] for k in self.key)
                named = digest(repr(key))
                if named in seen:
                    shown = "/".join(map(str, key))
                    findings.append(
                        finding(
                            Severity.ERROR,
                            raw.file,
                            raw_row.line,
                            raw.where.get(self.key[0], self.key[0]),
                            N_("expected a unique key; {key} already on line {line}"),
                            shown,
                            key=shown,
                            line=seen[named],
                        )
                    )
                    continue
                seen[named] = raw_row.line
            yield Row(origin, values)


def record(type_: str, ref: str, origin: Origin, **values: Any) -> Record:
    """Build a Record, dropping empty values and wrapping single values in tuples."""
    slots: dict[str, tuple[Value, ...]] = {}
    for name, value in values.items():
        if value is None or value == ():
            continue
        slots[name] = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    return Record(Key(type_, ref), slots, [origin], {(s, v): origin for s, vs in slots.items() for v in vs})


def keys(type_: str, refs: Iterable[str] | None) -> tuple[Key, ...]:
    """Keys of one type for a tuple of refs (empty when ``refs`` is None)."""
    return tuple(Key(type_, r) for r in refs or ())


def labels(row: Row) -> tuple[Text, ...]:
    """The row's ``name_nl``/``name_en`` cells as language-tagged texts."""
    return tuple(Text(row[c], c[-2:]) for c in ("name_nl", "name_en") if row.values.get(c))
