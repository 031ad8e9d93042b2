"""The gap heatmap page (/viz/gaps): top objective x territory, coloured by the number of projects.

The SVG is drawn here (server side, autoescaped), so the page shows the matrix without running a
line of script; the script only opens a cell's projects and exports the picture (SVG, PNG) and the
matrix (CSV). Every text the page shows comes from the gap report, never from markup in the data.

Derived figures say what they are made of: every column's population has a numbered footnote
with its reference dates and the municipalities it leaves out, and a cell's budget says for how
many of its projects one is reported and why its budget per inhabitant is only indicative.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date

from graph.analysis.report import CoverageCell, GapReport, Population, TerritoryRef
from records.labels import NOT_ASSIGNED, UNASSIGNED
from viz.facts import dutch_number
from viz.i18n import NUMBER_LOCALES, Language, gettext
from viz.templates import environment

CELL_WIDTH, ROW_HEIGHT, LABEL_WIDTH, HEADER_HEIGHT = 116, 30, 320, 64
"""Geometry of the matrix, in pixels."""
TITLE_HEIGHT, LINE_HEIGHT, NOTE_CHARS = 52, 15, 6.1
"""The title and data date above the matrix; a line of legend or footnote below it; pixels per character of a
footnote (11 px text), to wrap it to the picture's width."""
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


def heatmap(report: GapReport, changed: Mapping[tuple[str, str], str] | None = None) -> dict[str, Any]:
    """The matrix as drawing instructions: ``{"width", "height", "columns", "rows"}`` (rows are strategy
    headings or objective rows with their cells: x, y, fill, text, title, refs), starting TITLE_HEIGHT below the
    top. ``changed`` marks cells (objective ref, territory ref) with the text they show instead (``0→1``)."""
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
    y, previous = TITLE_HEIGHT + HEADER_HEIGHT, None
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
                    "text": (changed or {}).get((objective.ref, territory.ref))
                    or {"gap": "–", "unknown": "?"}.get(cell.status, str(cell.count)),
                    "title": f"{label} — {name(territory)}: {cell_summary(cell)}",
                    "changed": (objective.ref, territory.ref) in (changed or {}),
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
        "header_y": TITLE_HEIGHT,
    }


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` pixels of 11 px text (NOTE_CHARS per character)."""
    return textwrap.wrap(text, max(20, int(width / NOTE_CHARS))) or [""]


def figure(
    report: GapReport,
    title: str,
    subtitle: str,
    legend: list[tuple[str, str]],
    notes: list[str],
    changed: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """The heatmap as a picture that stands on its own (the SVG and PNG downloads): ``title`` and ``subtitle``
    (the data date) above the matrix, the ``legend`` (fill, text) and the ``notes`` (footnotes, wrapped to the
    width) below it."""
    drawn = heatmap(report, changed)
    y = drawn["height"] + 6
    drawn["legend"] = [{"fill": fill, "text": text, "x": 14 + 200 * i, "y": y} for i, (fill, text) in enumerate(legend)]
    if legend:
        y += LINE_HEIGHT + 10
    lines = []
    for note in notes:
        for line in _wrapped(note, drawn["width"] - 28):
            lines.append({"text": line, "y": y})
            y += LINE_HEIGHT
    drawn.update(title=title, subtitle=subtitle, notes=lines, height=y if legend or notes else drawn["height"])
    return drawn


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


def figure_texts(report: GapReport, built: dt.datetime, lang: str) -> tuple[str, str]:
    """The heatmap's title and subtitle (its filters and the data date) in ``lang``."""
    _ = gettext(lang)
    title = (
        _("Coverage of the objectives by deelregio")
        if report.scope.by == "subregion"
        else _("Coverage of the objectives by arrondissement")
    )
    parts = [_("Projects per top objective and territory")]
    if report.scope.year is not None:
        parts.append(_("as of %(year)s") % {"year": report.scope.year})
    if report.scope.strategy:
        label = next((o.strategy.label for o in report.objectives), report.scope.strategy)
        parts.append(_("strategy %(name)s") % {"name": label})
    if report.scope.subregion:
        parts.append(_("deelregio %(name)s") % {"name": report.scope.subregion})
    parts.append(
        _("data of %(date)s (LIRES Graph)") % {"date": format_date(built, "short", locale=NUMBER_LOCALES[lang])}
    )
    return title, " · ".join(parts)


def legend(lang: str) -> list[tuple[str, str]]:
    """The heatmap's legend in ``lang``: fill and meaning."""
    _ = gettext(lang)
    return [
        ("#7fc4bb", _("projects (darker = more)")),
        (GAP_FILL, _("– gap: no project")),
        (UNKNOWN_FILL, _("? no municipality known")),
    ]


def counting_note(lang: str) -> str:
    """How the matrix counts, in ``lang`` (a footnote of the picture)."""
    _ = gettext(lang)
    return _(
        "A project counts in every territory where it has at least one location, with its whole budget; merged "
        "municipalities count for their successor; narrower objectives count for their top objective."
    )


def page_html(report: GapReport, choices: dict[str, Any], lang: Language, built: dt.datetime) -> str:
    """The heatmap page for one gap report (graph.analysis.report.gaps_report) of the build made at ``built``.

    ``choices`` holds the filter options: ``{"strategies": [{ref, label}], "subregions": [{ref, label}]}``. The
    matrix downloads as CSV and XLSX from /viz/gaps/matrix.{csv,xlsx} (with the page's filters), and as SVG and
    PNG drawn from the picture with its title, legend, footnotes and data date.
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
    title, subtitle = figure_texts(report, built, str(lang))
    notes = [f"{f['mark']} {f['label']}: {f['text']}." for f in footnotes]
    notes += [thin_data_note(report), counting_note(str(lang))]
    query = urlencode({k: v for k, v in report.scope.model_dump().items() if v is not None} | {"lang": str(lang)})
    return (
        environment()
        .get_template("gaps.html")
        .render(
            report=report,
            heatmap=figure(report, title, subtitle, [], []),
            picture=figure(report, title, subtitle, legend(str(lang)), notes),
            choices=choices,
            scope=report.scope,
            footnotes=footnotes,
            marks=marks,
            number=dutch_number,
            name=name,
            thin_data=thin_data_note(report),
            data={"cells": cells, "labels": labels, "scope": report.scope.model_dump()},
            download_query=query,
            lang=lang,
        )
    )
