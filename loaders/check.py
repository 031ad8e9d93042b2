"""Check record fragments as they are read against the schema and the domain: slots, required values, links, dates."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph.iri import slugify
from loaders.inputs import tables
from loaders.workbook import heading, table_of_file
from ontology.vocab import vocabulary
from records.findings import N_, Finding, Severity, Term, finding
from records.model import Key, Origin, Record, Text, Value, digest, merge


@cache
def defined_in() -> dict[str, str]:
    """Type -> the file that defines its entities (``Municipality`` -> ``municipalities.csv``), from the table
    declarations (loaders.inputs), for messages about unknown references."""
    return {t.defines: f"{t.name}.csv" for t in tables() if t.defines}


@cache
def _columns() -> dict[str, dict[str, str]]:
    """Table name -> slot -> the column its cells come from, where the names differ (Column.slots, the first
    column that declares a slot); ``id`` is the column naming the entity a row adds to (the first key column)."""
    declared: dict[str, dict[str, str]] = {}
    for table in tables():
        columns = declared[table.name] = {"id": table.key[0]}
        for column in table.columns:
            for slot in column.slots:
                columns.setdefault(slot, column.name)
    return declared


def column_of(file: str, slot: str) -> str:
    """The column of ``file``'s table that holds ``slot`` (the slot's own name where nothing else is declared);
    in a workbook sheet, its heading there (loaders.workbook)."""
    table = table_of_file(file)
    column = _columns().get(table, {}).get(slot, slot)
    return heading(table, column) if file.endswith("]") else column


def shown(value: Value) -> str:
    """A value as the user wrote it: source keys in capitals, other references by their ref."""
    if isinstance(value, Key):
        return value.ref.upper().replace("-", "_") if value.type == "Source" else value.ref
    return str(value)


def _finding(
    rec: Record, severity: Severity, slot: str, template: str, value: Value | None = None, /, **args: object
) -> Finding:
    origin = rec.origin_of(slot, value)
    return finding(
        severity,
        origin.file,
        origin.line,
        column_of(origin.file, slot) if slot else "",
        template,
        None if value is None else shown(value),
        **args,
    )


def _digest(key: Key) -> bytes:
    """What the checker keeps of each entity read (``records.model.digest``)."""
    return digest(f"{key.type}/{key.ref}")


@dataclass
class Checker:
    """Checks record fragments one at a time, as they are read, against the schema and the fragments before them.

    A fragment is what one row says of one entity. The file that defines a type (defined_in) gives an entity's
    required values; other files only add to entities of files read before them (a partner row adds its
    organisation to a project, a population row a figure to a municipality). So the checker keeps only a digest
    of each key read, the single values added by other files (a second, different one is an error) and the
    municipalities, which are few and checked together by ``finish``. No loader lets a second file set a single
    value that the defining file has a column for, so those two never need comparing.
    """

    defined: set[bytes] = field(default_factory=set)
    added: dict[bytes, tuple[Value, Origin]] = field(default_factory=dict)
    ahead: list[tuple[Record, str, Key]] = field(default_factory=list)
    """References to entities not read yet (e.g. a successor lower in municipalities.csv), checked by ``finish``."""
    municipalities: dict[Key, Record] = field(default_factory=dict)
    arrondissements: dict[Key, Record] = field(default_factory=dict)
    """The arrondissements read (few), for finding what lies within what (loaders.places)."""
    entities: Counter[str] = field(default_factory=Counter)
    """Entities per type, counted on their defining row."""
    agents: dict[str, tuple[str, Origin]] = field(default_factory=dict)
    """The first spelling of each agent's name (a source's publisher), by the slug the graph names it by."""

    def check(self, rec: Record, defining: bool | None = None) -> list[Finding]:
        """Findings for one fragment: its type, required values, slots, links read so far and period.

        ``defining`` says whether the fragment is an entity's defining row; by default, whether it comes from the
        type's file (defined_in; a list of operations defines its projects too, and says so).
        """
        vocab = vocabulary()
        cls = vocab.classes.get(rec.key.type)
        if cls is None or cls.abstract:
            return [
                _finding(rec, Severity.ERROR, "", N_("expected a known entity type, not {type}"), type=rec.key.type)
            ]
        digest, findings = _digest(rec.key), []
        if defining is None:
            defining = table_of_file(defined_in().get(rec.key.type, rec.origins[0].file)) == table_of_file(
                rec.origins[0].file
            )
        if defining:
            self.defined.add(digest)
            self.entities[rec.key.type] += 1
            findings += _missing(rec, cls.slots)
        elif digest not in self.defined:
            # e.g. a partner row for a project that projects.csv lacks: one error, not one per slot
            return [
                _finding(
                    rec,
                    Severity.ERROR,
                    "id",
                    N_("expected a reference to an existing {type} (not found in {file})"),
                    rec.key,
                    type=Term(rec.key.type),
                    file=defined_in()[rec.key.type],
                )
            ]
        if rec.key.type == "Municipality":
            merge([rec], self.municipalities)
        elif rec.key.type == "Arrondissement":
            merge([rec], self.arrondissements)
        for slot, values in rec.values.items():
            if slot not in cls.slots:
                findings.append(
                    _finding(
                        rec,
                        Severity.ERROR,
                        slot,
                        N_("expected no {slot} on a {type}"),
                        slot=slot,
                        type=Term(rec.key.type),
                    )
                )
                continue
            if vocab.slots[slot].names_agent:
                findings += self._one_spelling(rec, slot)
            if not defining and not vocab.slots[slot].multivalued:
                findings += self._once(rec, digest, slot)
            for value in values:
                if not isinstance(value, Key):
                    continue
                if _digest(value) in self.defined:
                    findings += _in_range(rec, slot, value)
                else:
                    self.ahead.append((rec, slot, value))
        return findings + _check_periods(rec)

    def exists(self, key: Key) -> None:
        """Note that ``key`` is defined by a row that could not be read whole (Reading reports that row), so that
        references to it are not reported again."""
        self.defined.add(_digest(key))

    def known(self, key: Key) -> bool:
        """Whether an entity with ``key`` was defined by a fragment read so far."""
        return _digest(key) in self.defined

    def _once(self, rec: Record, digest: bytes, slot: str) -> list[Finding]:
        """A single-valued slot that another file already gave a different value is an error."""
        value = rec.values[slot][0]
        first = self.added.setdefault(digest + slot.encode(), (value, rec.origin_of(slot, value)))
        if first[0] == value:
            return []
        return [
            _finding(
                rec,
                Severity.ERROR,
                slot,
                N_("expected one value for {slot} of {key}; {origin} already gives {first}"),
                value,
                slot=slot,
                key=str(rec.key),
                origin=str(first[1]),
                first=shown(first[0]),
            )
        ]

    def _one_spelling(self, rec: Record, slot: str) -> list[Finding]:
        """An agent's name spelt two ways is an error: the graph names an agent by the slug of its name
        (graph.iri.agent), so ``Trends (Knack)`` and ``Trends / Knack`` would be one agent with two names."""
        findings = []
        for value in rec.values[slot]:
            name = str(value)
            first, where = self.agents.setdefault(slugify(name), (name, rec.origin_of(slot, value)))
            if first != name:
                message = f"expected one spelling per {slot}; {where} spells this one {first!r}"
                findings.append(_finding(rec, Severity.ERROR, slot, message, value))
        return findings

    def finish(self) -> list[Finding]:
        """Findings that need every fragment read: links to entities never read, territories, deelregio's."""
        findings = []
        for rec, slot, value in self.ahead:
            if _digest(value) in self.defined:
                findings += _in_range(rec, slot, value)
            else:
                findings.append(
                    _finding(
                        rec,
                        Severity.ERROR,
                        slot,
                        N_("expected a reference to an existing {type} (not found in {file})"),
                        value,
                        type=Term(value.type),
                        file=defined_in().get(value.type, value.type),
                    )
                )
        return findings + _check_territories(self.municipalities) + _unassigned(self.municipalities)


def _missing(rec: Record, slots: dict[str, dict[str, Any]]) -> list[Finding]:
    """Required slots the defining row leaves empty."""
    findings = []
    for slot, spec in slots.items():
        if spec["required"] and not rec.values.get(slot):
            column = column_of(rec.origins[0].file, slot)
            if slot == "label":
                findings.append(
                    _finding(
                        rec,
                        Severity.ERROR,
                        slot,
                        N_("expected a name (name_nl or name_en) for {key}"),
                        key=str(rec.key),
                    )
                )
            else:
                findings.append(
                    _finding(
                        rec,
                        Severity.ERROR,
                        slot,
                        N_("expected a value for {column} for {key}"),
                        column=column,
                        key=str(rec.key),
                    )
                )
    return findings


def _in_range(rec: Record, slot: str, value: Key) -> list[Finding]:
    """A link to an entity of the slot's range (e.g. a member that is a Municipality, Organisation or Subregion)."""
    vocab = vocabulary()
    target_range = vocab.classes[rec.key.type].slots[slot]["range"]
    if vocab.is_a(value.type, target_range):
        return []
    return [
        _finding(
            rec,
            Severity.ERROR,
            slot,
            N_("expected a {range}, not a {type}"),
            value,
            range=Term(target_range),
            type=Term(value.type),
        )
    ]


def _last_day(day: dt.date, precision: str | None) -> dt.date:
    """The last day of the period a (possibly partial) date names."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def _check_periods(rec: Record) -> list[Finding]:
    """An end (of a period, or of a municipality's existence) is not before its start."""
    pairs = (("start_date", "end_date"), ("valid_from", "valid_through"))
    findings = []
    for start_slot, end_slot in pairs:
        start, end = rec.one(start_slot, dt.date), rec.one(end_slot, dt.date)
        if start is None or end is None:
            continue
        precision = rec.one("end_precision", str) if end_slot == "end_date" else None
        if _last_day(end, precision) < start:
            findings.append(
                _finding(
                    rec,
                    Severity.ERROR,
                    end_slot,
                    N_("expected an end on or after the start ({column} {start})"),
                    end,
                    column=column_of(rec.origin_of(start_slot, start).file, start_slot),
                    start=start,
                )
            )
    return findings


def _check_territories(municipalities: dict[Key, Record]) -> list[Finding]:
    """NIS codes agree with the arrondissement (second digit) and mergers leave no gap in time."""
    findings = []
    for rec in municipalities.values():
        arrondissement = rec.one("sf_within", Key)
        if arrondissement is not None and arrondissement.ref[:2] != rec.key.ref[:2]:
            findings.append(
                _finding(
                    rec,
                    Severity.ERROR,
                    "sf_within",
                    N_(
                        "expected arrondissement {expected}: the first two digits of NIS code {nis} give its "
                        "arrondissement"
                    ),
                    arrondissement,
                    expected=f"{rec.key.ref[:2]}000",
                    nis=rec.key.ref,
                )
            )
        successor = rec.one("is_replaced_by", Key)
        if successor is None or successor not in municipalities:
            continue
        end, start = rec.one("valid_through", dt.date), municipalities[successor].one("valid_from", dt.date)
        if end is None or start is None or end + dt.timedelta(days=1) != start:
            findings.append(
                _finding(
                    rec,
                    Severity.ERROR,
                    "valid_through",
                    N_("expected valid_to the day before successor {successor} starts ({start})"),
                    end,
                    successor=successor.ref,
                    start=start,
                )
            )
    return findings


def _unassigned(municipalities: dict[Key, Record]) -> list[Finding]:
    """One warning per municipality with no LIRES deelregio (the membership file is incomplete)."""
    return [
        finding(
            Severity.WARNING,
            "subregion_memberships.csv",
            0,
            "",
            N_(
                "{nis} {name} has no row: not assigned to a LIRES deelregio; complete the file from the province's "
                "official list"
            ),
            nis=rec.key.ref,
            name=label.value,
        )
        for rec in municipalities.values()
        if not rec.values.get("subregion") and (label := rec.one("label", Text))
    ]
