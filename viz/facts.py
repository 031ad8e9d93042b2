"""Key facts of an entity or a membership, in Dutch, for the tooltips of the network page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import networkx as nx

from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED

HEADINGS = {
    "nis_code": "NIS-code",
    "nuts_code": "NUTS-code",
    "organisation_kind": "soort",
    "strategy_kind": "soort",
    "structure_kind": "soort",
    "notation": "code",
    "status": "status",
    "theme": "thema",
}
"""Literal slots shown as they are, with their Dutch heading."""

_DIGITS = {"year": 4, "month": 7, "day": 10}
"""ISO date characters to show for each date precision."""

Fact = tuple[str, str]
"""A tooltip line: (Dutch heading, text)."""


def type_label(type_name: str) -> str:
    """The Dutch name of a schema class, e.g. ``Municipality`` -> ``gemeente``."""
    return vocabulary().classes[type_name].labels.get("nl", type_name)


def dutch_number(number: int | Decimal) -> str:
    """A number with Dutch separators, exactly as given: 66447 -> '66.447', Decimal('1234.50') -> '1.234,50'."""
    return f"{number:,}".translate(str.maketrans(",.", ".,"))


def partial_date(value: dt.date, precision: str | None = None) -> str:
    """An ISO date cut to its precision (``year``, ``month`` or ``day``): (2017-04-01, 'month') -> '2017-04'."""
    return value.isoformat()[: _DIGITS.get(precision, 10)]


def _date(attrs: dict, slot: str, precision_slot: str | None = None) -> str | None:
    value: dt.date | None = attrs.get(slot)
    return None if value is None else partial_date(value, attrs.get(precision_slot))


def period(attrs: dict) -> str | None:
    """'2016-08-01 – 2020-10-31', 'vanaf 2019-01-01' or 't/m 2024-12-31' (only the known part of partial dates).

    Reads ``start_date``/``end_date`` with their precisions, or a municipality's ``valid_from``/``valid_through``.
    """
    start = _date(attrs, "start_date", "start_precision") or _date(attrs, "valid_from")
    end = _date(attrs, "end_date", "end_precision") or _date(attrs, "valid_through")
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"vanaf {start}"
    return f"t/m {end}" if end else None


def _text(value: object) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def entity_facts(graph: nx.MultiDiGraph, node: str) -> list[Fact]:
    """Type, NIS/NUTS code, kind, population with its date, period, status, budget (EUR) and deelregio of a node.

    ``graph`` is the networkx projection (graph.network.to_networkx); the deelregio line appears for
    municipalities only and reads records.labels.NOT_ASSIGNED when no ``subregion`` edge leaves the node.
    """
    attrs = graph.nodes[node]
    facts = [("type", type_label(attrs["type"]))]
    facts += [(heading, _text(attrs[slot])) for slot, heading in HEADINGS.items() if slot in attrs]
    if "population" in attrs:
        date = attrs.get("population_date")
        facts.append(("inwoners", dutch_number(attrs["population"]) + (f" (op {date.isoformat()})" if date else "")))
    if when := period(attrs):
        facts.append(("periode", when))
    if "budget_eur" in attrs:
        facts.append(("budget", f"€ {dutch_number(attrs['budget_eur'])}"))
    if attrs["type"] == "Municipality":
        regions = sorted(
            graph.nodes[target]["label"] for _, target, slot in graph.out_edges(node, keys=True) if slot == "subregion"
        )
        facts.append(("deelregio", ", ".join(regions) or NOT_ASSIGNED["nl"]))
    return facts
