"""Analysis answers as plain JSON-ready data with IRIs and display names (for the CLI, the API and pages).

Every entity appears as ``{"iri", "type", "ref", "label"}``; a territory as ``{"ref", "label",
"iri"}`` (``iri`` None for ``unassigned``). Amounts are EUR, populations inhabitants; a population
always comes with the reference dates it adds up and the municipalities it leaves out, and is None
when nothing is known.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from graph.analysis.gaps import Gaps, is_social_partner
from graph.analysis.metrics import Measures
from graph.analysis.scope import Scope
from graph.analysis.synergy import Suggestion
from graph.analysis.territory import Territory
from graph.iri import mint
from records.labels import display_label
from records.model import Key


def entity(scope: Scope, base_iri: str, key: Key) -> dict:
    """``{"iri", "type", "ref", "label"}`` of one entity."""
    return {"iri": mint(base_iri, key), "type": key.type, "ref": key.ref, "label": display_label(scope.records[key])}


def territory(scope: Scope, base_iri: str, ref: str) -> dict:
    """``{"ref", "label", "iri"}`` of one territory of the scope's partition."""
    found = scope.partition.territory(ref)
    return {"ref": ref, "label": found.label, "iri": mint(base_iri, found.key) if found.key else None}


def scope_summary(scope: Scope) -> dict:
    """The filters: ``{"by", "year", "strategy", "subregion"}``."""
    return {
        "by": scope.partition.by,
        "year": scope.year,
        "strategy": scope.strategy.ref if scope.strategy else None,
        "subregion": scope.subregion,
    }


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def population(scope: Scope, base_iri: str, place: Territory) -> dict:
    """``{"population", "population_dates", "population_missing"}`` of a territory: the sum of the known
    figures (None when none is known), their reference dates (ISO) and the municipalities without a figure."""
    return {
        "population": place.population,
        "population_dates": [d.isoformat() for d in place.population_dates],
        "population_missing": [entity(scope, base_iri, m) for m in place.population_missing],
    }


def gaps_report(gaps: Gaps, base_iri: str, top: int | None = None) -> dict:
    """The whole gap report; ``top`` limits ``empty_cells`` to the biggest ``top`` (all when None)."""
    scope = gaps.coverage.scope
    one = partial(entity, scope, base_iri)

    def many(keys) -> list[dict]:
        return [one(k) for k in keys]

    columns = {t.ref: t for t in scope.territories}
    return {
        "scope": scope_summary(scope),
        "territories": [
            {
                **territory(scope, base_iri, t.ref),
                "municipalities": many(t.municipalities),
                **population(scope, base_iri, t),
            }
            for t in scope.territories
        ],
        "objectives": [
            {**one(o), "strategy": one(scope.records[o].first("in_scheme"))} for o in gaps.coverage.objectives
        ],
        "cells": [
            {
                "objective": c.objective.ref,
                "territory": c.territory,
                "status": c.status,
                "count": c.count,
                "projects": many(c.projects),
                "budget_eur": _amount(c.budget_eur),
                "budget_reported": c.budget_reported,
                "budget_unknown": many(c.budget_unknown),
                "per_inhabitant_eur": _amount(c.per_inhabitant),
                "per_inhabitant_indicative": c.indicative,
                "per_inhabitant_caveats": list(c.caveats),
            }
            for c in gaps.coverage.cells.values()
        ],
        "empty_cells": [
            {
                "rank": i,
                "objective": one(c.objective),
                "territory": territory(scope, base_iri, c.territory),
                **population(scope, base_iri, columns[c.territory]),
                "municipalities": len(columns[c.territory].municipalities),
            }
            for i, c in enumerate(gaps.empty_cells[:top], 1)
        ],
        "unknown_territories": [territory(scope, base_iri, t) for t in gaps.unknown_territories],
        "unserved_objectives": many(gaps.unserved_objectives),
        "uninvolved_municipalities": many(gaps.uninvolved_municipalities),
        "municipalities_without_project": many(gaps.municipalities_without_project),
        "structure_reach": [
            {
                "structure": one(r.structure),
                "present": [territory(scope, base_iri, t) for t in r.present],
                "absent": [territory(scope, base_iri, t) for t in r.absent],
            }
            for r in gaps.structure_reach
        ],
        "uninvolved_organisations": [
            {
                **one(o),
                "kind": scope.records[o].first("organisation_kind"),
                "social_partner": is_social_partner(scope, o),
            }
            for o in gaps.uninvolved_organisations
        ],
        "data_gaps": [{"project": one(g.project), "missing": list(g.missing)} for g in gaps.data_gaps],
        "completeness": {
            **{
                name: getattr(gaps.completeness, name)
                for name in (
                    "projects",
                    "without_objective",
                    "without_location",
                    "municipalities",
                    "without_subregion",
                    "subregions",
                )
            },
            "subregions_known": many(gaps.completeness.subregions_known),
        },
    }


def synergy_report(scope: Scope, suggestions: list[Suggestion], base_iri: str) -> dict:
    """``{"scope", "suggestions": [...]}``, each with its rank within its kind (1 = best)."""
    out = []
    for s in suggestions:
        out.append(
            {
                "kind": s.kind,
                "rank": s.rank,
                "a": entity(scope, base_iri, s.pair[0]),
                "b": entity(scope, base_iri, s.pair[1]),
                "score": s.score,
                "adamic_adar": s.adamic_adar,
                "objective_jaccard": s.objective_jaccard,
                "shared_objectives": [entity(scope, base_iri, k) for k in s.shared_objectives],
                "common_neighbours": [entity(scope, base_iri, k) for k in s.common_neighbours],
                "possibly_nested": s.possibly_nested,
                "territories": [[territory(scope, base_iri, t) for t in side] for side in s.territories],
                "shared_territories": [territory(scope, base_iri, t) for t in s.shared_territories],
            }
        )
    return {"scope": scope_summary(scope), "suggestions": out}


def metrics_report(scope: Scope, measures: Measures, base_iri: str) -> dict:
    """``{"scope", "betweenness_sources", "nodes": [{entity fields, degree, betweenness, closeness, community}]}``
    (``betweenness_sources``: null when betweenness is exact, else the number of sampled source nodes)."""
    return {
        "scope": scope_summary(scope),
        "betweenness_sources": measures.betweenness_sources,
        "nodes": [
            {
                **entity(scope, base_iri, n.key),
                "degree": n.degree,
                "betweenness": n.betweenness,
                "closeness": n.closeness,
                "community": n.community,
            }
            for n in measures.nodes
        ],
    }
