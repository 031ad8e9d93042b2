"""Check merged records against the schema and the domain: slots, required values, links, dates."""

from __future__ import annotations

import calendar
import datetime as dt

from loaders.findings import Finding, Severity
from loaders.records import Key, Record, Value
from ontology.vocab import vocabulary

DEFINED_IN = {"Source": "sources.csv", "Province": "provinces.csv", "Arrondissement": "arrondissements.csv",
              "Subregion": "subregions.csv", "Municipality": "municipalities.csv", "Organisation": "organisations.csv",
              "Strategy": "strategies.csv", "Objective": "objectives.csv", "Structure": "structures.csv",
              "Membership": "memberships.csv", "Project": "projects.csv", "Participation": "project_partners.csv"}
"""Which file defines each type, for messages about unknown references."""

COLUMNS = {"was_derived_from": "sources", "label": "name_nl", "at_location": "locations", "serves": "objectives",
           "strategy": "strategies", "is_replaced_by": "successor_nis", "valid_through": "valid_to",
           "in_scheme": "strategy", "organization": "structure", "activity": "project", "agent": "organisation",
           "was_associated_with": "organisation", "lead": "organisation", "governs": "municipality_nis",
           "organisation_kind": "kind", "strategy_kind": "kind", "structure_kind": "kind",
           ("Municipality", "sf_within"): "arrondissement_nis", ("Arrondissement", "sf_within"): "province_nis",
           ("Membership", "start_date"): "period_start", ("Membership", "end_date"): "period_end",
           ("Strategy", "start_date"): "period_start", ("Strategy", "end_date"): "period_end",
           ("Structure", "start_date"): "period_start", ("Structure", "end_date"): "period_end",
           ("Project", "start_date"): "start", ("Project", "end_date"): "end",
           ("Source", "label"): "title", ("Source", "issued"): "published", "homepage": "website",
           ("Municipality", "population_date"): "reference_date",
           ("Project", "id"): "project", ("Municipality", "id"): "nis_code"}
"""The input column a slot comes from, where its name differs, for messages that point at a cell (``id``: the
column that names an entity in a file that refers to it, e.g. a project in project_partners.csv)."""


def column_of(type_: str, slot: str) -> str:
    """The column of ``type_``'s input file that holds ``slot``."""
    return COLUMNS.get((type_, slot)) or COLUMNS.get(slot) or slot


def shown(value: Value) -> str:
    """A value as the user wrote it: source keys in capitals, other references by their ref."""
    if isinstance(value, Key):
        return value.ref.upper().replace("-", "_") if value.type == "Source" else value.ref
    return str(value)


def _finding(rec: Record, severity: Severity, slot: str, message: str, value: Value | None = None) -> Finding:
    origin = rec.origin_of(slot, value)
    return Finding(severity, origin.file, origin.line, column_of(rec.key.type, slot) if slot else "", message,
                   None if value is None else shown(value))


def check_records(records: dict[Key, Record]) -> list[Finding]:
    """Return findings for schema violations and impossible facts (ERROR) and incomplete data (WARNING)."""
    findings: list[Finding] = []
    for rec in records.values():
        findings += _check_schema(rec, records)
        findings += _check_periods(rec)
    findings += _check_territories(records)
    findings += _unassigned(records)
    return findings


def _table(file: str) -> str:
    """The table a file holds: ``projects.csv`` and ``projects.xlsx[projects]`` -> ``projects``."""
    return file[file.index("[") + 1:-1] if file.endswith("]") else file.rsplit(".", 1)[0]


def _check_schema(rec: Record, records: dict[Key, Record]) -> list[Finding]:
    vocab = vocabulary()
    cls = vocab.classes.get(rec.key.type)
    if cls is None or cls.abstract:
        return [_finding(rec, Severity.ERROR, "", f"expected a known entity type, not {rec.key.type}")]
    defined_in = DEFINED_IN.get(rec.key.type)
    if defined_in and _table(defined_in) not in {_table(o.file) for o in rec.origins}:
        # e.g. a partner row for a project that projects.csv lacks: one error, not one per missing slot
        return [_finding(rec, Severity.ERROR, "id", f"expected a reference to an existing {rec.key.type} "
                         f"(not found in {defined_in})", rec.key)]
    findings = []
    for slot, spec in cls.slots.items():
        if spec["required"] and not rec.values.get(slot):
            what = "a name (name_nl or name_en)" if slot == "label" else f"a value for {column_of(rec.key.type, slot)}"
            findings.append(_finding(rec, Severity.ERROR, slot, f"expected {what} for {rec.key}"))
    for slot, values in rec.values.items():
        if slot not in cls.slots:
            findings.append(_finding(rec, Severity.ERROR, slot, f"expected no {slot} on a {rec.key.type}"))
            continue
        target_range = cls.slots[slot]["range"]
        for value in values:
            if not isinstance(value, Key):
                continue
            if value not in records:
                file = DEFINED_IN.get(value.type, value.type)
                findings.append(_finding(rec, Severity.ERROR, slot, f"expected a reference to an existing {value.type} "
                                         f"(not found in {file})", value))
            elif not vocab.is_a(value.type, target_range):
                findings.append(_finding(rec, Severity.ERROR, slot, f"expected a {target_range}, not a {value.type}",
                                         value))
    return findings


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
        start, end = rec.first(start_slot), rec.first(end_slot)
        if start is None or end is None:
            continue
        precision = rec.first(end_slot.replace("_date", "_precision"))
        if _last_day(end, precision if end_slot == "end_date" else None) < start:
            findings.append(_finding(rec, Severity.ERROR, end_slot, f"expected an end on or after the start "
                                     f"({column_of(rec.key.type, start_slot)} {start})", end))
    return findings


def _check_territories(records: dict[Key, Record]) -> list[Finding]:
    """NIS codes agree with the arrondissement (second digit) and mergers leave no gap in time."""
    findings = []
    for rec in records.values():
        if rec.key.type != "Municipality":
            continue
        arrondissement = rec.first("sf_within")
        if isinstance(arrondissement, Key) and arrondissement.ref[:2] != rec.key.ref[:2]:
            findings.append(_finding(rec, Severity.ERROR, "sf_within", f"expected arrondissement {rec.key.ref[:2]}000: "
                                     f"the first two digits of NIS code {rec.key.ref} give its arrondissement",
                                     arrondissement))
        successor = rec.first("is_replaced_by")
        if successor is None or successor not in records:
            continue
        end, start = rec.first("valid_through"), records[successor].first("valid_from")
        if end is None or start is None or end + dt.timedelta(days=1) != start:
            findings.append(_finding(rec, Severity.ERROR, "valid_through", f"expected valid_to the day before "
                                     f"successor {successor.ref} starts ({start})", end))
    return findings


def _unassigned(records: dict[Key, Record]) -> list[Finding]:
    """One warning per municipality with no LIRES deelregio (the membership file is incomplete)."""
    return [Finding(Severity.WARNING, "subregion_memberships.csv", 0, "",
                    f"{rec.key.ref} {rec.first('label').value} has no row: not assigned to a LIRES deelregio; "
                    "complete the file from the province's official list")
            for rec in records.values()
            if rec.key.type == "Municipality" and not rec.values.get("subregion") and rec.first("label")]
