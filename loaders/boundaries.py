"""Municipal boundaries for the maps, when a user places them in the data directory (optional).

``municipality_boundaries.geojson``: a GeoJSON FeatureCollection in WGS 84 longitude/latitude (RFC 7946), one
feature per municipality with its NIS code in a property (NIS_PROPERTIES, e.g. ``NISCODE`` as in Informatie
Vlaanderen's reference file of municipal boundaries, "Voorlopig referentiebestand gemeentegrenzen"), geometry a
Polygon or MultiPolygon. The file is not shipped (its licence and size are the user's choice); without it the
maps draw a symbol at each municipality's centre.

Boundaries are no facts of the graph: they are kept beside the build for the maps (``graph.build``), not turned
into records or RDF. To keep the pages light, coordinates are rounded to 5 decimals (about 1 m) and a ring keeps
a point only when it lies at least SIMPLIFY degrees (about 30 m) from the last point kept.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from records.findings import Finding, Severity

BOUNDARIES = "municipality_boundaries.geojson"
"""The file's name in the data directory."""
NIS_PROPERTIES = ("NISCODE", "niscode", "nis_code", "NIS", "CODE_INS", "nis")
"""Properties a feature's NIS code is looked for in, in this order."""
SIMPLIFY = 0.0003
"""Degrees a kept point lies at least from the previous one."""

Ring = list[tuple[float, float]]
"""A closed line of (longitude, latitude) points."""
Polygon = list[Ring]
"""An outer ring, then its holes."""


def read_boundaries(directory: Path) -> tuple[dict[str, list[Polygon]] | None, list[Finding]]:
    """The polygons of each NIS code in ``directory``'s BOUNDARIES file (None when there is none), and every
    problem found in it (file, feature number as line, the property or coordinate at fault)."""
    path = directory / BOUNDARIES
    if not path.exists():
        return None, []
    name, findings = path.name, []
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Finding(Severity.ERROR, name, 0, "", f"expected GeoJSON (UTF-8 JSON): {exc}")]
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return None, [Finding(Severity.ERROR, name, 0, "type", "expected a GeoJSON FeatureCollection")]
    found: dict[str, list[Polygon]] = {}
    for number, feature in enumerate(document.get("features") or [], 1):
        properties = (feature or {}).get("properties") or {}
        nis = next((str(properties[p]) for p in NIS_PROPERTIES if properties.get(p) not in (None, "")), None)
        if nis is None:
            message = "a NIS code in one of the properties " + ", ".join(NIS_PROPERTIES)
            findings.append(Finding(Severity.ERROR, name, number, "properties", f"expected {message}"))
            continue
        try:
            found.setdefault(nis.zfill(5), []).extend(_polygons((feature or {}).get("geometry") or {}))
        except ValueError as exc:
            findings.append(Finding(Severity.ERROR, name, number, "geometry", str(exc)))
    return found, findings


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return [_polygon(coordinates)]
    if kind == "MultiPolygon" and isinstance(coordinates, list):
        return [_polygon(p) for p in coordinates]
    raise ValueError(f"expected a Polygon or MultiPolygon geometry, got {kind!r}")


def _polygon(rings: Any) -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise ValueError("expected a polygon as a list of rings")
    return [_ring(ring) for ring in rings]


def _ring(points: Any) -> Ring:
    if not isinstance(points, list) or len(points) < 4:
        raise ValueError("expected a ring of at least 4 positions")
    kept: Ring = []
    for point in points:
        if not (isinstance(point, list) and len(point) >= 2 and all(isinstance(c, int | float) for c in point[:2])):
            raise ValueError(f"expected a position [longitude, latitude], got {point!r}")
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(
                f"expected WGS 84 longitude and latitude in degrees (RFC 7946), got {point[:2]!r}: convert the file, "
                "e.g. ogr2ogr -t_srs EPSG:4326 (Lambert 72 coordinates are metres)"
            )
        if not kept or math.dist(kept[-1], (lon, lat)) >= SIMPLIFY:
            kept.append((round(lon, 5), round(lat, 5)))
    if kept[-1] != kept[0]:
        kept.append(kept[0])
    return kept
