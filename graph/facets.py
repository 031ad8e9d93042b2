"""Facets: narrowing a list of entities of any type by deelregio, arrondissement, strategy, objective, partner
kind, project status, budget range and period. docs/analysis.md ("Facets") states when an entity counts as in
a deelregio or as matching a project facet; this module implements exactly that.

- **Places.** Deelregio and arrondissement apply to every type through the municipalities an entity is *at*:
  a municipality itself; a deelregio, arrondissement or the province: the municipalities in it; a project: its
  locations; an organisation: the municipality it governs and the locations of the projects it is a partner
  in; a structure: its municipality members, the municipalities its member organisations govern, and a member
  deelregio itself; a strategy or an objective: the locations of its projects (``projects_of``); a membership:
  its member's places; a participation: its project's. A municipality is in the deelregio it belongs to, and a
  merged one also in its successor's (Neerpelt in Noord-Limburg both ways); ``unassigned`` holds the
  municipalities without one. A deelregio is always in itself.
- **Project facets** (strategy, objective, partner kind, status, budget, period) select projects; another
  entity matches when one of its projects (``projects_of``) matches them all, except where the type has the
  property itself: an organisation's partner kind is its own kind; a strategy matches a strategy facet when it
  is that strategy or part of it, an objective when it is in that strategy's scheme; an objective matches an
  objective facet when it is that objective or a narrower one, a strategy when its scheme holds it. Structures,
  memberships, participations and sources have no projects and drop out when a project facet is set.
- **Period** ``year_from``-``year_to`` (inclusive, either open): a project runs in the years of
  graph.analysis.as_of (undated: always; operational: from its start on).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, Field

from graph.analysis.as_of import RUNS_ON
from graph.analysis.objectives import lineage
from graph.analysis.territory import successor
from records.labels import UNASSIGNED
from records.model import Key, Record


class FacetParams(BaseModel):
    """The facets of an entity list, as the API's query parameters take them."""

    subregion: str | None = Field(
        None, max_length=100, description="LIRES deelregio ref (e.g. noord-limburg), or 'unassigned' ('none')"
    )
    arrondissement: str | None = Field(None, max_length=10, description="Arrondissement NIS code, e.g. 71000")
    strategy: str | None = Field(None, max_length=100, description="Strategy ref, e.g. salk")
    objective: str | None = Field(None, max_length=100, description="Objective ref, e.g. salk-1")
    partner_kind: str | None = Field(None, max_length=100, description="Organisation kind, e.g. trade_union")
    status: str | None = Field(None, max_length=100, description="Project status, e.g. in_progress")
    budget_min: Decimal | None = Field(None, ge=0, description="Smallest project budget, EUR")
    budget_max: Decimal | None = Field(None, ge=0, description="Largest project budget, EUR")
    year_from: int | None = Field(None, ge=1800, le=2200, description="Active in or after this year")
    year_to: int | None = Field(None, ge=1800, le=2200, description="Active in or before this year")

    @property
    def project_facets(self) -> bool:
        """True when a facet that selects projects is set."""
        return any(
            v is not None
            for v in (
                self.strategy,
                self.objective,
                self.partner_kind,
                self.status,
                self.budget_min,
                self.budget_max,
                self.year_from,
                self.year_to,
            )
        )


class FacetError(ValueError):
    """A facet names something the data does not have (the message lists what it has)."""


@dataclass(frozen=True)
class FacetIndex:
    """What the facets need of one build, computed once (``facet_index``)."""

    records: Mapping[Key, Record]
    subregions: Mapping[Key, frozenset[str]]
    """Entity -> refs of the deelregio's it is in (``unassigned`` included)."""
    arrondissements: Mapping[Key, frozenset[str]]
    """Entity -> NIS codes of the arrondissements it is in."""
    projects_of: Mapping[Key, frozenset[Key]]
    """Non-project entity -> its projects (see the module docstring)."""
    strategies: Mapping[Key, frozenset[str]]
    """Project -> the strategies it is in (framed by, or serving an objective of the scheme; with the broader
    strategies these are part of)."""
    objectives: Mapping[Key, frozenset[str]]
    """Project -> the objectives it serves, with the broader ones they roll up to."""


def _ancestors(records: Mapping[Key, Record], strategy: Key | None) -> list[Key]:
    """The strategy and every strategy it is part of (none for None)."""
    chain: list[Key] = []
    seen: set[Key] = set()
    while strategy is not None and strategy not in seen and strategy in records:
        seen.add(strategy)
        chain.append(strategy)
        strategy = records[strategy].one("part_of", Key)
    return chain


def _required(record: Record, slot: str) -> Key:
    """The Key in ``record``'s required ``slot`` (a membership's member and organisation)."""
    if (value := record.one(slot, Key)) is None:
        raise ValueError(f"{record.key} has no {slot}")
    return value


def facet_index(records: Mapping[Key, Record]) -> FacetIndex:
    """The facet index of a build's records (one pass per relation; keep it per build)."""
    by_type: dict[str, list[Key]] = defaultdict(list)
    for key in records:
        by_type[key.type].append(key)

    def region_of(municipality: Key) -> set[str]:
        found: set[str] = set()
        for m in {municipality, successor(records, municipality)}:
            if m in records:
                found |= {s.ref for s in records[m].many("subregion", Key)}
        return found or {UNASSIGNED}

    def arrondissement_of(municipality: Key) -> set[str]:
        return {
            a.ref
            for m in {municipality, successor(records, municipality)}
            if m in records
            for a in records[m].many("sf_within", Key)
        }

    places: dict[Key, set[Key]] = defaultdict(set)
    projects_of: dict[Key, set[Key]] = defaultdict(set)
    strategies: dict[Key, frozenset[str]] = {}
    objectives: dict[Key, frozenset[str]] = {}
    for m in by_type["Municipality"]:
        places[m].add(m)
        for parent in records[m].many("sf_within", Key):
            places[parent].add(m)
            for province in records.get(parent, Record(parent)).many("sf_within", Key):
                places[province].add(m)
        for region in records[m].many("subregion", Key):
            places[region].add(m)
    for p in by_type["Project"]:
        rec = records[p]
        served = {k for o in rec.many("serves", Key) if o in records for k in lineage(records, o)}
        schemes = {records[o].one("in_scheme", Key) for o in served}
        framed = {s for s in (*rec.many("strategy", Key), *schemes) if s is not None}
        in_strategies = {a for s in framed for a in _ancestors(records, s)}
        strategies[p] = frozenset(s.ref for s in in_strategies)
        objectives[p] = frozenset(o.ref for o in served)
        locations = set(rec.many("at_location", Key))
        places[p] |= locations
        related = {*rec.many("was_associated_with", Key), *served, *in_strategies}
        related |= {t for m in locations for t in (m, successor(records, m))}
        for other in related:
            projects_of[other].add(p)
            if other.type != "Municipality":
                places[other] |= locations
    for territory in (*by_type["Subregion"], *by_type["Arrondissement"], *by_type["Province"]):
        projects_of[territory] = {p for m in places[territory] for p in projects_of.get(m, ())}
    for o in by_type["Organisation"]:
        if (governed := records[o].one("governs", Key)) is not None:
            places[o].add(governed)
    members: dict[Key, set[Key]] = defaultdict(set)
    for ms in by_type["Membership"]:
        member, structure = _required(records[ms], "member"), _required(records[ms], "organization")
        places[ms] |= places.get(member, set()) if member.type != "Municipality" else {member}
        if member.type == "Organisation" and (governed := records[member].one("governs", Key)) is not None:
            members[structure].add(governed)
        elif member.type == "Municipality":
            members[structure].add(member)
        elif member.type == "Subregion":
            members[structure] |= places[member]
    for structure, found in members.items():
        places[structure] |= found
    for pa in by_type["Participation"]:
        if (activity := records[pa].one("activity", Key)) is not None:
            places[pa] |= places.get(activity, set())
    subregions: dict[Key, frozenset[str]] = {}
    arrondissements: dict[Key, frozenset[str]] = {}
    for key in records:
        found = places.get(key, set())
        regions = {r for m in found for r in region_of(m)}
        if key.type == "Subregion":
            regions = {key.ref}
        subregions[key] = frozenset(regions)
        arrondissements[key] = frozenset(a for m in found for a in arrondissement_of(m))
    for ms in by_type["Membership"]:
        member = _required(records[ms], "member")
        if member.type == "Subregion":
            structure = _required(records[ms], "organization")
            subregions[structure] = subregions[structure] | {member.ref}
            subregions[ms] = subregions[ms] | {member.ref}
    return FacetIndex(
        records,
        subregions,
        arrondissements,
        {k: frozenset(v) for k, v in projects_of.items()},
        strategies,
        objectives,
    )


def _check(records: Mapping[Key, Record], params: FacetParams, kinds: Mapping[str, list[str]]) -> None:
    """Raise FacetError for a facet value the data does not have."""
    known = {
        "subregion": ([k.ref for k in records if k.type == "Subregion"] + [UNASSIGNED, "none"], params.subregion),
        "arrondissement": ([k.ref for k in records if k.type == "Arrondissement"], params.arrondissement),
        "strategy": ([k.ref for k in records if k.type == "Strategy"], params.strategy),
        "objective": ([k.ref for k in records if k.type == "Objective"], params.objective),
        "partner_kind": (kinds["OrganisationKind"], params.partner_kind),
        "status": (kinds["ProjectStatus"], params.status),
    }
    for name, (values, given) in known.items():
        if given is not None and given not in values:
            raise FacetError(f"unknown {name} {given!r}; one of: {', '.join(sorted(values))}")


def _project_matches(index: FacetIndex, project: Key, params: FacetParams, with_kind: bool = True) -> bool:
    rec = index.records[project]
    if params.strategy and params.strategy not in index.strategies[project]:
        return False
    if params.objective and params.objective not in index.objectives[project]:
        return False
    if params.status and rec.one("status", str) != params.status:
        return False
    if params.budget_min is not None or params.budget_max is not None:
        budget = rec.one("budget_eur", Decimal)
        if budget is None or (params.budget_min is not None and budget < params.budget_min):
            return False
        if params.budget_max is not None and budget > params.budget_max:
            return False
    if params.year_from is not None or params.year_to is not None:
        start = rec.one("start_date", dt.date)
        end = None if rec.one("status", str) in RUNS_ON else rec.one("end_date", dt.date)
        if params.year_to is not None and start is not None and start.year > params.year_to:
            return False
        if params.year_from is not None and end is not None and end.year < params.year_from:
            return False
    if with_kind and params.partner_kind:
        kinds = {index.records[o].one("organisation_kind", str) for o in rec.many("was_associated_with", Key)}
        return params.partner_kind in kinds
    return True


def select(index: FacetIndex, keys: list[Key], params: FacetParams, kinds: Mapping[str, list[str]]) -> list[Key]:
    """The ``keys`` (in their order) that match every facet of ``params`` (see the module docstring).

    ``kinds`` maps ``OrganisationKind`` and ``ProjectStatus`` to their values (from the schema). Raises
    FacetError for an unknown deelregio, arrondissement, strategy, objective, kind or status.
    """
    records = index.records
    _check(records, params, kinds)
    region = UNASSIGNED if params.subregion == "none" else params.subregion
    if region is not None:
        keys = [k for k in keys if region in index.subregions.get(k, ())]
    if params.arrondissement is not None:
        keys = [k for k in keys if params.arrondissement in index.arrondissements.get(k, ())]
    if not params.project_facets:
        return keys
    without_own = params.model_copy(update={"strategy": None, "objective": None})
    without_kind = params.model_copy(update={"partner_kind": None})
    out = []
    for key in keys:
        rec = records[key]
        if key.type == "Project":
            ok = _project_matches(index, key, params)
        elif key.type == "Strategy":
            chain = {s.ref for s in _ancestors(records, key)}
            ok = (params.strategy is None or params.strategy in chain) and (
                params.objective is None or records[Key("Objective", params.objective)].one("in_scheme", Key) == key
            )
            ok = ok and _any_project(index, key, without_own)
        elif key.type == "Objective":
            scheme = rec.one("in_scheme", Key)
            ok = (params.strategy is None or params.strategy in {s.ref for s in _ancestors(records, scheme)}) and (
                params.objective is None or params.objective in {o.ref for o in lineage(records, key)}
            )
            ok = ok and _any_project(index, key, without_own)
        elif key.type == "Organisation":
            ok = (params.partner_kind is None or rec.one("organisation_kind", str) == params.partner_kind) and (
                _any_project(index, key, without_kind)
            )
        elif key.type in ("Municipality", "Subregion", "Arrondissement", "Province"):
            ok = _any_project(index, key, params)
        else:
            ok = False
        if ok:
            out.append(key)
    return out


def _any_project(index: FacetIndex, key: Key, params: FacetParams) -> bool:
    """True when one of ``key``'s projects matches ``params``; also when no project facet is left in ``params``
    (then the entity's own properties decided)."""
    if not params.project_facets:
        return True
    return any(_project_matches(index, p, params) for p in index.projects_of.get(key, ()))
