"""strategies.csv and objectives.csv: plans, programmes and funds, and their objective schemes."""

from __future__ import annotations

from collections.abc import Iterator

from loaders import cells
from loaders.columns import DESCRIPTION, NAMES, PERIOD, SOURCES, description, period, sources
from loaders.table import Column, Row, Table, labels, record
from records.model import Key, Record


def _strategy(row: Row) -> Iterator[Record]:
    part_of = row["part_of"]
    yield record(
        "Strategy",
        row["ref"],
        row.origin,
        label=labels(row),
        description=description(row),
        strategy_kind=row["kind"],
        part_of=Key("Strategy", part_of) if part_of else None,
        **period(row),
        was_derived_from=sources(row),
    )


def _objective(row: Row) -> Iterator[Record]:
    broader = row["broader"]
    yield record(
        "Objective",
        row["ref"],
        row.origin,
        label=labels(row),
        description=description(row),
        in_scheme=Key("Strategy", row["strategy"]),
        broader=Key("Objective", broader) if broader else None,
        notation=row["notation"],
        was_derived_from=sources(row),
    )


def strategies_table() -> Table:
    """The strategies table; ``kind`` values come from the schema's StrategyKind enum."""
    return Table(
        "strategies",
        (
            Column("ref", cells.slug, required=True),
            *NAMES,
            Column("kind", cells.schema_enum("StrategyKind"), required=True, slots=("strategy_kind",)),
            Column("part_of", cells.slug),
            *PERIOD,
            DESCRIPTION,
            SOURCES,
        ),
        key=("ref",),
        to_records=_strategy,
        defines="Strategy",
        description="Strategies, plans, programmes and funds.",
    )


OBJECTIVES = Table(
    "objectives",
    (
        Column("ref", cells.slug, required=True),
        Column("strategy", cells.slug, required=True, slots=("in_scheme",)),
        Column("broader", cells.slug),
        Column("notation"),
        *NAMES,
        DESCRIPTION,
        SOURCES,
    ),
    key=("ref",),
    to_records=_objective,
    defines="Objective",
    description="Objectives: one SKOS scheme per strategy.",
)
