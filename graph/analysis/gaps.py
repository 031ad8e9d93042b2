"""Gap analysis: where the agenda has holes, and where the data has.

Everything is computed for one scope (year, strategy, partition, subregion; see ``scope``):

- empty cells of the coverage matrix, biggest first (most inhabitants, then most municipalities);
  cells of territories without any known municipality are *unknown*, not gaps;
- objectives no project serves, directly or through a narrower objective;
- today's municipalities in no project and no structure (also not through their government),
  and those in no project;
- per active thematic structure, the territories where none of its members lies
  (a municipality member, or an organisation governing a municipality; a subregion member
  marks its subregion); organisations without a municipality place a structure nowhere;
- organisations with no role in any project or structure, social partners first;
- projects missing an objective, a location or a partner (data gaps), and how complete the data
  behind the matrix is (``Completeness``): an empty cell mostly reflects thin data until projects
  have objectives and municipalities a deelregio.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np

from graph.analysis.as_of import active
from graph.analysis.coverage import Cell, Coverage, coverage
from graph.analysis.objectives import closure, in_scheme
from graph.analysis.scope import Scope
from records.labels import UNASSIGNED
from records.model import Key

SOCIAL_PARTNER_KINDS = ("employer_organisation", "trade_union", "social_partner_council")
"""Organisation kinds the schema describes as social partners."""

PROJECT_FIELDS = {"objective": "serves", "location": "at_location", "partner": "was_associated_with"}
"""What a project needs (data gap name -> slot)."""


@dataclass(frozen=True)
class StructureReach:
    """A thematic structure with the territories where members lie (``present``) and the others (``absent``) of
    the territories judged (those with a known municipality, ``unassigned`` left out)."""

    structure: Key
    present: tuple[str, ...]
    judged: tuple[str, ...] = field(repr=False, compare=False)

    @property
    def absent(self) -> tuple[str, ...]:
        """The judged territories where no member lies, in column order."""
        present = set(self.present)
        return tuple(t for t in self.judged if t not in present)


@dataclass(frozen=True)
class DataGap:
    """A project lacking some of ``PROJECT_FIELDS`` (``missing`` holds their names)."""

    project: Key
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Completeness:
    """How much of the scope the matrix can see: projects in scope and those without an objective or a location
    (they fill no cell), today's municipalities in scope and those without a LIRES deelregio, and the deelregio's
    with at least one known municipality (``subregions_known``) out of ``subregions``."""

    projects: int
    without_objective: int
    without_location: int
    municipalities: int
    without_subregion: int
    subregions: int
    subregions_known: tuple[Key, ...]


class EmptyCells(Sequence[Cell]):
    """The empty cells of a matrix, biggest first (see ``gaps``); each Cell made when asked for."""

    def __init__(self, matrix: Coverage, rows: np.ndarray, columns: np.ndarray) -> None:
        self.matrix, self._rows, self._columns = matrix, rows, columns

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Cell: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Cell]: ...
    def __getitem__(self, i: int | slice) -> Cell | Sequence[Cell]:
        if isinstance(i, slice):
            return EmptyCells(self.matrix, self._rows[i], self._columns[i])
        territories = self.matrix.scope.territories
        return self.matrix.cell(self.matrix.objectives[self._rows[i]], territories[self._columns[i]].ref)

    def __iter__(self) -> Iterator[Cell]:
        return (self[i] for i in range(len(self)))


@dataclass(frozen=True)
class Gaps:
    """The gap report of one scope; every list is in a stable order (see the module docstring)."""

    coverage: Coverage
    empty_cells: Sequence[Cell]
    unknown_territories: tuple[str, ...]
    unserved_objectives: tuple[Key, ...]
    uninvolved_municipalities: tuple[Key, ...]
    municipalities_without_project: tuple[Key, ...]
    structure_reach: tuple[StructureReach, ...]
    uninvolved_organisations: tuple[Key, ...]
    data_gaps: tuple[DataGap, ...]
    completeness: Completeness


def is_social_partner(scope: Scope, organisation: Key) -> bool:
    """True for employer organisations, trade unions and social-partner councils."""
    return scope.records[organisation].first("organisation_kind") in SOCIAL_PARTNER_KINDS


def gaps(scope: Scope) -> Gaps:
    """The gap report for ``scope``."""
    tables, small = scope.tables, scope.tables.small
    matrix = coverage(scope)
    territories = scope.territories
    objectives = in_scheme(small, scope.strategy) if scope.strategy else [k for k in small if k.type == "Objective"]
    served_ids = np.unique(tables.serves.pairs(scope.project_ids)[1])
    served = closure(small, (tables.objectives[o] for o in served_ids.tolist()))
    with_project, with_structure = _involved_municipalities(scope)
    missing = _data_gaps(scope)
    return Gaps(
        matrix,
        _empty_cells(matrix),
        tuple(t.ref for t in territories if not t.municipalities),
        tuple(o for o in objectives if o not in served),
        tuple(m for m in scope.municipalities if m not in with_project and m not in with_structure),
        tuple(m for m in scope.municipalities if m not in with_project),
        _structure_reach(scope),
        _uninvolved_organisations(scope),
        missing,
        _completeness(scope, missing),
    )


def _empty_cells(matrix: Coverage) -> EmptyCells:
    """Empty cells of territories with municipalities: most inhabitants first, then most municipalities, then
    in matrix order."""
    territories = matrix.scope.territories
    population = np.array([t.population or 0 for t in territories], dtype=np.int64)
    municipalities = np.array([len(t.municipalities) for t in territories], dtype=np.int64)
    rows, columns = np.nonzero((matrix.counts() == 0) & (municipalities > 0))
    order = np.lexsort((columns, rows, -municipalities[columns], -population[columns]))
    return EmptyCells(matrix, rows[order], columns[order])


def _participants(scope: Scope) -> np.ndarray:
    """Per organisation id: True when it takes part in a project of the scope."""
    tables = scope.tables
    in_scope = np.zeros(tables.projects, dtype=bool)
    in_scope[scope.project_ids] = True
    taking_part = np.zeros(len(tables.organisation_refs), dtype=bool)
    taking_part[tables.agent[in_scope[tables.activity]]] = True
    return taking_part


def _members(scope: Scope) -> dict[Key, list[Key]]:
    """Structure -> its members in the scope's network (organisations, municipalities in scope), by membership."""
    in_scope = set(scope.municipalities)
    members: dict[Key, list[Key]] = defaultdict(list)
    for membership in scope.memberships:
        structure = scope.tables.small[membership].one("organization", Key)
        for member in scope.members(membership):
            if structure is not None and (member.type == "Organisation" or member in in_scope):
                members[structure].append(member)
    return members


def _involved_municipalities(scope: Scope) -> tuple[set[Key], set[Key]]:
    """Municipalities in scope that take part in a project, and those that take part in a structure, each
    directly or through the organisation that is their government."""
    tables = scope.tables
    in_scope = set(scope.municipalities)
    _, places = scope.located
    with_project = {tables.municipalities[m] for m in np.unique(places).tolist()} & in_scope
    members = _members(scope)
    in_structure = {m for ms in members.values() for m in ms}
    with_structure = {m for m in in_structure if m.type == "Municipality"}
    taking_part = _participants(scope)
    for o in np.flatnonzero(tables.governs >= 0).tolist():
        governed = scope.counterparts(tables.municipalities[tables.governs[o]])
        for municipality in (m for m in governed if m in in_scope):
            if taking_part[o]:
                with_project.add(municipality)
            if tables.organisation_key(o) in in_structure:
                with_structure.add(municipality)
    return with_project, with_structure


def _uninvolved_organisations(scope: Scope) -> tuple[Key, ...]:
    """Organisations in no project and no structure of the scope, social partners first, then by ref."""
    tables = scope.tables
    involved = _participants(scope)
    index = tables.organisation_index
    for members in _members(scope).values():
        for member in members:
            if member.type == "Organisation" and member.ref in index:
                involved[index[member.ref]] = True
    social = np.array([k in SOCIAL_PARTNER_KINDS for k in tables.organisation_kind], dtype=bool)
    refs = tables.organisation_refs
    found = sorted(np.flatnonzero(~involved).tolist(), key=lambda o: (not social[o], refs[o]))
    return tuple(tables.organisation_key(o) for o in found)


def _data_gaps(scope: Scope) -> tuple[DataGap, ...]:
    tables = scope.tables
    ids = scope.project_ids
    lacking = {
        "objective": np.diff(tables.serves.ptr)[ids] == 0,
        "location": np.diff(tables.at_location.ptr)[ids] == 0,
        "partner": ~tables.has_partner[ids],
    }
    names = list(PROJECT_FIELDS)
    any_missing = np.flatnonzero(np.logical_or.reduce([lacking[n] for n in names]))
    return tuple(
        DataGap(tables.project_key(int(ids[i])), tuple(n for n in names if lacking[n][i])) for i in any_missing.tolist()
    )


def _completeness(scope: Scope, missing: tuple[DataGap, ...]) -> Completeness:
    small = scope.tables.small
    placed = {small[m].first("subregion") for m in scope.municipalities} - {None}
    return Completeness(
        len(scope.project_ids),
        sum("objective" in g.missing for g in missing),
        sum("location" in g.missing for g in missing),
        len(scope.municipalities),
        sum(small[m].first("subregion") is None for m in scope.municipalities),
        sum(k.type == "Subregion" for k in small),
        tuple(k for k in small if k.type == "Subregion" and k in placed),
    )


def _structure_reach(scope: Scope) -> tuple[StructureReach, ...]:
    small, of_municipality = scope.tables.small, scope.partition.of_municipality
    judged = tuple(t.ref for t in scope.territories if t.municipalities and t.ref != UNASSIGNED)
    subregions_in: dict[Key, set[str]] = defaultdict(set)  # structure -> subregions that are members of it
    if scope.partition.by == "subregion":
        for membership in scope.memberships:
            for member in scope.members(membership):
                if member.type == "Subregion":
                    structure = small[membership].one("organization", Key)
                    if structure is not None:
                        subregions_in[structure].add(member.ref)
    members = _members(scope)
    records = scope.records
    reach = []
    for structure in (k for k in small if k.type == "Structure"):
        record = small[structure]
        if record.first("structure_kind") != "thematic" or not active(record, scope.year):
            continue
        present = set()
        for member in dict.fromkeys(members.get(structure, ())):
            if member.type == "Municipality":
                present.add(of_municipality[member])
            governed = records[member].one("governs", Key) if member.type == "Organisation" else None
            for municipality in scope.counterparts(governed) if governed is not None else ():
                if municipality in of_municipality:
                    present.add(of_municipality[municipality])
        present |= subregions_in[structure]
        reach.append(StructureReach(structure, tuple(t for t in judged if t in present), judged))
    return tuple(reach)
