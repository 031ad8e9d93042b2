"""CSV per entity type, for spreadsheet users: one row per entity, one column per schema slot.

Columns: ``iri``, ``ref``, then the class's slots (``label`` first, ``was_derived_from``
last). Language-tagged slots get one column per language (``label_nl``, ``label_en``); links
hold the target's IRI; several values are joined with ``"; "``. Files are UTF-8 with a byte
order mark (so Excel reads the accents right), RFC 4180 quoting and CRLF line ends; a cell that a spreadsheet
would run as a formula starts with ``'`` (graph.publish.sheets).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from decimal import Decimal

from graph.iri import mint
from graph.publish.sheets import RFC4180_BOM, Sheet, csv_bytes
from ontology.vocab import ClassDef, vocabulary
from records.model import Key, Record, Text, Value

LANGUAGES = ("nl", "en")
SEPARATOR = "; "


def columns(cls: ClassDef) -> list[str]:
    """The CSV header of one class."""
    vocab = vocabulary()
    slots = sorted(cls.slots, key=lambda s: (s != "label", s == "was_derived_from", s))
    out = ["iri", "ref"]
    for slot in slots:
        if vocab.slots[slot].language_tagged:
            out += [f"{slot}_{lang}" for lang in LANGUAGES]
        else:
            out.append(slot)
    return out


def _cell(base: str, value: Value) -> str:
    if isinstance(value, Key):
        return mint(base, value)
    if isinstance(value, Text):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def row(base: str, record: Record) -> dict[str, str]:
    """One record as a CSV row: column -> text."""
    out = {"iri": mint(base, record.key), "ref": record.key.ref}
    for slot, values in record.values.items():
        texts = [v for v in values if isinstance(v, Text)]
        if texts:
            for lang in LANGUAGES:
                out[f"{slot}_{lang}"] = SEPARATOR.join(t.value for t in texts if t.lang == lang)
        else:
            out[slot] = SEPARATOR.join(_cell(base, v) for v in values)
    return out


def table(base: str, cls: ClassDef, records: Iterable[Record]) -> bytes:
    """The CSV file of one class: its records sorted by ref (graph.publish.sheets, RFC 4180 with a BOM)."""
    header = columns(cls)
    rows = [row(base, r) for r in sorted((r for r in records if r.key.type == cls.name), key=lambda r: r.key.ref)]
    return csv_bytes(Sheet(cls.name, header, [[r.get(c, "") for c in header] for r in rows]), RFC4180_BOM)


def present(records: Iterable[Record]) -> dict[str, ClassDef]:
    """File name (``municipality.csv``) -> class, for every class with at least one record."""
    types = {r.key.type for r in records}
    return {f"{cls.path}.csv": cls for cls in vocabulary().concrete() if cls.name in types}


def tables(base: str, records: Iterable[Record]) -> dict[str, bytes]:
    """File name (``municipality.csv``) -> CSV file, for every class with records."""
    records = list(records)
    return {name: table(base, cls, records) for name, cls in present(records).items()}


def zipped(files: dict[str, bytes], modified: dt.datetime) -> bytes:
    """A ZIP archive of ``files`` (name -> content), deflated, each file dated ``modified``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=modified.timetuple()[:6])
            archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
