"""sources.csv: the documents and data sets every fact points to."""

from __future__ import annotations

from collections.abc import Iterator

from loaders import cells
from loaders.columns import source_key, source_ref
from loaders.table import Column, Row, Table, record
from records.model import Record, Text


def _records(row: Row) -> Iterator[Record]:
    yield record(
        "Source",
        source_ref(row["key"]),
        row.origin,
        label=Text(row["title"], "en"),
        url=row["url"],
        publisher=row["publisher"],
        issued=row["published"],
    )


SOURCES = Table(
    "sources",
    (
        Column("key", source_key, required=True),
        Column("url", cells.url, required=True),
        Column("title", required=True, slots=("label",)),
        Column("publisher"),
        Column("published", cells.date, slots=("issued",)),
    ),
    key=("key",),
    to_records=_records,
    defines="Source",
    description="Public documents and data sets, one row per source key.",
)
