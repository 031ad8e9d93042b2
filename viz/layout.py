"""Node positions computed on the server, so that a large view opens still instead of settling for seconds."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx

LAYOUT_SEED = 7
"""Seed of the force-directed layout: the same graph always gets the same picture."""
SPACING = 100
"""Pixels per square root of a component's node count: its drawn diameter."""


def positions(graph: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels: each connected component laid out on its own (networkx ``spring_layout``,
    Fruchterman-Reingold, fixed seed; the scipy solver from 500 nodes on), then packed in rows under the
    largest one, so that isolated nodes do not push the rest of the network into a corner.
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    found: dict[Hashable, tuple[float, float]] = {}
    row_width = SPACING * math.sqrt(len(components[0])) if components else 0
    x = y = row_height = 0.0
    for component in components:
        size = SPACING * math.sqrt(len(component))
        if x and x + size > row_width:
            x, y, row_height = 0.0, y + row_height + SPACING, 0.0
        if len(component) == 1:
            laid = {next(iter(component)): (0.0, 0.0)}
        else:
            laid = nx.spring_layout(graph.subgraph(component), seed=LAYOUT_SEED, scale=size / 2)
        for node, (px, py) in laid.items():
            found[node] = (round(float(px) + x + size / 2, 1), round(float(py) + y + size / 2, 1))
        x += size + SPACING / 2
        row_height = max(row_height, size)
    return found
