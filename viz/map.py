"""The map of the municipalities (/viz/map and the front page): one symbol per municipality at its centre, coloured
by deelregio or arrondissement, sized by its projects or their budget; with an objective, the gap on the map:
filled where a project serving the objective is located, a ring where none is. Drawn as plain SVG on the server
(no tiles, no script library, no request anywhere).

Where a symbol stands comes from the data: ``latitude``/``longitude`` of each municipality (data/
municipality_centres.csv, with its source). A municipality formed by a merger after the source was made has no
centre of its own; it is drawn at the mean of its predecessors' centres and marked as such. One without either is
listed under the map instead of being guessed.

The projection is equirectangular around the mean latitude (x = longitude x cos(latitude), y = -latitude), which
for a province is indistinguishable from a conformal projection at this size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from graph.analysis.objectives import closure
from records.labels import NOT_ASSIGNED
from records.model import Key, Record
from viz.i18n import gettext, number
from viz.names import name
from viz.overview import ScopeNetwork, node_id
from viz.palette import MIXED, TERRITORY_COLOURS

COVERED = "#0072B2"
"""Fill of a municipality where a project serves the chosen objective (blue)."""
GAP = "#D55E00"
"""Ring of a municipality where no project serves it (vermilion): the two stay apart for colour-blind readers."""
MARGIN = 40
"""Pixels around the drawn municipalities."""
FONT = 11
"""Label font size, pixels."""
CHAR = 0.58
"""Width of a label character, as a share of the font size (system sans-serif, average)."""


@dataclass
class Place:
    """A municipality on the map: where (pixels), how big, its colour, and what its tooltip says."""

    id: str
    label: str
    x: float
    y: float
    radius: float
    colour: str
    filled: bool
    derived: bool
    territory: str
    projects: int
    budget: Decimal | None
    title: str
    label_at: tuple[float, float, str] | None = None
    """Where its name stands: (x, y, text-anchor), or None when it would overlap (the tooltip still names it)."""
    outline: str | None = None
    """Its boundary as an SVG path (pixels), when the data directory had boundaries (loaders.boundaries)."""


@dataclass
class MapView:
    """What the map template draws: the places, the legend, the size of the picture, and what is left out."""

    width: float
    height: float
    places: list[Place]
    legend: list[dict[str, str]]
    sizes: str
    missing: list[str] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)


def map_view(
    network: ScopeNetwork,
    lang: str,
    size: Literal["projects", "budget"] = "projects",
    objective: str | None = None,
    width: float = 760,
    labels: bool = True,
    boundaries: Mapping[str, list[list[list[tuple[float, float]]]]] | None = None,
) -> MapView:
    """The map of ``network``'s scope (its municipalities, its partition for the colours, its projects), ``width``
    pixels wide, in ``lang``; ``objective`` (a ref) shows where projects serve it; ``boundaries`` (NIS code ->
    polygons of (longitude, latitude) rings, graph.store.Build.boundaries) are drawn as areas under the symbols.
    Raises ValueError for an unknown objective."""
    _, scope = gettext(lang), network.scope
    records = scope.records
    wanted = None
    if objective is not None:
        wanted = Key("Objective", objective)
        if wanted not in records:
            raise ValueError(f"unknown objective {objective!r}")
    located: dict[Key, list[Key]] = {m: [] for m in scope.municipalities}
    for project in scope.projects:
        for place in scope.locations(project):
            if place in located:
                located[place].append(project)
    territories = [t for t in scope.partition.territories if t.key is not None]
    colour_of = {t.ref: TERRITORY_COLOURS[i % len(TERRITORY_COLOURS)] for i, t in enumerate(territories)}
    centres, missing, derived = {}, [], []
    for municipality in scope.municipalities:
        centre = _centre(records, municipality)
        if centre is None:
            missing.append(name(records, municipality, lang))
            continue
        centres[municipality] = centre
        if centre[2]:
            derived.append(name(records, municipality, lang))
    if not centres:
        return MapView(width, 0, [], [], "", missing, derived)
    mean = math.radians(sum(c[0] for c in centres.values()) / len(centres))
    xs = {m: c[1] * math.cos(mean) for m, c in centres.items()}
    ys = {m: -c[0] for m, c in centres.items()}
    areas = {m: (boundaries or {}).get(m.ref, []) for m in centres}
    corners = [
        (lon * math.cos(mean), -lat) for polygons in areas.values() for p in polygons for r in p for lon, lat in r
    ]
    all_x, all_y = [*xs.values(), *(x for x, _ in corners)], [*ys.values(), *(y for _, y in corners)]
    span = max(max(all_x) - min(all_x), max(all_y) - min(all_y), 1e-9)
    scale = (width - 2 * MARGIN) / span
    height = (max(all_y) - min(all_y)) * scale + 2 * MARGIN
    left, top = min(all_x), min(all_y)

    def outline(polygons: list[list[list[tuple[float, float]]]]) -> str | None:
        rings = [
            "M"
            + " L".join(
                f"{(lon * math.cos(mean) - left) * scale + MARGIN:.1f} {(-lat - top) * scale + MARGIN:.1f}"
                for lon, lat in ring
            )
            + " Z"
            for polygon in polygons
            for ring in polygon
        ]
        return " ".join(rings) or None

    def budget(projects: list[Key]) -> Decimal | None:
        known = [b for p in projects if isinstance(b := records[p].first("budget_eur"), Decimal)]
        return sum(known, Decimal(0)) if known else None

    values = {m: (len(ps) if size == "projects" else float(budget(ps) or 0)) for m, ps in located.items()}
    top_value = max(values.values(), default=0) or 1
    places = []
    for municipality, (_lat, _lon, is_derived) in centres.items():
        projects = located[municipality]
        ref = scope.partition.of_municipality.get(municipality)
        territory = scope.partition.territory(ref) if ref else None
        territory_name = (
            NOT_ASSIGNED[lang] if territory is None or territory.key is None else name(records, territory.key, lang)
        )
        serving = [
            p for p in projects if wanted is not None and wanted in closure(records, records[p].many("serves", Key))
        ]
        radius = 4 + 14 * math.sqrt(values[municipality] / top_value)
        if wanted is None:
            colour, filled = colour_of.get(ref or "", MIXED), True
        else:
            colour, filled = (COVERED, True) if serving else (GAP, False)
            radius = 4 + 14 * math.sqrt(len(serving) / max(1, max(len(v) for v in located.values())))
        amount = budget(projects)
        lines = [
            name(records, municipality, lang),
            f"{_('territory')}: {territory_name}",
            _("%(n)s projects located here") % {"n": len(projects)},
        ]
        if amount is not None:
            lines.append(_("reported budget of those projects: € %(amount)s") % {"amount": number(amount, lang)})
        if wanted is not None:
            lines.append(_("%(n)s serve the chosen objective") % {"n": len(serving)})
        if is_derived:
            lines.append(_("drawn between the centres of the municipalities it merged from"))
        places.append(
            Place(
                id=node_id(municipality),
                label=name(records, municipality, lang),
                x=round((xs[municipality] - left) * scale + MARGIN, 1),
                y=round((ys[municipality] - top) * scale + MARGIN, 1),
                radius=round(radius, 1),
                colour=colour,
                filled=filled,
                derived=is_derived,
                territory=territory_name,
                projects=len(projects),
                budget=amount,
                title="\n".join(lines),
                outline=outline(areas[municipality]),
            )
        )
    places.sort(key=lambda p: -p.radius)
    if labels:
        _place_labels(places, width, height)
    if wanted is None:
        legend = [
            {"colour": colour_of[t.ref], "label": name(records, t.key, lang), "shape": "dot"}
            for t in territories
            if t.key is not None and any(p.territory == name(records, t.key, lang) for p in places)
        ]
        if any(p.colour == MIXED for p in places):
            legend.append({"colour": MIXED, "label": NOT_ASSIGNED[lang], "shape": "dot"})
    else:
        legend = [
            {"colour": COVERED, "label": _("a project serves the objective here"), "shape": "dot"},
            {"colour": GAP, "label": _("no project serves it here (gap)"), "shape": "ring"},
        ]
    if derived:
        legend.append(
            {"colour": "#5b6475", "label": _("position between its predecessors' centres"), "shape": "dashed"}
        )
    if any(p.outline for p in places):
        legend.append(
            {"colour": "#8a94a6", "label": _("municipal boundary (from the data directory)"), "shape": "area"}
        )
    sizes = (
        _("Size: projects located in the municipality")
        if size == "projects" or wanted is not None
        else _("Size: reported budget of the projects located in the municipality (each project in full)")
    )
    if wanted is not None:
        sizes = _("Size: projects serving the objective located in the municipality")
    return MapView(round(width, 1), round(height, 1), places, legend, sizes, missing, derived)


def _centre(records: Mapping[Key, Record], municipality: Key) -> tuple[float, float, bool] | None:
    """(latitude, longitude, derived): the municipality's own centre, else the mean of its predecessors' centres
    (derived), else None."""
    record = records[municipality]
    lat, lon = record.first("latitude"), record.first("longitude")
    if isinstance(lat, Decimal) and isinstance(lon, Decimal):
        return float(lat), float(lon), False
    before = [
        (float(lat), float(lon))
        for k, r in records.items()
        if k.type == "Municipality"
        and r.first("is_replaced_by") == municipality
        and isinstance(lat := r.first("latitude"), Decimal)
        and isinstance(lon := r.first("longitude"), Decimal)
    ]
    if not before:
        return None
    return sum(b[0] for b in before) / len(before), sum(b[1] for b in before) / len(before), True


def _place_labels(places: list[Place], width: float, height: float) -> None:
    """Names beside the symbols, biggest first, right, left, above or below, where they overlap no name and no
    symbol and stay inside the picture; the rest keep only their tooltip."""
    boxes: list[tuple[float, float, float, float]] = []
    dots = [(p.x - p.radius, p.y - p.radius, p.x + p.radius, p.y + p.radius) for p in places]

    def free(box: tuple[float, float, float, float], own: int) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
            return False
        overlaps = [b for b in boxes if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1]
        hits = [i for i, d in enumerate(dots) if i != own and x0 < d[2] and d[0] < x1 and y0 < d[3] and d[1] < y1]
        return not overlaps and not hits

    for i, place in enumerate(places):
        w, h, r = len(place.label) * FONT * CHAR, FONT + 2, place.radius
        spots = [
            ((place.x + r + 3, place.y - h / 2, place.x + r + 3 + w, place.y + h / 2), (place.x + r + 3, "start")),
            ((place.x - r - 3 - w, place.y - h / 2, place.x - r - 3, place.y + h / 2), (place.x - r - 3, "end")),
            ((place.x - w / 2, place.y - r - 2 - h, place.x + w / 2, place.y - r - 2), (place.x, "middle")),
            ((place.x - w / 2, place.y + r + 2, place.x + w / 2, place.y + r + 2 + h), (place.x, "middle")),
        ]
        for box, (tx, anchor) in spots:
            if free(box, i):
                boxes.append(box)
                place.label_at = (round(tx, 1), round(box[3] - 3, 1), anchor)
                break
