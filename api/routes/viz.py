"""``/viz/...``: self-contained pages (network, explorer, gap heatmap, synergies, paths, brokers, map); no request
leaves 127.0.0.1."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import TypeAdapter, ValidationError

from api.current import LoadedGraph
from api.deps import GraphDep, NetworkDep, ScopeDep, view_params
from api.downloads import DialectQuery, table_response
from api.errors import RESPONSES, BadRequest, NotFound
from api.language import LangDep
from api.models import ViewQuery, plan_problems
from graph.analysis.brokers import Broker, brokers
from graph.analysis.gaps import gaps
from graph.analysis.objectives import lineage
from graph.analysis.report import gaps_report
from graph.analysis.results import coverage_sheet
from graph.analysis.scope import ScopeParams
from graph.analysis.synergy import KINDS
from graph.analysis.what_if import MAX_PROJECTS, InvalidPlan, Plan, PlannedProject, plan_fragments, what_if
from graph.publish.workbook import workbook
from ontology.formats import CSV, HTML, XLSX
from records.labels import display_label
from viz.facts import type_label
from viz.gaps_page import page_html as gaps_html
from viz.i18n import Language, gettext
from viz.map import map_view
from viz.names import listing, objective_name
from viz.overview import LIST_TOP, ScopeNetwork, network_view, node_id
from viz.palette import COMMUNITY_COLOURS, OTHER_COMMUNITY, TYPE_COLOURS
from viz.paths_page import UnknownEntity, entity_key, paths
from viz.plan_page import page_html as plan_html
from viz.synergy_list import as_csv, as_xlsx, kind_label, rows, table
from viz.templates import environment

router = APIRouter(prefix="/viz", tags=["viz"], responses=RESPONSES)

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"
"""The page may load nothing from anywhere: its scripts, styles and images are all inline; only the top bar's
search box asks this server for suggestions."""


def _network_page(
    network: ScopeNetwork, query: ViewQuery, lang: Language, choices: dict, controls: bool
) -> HTMLResponse:
    """A network page for ``query``: the first view inline, 404 with the whole network and a message for a focus
    that is no entity of this network, 400 for an unknown type or objective."""
    try:
        view, problem = network_view(network, view_params(query), str(lang))
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    code = str(lang)
    page = (
        environment()
        .get_template("network.html")
        .render(
            view=view.model_dump(),
            scope=network.scope.params,
            choices=choices,
            types=[{"type": t, "label": type_label(t, code)} for t in TYPE_COLOURS],
            controls=controls,
            problem=problem,
            lang=lang,
        )
    )
    return HTMLResponse(page, status_code=404 if problem else 200, headers={"Content-Security-Policy": CSP})


@router.get(
    "/graph",
    response_class=HTMLResponse,
    operation_id="network_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The network page"}},
)
def network_page(network: NetworkDep, query: Annotated[ViewQuery, Query()], lang: LangDep) -> HTMLResponse:
    """The network as an overview that reads: municipalities by territory, projects by strategy and objective,
    organisations and structures by kind, entities without links in one group; a click opens a group (the server
    sends only what is drawn, see /api/overview); names never overlap at the zoom shown (more appear as you zoom
    in); a legend for every colour and size. Offline: everything inline, later views from /api/overview. The
    query is /api/overview's (scope, open groups, filters); 503 before the first build."""
    return _network_page(network, query, lang, {}, controls=False)


def _choices(graph: LoadedGraph, lang: str = "nl") -> dict[str, list[dict[str, Any]]]:
    """Filter options of the analysis pages, in ``lang``: strategies and LIRES subregions as ``{ref, label}``,
    objectives as ``{ref, label, depth}`` in scheme order (narrower ones after their broader one)."""
    records = graph.records
    choices: dict[str, list[dict[str, Any]]] = {
        kind: [{"ref": k.ref, "label": display_label(r, lang)} for k, r in records.items() if k.type == type_]
        for kind, type_ in (("strategies", "Strategy"), ("subregions", "Subregion"))
    }
    objectives = sorted(
        (k for k in records if k.type == "Objective"),
        key=lambda k: (str(records[k].first("in_scheme")), lineage(records, k)[::-1]),
    )
    choices["objectives"] = [
        {"ref": k.ref, "label": objective_name(records, k, lang), "depth": len(lineage(records, k)) - 1}
        for k in objectives
    ]
    return choices


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
        gaps_html(report, _choices(graph, str(lang)), lang, graph.build.built_at),
        headers={"Content-Security-Policy": CSP},
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
    extension: Annotated[str, Path(description="csv or xlsx")],
    dialect: DialectQuery = None,
) -> Response:
    """The heatmap's matrix as a download, one row per cell (graph.analysis.results.coverage_sheet): XLSX, or CSV
    for Dutch Excel (``;``, decimal comma, BOM) when the page is Dutch and plain RFC 4180 otherwise (``dialect``
    overrides). 404 for another extension (there is no such file)."""
    if extension not in ("csv", "xlsx"):
        raise NotFound(f"no matrix.{extension}: the matrix downloads as matrix.csv or matrix.xlsx")
    sheet = coverage_sheet(gaps(scope).coverage, graph.base_iri)
    _ = gettext(str(lang))
    name = _("gaps")
    return table_response(sheet, CSV if extension == "csv" else XLSX, dialect, str(lang), name)


PlanQuery = Annotated[
    str | None,
    Query(
        max_length=8_000,  # up to 72 kB percent-encoded: within what the HTTP parser takes in a URL
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
        _choices(graph, str(lang)),
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


@router.get(
    "/explorer",
    response_class=HTMLResponse,
    operation_id="explorer_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The network explorer page"}},
)
def explorer_page(
    graph: GraphDep, network: NetworkDep, query: Annotated[ViewQuery, Query()], lang: LangDep
) -> HTMLResponse:
    """Network explorer: the network view of /viz/graph with filters: year, strategy, subregion and grouping of
    municipalities (a new page), entity types, an objective, a focus (one or more entities, found by name) with
    1-3 steps around it, size by links or broker role, colour by kind or community, synergy suggestions as dashed
    lines saying why. The view's state lives in the URL. Offline (everything inline, later views from
    /api/overview). A ``focus`` that is no entity of this network answers 404 with the whole network and a
    visible message saying why."""
    return _network_page(network, query, lang, _choices(graph, str(lang)), controls=True)


LIST_PAGE = 25
"""Suggestions per page of /viz/synergies of one kind."""
LIST_EACH = 10
"""Suggestions of each kind on /viz/synergies with every kind."""


def scope_query(scope: ScopeParams) -> str:
    """The query string of the filters of ``scope`` that differ from the defaults (``year=2018&strategy=salk``)."""
    return urlencode(
        {k: v for k, v in scope.model_dump().items() if v is not None and v != ScopeParams().model_dump()[k]}
    )


@router.get(
    "/synergies",
    response_class=Response,
    operation_id="synergies_page",
    responses={
        200: {
            "content": {HTML.media_type: {}, CSV.media_type: {}, XLSX.media_type: {}},
            "description": "The ranked list of synergy suggestions, or its download",
        }
    },
)
def synergies_page(
    graph: GraphDep,
    network: NetworkDep,
    lang: LangDep,
    kind: Annotated[
        str | None, Query(description="project, organisation or municipality; every kind when absent")
    ] = None,
    objective: Annotated[str | None, Query(max_length=100, description="Objective ref both sides serve")] = None,
    partner: Annotated[
        str | None, Query(alias="with", max_length=300, description="Only pairs with this entity (id or IRI)")
    ] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Annotated[str | None, Query(description="csv or xlsx: the whole list as a download")] = None,
) -> Response:
    """Who could work together: the synergy suggestions of the scope (year, strategy, subregion) ranked per kind,
    each with the reason in plain words, its score as a bar (share of the best score of its kind) and a link to the
    pair in the explorer; pairs that may be one project and its part in their own section. Filters: kind,
    objective, strategy, subregion, year. ``format=csv`` or ``xlsx`` downloads the whole filtered list (headed in
    the page's language); ``with`` keeps the pairs of one entity. 400 for an unknown kind, objective, strategy,
    subregion or format; 404 for a ``with`` that names no entity of the network."""
    code = str(lang)
    _ = gettext(code)
    query = scope_query(network.scope.params)
    try:
        entity = entity_key(network, graph.base_iri, partner, code) if partner else None
    except UnknownEntity as exc:
        raise NotFound(str(exc)) from None
    try:
        ranked, nested = rows(network, code, kind or None, objective or None, query, entity)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    if format is not None:
        header, body = table(network, [*ranked, *nested], code, graph.base_iri)
        title = _("synergies")
        if format == CSV.name:
            return Response(
                as_csv(header, body),
                media_type=f"{CSV.media_type}; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="lires-{title}.csv"'},
            )
        if format == XLSX.name:
            return Response(
                as_xlsx(header, body, title),
                media_type=XLSX.media_type,
                headers={"Content-Disposition": f'attachment; filename="lires-{title}.xlsx"'},
            )
        raise BadRequest(f"unknown format {format!r}; one of: {CSV.name}, {XLSX.name}")
    sections = []
    for each in [kind] if kind else KINDS:
        found = [r for r in ranked if r.kind == each]
        shown = found[offset : offset + LIST_PAGE] if kind else found[:LIST_EACH]
        sections.append(
            {"kind": each, "label": kind_label(each, code, plural=True), "rows": shown, "count": len(found)}
        )
    chosen = {"kind": kind or "", "objective": objective or "", "with": node_id(entity) if entity else ""}
    page = (
        environment()
        .get_template("synergies.html")
        .render(
            sections=sections,
            nested=nested,
            scope=network.scope.params,
            scope_query=query,
            choices=_choices(graph, code),
            chosen=chosen,
            kinds=[(k, kind_label(k, code, plural=True)) for k in KINDS],
            offset=offset,
            page_size=LIST_PAGE,
            list_top=LIST_TOP,
            lang=lang,
        )
    )
    return HTMLResponse(page)


@router.get(
    "/paths",
    response_class=HTMLResponse,
    operation_id="paths_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The page of paths between two entities"}},
)
def paths_page(
    graph: GraphDep,
    network: NetworkDep,
    lang: LangDep,
    source: Annotated[str | None, Query(alias="from", max_length=300, description="Entity id or IRI")] = None,
    target: Annotated[str | None, Query(alias="to", max_length=300, description="Entity id or IRI")] = None,
) -> HTMLResponse:
    """How are A and B connected: two names to choose (with suggestions as you type), then up to three shortest
    paths between them, each step saying its relation and role ("Stad Genk — partner in — Thor Park Genk —
    located in — Genk"), each entity linking to its page, each path to the explorer. Reachable from every entity
    page (``from`` set). 404 with the page and a message for an id that names no entity of the network."""
    code = str(lang)
    _ = gettext(code)
    ends: dict[str, dict] = {}
    problem, found, status = None, None, 200
    for side, given in (("from", source), ("to", target)):
        if not given:
            continue
        try:
            key = entity_key(network, graph.base_iri, given, code)
        except UnknownEntity as exc:
            problem, status = str(exc), 404
            continue
        ends[side] = {"id": node_id(key), "label": display_label(graph.records[key], code)}
    if len(ends) == 2 and not problem:
        if ends["from"]["id"] == ends["to"]["id"]:
            problem, status = _("Choose two different entities."), 400
        else:
            start, end = (entity_key(network, graph.base_iri, ends[s]["id"]) for s in ("from", "to"))
            found = paths(network, graph.base_iri, start, end, code)
    page = (
        environment()
        .get_template("paths.html")
        .render(ends=ends, found=found, problem=problem, scope_query=scope_query(network.scope.params), lang=lang)
    )
    return HTMLResponse(page, status_code=status)


BROKERS_SHOWN = 25
"""Brokers listed on /viz/brokers."""


@router.get(
    "/brokers",
    response_class=HTMLResponse,
    operation_id="brokers_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The brokers and communities page"}},
)
def brokers_page(network: NetworkDep, lang: LangDep) -> HTMLResponse:
    """Who bridges: the brokers of the cooperation network of the scope, highest betweenness first, each with the
    communities its neighbours lie in (why it bridges) and a bar for its betweenness; the structures every
    municipality belongs to apart, with why; the communities named after their most central members, coloured as
    in the explorer (colour by community). Scope filters as on /api/metrics. Data: graph.analysis.brokers."""
    code = str(lang)
    records = network.scope.records
    found = brokers(network.scope, network.graph, BROKERS_SHOWN)
    communities: list[dict[str, Any]] = [
        {
            "index": c.index,
            "number": c.index + 1,
            "size": len(c.members),
            "colour": COMMUNITY_COLOURS[c.index] if c.index < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY,
            "name": listing([display_label(records[k], code) for k in c.central], code),
        }
        for c in found.communities
    ]
    top = max((b.betweenness for b in found.brokers), default=0.0)

    def row(b: Broker) -> dict:
        return {
            "id": node_id(b.key),
            "label": display_label(records[b.key], code),
            "type": b.key.type,
            "degree": b.degree,
            "betweenness": b.betweenness,
            "share": b.betweenness / top if top else 0.0,
            "community": communities[b.community],
            "links": [{**communities[c], "neighbours": n} for c, n in b.links],
        }

    page = (
        environment()
        .get_template("brokers.html")
        .render(
            brokers=[row(b) for b in found.brokers],
            everybody=[row(b) for b in found.everybody],
            communities=[c for c in communities if c["size"] > 1],
            singletons=sum(1 for c in communities if c["size"] == 1),
            sampled=found.betweenness_sources,
            scope=network.scope.params,
            scope_query=scope_query(network.scope.params),
            lang=lang,
        )
    )
    return HTMLResponse(page)


@router.get(
    "/map",
    response_class=HTMLResponse,
    operation_id="map_page",
    responses={200: {"content": {HTML.media_type: {}}, "description": "The map page"}},
)
def map_page(
    graph: GraphDep,
    network: NetworkDep,
    lang: LangDep,
    size: Annotated[
        Literal["projects", "budget"], Query(description="Symbol size: projects or their budget")
    ] = "projects",
    objective: Annotated[str | None, Query(max_length=100, description="Objective ref whose gap to show")] = None,
) -> HTMLResponse:
    """The map of the municipalities, offline (plain SVG, no tiles): a symbol at each municipality's centre
    (data/municipality_centres.csv, with its source), coloured by deelregio or arrondissement (``by``), sized by
    its projects or their reported budget; with ``objective``, filled where a project serving it is located and a
    ring where none is (the gap); every symbol links to the municipality's page. 400 for an unknown objective,
    strategy or subregion."""
    code = str(lang)
    try:
        view = map_view(network, code, size, objective or None, boundaries=graph.build.boundaries)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    page = (
        environment()
        .get_template("map.html")
        .render(
            view=view,
            scope=network.scope.params,
            size=size,
            objective=objective or "",
            choices=_choices(graph, code),
            lang=lang,
        )
    )
    return HTMLResponse(page)
