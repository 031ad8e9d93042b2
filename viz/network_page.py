"""The whole graph as one self-contained network page: nodes at server-computed positions, vis-network inlined, no CDN.

Memberships and participations (the schema's qualified relations, ``vocabulary().qualified_relations``) are
drawn as one edge between the member and the structure (the organisation and the project), with the role in
the tooltip: as nodes they would double the picture
(99 + 47 extra nodes next to 177 entities) and hide who works with whom behind an intermediate dot.
Sources and provenance links are already left out of the networkx projection.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from ontology.vocab import vocabulary
from viz.facts import Fact, entity_facts, period, type_label
from viz.i18n import Language
from viz.layout import positions
from viz.templates import environment

COLOURS = {
    "Province": "#1d3557",
    "Arrondissement": "#457b9d",
    "Subregion": "#2a9d8f",
    "Municipality": "#8ecae6",
    "Organisation": "#e76f51",
    "Structure": "#f4a261",
    "Strategy": "#6a4c93",
    "Objective": "#b39ddb",
    "Project": "#e9c46a",
}
"""Node colour per entity type, in legend order; a type not listed gets OTHER_COLOUR."""
OTHER_COLOUR = "#9e9e9e"

OPTIONS: dict[str, Any] = {
    "physics": False,
    "layout": {"improvedLayout": False},
    "nodes": {
        "shape": "dot",
        "borderWidth": 1,
        "widthConstraint": {"maximum": 160},
        "font": {"size": 14, "face": "system-ui,sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"min": 6, "max": 34, "label": {"enabled": True, "min": 16, "max": 22, "drawThreshold": 5}},
    },
    "edges": {"color": {"color": "#c5ccd8", "highlight": "#1d3557", "hover": "#1d3557"}, "width": 1, "smooth": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
}
"""vis-network options: no physics, every node stands where the server placed it (viz.layout), so the page is
still from its first drawing; labels wrap at 160 px and grow with the node."""


def relations(graph: nx.MultiDiGraph[str], lang: str = "nl") -> dict[tuple[str, str], list[Fact]]:
    """Node pair (sorted IRIs) -> one tooltip line per link between them, collapsed classes included, in ``lang``.

    A plain link reads (the slot's name, ""); a membership or participation reads (its class
    name, role and period), e.g. ("lidmaatschap", "voorzitter · vanaf 2020-01").
    """
    vocab = vocabulary()
    pairs: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    qualified = vocabulary().qualified_relations
    collapsed = {n for n, t in graph.nodes(data="type") if t in qualified}
    for source, target, slot in graph.edges(keys=True):
        if source not in collapsed and target not in collapsed:
            pairs[_pair(source, target)].append((vocab.slots[slot].label(lang), ""))
    for node in collapsed:
        attrs = graph.nodes[node]
        one_end, other_end, role = qualified[attrs["type"]]
        ends = {slot: target for _, target, slot in graph.out_edges(node, keys=True)}
        if one_end in ends and other_end in ends:
            details = [vocab.value_label(role, str(attrs[role]), lang)] if role in attrs else []
            details += [when] if (when := period(attrs, lang)) else []
            pairs[_pair(ends[one_end], ends[other_end])].append((type_label(attrs["type"], lang), " · ".join(details)))
    return pairs


def _pair(one: str, other: str) -> tuple[str, str]:
    """Two node IRIs in sorted order: the key of the links between them."""
    return (one, other) if one <= other else (other, one)


def _document_path(attrs: dict[str, Any]) -> str:
    return f"/doc/{vocabulary().classes[attrs['type']].path}/{attrs['ref']}"


def page_html(graph: nx.MultiDiGraph[str], lang: Language) -> str:
    """The network page (HTML, about 0.8 MB) of a networkx projection made by graph.network.to_networkx.

    One dot per entity (Memberships and Participations drawn as edges) at a position computed here
    (viz.layout.positions, pixels), coloured by type, sized by its number of neighbours, labelled
    with its Dutch name (else English); tooltips hold the key facts (viz.facts) in ``lang``. Holds vis-network's
    JS and CSS inline and refers to no other host; node data travels as JSON in a
    ``<script type="application/json">`` with ``<``, ``>``, ``&`` and ``'`` escaped. Costs the layout:
    render once per build (api.current keeps the page).
    """
    code = str(lang)
    pairs = relations(graph, code)
    qualified = vocabulary().qualified_relations
    shown = sorted((n, a) for n, a in graph.nodes(data=True) if a["type"] not in qualified)
    drawn: nx.Graph[str] = nx.Graph()
    drawn.add_nodes_from(n for n, _ in shown)
    drawn.add_edges_from(pairs)
    placed = positions(drawn)
    nodes = [
        {
            "id": node,
            "label": attrs["label"],
            "color": COLOURS.get(attrs["type"], OTHER_COLOUR),
            "value": drawn.degree(node),
            "type": attrs["type"],
            "facts": entity_facts(graph, node, code),
            "doc": _document_path(attrs),
            "x": placed[node][0],
            "y": placed[node][1],
        }
        for node, attrs in shown
    ]
    edges = [{"from": one, "to": other, "facts": facts} for (one, other), facts in sorted(pairs.items())]
    counts = Counter(attrs["type"] for _, attrs in shown)
    order = [*COLOURS, *sorted(set(counts) - set(COLOURS))]
    legend = [
        {"type": t, "label": type_label(t, code), "colour": COLOURS.get(t, OTHER_COLOUR), "count": counts[t]}
        for t in order
        if counts[t]
    ]
    return (
        environment()
        .get_template("network.html")
        .render(data={"nodes": nodes, "edges": edges, "options": OPTIONS}, legend=legend, lang=lang)
    )
