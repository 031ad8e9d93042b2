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
budget or no population is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from graph.analysis.objectives import lineage, scheme_tops
from graph.analysis.scope import Scope
from graph.analysis.territory import Territory
from records.model import Key

COVERED, GAP, UNKNOWN = "covered", "gap", "unknown"
"""Cell status: projects present; none although the territory has municipalities; no municipality known."""

CAVEATS = {
    "population_dates_mixed": "the population adds up figures of different reference dates",
    "population_incomplete": "municipalities without a population figure are left out",
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
    status: str
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
    spread: dict[Key, int] = {}
    for project in scope.projects:
        tops = {lineage(records, o)[-1] for o in records[project].values.get("serves", ())}
        territories = {
            scope.partition.of_municipality[m] for m in scope.locations(project) if m in scope.partition.of_municipality
        }
        spread[project] = len(territories)
        for top in tops:
            for territory in territories:
                placed.setdefault((top, territory), []).append(project)
    cells = {}
    for objective in rows:
        for territory in scope.territories:
            projects = tuple(placed.get((objective, territory.ref), ()))
            budgets = {p: records[p].first("budget_eur") for p in projects}
            known = [p for p in projects if budgets[p] is not None]
            budget = sum((budgets[p] for p in known), Decimal(0)) if known else None
            status = COVERED if projects else GAP if territory.municipalities else UNKNOWN
            per_inhabitant = (
                None
                if budget is None or not territory.population
                else (budget / territory.population).quantize(Decimal("0.01"))
            )
            cells[objective, territory.ref] = Cell(
                objective,
                territory.ref,
                status,
                projects,
                budget,
                tuple(p for p in projects if p not in known),
                per_inhabitant,
                _caveats(territory, projects, known, spread),
            )
    return Coverage(scope, rows, cells)


def _caveats(
    territory: Territory, projects: tuple[Key, ...], known: list[Key], spread: dict[Key, int]
) -> tuple[str, ...]:
    """The CAVEATS that apply to a cell's budget per inhabitant (none when there is no budget)."""
    if not known:
        return ()
    applies = {
        "population_dates_mixed": len(territory.population_dates) > 1,
        "population_incomplete": bool(territory.population_missing),
        "budget_incomplete": len(known) < len(projects),
        "budget_scopes_mixed": len(known) > 1,
        "budget_not_split": any(spread[p] > 1 for p in known),
    }
    return tuple(code for code in CAVEATS if applies[code])
