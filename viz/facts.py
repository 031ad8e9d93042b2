"""Small pieces of page text: a type's name, a partial date, a Dutch number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ontology.vocab import vocabulary

_DIGITS: dict[str | None, int] = {"year": 4, "month": 7, "day": 10}
"""ISO date characters to show for each date precision."""


def type_label(type_name: str, lang: str = "nl") -> str:
    """The name of a schema class in ``lang``, e.g. ``Municipality`` -> ``gemeente``."""
    return vocabulary().classes[type_name].label(lang)


def dutch_number(number: int | Decimal) -> str:
    """A number with Dutch separators, exactly as given: 66447 -> '66.447', Decimal('1234.50') -> '1.234,50'."""
    return f"{number:,}".translate(str.maketrans(",.", ".,"))


def partial_date(value: dt.date, precision: str | None = None) -> str:
    """An ISO date cut to its precision (``year``, ``month`` or ``day``): (2017-04-01, 'month') -> '2017-04'."""
    return value.isoformat()[: _DIGITS.get(precision, 10)]
