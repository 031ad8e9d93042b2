"""Cell parsers read Belgian spreadsheet conventions and refuse what is ambiguous."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from loaders import cells
from tests.support import ROOT


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("57000000", Decimal("57000000")),
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("1234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("172.500.000", Decimal("172500000")),
        ("3 038 500", Decimal("3038500")),
        ("3.038.500,00", Decimal("3038500.00")),
    ],
)
def test_decimal_reads_belgian_and_plain_numbers(cell, expected):
    assert cells.decimal(cell) == expected


@pytest.mark.parametrize("cell", ["1.234", "1,234", "12,5,3", "1.23.4", "NaN", "inf", "1e6", "€ 5", "", "1.234,5,6"])
def test_decimal_refuses_ambiguous_or_malformed(cell):
    with pytest.raises(cells.CellError):
        cells.decimal(cell)


@pytest.mark.parametrize("cell, expected", [("66447", 66447), ("66.447", 66447), ("66 447", 66447)])
def test_integer_allows_thousands_separators(cell, expected):
    assert cells.integer(cell) == expected


@pytest.mark.parametrize("cell", ["66447.5", "66,447", "6.6447", "-5", "12a"])
def test_integer_refuses_non_integers(cell):
    with pytest.raises(cells.CellError):
        cells.integer(cell)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2016-02-01", (dt.date(2016, 2, 1), "day")),
        ("01/02/2016", (dt.date(2016, 2, 1), "day")),
        ("1-2-2016", (dt.date(2016, 2, 1), "day")),
        ("01.02.2016", (dt.date(2016, 2, 1), "day")),
        ("2016-08", (dt.date(2016, 8, 1), "month")),
        ("08/2016", (dt.date(2016, 8, 1), "month")),
        ("2016", (dt.date(2016, 1, 1), "year")),
    ],
)
def test_partial_dates_are_day_first(cell, expected):
    assert cells.partial_date(cell) == expected


@pytest.mark.parametrize("cell", ["01/02/16", "2016-02-30", "31/31/2016", "Feb 2016", "2016/02/01", "20160201"])
def test_dates_refuse_two_digit_years_and_impossible_dates(cell):
    with pytest.raises(cells.CellError):
        cells.partial_date(cell)


def test_full_date_column_refuses_partial_dates():
    with pytest.raises(cells.CellError, match="full date"):
        cells.date("2016-08")


@pytest.mark.parametrize("cell", ["71016", "72043", "73111"])
def test_nis_codes_stay_strings(cell):
    assert cells.nis_code(cell) == cell


@pytest.mark.parametrize("cell", ["7101", "710160", "71O16", "71 016"])
def test_malformed_nis_codes(cell):
    with pytest.raises(cells.CellError, match="five-digit NIS code"):
        cells.nis_code(cell)


def test_lists_refuse_empty_and_repeated_items():
    assert cells.many(cells.nis_code)("73107;72041") == ("73107", "72041")
    with pytest.raises(cells.CellError):
        cells.many(cells.nis_code)("73107;;72041")
    with pytest.raises(cells.CellError):
        cells.many(cells.nis_code)("73107;73107")


def test_kbo_numbers_are_normalised():
    assert cells.kbo_number("0123.456.749") == "0123456749"


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n):
    assert cells.integer(f"{n:,}".replace(",", ".")) == n
    assert cells.decimal(str(n)) == Decimal(n)


CODES = {
    "nis_code": (cells.nis_code, "71016", ["7101", "710160", "7101A"]),
    "nuts_code": (cells.nuts_code, "BE224", ["BE2245", "NL42", "be224", "BE"]),
    "kbo_number": (cells.kbo_number, "0123456789", ["2123456789", "012345678", "0123.456.78X"]),
}
"""Slot -> (its cell parser, a valid code, codes the schema's pattern refuses)."""


def test_every_pattern_of_the_schema_is_checked_when_the_cell_is_read():
    """SHACL checks only a sample of a large graph (graph/shacl.py), so the loaders must refuse what the
    schema's patterns refuse, for every row."""
    schema = yaml.safe_load((ROOT / "ontology" / "lires.yaml").read_text(encoding="utf-8"))
    patterns = {
        name: slot.get("pattern") or schema["types"].get(slot.get("range"), {}).get("pattern")
        for name, slot in schema["slots"].items()
    }
    assert {name for name, pattern in patterns.items() if pattern} == set(CODES)
    for name, (parser, valid, refused) in CODES.items():
        assert re.match(patterns[name], parser(valid))
        for code in refused:
            assert not re.match(patterns[name], code.replace(".", ""))
            with pytest.raises(cells.CellError):
                parser(code)
