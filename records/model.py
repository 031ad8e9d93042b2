"""Canonical records: the one typed form every loader produces and every projection reads."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar


@dataclass(frozen=True, order=True, slots=True)
class Key:
    """Identity of an entity: its schema class name and its ``ref`` (a code or a slug)."""

    type: str
    ref: str

    def __str__(self) -> str:
        return f"{self.type}/{self.ref}"


@dataclass(frozen=True, order=True, slots=True)
class Text:
    """A language-tagged text (``lang`` is ``nl`` or ``en``)."""

    value: str
    lang: str


Value = str | int | Decimal | dt.date | Text | Key
"""A slot value: a literal, a language-tagged text, or a link to another entity."""

V = TypeVar("V", bound=Value)
"""One kind of slot value (``Key``, ``Text``, ``dt.date``, ...), as asked of ``Record.one`` and ``Record.many``."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: file name and 1-based line number."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(slots=True)
class Record:
    """One entity with its slot values; every slot holds a tuple of values.

    ``values["was_derived_from"]`` holds the Keys of the Sources the facts come from.
    """

    key: Key
    values: dict[str, tuple[Value, ...]] = field(default_factory=dict)
    origins: list[Origin] = field(default_factory=list)
    value_origins: dict[tuple[str, Value], Origin] = field(default_factory=dict)
    """Where each (slot, value) was read, so a finding points at the row that gave it (not kept in records.jsonl)."""

    def origin_of(self, slot: str, value: Value | None = None) -> Origin:
        """The row that gave ``slot`` (``value``), else the record's first row."""
        if value is not None and (slot, value) in self.value_origins:
            return self.value_origins[(slot, value)]
        return next((o for (s, _), o in self.value_origins.items() if s == slot), self.origins[0])

    def first(self, slot: str) -> Value | None:
        """The slot's single value, or None when the slot is empty."""
        values = self.values.get(slot, ())
        return values[0] if values else None

    def one(self, slot: str, kind: type[V]) -> V | None:
        """The slot's single value, a ``kind`` (``rec.one("start_date", dt.date)``), or None when the slot is empty.

        Raises TypeError when the value is of another kind: the schema gives a slot one range, so that is a bug.
        """
        value = self.first(slot)
        if value is None or isinstance(value, kind):
            return value
        raise TypeError(f"{self.key} {slot}: expected a {kind.__name__}, got {value!r}")

    def many(self, slot: str, kind: type[V]) -> tuple[V, ...]:
        """The slot's values, each a ``kind`` (``rec.many("subregion", Key)``); empty when the slot is.

        Raises TypeError when a value is of another kind (see ``one``).
        """
        values = self.values.get(slot, ())
        kept = tuple(v for v in values if isinstance(v, kind))
        if len(kept) == len(values):
            return kept
        raise TypeError(f"{self.key} {slot}: expected {kind.__name__} values, got {values!r}")


def digest(text: str) -> bytes:
    """16 bytes naming ``text`` (a key), for sets of millions of keys: about 80 bytes each in a Python set,
    whatever the key's length; a collision is as unlikely as in any 128-bit hash (BLAKE2b)."""
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def merge(fragments: Iterable[Record], into: dict[Key, Record] | None = None) -> dict[Key, Record]:
    """Records by key, each the union of its fragments (what several rows and files say of one entity).

    Values keep the order they were first read in. Fragments are not changed; conflicts are not looked for
    here (``loaders.check.Checker`` refuses them while reading).
    """
    merged = {} if into is None else into
    for fragment in fragments:
        target = merged.get(fragment.key)
        if target is None:
            merged[fragment.key] = Record(
                fragment.key, dict(fragment.values), list(fragment.origins), dict(fragment.value_origins)
            )
            continue
        for slot, values in fragment.values.items():
            target.values[slot] = tuple(dict.fromkeys(target.values.get(slot, ()) + values))
        for slot_value, origin in fragment.value_origins.items():
            target.value_origins.setdefault(slot_value, origin)
        target.origins.extend(fragment.origins)
    return merged
