"""What the entity page (/doc/{type}/{ref} as HTML) shows, in the page's language: the schema's display names
for slots, classes and enum values, numbers as the language writes them (66.447 / 66,447; € 57.000.000), dates
as in the data (cut to their precision), and each LIRES deelregio membership with its basis, confidence and
note."""

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
CURRENCY = {"budget_eur": "€", "eligible_expenditure_eur": "€", "eu_support_eur": "€"}
"""Amount slots and their currency sign."""
FOLDED = {*PRECISION.values(), "subregion_basis", "subregion_confidence", "subregion_note"}
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


def membership(rec: Record, lang: str = "nl") -> dict:
    """How a municipality's deelregio is known: ``{"basis", "confidence", "note", "note_lang"}``, the enum values
    by their display names in ``lang``, None where the data has none (the note keeps its own language)."""
    vocab = vocabulary()
    basis, confidence = rec.one("subregion_basis", str), rec.one("subregion_confidence", str)
    note = rec.one("subregion_note", Text)
    return {
        "basis": vocab.value_label("subregion_basis", basis, lang) if basis else None,
        "confidence": vocab.value_label("subregion_confidence", confidence, lang) if confidence else None,
        "note": note.value if note else None,
        "note_lang": note.lang if note else None,
    }


def subregion_line(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict | None:
    """A municipality's LIRES deelregio: ``{"label", **membership}`` (label records.labels.NOT_ASSIGNED in
    ``lang`` when no source places it); None for any other type."""
    if rec.key.type != "Municipality":
        return None
    index = graph.entities
    assigned = [index.label(n, lang) for k in rec.many("subregion", Key) if (n := index.find(k)) is not None]
    return {"label": ", ".join(assigned) or NOT_ASSIGNED[lang], **membership(rec, lang)}


def members(graph: LoadedGraph, rec: Record, lang: str = "nl") -> list[dict] | None:
    """The municipalities a deelregio page lists, by name: ``[{"label", "path", "until" (last day of a merged
    municipality, else None), **membership}]``; None for any other type than Subregion. The members are the
    deelregio's incoming ``subregion`` links in the build's entity index (graph.entities)."""
    if rec.key.type != "Subregion":
        return None
    path = vocabulary().classes["Municipality"].path
    index = graph.entities
    number = index.find(rec.key)
    linked = index.incoming(number) if number is not None else []
    found = [index.record(m) for slot, m in linked if slot == "subregion" and index.type_of(m) == "Municipality"]
    return sorted(
        (
            {
                "label": display_label(m, lang),
                "path": f"{path}/{m.key.ref}",
                "until": m.one("valid_through", dt.date),
                **membership(m, lang),
            }
            for m in found
        ),
        key=lambda m: m["label"],
    )


def page(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict:
    """The page's content in ``lang``: ``label``, ``type`` (class name), ``subregion`` (subregion_line),
    ``members`` (members), ``facts`` ([(heading, [shown values])]), ``links`` ([(heading, neighbour summary with
    its ``type`` name)]; a deelregio's municipalities are in ``members`` instead), ``sources`` as in
    api.entity_data.detail and ``lang``."""
    vocab = vocabulary()
    entity = detail(graph, rec, lang)
    facts = [
        (vocab.slots[slot].label(lang), [shown(rec, slot, v, lang) for v in values])
        for slot, values in rec.values.items()
        if values and not isinstance(values[0], Key) and slot not in FOLDED
    ]
    listed = members(graph, rec, lang)
    links = [
        (
            vocab.slots[link["slot"]].label(lang, inverse=link["direction"] == "in"),
            {**link, "type": vocab.classes[link["type"]].label(lang)},
        )
        for link in entity["links"]
        # the members table lists a deelregio's municipalities, with how each is known
        if not (listed is not None and link["slot"] == "subregion" and link["direction"] == "in")
    ]
    return {
        "label": entity["label"],
        "type": vocab.classes[rec.key.type].label(lang),
        "subregion": subregion_line(graph, rec, lang),
        "members": listed,
        "facts": facts,
        "links": links,
        "sources": entity["sources"],
        "lang": lang,
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
