"""Response models of the analysis endpoints (the shapes ``graph.analysis.report`` produces)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.routes.entities import EntitySummary


class TerritoryRef(BaseModel):
    """A column of the partition: subregion ref, arrondissement NIS code or ``unassigned`` (iri null)."""

    ref: str
    label: str
    iri: str | None


class ScopeModel(BaseModel):
    """The filters the answer was computed for."""

    by: Literal["subregion", "arrondissement"]
    year: int | None = Field(description="As-of year; null = every period")
    strategy: str | None
    subregion: str | None


class TerritoryColumn(TerritoryRef):
    """A territory with today's municipalities and their known population (inhabitants, Statbel)."""

    municipalities: list[EntitySummary]
    population: int = Field(description="Sum of the known figures; reference dates in population_dates differ")
    population_missing: list[EntitySummary] = Field(description="Municipalities without a figure (not counted)")
    population_dates: list[str]


class ObjectiveRow(EntitySummary):
    """A top objective of a strategy's scheme (a row of the matrix)."""

    strategy: EntitySummary


class CoverageCell(BaseModel):
    """Projects serving the objective (or a narrower one) with a location in the territory."""

    objective: str = Field(description="Objective ref (row)")
    territory: str = Field(description="Territory ref (column)")
    status: Literal["covered", "gap", "unknown"] = Field(description="unknown: no municipality of the territory "
                                                                      "is known")
    count: int
    projects: list[EntitySummary]
    budget_eur: float = Field(description="Sum of the reported budgets, EUR; a project counts in full in each "
                                          "territory it touches")
    budget_unknown: list[EntitySummary] = Field(description="Projects in the cell without a reported budget")
    per_inhabitant_eur: float | None = Field(description="budget_eur / known population; null without population")


class EmptyCell(BaseModel):
    """A gap: no project serves the objective in the territory; ranked by inhabitants concerned."""

    rank: int
    objective: EntitySummary
    territory: TerritoryRef
    population: int
    municipalities: int


class StructureReach(BaseModel):
    """A thematic structure: territories where members lie, and those where none does."""

    structure: EntitySummary
    present: list[TerritoryRef]
    absent: list[TerritoryRef]


class UninvolvedOrganisation(EntitySummary):
    """An organisation with no role in any project or structure of the scope."""

    kind: str
    social_partner: bool


class DataGap(BaseModel):
    """A project missing some of objective, location, partner."""

    project: EntitySummary
    missing: list[Literal["objective", "location", "partner"]]


class GapReport(BaseModel):
    """The gap analysis of one scope (see ``graph.analysis.gaps``)."""

    scope: ScopeModel
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


class Suggestion(BaseModel):
    """Two entities that could cooperate, with score (= adamic_adar + objective_jaccard) and evidence."""

    kind: Literal["project", "organisation", "municipality"]
    rank: int = Field(description="Rank within its kind, 1 = best")
    a: EntitySummary
    b: EntitySummary
    score: float
    adamic_adar: float
    objective_jaccard: float
    shared_objectives: list[EntitySummary]
    shared_partners: list[EntitySummary] = Field(description="Common neighbours on the pair's link graph")
    territories: list[list[TerritoryRef]] = Field(description="Territories of a, then of b")
    shared_territories: list[TerritoryRef]


class SynergyReport(BaseModel):
    """Ranked synergy suggestions of one scope (see ``graph.analysis.synergy``)."""

    scope: ScopeModel
    suggestions: list[Suggestion]


class NodeMetrics(EntitySummary):
    """Network measures of one node of the cooperation network."""

    degree: int
    betweenness: float = Field(description="Normalised betweenness centrality (brokers score high)")
    closeness: float = Field(description="Closeness centrality (Wasserman-Faust for several components)")
    community: int = Field(description="Louvain community, numbered by size (0 = largest)")


class MetricsReport(BaseModel):
    """Network measures, highest betweenness first."""

    scope: ScopeModel
    nodes: list[NodeMetrics]
