"""Analysis answers as typed models with IRIs and display names: what the API returns, the CLI prints and the
pages draw, as they are.

Every entity appears as an ``EntitySummary`` (``iri``, ``type``, ``ref``, ``label``); a territory as a
``TerritoryRef`` (``iri`` None for ``unassigned``). Amounts are EUR, populations inhabitants; a population
always comes with the reference dates it adds up and the municipalities it leaves out, and is None when
nothing is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from graph.analysis import brokers as broker_analysis
from graph.analysis import completeness as completeness_analysis
from graph.analysis import gaps as gap_analysis
from graph.analysis import metrics as network_measures
from graph.analysis import synergy as synergy_analysis
from graph.analysis.coverage import CAVEATS, Coverage, Status
from graph.analysis.objectives import scheme
from graph.analysis.scope import Scope, ScopeParams
from graph.analysis.territory import Territory
from graph.iri import mint
from graph.summary import EntitySummary
from records.model import Key


class TerritoryRef(BaseModel):
    """A column of the partition: subregion ref, arrondissement NIS code or ``unassigned`` (iri null)."""

    ref: str
    label: str
    iri: str | None


class Population(BaseModel):
    """A sum of known Statbel population figures (inhabitants), with what it mixes and what it leaves out."""

    population: int | None = Field(
        description="Sum of the known figures; null when none is known. Not a "
        "population on one day when population_dates has several dates"
    )
    population_dates: list[str] = Field(description="Reference dates (ISO) of the figures added up")
    population_missing: list[EntitySummary] = Field(description="Municipalities without a figure (not counted)")


class TerritoryColumn(TerritoryRef, Population):
    """A territory with today's municipalities and their known population (inhabitants, Statbel)."""

    municipalities: list[EntitySummary]


class ObjectiveRow(EntitySummary):
    """A top objective of a strategy's scheme (a row of the matrix)."""

    strategy: EntitySummary


class CoverageCell(BaseModel):
    """Projects serving the objective (or a narrower one) with a location in the territory."""

    objective: str = Field(description="Objective ref (row)")
    territory: str = Field(description="Territory ref (column)")
    status: Status = Field(description="unknown: no municipality of the territory is known")
    count: int
    projects: list[EntitySummary] = Field(
        description="The cell's first projects, at most the report's page of them (count has them all; the others: "
        "GET /api/gaps/cell)"
    )
    budget_eur: float | None = Field(
        description="Sum of the reported budgets, EUR (each of its own scope); a "
        "project counts in full in each territory it touches; null when "
        "no project in the cell reports one"
    )
    budget_reported: int = Field(description="Projects in the cell with a reported budget (of count)")
    budget_unknown: list[EntitySummary] = Field(
        description="Projects in the cell without a reported budget, at most the report's page of them "
        "(count - budget_reported has them all)"
    )
    per_inhabitant_eur: float | None = Field(
        description="budget_eur / the territory's population; null when either is unknown"
    )
    per_inhabitant_indicative: bool = Field(description="True when any per_inhabitant_caveats applies")
    per_inhabitant_caveats: list[Literal[tuple(CAVEATS)]] = Field(  # type: ignore[valid-type]
        description="; ".join(f"{code}: {text}" for code, text in CAVEATS.items())
    )


class EmptyCell(Population):
    """A gap: no project serves the objective in the territory; ranked by inhabitants concerned."""

    rank: int
    objective: EntitySummary
    territory: TerritoryRef
    municipalities: int


class StructureReach(BaseModel):
    """A thematic structure: territories where members lie, and those where none does."""

    structure: EntitySummary
    present: list[TerritoryRef]
    absent: list[TerritoryRef] = Field(description="At most the report's page of them, in column order")
    absent_count: int = Field(description="Territories (with a known municipality) where no member lies")


class UninvolvedOrganisation(EntitySummary):
    """An organisation with no role in any project or structure of the scope."""

    kind: str | None = Field(description="Kind of organisation (OrganisationKind); null when no source states it")
    social_partner: bool


class DataGap(BaseModel):
    """A project missing some of objective, location, partner."""

    project: EntitySummary
    missing: list[Literal["objective", "location", "partner"]]


class Completeness(BaseModel):
    """How much the matrix can see: an empty cell mostly reflects thin data while these counts are high."""

    projects: int = Field(description="Projects in scope")
    without_objective: int = Field(description="Projects in scope without an objective (they fill no row)")
    without_location: int = Field(description="Projects in scope without a location (they fill no column)")
    municipalities: int = Field(description="Today's municipalities in scope")
    without_subregion: int = Field(description="Of those, municipalities no source places in a LIRES deelregio")
    subregions: int = Field(description="LIRES deelregio's")
    subregions_known: list[EntitySummary] = Field(description="Deelregio's with at least one known municipality")


class CellProjects(BaseModel):
    """One page of the projects of a coverage cell, in record order."""

    scope: ScopeParams
    objective: str = Field(description="Objective ref (row)")
    territory: str = Field(description="Territory ref (column)")
    count: int = Field(description="Projects in the cell")
    offset: int = Field(description="Position of the first project of this page in the cell (0 = first)")
    projects: list[EntitySummary]


class GapReport(BaseModel):
    """The gap analysis of one scope (see ``graph.analysis.gaps``)."""

    scope: ScopeParams
    page: int | None = Field(
        description="Longest list of projects per cell and of absent territories per structure; null: all"
    )
    territories: list[TerritoryColumn]
    objectives: list[ObjectiveRow]
    cells: list[CoverageCell]
    empty_cells: list[EmptyCell] = Field(description="Biggest first; limited by top")
    unknown_territories: list[TerritoryRef]
    unserved_objectives: list[EntitySummary]
    uninvolved_municipalities: list[EntitySummary]
    municipalities_without_project: list[EntitySummary]
    structure_reach: list[StructureReach]
    uninvolved_organisations: list[UninvolvedOrganisation]
    data_gaps: list[DataGap]
    completeness: Completeness

    def cell(self, objective: str, territory: str) -> CoverageCell:
        """The cell at (objective ref, territory ref); raises KeyError outside the matrix."""
        for cell in self.cells:
            if (cell.objective, cell.territory) == (objective, territory):
                return cell
        raise KeyError((objective, territory))


class Suggestion(BaseModel):
    """Two entities that could cooperate, with score (= adamic_adar + objective_jaccard) and evidence."""

    kind: synergy_analysis.PairKind
    rank: int = Field(description="Rank within its kind, 1 = best")
    a: EntitySummary
    b: EntitySummary
    score: float
    adamic_adar: float
    objective_jaccard: float
    shared_objectives: list[EntitySummary]
    common_neighbours: list[EntitySummary] = Field(
        description="Common neighbours on the pair's link graph: for projects the partners of both; for "
        "organisations (municipalities) the organisations (municipalities) sharing a project or "
        "structure with each"
    )
    possibly_nested: bool = Field(
        description="Projects only: one's locations and partners are all among the "
        "other's, so the two may be one project and its part (the data has "
        "no part-of link)"
    )
    territories: list[list[TerritoryRef]] = Field(description="Territories of a, then of b")
    shared_territories: list[TerritoryRef]


class SynergyReport(BaseModel):
    """Ranked synergy suggestions of one scope (see ``graph.analysis.synergy``)."""

    scope: ScopeParams
    suggestions: list[Suggestion]


class NodeMetrics(EntitySummary):
    """Network measures of one node of the cooperation network."""

    degree: int
    betweenness: float = Field(description="Normalised betweenness centrality (brokers score high)")
    closeness: float = Field(description="Closeness centrality (Wasserman-Faust for several components)")
    community: int = Field(description="Leiden community, numbered by size (0 = largest)")


class MetricsReport(BaseModel):
    """Network measures, highest betweenness first."""

    scope: ScopeParams
    betweenness_sources: int | None = Field(
        description="Null when betweenness is exact; else the number of "
        "sampled source nodes it is estimated from (large networks)"
    )
    nodes: list[NodeMetrics]


class _Namer:
    """Summaries of the entities and territories of one scope."""

    def __init__(self, scope: Scope, base_iri: str) -> None:
        self.scope, self.base_iri = scope, base_iri
        self._territories: dict[str, TerritoryRef] = {}
        self._entities: dict[Key, EntitySummary] = {}

    def entity(self, key: Key) -> EntitySummary:
        """The entity's summary, made once per report (a project is in a cell of each of its objectives)."""
        known = self._entities.get(key)
        if known is None:
            if key not in self.scope.records:
                raise KeyError(key)
            known = self._entities[key] = EntitySummary.model_construct(
                iri=mint(self.base_iri, key), type=key.type, ref=key.ref, label=self.scope.tables.label(key)
            )
        return known

    def entities(self, keys: Iterable[Key]) -> list[EntitySummary]:
        return [self.entity(k) for k in keys]

    def territory(self, ref: str) -> TerritoryRef:
        known = self._territories.get(ref)
        if known is None:
            found = self.scope.partition.territory(ref)
            known = self._territories[ref] = TerritoryRef(
                ref=ref, label=found.label, iri=mint(self.base_iri, found.key) if found.key else None
            )
        return known

    def population(self, place: Territory) -> dict:
        """The Population fields of a territory."""
        return {
            "population": place.population,
            "population_dates": [d.isoformat() for d in place.population_dates],
            "population_missing": self.entities(place.population_missing),
        }


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


PAGE = 20
"""Projects listed per coverage cell, and absent territories per structure, unless asked otherwise."""


def gaps_report(gaps: gap_analysis.Gaps, base_iri: str, top: int | None = None, page: int | None = PAGE) -> GapReport:
    """The whole gap report; ``top`` limits ``empty_cells`` to the biggest ``top`` (all when None), ``page`` the
    projects listed per cell and the absent territories per structure (all when None)."""
    scope = gaps.coverage.scope
    name = _Namer(scope, base_iri)
    columns = {t.ref: t for t in scope.territories}
    done = gaps.completeness
    return GapReport(
        scope=scope.params,
        page=page,
        territories=[
            TerritoryColumn(
                **name.territory(t.ref).model_dump(),
                municipalities=name.entities(t.municipalities),
                **name.population(t),
            )
            for t in scope.territories
        ],
        objectives=[
            ObjectiveRow(**name.entity(o).model_dump(), strategy=name.entity(scheme(scope.records, o)))
            for o in gaps.coverage.objectives
        ],
        cells=[
            CoverageCell.model_construct(  # made from the matrix: valid by construction, and there may be millions
                objective=c.objective.ref,
                territory=c.territory,
                status=c.status,
                count=c.count,
                projects=name.entities(c.projects[:page]),
                budget_eur=_amount(c.budget_eur),
                budget_reported=c.budget_reported,
                budget_unknown=name.entities(c.budget_unknown[:page]),
                per_inhabitant_eur=_amount(c.per_inhabitant),
                per_inhabitant_indicative=c.indicative,
                per_inhabitant_caveats=list(c.caveats),
            )
            for c in gaps.coverage.cells.values()
        ],
        empty_cells=[
            EmptyCell(
                rank=i,
                objective=name.entity(c.objective),
                territory=name.territory(c.territory),
                **name.population(columns[c.territory]),
                municipalities=len(columns[c.territory].municipalities),
            )
            for i, c in enumerate(gaps.empty_cells[:top], 1)
        ],
        unknown_territories=[name.territory(t) for t in gaps.unknown_territories],
        unserved_objectives=name.entities(gaps.unserved_objectives),
        uninvolved_municipalities=name.entities(gaps.uninvolved_municipalities),
        municipalities_without_project=name.entities(gaps.municipalities_without_project),
        structure_reach=[
            StructureReach(
                structure=name.entity(r.structure),
                present=[name.territory(t) for t in r.present],
                absent=[name.territory(t) for t in r.absent[:page]],
                absent_count=len(r.absent),
            )
            for r in gaps.structure_reach
        ],
        uninvolved_organisations=[
            UninvolvedOrganisation(
                **name.entity(o).model_dump(),
                kind=scope.records[o].first("organisation_kind"),
                social_partner=gap_analysis.is_social_partner(scope, o),
            )
            for o in gaps.uninvolved_organisations
        ],
        data_gaps=[DataGap(project=name.entity(g.project), missing=list(g.missing)) for g in gaps.data_gaps],
        completeness=_completeness(done, name),
    )


def cell_projects(
    matrix: Coverage, objective: Key, territory: str, base_iri: str, offset: int = 0, limit: int = PAGE
) -> CellProjects:
    """``limit`` projects of a cell from position ``offset`` on; raises KeyError outside the matrix."""
    ids = matrix.project_ids(objective, territory)
    name = _Namer(matrix.scope, base_iri)
    return CellProjects(
        scope=matrix.scope.params,
        objective=objective.ref,
        territory=territory,
        count=len(ids),
        offset=offset,
        projects=name.entities(matrix.scope.tables.project_keys(ids[offset : offset + limit].tolist())),
    )


def synergy_report(scope: Scope, suggestions: list[synergy_analysis.Suggestion], base_iri: str) -> SynergyReport:
    """The suggestions of ``scope`` with their evidence, each with its rank within its kind (1 = best)."""
    name = _Namer(scope, base_iri)
    return SynergyReport(
        scope=scope.params,
        suggestions=[
            Suggestion(
                kind=s.kind,
                rank=s.rank,
                a=name.entity(s.pair[0]),
                b=name.entity(s.pair[1]),
                score=s.score,
                adamic_adar=s.adamic_adar,
                objective_jaccard=s.objective_jaccard,
                shared_objectives=name.entities(s.shared_objectives),
                common_neighbours=name.entities(s.common_neighbours),
                possibly_nested=s.possibly_nested,
                territories=[[name.territory(t) for t in side] for side in s.territories],
                shared_territories=[name.territory(t) for t in s.shared_territories],
            )
            for s in suggestions
        ],
    )


def metrics_report(scope: Scope, measures: network_measures.Measures, base_iri: str) -> MetricsReport:
    """The measures of ``scope``'s cooperation network; ``betweenness_sources`` is None when betweenness is
    exact, else the number of sampled source nodes."""
    name = _Namer(scope, base_iri)
    return MetricsReport(
        scope=scope.params,
        betweenness_sources=measures.betweenness_sources,
        nodes=[
            NodeMetrics(
                **name.entity(n.key).model_dump(),
                degree=n.degree,
                betweenness=n.betweenness,
                closeness=n.closeness,
                community=n.community,
            )
            for n in measures.nodes
        ],
    )


class CommunitySummary(BaseModel):
    """A Leiden community of the cooperation network, named after its most central members."""

    index: int = Field(description="0 = largest")
    size: int
    central: list[EntitySummary] = Field(description="The members it is named after: most links inside it first")


class CommunityLinks(BaseModel):
    """How many of a broker's neighbours lie in one community."""

    community: int
    neighbours: int


class BrokerSummary(EntitySummary):
    """A broker: its links, betweenness and community and, per community its neighbours lie in, how many (most
    first)."""

    degree: int
    betweenness: float = Field(description="Normalised betweenness centrality")
    community: int = Field(description="Its own Leiden community")
    links: list[CommunityLinks]
    everybody: bool = Field(description="A structure every municipality in scope belongs to")


class BrokerReport(BaseModel):
    """Brokers (highest betweenness first), the structures every municipality belongs to (apart, not ranked), and
    the communities (see ``graph.analysis.brokers``)."""

    scope: ScopeParams
    betweenness_sources: int | None = Field(
        description="Null when betweenness is exact; else the number of sampled source nodes it is estimated from"
    )
    brokers: list[BrokerSummary]
    everybody: list[BrokerSummary]
    communities: list[CommunitySummary]


def brokers_report(scope: Scope, found: broker_analysis.Brokers, base_iri: str) -> BrokerReport:
    """The brokers and communities of ``scope``."""
    name = _Namer(scope, base_iri)

    def summary(b: broker_analysis.Broker) -> BrokerSummary:
        return BrokerSummary(
            **name.entity(b.key).model_dump(),
            degree=b.degree,
            betweenness=b.betweenness,
            community=b.community,
            links=[CommunityLinks(community=c, neighbours=n) for c, n in b.links],
            everybody=b.everybody,
        )

    return BrokerReport(
        scope=scope.params,
        betweenness_sources=found.betweenness_sources,
        brokers=[summary(b) for b in found.brokers],
        everybody=[summary(b) for b in found.everybody],
        communities=[
            CommunitySummary(index=c.index, size=len(c.members), central=name.entities(c.central))
            for c in found.communities
        ],
    )


class CompletenessReport(BaseModel):
    """How complete the scope's data is and what filling it in would change (see
    ``graph.analysis.completeness``)."""

    scope: ScopeParams
    counts: Completeness
    municipalities_without_subregion: list[EntitySummary]
    subregions_without_municipality: list[EntitySummary] = Field(
        description="Deelregio's whose column of the gap matrix is unknown: no municipality is known to lie in them"
    )
    projects_only_unassigned: list[EntitySummary] = Field(
        description="Projects located only in municipalities without a deelregio: in no deelregio's column"
    )
    projects_without_objective: list[EntitySummary]
    gaps_near_unplaced: int = Field(
        description="Empty cells of the gap matrix in a territory where a project without an objective is located: "
        "filling in its objective may close them"
    )
    projects_without_location: list[EntitySummary]
    municipalities_without_centre: list[EntitySummary] = Field(
        description="Municipalities without a centre of their own for the map"
    )


def _completeness(done: gap_analysis.Completeness, name: _Namer) -> Completeness:
    """The gap analysis's completeness counts as the report model (the deelregio's known named)."""
    return Completeness(
        projects=done.projects,
        without_objective=done.without_objective,
        without_location=done.without_location,
        municipalities=done.municipalities,
        without_subregion=done.without_subregion,
        subregions=done.subregions,
        subregions_known=name.entities(done.subregions_known),
    )


def completeness_report(
    scope: Scope, found: completeness_analysis.DataCompleteness, base_iri: str
) -> CompletenessReport:
    """The completeness of ``scope``'s data as a report."""
    name = _Namer(scope, base_iri)
    done = found.counts
    return CompletenessReport(
        scope=scope.params,
        counts=_completeness(done, name),
        municipalities_without_subregion=name.entities(found.municipalities_without_subregion),
        subregions_without_municipality=name.entities(found.subregions_without_municipality),
        projects_only_unassigned=name.entities(found.projects_only_unassigned),
        projects_without_objective=name.entities(found.projects_without_objective),
        gaps_near_unplaced=found.gaps_near_unplaced,
        projects_without_location=name.entities(found.projects_without_location),
        municipalities_without_centre=name.entities(found.municipalities_without_centre),
    )
