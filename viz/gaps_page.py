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
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from graph.analysis.report import CoverageCell, GapReport, Population, TerritoryRef
from records.labels import NOT_ASSIGNED, UNASSIGNED
from viz.i18n import NUMBER_LOCALES, Language, gettext, number, translations
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


def caveats(lang: str) -> dict[str, str]:
    """The texts of graph.analysis.coverage.CAVEATS on the page, in ``lang``: why a budget per inhabitant is only
    indicative (code -> text)."""
    _ = gettext(lang)
    return {
        "population_dates_mixed": _("inhabitants of different reference dates added up"),
        "budget_incomplete": _("not every project reports a budget"),
        "budget_scopes_mixed": _("budgets of different scope added up"),
        "budget_not_split": _("a project also lies in another territory and counts there in full too"),
    }


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


def _euro(amount: float, lang: str, cents: bool = False) -> str:
    """An amount in euro as ``lang`` writes it, rounded to the euro or to the ``cents``: ``€ 57.000.000``,
    ``€ 371,90`` (nl), ``€57,000,000``, ``€371.90`` (en)."""
    _ = gettext(lang)
    figure = format_decimal(amount, "#,##0.00" if cents else "#,##0", locale=NUMBER_LOCALES[lang])
    return _("€%(amount)s") % {"amount": figure}


DATE_FORMATS = {"nl": "d-M-yyyy", "en": "d MMM yyyy"}
"""How a population's reference date reads in each language: 1-1-2022, 1 Jan 2022."""


def _date(iso: str, lang: str) -> str:
    return format_date(dt.date.fromisoformat(iso), DATE_FORMATS[lang], locale=NUMBER_LOCALES[lang])


def name(territory: TerritoryRef, lang: str) -> str:
    """A territory's name on the page: the municipalities not assigned to a deelregio are named in ``lang``."""
    return NOT_ASSIGNED[lang] if territory.ref == UNASSIGNED else territory.label


def population_note(place: Population, lang: str) -> str:
    """``653.694 inwoners: som van cijfers op 1-1-2020 en 1-1-2022 (geen bevolking op één dag); zonder Hasselt
    (geen cijfer)`` for a territory or an empty cell of the gap report, in ``lang``."""
    _ = gettext(lang)
    if place.population is None:
        return _("inhabitants unknown (no figure for one of its municipalities)")
    dates = [_date(d, lang) for d in place.population_dates]
    inhabitants = number(place.population, lang)
    if len(dates) > 1:
        text = _("%(n)s inhabitants: sum of figures on %(dates)s (no population on one day)") % {
            "n": inhabitants,
            "dates": format_list(dates, locale=NUMBER_LOCALES[lang]),
        }
    else:
        text = _("%(n)s inhabitants on %(date)s") % {"n": inhabitants, "date": dates[0]}
    if place.population_missing:
        left_out = ", ".join(m.label for m in place.population_missing)
        text += "; " + _("without %(names)s (no figure)") % {"names": left_out}
    return text


def cell_summary(cell: CoverageCell, lang: str) -> str:
    """What a cell holds, in ``lang``: projects, for how many a budget is reported, and the budget per inhabitant
    with the reasons it is only indicative."""
    t = translations(lang)
    _ = t.gettext
    if cell.status == "unknown":
        return _("no municipalities known in this deelregio")
    if cell.status == "gap":
        return _("no project (gap)")
    head = t.ngettext(
        "%(num)s project; budget reported for %(reported)s of %(num)s",
        "%(num)s projects; budget reported for %(reported)s of %(num)s",
        cell.count,
    ) % {"num": number(cell.count, lang), "reported": number(cell.budget_reported, lang)}
    if cell.budget_eur is not None:
        head += ": " + _euro(cell.budget_eur, lang)
    parts = [head]
    if cell.per_inhabitant_eur is not None:
        part = _("%(amount)s per inhabitant") % {"amount": _euro(cell.per_inhabitant_eur, lang, cents=True)}
        if cell.per_inhabitant_indicative:
            why = caveats(lang)
            reasons = "; ".join(why[c] for c in cell.per_inhabitant_caveats)
            part += " (" + _("indicative: %(why)s") % {"why": reasons} + ")"
        parts.append(part)
    elif cell.budget_eur is not None:
        parts.append(_("no amount per inhabitant: not every municipality has a population figure"))
    return "; ".join(parts)


def heatmap(report: GapReport, lang: str, changed: Mapping[tuple[str, str], str] | None = None) -> dict[str, Any]:
    """The matrix as drawing instructions, its texts in ``lang``: ``{"width", "height", "columns", "rows"}`` (rows
    are strategy headings or objective rows with their cells: x, y, fill, text, title, refs), starting TITLE_HEIGHT
    below the top. ``changed`` marks cells (objective ref, territory ref) with the text they show instead (``0→1``)."""
    _ = gettext(lang)
    territories = report.territories
    most = max((c.count for c in report.cells), default=0) or 1
    marks = footnote_marks(report)
    columns = [
        {
            "x": LABEL_WIDTH + i * CELL_WIDTH,
            "lines": _heading(name(t, lang)),
            "note": (
                _("no municipalities")
                if not t.municipalities
                else _("pop. unknown")
                if t.population is None
                else _("%(n)s inh.") % {"n": number(t.population, lang)}
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
                    "title": f"{label} — {name(territory, lang)}: {cell_summary(cell, lang)}",
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
    lang: str,
    title: str,
    subtitle: str,
    legend: list[tuple[str, str]],
    notes: list[str],
    changed: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """The heatmap in ``lang`` as a picture that stands on its own (the SVG and PNG downloads): ``title`` and
    ``subtitle`` (the data date) above the matrix, the ``legend`` (fill, text) and the ``notes`` (footnotes, wrapped
    to the width) below it."""
    drawn = heatmap(report, lang, changed)
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


def thin_data_note(report: GapReport, lang: str) -> str:
    """Why empty cells mostly show thin data rather than holes in the agenda, with the report's own counts, in
    ``lang``."""
    _ = gettext(lang)
    done = report.completeness
    text = _(
        "Empty cells mostly show thin data, not proven gaps in the agenda: %(unplanned)s of the %(projects)s "
        "projects have no objective in the data and %(unplaced)s no location, so they fill no cell"
    ) % {
        "unplanned": number(done.without_objective, lang),
        "projects": number(done.projects, lang),
        "unplaced": number(done.without_location, lang),
    }
    if report.scope.by == "subregion":
        text += "; " + _(
            "the deelregio of %(unknown)s of the %(municipalities)s municipalities is not known (municipalities "
            "known for %(known)s of the %(subregions)s deelregio's: %(names)s)"
        ) % {
            "unknown": number(done.without_subregion, lang),
            "municipalities": number(done.municipalities, lang),
            "known": number(len(done.subregions_known), lang),
            "subregions": number(done.subregions, lang),
            "names": ", ".join(s.label for s in done.subregions_known) or _("none at all"),
        }
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
        ref = report.scope.subregion
        known = {s.ref: s.label for s in report.completeness.subregions_known}
        known |= {t.ref: t.label for t in report.territories}
        parts.append(
            _("deelregio %(name)s") % {"name": NOT_ASSIGNED[lang] if ref == UNASSIGNED else known.get(ref, ref)}
        )
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
    code = str(lang)
    _ = gettext(code)
    missing = {"objective": _("objective"), "location": _("location"), "partner": _("partner")}
    cells = {
        f"{c.objective}|{c.territory}": {
            "projects": [p.model_dump() for p in c.projects],
            "summary": cell_summary(c, code),
        }
        for c in report.cells
    }
    labels = {o.ref: o.label for o in report.objectives} | {t.ref: name(t, code) for t in report.territories}
    marks = footnote_marks(report)
    footnotes = [
        {"mark": marks[t.ref], "label": name(t, code), "text": population_note(t, code)}
        for t in report.territories
        if t.ref in marks
    ]
    title, subtitle = figure_texts(report, built, code)
    notes = [f"{f['mark']} {f['label']}: {f['text']}." for f in footnotes]
    thin_data = thin_data_note(report, code)
    notes += [thin_data, counting_note(code)]
    query = urlencode({k: v for k, v in report.scope.model_dump().items() if v is not None} | {"lang": code})
    return (
        environment()
        .get_template("gaps.html")
        .render(
            report=report,
            heatmap=figure(report, code, title, subtitle, [], []),
            picture=figure(report, code, title, subtitle, legend(code), notes),
            legend=legend(code),
            counting_note=counting_note(code),
            choices=choices,
            scope=report.scope,
            footnotes=footnotes,
            marks=marks,
            name=lambda territory: name(territory, code),
            data_gaps=[
                (g.project.label, format_list([missing[m] for m in g.missing], "or", NUMBER_LOCALES[code]))
                for g in report.data_gaps
            ],
            thin_data=thin_data,
            data={
                "cells": cells,
                "labels": labels,
                "scope": report.scope.model_dump(),
                "texts": {"description": _("description"), "file": _("gaps")},
            },
            download_query=query,
            lang=lang,
        )
    )
