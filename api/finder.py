"""Finding entities for people and programs alike: a name query (graph.search), a type and the facets
(graph.facets), with the counts a results page shows beside them. /api/entities, /api/search and the /entities
page all answer from here, on indexes built once per build."""

from __future__ import annotations

from collections import Counter

from api.current import LoadedGraph
from api.entity_data import type_name
from graph.facets import FacetIndex, FacetParams, facet_index, select
from graph.search import SEARCHED_TYPES, Hit, SearchIndex, fold, search_index
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, UNASSIGNED, display_label
from records.model import Key

FACET_KINDS = ("OrganisationKind", "ProjectStatus")
"""Enums whose values are facet values."""


def searcher(graph: LoadedGraph) -> SearchIndex:
    """The build's search index (made on first use, kept while the build is current)."""
    return graph.memo("search_index", lambda: search_index(graph.records.values()))


def facets(graph: LoadedGraph) -> FacetIndex:
    """The build's facet index (made on first use, kept while the build is current)."""
    return graph.memo("facet_index", lambda: facet_index(graph.records))


def find(graph: LoadedGraph, q: str | None, type: str | None, params: FacetParams) -> tuple[list[Key], list[Hit]]:
    """The keys matching name query ``q``, entity type ``type`` (path or class name) and the facets, and the
    search hits behind them (empty without ``q``).

    With ``q``: ranked as graph.search ranks names (only searched types; a type search has no names to match,
    e.g. memberships, keeps the earlier rule: the folded query inside the display name); without: by type and
    ref. Raises api.errors.BadRequest for an unknown type, graph.facets.FacetError for an unknown facet value.
    """
    name = type_name(type) if type is not None else None
    hits: list[Hit] = []
    if q and (name is None or name in SEARCHED_TYPES):
        hits = searcher(graph).search(q, types=None if name is None else (name,))
        keys = [h.key for h in hits]
    else:
        keys = sorted(k for k in graph.records if name is None or k.type == name)
        if q:
            needle = fold(q)
            keys = [k for k in keys if needle in fold(display_label(graph.records[k]))]
    enums = vocabulary().enums
    kept = set(select(facets(graph), keys, params, {k: enums[k] for k in FACET_KINDS}))
    return [k for k in keys if k in kept], [h for h in hits if h.key in kept]


def facet_counts(graph: LoadedGraph, keys: list[Key], lang: str) -> dict[str, list[dict]]:
    """How many of ``keys`` fall under each facet value, most first: ``{facet: [{"value", "label", "count"}]}``
    for ``type``, ``subregion``, ``arrondissement``, ``strategy`` (projects), ``status`` (projects) and
    ``partner_kind`` (organisations' own kind, where known); labels in ``lang``."""
    vocab, index, records = vocabulary(), facets(graph), graph.records
    counts: dict[str, Counter] = {f: Counter() for f in ("type", "subregion", "arrondissement", "strategy")}
    counts |= {"status": Counter(), "partner_kind": Counter()}
    for key in keys:
        counts["type"][key.type] += 1
        counts["subregion"].update(index.subregions.get(key, ()))
        counts["arrondissement"].update(index.arrondissements.get(key, ()))
        if key.type == "Project":
            counts["strategy"].update(index.strategies.get(key, ()))
            if status := records[key].first("status"):
                counts["status"][status] += 1
        elif key.type == "Organisation" and (kind := records[key].one("organisation_kind", str)):
            counts["partner_kind"][kind] += 1  # no value for an organisation whose kind no source states

    def label(facet: str, value: str) -> str:
        if facet == "type":
            return vocab.classes[value].label(lang)
        if facet == "status":
            return vocab.value_label("status", value, lang)
        if facet == "partner_kind":
            return vocab.value_label("organisation_kind", value, lang)
        if value == UNASSIGNED:
            return NOT_ASSIGNED[lang]
        kind = {"subregion": "Subregion", "arrondissement": "Arrondissement", "strategy": "Strategy"}[facet]
        return display_label(records[Key(kind, value)], lang)

    return {
        facet: [
            {"value": value, "label": label(facet, value), "count": n}
            for value, n in sorted(counter.items(), key=lambda vn: (-vn[1], label(facet, vn[0]).casefold()))
        ]
        for facet, counter in counts.items()
    }
