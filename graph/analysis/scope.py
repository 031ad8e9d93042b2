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

from pydantic import BaseModel, Field, field_validator

from graph.analysis.as_of import active
from graph.analysis.objectives import in_scheme
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
    """The records and the chosen filters; build one with ``make_scope``."""

    records: Mapping[Key, Record]
    partition: Partition
    year: int | None
    strategy: Key | None
    subregion: str | None
    municipalities: tuple[Key, ...]
    """The municipalities in scope (in force in the year, today without one), in NIS order."""
    projects: tuple[Key, ...]
    """Projects in scope, in record order."""
    memberships: tuple[Key, ...]
    """Memberships active in the year, in structures active in the year."""

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
        return counterparts(self.records, municipality, self.year)

    def locations(self, project: Key) -> tuple[Key, ...]:
        """The project's locations as municipalities in force in the scope's year (``counterparts``)."""
        recorded = self.records[project].values.get("at_location", ())
        return tuple(dict.fromkeys(c for m in recorded for c in self.counterparts(m)))

    def members(self, membership: Key) -> tuple[Key, ...]:
        """The member of a membership; a municipality member as the municipalities in force in the scope's year."""
        member = self.records[membership].first("member")
        return self.counterparts(member) if member.type == "Municipality" else (member,)

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


def _subregion_of(records: Mapping[Key, Record], municipality: Key) -> str:
    parent = records[municipality].first("subregion")
    return parent.ref if parent else UNASSIGNED


def _serves_strategy(project: Record, strategy: Key, objectives: set[Key]) -> bool:
    return strategy in project.values.get("strategy", ()) or bool(objectives & set(project.values.get("serves", ())))


def make_scope(
    records: Mapping[Key, Record],
    by: str = "subregion",
    year: int | None = None,
    strategy: str | None = None,
    subregion: str | None = None,
) -> Scope:
    """The scope for these filters (``strategy`` and ``subregion`` are refs, e.g. ``salk``, ``noord-limburg``).

    Raises ScopeError for an unknown partition, strategy or subregion.
    """
    try:
        parts = partition(records, by, year)
    except ValueError as exc:
        raise ScopeError(str(exc)) from None
    strategy_key = None
    if strategy is not None:
        strategy_key = Key("Strategy", strategy)
        if strategy_key not in records:
            known = ", ".join(k.ref for k in records if k.type == "Strategy")
            raise ScopeError(f"unknown strategy {strategy!r}; one of: {known}")
    if subregion is not None and subregion != UNASSIGNED and Key("Subregion", subregion) not in records:
        known = ", ".join([k.ref for k in records if k.type == "Subregion"] + [UNASSIGNED])
        raise ScopeError(f"unknown subregion {subregion!r}; one of: {known}")
    municipalities = tuple(
        m for m in municipalities_in_force(records, year) if subregion is None or _subregion_of(records, m) == subregion
    )
    in_scope = set(municipalities)
    objectives = set(in_scheme(records, strategy_key)) if strategy_key else set()
    projects = []
    for key, rec in records.items():
        if key.type != "Project" or not active(rec, year):
            continue
        if strategy_key and not _serves_strategy(rec, strategy_key, objectives):
            continue
        places = {c for m in rec.values.get("at_location", ()) for c in counterparts(records, m, year)}
        if subregion is not None and not in_scope & places:
            continue
        projects.append(key)
    memberships = tuple(
        k
        for k, r in records.items()
        if k.type == "Membership" and active(r, year) and active(records[r.first("organization")], year)
    )
    return Scope(records, parts, year, strategy_key, subregion, municipalities, tuple(projects), memberships)
