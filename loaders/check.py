"""Check records against the schema: slots, required values, links and merger dates.

Findings name schema slots in their ``column``; loaders.dataset turns them into the
spreadsheet column of the file each finding points at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from loaders.findings import Finding, Severity
from loaders.records import Key, Record
from ontology.vocab import vocabulary

DEFINED_IN = {"Source": "sources", "Province": "provinces", "Arrondissement": "arrondissements",
              "Subregion": "subregions", "Municipality": "municipalities", "Organisation": "organisations",
              "Strategy": "strategies", "Objective": "objectives", "Structure": "structures",
              "Membership": "memberships", "Project": "projects", "Participation": "project_partners"}
"""The table that defines each type (its file is ``{table}.csv``), for messages about unknown references."""


def table_of(file: str) -> str:
    """The table name of a finding's file: ``projects.csv`` and ``projects.xlsx[projects]`` -> ``projects``."""
    if file.endswith("]") and "[" in file:
        return file[file.index("[") + 1:-1]
    return file.rsplit(".", 1)[0]


def _finding(rec: Record, severity: Severity, column: str, message: str, value: str | None = None) -> Finding:
    origin = rec.origins[0]
    return Finding(severity, origin.file, origin.line, column, message, value)


def _unknown(type_: str) -> str:
    return f"expected a reference to an existing {type_} (not found in {DEFINED_IN.get(type_, type_)}.csv)"


def check_records(records: dict[Key, Record], rows: Iterable[Record]) -> list[Finding]:
    """Return findings for schema violations (ERROR) and incomplete data (WARNING).

    ``records`` are the merged records by key; ``rows`` the records as each row produced
    them (one origin each), so that a bad link is reported on the row that wrote it.
    """
    vocab = vocabulary()
    findings: list[Finding] = []
    for key, rec in records.items():
        cls = vocab.classes.get(key.type)
        if cls is None or cls.abstract:
            findings.append(_finding(rec, Severity.ERROR, "", f"expected a known entity type, not {key.type}"))
            continue
        if key.type in DEFINED_IN and DEFINED_IN[key.type] not in {table_of(o.file) for o in rec.origins}:
            findings.append(_finding(rec, Severity.ERROR, "id", _unknown(key.type), key.ref))
            continue
        for slot, spec in cls.slots.items():
            if spec["required"] and not rec.values.get(slot):
                what = "a name (name_nl or name_en)" if slot == "label" else f"a value for {slot}"
                findings.append(_finding(rec, Severity.ERROR, slot, f"expected {what} for {key}"))
    for rec in rows:
        cls = vocab.classes.get(rec.key.type)
        if cls is None:
            continue
        for slot, values in rec.values.items():
            if slot not in cls.slots:
                findings.append(_finding(rec, Severity.ERROR, slot, f"no {slot} on a {rec.key.type}"))
                continue
            target_range = cls.slots[slot]["range"]
            for value in values:
                if not isinstance(value, Key):
                    continue
                if value not in records:
                    findings.append(_finding(rec, Severity.ERROR, slot, _unknown(value.type), value.ref))
                elif not vocab.is_a(value.type, target_range):
                    findings.append(_finding(rec, Severity.ERROR, slot,
                                             f"expected a {target_range}, not a {value.type}", value.ref))
    findings += _check_mergers(records)
    findings += _unassigned(records)
    return findings


def _check_mergers(records: dict[Key, Record]) -> list[Finding]:
    """A municipality replaced by a successor ends the day before its successor starts."""
    findings = []
    for rec in records.values():
        successor = rec.first("is_replaced_by")
        if rec.key.type != "Municipality" or successor is None or successor not in records:
            continue
        end, start = rec.first("valid_through"), records[successor].first("valid_from")
        if end is None or start is None or end + dt.timedelta(days=1) != start:
            findings.append(_finding(rec, Severity.ERROR, "valid_through", f"expected valid_to the day before "
                                     f"successor {successor.ref} starts ({start})", str(end)))
    return findings


def _unassigned(records: dict[Key, Record]) -> list[Finding]:
    """One warning per municipality with no LIRES subregion (the membership file is incomplete)."""
    return [_finding(rec, Severity.WARNING, "subregion", f"{rec.key.ref} {rec.first('label').value} is not "
                     "assigned to a LIRES subregion; complete subregion_memberships.csv from the province's list")
            for rec in records.values()
            if rec.key.type == "Municipality" and not rec.values.get("subregion") and rec.first("label")]
