"""The coverage matrix: objective x territory, each cell holding the projects that serve it there.

Rows are the top objectives of each strategy's scheme; a project serving a narrower
objective (salk-1-6) counts for the broader one it rolls up to (salk-1). A project counts
in every territory where it has at least one location. Its budget is counted in full in each
of them, because no split between places is known: row and column totals of budgets are
therefore not sums of cells.

The budget per inhabitant divides figures that were never meant to be divided: each reported
budget has its own scope (a resort only, a masterplan, a campus total; data/README.md) and the
population adds up figures of different reference dates. It is therefore returned with its
``caveats`` (``CAVEATS``), and is *indicative* whenever there is one; it is None when no
budget is known, and when a municipality of the territory has no population figure in the scope (Hasselt since
2025; every municipality before its first Statbel date): dividing by a part of the inhabitants would overstate it
as much as the part is small (one of Midden-Limburg's eight in 2018 made it fifteen times too large).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

import numpy as np

from graph.analysis.objectives import lineage, scheme_tops
from graph.analysis.scope import Scope, _unique_pairs
from graph.analysis.territory import Territory
from records.model import Key

Status = Literal["covered", "gap", "unknown"]
"""Cell status: projects present; none although the territory has municipalities; no municipality known."""
COVERED: Status = "covered"
GAP: Status = "gap"
UNKNOWN: Status = "unknown"

CAVEATS = {
    "population_dates_mixed": "the population adds up figures of different reference dates",
    "budget_incomplete": "not every project in the cell reports a budget",
    "budget_scopes_mixed": "budgets of several projects are added, and each has its own scope",
    "budget_not_split": "a project also lies in another territory and counts there in full too",
}
"""Why a budget per inhabitant is only indicative (code -> English explanation)."""


@dataclass(frozen=True)
class Cell:
    """One objective in one territory.

    ``budget_eur`` adds up the reported budgets (EUR) of ``projects``, None when none reports
    one; ``budget_unknown`` lists those without a reported budget. ``per_inhabitant`` is
    ``budget_eur`` divided by the territory's known population (EUR per inhabitant, rounded to
    cents), None when either is unknown; ``caveats`` (keys of ``CAVEATS``) say why it is only
    indicative.
    """

    objective: Key
    territory: str
    status: Status
    projects: tuple[Key, ...]
    budget_eur: Decimal | None
    budget_unknown: tuple[Key, ...]
    per_inhabitant: Decimal | None
    caveats: tuple[str, ...]

    @property
    def count(self) -> int:
        """Number of projects in the cell."""
        return len(self.projects)

    @property
    def budget_reported(self) -> int:
        """Number of projects in the cell with a reported budget."""
        return self.count - len(self.budget_unknown)

    @property
    def indicative(self) -> bool:
        """True when there is a budget per inhabitant and some caveat applies to it."""
        return self.per_inhabitant is not None and bool(self.caveats)


class Coverage:
    """The matrix for one scope: ``objectives`` (rows, grouped by scheme) x ``scope.territories`` (columns).

    Cells are made when asked for (``cell``, ``cells``): the matrix keeps, per cell, the ids of its projects in
    one array (at EU scale millions of cells, most of them empty).
    """

    def __init__(self, scope: Scope, objectives: tuple[Key, ...], placed: np.ndarray, bounds: np.ndarray) -> None:
        self.scope, self.objectives = scope, objectives
        self._placed, self._bounds = placed, bounds
        self._columns = {t.ref: i for i, t in enumerate(scope.territories)}
        self._rows = {o: i for i, o in enumerate(objectives)}

    @cached_property
    def spread(self) -> np.ndarray:
        """Per project id, the number of territories it has a location in."""
        return _spread(self.scope)

    def counts(self) -> np.ndarray:
        """Number of projects per cell, rows x columns."""
        return np.diff(self._bounds).reshape(len(self.objectives), len(self._columns))

    def project_ids(self, objective: Key, territory: str) -> np.ndarray:
        """Ids of the projects in a cell, in record order; raises KeyError outside the matrix."""
        c = self._rows[objective] * len(self._columns) + self._columns[territory]
        return self._placed[self._bounds[c] : self._bounds[c + 1]]

    def cell(self, objective: Key, territory: str) -> Cell:
        """The cell at (objective, territory ref); raises KeyError outside the matrix."""
        return self._cell(objective, self.scope.territories[self._columns[territory]])

    @property
    def cells(self) -> Mapping[tuple[Key, str], Cell]:
        """Every cell, row by row (made on access)."""
        return _Cells(self)

    def _cell(self, objective: Key, territory: Territory) -> Cell:
        tables = self.scope.tables
        ids = self.project_ids(objective, territory.ref).tolist()
        budgets = [tables.budget[p] for p in ids]
        known = [b for b in budgets if b is not None]
        budget = sum(known, Decimal(0)) if known else None
        per_inhabitant = (
            None
            if budget is None or not territory.population or territory.population_missing
            else (budget / territory.population).quantize(Decimal("0.01"))
        )
        spread = self.spread
        return Cell(
            objective,
            territory.ref,
            COVERED if ids else GAP if territory.municipalities else UNKNOWN,
            tables.project_keys(ids),
            budget,
            tables.project_keys(p for p, b in zip(ids, budgets, strict=True) if b is None),
            per_inhabitant,
            _caveats(
                territory,
                len(ids),
                len(known),
                any(spread[p] > 1 for p, b in zip(ids, budgets, strict=True) if b is not None),
            ),
        )


class _Cells(Mapping[tuple[Key, str], Cell]):
    """Coverage.cells (see there)."""

    def __init__(self, matrix: Coverage) -> None:
        self.matrix = matrix

    def __getitem__(self, key: tuple[Key, str]) -> Cell:
        return self.matrix.cell(*key)

    def __iter__(self) -> Iterator[tuple[Key, str]]:
        return ((o, t.ref) for o in self.matrix.objectives for t in self.matrix.scope.territories)

    def __len__(self) -> int:
        return len(self.matrix.objectives) * len(self.matrix.scope.territories)

    def values(self) -> Iterator[Cell]:  # type: ignore[override]
        return (self.matrix._cell(o, t) for o in self.matrix.objectives for t in self.matrix.scope.territories)

    def items(self) -> Iterator[tuple[tuple[Key, str], Cell]]:  # type: ignore[override]
        return (((c.objective, c.territory), c) for c in self.values())


def territory_ids(scope: Scope) -> np.ndarray:
    """Per municipality id, the index of its territory in ``scope.partition.territories`` (-1: not in force)."""
    column = {t.ref: i for i, t in enumerate(scope.partition.territories)}
    of_municipality = scope.partition.of_municipality
    return np.array(
        [column[of_municipality[m]] if m in of_municipality else -1 for m in scope.tables.municipalities],
        dtype=np.int64,
    )


def placements(scope: Scope) -> tuple[np.ndarray, np.ndarray]:
    """``(project id, territory index in scope.partition.territories)`` of every project in scope and territory it
    has a location in, each pair once, by project."""
    rows, places = scope.located
    territory = territory_ids(scope)[places]
    known = territory >= 0
    return _unique_pairs(rows[known], territory[known])


def _spread(scope: Scope) -> np.ndarray:
    rows, _ = placements(scope)
    return np.bincount(rows, minlength=scope.tables.projects)


def coverage(scope: Scope) -> Coverage:
    """The coverage matrix of ``scope`` (rows limited to ``scope.strategy``'s scheme when it is set)."""
    tables = scope.tables
    small = tables.small
    rows = tuple(scheme_tops(small, scope.strategy))
    row_of = {o: i for i, o in enumerate(rows)}
    top_row = np.array([row_of.get(lineage(small, o)[-1], -1) for o in tables.objectives], dtype=np.int64)
    column_of = {t.ref: i for i, t in enumerate(scope.territories)}
    partition_column = np.array([column_of.get(t.ref, -1) for t in scope.partition.territories], dtype=np.int64)
    served, objective = tables.serves.pairs(scope.project_ids)
    served_rows = top_row[objective]
    tops = _unique_pairs(scope.project_ids[served][served_rows >= 0], served_rows[served_rows >= 0])
    placed_projects, placed_territories = placements(scope)
    columns = partition_column[placed_territories]
    inside = columns >= 0
    projects, cells = _product(tops, (placed_projects[inside], columns[inside]), len(column_of), tables.projects)
    order = np.lexsort((projects, cells))
    bounds = np.concatenate([[0], np.cumsum(np.bincount(cells, minlength=len(rows) * len(column_of)))])
    return Coverage(scope, rows, projects[order], bounds.astype(np.int64))


def _product(
    rows: tuple[np.ndarray, np.ndarray], columns: tuple[np.ndarray, np.ndarray], width: int, projects: int
) -> tuple[np.ndarray, np.ndarray]:
    """``(project, cell = row * width + column)`` for every row and every column of each project, given
    ``(project, row)`` and ``(project, column)`` pairs sorted by project."""
    row_projects, row_values = rows
    column_projects, column_values = columns
    per_project = np.bincount(column_projects, minlength=projects)
    first = np.concatenate([[0], np.cumsum(per_project)])[:-1]
    repeat = per_project[row_projects]
    entry = np.repeat(np.arange(len(row_projects)), repeat)
    offset = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    column = column_values[first[row_projects[entry]] + offset]
    return row_projects[entry], row_values[entry] * width + column


def _caveats(territory: Territory, projects: int, known: int, spread: bool) -> tuple[str, ...]:
    """The CAVEATS that apply to a cell's budget per inhabitant (none when there is no budget): ``projects`` in
    the cell, ``known`` of them with a budget, ``spread`` when one of those also lies in another territory."""
    if not known:
        return ()
    applies = {
        "population_dates_mixed": len(territory.population_dates) > 1,
        "budget_incomplete": known < projects,
        "budget_scopes_mixed": known > 1,
        "budget_not_split": spread,
    }
    return tuple(code for code in CAVEATS if applies[code])
