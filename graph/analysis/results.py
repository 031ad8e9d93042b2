"""Results are data too: gaps and synergy candidates as records (projected to RDF like every
other record) and as CSV.

A run is an ``AnalysisRun`` (``{base}id/analysis-run/{analysis}-{digest}``, the digest taken
from the build and the filters, so the same question on the same build gets the same IRIs);
each result (``Gap`` or ``SynergyCandidate``, ref ``{run ref}-{n}`` in ranking order) is
``prov:wasGeneratedBy`` it. Results are computed on request and not kept in the store, so
these IRIs are identifiers within the run's document; they do not dereference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from graph.analysis.coverage import Coverage
from graph.analysis.gaps import PROJECT_FIELDS, Gaps, is_social_partner
from graph.analysis.metrics import NodeMetrics
from graph.analysis.objectives import scheme
from graph.analysis.scope import Scope
from graph.analysis.synergy import Suggestion
from graph.analysis.territory import Territory
from graph.iri import mint
from graph.publish.sheets import Cell, Sheet
from records.labels import display_label
from records.model import Key, Record, Text, Value


@dataclass(frozen=True)
class GapItem:
    """One gap as a result: its kind (schema GapKind), what it concerns, an English label and, for an empty cell,
    the territory whose inhabitants it concerns (its population with dates and missing municipalities)."""

    kind: str
    concerns: tuple[Key, ...]
    label: str
    territory: Territory | None = None


def gap_items(gaps: Gaps) -> list[GapItem]:
    """Every gap of the report as one list: empty cells (biggest first), then the other kinds."""
    scope = gaps.coverage.scope

    def name(key: Key) -> str:
        return scope.tables.label(key)

    items = []
    for cell in gaps.empty_cells:
        place = scope.partition.territory(cell.territory)
        items.append(
            GapItem(
                "empty_cell",
                (cell.objective, *_territory_keys(scope, cell.territory)),
                f"No project serves {name(cell.objective)} in {_where(scope, cell.territory)}",
                place,
            )
        )
    items += [GapItem("unserved_objective", (o,), f"No project serves {name(o)}") for o in gaps.unserved_objectives]
    items += [
        GapItem("uninvolved_municipality", (m,), f"{name(m)} is in no project and no structure")
        for m in gaps.uninvolved_municipalities
    ]
    items += [
        GapItem("municipality_without_project", (m,), f"{name(m)} is in no project")
        for m in gaps.municipalities_without_project
    ]
    items += [
        GapItem(
            "absent_territory",
            (r.structure, *_territory_keys(scope, t)),
            f"{name(r.structure)} has no member in {_where(scope, t)}",
        )
        for r in gaps.structure_reach
        for t in r.absent
    ]
    items += [
        GapItem(
            "uninvolved_organisation",
            (o,),
            f"{name(o)} has no role in any project or structure"
            + (" (social partner)" if is_social_partner(scope, o) else ""),
        )
        for o in gaps.uninvolved_organisations
    ]
    items += [
        GapItem(f"missing_{field}", (g.project,), f"{name(g.project)} has no {field} in the data")
        for g in gaps.data_gaps
        for field in PROJECT_FIELDS
        if field in g.missing
    ]
    return items


def _where(scope: Scope, ref: str) -> str:
    place = scope.partition.territory(ref)
    return place.label if place.key else "the municipalities not assigned to a subregion"


def _territory_keys(scope: Scope, ref: str) -> tuple[Key, ...]:
    """The territory's key, or its municipalities for the ``unassigned`` column, which is no entity."""
    place = scope.partition.territory(ref)
    return (place.key,) if place.key else place.municipalities


def run_record(analysis: str, scope: Scope, build_id: str, started: dt.datetime) -> Record:
    """The AnalysisRun record of one ``gaps`` or ``synergy`` run on build ``build_id``."""
    digest = hashlib.sha256(
        repr((build_id, analysis, scope.partition.by, scope.year, scope.strategy, scope.subregion)).encode()
    ).hexdigest()[:12]
    values: dict[str, tuple[Value, ...]] = {
        "analysis": (analysis,),
        "partition": (scope.partition.by,),
        "started_at": (started,),
        "label": (Text(f"{analysis} analysis of build {build_id}", "en"),),
    }
    if scope.year is not None:
        values["as_of_year"] = (scope.year,)
    if scope.strategy is not None:
        values["strategy"] = (scope.strategy,)
    if scope.subregion is not None and Key("Subregion", scope.subregion) in scope.records:
        values["subregion"] = (Key("Subregion", scope.subregion),)
    return Record(Key("AnalysisRun", f"{analysis}-{digest}"), values)


def gap_records(gaps: Gaps, run: Record) -> Iterator[Record]:
    """One Gap record per item of ``gap_items``, ranked in that order."""
    for rank, item in enumerate(gap_items(gaps), 1):
        values: dict[str, tuple[Value, ...]] = {
            "gap_kind": (item.kind,),
            "concerns": item.concerns,
            "rank": (rank,),
            "label": (Text(item.label, "en"),),
            "was_generated_by": (run.key,),
        }
        if item.territory is not None and item.territory.population is not None:
            values["population"] = (item.territory.population,)
            values["population_date"] = item.territory.population_dates
        if item.territory is not None and item.territory.population_missing:
            values["population_missing"] = item.territory.population_missing
        yield Record(Key("Gap", f"{run.key.ref}-{rank}"), values)


NESTED = "; possibly the same project or one part of the other"
"""How a SynergyCandidate's label says that its two projects may be nested (no part-of link is in the data)."""


def synergy_records(scope: Scope, suggestions: list[Suggestion], run: Record) -> Iterator[Record]:
    """One SynergyCandidate record per suggestion (ref ``{run ref}-{kind}-{rank}``)."""
    for s in suggestions:
        a, b = (scope.tables.label(k) for k in s.pair)
        yield Record(
            Key("SynergyCandidate", f"{run.key.ref}-{s.kind}-{s.rank}"),
            {
                "candidate": s.pair,
                "rank": (s.rank,),
                "score": (Decimal(str(s.score)),),
                "adamic_adar": (Decimal(str(s.adamic_adar)),),
                "objective_jaccard": (Decimal(str(s.objective_jaccard)),),
                "shared_objective": s.shared_objectives,
                "common_neighbour": s.common_neighbours,
                "label": (
                    Text(f"{a} and {b} could cooperate ({s.kind}s)" + (NESTED if s.possibly_nested else ""), "en"),
                ),
                "was_generated_by": (run.key,),
            },
        )


def _population(place: Territory | None, base_iri: str) -> list[Cell]:
    """population, population_dates (ISO, ``;``), population_missing (IRIs, ``;``); blank where unknown."""
    if place is None:
        return [None, None, None]
    return [
        place.population,
        ";".join(d.isoformat() for d in place.population_dates),
        ";".join(mint(base_iri, m) for m in place.population_missing),
    ]


POPULATION_COLUMNS = ["population", "population_dates", "population_missing"]
"""CSV columns of a population sum: never without its reference dates and the municipalities it leaves out."""


def gaps_sheet(gaps: Gaps, base_iri: str) -> Sheet:
    """Every gap as one row: rank, gap_kind, label, population with its reference dates and the municipalities it
    leaves out (empty cells only), concerns (IRIs, ``;``-separated)."""
    return Sheet(
        "gaps",
        ["rank", "gap_kind", "label", *POPULATION_COLUMNS, "concerns"],
        [
            [i, g.kind, g.label, *_population(g.territory, base_iri), ";".join(mint(base_iri, k) for k in g.concerns)]
            for i, g in enumerate(gap_items(gaps), 1)
        ],
    )


def coverage_sheet(matrix: Coverage, base_iri: str) -> Sheet:
    """The coverage matrix, one row per cell: strategy, objective, territory, status, projects (count and
    IRIs), budget_eur (sum of the reported budgets, blank when none), projects_with_budget,
    per_inhabitant_eur (blank when unknown), per_inhabitant_caveats (codes of coverage.CAVEATS, ``;``; any
    makes the figure indicative), then the territory's population, its reference dates and the
    municipalities it leaves out."""
    scope = matrix.scope
    rows = []
    for (objective, ref), cell in matrix.cells.items():
        place = scope.partition.territory(ref)
        rows.append(
            [
                display_label(scope.records[scheme(scope.records, objective)]),
                display_label(scope.records[objective]),
                place.label,
                cell.status,
                cell.count,
                ";".join(mint(base_iri, p) for p in cell.projects),
                cell.budget_eur,
                cell.budget_reported,
                cell.per_inhabitant,
                ";".join(cell.caveats),
                *_population(place, base_iri),
            ]
        )
    return Sheet(
        "coverage",
        [
            "strategy",
            "objective",
            "territory",
            "status",
            "projects",
            "project_iris",
            "budget_eur",
            "projects_with_budget",
            "per_inhabitant_eur",
            "per_inhabitant_caveats",
            *POPULATION_COLUMNS,
        ],
        rows,
    )


def synergy_sheet(scope: Scope, suggestions: list[Suggestion], base_iri: str) -> Sheet:
    """One row per suggestion with its evidence (names ``;``-separated)."""

    def names(keys) -> str:
        return ";".join(scope.tables.label(k) for k in keys)

    def places(refs) -> str:
        return ";".join(scope.partition.territory(t).label for t in refs)

    return Sheet(
        "synergies",
        [
            "kind",
            "rank",
            "a",
            "a_label",
            "b",
            "b_label",
            "score",
            "adamic_adar",
            "objective_jaccard",
            "shared_objectives",
            "common_neighbours",
            "possibly_nested",
            "territories_a",
            "territories_b",
        ],
        [
            [
                s.kind,
                s.rank,
                mint(base_iri, s.pair[0]),
                names(s.pair[:1]),
                mint(base_iri, s.pair[1]),
                names(s.pair[1:]),
                s.score,
                s.adamic_adar,
                s.objective_jaccard,
                names(s.shared_objectives),
                names(s.common_neighbours),
                str(s.possibly_nested).lower(),
                places(s.territories[0]),
                places(s.territories[1]),
            ]
            for s in suggestions
        ],
    )


def metrics_sheet(scope: Scope, nodes: list[NodeMetrics], base_iri: str) -> Sheet:
    """One row per node: iri, type, label, degree, betweenness, closeness, community (as in /api/metrics)."""
    return Sheet(
        "metrics",
        ["iri", "type", "label", "degree", "betweenness", "closeness", "community"],
        [
            [
                mint(base_iri, n.key),
                n.key.type,
                scope.tables.label(n.key),
                n.degree,
                n.betweenness,
                n.closeness,
                n.community,
            ]
            for n in nodes
        ],
    )
