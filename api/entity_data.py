"""Entity summaries and details as plain data, shared by the JSON API and the HTML pages."""

from __future__ import annotations

import datetime as dt
import unicodedata
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


def fold(text: str) -> str:
    """Lowercase without diacritics, for search: 'Sint-Truidén' -> 'sint-truiden'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def plain(value) -> object:
    """A JSON-ready form of a literal slot value."""
    if isinstance(value, Text):
        return {"value": value.value, "lang": value.lang}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def label_of(graph: LoadedGraph, rec: Record) -> str:
    """The record's display name (Dutch, else English). A membership or participation has no name of its own:
    it is named by its two ends, e.g. 'Pelt — Burgemeestersparlement Limburg', 'Stad Genk — T2-campus (...)'."""
    relation = vocabulary().qualified_relations.get(rec.key.type)
    if relation:
        ends = [graph.records.get(rec.first(slot)) for slot in relation[:2]]
        if all(ends):
            return " — ".join(display_label(end) for end in ends)
    return display_label(rec)


def summary(graph: LoadedGraph, rec: Record) -> dict:
    """``{"iri", "type", "ref", "label"}`` of one record (graph.summary, label as label_of)."""
    return summarize(graph.records, graph.base_iri, rec.key, label_of(graph, rec)).model_dump()


def subregions_of(graph: LoadedGraph, rec: Record) -> set[Key]:
    """The LIRES subregions a municipality or a project's locations belong to."""
    if rec.key.type == "Municipality":
        return set(rec.values.get("subregion", ()))
    if rec.key.type == "Project":
        return {
            s
            for loc in rec.values.get("at_location", ())
            if loc in graph.records
            for s in graph.records[loc].values.get("subregion", ())
        }
    return set()


def detail(graph: LoadedGraph, rec: Record) -> dict:
    """Everything about one entity: literal properties, outgoing and incoming links, sources.

    Shape: summary fields plus ``properties`` ({slot: [values]}), ``links`` ([{slot,
    direction: "out"|"in", target summary}]), ``sources`` ([{iri, url, title}]) and, for
    municipalities, ``subregion`` (label or "not assigned").
    """
    out = summary(graph, rec)
    out["properties"] = {s: [plain(v) for v in vs] for s, vs in rec.values.items() if vs and not isinstance(vs[0], Key)}
    links = []
    for slot, values in rec.values.items():
        for value in values:
            if isinstance(value, Key) and value.type != "Source" and value in graph.records:
                links.append({"slot": slot, "direction": "out", **summary(graph, graph.records[value])})
    iri = out["iri"]
    if iri in graph.network:
        for source, _, slot in graph.network.in_edges(iri, keys=True):
            node = graph.network.nodes[source]
            links.append(
                {"slot": slot, "direction": "in", **summary(graph, graph.records[Key(node["type"], node["ref"])])}
            )
    out["links"] = links
    out["sources"] = [
        {"iri": mint(graph.base_iri, k), "url": graph.records[k].first("url"), "title": display_label(graph.records[k])}
        for k in rec.values.get("was_derived_from", ())
        if k in graph.records
    ]
    if rec.key.type == "Municipality":
        assigned = [display_label(graph.records[k]) for k in rec.values.get("subregion", ())]
        out["subregion"] = assigned[0] if assigned else NOT_ASSIGNED["en"]
    return out
