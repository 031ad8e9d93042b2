"""viz.layout: the positions of a network view's dots are the same every time, never overlap, put linked dots
together and stand dots without lines beside the rest."""

from __future__ import annotations

import itertools
import math
import random
import statistics

import networkx as nx

from viz.layout import GAP, open_up, place


def view(n: int, seed: int = 1) -> tuple[dict[int, float], list[tuple[int, int, float]]]:
    """A view of ``n`` dots of random radius (6-40 px) on a scale-free graph, with a few dots left without lines."""
    rng = random.Random(seed)
    graph = nx.barabasi_albert_graph(n - 5, 2, seed=seed)
    radius = {i: rng.uniform(6, 40) for i in range(n)}
    return radius, [(a, b, rng.randint(1, 30)) for a, b in graph.edges()]


def test_the_same_view_gets_the_same_picture() -> None:
    radius, edges = view(120)
    assert place(radius, edges) == place(radius, edges)


def test_no_two_dots_overlap() -> None:
    radius, edges = view(300)
    placed = place(radius, edges)
    tight = min(math.dist(placed[a], placed[b]) - radius[a] - radius[b] for a, b in itertools.combinations(radius, 2))
    assert tight >= GAP - 0.5, "every pair at least GAP pixels apart (0.1 px rounding)"


def test_linked_dots_lie_together_and_lonely_dots_stand_to_the_right() -> None:
    radius, edges = view(200)
    placed = place(radius, edges)
    linked = statistics.mean(math.dist(placed[a], placed[b]) for a, b, _ in edges)
    pairs = list(itertools.combinations(range(195), 2))
    apart = statistics.mean(math.dist(placed[a], placed[b]) for a, b in random.Random(2).sample(pairs, 2000))
    assert linked < apart * 0.75
    rightmost = max(placed[i][0] + radius[i] for i in range(195))
    assert all(placed[i][0] - radius[i] > rightmost for i in range(195, 200))


def test_an_opened_group_fills_its_place_and_the_rest_keeps_its_shape() -> None:
    radius, edges = view(40)
    first = place(radius, edges)
    members = [100 + i for i in range(12)]
    opened = {k: v for k, v in radius.items() if k != 0} | {m: 8.0 for m in members}
    again = open_up(opened, first, {0: members})
    assert max(math.dist(again[m], first[0]) for m in members) < min(
        math.dist(again[k], first[0]) for k in radius if k != 0
    ), "the members stand where the group stood, the rest around them"
    before = [math.atan2(first[k][1] - first[0][1], first[k][0] - first[0][0]) for k in radius if k != 0]
    after = [math.atan2(again[k][1] - first[0][1], again[k][0] - first[0][0]) for k in radius if k != 0]
    turned = statistics.median(abs(math.remainder(a - b, math.tau)) for a, b in zip(before, after, strict=True))
    assert turned < 0.1, "the rest moved straight away from the group: the picture keeps its shape"
    tight = min(math.dist(again[a], again[b]) - opened[a] - opened[b] for a, b in itertools.combinations(opened, 2))
    assert tight >= GAP - 0.5
