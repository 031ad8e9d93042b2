"""Cell parsers: turn one spreadsheet cell into a typed value, or say what was expected.

Spreadsheets from many hands: Belgian numbers (``1.234,56``) and day-first dates
(``01/02/2016`` is 1 February 2016) are read where a column's type calls for it; anything
that could mean two things is refused rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from ontology.vocab import vocabulary
from records.findings import N_

DatePrecision = str  # "day" | "month" | "year"


class CellError(ValueError):
    """A cell that cannot be read unambiguously: ``template`` (marked with ``N_``) says what was expected, filled
    with ``args`` (records.findings.finding makes the finding of it)."""

    def __init__(self, template: str, **args: object) -> None:
        super().__init__(template.format(**args))
        self.template, self.args_ = template, args


Parser = Callable[[str], object]
Number = TypeVar("Number", int, Decimal)

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")
_NIS = re.compile(r"^[0-9]{5}\Z")
_NUTS = re.compile(r"^BE[0-9A-Z]{1,3}\Z")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:([. \u00a0\u202f])[0-9]{3})(?:\1[0-9]{3})*\Z")


def text(cell: str) -> str:
    """Free text, kept as written (the reader already trimmed it and refused control characters)."""
    return cell


def slug(cell: str) -> str:
    """A reference slug: lowercase letters, digits and inner hyphens (``noord-limburg``)."""
    if not _SLUG.match(cell):
        raise CellError(N_("expected a lowercase slug of letters a-z, digits and hyphens (e.g. noord-limburg)"))
    return cell


def nis_code(cell: str) -> str:
    """A five-digit NIS code, kept as a string (leading digits matter)."""
    if not _NIS.match(cell):
        raise CellError(N_("expected a five-digit NIS code such as 71016"))
    return cell


def nuts_code(cell: str) -> str:
    """A Belgian NUTS code (Eurostat NUTS 2021): ``BE``, then one to three digits or capitals, e.g. BE224."""
    if not _NUTS.match(cell):
        raise CellError(N_("expected a Belgian NUTS code such as BE22 or BE224"))
    return cell


def integer(cell: str) -> int:
    """A whole number; ``1.234``, ``1 234`` and ``1234`` all read as 1234 (no decimals allowed)."""
    plain = cell
    grouped = _GROUPED.match(cell)
    if grouped:
        plain = re.sub(r"[. \u00a0\u202f]", "", cell)
    if not plain.isdigit():
        raise CellError(N_("expected a whole number without decimals, e.g. 66447 or 66.447"))
    return int(plain)


def decimal(cell: str) -> Decimal:
    """A decimal amount: ``1.234,56``, ``1234,56``, ``1234.5`` and ``57000000`` are accepted.

    ``1.234`` or ``1,234`` (one separator followed by exactly three digits) is ambiguous
    between Belgian and English notation and is refused.
    """
    value = cell.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not re.fullmatch(r"-?[0-9.,]+", value):
        raise CellError(
            N_(
                "expected a number written with digits and . or , only (no currency sign, unit or exponent), "
                "such as 1.234,56 or 1234.56"
            )
        )
    dots, commas = value.count("."), value.count(",")
    if dots and commas:
        decimal_sep = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        if value.count(decimal_sep) > 1 or not _GROUPED.match(value.rsplit(decimal_sep, 1)[0].replace(thousands, ".")):
            raise CellError(N_("expected a number such as 1.234,56 or 1234.56"))
        value = value.replace(thousands, "").replace(decimal_sep, ".")
    elif dots + commas > 1:
        sep = "." if dots else ","
        if not _GROUPED.match(value.replace(sep, ".")):
            raise CellError(N_("expected a number such as 1.234.567 or 1234567"))
        value = value.replace(sep, "")
    elif dots + commas == 1:
        sep = "." if dots else ","
        if re.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}", value):
            raise CellError(
                N_(
                    "expected an unambiguous number: '{cell}' could mean {plain} or {decimal}; write it without a "
                    "thousands separator"
                ),
                cell=cell,
                plain=value.replace(sep, ""),
                decimal=value.replace(",", "."),
            )
        value = value.replace(",", ".")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        raise CellError(N_("expected a number such as 1.234,56 or 1234.56"))
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already guards this
        raise CellError(N_("expected a number")) from exc


def non_negative(parser: Callable[[str], Number]) -> Callable[[str], Number]:
    """Wrap a number parser so that negative values are refused."""

    def parse(cell: str) -> Number:
        value = parser(cell)
        if value < 0:
            raise CellError(N_("expected a number of zero or more"))
        return value

    return parse


def between(parser: Callable[[str], Number], low: Number, high: Number) -> Callable[[str], Number]:
    """Wrap a number parser so that values outside ``low`` .. ``high`` are refused (e.g. a latitude)."""

    def parse(cell: str) -> Number:
        value = parser(cell)
        if not low <= value <= high:
            raise CellError(f"a number from {low} to {high}")
        return value

    return parse


def date(cell: str) -> dt.date:
    """A full date: ISO ``2016-02-01`` or day-first ``01/02/2016``, ``1-2-2016``, ``01.02.2016``."""
    value, precision = partial_date(cell)
    if precision != "day":
        raise CellError(N_("expected a full date such as 2016-02-01 or 01/02/2016 (day first)"))
    return value


def partial_date(cell: str) -> tuple[dt.date, DatePrecision]:
    """A date that may be partial: ``2016``, ``2016-08``, ``08/2016``, ``2016-08-01`` or ``01/08/2016``.

    Returns the first day of the period it names and its precision (``year``, ``month``, ``day``).
    Two-digit years are refused (ambiguous century).
    """
    try:
        if m := re.fullmatch(r"([0-9]{4})", cell):
            return dt.date(int(m[1]), 1, 1), "year"
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", cell):
            return dt.date(int(m[1]), int(m[2]), 1), "month"
        if m := re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{4})", cell):
            return dt.date(int(m[2]), int(m[1]), 1), "month"
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", cell):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := re.fullmatch(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})", cell):
            return dt.date(int(m[4]), int(m[3]), int(m[1])), "day"
    except ValueError as exc:
        raise CellError(N_("expected an existing calendar date ({cell} is no day of the calendar)"), cell=cell) from exc
    raise CellError(N_("expected a date such as 2016-02-01, 01/02/2016 (day first), 2016-02 or 2016"))


def _folded(cell: str) -> str:
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


class Choice:
    """A parser for one of a fixed list of ``values`` (case-insensitive; spaces and hyphens read as underscores)
    or one of their display ``names`` (value -> {language: name}, read the same way): ``In uitvoering`` reads
    as ``in_progress``. The workbook's drop-downs offer the names (graph.publish.workbook)."""

    def __init__(self, values: list[str], names: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.values = tuple(values)
        self.names = {value: dict((names or {}).get(value, {})) for value in values}
        self._read = {_folded(v): v for v in values}
        for value, labels in self.names.items():
            for label in labels.values():
                self._read.setdefault(_folded(label), value)

    def __call__(self, cell: str) -> str:
        value = self._read.get(_folded(cell))
        if value is None:
            raise CellError(N_("expected one of: {values}"), values=", ".join(sorted(self.values)))
        return value

    def name(self, value: str, lang: str) -> str:
        """How ``value`` is shown in ``lang`` (the value itself where it has no name)."""
        return self.names.get(value, {}).get(lang) or value


def enum(values: list[str], names: Mapping[str, Mapping[str, str]] | None = None) -> Choice:
    """One of ``values``, or one of their display ``names`` (see Choice)."""
    return Choice(values, names)


def schema_enum(name: str) -> Choice:
    """A value of the schema's enumeration ``name`` (``ProjectStatus``), or its Dutch or English display name
    (``in uitvoering``, ``in progress``)."""
    enum_def = vocabulary().enum_defs[name]
    return Choice(list(enum_def.values), enum_def.values)


def url(cell: str) -> str:
    """An absolute http(s) URL without spaces."""
    if not re.fullmatch(r"https?://[^\s<>\"]+", cell):
        raise CellError(N_("expected an absolute http:// or https:// URL"))
    return cell


def kbo_number(cell: str) -> str:
    """A KBO/BCE enterprise number: ten digits, ``0123.456.789`` or ``0123456789``."""
    digits = re.sub(r"[.\s]", "", cell)
    if not re.fullmatch(r"[01][0-9]{9}", digits):
        raise CellError(N_("expected a ten-digit KBO number such as 0123.456.789"))
    return digits


def wikidata(cell: str) -> str:
    """A Wikidata item id such as Q12345."""
    if not re.fullmatch(r"Q[1-9][0-9]*", cell):
        raise CellError(N_("expected a Wikidata item id such as Q12345"))
    return cell


def many(parser: Parser) -> Parser:
    """A ``;``-separated list of values, each read by ``parser``; duplicates are refused."""

    def parse(cell: str) -> tuple[object, ...]:
        items = [p.strip() for p in cell.split(";")]
        if any(not p for p in items):
            raise CellError(N_("expected a ';'-separated list without empty items"))
        values = tuple(parser(p) for p in items)
        if len(set(values)) != len(values):
            raise CellError(N_("expected a list without repeated items"))
        return values

    return parse
