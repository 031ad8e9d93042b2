"""Records -> a networkx MultiDiGraph for in-process analysis and the network pages."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.iri import mint
from records.labels import display_label
from records.model import Key, Record, Text


def to_networkx(records: Iterable[Record], base_iri: str) -> nx.MultiDiGraph[str]:
    """One node per entity (id = IRI) and one edge per link; Sources and provenance links are left out.

    Node attributes: ``type`` (class name), ``ref``, ``label`` (Dutch, else English) and the
    record's literal slots. Edge attributes: ``slot`` (schema slot name), also used as edge key.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    records = [r for r in records if r.key.type != "Source"]
    for rec in records:
        literals = {
            s: [v.value if isinstance(v, Text) else v for v in vs]
            for s, vs in rec.values.items()
            if vs and not isinstance(vs[0], Key) and s != "label"
        }
        graph.add_node(
            mint(base_iri, rec.key),
            type=rec.key.type,
            ref=rec.key.ref,
            label=display_label(rec),
            **{s: vs if len(vs) > 1 else vs[0] for s, vs in literals.items()},
        )
    for rec in records:
        for slot, values in rec.values.items():
            for value in values:
                if isinstance(value, Key) and value.type != "Source":
                    graph.add_edge(mint(base_iri, rec.key), mint(base_iri, value), key=slot, slot=slot)
    return graph
