"""What if these projects started? The planned projects become records through the same loader checks as real
rows (a bad plan gets the same clear errors), are added to a copy of the records, and the gap and synergy
analysis runs before and after: the answer is the difference. Nothing is written anywhere.

A planned project is a projects row (status ``planned``, no source yet: a plan is no fact) with one
project_partners row per partner; its ref is a slug of its name not used by the data (``plan_rows``). The rows
are typed by ``loaders.projects``' tables and the records checked by ``loaders.check.Checker``, which knows every
entity of the data, so an unknown municipality, objective or organisation is refused as in a build.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from itertools import combinations

from pydantic import BaseModel, Field

from graph.analysis.cooperation import contexts, cooperation_graph
from graph.analysis.coverage import COVERED, GAP
from graph.analysis.gaps import Gaps, gaps
from graph.analysis.report import GapReport, Suggestion, TerritoryRef, gaps_report, synergy_report
from graph.analysis.scope import Scope, ScopeParams, make_scope
from graph.analysis.synergy import synergies
from graph.iri import mint
from graph.summary import EntitySummary, summarize
from loaders.check import Checker
from loaders.projects import project_partners_table, projects_table
from loaders.reader import RawRow, RawTable
from loaders.table import Table
from records.findings import Finding, Severity
from records.model import Key, Record, merge

MAX_PROJECTS = 20
"""Planned projects in one question at most."""


class PlannedPartner(BaseModel):
    """An organisation taking part in a planned project, with its role."""

    organisation: str = Field(max_length=100, description="Organisation ref, e.g. pom-limburg")
    role: str | None = Field(None, max_length=50, description="lead, partner, funder, operator or developer")


class PlannedProject(BaseModel):
    """A project a strategist considers starting; each value is read as the same cell of the project workbook."""

    name: str = Field(min_length=1, max_length=200, description="Its name (Dutch)")
    municipalities: list[str] = Field([], max_length=60, description="NIS codes of its municipalities")
    objectives: list[str] = Field([], max_length=30, description="Objective refs it would serve, e.g. salk-1-6")
    strategies: list[str] = Field([], max_length=10, description="Strategy refs (frame or funding), e.g. salk")
    partners: list[PlannedPartner] = Field([], max_length=40)
    budget_eur: str | None = Field(None, max_length=40, description="Euro, e.g. 2500000 or 2.500.000,00")
    start: str | None = Field(None, max_length=20, description="2026, 2026-09 or 2026-09-01")
    end: str | None = Field(None, max_length=20, description="As start")


class Plan(BaseModel):
    """One or more planned projects and the scope to look at them in."""

    projects: list[PlannedProject] = Field(min_length=1, max_length=MAX_PROJECTS)
    scope: ScopeParams = ScopeParams()


class InvalidPlan(ValueError):
    """The plan has values the loaders refuse: ``problems`` holds, for each, the project (1-based), the field of
    the plan and the loader's finding (value, what was expected)."""

    def __init__(self, problems: list[tuple[int, str, Finding]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"project {n}, {field}: {f.message} (got {f.value!r})" for n, field, f in problems))


class CellChange(BaseModel):
    """A cell of the gap matrix the plan changes: projects before and after, and whether a gap is filled."""

    objective: EntitySummary
    territory: TerritoryRef
    before: int
    after: int
    filled: bool = Field(description="A gap before, covered after")
    planned: list[str] = Field(description="Refs of the planned projects in the cell")


class NewLink(BaseModel):
    """Two organisations that share no project or structure yet and would both be partners in a planned project."""

    a: EntitySummary
    b: EntitySummary
    via: EntitySummary


class WhatIfReport(BaseModel):
    """What the plan changes (``graph.analysis.what_if``): cells of the gap matrix it fills or adds to, how many
    gaps remain, the projects it would be close to (synergy suggestions with their evidence), organisations it
    would bring together, and the territories and objectives still without any project."""

    scope: ScopeParams
    planned: list[EntitySummary]
    changed_cells: list[CellChange] = Field(description="Matrix cells the plan changes, gaps filled first")
    gaps_before: int
    gaps_after: int
    synergies: list[Suggestion] = Field(description="Projects a planned project could join forces with, best first")
    new_links: list[NewLink]
    empty_territories: list[TerritoryRef] = Field(description="Territories with municipalities and no project, after")
    unserved_objectives: list[EntitySummary] = Field(description="Objectives no project serves, after")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "project"


def plan_refs(plan: Plan, records: Mapping[Key, Record]) -> list[str]:
    """The ref of each planned project: a slug of its name, made unique against the data and the plan."""
    taken = {k.ref for k in records if k.type == "Project"}
    refs = []
    for project in plan.projects:
        ref, n = _slug(project.name), 2
        while ref in taken:
            ref, n = f"{_slug(project.name)}-{n}", n + 1
        taken.add(ref)
        refs.append(ref)
    return refs


def plan_rows(plan: Plan, refs: list[str]) -> tuple[list[dict[str, str]], list[tuple[int, dict[str, str]]]]:
    """The plan as workbook cells: one projects row per project, and (project number, row) per partner."""
    projects, partners = [], []
    for number, (project, ref) in enumerate(zip(plan.projects, refs, strict=True), 1):
        projects.append(
            {
                "ref": ref,
                "name_nl": project.name.strip(),
                "status": "planned",
                "start": project.start or "",
                "end": project.end or "",
                "budget_eur": project.budget_eur or "",
                "locations": ";".join(project.municipalities),
                "objectives": ";".join(project.objectives),
                "strategies": ";".join(project.strategies),
            }
        )
        partners += [
            (number, {"project": ref, "organisation": p.organisation, "role": p.role or ""}) for p in project.partners
        ]
    return projects, partners


PLAN_FILE = "{table}.plan"
"""How findings and origins name the plan's rows: like the table's own file, so that they are checked as its rows
(loaders.workbook.table_of_file)."""
FIELDS = {
    "name_nl": "name",
    "locations": "municipalities",
    "objectives": "objectives",
    "strategies": "strategies",
    "budget_eur": "budget_eur",
    "start": "start",
    "end": "end",
    "organisation": "partners",
    "role": "partners",
    "project": "partners",
}
"""Column of the workbook -> field of the plan."""


def _unsourced(table: Table) -> Table:
    """The table with its sources column optional: a plan is no fact yet and has no source."""
    return replace(
        table, columns=tuple(replace(c, required=False) if c.name == "sources" else c for c in table.columns)
    )


def _typed(table: Table, rows: list[dict[str, str]], findings: list[Finding]) -> list[Record]:
    """The rows' fragments, also of rows with a cell that cannot be read (without that cell: the plan's other
    values are still checked, so that every problem shows at once)."""
    header = [c.name for c in table.columns]
    raw = RawTable(
        PLAN_FILE.format(table=table.name),
        header,
        iter(RawRow(line, {h: row.get(h, "").strip() for h in header}) for line, row in enumerate(rows, 1)),
    )
    return [fragment for row in _unsourced(table).typed(raw, findings) for fragment in table.to_records(row)]


def plan_fragments(plan: Plan, records: Mapping[Key, Record]) -> list[Record]:
    """The plan's record fragments, checked against the data as a build checks rows.

    Raises InvalidPlan with every problem (which project, which field, the value, what was expected)."""
    refs = plan_refs(plan, records)
    projects, partners = plan_rows(plan, refs)
    findings: list[Finding] = []
    fragments = _typed(projects_table(), projects, findings)
    fragments += _typed(project_partners_table(), [row for _, row in partners], findings)
    checker = Checker()
    for key in [*records, *(Key("Project", ref) for ref in refs)]:
        checker.exists(key)
    for fragment in fragments:
        findings += checker.check(fragment)
    findings += checker.finish()
    errors = [f for f in findings if f.severity is Severity.ERROR and f.column != "sources"]  # a plan has no source
    if errors:
        owner = {line: number for line, (number, _) in enumerate(partners, 1)}
        partner_rows = PLAN_FILE.format(table="project_partners")
        problems = [
            (owner.get(f.line, f.line) if f.file == partner_rows else f.line, FIELDS.get(f.column, f.column), f)
            for f in errors
        ]
        # a partner row says its organisation twice (participation, project): one problem each
        raise InvalidPlan(list({(n, field, f.value, f.message): (n, field, f) for n, field, f in problems}.values()))
    return fragments


def with_plan(records: Mapping[Key, Record], fragments: list[Record]) -> dict[Key, Record]:
    """A copy of ``records`` with the plan's records added (``records`` is not changed)."""
    return merge(fragments, dict(records))


class _Names:
    """Summaries of the entities and territories of the scope after the plan."""

    def __init__(self, scope: Scope, base_iri: str) -> None:
        self.scope, self.base_iri = scope, base_iri

    def entity(self, key: Key) -> EntitySummary:
        return summarize(self.scope.records, self.base_iri, key)

    def territory(self, ref: str) -> TerritoryRef:
        found = self.scope.partition.territory(ref)
        return TerritoryRef(ref=ref, label=found.label, iri=mint(self.base_iri, found.key) if found.key else None)


def _changes(before: Gaps, after: Gaps, planned: set[Key], name: _Names) -> list[CellChange]:
    changed = []
    for place, cell in after.coverage.cells.items():
        old = before.coverage.cells.get(place)
        mine = [p.ref for p in cell.projects if p in planned]
        if not mine:
            continue
        filled = old is not None and old.status == GAP and cell.status == COVERED
        changed.append(
            CellChange(
                objective=name.entity(cell.objective),
                territory=name.territory(cell.territory),
                before=old.count if old else 0,
                after=cell.count,
                filled=filled,
                planned=mine,
            )
        )
    return sorted(changed, key=lambda c: not c.filled)


def _new_links(before: Scope, after: Scope, planned: list[Key], name: _Names) -> list[NewLink]:
    old, new = cooperation_graph(before), cooperation_graph(after)
    links = []
    for project in planned:
        partners = sorted(n for n in new[project] if n.type == "Organisation") if project in new else []
        for a, b in combinations(partners, 2):
            if a in old and b in old and contexts(old, a) & contexts(old, b):
                continue  # they already share a project or a structure
            links.append(NewLink(a=name.entity(a), b=name.entity(b), via=name.entity(project)))
    return links


def what_if(
    records: Mapping[Key, Record], plan: Plan, base_iri: str, top: int = 10
) -> tuple[WhatIfReport, GapReport, GapReport]:
    """The difference the plan makes, with the gap reports before and after (for the heatmaps).

    Raises InvalidPlan for values the loaders refuse and graph.analysis.scope.ScopeError for an unknown
    strategy or subregion in the scope."""
    fragments = plan_fragments(plan, records)
    merged = with_plan(records, fragments)
    params = plan.scope.model_dump()
    before_scope, after_scope = make_scope(records, **params), make_scope(merged, **params)
    before, after = gaps(before_scope), gaps(after_scope)
    planned = list(dict.fromkeys(f.key for f in fragments if f.key.type == "Project"))
    name = _Names(after_scope, base_iri)
    ours = set(planned)
    found = [s for s in synergies(after_scope, kinds=["project"], top=None) if ours & set(s.pair)]
    report = WhatIfReport(
        scope=plan.scope,
        planned=[name.entity(k) for k in planned],
        changed_cells=_changes(before, after, ours, name),
        gaps_before=sum(c.status == GAP for c in before.coverage.cells.values()),
        gaps_after=sum(c.status == GAP for c in after.coverage.cells.values()),
        synergies=synergy_report(after_scope, found[:top], base_iri).suggestions,
        new_links=_new_links(before_scope, after_scope, planned, name),
        empty_territories=[
            name.territory(t.ref)
            for t in after_scope.territories
            if t.municipalities
            and all(c.status != COVERED for c in after.coverage.cells.values() if c.territory == t.ref)
        ],
        unserved_objectives=[name.entity(o) for o in after.unserved_objectives],
    )
    return report, gaps_report(before, base_iri), gaps_report(after, base_iri)
