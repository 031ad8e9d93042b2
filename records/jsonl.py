"""Records as JSON lines (``records.jsonl`` of a build): a record fragment a line, each value tagged with its kind."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

from records.model import Key, Origin, Record, Text, Value


def encode(value: Value) -> str | int | dict[str, object]:
    """A JSON-ready form of one value (see ``decode``)."""
    if isinstance(value, Key):
        return {"key": [value.type, value.ref]}
    if isinstance(value, Text):
        return {"text": value.value, "lang": value.lang}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": format(value, "f")}
    return value


def decode(data: object, keys: dict[tuple[str, str], Key] | None = None) -> Value:
    """The value ``encode`` wrote; a Key already in ``keys`` is that same object (see ``from_json``).

    Raises ValueError for data ``encode`` never writes (e.g. a float or null).
    """
    if isinstance(data, dict):
        if "key" in data:
            type_, ref = data["key"]
            return _key(type_, ref, keys)
        if "text" in data:
            return Text(data["text"], data["lang"])
        if "date" in data:
            return dt.date.fromisoformat(data["date"])
        return Decimal(data["decimal"])
    if isinstance(data, str | int):
        return data
    raise ValueError(f"expected a value as records.jsonl writes it, not {data!r}")


def to_json(record: Record) -> dict[str, object]:
    """A record as plain JSON data: ``{"type", "ref", "values": {slot: [...]}, "origins": ["file:line"]}``."""
    return {
        "type": record.key.type,
        "ref": record.key.ref,
        "values": {s: [encode(v) for v in vs] for s, vs in record.values.items()},
        "origins": [str(o) for o in record.origins],
    }


def from_json(item: dict[str, Any], keys: dict[tuple[str, str], Key] | None = None) -> Record:
    """The record ``to_json`` wrote. Pass the same ``keys`` dict for every line of a file to hold each Key once
    (a source or a partner named on many lines)."""
    origins = [Origin(sys.intern(f), int(line)) for f, _, line in (o.rpartition(":") for o in item["origins"])]
    values = {s: tuple(decode(v, keys) for v in vs) for s, vs in item["values"].items()}
    return Record(_key(item["type"], item["ref"], keys=keys), values, origins)


def _key(type_: str, ref: str, keys: dict[tuple[str, str], Key] | None) -> Key:
    if keys is None:
        return Key(type_, ref)
    key = keys.get((type_, ref))
    if key is None:
        key = keys[type_, ref] = Key(sys.intern(type_), ref)
    return key
