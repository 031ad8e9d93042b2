"""Entity summaries and details as plain data, shared by the JSON API and the HTML pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from api.current import LoadedGraph
from api.errors import BadRequest
from graph.iri import mint
from graph.summary import summarize
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, display_label
from records.model import Key, Record, Text


def type_name(given: str) -> str:
    """The class name for an entity type given as its path or class name, case-insensitive: 'municipality',
    'Municipality' -> 'Municipality'. Raises BadRequest naming the known types."""
    wanted = given.strip().lower()
    for cls in vocabulary().concrete():
        if wanted in (cls.path, cls.name.lower()):
            return cls.name
    raise BadRequest(f"unknown type {given!r}; one of: " + ", ".join(sorted(vocabulary().by_path)))


def plain(value) -> object:
    """A JSON-ready form of a literal slot value."""
    if isinstance(value, Text):
        return {"value": value.value, "lang": value.lang}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def label_of(graph: LoadedGraph, rec: Record, lang: str = "nl") -> str:
    """The record's display name in ``lang`` (else the other language). A membership or participation has no
    name of its own: it is named by its two ends, e.g. 'Pelt — Burgemeestersparlement Limburg'."""
    relation = vocabulary().qualified_relations.get(rec.key.type)
    if relation:
        ends = [graph.records[k] for slot in relation[:2] for k in rec.many(slot, Key) if k in graph.records]
        if len(ends) == 2:
            return " — ".join(display_label(end, lang) for end in ends)
    return display_label(rec, lang)


def summary(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict:
    """``{"iri", "type", "ref", "label"}`` of one record (graph.summary, label as label_of in ``lang``)."""
    return summarize(graph.records, graph.base_iri, rec.key, label_of(graph, rec, lang)).model_dump()


def detail(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict:
    """Everything about one entity: literal properties, outgoing and incoming links, sources.

    Shape: summary fields plus ``properties`` ({slot: [values]}), ``links`` ([{slot,
    direction: "out"|"in", target summary}]), ``sources`` ([{iri, url, title}]) and, for
    municipalities, ``subregion`` (label or "not assigned").
    """
    out = summary(graph, rec, lang)
    out["properties"] = {s: [plain(v) for v in vs] for s, vs in rec.values.items() if vs and not isinstance(vs[0], Key)}
    links = []
    for slot, values in rec.values.items():
        for value in values:
            if isinstance(value, Key) and value.type != "Source" and value in graph.records:
                links.append({"slot": slot, "direction": "out", **summary(graph, graph.records[value], lang)})
    iri = out["iri"]
    if iri in graph.network:
        for source, _, slot in graph.network.in_edges(iri, keys=True):
            node = graph.network.nodes[source]
            links.append(
                {"slot": slot, "direction": "in", **summary(graph, graph.records[Key(node["type"], node["ref"])], lang)}
            )
    out["links"] = links
    out["sources"] = [
        {"iri": mint(graph.base_iri, k), "url": graph.records[k].first("url"), "title": display_label(graph.records[k])}
        for k in rec.many("was_derived_from", Key)
        if k in graph.records
    ]
    if rec.key.type == "Municipality":
        assigned = [display_label(graph.records[k]) for k in rec.many("subregion", Key)]
        out["subregion"] = assigned[0] if assigned else NOT_ASSIGNED["en"]
    return out
