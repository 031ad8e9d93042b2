"""What an analysis looks at: a year, a strategy, a territorial partition and optionally one subregion.

The same scope feeds coverage, gaps, synergy and metrics, so one set of filters means the
same thing everywhere:

- ``year``: only projects, memberships and structures active in that calendar year
  (see ``as_of``), on the municipalities in force that year (see ``territory``); None looks at every
  period, on today's municipalities.
- ``strategy``: only projects that serve an objective of the strategy's scheme or name the
  strategy as their frame; None looks at all projects.
- ``subregion``: only today's municipalities of that LIRES subregion (or ``unassigned``),
  and only projects with a location among them.
- ``by``: the columns, ``subregion`` or ``arrondissement`` (see ``territory``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field, field_validator

from graph.analysis.as_of import active
from graph.analysis.objectives import in_scheme
from graph.analysis.tables import Csr, Tables, from_records
from graph.analysis.territory import Partition, Territory, counterparts, municipalities_in_force, partition
from records.labels import UNASSIGNED
from records.model import Key, Record


class ScopeError(ValueError):
    """A filter names something the data does not have (unknown strategy, subregion or partition)."""


class ScopeParams(BaseModel):
    """The filters of an analysis, as the API's query parameters and the CLI's options take them and every report
    states them."""

    by: Literal["subregion", "arrondissement"] = Field(
        "subregion",
        description="Territories: LIRES deelregio's (plus the municipalities not assigned to one, 'unassigned') or "
        "arrondissements",
    )
    year: int | None = Field(
        None,
        ge=1800,
        le=2200,
        description="As of this year: only projects, memberships and structures active then (undated ones count "
        "as always active; operational projects from their start on); null = every period",
    )
    strategy: str | None = Field(
        None,
        max_length=100,
        description="Strategy ref, e.g. salk: its objectives and the projects serving them or framed by it",
    )
    subregion: str | None = Field(
        None,
        max_length=100,
        description="Only the municipalities of this LIRES deelregio (ref, e.g. noord-limburg, or 'unassigned') "
        "and the projects located there",
    )

    @field_validator("year", "strategy", "subregion", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """An empty form field (``?year=&strategy=``, as the pages' filter forms send it) means no filter."""
        return None if value == "" else value


@dataclass(frozen=True)
class Scope:
    """The tables of a build and the chosen filters; build one with ``make_scope``."""

    tables: Tables
    partition: Partition
    year: int | None
    strategy: Key | None
    subregion: str | None
    municipalities: tuple[Key, ...]
    """The municipalities in scope (in force in the year, today without one), in NIS order."""
    project_ids: np.ndarray
    """Ids of the projects in scope (graph.analysis.tables), ascending: in record order."""
    memberships: tuple[Key, ...]
    """Memberships active in the year, in structures active in the year."""

    @property
    def records(self) -> Mapping[Key, Record]:
        """The records as far as the analysis reads them (graph.analysis.tables.Tables.records)."""
        return self.tables.records

    @cached_property
    def projects(self) -> tuple[Key, ...]:
        """Projects in scope, in record order."""
        return self.tables.project_keys(self.project_ids.tolist())

    @property
    def params(self) -> ScopeParams:
        """The filters this scope was made for."""
        return ScopeParams(
            by=self.partition.by,
            year=self.year,
            strategy=self.strategy.ref if self.strategy else None,
            subregion=self.subregion,
        )

    def counterparts(self, municipality: Key) -> tuple[Key, ...]:
        """The municipalities in force in the scope's year that ``municipality`` stands for (territory.counterparts):
        Neerpelt as Pelt today, Pelt as Neerpelt and Overpelt in 2018."""
        return counterparts(self.tables.small, municipality, self.year)

    def locations(self, project: Key) -> tuple[Key, ...]:
        """The project's locations as municipalities in force in the scope's year (``counterparts``)."""
        recorded = self.records[project].many("at_location", Key)
        return tuple(dict.fromkeys(c for m in recorded for c in self.counterparts(m)))

    def members(self, membership: Key) -> tuple[Key, ...]:
        """The member of a membership; a municipality member as the municipalities in force in the scope's year."""
        member = self.tables.small[membership].one("member", Key)
        if member is None:
            return ()
        return self.counterparts(member) if member.type == "Municipality" else (member,)

    @cached_property
    def in_force(self) -> Csr:
        """Municipality id -> ids of the municipalities in force in the year it stands for (``counterparts``)."""
        index = self.tables.municipality_index
        rows = [[index[c] for c in self.counterparts(m) if c in index] for m in self.tables.municipalities]
        return Csr(
            np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np.int64),
            np.array([c for r in rows for c in r], dtype=np.int64),
        )

    @cached_property
    def located(self) -> tuple[np.ndarray, np.ndarray]:
        """``(project id, municipality id)`` of every project in scope and every municipality in force in the
        year where it has a location, each pair once, by project."""
        return _located(self.tables, self.in_force, self.project_ids)

    @cached_property
    def territories(self) -> tuple[Territory, ...]:
        """The partition's territories that hold municipalities in scope; without a subregion filter all of
        them, and by subregion always the chosen one (also when none of its municipalities is known)."""
        if self.subregion is None:
            return self.partition.territories
        refs = {self.partition.of_municipality[m] for m in self.municipalities}
        if self.partition.by == "subregion":
            refs.add(self.subregion)
        return tuple(t for t in self.partition.territories if t.ref in refs)


def _located(tables: Tables, in_force: Csr, projects: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    i, recorded = tables.at_location.pairs(projects)
    j, places = in_force.pairs(recorded)
    return _unique_pairs(projects[i][j], places)


def _unique_pairs(rows: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``(row, value)`` pairs, by row then value."""
    if not len(rows):
        return rows.astype(np.int64), values.astype(np.int64)
    width = int(values.max()) + 1
    codes = np.unique(rows.astype(np.int64) * width + values)
    return codes // width, codes % width


def _subregion_of(records: Mapping[Key, Record], municipality: Key) -> str:
    parent = records[municipality].one("subregion", Key)
    return parent.ref if parent else UNASSIGNED


def make_scope(
    records: Mapping[Key, Record] | Tables,
    by: str = "subregion",
    year: int | None = None,
    strategy: str | None = None,
    subregion: str | None = None,
) -> Scope:
    """The scope for these filters (``strategy`` and ``subregion`` are refs, e.g. ``salk``, ``noord-limburg``), on
    the tables of a build (graph.analysis.tables.tables_of) or on records by key (those of a build with planned
    projects added, say), of which the tables are made first.

    Raises ScopeError for an unknown partition, strategy or subregion.
    """
    tables = records if isinstance(records, Tables) else from_records(records.values())
    small = tables.small
    try:
        parts = partition(small, by, year)
    except ValueError as exc:
        raise ScopeError(str(exc)) from None
    strategy_key = None
    if strategy is not None:
        strategy_key = Key("Strategy", strategy)
        if strategy_key not in small:
            known = ", ".join(k.ref for k in small if k.type == "Strategy")
            raise ScopeError(f"unknown strategy {strategy!r}; one of: {known}")
    if subregion is not None and subregion != UNASSIGNED and Key("Subregion", subregion) not in small:
        known = ", ".join([k.ref for k in small if k.type == "Subregion"] + [UNASSIGNED])
        raise ScopeError(f"unknown subregion {subregion!r}; one of: {known}")
    municipalities = tuple(
        m for m in municipalities_in_force(small, year) if subregion is None or _subregion_of(small, m) == subregion
    )
    keep = np.ones(tables.projects, dtype=bool)
    if year is not None:
        keep &= (tables.start_year <= year) & (tables.end_year >= year)
    if strategy_key is not None:
        keep &= _serving(tables, strategy_key, set(in_scheme(small, strategy_key)))
    projects = np.flatnonzero(keep)
    scope = Scope(tables, parts, year, strategy_key, subregion, municipalities, projects, ())
    if subregion is not None:
        index = tables.municipality_index
        wanted = np.zeros(len(tables.municipalities), dtype=bool)
        wanted[[index[m] for m in municipalities if m in index]] = True
        rows, places = scope.located
        projects = np.unique(rows[wanted[places]])
    memberships = tuple(
        k
        for k in tables.memberships
        if active(small[k], year) and _structure_active(small, small[k].one("organization", Key), year)
    )
    return Scope(tables, parts, year, strategy_key, subregion, municipalities, projects, memberships)


def _structure_active(small: Mapping[Key, Record], structure: Key | None, year: int | None) -> bool:
    return structure is not None and structure in small and active(small[structure], year)


def _serving(tables: Tables, strategy: Key, objectives: set[Key]) -> np.ndarray:
    """Projects that name ``strategy`` as their frame or serve one of ``objectives`` (its scheme)."""
    out = np.zeros(tables.projects, dtype=bool)
    strategies = tables.strategies
    if strategy in strategies:
        s = strategies.index(strategy)
        out[np.repeat(np.arange(tables.projects), np.diff(tables.strategy.ptr))[tables.strategy.values == s]] = True
    index = tables.objective_index
    wanted = np.zeros(len(tables.objectives), dtype=bool)
    wanted[[index[o] for o in objectives if o in index]] = True
    out[np.repeat(np.arange(tables.projects), np.diff(tables.serves.ptr))[wanted[tables.serves.values]]] = True
    return out
