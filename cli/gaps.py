"""``lires gaps``: where the agenda has holes (coverage matrix, unserved objectives, uninvolved actors, data gaps)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from rich.table import Table

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
from graph.analysis.report import CoverageCell, GapReport, Population, TerritoryRef, gaps_report
from graph.analysis.results import gaps_sheet
from graph.publish.sheets import csv_text
from graph.summary import EntitySummary


def _names(items: Sequence[EntitySummary | TerritoryRef]) -> str:
    return escape(", ".join(i.label for i in items)) or "-"


def _matrix(report: GapReport) -> Table:
    territories = report.territories
    table = Table(
        "strategy",
        "objective",
        *(escape(t.label) for t in territories),
        title="Coverage: projects · budget in EUR per objective and territory; - is a gap, ? no municipality known",
    )
    previous = None
    for objective in report.objectives:
        row = [_cell(report.cell(objective.ref, territory.ref)) for territory in territories]
        strategy = objective.strategy.label
        table.add_row(escape(strategy) if strategy != previous else "", escape(objective.label), *row)
        previous = strategy
    return table


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


def _print(report: GapReport) -> None:
    done = report.completeness
    out.print(_matrix(report))
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
    biggest = Table(
        "#", "objective", "territory", "inhabitants", "population dates", "municipalities", title="Biggest gaps"
    )
    for cell in report.empty_cells:
        biggest.add_row(
            str(cell.rank),
            escape(cell.objective.label),
            escape(cell.territory.label),
            _inhabitants(cell) + ("*" if population_note(cell) else ""),
            ", ".join(cell.population_dates),
            str(cell.municipalities),
        )
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
    for row in report.structure_reach:
        reach.add_row(
            escape(row.structure.label),
            _names(row.present) if row.present else "(no member with a known place)",
            _names(row.absent),
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
    report = gaps_report(result, base_iri, top)
    if format == "json":
        emit_json(report)
    else:
        _print(report)
