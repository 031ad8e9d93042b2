"""Typed slot accessors on the real data: ``Record.one`` and ``Record.many`` give the kind asked, or refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from records.model import Key, Record, Text


def test_one_gives_the_value_of_the_kind_asked(records: dict[Key, Record]) -> None:
    hasselt = records[Key("Municipality", "71022")]  # merged into the new Hasselt (71072) on 1 January 2025
    assert hasselt.one("valid_through", dt.date) == dt.date(2024, 12, 31)
    assert hasselt.one("is_replaced_by", Key) == Key("Municipality", "71072")
    assert hasselt.one("label", Text) == Text("Hasselt", "nl")
    assert hasselt.one("valid_from", dt.date) is None  # empty in municipalities.csv


def test_many_gives_every_value_of_the_kind_asked(records: dict[Key, Record]) -> None:
    hasselt = records[Key("Municipality", "71022")]
    assert hasselt.many("label", Text) == (Text("Hasselt", "nl"), Text("Hasselt", "en"))
    assert hasselt.many("valid_from", dt.date) == ()  # empty in municipalities.csv
    assert hasselt.many("was_derived_from", Key)[:2] == (Key("Source", "repo2020"), Key("Source", "rtl-decree"))


def test_a_value_of_another_kind_is_refused(records: dict[Key, Record]) -> None:
    hasselt = records[Key("Municipality", "71022")]
    with pytest.raises(TypeError, match=r"Municipality/71022 valid_through: expected a Key"):
        hasselt.one("valid_through", Key)
    with pytest.raises(TypeError, match=r"Municipality/71022 label: expected str values"):
        hasselt.many("label", str)
