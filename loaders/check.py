"""Check merged records against the schema: slots, required values, links and merger dates."""

from __future__ import annotations

import datetime as dt

from loaders.findings import Finding, Severity
from loaders.records import Key, Record
from ontology.vocab import vocabulary

DEFINED_IN = {"Source": "sources.csv", "Province": "provinces.csv", "Arrondissement": "arrondissements.csv",
              "Subregion": "subregions.csv", "Municipality": "municipalities.csv", "Organisation": "organisations.csv",
              "Strategy": "strategies.csv", "Objective": "objectives.csv", "Structure": "structures.csv",
              "Membership": "memberships.csv", "Project": "projects.csv", "Participation": "project_partners.csv"}
"""Which file defines each type, for messages about unknown references."""


def _finding(rec: Record, severity: Severity, column: str, message: str, value: str | None = None) -> Finding:
    origin = rec.origins[0]
    return Finding(severity, origin.file, origin.line, column, message, value)


def check_records(records: dict[Key, Record]) -> list[Finding]:
    """Return findings for schema violations (ERROR) and incomplete data (WARNING)."""
    vocab = vocabulary()
    findings: list[Finding] = []
    for key, rec in records.items():
        cls = vocab.classes.get(key.type)
        if cls is None or cls.abstract:
            findings.append(_finding(rec, Severity.ERROR, "", f"expected a known entity type, not {key.type}"))
            continue
        for slot, spec in cls.slots.items():
            if spec["required"] and not rec.values.get(slot):
                what = "a name (name_nl or name_en)" if slot == "label" else f"a value for {slot}"
                findings.append(_finding(rec, Severity.ERROR, slot, f"expected {what} for {key}"))
        for slot, values in rec.values.items():
            if slot not in cls.slots:
                findings.append(_finding(rec, Severity.ERROR, slot, f"no {slot} on a {key.type}"))
                continue
            target_range = cls.slots[slot]["range"]
            for value in values:
                if not isinstance(value, Key):
                    continue
                if value not in records:
                    file = DEFINED_IN.get(value.type, value.type)
                    findings.append(_finding(rec, Severity.ERROR, slot, f"expected a reference to an existing {value.type} "
                                             f"(not found in {file})", value.ref))
                elif not vocab.is_a(value.type, target_range):
                    findings.append(_finding(rec, Severity.ERROR, slot, f"expected a {target_range}, not a {value.type}",
                                             value.ref))
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
            findings.append(_finding(rec, Severity.ERROR, "valid_to", f"expected valid_to the day before successor "
                                     f"{successor.ref} starts ({start})", str(end)))
    return findings


def _unassigned(records: dict[Key, Record]) -> list[Finding]:
    """One warning per municipality with no LIRES subregion (the membership file is incomplete)."""
    return [_finding(rec, Severity.WARNING, "subregion", f"{rec.key.ref} {rec.first('label').value} is not "
                     "assigned to a LIRES subregion; complete subregion_memberships.csv from the province's list")
            for rec in records.values()
            if rec.key.type == "Municipality" and not rec.values.get("subregion") and rec.first("label")]
