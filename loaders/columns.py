"""Columns shared by several tables (names, descriptions, periods, sources)."""

from __future__ import annotations

import re

from loaders import cells
from loaders.table import Column, Row, keys
from records.findings import N_
from records.model import Key, Text


def source_key(cell: str) -> str:
    """A key of sources.csv such as ``DE_MAASEIK``."""
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9_]*", cell):
        raise cells.CellError(N_("expected a source key from sources.csv in capitals, e.g. DE_MAASEIK"))
    return cell


def source_ref(key: str) -> str:
    """The IRI ref of a source key: ``DE_MAASEIK`` -> ``de-maaseik``."""
    return key.lower().replace("_", "-")


NAMES = (Column("name_nl", slots=("label",)), Column("name_en", slots=("label",)))
DESCRIPTION = Column("description_en", slots=("description",))
SOURCES = Column("sources", cells.many(source_key), required=True, slots=("was_derived_from",))
PERIOD = (
    Column("period_start", cells.partial_date, slots=("start_date", "start_precision")),
    Column("period_end", cells.partial_date, slots=("end_date", "end_precision")),
)


def sources(row: Row) -> tuple[Key, ...]:
    """The row's sources as Keys of Source records (none for a planned project, which has no source yet)."""
    return keys("Source", [source_ref(k) for k in row["sources"] or ()])


def description(row: Row, column: str = "description_en") -> Text | None:
    """The English description cell as a language-tagged text."""
    return Text(row[column], "en") if row.values.get(column) else None


def period(row: Row, start: str = "period_start", end: str = "period_end") -> dict[str, object]:
    """Slot values for a (possibly partial) start and end date."""
    values: dict[str, object] = {}
    for prefix, column in (("start", start), ("end", end)):
        if row.values.get(column):
            values[f"{prefix}_date"], values[f"{prefix}_precision"] = row[column]
    return values
