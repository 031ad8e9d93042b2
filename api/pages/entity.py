"""What the entity page (/doc/{type}/{ref} as HTML) shows, in the page's language: the schema's display names
for slots, classes and enum values, numbers as the language writes them (66.447 / 66,447; € 57.000.000), dates
as in the data (cut to their precision)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from api.current import LoadedGraph
from api.entity_data import detail
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, display_label
from records.model import Key, Record, Text
from viz.facts import partial_date
from viz.i18n import number
from viz.overview import ScopeNetwork, node_id
from viz.synergy_list import could_work_with

PRECISION = {"start_date": "start_precision", "end_date": "end_precision"}
"""Date slot -> the slot saying how much of the date is known."""
CURRENCY = {"budget_eur": "€"}
"""Amount slots and their currency sign."""
FOLDED = {*PRECISION.values(), "subregion_basis", "subregion_note"}
"""Slots shown as part of another line, not as rows of their own."""


def shown(rec: Record, slot: str, value: object, lang: str = "nl") -> dict:
    """One literal value for the page: ``{"text", "lang"?, "href"?}``; an enum value by its display name."""
    if isinstance(value, Text):
        return {"text": value.value, "lang": value.lang}
    if isinstance(value, dt.date):
        return {"text": partial_date(value, rec.one(PRECISION[slot], str) if slot in PRECISION else None)}
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        text = number(value, lang)
        return {"text": f"{CURRENCY[slot]} {text}" if slot in CURRENCY else text}
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return {"text": value, "href": value}
    return {"text": vocabulary().value_label(slot, str(value), lang)}


def subregion_line(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict | None:
    """A municipality's LIRES deelregio: ``{"label", "derived", "note"}`` (label "niet toegewezen" / "not assigned"
    when no source places it); None for any other type."""
    if rec.key.type != "Municipality":
        return None
    assigned = [graph.records[k] for k in rec.many("subregion", Key) if k in graph.records]
    note = rec.one("subregion_note", Text)
    return {
        "label": ", ".join(display_label(r, lang) for r in assigned) or NOT_ASSIGNED[lang],
        "derived": rec.first("subregion_basis") == "derived",
        "note": note.value if note else None,
    }


def page(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict:
    """The page's content in ``lang``: ``label``, ``type`` (class name), ``subregion`` (subregion_line),
    ``facts`` ([(heading, [shown values])]), ``links`` ([(heading, neighbour summary with its ``type`` name)])
    and ``sources`` as in api.entity_data.detail."""
    vocab = vocabulary()
    entity = detail(graph, rec, lang)
    facts = [
        (vocab.slots[slot].label(lang), [shown(rec, slot, v, lang) for v in values])
        for slot, values in rec.values.items()
        if values and not isinstance(values[0], Key) and slot not in FOLDED
    ]
    links = [
        (
            vocab.slots[link["slot"]].label(lang, inverse=link["direction"] == "in"),
            {**link, "type": vocab.classes[link["type"]].label(lang)},
        )
        for link in entity["links"]
    ]
    return {
        "label": entity["label"],
        "type": vocab.classes[rec.key.type].label(lang),
        "subregion": subregion_line(graph, rec, lang),
        "facts": facts,
        "links": links,
        "sources": entity["sources"],
    }


COULD_WORK_WITH = 5
"""Synergy suggestions shown on an entity's page."""


def workbench(network: ScopeNetwork, key: Key, lang: str = "nl") -> dict:
    """What the strategist's pages offer for an entity: its id (for /viz/paths, /viz/explorer, /viz/synergies),
    whether it is in the cooperation network, and the COULD_WORK_WITH best synergy suggestions naming it (the
    other side and the row of viz.synergy_list) for projects, organisations and municipalities."""
    in_network = key in network.graph
    suggested = key.type in ("Project", "Organisation", "Municipality") and in_network
    return {
        "id": node_id(key),
        "in_network": in_network,
        "suggested": suggested,
        "could_work_with": could_work_with(network, key, lang, COULD_WORK_WITH) if suggested else [],
        "reachable": key in network.paths,
    }
