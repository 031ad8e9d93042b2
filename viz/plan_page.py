"""The what-if planner page (/viz/plan): the plan's editor, and what the plan would change (graph.analysis.what_if):
the cells it fills (the heatmap after the plan, changed cells marked, and before it), the projects it could join
forces with and why, the organisations it would bring together, and what stays empty.

The plan lives in the URL (``plan``: the planned projects as JSON; the scope as on /viz/gaps), so a plan is shared
by its link; nothing is stored. The editor picks every entity through /api/search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from graph.analysis.report import GapReport, Suggestion
from graph.analysis.what_if import PlannedProject, WhatIfReport
from loaders.cells import Choice
from loaders.projects import project_partners_table
from records.labels import display_label
from records.model import Key, Record
from viz.gaps_page import figure, figure_texts, legend
from viz.i18n import Language, gettext
from viz.templates import environment

SYNERGIES_SHOWN = 8
"""Synergy suggestions listed at most."""


def names(projects: list[PlannedProject], records: Mapping[Key, Record], lang: str) -> dict[str, str]:
    """``type/ref`` -> display name of every entity the plan names, for the editor's chips (unknown refs stay out:
    the plan's problems name them)."""
    wanted = [("Municipality", r) for p in projects for r in p.municipalities]
    wanted += [("Objective", r) for p in projects for r in p.objectives]
    wanted += [("Strategy", r) for p in projects for r in p.strategies]
    wanted += [("Organisation", p.organisation) for project in projects for p in project.partners]
    return {
        f"{type_}/{ref}": display_label(records[Key(type_, ref)], lang)
        for type_, ref in wanted
        if Key(type_, ref) in records
    }


def reasons(suggestion: Suggestion, planned: set[str], lang: str) -> str:
    """Why a planned project and another could join forces, in words: shared objectives, shared partners, places."""
    _ = gettext(lang)
    parts = []
    if suggestion.shared_objectives:
        parts.append(_("both work on %(what)s") % {"what": ", ".join(o.label for o in suggestion.shared_objectives)})
    if suggestion.common_neighbours:
        parts.append(
            _("they share the partner(s) %(who)s") % {"who": ", ".join(o.label for o in suggestion.common_neighbours)}
        )
    if suggestion.shared_territories:
        parts.append(_("both in %(where)s") % {"where": ", ".join(t.label for t in suggestion.shared_territories)})
    return "; ".join(parts)


def page_html(
    projects: list[PlannedProject],
    scope_query: Mapping[str, object],
    result: tuple[WhatIfReport, GapReport, GapReport] | None,
    problems: list[dict[str, object]],
    records: Mapping[Key, Record],
    choices: dict[str, list[dict[str, str]]],
    lang: Language,
    built: dt.datetime,
    message: str | None = None,
) -> str:
    """The planner for ``projects`` (possibly none yet) in the scope ``scope_query`` (by, year, strategy,
    subregion: the non-empty ones), with ``result`` (report, gap report before, after) when the plan was read, or
    its ``problems`` (project, field, value, expected) when not."""
    code = str(lang)
    _ = gettext(code)
    roles: Choice = project_partners_table().columns[2].parse  # type: ignore[assignment]
    data = {
        "projects": [p.model_dump() for p in projects],
        "names": names(projects, records, code),
        "problems": problems,
        "roles": [{"value": v, "label": roles.name(v, code)} for v in roles.values],
        "scope": dict(scope_query),
        "lang": code,
    }
    shown: dict[str, object] = {}
    if result is not None:
        report, before, after = result
        changed = {(c.objective.ref, c.territory.ref): f"{c.before}→{c.after}" for c in report.changed_cells}
        title, subtitle = figure_texts(after, built, code)
        planned = {p.ref for p in report.planned}
        shown = {
            "report": report,
            "after": figure(after, code, title, _("After the plan") + " · " + subtitle, legend(code), [], changed),
            "before": figure(before, code, title, _("Before the plan") + " · " + subtitle, legend(code), []),
            "synergies": [
                {
                    "suggestion": s,
                    "mine": s.a if s.a.ref in planned else s.b,
                    "other": s.b if s.a.ref in planned else s.a,
                    "reasons": reasons(s, planned, code),
                }
                for s in report.synergies[:SYNERGIES_SHOWN]
            ],
            "best": max((s.score for s in report.synergies), default=1) or 1,
        }
    plan_json = data["projects"]
    return (
        environment()
        .get_template("plan.html")
        .render(
            lang=lang,
            data=data,
            plan_json=plan_json,
            choices=choices,
            scope=scope_query,
            message=message,
            **shown,
        )
    )
