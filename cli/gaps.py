"""``lires gaps``: where the agenda has holes (coverage matrix, unserved objectives, uninvolved actors, data gaps)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Column, Table

from cli.analysis import (
    ByOption,
    FormatOption,
    StrategyOption,
    SubregionOption,
    TopOption,
    YearOption,
    emit_json,
    emit_text,
    load_scope,
    out,
)
from cli.common import StoreOption
from graph.analysis.coverage import COVERED, UNKNOWN
from graph.analysis.gaps import gaps
from graph.analysis.report import PAGE, CoverageCell, GapReport, Population, TerritoryRef, gaps_report
from graph.analysis.results import gaps_sheet
from graph.publish.sheets import csv_text
from graph.summary import EntitySummary
from records.labels import NOT_ASSIGNED, UNASSIGNED

PageOption = Annotated[
    int,
    typer.Option(
        "--page", min=1, help="JSON: how many projects to list per cell and absent territories per structure."
    ),
]


def _names(items: Sequence[EntitySummary | TerritoryRef]) -> str:
    return escape(", ".join(i.label for i in items)) or "-"


def short(label: str) -> str:
    """A territory's name in at most SHORT characters: the name itself when it fits, the initials of a name of
    several words (``Noord-Limburg`` -> ``NL``), else its first SHORT - 1 letters and a dot; an arrondissement
    without the word (``Arrondissement Hasselt`` -> ``Hasselt``)."""
    name = label.removeprefix("Arrondissement ")
    if len(name) <= SHORT:
        return name
    words = [w for w in re.split(r"[\s-]+", name) if w]
    return "".join(w[0].upper() for w in words) if len(words) > 1 else name[: SHORT - 1] + "."


SHORT = 8
"""Characters of a territory's heading in the compact matrix."""


def _matrix(report: GapReport, wide: bool) -> Table:
    """The coverage matrix: in full with ``wide`` (names, budgets), else compact for an 80-column terminal (counts,
    territories by short names explained below the table, objectives cut to fit)."""
    territories = report.territories
    if wide:
        table = Table(
            "strategy",
            "objective",
            *(escape(t.label) for t in territories),
            title="Coverage: projects · budget in EUR per objective and territory; - is a gap, ? no municipality known",
        )
    else:
        table = Table(
            "objective",
            *(escape(short(name_of(t))) for t in territories),
            title="Projects per objective and territory (- a gap, ? no municipality known)",
            caption="; ".join(
                f"{short(name_of(t))}: {escape(name_of(t))}" for t in territories if short(name_of(t)) != name_of(t)
            ),
            caption_justify="left",
        )
        for column in table.columns[1:]:
            column.no_wrap, column.min_width, column.justify = True, len(str(column.header)), "center"
        _fit(table.columns[0], out.width - sum(len(str(c.header)) + 3 for c in table.columns[1:]) - 4)
    previous = None
    for objective in report.objectives:
        cells = [report.cell(objective.ref, territory.ref) for territory in territories]
        strategy = objective.strategy.label
        if wide:
            table.add_row(escape(strategy) if strategy != previous else "", escape(objective.label), *map(_cell, cells))
        else:
            if strategy != previous:
                table.add_row(f"[bold]{escape(strategy)}[/]", *([""] * len(territories)), end_section=False)
            table.add_row("  " + escape(objective.label), *map(_count, cells))
        previous = strategy
    return table


def _fit(column: Column, width: int) -> None:
    """Make ``column`` (of names) one line, cut with an ellipsis, at most ``width`` characters wide (20 at least)."""
    column.no_wrap, column.overflow, column.max_width = True, "ellipsis", max(20, width)


def name_of(territory: TerritoryRef) -> str:
    """A territory's name as the tables show it (the municipalities without a deelregio: ``not assigned``)."""
    return NOT_ASSIGNED["en"] if territory.ref == UNASSIGNED else territory.label


def _count(cell: CoverageCell) -> str:
    """``7``, ``-`` for a gap, ``?`` when no municipality is known."""
    if cell.status != COVERED:
        return "?" if cell.status == UNKNOWN else "[red]-[/]"
    return str(cell.count)


def _cell(cell: CoverageCell) -> str:
    """``7 · 304,500,000 (budget for 3 of 7)``, ``-`` for a gap, ``?`` when no municipality is known."""
    if cell.status != COVERED:
        return "?" if cell.status == UNKNOWN else "[red]-[/]"
    if cell.budget_eur is None:
        return f"{cell.count} · no budget known"
    reported = "" if cell.budget_reported == cell.count else f" (budget for {cell.budget_reported} of {cell.count})"
    return f"{cell.count} · {cell.budget_eur:,.0f}{reported}"


def population_note(place: Population) -> str | None:
    """What a territory's population adds up and leaves out, or None when it is one date and complete."""
    parts = []
    if len(place.population_dates) > 1:
        parts.append(
            "adds up figures of " + " and ".join(place.population_dates) + ", so it is no population on one day"
        )
    if place.population_missing:
        parts.append("leaves out " + ", ".join(m.label for m in place.population_missing) + " (no figure)")
    return "; ".join(parts) or None


def _inhabitants(place: Population) -> str:
    return "unknown" if place.population is None else f"{place.population:,}"


def _print(report: GapReport, wide: bool) -> None:
    done = report.completeness
    out.print(_matrix(report, wide))
    out.print(
        f"[bold]Empty cells mostly show thin data, not proven gaps:[/] {done.without_objective} of "
        f"{done.projects} projects have no objective and {done.without_location} no location in the data, "
        f"so they fill no cell; {done.without_subregion} of {done.municipalities} municipalities have no "
        f"known deelregio (known for {len(done.subregions_known)} of {done.subregions}: "
        f"{_names(done.subregions_known)})."
    )
    for territory in report.territories:
        if territory.municipalities and (note := population_note(territory)):
            out.print(f"Population of {escape(territory.label)} ({_inhabitants(territory)}) {escape(note)}.")
    out.print(
        "Budgets are single reported figures of different scope (data/README.md); a project counts in "
        "full in every territory it touches, so budgets and budgets per inhabitant (JSON, CSV) are "
        "indicative."
    )
    if report.unknown_territories:
        out.print(f"No municipality known (data/subregion_memberships.csv): {_names(report.unknown_territories)}")
    columns = ("#", "objective", "territory", "inhabitants") + (("population dates", "municipalities") if wide else ())
    biggest = Table(*columns, title="Biggest gaps (* the population mixes dates or leaves municipalities out)")
    if not wide:
        for column, width in zip(biggest.columns[2:], (SHORT, 11), strict=True):
            column.no_wrap, column.min_width = True, width
        _fit(biggest.columns[1], out.width - 3 - SHORT - 11 - 13)
    for cell in report.empty_cells:
        row = [
            str(cell.rank),
            escape(cell.objective.label),
            escape(name_of(cell.territory) if wide else short(name_of(cell.territory))),
            _inhabitants(cell) + ("*" if population_note(cell) else ""),
        ]
        biggest.add_row(*row, *((", ".join(cell.population_dates), str(cell.municipalities)) if wide else ()))
    out.print(biggest)
    out.print(
        f"[bold]Objectives served by no project[/] ({len(report.unserved_objectives)}): "
        f"{_names(report.unserved_objectives)}"
    )
    out.print(f"[bold]Municipalities in no project and no structure[/]: {_names(report.uninvolved_municipalities)}")
    out.print(
        f"[bold]Municipalities in no project[/] ({len(report.municipalities_without_project)}): "
        f"{_names(report.municipalities_without_project)}"
    )
    reach = Table("thematic structure", "members lie in", "absent from", title="Thematic structures by territory")
    for structure in report.structure_reach:
        reach.add_row(
            escape(structure.structure.label),
            _names(structure.present) if structure.present else "(no member with a known place)",
            _names(structure.absent),
        )
    out.print(reach)
    organisations = Table(
        "organisation", "kind", "social partner", title="Organisations with no role in any project or structure"
    )
    for org in report.uninvolved_organisations:
        organisations.add_row(escape(org.label), org.kind, "yes" if org.social_partner else "")
    out.print(organisations)
    data = Table("project", "missing", title="Data gaps: projects missing an objective, a location or a partner")
    for gap in report.data_gaps:
        data.add_row(escape(gap.project.label), ", ".join(gap.missing))
    out.print(data)


def gaps_command(
    store: StoreOption = None,
    format: FormatOption = "table",
    strategy: StrategyOption = None,
    by: ByOption = "subregion",
    subregion: SubregionOption = None,
    year: YearOption = None,
    top: TopOption = 10,
    page: PageOption = PAGE,
    wide: Annotated[
        bool, typer.Option("--wide", help="Full names and budgets in the matrix (needs a wide terminal).")
    ] = False,
) -> None:
    """Show where the agenda has holes: empty objective x territory cells (biggest first), unserved objectives,
    municipalities and organisations with no role, thematic structures missing territories, and data gaps.

    Exits 1 with a message when no graph is built or a filter names something unknown.
    """
    scope, base_iri, _ = load_scope(store, by, year, strategy, subregion)
    result = gaps(scope)
    if format == "csv":
        emit_text(csv_text(gaps_sheet(result, base_iri)))
        return
    report = gaps_report(result, base_iri, top, page)
    if format == "json":
        emit_json(report)
    else:
        _print(report, wide)
