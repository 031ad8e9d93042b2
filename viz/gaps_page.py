"""The gap heatmap page (/viz/gaps): top objective x territory, coloured by the number of projects.

The SVG is drawn here (server side, autoescaped), so the page shows the matrix without running a
line of script; the script only opens a cell's projects and exports the picture (SVG, PNG) and the
matrix (CSV). Every text the page shows comes from the gap report, never from markup in the data.

Derived figures say what they are made of: every column's population has a numbered footnote
with its reference dates and the municipalities it leaves out, and a cell's budget says for how
many of its projects one is reported and why its budget per inhabitant is only indicative.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from graph.analysis.report import CoverageCell, GapReport, Population, TerritoryRef
from records.labels import NOT_ASSIGNED, UNASSIGNED
from viz.facts import dutch_number
from viz.i18n import Language
from viz.templates import environment

CELL_WIDTH, ROW_HEIGHT, LABEL_WIDTH, HEADER_HEIGHT = 116, 30, 320, 64
"""Geometry of the matrix, in pixels."""
GAP_FILL, UNKNOWN_FILL, COVERED_FILL = "#f3c6c0", "#eceef2", (42, 157, 143)
"""Cell colours: a gap, a territory without known municipalities, and the darkest covered cell."""
MAX_LABEL = 46
"""Characters of an objective's name shown in its row (the full name is in the tooltip)."""
HEADER_LINE = 18
"""Characters per line of a column heading (two lines at most)."""
CAVEATS = {
    "population_dates_mixed": "inwoners van verschillende peildata opgeteld",
    "budget_incomplete": "niet elk project meldt een budget",
    "budget_scopes_mixed": "budgetten van verschillende reikwijdte opgeteld",
    "budget_not_split": "een project ligt ook in een ander gebied en telt daar ook volledig",
}
"""Dutch text of graph.analysis.coverage.CAVEATS: why a budget per inhabitant is only indicative."""


def _fill(count: int, most: int) -> str:
    share = 0.25 + 0.75 * count / most
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in COVERED_FILL)


def _heading(label: str) -> list[str]:
    """A column heading in at most two lines of about HEADER_LINE characters (``Arrondissement`` / ``Hasselt``)."""
    words = label.split()
    for cut in range(len(words) - 1, 0, -1):
        first = " ".join(words[:cut])
        if len(first) <= HEADER_LINE:
            return [first, " ".join(words[cut:])]
    return [label]


def _euro(amount: float) -> str:
    return f"€ {dutch_number(round(amount))}"


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)}-{int(month)}-{year}"


def name(territory: TerritoryRef) -> str:
    """A territory's name on the page: the municipalities not assigned to a deelregio are named in Dutch."""
    return NOT_ASSIGNED["nl"] if territory.ref == UNASSIGNED else territory.label


def population_note(place: Population) -> str:
    """``653.694 inwoners: som van cijfers op 1-1-2020 en 1-1-2022 (geen bevolking op één dag); zonder Hasselt
    (geen cijfer)`` for a territory or an empty cell of the gap report."""
    if place.population is None:
        return "inwoners onbekend (geen cijfer voor een van zijn gemeenten)"
    dates = [_date(d) for d in place.population_dates]
    text = f"{dutch_number(place.population)} inwoners"
    if len(dates) > 1:
        text += f": som van cijfers op {' en '.join(dates)} (geen bevolking op één dag)"
    else:
        text += f" op {dates[0]}"
    if place.population_missing:
        text += "; zonder " + ", ".join(m.label for m in place.population_missing) + " (geen cijfer)"
    return text


def cell_summary(cell: CoverageCell) -> str:
    """What a cell holds, in Dutch: projects, for how many a budget is reported, and the budget per inhabitant
    with the reasons it is only indicative."""
    if cell.status == "unknown":
        return "geen gemeenten bekend in deze deelregio"
    if cell.status == "gap":
        return "geen project (lacune)"
    text = f"{cell.count} project(en); budget gemeld voor {cell.budget_reported} van {cell.count}"
    if cell.budget_eur is not None:
        text += f": {_euro(cell.budget_eur)}"
    if cell.per_inhabitant_eur is not None:
        text += f"; {'€ ' + dutch_number(Decimal(str(cell.per_inhabitant_eur)))} per inwoner"
        if cell.per_inhabitant_indicative:
            text += " (indicatief: " + "; ".join(CAVEATS[c] for c in cell.per_inhabitant_caveats) + ")"
    elif cell.budget_eur is not None:
        text += "; geen bedrag per inwoner: niet van elke gemeente een inwonerscijfer"
    return text


def heatmap(report: GapReport) -> dict[str, Any]:
    """The matrix as drawing instructions: ``{"width", "height", "columns", "rows"}`` (rows are strategy
    headings or objective rows with their cells: x, y, fill, text, title, refs)."""
    territories = report.territories
    most = max((c.count for c in report.cells), default=0) or 1
    marks = footnote_marks(report)
    columns = [
        {
            "x": LABEL_WIDTH + i * CELL_WIDTH,
            "lines": _heading(name(t)),
            "note": (
                "geen gemeenten"
                if not t.municipalities
                else "inw. onbekend"
                if t.population is None
                else f"{dutch_number(t.population)} inw."
            )
            + marks.get(t.ref, ""),
        }
        for i, t in enumerate(territories)
    ]
    rows: list[dict[str, Any]] = []
    y, previous = HEADER_HEIGHT, None
    for objective in report.objectives:
        strategy = objective.strategy.label
        if strategy != previous:
            rows.append({"heading": strategy, "y": y})
            y += ROW_HEIGHT
            previous = strategy
        label = objective.label
        row: dict[str, Any] = {
            "label": label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…",
            "title": label,
            "y": y,
            "cells": [],
        }
        for column, territory in zip(columns, territories, strict=True):
            cell = report.cell(objective.ref, territory.ref)
            row["cells"].append(
                {
                    "x": column["x"],
                    "objective": objective.ref,
                    "territory": territory.ref,
                    "status": cell.status,
                    "fill": {"gap": GAP_FILL, "unknown": UNKNOWN_FILL}.get(cell.status) or _fill(cell.count, most),
                    "text": {"gap": "–", "unknown": "?"}.get(cell.status, str(cell.count)),
                    "title": f"{label} — {name(territory)}: {cell_summary(cell)}",
                }
            )
        rows.append(row)
        y += ROW_HEIGHT
    return {
        "width": LABEL_WIDTH + len(territories) * CELL_WIDTH,
        "height": y + 8,
        "columns": columns,
        "rows": rows,
        "cell_width": CELL_WIDTH,
        "row_height": ROW_HEIGHT,
    }


def thin_data_note(report: GapReport) -> str:
    """Why empty cells mostly show thin data rather than holes in the agenda, with the report's own counts."""
    done = report.completeness
    text = (
        "Lege cellen tonen vooral dunne gegevens, geen bewezen lacunes in de agenda: "
        f"{done.without_objective} van de {done.projects} projecten hebben in de gegevens geen doelstelling "
        f"en {done.without_location} geen locatie, zodat ze geen cel vullen"
    )
    if report.scope.by == "subregion":
        known = ", ".join(s.label for s in done.subregions_known) or "geen enkele"
        text += (
            f"; van {done.without_subregion} van de {done.municipalities} gemeenten is de deelregio niet "
            f"bekend (gemeenten bekend voor {len(done.subregions_known)} van de {done.subregions} "
            f"deelregio's: {known})"
        )
    return text + "."


def footnote_marks(report: GapReport) -> dict[str, str]:
    """Territory ref -> its footnote mark (``¹``, ``²``, ...) for every territory with municipalities."""
    places = [t.ref for t in report.territories if t.municipalities]
    return {ref: str(n).translate(SUPERSCRIPT) for n, ref in enumerate(places, 1)}


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def page_html(report: GapReport, csv: str, choices: dict[str, list[dict[str, str]]], lang: Language) -> str:
    """The heatmap page for one gap report (graph.analysis.report.gaps_report) with the matrix as CSV.

    ``choices`` holds the filter options: ``{"strategies": [{ref, label}], "subregions": [{ref, label}]}``.
    """
    cells = {
        f"{c.objective}|{c.territory}": {"projects": [p.model_dump() for p in c.projects], "summary": cell_summary(c)}
        for c in report.cells
    }
    labels = {o.ref: o.label for o in report.objectives} | {t.ref: name(t) for t in report.territories}
    marks = footnote_marks(report)
    footnotes = [
        {"mark": marks[t.ref], "label": name(t), "text": population_note(t)}
        for t in report.territories
        if t.ref in marks
    ]
    return (
        environment()
        .get_template("gaps.html")
        .render(
            report=report,
            heatmap=heatmap(report),
            choices=choices,
            scope=report.scope,
            footnotes=footnotes,
            marks=marks,
            number=dutch_number,
            name=name,
            thin_data=thin_data_note(report),
            data={"cells": cells, "labels": labels, "scope": report.scope.model_dump(), "csv": csv},
            lang=lang,
        )
    )
