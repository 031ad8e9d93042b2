"""A list of operations (an EU programme's funded projects) read through its column map, selected by territory.

A row is selected when its place of execution lies in the territory, or its municipality (found by postal
code or name, as it was on the operation's start) does. The selected rows become projects: title, lead
beneficiary and other beneficiaries (organisations named through organisation_aliases.csv), eligible
expenditure, EU support, period, the objective served (the programme's priority axis and operational
objective) and the programme as strategy. The publisher's descriptions are never read.

The project's location is the municipality of the postal code (the list of operations' location indicator,
for the 2007-2013 Flemish list the beneficiary's address), when it lies within the place of execution;
otherwise the project gets no municipality, and a warning says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders import cells
from loaders.aliases import Alias
from loaders.columns import source_ref
from loaders.opsmap import REQUIRED, OperationsMap, normalised
from loaders.places import POSTCODE_SOURCE, Located, Territories, Unresolved
from loaders.table import Column, Row, Table, record
from records.findings import N_, DataError, Finding, Severity, Term, finding
from records.model import Key, Origin, Record, Text, digest

PARSERS: dict[str, cells.Parser] = {
    "eligible_expenditure": cells.non_negative(cells.decimal),
    "eu_support": cells.non_negative(cells.decimal),
    "start": cells.date,
    "end": cells.date,
}
"""Typed fields; every other field is text."""


@dataclass(frozen=True)
class Operation:
    """One selected row: its origin, field values, place of execution and location (NIS codes or None)."""

    origin: Origin
    values: dict[str, Any]
    place: str | None
    location: str | None
    by_postcode: bool
    selected_by: frozenset[str]
    """Why the row lies in the territory: ``place`` (of execution), ``municipality`` (of its postal code or name)."""

    def __getitem__(self, field: str) -> Any:
        return self.values.get(field)


SLOTS: dict[str, tuple[str, ...]] = {
    "title": ("label",),
    "beneficiary": ("lead", "agent", "was_associated_with", "had_role"),
    "partners": ("agent", "was_associated_with"),
    "eligible_expenditure": ("eligible_expenditure_eur",),
    "eu_support": ("eu_support_eur",),
    "start": ("start_date", "start_precision"),
    "end": ("end_date", "end_precision"),
    "postcode": ("at_location",),
    "municipality": ("at_location",),
    "operational_objective": ("serves",),
    "priority_axis": ("serves",),
}
"""Field -> the slots of the Project and Participation its cells fill (the first field mapped names the column)."""


def operations_table(ops_map: OperationsMap) -> Table:
    """The Table that reads a file through ``ops_map``: one column per mapped field, named by its header; it
    defines projects (and their participations, see operation_records)."""
    columns = tuple(
        Column(header, PARSERS.get(field, cells.text), required=field in REQUIRED, slots=SLOTS.get(field, ()))
        for field, header in ops_map.columns.items()
    )
    return Table(
        ops_map.path.stem,
        columns,
        key=(),
        to_records=lambda row: iter(()),
        defines="Project",
        sheet=ops_map.sheet,
        mapped=True,
    )


def operations_file(ops_map: OperationsMap) -> Path:
    """The list of operations a map reads: ``{name}.csv`` or ``{name}.xlsx`` beside it; DataError when there is
    neither or both."""
    found = [p for p in (ops_map.path.with_suffix(".csv"), ops_map.path.with_suffix(".xlsx")) if p.exists()]
    if len(found) != 1:
        raise DataError(
            [
                finding(
                    Severity.ERROR,
                    ops_map.name,
                    0,
                    "",
                    N_("expected one list of operations beside the map, {name}.csv or {name}.xlsx; found {found}")
                    if found
                    else N_("expected one list of operations beside the map, {name}.csv or {name}.xlsx; found neither"),
                    name=ops_map.path.stem,
                    found=" + ".join(p.name for p in found),
                )
            ]
        )
    return found[0]


def programme_findings(ops_map: OperationsMap, known: Callable[[Key], bool]) -> list[Finding]:
    """ERROR findings for a map whose programme (strategies.csv) or sources (sources.csv) were not read."""
    wanted = [("programme.strategy", Key("Strategy", ops_map.strategy), "strategies.csv")]
    wanted += [("programme.sources", Key("Source", source_ref(k)), "sources.csv") for k in ops_map.sources]
    if "postcode" in ops_map.columns:
        wanted.append(("columns.postcode", Key("Source", source_ref(POSTCODE_SOURCE)), "sources.csv"))
    return [
        finding(
            Severity.ERROR,
            ops_map.name,
            0,
            where,
            N_("expected a reference to an existing {type} (not found in {file})"),
            key.ref if key.type != "Source" else key.ref.upper().replace("-", "_"),
            type=Term(key.type),
            file=file,
        )
        for where, key, file in wanted
        if not known(key)
    ]


def read_operations(
    path: Path, ops_map: OperationsMap, territories: Territories, findings: list[Finding], territory: str | None = None
) -> list[Operation]:
    """The operations of ``path`` that lie in ``territory`` (a NIS code of the data; None: all of it).

    Every problem of the whole file goes to ``findings`` (cells, missing columns, unknown places, postal codes
    and municipality names, an operation listed twice with different values), with file, sheet, row and the
    publisher's column; an operation listed twice with the same values is a warning and read once. Raises
    DataError only when the file cannot be read at all.
    """
    table, selected = operations_table(ops_map), []
    seen: dict[str, tuple[bytes, int]] = {}
    before = len(findings)
    rows = table.rows(path, findings)
    missing = {f.column for f in findings[before:] if f.severity is Severity.ERROR}
    located_by = {ops_map.columns.get("postcode"), ops_map.columns.get("municipality")} - {None}
    if ops_map.columns["start"] in missing or located_by <= missing:
        for _ in rows:  # no row can be placed without its date and location: only their cells are checked
            pass
        return []
    for row in rows:
        if not row.complete:  # a cell that could not be read: the finding names it
            continue
        values = {field: row[header] for field, header in ops_map.columns.items()}
        if _repeated(row, values, seen, ops_map, findings):
            continue
        resolved = _resolved(row, values, ops_map, territories, findings)
        if resolved is None:
            continue
        place, located = resolved
        nis = located.nis if located.nis is not None and territories.within(located.nis, territory) else None
        place_inside = place is not None and territories.within(place, territory)
        if not (place_inside or nis):
            continue
        location = nis if nis and (place is None or territories.contains(place, nis)) else None
        if nis and location is None:
            findings.append(
                _finding(
                    row,
                    ops_map,
                    "place",
                    N_(
                        "no location: the operation's municipality, {name} ({nis}), lies outside its place of execution"
                    ),
                    row[ops_map.columns["place"]],
                    Severity.WARNING,
                    name=territories.name(nis),
                    nis=nis,
                )
            )
        why = frozenset(reason for reason, yes in (("place", place_inside), ("municipality", nis is not None)) if yes)
        selected.append(Operation(row.origin, values, place, location, located.by_postcode, why))
    return selected


def _finding(
    row: Row,
    ops_map: OperationsMap,
    field: str,
    template: str,
    value: object = None,
    severity: Severity = Severity.ERROR,
    /,
    **args: object,
) -> Finding:
    return finding(
        severity,
        row.origin.file,
        row.origin.line,
        ops_map.columns.get(field, field),
        template,
        None if value is None else str(value),
        **args,
    )


def _repeated(
    row: Row,
    values: dict[str, Any],
    seen: dict[str, tuple[bytes, int]],
    ops_map: OperationsMap,
    findings: list[Finding],
) -> bool:
    """Whether the row repeats an operation already read: a warning when identical, an error when not."""
    code = str(values.get("operation"))
    same = digest(repr(sorted(values.items(), key=lambda item: item[0])))
    if code not in seen:
        seen[code] = (same, row.origin.line)
        return False
    first, line = seen[code]
    if first == same:
        findings.append(
            _finding(
                row,
                ops_map,
                "operation",
                N_("operation {code} is listed twice with the same values (also row {line}); read once"),
                code,
                Severity.WARNING,
                code=code,
                line=line,
            )
        )
    else:
        findings.append(
            _finding(
                row,
                ops_map,
                "operation",
                N_("expected each operation once; row {line} lists operation {code} with other values"),
                code,
                code=code,
                line=line,
            )
        )
    return True


def _resolved(
    row: Row, values: dict[str, Any], ops_map: OperationsMap, territories: Territories, findings: list[Finding]
) -> tuple[str | None, Located] | None:
    """The row's place of execution and location; None, with a finding for each that cannot be resolved."""
    problems = []
    try:
        place = _place(row, ops_map)
    except Unresolved as exc:
        problems.append(exc)
    try:
        postcode = values.get("postcode")
        located = territories.locate(
            None if postcode is None else str(postcode), values.get("municipality"), values["start"]
        )
    except Unresolved as exc:
        problems.append(exc)
    findings += [_finding(row, ops_map, exc.field, exc.template, exc.value, **exc.args_) for exc in problems]
    return None if problems else (place, located)


def _place(row: Row, ops_map: OperationsMap) -> str | None:
    if "place" not in ops_map.columns or not (written := row[ops_map.columns["place"]]):
        return None
    if normalised(written) not in ops_map.places:
        raise Unresolved(
            "place",
            N_("expected a place of execution listed in [places] of {map} (add it there with its NIS code)"),
            written,
            map=ops_map.name,
        )
    return ops_map.places[normalised(written)]


def operation_records(
    operation: Operation,
    ops_map: OperationsMap,
    aliases: dict[str, Alias],
    known: Callable[[Key], bool],
    findings: list[Finding],
) -> Iterator[tuple[Record, bool]]:
    """The Project and Participation fragments of one selected operation, each with whether it defines its entity.

    As with projects.csv and project_partners.csv, the project's defining fragment holds the operation's own
    facts and each beneficiary adds itself (and the lead) in a fragment of its own, so that the checker compares
    a lead with any other file's. A beneficiary not in ``aliases``, or an objective that objectives.csv lacks
    (``known``), is an ERROR finding on its cell and its link is left out.
    """
    values, origin = operation.values, operation.origin
    project = ops_map.project_ref(values)
    derived = tuple(Key("Source", source_ref(k)) for k in ops_map.sources)
    location_source = (
        (Key("Source", source_ref(POSTCODE_SOURCE)),) if operation.location and operation.by_postcode else ()
    )
    objective = ops_map.objective_ref(values)
    if objective and not known(Key("Objective", objective)):
        field = "operational_objective" if "operational_objective" in ops_map.columns else "priority_axis"
        findings.append(
            finding(
                Severity.ERROR,
                origin.file,
                origin.line,
                ops_map.columns[field],
                N_(
                    "expected an objective of objectives.csv; {objective} is not there (add the programme's axes "
                    "and objectives to objectives.csv)"
                ),
                str(values.get(field)),
                objective=objective,
            )
        )
        objective = None
    yield (
        record(
            "Project",
            project,
            origin,
            label=Text(" ".join(str(values["title"]).split()), ops_map.language),
            start_date=values["start"],
            start_precision="day",
            end_date=values.get("end"),
            end_precision="day" if values.get("end") else None,
            eligible_expenditure_eur=values.get("eligible_expenditure"),
            eu_support_eur=values.get("eu_support"),
            at_location=(Key("Municipality", operation.location),) if operation.location else (),
            serves=(Key("Objective", objective),) if objective else (),
            strategy=Key("Strategy", ops_map.strategy),
            was_derived_from=derived + location_source,
        ),
        True,
    )
    for organisation, alias, role in _beneficiaries(operation, ops_map, aliases, findings):
        sources = tuple(dict.fromkeys(derived + alias.sources))
        yield (
            record(
                "Participation",
                f"{project}--{organisation.ref}",
                origin,
                activity=Key("Project", project),
                agent=organisation,
                had_role=role,
                was_derived_from=sources,
            ),
            True,
        )
        yield (
            record(
                "Project",
                project,
                origin,
                was_associated_with=organisation,
                lead=organisation if role == "lead" else None,
                was_derived_from=sources,
            ),
            False,
        )


def _beneficiaries(
    operation: Operation, ops_map: OperationsMap, aliases: dict[str, Alias], findings: list[Finding]
) -> list[tuple[Key, Alias, str]]:
    """(organisation, alias, role) of the lead beneficiary and the partners, as the alias table names them."""
    named = [("beneficiary", operation["beneficiary"], "lead")]
    if operation["partners"]:
        named += [
            ("partners", p.strip(), "partner")
            for p in str(operation["partners"]).split(ops_map.partners_separator)
            if p.strip()
        ]
    found: dict[Key, tuple[Key, Alias, str]] = {}
    for field, name, role in named:
        alias = aliases.get(normalised(name))
        if alias is None:
            findings.append(
                finding(
                    Severity.ERROR,
                    operation.origin.file,
                    operation.origin.line,
                    ops_map.columns[field],
                    N_(
                        "expected a name listed in organisation_aliases.csv (run `lires operations reconcile` to "
                        "review it)"
                    ),
                    name,
                )
            )
        elif alias.organisation not in found:
            found[alias.organisation] = (alias.organisation, alias, role)
    return list(found.values())
