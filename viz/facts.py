"""Small pieces of page text: a type's name, a partial date."""

from __future__ import annotations

import datetime as dt

from ontology.vocab import vocabulary

_DIGITS: dict[str | None, int] = {"year": 4, "month": 7, "day": 10}
"""ISO date characters to show for each date precision."""


def type_label(type_name: str, lang: str = "nl") -> str:
    """The name of a schema class in ``lang``, e.g. ``Municipality`` -> ``gemeente``."""
    return vocabulary().classes[type_name].label(lang)


def partial_date(value: dt.date, precision: str | None = None) -> str:
    """An ISO date cut to its precision (``year``, ``month`` or ``day``): (2017-04-01, 'month') -> '2017-04'."""
    return value.isoformat()[: _DIGITS.get(precision, 10)]
