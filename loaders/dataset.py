"""Load a whole data directory into one set of canonical records, or fail with every finding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.check import check_records, column_of
from loaders.findings import DataError, Finding, Severity
from loaders.organisations import organisations_table
from loaders.projects import PROJECT_PARTNERS, projects_table
from loaders.records import Key, Record
from loaders.sources import SOURCES
from loaders.statbel import read_statbel
from loaders.strategies import OBJECTIVES, strategies_table
from loaders.structures import MEMBERSHIPS, structures_table
from loaders.table import Table
from loaders.territories import (ARRONDISSEMENTS, MUNICIPALITIES, POPULATIONS, PROVINCES, SUBREGION_MEMBERSHIPS,
                                 SUBREGIONS, latest_population)
from ontology.vocab import vocabulary


def tables() -> list[Table]:
    """Every kind of input file, in load order."""
    return [SOURCES, PROVINCES, ARRONDISSEMENTS, SUBREGIONS, MUNICIPALITIES, POPULATIONS, SUBREGION_MEMBERSHIPS,
            organisations_table(), strategies_table(), OBJECTIVES, structures_table(), MEMBERSHIPS,
            projects_table(), PROJECT_PARTNERS]


OPTIONAL = {"populations", "subregion_memberships", "memberships", "project_partners"}
"""Tables whose file may be absent; every other table must be present."""


@dataclass
class Dataset:
    """The canonical records of a data directory, by key, with the non-fatal findings."""

    records: dict[Key, Record]
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def of_type(self, type_: str) -> list[Record]:
        """Records of one schema class, ordered by ref."""
        return sorted((r for k, r in self.records.items() if k.type == type_), key=lambda r: r.key.ref)


def _table_file(directory: Path, table: Table) -> Path | None:
    """The file for a table: ``{name}.csv`` (or .txt/.tsv), else the project workbook sheet."""
    for suffix in (".csv", ".tsv", ".txt"):
        if (path := directory / f"{table.name}{suffix}").exists():
            return path
    workbook = directory / "projects.xlsx"
    if table.name in ("projects", "project_partners") and workbook.exists():
        return workbook
    return None


def merge(records: list[Record], findings: list[Finding]) -> dict[Key, Record]:
    """Merge records that share a key; a single-valued slot with two different values is an error."""
    vocab = vocabulary()
    merged: dict[Key, Record] = {}
    for rec in records:
        if rec.key not in merged:
            merged[rec.key] = Record(rec.key, dict(rec.values), list(rec.origins), dict(rec.value_origins))
            continue
        target = merged[rec.key]
        for slot, values in rec.values.items():
            combined = tuple(dict.fromkeys(target.values.get(slot, ()) + values))
            slot_def = vocab.slots.get(slot)
            if slot_def and not slot_def.multivalued and len(combined) > 1:
                origin = rec.origin_of(slot)
                findings.append(Finding(Severity.ERROR, origin.file, origin.line, column_of(rec.key.type, slot),
                                        f"expected one value for {slot} of {rec.key}; {target.origin_of(slot)} "
                                        f"already gives {target.values[slot][0]!s}", str(values[0])))
                continue
            target.values[slot] = combined
            for value in values:
                target.value_origins.setdefault((slot, value), rec.origin_of(slot, value))
        target.origins.extend(rec.origins)
    return merged


def load_dataset(directory: Path, progress: Callable[[str], None] = lambda _: None) -> Dataset:
    """Read every known file in ``directory`` and return its merged, checked records.

    Raises DataError listing every ERROR finding (file, line, column, value, expected);
    warnings (e.g. municipalities without a LIRES subregion) are kept on the Dataset.
    """
    if not directory.is_dir():
        raise DataError([Finding(Severity.ERROR, str(directory), 0, "", "expected a data directory")])
    findings: list[Finding] = []
    records: list[Record] = []
    populations: list[Record] = []
    files: list[str] = []
    for table in tables():
        path = _table_file(directory, table)
        if path is None:
            if table.name not in OPTIONAL:
                findings.append(Finding(Severity.ERROR, f"{table.name}.csv", 0, "", "expected this file (required)"))
            continue
        progress(path.name)
        files.append(path.name)
        try:
            rows, table_findings = table.read(path)
        except DataError as exc:
            findings += exc.findings
            continue
        findings += table_findings
        if not rows and not table_findings and table.name not in OPTIONAL:
            sheet = f"[{table.sheet or table.name}]" if path.suffix.lower() == ".xlsx" else ""
            findings.append(Finding(Severity.ERROR, path.name + sheet, 1, "", "expected data rows below the header; "
                                    "the file has none (this table is required)"))
        produced = [rec for row in rows for rec in table.to_records(row)]
        (populations if table.combine is latest_population else records).extend(produced)
    known = {r.key.ref: r.first("label").value for r in records if r.key.type == "Municipality" and r.first("label")}
    for path in sorted((directory / "statbel").glob("*.txt")) if (directory / "statbel").is_dir() else []:
        progress(path.name)
        files.append(f"statbel/{path.name}")
        try:
            statbel_records, statbel_findings = read_statbel(path, known)
        except DataError as exc:
            findings += exc.findings
            continue
        populations += statbel_records
        findings += statbel_findings
    records += latest_population(populations, findings)
    if any(f.severity is Severity.ERROR for f in findings):
        raise DataError(findings)  # fix unreadable rows first: their absence would only cascade into false errors
    merged = merge(records, findings)
    findings += check_records(merged)
    if any(f.severity is Severity.ERROR for f in findings):
        raise DataError(findings)
    return Dataset(merged, findings, files)
