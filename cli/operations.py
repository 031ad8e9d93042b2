"""``lires operations``: select an EU list of operations by territory into data/, and review its beneficiaries.

``extract`` reads a managing authority's workbook (or CSV) through its column map and writes the rows of the
territory, in the map's columns only, beside the map (``data/operations/{name}.csv``), where ``lires build``
reads them. ``reconcile`` lists the beneficiary names that organisation_aliases.csv does not name yet, with
likely matches for a person to review; the build itself never matches names fuzzily.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.common import DataOption, console, fail, settings

if TYPE_CHECKING:
    from loaders.operations import Operation
    from loaders.opsmap import OperationsMap
    from loaders.places import Territories

app = typer.Typer(
    help="EU lists of operations (EFRO/ERDF, Kohesio): extract a territory, reconcile beneficiaries.",
    no_args_is_help=True,
)

MapOption = Annotated[
    Path,
    typer.Option(
        "--map", help="The programme's column map (TOML), e.g. data/operations/efro-vlaanderen-2007-2013.toml."
    ),
]
TerritoryOption = Annotated[
    str | None,
    typer.Option(
        "--territory",
        help="NIS code of the territory to select "
        "(province, arrondissement or municipality of the data); "
        "default: all of the data's territory.",
        show_default=False,
    ),
]
FileArgument = Annotated[
    Path | None,
    typer.Argument(
        help="The list of operations (.xlsx or .csv); default: the file beside the map.", show_default=False
    ),
]
SUGGESTIONS = 3
"""Likely matches shown per unmatched name."""
Suggestion = tuple[str, float | None, str]
"""A likely organisation for a name: (ref, score 0-100 or None, why)."""


def _selected(
    file: Path | None, map_path: Path, data: Path, territory: str | None
) -> tuple[OperationsMap, Territories, list[Operation]]:
    """The map, the territories and the selected operations, or exit with every error found."""
    from loaders.operations import operations_file, read_operations
    from loaders.opsmap import load_map
    from loaders.places import Territories
    from records.findings import DataError, Finding, Severity

    findings: list[Finding] = []
    try:
        ops_map = load_map(map_path)
        territories = Territories.read(data)
        if territory is not None and territory not in territories.codes:
            fail(
                f"--territory {escape(territory)}: expected a NIS code of {escape(str(data))} (its province, an "
                "arrondissement or a municipality)"
            )
        operations = read_operations(file or operations_file(ops_map), ops_map, territories, findings, territory)
    except DataError as exc:
        fail(escape(str(exc)))
    for finding in findings:
        console.print(escape(str(finding)), highlight=False)
    if any(f.severity is Severity.ERROR for f in findings):
        fail(
            f"{sum(f.severity is Severity.ERROR for f in findings)} error(s) in the list of operations; nothing written"
        )
    return ops_map, territories, operations


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def extract_command(
    file: Annotated[Path, typer.Argument(help="The managing authority's list of operations (.xlsx or .csv).")],
    map_path: MapOption,
    territory: TerritoryOption = None,
    data: DataOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", help="CSV to write (default: {map name}.csv beside the map).", show_default=False),
    ] = None,
) -> None:
    """Write the operations of the territory, in the map's columns (UTF-8 CSV), for the build to read.

    Refuses (exit 1, nothing written) when the file has errors: cells, columns, places, postal codes or
    municipality names, with file, sheet, row and column.
    """
    config = settings(data=data)
    ops_map, _, operations = _selected(file, map_path, config.data, territory)
    target = output or map_path.with_suffix(".csv")
    if target.resolve() == file.resolve():
        fail(f"{escape(str(target))} is the input file; give another --output")
    with open(target, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ops_map.headers.values())
        for operation in operations:
            writer.writerow(_cell(operation[field]) for field in ops_map.headers)
    reasons = Counter(operation.selected_by for operation in operations)
    console.print(
        f"{len(operations)} operations in the territory -> {escape(str(target))}: "
        f"{sum(n for r, n in reasons.items() if 'place' in r)} by place of execution, "
        f"{sum(n for r, n in reasons.items() if 'municipality' in r)} by municipality, "
        f"{reasons[frozenset({'place', 'municipality'})]} by both"
    )


def reconcile_command(
    map_path: MapOption,
    file: FileArgument = None,
    territory: TerritoryOption = None,
    data: DataOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table or csv (to review and paste into organisation_aliases.csv).")
    ] = "table",
) -> None:
    """List the beneficiaries that organisation_aliases.csv does not name yet, with likely organisations.

    Suggestions (rapidfuzz token-set similarity of the words, against the names and aliases of organisations.csv,
    and the municipal government for "Stad X" / "Gemeente X") are for a person to check; nothing is written.
    """
    from rapidfuzz import fuzz, process, utils

    from loaders.aliases import ALIASES, alias_index
    from loaders.opsmap import normalised
    from loaders.organisations import organisations_table

    if output_format not in ("table", "csv"):
        fail("--format: expected table or csv")
    config = settings(data=data)
    ops_map, territories, operations = _selected(file, map_path, config.data, territory)
    organisations, findings = organisations_table().read(config.data / "organisations.csv")
    aliases_path = config.data / "organisation_aliases.csv"
    rows = ALIASES.read(aliases_path)[0] if aliases_path.exists() else []
    refs = {row["ref"]: row for row in organisations}
    aliases = alias_index(rows, lambda key: key.ref in refs, findings)
    names: dict[str, list[str]] = {}
    for ref, row in refs.items():
        names.setdefault(ref, []).extend(normalised(row[c]) for c in ("name_nl", "name_en") if row.values.get(c))
    for alias, named in aliases.items():
        names[named.organisation.ref].append(alias)
    choices = {f"{ref}\t{name}": name for ref, known in names.items() for name in known}
    governments = {row["municipality_nis"]: ref for ref, row in refs.items() if row["municipality_nis"]}

    unmatched: dict[str, list[tuple[str, Operation]]] = {}  # normalised name -> [(name as written, operation)]
    for operation in operations:
        for name in _names(operation, ops_map):
            if normalised(name) not in aliases:
                unmatched.setdefault(normalised(name), []).append((name, operation))
    table: list[tuple[str, int, list[Suggestion]]] = []
    for key in sorted(unmatched):
        name, found = unmatched[key][0][0], [operation for _, operation in unmatched[key]]
        suggestions: list[Suggestion] = []
        if government := re.fullmatch(r"(stad|gemeente)\s+(.+)", normalised(name)):
            nis = next(
                (
                    n
                    for n in territories.municipalities
                    if normalised(territories.name(n)) == government[2] and territories.valid_on(n, found[0]["start"])
                ),
                None,
            )
            if nis:
                ref = governments.get(nis, f"{government[1]}-{re.sub(r'[^a-z0-9]+', '-', government[2])}")
                suggestions.append(
                    (
                        ref,
                        100.0,
                        f"municipal government of {territories.name(nis)} ({nis})"
                        + (
                            ""
                            if nis in governments
                            else f": a new organisations.csv row, kind municipal_government, municipality_nis {nis}"
                        ),
                    )
                )
        best: dict[str, tuple[float, str]] = {}
        for matched, score, key in process.extract(
            name, choices, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=20
        ):
            ref = key.split("\t")[0]
            if ref not in best:
                best[ref] = (score, matched)
        suggestions += [
            (ref, score, f"like {matched!r}")
            for ref, (score, matched) in sorted(best.items(), key=lambda item: -item[1][0])
            if ref not in {s[0] for s in suggestions}
        ]
        table.append((name, len(found), suggestions[:SUGGESTIONS]))
    _show(table, len({normalised(n) for o in operations for n in _names(o, ops_map)}), output_format)


def _names(operation: Operation, ops_map: OperationsMap) -> list[str]:
    """The lead beneficiary's and the partners' names of an operation, as written."""
    partners = str(operation["partners"] or "").split(ops_map.partners_separator)
    return [operation["beneficiary"]] + [p.strip() for p in partners if p.strip()]


def _show(table: list[tuple[str, int, list[Suggestion]]], names: int, output_format: str) -> None:
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["alias", "operations", "organisation", "score", "why"])
        for name, count, suggestions in table:
            for ref, score, why in suggestions or [("", None, "no likely match: a new organisation?")]:
                writer.writerow([name, count, ref, "" if score is None else f"{score:.0f}", why])
        return
    if not table:
        console.print(f"All {names} beneficiary names of the territory are in organisation_aliases.csv.")
        return
    view = Table(
        "name as written",
        "operations",
        "likely organisation (score 0-100)",
        title=f"{len(table)} of the beneficiary names are not in organisation_aliases.csv",
    )
    for name, count, suggestions in table:
        view.add_row(
            escape(name),
            str(count),
            "\n".join(f"{escape(ref)} ({score:.0f}): {escape(why)}" for ref, score, why in suggestions) or "-",
        )
    console.print(view)
    console.print(
        "Review each name, then add a row to organisation_aliases.csv (alias, organisation, note, "
        "sources), and a row to organisations.csv for a new organisation."
    )


app.command("extract")(extract_command)
app.command("reconcile")(reconcile_command)
