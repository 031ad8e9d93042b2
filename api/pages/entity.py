"""What the entity page (/doc/{type}/{ref} as HTML) shows, in Dutch or English: the schema's display names for
slots, classes and enum values, numbers the Belgian way in Dutch (66.447; € 57.000.000), dates as in the data
(cut to their precision), and each LIRES deelregio membership with its basis, confidence and note."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from api.current import LoadedGraph
from api.entity_data import detail
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, display_label
from records.model import Key, Record, Text
from viz.facts import dutch_number, partial_date, type_label
from viz.network_page import COLLAPSED

TEXT = {
    "nl": {
        "subregion": "LIRES-deelregio",
        "basis": "grondslag",
        "confidence": "betrouwbaarheid",
        "note": "toelichting",
        "members": "Gemeenten in deze deelregio",
        "municipality": "gemeente",
        "none_members": "Geen bron plaatst een gemeente in deze deelregio.",
        "facts": "Gegevens",
        "no_facts": "Geen gegevens.",
        "links": "Verbanden",
        "no_links": "Geen verbanden.",
        "sources": "Bronnen",
        "also_as": "Ook als",
        "until": "t/m",
        "other_language": "English",
        "other_lang": "en",
    },
    "en": {
        "subregion": "LIRES subregion",
        "basis": "basis",
        "confidence": "confidence",
        "note": "note",
        "members": "Municipalities in this subregion",
        "municipality": "municipality",
        "none_members": "No source places a municipality in this subregion.",
        "facts": "Facts",
        "no_facts": "No facts.",
        "links": "Links",
        "no_links": "No links.",
        "sources": "Sources",
        "also_as": "Also as",
        "until": "until",
        "other_language": "Nederlands",
        "other_lang": "nl",
    },
}
"""The page's own words per language."""
PRECISION = {"start_date": "start_precision", "end_date": "end_precision"}
"""Date slot -> the slot saying how much of the date is known."""
CURRENCY = {"budget_eur": "€", "eligible_expenditure_eur": "€", "eu_support_eur": "€"}
"""Amount slots and their currency sign."""
FOLDED = {*PRECISION.values(), "subregion_basis", "subregion_confidence", "subregion_note"}
"""Slots shown as part of another line, not as rows of their own."""


def number(value: int | Decimal, lang: str) -> str:
    """A number with the page language's separators: 66447 -> '66.447' (nl) or '66,447' (en)."""
    return dutch_number(value) if lang == "nl" else f"{value:,}"


def shown(rec: Record, slot: str, value: object, lang: str = "nl") -> dict:
    """One literal value for the page: ``{"text", "lang"?, "href"?}``."""
    if isinstance(value, Text):
        return {"text": value.value, "lang": value.lang}
    if isinstance(value, dt.date):
        return {"text": partial_date(value, rec.first(PRECISION[slot]) if slot in PRECISION else None)}
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        text = number(value, lang)
        return {"text": f"{CURRENCY[slot]} {text}" if slot in CURRENCY else text}
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return {"text": value, "href": value}
    return {"text": str(value)}


def membership(rec: Record, lang: str = "nl") -> dict:
    """How a municipality's deelregio is known: ``{"basis", "confidence", "note", "note_lang"}``, the enum values
    by their display names in ``lang``, None where the data has none (the note keeps its own language)."""
    vocab = vocabulary()
    basis, confidence, note = (rec.first(s) for s in ("subregion_basis", "subregion_confidence", "subregion_note"))
    return {
        "basis": vocab.enum_label("SubregionBasis", basis, lang) if basis else None,
        "confidence": vocab.enum_label("Confidence", confidence, lang) if confidence else None,
        "note": note.value if note else None,
        "note_lang": note.lang if note else None,
    }


def subregion_line(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict | None:
    """A municipality's LIRES deelregio: ``{"label", **membership}`` (label records.labels.NOT_ASSIGNED in
    ``lang`` when no source places it); None for any other type."""
    if rec.key.type != "Municipality":
        return None
    assigned = [graph.records[k] for k in rec.values.get("subregion", ()) if k in graph.records]
    label = ", ".join(display_label(r, lang) for r in assigned) or NOT_ASSIGNED[lang]
    return {"label": label, **membership(rec, lang)}


def members(graph: LoadedGraph, rec: Record, lang: str = "nl") -> list[dict] | None:
    """The municipalities a deelregio page lists, by name: ``[{"label", "path", "until" (last day of a merged
    municipality, else None), **membership}]``; None for any other type than Subregion."""
    if rec.key.type != "Subregion":
        return None
    path = vocabulary().classes["Municipality"].path
    found = [
        m for m in graph.records.values() if m.key.type == "Municipality" and rec.key in m.values.get("subregion", ())
    ]
    return sorted(
        (
            {
                "label": display_label(m, lang),
                "path": f"{path}/{m.key.ref}",
                "until": m.first("valid_through"),
                **membership(m, lang),
            }
            for m in found
        ),
        key=lambda m: m["label"],
    )


def page(graph: LoadedGraph, rec: Record, lang: str = "nl") -> dict:
    """The page's content in ``lang`` (nl or en): ``label``, ``type`` (class display name), ``subregion``
    (subregion_line), ``members`` (members), ``facts`` ([(heading, [shown values])]), ``links`` ([(heading,
    neighbour summary with its ``type`` display name)]), ``sources`` as in api.entity_data.detail, and
    ``lang`` and ``text`` (the page's own words, TEXT)."""
    vocab = vocabulary()
    entity = detail(graph, rec)
    facts = [
        (vocab.slots[slot].label(lang), [shown(rec, slot, v, lang) for v in values])
        for slot, values in rec.values.items()
        if values and not isinstance(values[0], Key) and slot not in FOLDED
    ]
    listed = members(graph, rec, lang)
    links = []
    for link in entity["links"]:
        if listed is not None and link["slot"] == "subregion" and link["direction"] == "in":
            continue  # the members table lists them, with how each is known
        target = graph.records[Key(link["type"], link["ref"])]
        label = link["label"] if target.key.type in COLLAPSED else display_label(target, lang)
        heading = vocab.slots[link["slot"]].label(lang, inverse=link["direction"] == "in")
        links.append((heading, {**link, "label": label, "type": type_label(link["type"], lang)}))
    return {
        "label": entity["label"] if rec.key.type in COLLAPSED else display_label(rec, lang),
        "type": type_label(rec.key.type, lang),
        "subregion": subregion_line(graph, rec, lang),
        "members": listed,
        "facts": facts,
        "links": links,
        "sources": entity["sources"],
        "lang": lang,
        "text": TEXT[lang],
    }
