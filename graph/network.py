"""Records -> a networkx MultiDiGraph for in-process analysis and the network pages."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.iri import mint
from loaders.records import Key, Record, Text


def display_label(record: Record, lang: str = "nl") -> str:
    """The record's name in ``lang``, else in the other language, else its ref."""
    texts = [v for v in record.values.get("label", ()) if isinstance(v, Text)]
    for text in sorted(texts, key=lambda t: t.lang != lang):
        return text.value
    return record.key.ref


def to_networkx(records: Iterable[Record], base_iri: str) -> nx.MultiDiGraph:
    """One node per entity (id = IRI) and one edge per link; Sources and provenance links are left out.

    Node attributes: ``type`` (class name), ``ref``, ``label`` (Dutch, else English) and the
    record's literal slots. Edge attributes: ``slot`` (schema slot name), also used as edge key.
    """
    graph = nx.MultiDiGraph()
    records = [r for r in records if r.key.type != "Source"]
    for rec in records:
        literals = {s: [v.value if isinstance(v, Text) else v for v in vs] for s, vs in rec.values.items()
                    if vs and not isinstance(vs[0], Key) and s != "label"}
        graph.add_node(mint(base_iri, rec.key), type=rec.key.type, ref=rec.key.ref, label=display_label(rec),
                       **{s: vs if len(vs) > 1 else vs[0] for s, vs in literals.items()})
    for rec in records:
        for slot, values in rec.values.items():
            for value in values:
                if isinstance(value, Key) and value.type != "Source":
                    graph.add_edge(mint(base_iri, rec.key), mint(base_iri, value), key=slot, slot=slot)
    return graph
