"""The coverage matrix: objective x territory, each cell holding the projects that serve it there.

Rows are the top objectives of each strategy's scheme; a project serving a narrower
objective (salk-1-6) counts for the broader one it rolls up to (salk-1). A project counts
in every territory where it has at least one location. Its budget is counted in full in each
of them, because no split between places is known: row and column totals of budgets are
therefore not sums of cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from graph.analysis.objectives import lineage, scheme_tops
from graph.analysis.scope import Scope
from loaders.records import Key

COVERED, GAP, UNKNOWN = "covered", "gap", "unknown"
"""Cell status: projects present; none although the territory has municipalities; no municipality known."""


@dataclass(frozen=True)
class Cell:
    """One objective in one territory.

    ``budget_eur`` adds up the reported budgets (EUR) of ``projects``; ``budget_unknown``
    lists those without a reported budget. ``per_inhabitant`` is ``budget_eur`` divided by
    the territory's known population (EUR per inhabitant, rounded to cents), None when no
    population is known.
    """

    objective: Key
    territory: str
    status: str
    projects: tuple[Key, ...]
    budget_eur: Decimal
    budget_unknown: tuple[Key, ...]
    per_inhabitant: Decimal | None

    @property
    def count(self) -> int:
        """Number of projects in the cell."""
        return len(self.projects)


@dataclass(frozen=True)
class Coverage:
    """The matrix for one scope: ``objectives`` (rows, grouped by scheme) x ``scope.territories`` (columns)."""

    scope: Scope
    objectives: tuple[Key, ...]
    cells: dict[tuple[Key, str], Cell]

    def cell(self, objective: Key, territory: str) -> Cell:
        """The cell at (objective, territory ref); raises KeyError outside the matrix."""
        return self.cells[objective, territory]


def coverage(scope: Scope) -> Coverage:
    """The coverage matrix of ``scope`` (rows limited to ``scope.strategy``'s scheme when it is set)."""
    records = scope.records
    rows = tuple(scheme_tops(records, scope.strategy))
    placed: dict[tuple[Key, str], list[Key]] = {}
    for project in scope.projects:
        tops = {lineage(records, o)[-1] for o in records[project].values.get("serves", ())}
        territories = {scope.partition.of_municipality[m] for m in scope.locations(project)
                       if m in scope.partition.of_municipality}
        for top in tops:
            for territory in territories:
                placed.setdefault((top, territory), []).append(project)
    cells = {}
    for objective in rows:
        for territory in scope.territories:
            projects = tuple(placed.get((objective, territory.ref), ()))
            budgets = [records[p].first("budget_eur") for p in projects]
            budget = sum((b for b in budgets if b is not None), Decimal(0))
            status = COVERED if projects else GAP if territory.municipalities else UNKNOWN
            per_inhabitant = (budget / territory.population).quantize(Decimal("0.01")) if territory.population else None
            cells[objective, territory.ref] = Cell(objective, territory.ref, status, projects, budget,
                                                   tuple(p for p, b in zip(projects, budgets) if b is None),
                                                   per_inhabitant)
    return Coverage(scope, rows, cells)
