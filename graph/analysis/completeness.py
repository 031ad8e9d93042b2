"""How complete the data is, and what filling it in would change: the numbers of the front page's completeness panel
(and of anything else that reports on completeness, so that they agree).

Computed on the gap analysis of the scope (``gaps``): its counts (``Completeness``) plus what they hide:

- municipalities without a LIRES deelregio, the deelregio's without any known municipality (their column of the
  gap matrix is unknown), and the projects located only in such municipalities (they count in the "not assigned"
  column only): filling in the deelregio's moves them into a deelregio's column;
- projects without an objective (they fill no row of the matrix), and the empty cells of the matrix in a territory
  where such a project is located: filling in its objective may close those gaps;
- projects without a location (they fill no column);
- municipalities without a centre of their own (latitude and longitude) for the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.analysis.gaps import Completeness, Gaps, gaps
from graph.analysis.scope import Scope
from records.model import Key


@dataclass(frozen=True)
class DataCompleteness:
    """The completeness of one scope's data (see the module docstring); every tuple in record order."""

    counts: Completeness
    municipalities_without_subregion: tuple[Key, ...]
    subregions_without_municipality: tuple[Key, ...]
    projects_only_unassigned: tuple[Key, ...]
    """Projects all of whose locations lie in municipalities without a deelregio."""
    projects_without_objective: tuple[Key, ...]
    gaps_near_unplaced: int
    """Empty cells of the gap matrix in a territory where a project without an objective is located."""
    projects_without_location: tuple[Key, ...]
    municipalities_without_centre: tuple[Key, ...]


def completeness(scope: Scope, found: Gaps | None = None) -> DataCompleteness:
    """The completeness of ``scope``'s data, from its gap analysis (``found``, computed here when not given)."""
    found = gaps(scope) if found is None else found
    records = scope.records
    of = scope.partition.of_municipality
    missing = {g.project: g.missing for g in found.data_gaps}
    without_objective = tuple(p for p in scope.projects if "objective" in missing.get(p, ()))
    unplaced_territories = {of[m] for p in without_objective for m in scope.locations(p) if m in of}
    subregion_of = {m: records[m].first("subregion") for m in scope.municipalities}
    known = {s for s in subregion_of.values() if s is not None}
    return DataCompleteness(
        counts=found.completeness,
        municipalities_without_subregion=tuple(m for m, s in subregion_of.items() if s is None),
        subregions_without_municipality=tuple(k for k in records if k.type == "Subregion" and k not in known),
        projects_only_unassigned=tuple(
            p
            for p in scope.projects
            if (places := [m for m in scope.locations(p) if m in subregion_of])
            and all(subregion_of[m] is None for m in places)
        ),
        projects_without_objective=without_objective,
        gaps_near_unplaced=sum(1 for c in found.empty_cells if c.territory in unplaced_territories),
        projects_without_location=tuple(p for p in scope.projects if "location" in missing.get(p, ())),
        municipalities_without_centre=tuple(m for m in scope.municipalities if records[m].first("latitude") is None),
    )
