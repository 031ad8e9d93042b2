"""The network (graph.network) as GraphML, GEXF and Cytoscape.js JSON, for Gephi, yEd and Cytoscape.

GraphML and GEXF allow only scalar attribute values, so every attribute is made plain first:
None is left out, dates become ISO 8601 text, decimals become floats, lists become text
joined with ``"; "`` (the separator data/ uses), dicts become JSON text.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import networkx as nx

LIST_SEPARATOR = "; "


def plain(value: object) -> str | int | float | bool | None:
    """A value GraphML and GEXF can hold (see the module docstring); None stays None."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(str(plain(v)) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def flattened(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy of ``graph`` whose node, edge and graph attributes are all plain (None dropped)."""

    def clean(attributes: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in ((k, plain(v)) for k, v in attributes.items()) if v is not None}

    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update(clean(graph.graph))
    flat.add_nodes_from((n, clean(d)) for n, d in graph.nodes(data=True))
    for u, v, k, d in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **clean(d))
    return flat


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML (UTF-8) with typed attribute keys; node ids are the entity IRIs."""
    out = io.BytesIO()
    nx.write_graphml(flattened(graph), out, encoding="utf-8", named_key_ids=True)
    return out.getvalue()


def gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (UTF-8); the ``label`` attribute is the node label Gephi shows."""
    out = io.BytesIO()
    nx.write_gexf(flattened(graph), out, encoding="utf-8")
    return out.getvalue()


def cytoscape(graph: nx.MultiDiGraph) -> bytes:
    """Cytoscape.js JSON (``{"data", "directed", "multigraph", "elements": {"nodes", "edges"}}``), UTF-8."""
    return json.dumps(nx.cytoscape_data(flattened(graph)), ensure_ascii=False).encode()
