"""Positions of the dots of a network view, computed on the server so that the page draws them at once.

A view holds at most a few hundred dots (groups, entities, "more"), so a force-directed layout (networkx
``spring_layout``, Fruchterman-Reingold, fixed seed) takes milliseconds (``place``); overlapping dots are then
pushed apart until every pair is at least GAP pixels apart, and dots without any line are stood in a column to the
right of the rest (the force layout would fling them far away and shrink the picture to fit them). When groups
open in a picture that stood, the rest keeps its shape and the groups' members fill the room made where each group
was (``open_up``), so that a click changes the picture around it rather than everywhere.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

N = TypeVar("N", bound=Hashable)
"""A dot of the view."""

SEED = 7
"""Seed of the layout: the same view always gets the same picture."""
ROOM = 60
"""Pixels each dot needs around it besides its own width (for its name and the lines)."""
SPREAD = 2.2
"""How much wider than its dots packed side by side the picture is."""
GAP = 6
"""Pixels kept free between two dots."""
SPRING = 2.5
"""The spring's rest length, in units of 1 / sqrt(dots) (networkx's default is 1): longer springs spread the dots
more evenly, so that few overlap before they are pushed apart."""
ITERATIONS = 80
"""Iterations of the force-directed layout."""
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
"""The angle between consecutive dots of a sunflower (Vogel's model): they fill a disc evenly."""


def place(radius: Mapping[N, float], edges: Sequence[tuple[N, N, float]]) -> dict[N, tuple[float, float]]:
    """Positions (pixels, rounded to 0.1) of the dots of ``radius`` (dot -> radius in pixels) linked by ``edges``
    ``(a, b, weight)``."""
    nodes = list(radius)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    scale = SPREAD * math.sqrt(sum((2 * r + ROOM) ** 2 for r in radius.values()))
    graph: nx.Graph[N] = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, 1 + math.log(w)) for a, b, w in edges if a != b)
    spring = SPRING / math.sqrt(len(nodes))
    laid = nx.spring_layout(graph, k=spring, seed=SEED, iterations=ITERATIONS, weight="weight", scale=scale / 2)
    points = np.array([laid[n] for n in nodes], dtype=float)
    sizes = np.array([radius[n] for n in nodes], dtype=float)
    points = _apart(points, sizes)
    alone = [i for i, n in enumerate(nodes) if graph.degree(n) == 0]
    if alone and len(alone) < len(nodes):
        linked = [i for i in range(len(nodes)) if i not in set(alone)]
        right = max(points[i][0] + sizes[i] for i in linked) + 3 * GAP + max(sizes[alone])
        y = min(points[i][1] - sizes[i] for i in linked)
        for i in alone:
            points[i] = (right, y + sizes[i])
            y += 2 * sizes[i] + 4 * GAP
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, points, strict=True)}


def _apart(points: np.ndarray, sizes: np.ndarray, rounds: int = 300) -> np.ndarray:
    """Push overlapping dots apart (each of a pair by 0.6 of what they lack) until none overlaps or ``rounds``
    pass; only pairs near enough to overlap are looked at (scipy's k-d tree)."""
    reach = 2 * float(sizes.max()) + GAP
    rng = np.random.default_rng(SEED)
    for _ in range(rounds):
        pairs = cKDTree(points).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = points[i] - points[j]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        lacking = sizes[i] + sizes[j] + GAP - distance
        close = lacking > 0.05
        if not close.any():
            break
        i, j, delta, distance, lacking = i[close], j[close], delta[close], distance[close], lacking[close]
        same = distance < 1e-6
        delta[same] = rng.normal(size=(int(same.sum()), 2))
        distance[same] = np.hypot(delta[same][:, 0], delta[same][:, 1])
        push = delta / distance[:, None] * (0.6 * lacking)[:, None]
        moved = np.zeros_like(points)
        np.add.at(moved, i, push)
        np.add.at(moved, j, -push)
        points = points + moved
    return points


def open_up(
    radius: Mapping[N, float], kept: Mapping[N, tuple[float, float]], opened: Mapping[N, Sequence[N]]
) -> dict[N, tuple[float, float]]:
    """Positions when groups open in a picture that stood (``kept``: dot -> position, pixels): each opened group's
    new dots (``opened``: the group's old dot -> its new dots, biggest first) fill a disc around where the group
    stood, as a sunflower, and everything else moves straight away from that place by the disc's radius, so that
    the rest of the picture keeps its shape. Overlaps left are pushed apart as in ``place``."""
    spots = {n: np.array(p, dtype=float) for n, p in kept.items()}
    for centre, members in opened.items():
        middle = spots[centre]
        step = (2 * statistics.fmean(radius[m] for m in members) + ROOM) / 1.6
        disc = {
            m: middle + step * math.sqrt(i + 0.5) * np.array([math.cos(i * GOLDEN_ANGLE), math.sin(i * GOLDEN_ANGLE)])
            for i, m in enumerate(members)
        }
        reach = max(float(np.hypot(*(p - middle))) + radius[m] for m, p in disc.items()) + GAP
        for n, p in spots.items():
            away = p - middle
            distance = float(np.hypot(*away))
            spots[n] = middle + away * (distance + reach) / distance if distance > 1e-9 else p
        spots.update(disc)
    nodes = list(radius)  # the opened groups' own dots are gone
    points = _apart(np.array([spots[n] for n in nodes]), np.array([radius[n] for n in nodes], dtype=float))
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, points, strict=True)}
