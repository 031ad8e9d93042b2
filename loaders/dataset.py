"""Read a data directory into canonical records, checked as they stream by, or fail with every finding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.aliases import alias_index
from loaders.check import Checker
from loaders.inputs import ALIASES, OPERATIONS, OPTIONAL, tables
from loaders.operations import operation_records, operations_file, operations_table, programme_findings, read_operations
from loaders.opsmap import load_map
from loaders.places import Territories
from loaders.statbel import read_statbel
from loaders.table import Row, Table
from loaders.territories import latest_population
from records.findings import DataError, Finding, Severity
from records.model import Record, Text


def _table_file(directory: Path, table: Table) -> Path | None:
    """The file for a table: ``{name}.csv`` (or .txt/.tsv), else the project workbook sheet."""
    for suffix in (".csv", ".tsv", ".txt"):
        if (path := directory / f"{table.name}{suffix}").exists():
            return path
    workbook = directory / "projects.xlsx"
    if table.name in ("projects", "project_partners") and workbook.exists():
        return workbook
    return None


@dataclass
class Reading:
    """One pass over a data directory: ``fragments()`` yields what each row says, checked as it is read; then
    ``raise_errors()`` refuses the data if anything was wrong. Holds no row and no record after it is used,
    so a data set of any size streams through (see ``loaders.check.Checker`` for what is kept)."""

    directory: Path
    progress: Callable[[str], None] = lambda _: None
    files: list[str] = field(default_factory=list)
    read_findings: list[Finding] = field(default_factory=list)
    """Unreadable files, rows and cells."""
    check_findings: list[Finding] = field(default_factory=list)
    """What the records say against the schema and each other."""
    checker: Checker = field(default_factory=Checker)

    @property
    def findings(self) -> list[Finding]:
        """Every finding so far, those of reading first."""
        return self.read_findings + self.check_findings

    def fragments(self) -> Iterator[Record]:
        """Every record fragment of the directory, in table order (a file adds only to entities of files before
        it). Findings go to ``read_findings`` and ``check_findings``; nothing is raised."""
        if not self.directory.is_dir():
            self.read_findings.append(Finding(Severity.ERROR, str(self.directory), 0, "", "expected a data directory"))
            return
        populations: list[Record] = []
        for table in tables():
            path = _table_file(self.directory, table)
            if path is None:
                if table.name not in OPTIONAL:
                    self.read_findings.append(
                        Finding(Severity.ERROR, f"{table.name}.csv", 0, "", "expected this file (required)")
                    )
                continue
            self.progress(path.name)
            self.files.append(path.name)
            before, rows = len(self.read_findings), 0
            try:
                for row in table.rows(path, self.read_findings):
                    rows += 1
                    for fragment in table.to_records(row):
                        if table.combine is latest_population:
                            populations.append(fragment)
                        else:
                            yield from self._checked(fragment)
            except DataError as exc:
                self.read_findings += exc.findings
                continue
            if not rows and len(self.read_findings) == before and table.name not in OPTIONAL:
                sheet = f"[{table.sheet or table.name}]" if path.suffix.lower() == ".xlsx" else ""
                self.read_findings.append(
                    Finding(
                        Severity.ERROR,
                        path.name + sheet,
                        1,
                        "",
                        "expected data rows below the header; the file has none (this table is required)",
                    )
                )
        yield from self._operations()
        populations += self._statbel()
        for fragment in latest_population(populations, self.read_findings):
            yield from self._checked(fragment)
        self.check_findings += self.checker.finish()

    def _checked(self, fragment: Record, defining: bool | None = None, table: Table | None = None) -> Iterator[Record]:
        """``fragment`` after checking it (``defining`` as in Checker.check); findings about a slot of a ``table``
        read through a map name the publisher's column that fills it."""
        findings = self.checker.check(fragment, defining)
        self.check_findings += [table.located(f) for f in findings] if table else findings
        yield fragment

    def _operations(self) -> Iterator[Record]:
        """Projects from the lists of operations in ``operations/`` (each ``{name}.toml`` map with its
        ``{name}.csv`` or ``{name}.xlsx``), their beneficiaries named through organisation_aliases.csv.

        Unreadable cells, places and municipalities are reading findings; references to what other files lack
        (an alias, an objective, the programme) are check findings, so a broken other file does not hide them."""
        folder = self.directory / OPERATIONS
        maps = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        aliases_file = _table_file(self.directory, ALIASES)
        if not maps and aliases_file is None:
            return
        rows: list[Row] = []
        if aliases_file is not None:
            self.progress(aliases_file.name)
            self.files.append(aliases_file.name)
            try:
                rows = list(ALIASES.rows(aliases_file, self.read_findings))
            except DataError as exc:
                self.read_findings += exc.findings
        aliases = alias_index(rows, self.checker.known, self.check_findings)
        territories = Territories.of(self.checker.municipalities, self.checker.arrondissements)
        for map_path in maps:
            try:
                ops_map = load_map(map_path)
                self.check_findings += programme_findings(ops_map, self.checker.known)
                path = operations_file(ops_map)
                self.progress(f"{OPERATIONS}/{path.name}")
                self.files.append(f"{OPERATIONS}/{path.name}")
                table = operations_table(ops_map)
                for operation in read_operations(path, ops_map, territories, self.read_findings):
                    for fragment, defining in operation_records(
                        operation, ops_map, aliases, self.checker.known, self.check_findings
                    ):
                        yield from self._checked(fragment, defining, table)
            except DataError as exc:
                self.read_findings += exc.findings

    def _statbel(self) -> list[Record]:
        """Population figures from Statbel open-data files in ``statbel/``, for the municipalities read."""
        folder = self.directory / "statbel"
        known = {k.ref: label.value for k, r in self.checker.municipalities.items() if (label := r.one("label", Text))}
        figures: list[Record] = []
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            self.progress(path.name)
            self.files.append(f"statbel/{path.name}")
            try:
                records, findings = read_statbel(path, known)
            except DataError as exc:
                self.read_findings += exc.findings
                continue
            figures += records
            self.read_findings += findings
        return figures

    def raise_errors(self) -> None:
        """Raise DataError listing every ERROR finding (file, line, column, value, expected), if there is one.

        When rows could not be read, only those are listed: their absence would cascade into false errors.
        """
        for findings in (self.read_findings, self.findings):
            if any(f.severity is Severity.ERROR for f in findings):
                raise DataError(findings)
