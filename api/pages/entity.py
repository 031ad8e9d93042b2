"""What the Dutch entity page (/doc/{type}/{ref} as HTML) shows: the schema's display names for slots and
classes, numbers the Belgian way (66.447; € 57.000.000), dates as in the data (cut to their precision)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from api.current import LoadedGraph
from api.entity_data import detail
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, display_label
from records.model import Key, Record, Text
from viz.facts import dutch_number, partial_date, type_label

PRECISION = {"start_date": "start_precision", "end_date": "end_precision"}
"""Date slot -> the slot saying how much of the date is known."""
CURRENCY = {"budget_eur": "€"}
"""Amount slots and their currency sign."""
FOLDED = {*PRECISION.values(), "subregion_basis", "subregion_note"}
"""Slots shown as part of another line, not as rows of their own."""


def shown(rec: Record, slot: str, value: object) -> dict:
    """One literal value for the page: ``{"text", "lang"?, "href"?}``."""
    if isinstance(value, Text):
        return {"text": value.value, "lang": value.lang}
    if isinstance(value, dt.date):
        return {"text": partial_date(value, rec.first(PRECISION[slot]) if slot in PRECISION else None)}
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        text = dutch_number(value)
        return {"text": f"{CURRENCY[slot]} {text}" if slot in CURRENCY else text}
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return {"text": value, "href": value}
    return {"text": str(value)}


def subregion_line(graph: LoadedGraph, rec: Record) -> dict | None:
    """A municipality's LIRES deelregio: ``{"label", "derived", "note"}`` (label "niet toegewezen" when no source
    places it); None for any other type."""
    if rec.key.type != "Municipality":
        return None
    assigned = [graph.records[k] for k in rec.values.get("subregion", ()) if k in graph.records]
    note = rec.first("subregion_note")
    return {
        "label": ", ".join(display_label(r) for r in assigned) or NOT_ASSIGNED["nl"],
        "derived": rec.first("subregion_basis") == "derived",
        "note": note.value if note else None,
    }


def page(graph: LoadedGraph, rec: Record) -> dict:
    """The page's content: ``label``, ``type`` (Dutch class name), ``subregion`` (subregion_line), ``facts``
    ([(heading, [shown values])]), ``links`` ([(heading, neighbour summary with its Dutch ``type``)]) and
    ``sources`` as in api.entity_data.detail."""
    vocab = vocabulary()
    entity = detail(graph, rec)
    facts = [
        (vocab.slots[slot].label("nl"), [shown(rec, slot, v) for v in values])
        for slot, values in rec.values.items()
        if values and not isinstance(values[0], Key) and slot not in FOLDED
    ]
    links = [
        (
            vocab.slots[link["slot"]].label("nl", inverse=link["direction"] == "in"),
            {**link, "type": type_label(link["type"])},
        )
        for link in entity["links"]
    ]
    return {
        "label": entity["label"],
        "type": type_label(rec.key.type),
        "subregion": subregion_line(graph, rec),
        "facts": facts,
        "links": links,
        "sources": entity["sources"],
    }
