"""Node positions computed on the server, so that a large view opens still instead of settling for seconds."""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

import igraph
import networkx as nx
import numpy as np
import numpy.typing as npt

N = TypeVar("N", bound=Hashable)
"""A node of the graph laid out."""

LAYOUT_SEED = 7
"""Seed of the force-directed layout: the same graph always gets the same picture."""
SPACING = 100
"""Pixels per square root of a component's node count: its drawn diameter."""
LARGE = 1_000
"""Components of more nodes than this are laid out by igraph (see _spring)."""
LARGE_ITERATIONS = 100
"""Iterations of igraph's Fruchterman-Reingold on a large component."""
_IGRAPH_RANDOM = threading.Lock()
"""Held while igraph's module-wide random generator is the seeded one."""


def _spring(component: nx.Graph[N], scale: float) -> dict[N, npt.NDArray[np.float64]]:
    """Fruchterman-Reingold positions of a connected ``component`` within [-scale, scale]^2, fixed seed.

    Up to LARGE nodes networkx ``spring_layout`` (the scipy solver from 500 nodes on); above, igraph's grid
    variant (C; repulsion only from nodes in neighbouring grid cells), since networkx's solvers cost time
    quadratic in the nodes per iteration (``spring_layout``: 20 s at 2,000 nodes, igraph 0.1 s; bench/README.md).
    igraph draws its random numbers from the generator set for the whole module: it gets a seeded one for
    the call, then Python's ``random`` again, under a lock, so that two layouts at once (two requests) each get
    the seeded sequence.
    """
    if len(component) <= LARGE:
        return nx.spring_layout(component, seed=LAYOUT_SEED, scale=scale)
    nodes = list(component)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in component.edges()])
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(LAYOUT_SEED))
        try:
            laid = graph.layout_fruchterman_reingold(niter=LARGE_ITERATIONS, grid=True)
        finally:
            igraph.set_random_number_generator(random)
    return dict(zip(nodes, nx.rescale_layout(np.array(laid.coords), scale=scale), strict=True))


def positions(graph: nx.Graph[N]) -> dict[N, tuple[float, float]]:
    """Positions in pixels: each connected component laid out on its own (force-directed, fixed seed, see
    _spring), then packed in rows under the largest one, so that isolated nodes do not push the rest of the
    network into a corner.
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    found: dict[N, tuple[float, float]] = {}
    row_width = SPACING * math.sqrt(len(components[0])) if components else 0
    x = y = row_height = 0.0
    for component in components:
        size = SPACING * math.sqrt(len(component))
        if x and x + size > row_width:
            x, y, row_height = 0.0, y + row_height + SPACING, 0.0
        laid: Mapping[N, Iterable[float]]
        if len(component) == 1:
            laid = {next(iter(component)): (0.0, 0.0)}
        else:
            laid = _spring(graph.subgraph(component), size / 2)
        for node, (px, py) in laid.items():
            found[node] = (round(float(px) + x + size / 2, 1), round(float(py) + y + size / 2, 1))
        x += size + SPACING / 2
        row_height = max(row_height, size)
    return found
