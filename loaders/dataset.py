"""Read a data directory into canonical records, checked as they stream by, or fail with every finding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from loaders.aliases import alias_index
from loaders.check import Checker
from loaders.inputs import ALIASES, OPERATIONS, OPTIONAL, tables
from loaders.operations import operation_records, operations_file, operations_table, programme_findings, read_operations
from loaders.opsmap import load_map
from loaders.places import Territories
from loaders.reader import sheet_names, sheet_rows
from loaders.statbel import read_statbel
from loaders.table import Row, Table
from loaders.territories import latest_population
from loaders.workbook import LISTS_SHEET, SHEETS, table_of_sheet
from records.findings import N_, DataError, Finding, Severity, finding
from records.model import Record, Text

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
"""What a table's text file may end in (``projects.csv``)."""


@dataclass(frozen=True)
class TableFile:
    """Where a table is read from: a text file, or a ``sheet`` of a workbook."""

    path: Path
    sheet: str | None = None

    def __str__(self) -> str:
        return f"{self.path.name}[{self.sheet}]" if self.sheet else self.path.name


def table_files(directory: Path, workbook: Path | None, findings: list[Finding]) -> dict[str, TableFile]:
    """The file each table is read from: ``{table}.csv`` (or .tsv, .txt) or a sheet of a workbook (``*.xlsx``)
    in ``directory``, by the sheet names of loaders.workbook. The sheets of ``workbook``, when given (an
    uploaded workbook, kept outside the directory), take the place of the directory's files for their tables.

    A table found in two files is an error (in ``findings``) naming both: the build never chooses between them.
    A sheet that holds no table is a warning; an unreadable workbook an error.
    """
    found: dict[str, list[TableFile]] = {}
    for table in tables():
        for suffix in TEXT_SUFFIXES:
            if (path := directory / f"{table.name}{suffix}").exists():
                found.setdefault(table.name, []).append(TableFile(path))
    books = sorted(p for p in directory.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
    for book in books:
        for name, sheet in _sheets(book, findings).items():
            found.setdefault(name, []).append(TableFile(book, sheet))
    given = {} if workbook is None else {n: TableFile(workbook, s) for n, s in _sheets(workbook, findings).items()}
    chosen = {}
    for name, files in found.items():
        if len(files) > 1 and name not in given:
            findings.append(
                finding(
                    Severity.ERROR,
                    str(files[0]),
                    0,
                    "",
                    N_(
                        "the table {table} is given twice, in {files}; a table is read from one file only, so the "
                        "build does not choose: keep the file you edit and remove the table from the other (delete "
                        "the CSV file, or the sheet)"
                    ),
                    table=name,
                    files=" and ".join(map(str, files)),
                )
            )
        chosen[name] = files[0]
    return chosen | given


def _sheets(book: Path, findings: list[Finding]) -> dict[str, str]:
    """Table -> the sheet of ``book`` that holds it; a finding for an unreadable workbook or a sheet that is no
    table (the choices sheet aside)."""
    try:
        names = sheet_names(book)
    except DataError as exc:
        findings += exc.findings
        return {}
    held = {}
    for name in names:
        table = table_of_sheet(name)
        if table is not None:
            held[table] = name
        elif name != LISTS_SHEET:
            findings.append(
                finding(
                    Severity.WARNING,
                    f"{book.name}[{name}]",
                    0,
                    "",
                    N_("a sheet that holds no table of the workbook ({sheets}), ignored"),
                    sheets=", ".join(SHEETS.values()),
                )
            )
    return held


@dataclass(frozen=True)
class Step:
    """Where a long piece of work stands, for a progress bar: what it does now (``read projects.csv``), the units
    done (rows read) and the units in all (estimated from the files' line counts; None when unknown)."""

    label: str
    done: int = 0
    total: int | None = None


def _no_progress(_: Step) -> None:
    return None


def estimated_rows(source: TableFile) -> int:
    """Rows below the header, estimated without reading the file: its line count (a quoted cell that spans lines
    counts more than once), or the sheet's last row; 0 when it cannot be read (reading then says why)."""
    try:
        if source.sheet is not None:
            return max(0, sheet_rows(source.path, source.sheet) - 1)
        with open(source.path, "rb") as data:
            return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: data.read(1 << 20), b"")) - 1)
    except (OSError, DataError):
        return 0


PROGRESS_EVERY = 1000
"""Rows between two progress reports."""


@dataclass
class Reading:
    """One pass over a data directory: ``fragments()`` yields what each row says, checked as it is read; then
    ``raise_errors()`` refuses the data if anything was wrong. Holds no row and no record after it is used,
    so a data set of any size streams through (see ``loaders.check.Checker`` for what is kept).

    ``workbook`` (e.g. an uploaded one) gives the tables of its sheets in place of the directory's files.
    """

    directory: Path
    progress: Callable[[Step], None] = _no_progress
    workbook: Path | None = None
    files: list[str] = field(default_factory=list)
    read_findings: list[Finding] = field(default_factory=list)
    """Unreadable files, rows and cells."""
    check_findings: list[Finding] = field(default_factory=list)
    """What the records say against the schema and each other."""
    checker: Checker = field(default_factory=Checker)
    unread: list[str] = field(default_factory=list)
    """Files that could not be read to their end (their rows' absence would show as false reference errors)."""

    @property
    def findings(self) -> list[Finding]:
        """Every finding so far, those of reading first."""
        return self.read_findings + self.check_findings

    def fragments(self) -> Iterator[Record]:
        """Every record fragment of the directory, in table order (a file adds only to entities of files before
        it). Findings go to ``read_findings`` and ``check_findings``; nothing is raised."""
        if not self.directory.is_dir():
            self.read_findings.append(
                finding(Severity.ERROR, str(self.directory), 0, "", N_("expected a data directory"))
            )
            return
        populations: list[Record] = []
        sources = table_files(self.directory, self.workbook, self.read_findings)
        total, done = sum(estimated_rows(f) for f in sources.values()), 0
        for table in tables():
            source = sources.get(table.name)
            if source is None:
                if table.name not in OPTIONAL:
                    self.read_findings.append(
                        finding(
                            Severity.ERROR,
                            f"{table.name}.csv",
                            0,
                            "",
                            N_("expected this file, or a sheet {sheet} in a workbook (this table is required)"),
                            sheet=SHEETS.get(table.name, table.name),
                        )
                    )
                continue
            label = f"read {source}"
            self.progress(Step(label, done, total))
            self.files.append(str(source))
            before, rows = len(self.read_findings), 0
            try:
                for row in table.rows(source.path, self.read_findings, source.sheet):
                    rows += 1
                    if rows % PROGRESS_EVERY == 0:
                        self.progress(Step(label, done + rows, max(total, done + rows)))
                    if not row.complete:
                        self._exists(table, row)
                        continue
                    for fragment in table.to_records(row):
                        if table.combine is latest_population:
                            populations.append(fragment)
                        else:
                            yield from self._checked(fragment)
            except DataError as exc:
                self.read_findings += exc.findings
                self.unread.append(str(source))
                continue
            finally:
                done += rows
                self.progress(Step(label, done, max(total, done)))
            if not rows and len(self.read_findings) == before and table.name not in OPTIONAL:
                self.read_findings.append(
                    finding(
                        Severity.ERROR,
                        str(source),
                        1,
                        "",
                        N_("expected data rows below the header; the file has none (this table is required)"),
                    )
                )
        yield from self._operations(Step("", done, total))
        populations += self._statbel()
        for fragment in latest_population(populations, self.read_findings):
            yield from self._checked(fragment)
        self.check_findings += self.checker.finish()

    def _exists(self, table: Table, row: Row) -> None:
        """Note the entity a row with unreadable cells defines, so that references to it are not reported too."""
        if table.defines is None:
            return
        try:
            fragments = list(table.to_records(row))
        except (TypeError, AttributeError, KeyError):  # a cell that names the entity could not be read
            return
        for fragment in fragments:
            if fragment.key.type == table.defines:
                self.checker.exists(fragment.key)

    def _checked(self, fragment: Record, defining: bool | None = None, table: Table | None = None) -> Iterator[Record]:
        """``fragment`` after checking it (``defining`` as in Checker.check); findings about a slot of a ``table``
        read through a map name the publisher's column that fills it."""
        findings = self.checker.check(fragment, defining)
        self.check_findings += [table.located(f) for f in findings] if table else findings
        yield fragment

    def _operations(self, rows_read: Step) -> Iterator[Record]:
        """Projects from the lists of operations in ``operations/`` (each ``{name}.toml`` map with its
        ``{name}.csv`` or ``{name}.xlsx``), their beneficiaries named through organisation_aliases.csv; progress
        is shown on the bar of ``rows_read`` (the tables' rows).

        Unreadable cells, places and municipalities are reading findings; references to what other files lack
        (an alias, an objective, the programme) are check findings, so a broken other file does not hide them."""
        folder = self.directory / OPERATIONS
        maps = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        aliases_file = next((p for s in TEXT_SUFFIXES if (p := self.directory / f"{ALIASES.name}{s}").exists()), None)
        if not maps and aliases_file is None:
            return
        rows: list[Row] = []
        if aliases_file is not None:
            self.progress(replace(rows_read, label=f"read {aliases_file.name}"))
            self.files.append(aliases_file.name)
            try:
                rows = [r for r in ALIASES.rows(aliases_file, self.read_findings) if r.complete]
            except DataError as exc:
                self.read_findings += exc.findings
                self.unread.append(aliases_file.name)
        aliases = alias_index(rows, self.checker.known, self.check_findings)
        territories = Territories.of(self.checker.municipalities, self.checker.arrondissements)
        for map_path in maps:
            try:
                ops_map = load_map(map_path)
                self.check_findings += programme_findings(ops_map, self.checker.known)
                path = operations_file(ops_map)
                self.progress(replace(rows_read, label=f"read {OPERATIONS}/{path.name}"))
                self.files.append(f"{OPERATIONS}/{path.name}")
                table = operations_table(ops_map)
                for operation in read_operations(path, ops_map, territories, self.read_findings):
                    for fragment, defining in operation_records(
                        operation, ops_map, aliases, self.checker.known, self.check_findings
                    ):
                        yield from self._checked(fragment, defining, table)
            except DataError as exc:
                self.read_findings += exc.findings
                self.unread.append(f"{OPERATIONS}/{map_path.name}")

    def _statbel(self) -> list[Record]:
        """Population figures from Statbel open-data files in ``statbel/``, for the municipalities read."""
        folder = self.directory / "statbel"
        known = {k.ref: label.value for k, r in self.checker.municipalities.items() if (label := r.one("label", Text))}
        figures: list[Record] = []
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            self.progress(Step(f"read statbel/{path.name}"))
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
        """Raise DataError listing every ERROR finding (file, line, column, value, expected) of every file, values
        and references alike, if there is one (records.findings.MAX_ERRORS at most).

        When a file could not be read to its end, only the reading's findings are listed: the absence of its rows
        would cascade into false reference errors.
        """
        findings = self.read_findings if self.unread else self.findings
        if any(f.severity is Severity.ERROR for f in findings):
            raise DataError(findings)
