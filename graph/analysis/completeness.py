"""What the data lacks, ranked by how much of the analysis it blocks: the to-do list of a data steward (``lires
validate --completeness``, ``/completeness``) and anything else that reports on completeness (the front page's
panel) read ``completeness``, which builds on the gap analysis's own counts (``gaps.Completeness``), so that they
agree.

For one scope (graph.analysis.scope; today's municipalities and every project by default), each kind of gap in
the data (``WHAT``) lists the entities that lack it, out of how many, and where it is filled in. Kinds are
ranked by what they block: first what hides entities from the gap matrix (a municipality without a deelregio is
in no deelregio column, a project without an objective in no row, one without a location in no column), then
from the cooperation network and the synergies (a project without partners), then what only qualifies a figure
(populations, periods, budgets); within each tier, the larger share of entities lacking it first.
Deelregio's with no known municipality (``empty_subregions``) are the matrix columns that stay empty until the
deelregio memberships are complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.gaps import Completeness, Gaps, gaps
from graph.analysis.scope import Scope
from records.model import Key

WHAT = {
    "subregion": (1, "Municipality", "subregion", "subregion_memberships", "subregion"),
    "objective": (1, "Project", "serves", "projects", "objectives"),
    "location": (1, "Project", "at_location", "projects", "locations"),
    "partner": (2, "Project", "was_associated_with", "project_partners", "organisation"),
    "population": (3, "Municipality", "population", "populations", "population"),
    "period": (3, "Project", "start_date", "projects", "start"),
    "budget": (3, "Project", "budget_eur", "projects", "budget_eur"),
}
"""Kind of gap in the data -> (the tier of what it blocks: 1 the gap matrix, 2 the network and synergies, 3 a
figure; the type that lacks it; its slot; the table and column where it is filled in)."""


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
    one entity lacking it, most blocking first (see the module docstring), and the deelregio's (of ``subregions``)
    that have no known municipality."""

    counts: Completeness
    items: tuple[Missing, ...]
    subregions: tuple[Key, ...]
    subregions_without_municipality: tuple[Key, ...]

    def missing(self, what: str) -> tuple[Key, ...]:
        """The entities that lack ``what`` (empty when none does)."""
        return next((m.entities for m in self.items if m.what == what), ())


def completeness(scope: Scope, found: Gaps | None = None) -> DataCompleteness:
    """What the data of ``scope`` lacks (see the module docstring), with the counts of its gap analysis (``found``,
    computed here when not given)."""
    found = gaps(scope) if found is None else found
    records = scope.records
    of_type = {"Municipality": scope.municipalities, "Project": scope.projects}
    items = []
    for order, (what, (tier, type_, slot, table, column)) in enumerate(WHAT.items()):
        among = of_type[type_]
        lacking = tuple(k for k in among if not records[k].values.get(slot))
        if lacking:
            items.append(
                (tier, -len(lacking) / len(among), order, Missing(what, type_, lacking, len(among), table, column))
            )
    subregions = tuple(k for k in records if k.type == "Subregion")
    return DataCompleteness(
        found.completeness,
        tuple(m for *_, m in sorted(items, key=lambda i: i[:3])),
        subregions,
        tuple(s for s in subregions if s not in found.completeness.subregions_known),
    )
