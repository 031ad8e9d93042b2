"""Neo4j driver values -> JSON-ready data (graph elements as objects, temporal values as ISO 8601 strings)."""

from __future__ import annotations

import math

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time


def to_json(value: object) -> object:
    """A value json.dumps accepts, losing nothing a client needs.

    Node -> ``{"kind": "node", "element_id", "labels", "properties"}``;
    Relationship -> ``{"kind": "relationship", "element_id", "type", "start", "end", "properties"}``
    (start and end are element ids); Path -> ``{"kind": "path", "nodes", "relationships"}``;
    Date, Time, DateTime, Duration -> ISO 8601 strings (``2020-01-01``, ``P1D``); Point ->
    ``{"kind": "point", "srid", "coordinates"}``; NaN and infinities -> ``"NaN"``, ``"Infinity"``, ``"-Infinity"``.
    """
    if isinstance(value, Node):
        return {
            "kind": "node",
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {
            "kind": "relationship",
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node is not None else None,  # a result has both
            "end": value.end_node.element_id if value.end_node is not None else None,
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "kind": "path",
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, Date | Time | DateTime | Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return {"kind": "point", "srid": value.srid, "coordinates": list(value)}
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value
