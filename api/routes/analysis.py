"""``/api/gaps``, ``/api/synergies``, ``/api/metrics``, ``/api/brokers``, ``/api/paths``: the analysis of the current
graph.

The filters (by, year, strategy, subregion) mean the same on every endpoint (see
``graph.analysis.scope``). Gaps and synergies also come as CSV and as RDF (Turtle, JSON-LD,
N-Triples, RDF/XML): an ``AnalysisRun`` and its ``Gap`` / ``SynergyCandidate`` results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.conneg import RDF, negotiate, offer
from api.current import LoadedGraph
from api.deps import GraphDep, NetworkDep, ScopeDep
from api.downloads import DialectQuery, table_response
from api.errors import RESPONSES, BadRequest, ErrorBody, NotFound
from api.language import LangDep
from api.models import Paths, PlanProblems, plan_problems
from graph.analysis.brokers import brokers
from graph.analysis.cooperation import NODE_TYPES
from graph.analysis.gaps import Gaps, gaps
from graph.analysis.metrics import metrics
from graph.analysis.paths import MAX_PATHS
from graph.analysis.report import (
    PAGE,
    BrokerReport,
    CellProjects,
    GapReport,
    MetricsReport,
    SynergyReport,
    brokers_report,
    cell_projects,
    gaps_report,
    metrics_report,
    synergy_report,
)
from graph.analysis.results import gap_records, gaps_sheet, metrics_sheet, run_record, synergy_records, synergy_sheet
from graph.analysis.scope import Scope
from graph.analysis.synergy import KINDS, synergies
from graph.analysis.what_if import InvalidPlan, Plan, WhatIfReport, what_if
from graph.publish.serialize import serialize
from graph.quads import quads
from ontology.formats import CSV, GRAPH_FORMATS, JSON, XLSX
from ontology.vocab import vocabulary
from records.model import Key
from viz.paths_page import UnknownEntity, entity_key, paths

router = APIRouter(prefix="/api", tags=["analysis"], responses=RESPONSES)

RESULT_FORMATS = offer(JSON, CSV, XLSX, *GRAPH_FORMATS)
"""Media type -> format names for gaps and synergies, in order of preference (api.conneg offer)."""
TABLE_FORMATS = offer(JSON, CSV, XLSX)
"""Media type -> format names for the network measures (no RDF: they are not results of the schema)."""
TABLES = {CSV.media_type: CSV, XLSX.media_type: XLSX}
"""The media types answered with a table (api.downloads)."""


def _content(offer: dict[str, tuple[str, ...]]) -> dict:
    """OpenAPI ``responses`` entry listing the media types of ``offer`` for a 200."""
    return {200: {"content": {m: {} for m in offer}, "description": "The report in the negotiated format"}}


FormatQuery = Annotated[str | None, Query(description="json, csv, xlsx, ttl, jsonld, nt or rdfxml; beats Accept")]
TableFormatQuery = Annotated[str | None, Query(description="json, csv or xlsx; beats Accept")]
AcceptHeader = Annotated[str | None, Header()]
TopQuery = Annotated[int | None, Query(ge=1, le=10_000, description="How many to return (per kind); all when absent")]
PageQuery = Annotated[
    int, Query(ge=1, le=10_000, description="How many projects to list per cell and absent territories per structure")
]


def _rdf(graph: LoadedGraph, analysis: str, scope: Scope, results, media_type: str) -> Response:
    run = run_record(analysis, scope, graph.build.path.name, dt.datetime.now(dt.UTC))
    triples = [q.triple for q in quads(graph.base_iri, [run, *results(run)])]
    return Response(serialize(triples, media_type), media_type=media_type)


@router.get("/gaps", response_model=GapReport, operation_id="gaps", responses=_content(RESULT_FORMATS))
def get_gaps(
    graph: GraphDep,
    scope: ScopeDep,
    top: TopQuery = None,
    page: PageQuery = PAGE,
    accept: AcceptHeader = None,
    format: FormatQuery = None,
    dialect: DialectQuery = None,
) -> Response | GapReport:
    """Where the agenda has holes: the coverage matrix (top objective x territory, with projects, budget in EUR
    and EUR per inhabitant), empty cells biggest first, unserved objectives, municipalities and organisations
    without a role, thematic structures missing territories, and projects missing data.

    ``top`` limits the empty cells, ``page`` the projects listed per cell (the rest: ``/api/gaps/cell``) and the
    absent territories per structure. CSV and XLSX: one row per gap. RDF: the run and its ``lires:Gap`` results.
    400 for an unknown strategy or subregion. The analysis of a scope is kept per build (``LoadedGraph.memo``).
    """
    media_type = negotiate(accept, format, RESULT_FORMATS)
    result = _gaps(graph, scope)
    if media_type in TABLES:
        return table_response(gaps_sheet(result, graph.base_iri), TABLES[media_type], dialect or "rfc4180")
    if media_type in RDF:
        return _rdf(graph, "gaps", scope, lambda run: gap_records(result, run), media_type)
    return _kept_json(
        graph, f"gaps_report {scope.params!r} {top} {page}", lambda: gaps_report(result, graph.base_iri, top, page)
    )


@router.get("/gaps/cell", response_model=CellProjects, operation_id="gaps_cell")
def get_gap_cell(
    graph: GraphDep,
    scope: ScopeDep,
    objective: Annotated[str, Query(max_length=200, description="Objective ref (the cell's row), e.g. salk-1")],
    territory: Annotated[str, Query(max_length=100, description="Territory ref (the cell's column)")],
    offset: Annotated[int, Query(ge=0, description="Position of the first project to return (0 = first)")] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000, description="How many projects to return")] = PAGE,
) -> CellProjects:
    """The projects of one coverage cell of ``/api/gaps`` (same filters), a page at a time, in record order.

    400 when the objective is no row or the territory no column of the scope's matrix.
    """
    try:
        return cell_projects(
            _gaps(graph, scope).coverage, Key("Objective", objective), territory, graph.base_iri, offset, limit
        )
    except KeyError:
        raise BadRequest(
            f"no cell ({objective!r}, {territory!r}) in this matrix; rows and columns: GET /api/gaps"
        ) from None


def _kept_json(graph: LoadedGraph, name: str, make: Callable[[], BaseModel]) -> Response:
    """The report ``make`` gives, as JSON bytes made once per build and ``name`` (LoadedGraph.analysis): a kept
    report is sent as it is instead of being validated and serialised again (the kept 68.7 MB gap report at 10^5
    projects: 1.73 s before, 0.32 s since; bench/README.md)."""
    body = graph.analysis(f"{name} json", lambda: make().model_dump_json().encode())
    return Response(body, media_type=JSON.media_type)


def _gaps(graph: LoadedGraph, scope: Scope) -> Gaps:
    """The gap analysis of ``scope``, made once per build and filters."""
    return graph.analysis(f"gaps {scope.params!r}", lambda: gaps(scope))


@router.get("/synergies", response_model=SynergyReport, operation_id="synergies", responses=_content(RESULT_FORMATS))
def get_synergies(
    graph: GraphDep,
    scope: ScopeDep,
    top: TopQuery = 10,
    kind: Annotated[
        list[str] | None, Query(description="project, organisation and/or municipality; default all")
    ] = None,
    accept: AcceptHeader = None,
    format: FormatQuery = None,
    dialect: DialectQuery = None,
):
    """Pairs that do not cooperate yet but could, best first within each kind, with their evidence.

    score = Adamic-Adar index on the pair's link graph + Jaccard coefficient of the objectives served (see
    ``graph.analysis.synergy``). CSV and XLSX: one row per pair. RDF: the run and its ``lires:SynergyCandidate``
    results. 400 for an unknown kind, strategy or subregion.
    """
    media_type = negotiate(accept, format, RESULT_FORMATS)
    kinds = tuple(kind or KINDS)
    try:
        found = graph.analysis(f"synergies {scope.params!r} {kinds} {top}", lambda: synergies(scope, kinds, top))
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    if media_type in TABLES:
        return table_response(synergy_sheet(scope, found, graph.base_iri), TABLES[media_type], dialect or "rfc4180")
    if media_type in RDF:
        return _rdf(graph, "synergy", scope, lambda run: synergy_records(scope, found, run), media_type)
    return _kept_json(
        graph, f"synergy_report {scope.params!r} {kinds} {top}", lambda: synergy_report(scope, found, graph.base_iri)
    )


@router.post(
    "/what-if",
    response_model=WhatIfReport,
    operation_id="what_if",
    responses={
        422: {
            "model": PlanProblems | ErrorBody,
            "description": "The plan has values the loaders refuse (each problem), or the request is no plan",
        }
    },
)
def post_what_if(graph: GraphDep, lang: LangDep, plan: Plan) -> WhatIfReport | JSONResponse:
    """What if these projects started? Each planned project (name, municipalities, objectives, strategies,
    partners with roles, budget in EUR, period) is read through the same checks as a row of the project workbook
    and added to a copy of the data; the gap and synergy analysis runs before and after on ``plan.scope``, and
    the answer is the difference: the matrix cells it fills or adds to, the gaps before and after, the projects
    it could join forces with (with their evidence), the organisations it would bring together, and the
    territories and objectives still without a project. Nothing is written.

    422 with every problem (project, field, value, what was expected, in the request's language) for a plan the
    loaders refuse; 400 for an unknown strategy or subregion in the scope.
    """
    try:
        report, _, _ = what_if(graph.records, plan, graph.base_iri)
    except InvalidPlan as exc:
        problems = plan_problems(exc, str(lang))
        body = PlanProblems(
            error="invalid_plan",
            detail="; ".join(f"{p.project}/{p.field}: {p.expected}" for p in problems),
            problems=problems,
        )
        return JSONResponse(body.model_dump(), status_code=422)
    return report


@router.get("/metrics", response_model=MetricsReport, operation_id="metrics", responses=_content(TABLE_FORMATS))
def get_metrics(
    graph: GraphDep,
    scope: ScopeDep,
    top: TopQuery = None,
    type: Annotated[
        str | None, Query(description="Only nodes of this type: organisation, municipality, project or structure")
    ] = None,
    accept: AcceptHeader = None,
    format: TableFormatQuery = None,
    dialect: DialectQuery = None,
):
    """Degree, betweenness (brokers), closeness and Leiden community of every node of the cooperation
    network, highest betweenness first, as JSON, CSV or XLSX (one row per node; ``format=`` or ``Accept``).
    Betweenness is exact up to 2,000 nodes and estimated from a sample of source nodes above that
    (``betweenness_sources`` in JSON says how many; see ``graph.analysis.metrics``).

    400 for an unknown type, strategy, subregion or format; 406 for a format that exists elsewhere but not
    here (e.g. ttl: the measures are no RDF results).
    """
    media_type = negotiate(accept, format, TABLE_FORMATS)
    wanted = None
    if type is not None:
        wanted = vocabulary().by_path.get(type)
        if wanted is None or wanted.name not in NODE_TYPES:
            raise BadRequest(
                f"unknown type {type!r}; one of: "
                + ", ".join(p for t in NODE_TYPES if (p := vocabulary().classes[t].path))
            )
    measures = metrics(scope, types=None if wanted is None else [wanted.name], top=top)
    if media_type in TABLES:
        sheet = metrics_sheet(scope, measures.nodes, graph.base_iri)
        return table_response(sheet, TABLES[media_type], dialect or "rfc4180")
    return metrics_report(scope, measures, graph.base_iri)


@router.get("/paths", response_model=Paths, operation_id="paths")
def get_paths(
    graph: GraphDep,
    network: NetworkDep,
    lang: LangDep,
    source: Annotated[
        str, Query(alias="from", max_length=300, description="Entity id (organisation/stad-genk) or IRI")
    ],
    target: Annotated[str, Query(alias="to", max_length=300, description="Entity id or IRI")],
    most: Annotated[int, Query(alias="max", ge=1, le=MAX_PATHS, description="Paths wanted, at most 3")] = MAX_PATHS,
) -> Paths:
    """How are two entities connected: up to ``max`` cheapest paths between them over the cooperation network
    (partner, location, member, governs: 1 each), the agenda (serves, strategy, broader, in scheme: 2) and the
    territory (deelregio, arrondissement, province: 3), each step with its relation, role and words in the
    request's language; the scope filters (year, strategy, subregion) as on /api/metrics. No paths when they are
    not connected. 400 for the same entity twice; 404 for an id or IRI that names no entity of the network."""
    try:
        start, end = (entity_key(network, graph.base_iri, given) for given in (source, target))
    except UnknownEntity as exc:
        raise NotFound(str(exc)) from None
    if start == end:
        raise BadRequest("from and to name the same entity; a path needs two")
    return paths(network, graph.base_iri, start, end, str(lang), most)


@router.get("/brokers", response_model=BrokerReport, operation_id="brokers")
def get_brokers(graph: GraphDep, network: NetworkDep, top: TopQuery = 20) -> BrokerReport:
    """Who bridges the groups that work together: the ``top`` brokers of the cooperation network (highest
    betweenness first) with, per Leiden community their neighbours lie in, how many; the structures every
    municipality belongs to apart (they lie on many paths only because they touch everybody); every community with
    the members it is named after (most links inside it). Scope filters as on /api/metrics."""
    return brokers_report(network.scope, brokers(network.scope, network.graph, top), graph.base_iri)
