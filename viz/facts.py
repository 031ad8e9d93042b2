"""Key facts of an entity or a membership, in the page's language, for the tooltips of the network page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import networkx as nx

from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED
from viz.i18n import gettext, number

SHOWN = ("nis_code", "nuts_code", "organisation_kind", "strategy_kind", "structure_kind", "notation", "status", "theme")
"""Literal slots shown with their schema name; enum values by their display name."""

_DIGITS: dict[str | None, int] = {"year": 4, "month": 7, "day": 10}
"""ISO date characters to show for each date precision."""

Fact = tuple[str, str]
"""A tooltip line: (heading, text)."""


def type_label(type_name: str, lang: str = "nl") -> str:
    """The name of a schema class in ``lang``, e.g. ``Municipality`` -> ``gemeente``."""
    return vocabulary().classes[type_name].label(lang)


def dutch_number(number: int | Decimal) -> str:
    """A number with Dutch separators, exactly as given: 66447 -> '66.447', Decimal('1234.50') -> '1.234,50'."""
    return f"{number:,}".translate(str.maketrans(",.", ".,"))


def partial_date(value: dt.date, precision: str | None = None) -> str:
    """An ISO date cut to its precision (``year``, ``month`` or ``day``): (2017-04-01, 'month') -> '2017-04'."""
    return value.isoformat()[: _DIGITS.get(precision, 10)]


def _date(attrs: dict[str, Any], slot: str, precision_slot: str | None = None) -> str | None:
    value: dt.date | None = attrs.get(slot)
    return None if value is None else partial_date(value, attrs.get(precision_slot) if precision_slot else None)


def period(attrs: dict[str, Any], lang: str = "nl") -> str | None:
    """'2016-08-01 – 2020-10-31', 'vanaf 2019-01-01' or 't/m 2024-12-31' (from, through in English; only the
    known part of partial dates).

    Reads ``start_date``/``end_date`` with their precisions, or a municipality's ``valid_from``/``valid_through``.
    """
    _ = gettext(lang)
    start = _date(attrs, "start_date", "start_precision") or _date(attrs, "valid_from")
    end = _date(attrs, "end_date", "end_precision") or _date(attrs, "valid_through")
    if start and end:
        return f"{start} – {end}"
    if start:
        return _("from %(date)s") % {"date": start}
    return _("through %(date)s") % {"date": end} if end else None


def _text(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def entity_facts(graph: nx.MultiDiGraph[str], node: str, lang: str = "nl") -> list[Fact]:
    """Type, NIS/NUTS code, kind, population with its date, period, status, budget (EUR) and deelregio of a node
    (with how it is known: "Midden-Limburg (volgens een bron, middelhoog)"), headed and worded in ``lang``.

    ``graph`` is the networkx projection (graph.network.to_networkx); the deelregio line appears for
    municipalities only and reads records.labels.NOT_ASSIGNED when no ``subregion`` edge leaves the node.
    """
    _, vocab = gettext(lang), vocabulary()
    attrs = graph.nodes[node]
    facts = [(_("type"), type_label(attrs["type"], lang))]
    facts += [
        (vocab.slots[slot].label(lang), vocab.value_label(slot, _text(attrs[slot]), lang))
        for slot in SHOWN
        if slot in attrs
    ]
    if "population" in attrs:
        date = attrs.get("population_date")
        on = _(" (on %(date)s)") % {"date": date.isoformat()} if date else ""
        facts.append((_("inhabitants"), number(attrs["population"], lang) + on))
    if when := period(attrs, lang):
        facts.append((_("period"), when))
    if "budget_eur" in attrs:
        facts.append((_("budget"), f"€ {number(attrs['budget_eur'], lang)}"))
    if attrs["type"] == "Municipality":
        regions = sorted(
            graph.nodes[target]["label"] for _t, target, slot in graph.out_edges(node, keys=True) if slot == "subregion"
        )
        how = [
            vocab.value_label(slot, attrs[slot], lang)
            for slot in ("subregion_basis", "subregion_confidence")
            if attrs.get(slot)
        ]
        facts.append(
            (_("subregion"), (", ".join(regions) or NOT_ASSIGNED[lang]) + (f" ({', '.join(how)})" if how else ""))
        )
    return facts
