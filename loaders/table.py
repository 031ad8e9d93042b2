"""Declared table layouts: check a file's header, type every cell, and collect findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from loaders import cells
from loaders.reader import RawTable, read_text, read_xlsx
from records.findings import DataError, Finding, Severity
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
    """A typed row: ``values`` maps column names to parsed values (None for empty cells)."""

    origin: Origin
    values: dict[str, object]

    def __getitem__(self, column: str) -> Any:
        """The column's value as its parser gave it (a str, Decimal, date, tuple, ...), None for an empty cell."""
        return self.values[column]


Mapper = Callable[[Row], Iterator[Record]]


@dataclass(frozen=True)
class Table:
    """A kind of input file: its name (``projects``), columns, key columns and row -> records mapper.

    ``defines`` is the type whose entities the file's rows define (their required values come from it); None
    for a file that only adds to entities defined elsewhere (populations, deelregio memberships).
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    to_records: Mapper
    defines: str | None = None
    description: str = ""
    sheet: str | None = None
    combine: Callable[[list[Record], list[Finding]], Iterator[Record]] | None = None
    """Optional reduction over all of the table's records (e.g. keep the latest population)."""
    mapped: bool = False
    """A publisher's file read through a column map (loaders.opsmap): a missing column is an ERROR finding and
    the rows are still read without it, so that one pass reports every problem; the columns the map leaves out
    are the publisher's and draw no warning. Otherwise a missing column stops the file at once."""

    def located(self, finding: Finding) -> Finding:
        """``finding`` with its column named as this table names it where it names a slot (Column.slots)."""
        column = next((c.name for c in self.columns if finding.column in c.slots), None)
        return replace(finding, column=column) if column else finding

    def read(self, path: Path) -> tuple[list[Row], list[Finding]]:
        """Read and type the whole of ``path``: its rows and findings; DataError when it cannot be read."""
        findings: list[Finding] = []
        return list(self.rows(path, findings)), findings

    def rows(self, path: Path, findings: list[Finding]) -> Iterator[Row]:
        """The typed rows of ``path`` as they are read; one finding per bad cell or duplicate key goes to ``findings``.

        Raises DataError at once when the file or its header cannot be read, and while iterating at a row that
        cannot be read (e.g. a stray delimiter).
        """
        declared = {c.name for c in self.columns}
        if path.suffix.lower() == ".xlsx":
            raw = read_xlsx(path, self.sheet or self.name, declared)
        else:
            raw = read_text(path, declared)
        missing = [c.name for c in self.columns if c.name not in raw.header]
        repeated = sorted({h for h in raw.header if raw.header.count(h) > 1})
        if self.mapped and missing and not repeated:
            findings += [
                Finding(
                    Severity.ERROR,
                    raw.file,
                    1,
                    name,
                    "expected this column (the map names it); found " + ", ".join(raw.header),
                )
                for name in missing
            ]
        elif missing or repeated:
            problems = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + (
                [f"repeated column(s) {', '.join(repeated)}"] if repeated else []
            )
            raise DataError(
                [
                    Finding(
                        Severity.ERROR,
                        raw.file,
                        1,
                        "",
                        "; ".join(problems) + "; expected columns: " + ", ".join(c.name for c in self.columns),
                    )
                ]
            )
        findings += [
            Finding(Severity.WARNING, raw.file, 1, h, "unknown column, ignored")
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
                if not cell:
                    values[column.name] = None
                    if column.required:
                        findings.append(
                            Finding(
                                Severity.ERROR,
                                raw.file,
                                raw_row.line,
                                column.name,
                                "expected a value (this column is required)",
                                cell,
                            )
                        )
                        ok = False
                    continue
                try:
                    values[column.name] = column.parse(cell)
                except cells.CellError as exc:
                    findings.append(
                        Finding(Severity.ERROR, raw.file, raw_row.line, column.name, f"expected {exc}", cell)
                    )
                    ok = False
            if not ok:
                continue
            if self.key:
                key = tuple(values[k] for k in self.key)
                named = digest(repr(key))
                if named in seen:
                    findings.append(
                        Finding(
                            Severity.ERROR,
                            raw.file,
                            raw_row.line,
                            self.key[0],
                            f"expected a unique key; {'/'.join(map(str, key))} already on line {seen[named]}",
                            "/".join(map(str, key)),
                        )
                    )
                    continue
                seen[named] = raw_row.line
            yield Row(Origin(raw.file, raw_row.line), values)


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
