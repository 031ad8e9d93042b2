"""Entity summaries and details as plain data, shared by the JSON API and the HTML pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from api.current import LoadedGraph
from api.errors import BadRequest
from graph.iri import mint
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


def summary(graph: LoadedGraph, key: Key, lang: str = "nl") -> dict:
    """``{"iri", "type", "ref", "label"}`` of the entity ``key``, named in ``lang`` (graph.entities: a membership
    or participation is named by its two ends, e.g. 'Pelt — Burgemeestersparlement Limburg'). Raises KeyError
    for a key the build does not have."""
    index = graph.entities
    number = index.find(key)
    if number is None:
        raise KeyError(key)
    return index.summary(number, lang).model_dump()


def detail(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict:
    """Everything about one entity: literal properties, outgoing and incoming links, sources; names in ``lang``.

    Shape: summary fields plus ``properties`` ({slot: [values]}), ``links`` ([{slot,
    direction: "out"|"in", target summary}]), ``sources`` ([{iri, url, title}]) and, for
    municipalities, ``subregion`` (label or "not assigned"). Read from the build's entity index (graph.entities)
    and the records of the entity and its sources, never the whole build. Raises KeyError for a record the build
    does not have.
    """
    index = graph.entities
    number = index.find(rec.key)
    if number is None:
        raise KeyError(rec.key)
    out = index.summary(number, lang).model_dump()
    out["properties"] = {s: [plain(v) for v in vs] for s, vs in rec.values.items() if vs and not isinstance(vs[0], Key)}
    links = []
    for slot, values in rec.values.items():
        for value in values:
            if isinstance(value, Key) and value.type != "Source" and (target := index.find(value)) is not None:
                links.append({"slot": slot, "direction": "out", **index.summary(target, lang).model_dump()})
    for slot, source in index.incoming(number):
        links.append({"slot": slot, "direction": "in", **index.summary(source, lang).model_dump()})
    out["links"] = links
    sources = [index.record(n) for k in rec.many("was_derived_from", Key) if (n := index.find(k)) is not None]
    out["sources"] = [
        {"iri": mint(graph.base_iri, s.key), "url": s.first("url"), "title": display_label(s)} for s in sources
    ]
    if rec.key.type == "Municipality":
        assigned = [index.label(n) for k in rec.many("subregion", Key) if (n := index.find(k)) is not None]
        out["subregion"] = assigned[0] if assigned else NOT_ASSIGNED["en"]
    return out
