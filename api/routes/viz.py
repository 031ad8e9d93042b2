"""``/viz/...``: self-contained pages (network, gap heatmap, network explorer); no request leaves 127.0.0.1."""

from __future__ import annotations

from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter, ValidationError

from api.current import LoadedGraph
from api.deps import GraphDep, ScopeDep
from api.downloads import DialectQuery, table_response
from api.errors import RESPONSES, BadRequest
from api.language import LangDep
from api.models import plan_problems
from graph.analysis.cooperation import cooperation_graph
from graph.analysis.gaps import gaps
from graph.analysis.report import gaps_report
from graph.analysis.results import coverage_sheet
from graph.analysis.scope import ScopeParams, make_scope
from graph.analysis.what_if import MAX_PROJECTS, InvalidPlan, Plan, PlannedProject, plan_fragments, what_if
from graph.publish.workbook import workbook
from ontology.formats import CSV, HTML, XLSX
from records.labels import display_label
from viz.explorer import explorer_data, focus_problem
from viz.explorer_page import page_html as explorer_html
from viz.gaps_page import page_html as gaps_html
from viz.i18n import gettext
from viz.layout import positions
from viz.network_page import page_html as network_html
from viz.plan_page import page_html as plan_html

router = APIRouter(prefix="/viz", tags=["viz"], responses=RESPONSES)

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"
"""The page may load nothing from anywhere: its scripts, styles and images are all inline; only the top bar's
search box asks this server for suggestions."""


@router.get(
    "/graph",
    response_class=HTMLResponse,
    operation_id="network_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The network page"}},
)
def network_page(graph: GraphDep, lang: LangDep) -> HTMLResponse:
    """The whole graph as an interactive network (HTML with vis-network inline; no request to any other host).

    One dot per entity, coloured by type with a legend (tick boxes hide a type), labelled in Dutch
    (else English), with key facts in the tooltips; memberships and participations are edges with
    the role. Data: the current build's records (see /dataset and each entity's sources). 503 before
    the first build.
    """
    page = graph.memo(f"network_page_{lang}", lambda: network_html(graph.network, lang))
    return HTMLResponse(page, headers={"Content-Security-Policy": CSP})


def _choices(graph: LoadedGraph) -> dict:
    """Filter options of the analysis pages: strategies and LIRES subregions as ``{ref, label}``."""
    return {
        kind: [{"ref": k.ref, "label": display_label(r)} for k, r in graph.records.items() if k.type == type_]
        for kind, type_ in (("strategies", "Strategy"), ("subregions", "Subregion"))
    }


@router.get(
    "/gaps",
    response_class=HTMLResponse,
    operation_id="gaps_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The gap heatmap page"}},
)
def gaps_page(graph: GraphDep, scope: ScopeDep, lang: LangDep) -> HTMLResponse:
    """Gap heatmap: top objective x territory (deelregio's or arrondissements), coloured by number of projects,
    empty cells marked as gaps; a cell click lists its projects, each linking to its neighbourhood in the
    explorer; downloads as SVG and PNG (with title, legend, footnotes and data date), CSV and XLSX. Filters as on
    /api/gaps. Offline (everything inline)."""
    report = gaps_report(gaps(scope), graph.base_iri)
    return HTMLResponse(
        gaps_html(report, _choices(graph), lang, graph.build.built_at), headers={"Content-Security-Policy": CSP}
    )


@router.get(
    "/gaps/matrix.{extension}",
    operation_id="gaps_matrix_download",
    responses={200: {"content": {CSV.media_type: {}, XLSX.media_type: {}}, "description": "The matrix as a file"}},
)
def gaps_matrix(
    graph: GraphDep,
    scope: ScopeDep,
    lang: LangDep,
    extension: Annotated[Literal["csv", "xlsx"], Path(description="csv or xlsx")],
    dialect: DialectQuery = None,
) -> Response:
    """The heatmap's matrix as a download, one row per cell (graph.analysis.results.coverage_sheet): XLSX, or CSV
    for Dutch Excel (``;``, decimal comma, BOM) when the page is Dutch and plain RFC 4180 otherwise (``dialect``
    overrides)."""
    sheet = coverage_sheet(gaps(scope).coverage, graph.base_iri)
    _ = gettext(str(lang))
    name = _("gaps")
    return table_response(sheet, CSV if extension == "csv" else XLSX, dialect, str(lang), name)


PlanQuery = Annotated[
    str | None,
    Query(
        max_length=20_000,
        description="The planned projects as JSON: [{name, municipalities: [NIS], objectives: [ref], strategies: "
        "[ref], partners: [{organisation, role}], budget_eur, start, end}]",
    ),
]


def _planned(plan: str | None) -> tuple[list[PlannedProject], str | None]:
    """The planned projects of the ``plan`` parameter, or none and why it cannot be read."""
    if not plan:
        return [], None
    try:
        projects = TypeAdapter(list[PlannedProject]).validate_json(plan)
    except ValidationError as exc:
        return [], "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    if len(projects) > MAX_PROJECTS:
        return [], f"at most {MAX_PROJECTS} planned projects"
    return projects, None


@router.get(
    "/plan",
    response_class=HTMLResponse,
    operation_id="plan_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The what-if planner"}},
)
def plan_page(
    graph: GraphDep,
    lang: LangDep,
    params: Annotated[ScopeParams, Query()],
    plan: PlanQuery = None,
) -> HTMLResponse:
    """What-if planner: add planned projects (name, municipalities, objectives, partners with roles, budget,
    period; each picked from the real entities with search) and see, without writing anything, the gap cells
    they fill (the heatmap after and before, changed cells marked), the projects they could join forces with and
    why, the organisations they bring together and the deelregio's and objectives still empty (POST
    /api/what-if). The plan lives in the URL. 422 (with the page) when a value of the plan cannot be read."""
    projects, message = _planned(plan)
    result, problems = None, []
    if projects:
        try:
            result = what_if(graph.records, Plan(projects=projects, scope=params), graph.base_iri)
        except InvalidPlan as exc:
            problems = [p.model_dump() for p in plan_problems(exc, str(lang))]
    page = plan_html(
        projects,
        params.model_dump(),
        result,
        problems,
        graph.records,
        _choices(graph),
        lang,
        graph.build.built_at,
        message,
    )
    status = 422 if problems or message else 200
    return HTMLResponse(page, status_code=status, headers={"Content-Security-Policy": CSP})


@router.get(
    "/plan/workbook",
    operation_id="plan_workbook",
    responses={200: {"content": {XLSX.media_type: {}}, "description": "The plan as workbook rows"}},
)
def plan_workbook(graph: GraphDep, lang: LangDep, plan: PlanQuery = None) -> Response:
    """The planned projects as rows of the project workbook (sheets projecten and projectpartners, Dutch headings),
    to paste into the workbook once each has a source. 400 for a plan that cannot be read."""
    projects, message = _planned(plan)
    if message or not projects:
        raise BadRequest(message or "no planned project: give plan=[{...}]")
    try:
        fragments = plan_fragments(Plan(projects=projects), graph.records)
    except InvalidPlan as exc:
        raise BadRequest(str(exc)) from None
    _ = gettext(str(lang))
    name = _("planned-projects")
    data = workbook(fragments, graph.build.built_at, only=("projects", "project_partners"))
    headers = {"Content-Disposition": f'attachment; filename="{name}.xlsx"'}
    return Response(data, media_type=XLSX.media_type, headers=headers)


def _layout_network(records) -> nx.Graph:
    """The network the explorer's positions are computed on, once per build: today's cooperation network plus
    every municipality no longer in force, tied to its successor so that it stands beside it in earlier years."""
    network = cooperation_graph(make_scope(records))
    for key, rec in records.items():
        if key.type == "Municipality" and (successor := rec.first("is_replaced_by")) is not None:
            network.add_edge(key, successor)
    return network


@router.get(
    "/explorer",
    response_class=HTMLResponse,
    operation_id="explorer_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The network explorer page"}},
)
def explorer_page(
    graph: GraphDep,
    scope: ScopeDep,
    lang: LangDep,
    focus: Annotated[str | None, Query(description="Node id to focus on, e.g. project/t2-campus")] = None,
) -> HTMLResponse:
    """Network explorer: the cooperation network (organisations, municipalities, projects, structures) of the
    scope (year, strategy, subregion as on /api/metrics), drawn at server-computed positions; filters by type
    and objective, focus on one entity with n hops, size by degree/betweenness/closeness, colour by type or
    community, synergy suggestions as dashed edges with their evidence. The view's state lives in the URL.
    Offline (everything inline). A ``focus`` that is no node of this view answers 404 with the page (the whole
    network) and a visible message saying why."""
    layout = graph.memo("cooperation_layout", lambda: positions(_layout_network(graph.records)))
    data = explorer_data(scope, layout, str(lang))
    problem = focus_problem(scope, {n["id"] for n in data["nodes"]}, focus) if focus else None
    return HTMLResponse(
        explorer_html(data, scope.params, _choices(graph), lang, problem),
        status_code=404 if problem else 200,
        headers={"Content-Security-Policy": CSP},
    )
