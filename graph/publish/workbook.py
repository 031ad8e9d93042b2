"""The workbook a strategist edits (``lires export --format xlsx``, ``/dumps/lires.xlsx``): organisations,
projects, project partners, memberships and deelregio memberships, one sheet each, laid out as loaders.workbook
says (Dutch sheet names and headings, a header comment per column saying what it expects, drop-downs of Dutch
names for the enumerations). Reading it back (``lires build`` with the workbook in place of those tables' CSV
files) gives the same graph: every cell is written the way its column's parser reads it.

The rows come from the build's record fragments of each table's own file (records.jsonl keeps what each row
said), so a project's row holds its own sources, not those its partner rows added. ``python -m
graph.publish.workbook FILE`` writes the empty workbook (the template in data/templates/).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils import quote_sheetname

from graph.publish.sheets import DATA_ROWS, Cell, Sheet, xlsx_bytes
from loaders.cells import Choice
from loaders.inputs import tables
from loaders.structures import MEMBER_TYPES
from loaders.table import Column, Table
from loaders.workbook import SHEETS, explanation, heading, table_of_file
from ontology.vocab import vocabulary
from records.model import Key, Record, Text, Value

TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "templates" / "lires.xlsx"
"""The empty workbook shipped for a new data directory."""
REFERENCE_LISTS = {("project_partners", "project"): "projects", ("project_partners", "organisation"): "organisations"}
"""Columns whose drop-down offers the codes of another sheet of the workbook."""
LANG = "nl"
"""The workbook's language: headings, comments and the names in the drop-downs are Dutch."""


def workbook_tables() -> list[Table]:
    """The tables the workbook holds, in its order (loaders.workbook.SHEETS)."""
    declared = {t.name: t for t in tables()}
    return [declared[name] for name in SHEETS]


def _date(record: Record, slot: str) -> Cell:
    """A (possibly partial) date as its column reads it: a date, or ``2017-04`` / ``2017`` for a month or year."""
    day = record.one(f"{slot}_date", dt.date)
    if day is None:
        return None
    precision = record.one(f"{slot}_precision", str) or "day"
    if precision == "year":
        return str(day.year)
    return f"{day.year}-{day.month:02d}" if precision == "month" else day


def _written(value: Value) -> Cell:
    """One value as a cell holds it: a link by its ref (a source by its key, ``DE_MAASEIK``), a text as text."""
    if isinstance(value, Key):
        return value.ref.upper().replace("-", "_") if value.type == "Source" else value.ref
    if isinstance(value, Text):
        return value.value
    return value


def _cell(table: Table, column: Column, record: Record) -> Cell:
    """The cell of ``column`` for a fragment of ``table``: the values of its slot, as the column reads them."""
    slots = column.slots or (column.name,)
    if slots[0].endswith("_date"):
        return _date(record, slots[0].removesuffix("_date"))
    if column.name == "member_type":
        member = record.one("member", Key)
        kind = next((k for k, t in MEMBER_TYPES.items() if member and member.type == t), None)
        return _choice(column, kind)
    values = record.values.get(slots[0], ())
    if vocabulary().slots.get(slots[0]) and vocabulary().slots[slots[0]].language_tagged:
        lang = column.name[-2:] if column.name.endswith(("_nl", "_en")) else "en"
        values = tuple(v for v in values if isinstance(v, Text) and v.lang == lang)
    if not values:
        return record.key.ref if column.name == table.key[0] and not column.slots else None
    if isinstance(column.parse, Choice):
        return _choice(column, str(values[0]))
    cells = [_written(v) for v in values]
    return cells[0] if len(cells) == 1 and not _listed(column) else ";".join(map(str, cells))


def _listed(column: Column) -> bool:
    """Whether the column holds a ``;``-separated list (its slot takes several values)."""
    return any(vocabulary().slots[s].multivalued for s in column.slots or (column.name,) if s in vocabulary().slots)


def _choice(column: Column, value: str | None) -> Cell:
    """An enumeration value by its Dutch name, as the drop-down offers it."""
    if value is None or not isinstance(column.parse, Choice):
        return value
    return column.parse.name(value, LANG)


def rows(table: Table, fragments: Iterable[Record]) -> list[list[Cell]]:
    """The rows of ``table`` in the order they were read: one per fragment read from the table's own file (for a
    table that defines a type, the fragments of that type)."""
    out = []
    for fragment in fragments:
        if table_of_file(fragment.origins[0].file) != table.name:
            continue
        if table.defines and fragment.key.type != table.defines:
            continue  # e.g. what a partner row adds to its project
        out.append([_cell(table, c, fragment) for c in table.columns])
    return out


def sheet(table: Table, table_rows: list[list[Cell]]) -> Sheet:
    """The sheet of ``table``: Dutch headings, a comment per heading (what it expects, and the CSV column),
    drop-downs of Dutch names for enumerations and of codes for references to another sheet."""
    headings = [heading(table.name, c.name) for c in table.columns]
    notes, choices, lists = {}, {}, {}
    for column, head in zip(table.columns, headings, strict=True):
        required = " Verplicht." if column.required else ""
        notes[head] = f"{explanation(table.name, column.name)}{required}\n(CSV-kolom: {column.name})".strip()
        if isinstance(column.parse, Choice):
            choices[head] = [column.parse.name(v, LANG) for v in column.parse.values]
        if target := REFERENCE_LISTS.get((table.name, column.name)):
            lists[head] = f"{quote_sheetname(SHEETS[target])}!$A$2:$A${DATA_ROWS + 1}"
    return Sheet(SHEETS[table.name], headings, table_rows, notes, choices, lists)


def workbook(
    fragments: Iterable[Record], created: dt.datetime | None = None, only: Iterable[str] | None = None
) -> bytes:
    """The workbook of the data the fragments (a build's records.jsonl, in order) say; empty sheets when none.
    ``only`` limits it to some tables (``projects``, ``project_partners``: rows to paste into a workbook)."""
    read = list(fragments)
    kept = set(only) if only is not None else set(SHEETS)
    sheets = [sheet(t, rows(t, read)) for t in workbook_tables() if t.name in kept]
    return xlsx_bytes(sheets, "LIRES Graph: organisaties, projecten en lidmaatschappen", created)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(workbook([], dt.datetime(2026, 1, 1)))
