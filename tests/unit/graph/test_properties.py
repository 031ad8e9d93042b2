"""Property tests (hypothesis): IRI minting round-trips, readers survive any bytes, cells read what they write."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.iri import UnknownIri, document, key_from_path, mint, parse
from graph.quads import quads
from loaders import cells
from loaders.territories import SUBREGIONS
from ontology.vocab import vocabulary
from records.findings import DataError
from records.jsonl import from_json, to_json
from records.model import Key, Record, Text

BASES = st.sampled_from(["https://w3id.org/lires/", "http://127.0.0.1:8000/", "https://data.example.be/graph/lires/"])
TYPES = st.sampled_from([c.name for c in vocabulary().concrete()])
REFS = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?", fullmatch=True)
ANY_TEXT = st.text(max_size=60)


@given(BASES, TYPES, REFS)
def test_minted_iris_round_trip_and_are_valid_iris(base, type_, ref):
    key = Key(type_, ref)
    iri = mint(base, key)
    assert parse(base, iri) == key
    assert ox.NamedNode(iri).value == iri
    assert document(base, key) == iri.replace(f"{base}id/", f"{base}doc/", 1)
    assert key_from_path(vocabulary().classes[type_].path, ref) == key


@given(BASES, TYPES, ANY_TEXT)
def test_any_text_either_mints_a_clean_iri_or_is_refused(base, type_, ref):
    try:
        iri = mint(base, Key(type_, ref))
    except ValueError:
        return
    tail = iri[len(base) :]
    assert all(c.isascii() and (c.isalnum() or c in "/-") for c in tail), iri
    assert parse(base, iri) == Key(type_, ref)


@given(st.text(max_size=30), ANY_TEXT)
def test_url_segments_give_a_key_or_unknown_iri(path, ref):
    try:
        key = key_from_path(path, ref)
    except UnknownIri:
        return
    assert mint("https://w3id.org/lires/", key).endswith(f"/{path}/{ref}")


LETTERS = st.text(
    alphabet=st.characters(codec="ascii", categories=["L", "N"]) | st.sampled_from("éèëêïîôöüûçà -'&()"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() and t.strip().lower() != "nan")
"""Cell text that survives every encoding the reader accepts: ASCII and accented lower-case letters, whose
Windows-1252 bytes (E0-FF) can never form UTF-8, so the two encodings cannot be confused."""


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(REFS, LETTERS, LETTERS), min_size=1, max_size=8, unique_by=lambda r: r[0]),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_any_table_written_by_a_spreadsheet_reads_back(rows, delimiter, encoding, newline):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["ref", "name_nl", "name_en", "description_en", "sources"])
    for ref, nl, en in rows:
        writer.writerow([ref, nl, en, "", "ERZIT_LIRES"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subregions.csv"
        path.write_bytes(out.getvalue().encode(encoding))
        read, findings = SUBREGIONS.read(path)
    assert findings == []
    assert [(r["ref"], r["name_nl"], r["name_en"]) for r in read] == [(f, n.strip(), e.strip()) for f, n, e in rows]


@settings(max_examples=150)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: ("ref,name_nl,sources\n" + t).encode()))
def test_any_bytes_give_rows_or_a_data_error(content):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "subregions.csv"
        path.write_bytes(content)
        try:
            rows, findings = SUBREGIONS.read(path)
        except DataError as exc:
            assert all(f.file == "subregions.csv" and f.message for f in exc.findings)
            return
    assert all(f.file == "subregions.csv" and f.line >= 1 for f in findings)
    assert all(r.origin.line >= 2 for r in rows)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_belgian_and_english_amounts_read_the_same(amount):
    whole, cents = f"{amount:,.2f}".split(".")
    assert cells.decimal(whole.replace(",", ".") + "," + cents) == amount
    assert cells.decimal(whole + "." + cents) == amount
    assert cells.decimal(f"{amount:.2f}") == amount


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999), st.sampled_from(".,"))
def test_one_separator_before_three_digits_is_always_refused(head, tail, separator):
    with pytest.raises(cells.CellError, match="unambiguous"):
        cells.decimal(f"{head}{separator}{tail:03d}")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_dates_read_day_first_in_every_notation(day):
    for text in (
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d.%m.%Y"),
        f"{day.day}-{day.month}-{day.year}",
    ):
        assert cells.partial_date(text) == (day, "day")
    assert cells.partial_date(day.strftime("%m/%Y")) == (day.replace(day=1), "month")


@given(st.text(max_size=8))
def test_nis_codes_are_exactly_five_digits(text):
    if len(text) == 5 and all(c in "0123456789" for c in text):
        assert cells.nis_code(text) == text
    else:
        with pytest.raises(cells.CellError):
            cells.nis_code(text)


VALUES = st.one_of(
    st.builds(Text, ANY_TEXT, st.sampled_from(["nl", "en"])),
    st.integers(0, 10**9),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.dates(),
    st.builds(Key, TYPES, REFS),
    ANY_TEXT,
)


@given(
    st.lists(
        st.builds(
            Record,
            st.builds(Key, TYPES, REFS),
            st.dictionaries(
                st.sampled_from(["label", "description", "notation", "theme"]),
                st.lists(VALUES, min_size=1, max_size=3).map(tuple),
                max_size=3,
            ),
        ),
        max_size=5,
    )
)
def test_records_survive_their_json_form(records):
    assert [(r.key, r.values) for r in map(from_json, map(to_json, records))] == [(r.key, r.values) for r in records]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT.filter(str.strip), st.sampled_from(["nl", "en"]))
def test_any_name_survives_the_rdf_projection(name, lang):
    record = Record(Key("Subregion", "noord-limburg"), {"label": (Text(name, lang),)})
    graph = ox.serialize(list(quads("https://w3id.org/lires/", [record])), format=ox.RdfFormat.N_TRIPLES)
    parsed = list(ox.parse(graph, format=ox.RdfFormat.N_TRIPLES))
    assert ox.Literal(name, language=lang) in {t.object for t in parsed}
    assert {t.subject for t in parsed} == {ox.NamedNode("https://w3id.org/lires/id/subregion/noord-limburg")}


def test_decimal_values_keep_their_cents():
    assert cells.decimal("1.234.567,89") == Decimal("1234567.89")
