"""What the data lacks, ranked by how much of the analysis it blocks, and what filling it in would change: the
to-do list of a data steward (``lires validate --completeness``, ``/completeness``) and the front page's panel
read ``completeness``, which builds on the gap analysis's own counts (``gaps.Completeness``), so that they agree.

For one scope (graph.analysis.scope; today's municipalities and every project by default), each kind of gap in
the data (``WHAT``) lists the entities that lack it, out of how many, and where it is filled in. Kinds are
ranked by what they block: first what hides entities from the gap matrix (a municipality without a deelregio is
in no deelregio column, a project without an objective in no row, one without a location in no column), then
from the cooperation network and the synergies (a project without partners), then what only qualifies a figure
or a drawing (populations, periods, budgets, a municipality's centre on the map); within each tier, the larger
share of entities lacking it first.

What filling in would change: deelregio's with no known municipality (their column of the gap matrix is
unknown), the projects located only in municipalities without a deelregio (they count in the "not assigned"
column only, and would move into a deelregio's column), and the empty cells of the matrix in a territory where a
project without an objective is located (they may close once its objective is known).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.gaps import Completeness, Gaps, gaps
from graph.analysis.scope import Scope
from graph.analysis.tables import NO_YEAR_BEFORE
from records.model import Key

WHAT = {
    "subregion": (1, "Municipality", "subregion", "subregion_memberships", "subregion"),
    "objective": (1, "Project", "serves", "projects", "objectives"),
    "location": (1, "Project", "at_location", "projects", "locations"),
    "partner": (2, "Project", "was_associated_with", "project_partners", "organisation"),
    "population": (3, "Municipality", "population", "populations", "population"),
    "period": (3, "Project", "start_date", "projects", "start"),
    "budget": (3, "Project", "budget_eur", "projects", "budget_eur"),
    "centre": (3, "Municipality", "latitude", "municipality_centres", "latitude"),
}
"""Kind of gap in the data -> (the tier of what it blocks: 1 the gap matrix, 2 the network and synergies, 3 a
figure or the map; the type that lacks it; its slot; the table and column where it is filled in)."""


@dataclass(frozen=True)
class Missing:
    """One kind of gap in the data (a key of ``WHAT``): the entities of ``type`` that lack it (in record order)
    out of ``of`` in scope, and the table and column that fill it."""

    what: str
    type: str
    entities: tuple[Key, ...]
    of: int
    table: str
    column: str

    @property
    def share(self) -> float:
        """The share of the entities in scope that lack it (0 when there are none)."""
        return len(self.entities) / self.of if self.of else 0.0


@dataclass(frozen=True)
class DataCompleteness:
    """What the data of a scope lacks: the gap analysis's counts (``counts``), every kind of ``WHAT`` with at least
    one entity lacking it, most blocking first, the deelregio's (of ``subregions``) that have no known
    municipality, and what filling in would change (see the module docstring)."""

    counts: Completeness
    items: tuple[Missing, ...]
    subregions: tuple[Key, ...]
    subregions_without_municipality: tuple[Key, ...]
    projects_only_unassigned: tuple[Key, ...]
    """Projects all of whose locations lie in municipalities without a deelregio."""
    gaps_near_unplaced: int
    """Empty cells of the gap matrix in a territory where a project without an objective is located."""

    def missing(self, what: str) -> tuple[Key, ...]:
        """The entities that lack ``what`` (a key of ``WHAT``; empty when none does)."""
        return next((m.entities for m in self.items if m.what == what), ())

    @property
    def municipalities_without_subregion(self) -> tuple[Key, ...]:
        return self.missing("subregion")

    @property
    def projects_without_objective(self) -> tuple[Key, ...]:
        return self.missing("objective")

    @property
    def projects_without_location(self) -> tuple[Key, ...]:
        return self.missing("location")

    @property
    def municipalities_without_centre(self) -> tuple[Key, ...]:
        return self.missing("centre")


def _lacks(scope: Scope, key: Key, what: str, slot: str) -> bool:
    """Whether ``key`` lacks ``what``: partners and start dates of projects as the analysis tables hold them
    (graph.analysis.tables keeps only the analysis's slots on a project's record), the rest from its record."""
    tables = scope.tables
    if key.type == "Project" and what in ("partner", "period"):
        p = tables.project_index[key.ref]
        return not tables.has_partner[p] if what == "partner" else bool(tables.start_year[p] == NO_YEAR_BEFORE)
    return not scope.records[key].values.get(slot)


def completeness(scope: Scope, found: Gaps | None = None) -> DataCompleteness:
    """What the data of ``scope`` lacks (see the module docstring), with the counts of its gap analysis (``found``,
    computed here when not given)."""
    found = gaps(scope) if found is None else found
    records = scope.records
    of_type = {"Municipality": scope.municipalities, "Project": scope.projects}
    items = []
    for order, (what, (tier, type_, slot, table, column)) in enumerate(WHAT.items()):
        among = of_type[type_]
        lacking = tuple(k for k in among if _lacks(scope, k, what, slot))
        if lacking:
            items.append(
                (tier, -len(lacking) / len(among), order, Missing(what, type_, lacking, len(among), table, column))
            )
    subregions = tuple(k for k in records if k.type == "Subregion")
    of = scope.partition.of_municipality
    without_objective = {p for p in scope.projects if not records[p].values.get("serves")}
    unplaced_territories = {of[m] for p in without_objective for m in scope.locations(p) if m in of}
    without_subregion = {m for m in scope.municipalities if not records[m].values.get("subregion")}
    return DataCompleteness(
        found.completeness,
        tuple(m for *_, m in sorted(items, key=lambda i: i[:3])),
        subregions,
        tuple(s for s in subregions if s not in found.completeness.subregions_known),
        tuple(
            p
            for p in scope.projects
            if (places := [m for m in scope.locations(p) if m in of]) and all(m in without_subregion for m in places)
        ),
        sum(1 for c in found.empty_cells if c.territory in unplaced_territories),
    )
