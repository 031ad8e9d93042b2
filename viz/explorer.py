"""The data behind the network explorer (/viz/explorer): the cooperation network of one scope with its
measures, communities, server-side positions and synergy suggestions, as plain JSON-ready data.

Node ids are IRI paths (``project/t2-campus``): short enough for the URL (``focus=``) and the
document link (``/doc/`` + id).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.analysis.cooperation import NODE_TYPES, cooperation_graph
from graph.analysis.metrics import metrics
from graph.analysis.objectives import closure, lineage, narrowest, scheme
from graph.analysis.scope import Scope
from graph.analysis.synergy import synergies
from graph.iri import UnknownIri, key_from_path
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, UNASSIGNED, display_label
from records.model import Key
from viz.facts import type_label
from viz.i18n import gettext
from viz.network_page import COLOURS

COMMUNITY_COLOURS = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#1f78b4",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
    "#80b1d3",
)
"""Colours of the largest communities in turn; smaller ones share OTHER_COMMUNITY."""
OTHER_COMMUNITY = "#c8ccd4"


def _common_neighbours(kind: str, lang: str) -> str:
    """The name of a synergy pair's common neighbours, per kind (graph.analysis.synergy.COMMON_NEIGHBOURS)."""
    _ = gettext(lang)
    return {
        "project": _("shared partners"),
        "organisation": _("organisations working with both"),
        "municipality": _("municipalities working with both"),
    }[kind]


def _relation(relation: str, lang: str) -> str:
    """The name of an edge relation of the cooperation network."""
    _ = gettext(lang)
    return {"partner": _("partner"), "location": _("location"), "member": _("member"), "governs": _("governs")}[
        relation
    ]


ROLE_SLOTS = {"partner": "had_role", "member": "role"}
"""Relation -> the slot whose enum names its role."""


def node_id(key: Key) -> str:
    """``project/t2-campus``: the entity's IRI path, used as node id and in ``/doc/{id}``."""
    return f"{vocabulary().classes[key.type].path}/{key.ref}"


def focus_problem(scope: Scope, node_ids: set[str], focus: str) -> str | None:
    """Why ``focus`` (a node id, ``project/t2-campus``) cannot be the explorer's focus, in Dutch; None when it can.

    Either no entity has that id, or the entity is not in the cooperation network of this scope (its year,
    strategy or subregion leaves it out, or it is of a type the network does not hold).
    """
    if focus in node_ids:
        return None
    path, _, ref = focus.partition("/")
    try:
        key = key_from_path(path, ref)
    except UnknownIri:
        key = None
    if key is None or key not in scope.records:
        return (
            f"Onbekende focus '{focus}': geen entiteit met die id (verwacht soort/ref, bv. "
            "'project/t2-campus'). Het hele netwerk wordt getoond."
        )
    return (
        f"{display_label(scope.records[key])} ('{focus}') zit niet in het netwerk van deze selectie "
        "(jaar, strategie, deelregio of soort). Het hele netwerk wordt getoond."
    )


def explorer_data(
    scope: Scope, layout: Mapping[Key, tuple[float, float]], lang: str = "nl", suggestions_per_kind: int = 15
) -> dict[str, Any]:
    """Nodes, edges, dashed synergy edges and the filter choices for one scope.

    ``layout`` holds positions (pixels) of at least every node of the scope's cooperation
    network (see viz.layout; computed once per build on the unfiltered network so that nodes keep
    their place when filters change). Shape: ``{"nodes", "edges", "suggestions", "objectives", "types",
    "colours"}``.
    """
    records, _, vocab = scope.records, gettext(lang), vocabulary()
    graph = cooperation_graph(scope)
    partition = scope.partition.of_municipality

    def name(key: Key) -> str:
        return display_label(records[key], lang)

    nodes = []
    for m in metrics(scope, graph).nodes:
        key = m.key
        served = closure(records, records[key].many("serves", Key)) if key.type == "Project" else frozenset()
        places = [key] if key.type == "Municipality" else [n for n in graph[key] if n.type == "Municipality"]
        territories = sorted({partition[p] for p in places})
        facts = [
            [_("kind"), type_label(key.type, lang)],
            [_("links"), str(m.degree)],
            [_("betweenness"), f"{m.betweenness:.3f}"],
            [_("closeness"), f"{m.closeness:.3f}"],
            [_("community"), str(m.community + 1)],
        ]
        if territories:
            facts.append(
                [
                    _("territory"),
                    ", ".join(
                        scope.partition.territory(t).label if t != UNASSIGNED else NOT_ASSIGNED[lang]
                        for t in territories
                    ),
                ]
            )
        if served:
            facts.append([_("objectives"), ", ".join(name(o) for o in narrowest(records, served))])
        x, y = layout[key]
        nodes.append(
            {
                "id": node_id(key),
                "label": name(key),
                "type": key.type,
                "x": x,
                "y": y,
                "degree": m.degree,
                "betweenness": m.betweenness,
                "closeness": m.closeness,
                "community": m.community,
                "objectives": sorted(o.ref for o in served),
                "facts": facts,
            }
        )
    edges = [
        {
            "from": node_id(a),
            "to": node_id(b),
            "relation": _relation(e["relation"], lang),
            "role": vocab.value_label(ROLE_SLOTS[e["relation"]], e["role"], lang) if e.get("role") else None,
        }
        for a, b, e in graph.edges(data=True)
    ]
    suggestions = [
        {
            "from": node_id(s.pair[0]),
            "to": node_id(s.pair[1]),
            "kind": s.kind,
            "kind_label": type_label(s.kind.capitalize(), lang),
            "rank": s.rank,
            "score": s.score,
            "adamic_adar": s.adamic_adar,
            "objective_jaccard": s.objective_jaccard,
            "shared_objectives": [name(k) for k in s.shared_objectives],
            "common_neighbours": [name(k) for k in s.common_neighbours],
            "common_neighbours_are": _common_neighbours(s.kind, lang),
            "possibly_nested": s.possibly_nested,
        }
        for s in synergies(scope, top=suggestions_per_kind)
    ]
    objectives = [
        {"ref": k.ref, "label": name(k), "strategy": name(scheme(records, k)), "depth": len(lineage(records, k)) - 1}
        for k in records
        if k.type == "Objective"
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "suggestions": suggestions,
        "objectives": objectives,
        "types": [{"type": t, "label": type_label(t, lang), "colour": COLOURS[t]} for t in NODE_TYPES],
        "colours": {"community": COMMUNITY_COLOURS, "other_community": OTHER_COMMUNITY},
    }
