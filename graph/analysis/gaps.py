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
from dataclasses import dataclass

import networkx as nx

from graph.analysis.cooperation import contexts, cooperation_graph
from graph.analysis.coverage import GAP, Cell, Coverage, coverage
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
    """A thematic structure with the territories where members lie (``present``) and the others (``absent``)."""

    structure: Key
    present: tuple[str, ...]
    absent: tuple[str, ...]


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


@dataclass(frozen=True)
class Gaps:
    """The gap report of one scope; every list is in a stable order (see the module docstring)."""

    coverage: Coverage
    empty_cells: tuple[Cell, ...]
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
    records = scope.records
    matrix = coverage(scope)
    graph = cooperation_graph(scope)
    columns = {t.ref: (i, t) for i, t in enumerate(scope.territories)}
    rows = {o: i for i, o in enumerate(matrix.objectives)}
    empty = sorted(
        (c for c in matrix.cells.values() if c.status == GAP),
        key=lambda c: (
            -(columns[c.territory][1].population or 0),
            -len(columns[c.territory][1].municipalities),
            rows[c.objective],
            columns[c.territory][0],
        ),
    )
    unknown = tuple(t.ref for t in scope.territories if not t.municipalities)
    objectives = in_scheme(records, scope.strategy) if scope.strategy else [k for k in records if k.type == "Objective"]
    served = closure(records, (o for p in scope.projects for o in records[p].values.get("serves", ())))
    involved = {m: contexts(graph, m) for m in scope.municipalities}
    organisations = [n for n in graph if n.type == "Organisation" and not contexts(graph, n)]
    organisations.sort(key=lambda o: (not is_social_partner(scope, o), o.ref))
    missing = [
        DataGap(p, tuple(name for name, slot in PROJECT_FIELDS.items() if not records[p].values.get(slot)))
        for p in scope.projects
    ]
    return Gaps(
        matrix,
        tuple(empty),
        unknown,
        tuple(o for o in objectives if o not in served),
        tuple(m for m, c in involved.items() if not c),
        tuple(m for m, c in involved.items() if not any(k.type == "Project" for k in c)),
        _structure_reach(scope, graph),
        tuple(organisations),
        tuple(g for g in missing if g.missing),
        _completeness(scope, missing),
    )


def _completeness(scope: Scope, missing: list[DataGap]) -> Completeness:
    records = scope.records
    placed = {records[m].first("subregion") for m in scope.municipalities} - {None}
    return Completeness(
        len(scope.projects),
        sum("objective" in g.missing for g in missing),
        sum("location" in g.missing for g in missing),
        len(scope.municipalities),
        sum(records[m].first("subregion") is None for m in scope.municipalities),
        sum(k.type == "Subregion" for k in records),
        tuple(k for k in records if k.type == "Subregion" and k in placed),
    )


def _structure_reach(scope: Scope, graph: nx.Graph) -> tuple[StructureReach, ...]:
    records, of_municipality = scope.records, scope.partition.of_municipality
    judged = [t.ref for t in scope.territories if t.municipalities and t.ref != UNASSIGNED]
    subregions_in: dict[Key, set[str]] = defaultdict(set)  # structure -> subregions that are members of it
    if scope.partition.by == "subregion":
        for membership in scope.memberships:
            for member in scope.members(membership):
                if member.type == "Subregion":
                    subregions_in[records[membership].first("organization")].add(member.ref)
    reach = []
    for structure in (n for n in graph if n.type == "Structure"):
        if records[structure].first("structure_kind") != "thematic":
            continue
        present = set()
        for member in graph[structure]:
            if member.type == "Municipality":
                present.add(of_municipality[member])
            governed = records[member].first("governs") if member.type == "Organisation" else None
            for municipality in scope.counterparts(governed) if governed is not None else ():
                if municipality in of_municipality:
                    present.add(of_municipality[municipality])
        present |= subregions_in[structure]
        reach.append(
            StructureReach(
                structure, tuple(t for t in judged if t in present), tuple(t for t in judged if t not in present)
            )
        )
    return tuple(reach)
