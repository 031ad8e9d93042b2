"""Response models of the analysis endpoints (the shapes ``graph.analysis.report`` produces)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.routes.entities import EntitySummary
from graph.analysis.coverage import CAVEATS


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


class Population(BaseModel):
    """A sum of known Statbel population figures (inhabitants), with what it mixes and what it leaves out."""

    population: int | None = Field(description="Sum of the known figures; null when none is known. Not a "
                                               "population on one day when population_dates has several dates")
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
    status: Literal["covered", "gap", "unknown"] = Field(description="unknown: no municipality of the territory "
                                                                      "is known")
    count: int
    projects: list[EntitySummary]
    budget_eur: float | None = Field(description="Sum of the reported budgets, EUR (each of its own scope); a "
                                                 "project counts in full in each territory it touches; null when "
                                                 "no project in the cell reports one")
    budget_reported: int = Field(description="Projects in the cell with a reported budget (of count)")
    budget_unknown: list[EntitySummary] = Field(description="Projects in the cell without a reported budget")
    per_inhabitant_eur: float | None = Field(description="budget_eur / the territory's population; null when "
                                                         "either is unknown")
    per_inhabitant_indicative: bool = Field(description="True when any per_inhabitant_caveats applies")
    per_inhabitant_caveats: list[Literal[tuple(CAVEATS)]] = Field(  # type: ignore[valid-type]
        description="; ".join(f"{code}: {text}" for code, text in CAVEATS.items()))


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
    absent: list[TerritoryRef]


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
    completeness: Completeness


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
    common_neighbours: list[EntitySummary] = Field(
        description="Common neighbours on the pair's link graph: for projects the partners of both; for "
                    "organisations (municipalities) the organisations (municipalities) sharing a project or "
                    "structure with each")
    possibly_nested: bool = Field(description="Projects only: one's locations and partners are all among the "
                                              "other's, so the two may be one project and its part (the data has "
                                              "no part-of link)")
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
    betweenness_sources: int | None = Field(description="Null when betweenness is exact; else the number of "
                                            "sampled source nodes it is estimated from (large networks)")
    nodes: list[NodeMetrics]
