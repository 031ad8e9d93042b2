"""``/api/gaps``, ``/api/synergies``, ``/api/metrics``: the gap and synergy analysis of the current graph.

The filters (by, year, strategy, subregion) mean the same on every endpoint (see
``graph.analysis.scope``). Gaps and synergies also come as CSV and as RDF (Turtle, JSON-LD,
N-Triples, RDF/XML): an ``AnalysisRun`` and its ``Gap`` / ``SynergyCandidate`` results.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse, Response

from api.conneg import RDF, negotiate, offer
from api.current import LoadedGraph
from api.deps import GraphDep, ScopeDep
from api.downloads import DialectQuery, table_response
from api.errors import RESPONSES, BadRequest
from api.language import LangDep
from api.models import PlanProblems, plan_problems
from graph.analysis.cooperation import NODE_TYPES
from graph.analysis.gaps import gaps
from graph.analysis.metrics import metrics
from graph.analysis.report import GapReport, MetricsReport, SynergyReport, gaps_report, metrics_report, synergy_report
from graph.analysis.results import gap_records, gaps_sheet, metrics_sheet, run_record, synergy_records, synergy_sheet
from graph.analysis.scope import Scope
from graph.analysis.synergy import KINDS, synergies
from graph.analysis.what_if import InvalidPlan, Plan, WhatIfReport, what_if
from graph.publish.serialize import serialize
from graph.quads import quads
from ontology.formats import CSV, GRAPH_FORMATS, JSON, XLSX
from ontology.vocab import vocabulary

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


def _rdf(graph: LoadedGraph, analysis: str, scope: Scope, results, media_type: str) -> Response:
    run = run_record(analysis, scope, graph.build.path.name, dt.datetime.now(dt.UTC))
    triples = [q.triple for q in quads(graph.base_iri, [run, *results(run)])]
    return Response(serialize(triples, media_type), media_type=media_type)


@router.get("/gaps", response_model=GapReport, operation_id="gaps", responses=_content(RESULT_FORMATS))
def get_gaps(
    graph: GraphDep,
    scope: ScopeDep,
    top: TopQuery = None,
    accept: AcceptHeader = None,
    format: FormatQuery = None,
    dialect: DialectQuery = None,
):
    """Where the agenda has holes: the coverage matrix (top objective x territory, with projects, budget in EUR
    and EUR per inhabitant), empty cells biggest first, unserved objectives, municipalities and organisations
    without a role, thematic structures missing territories, and projects missing data.

    ``top`` limits the empty cells. CSV and XLSX: one row per gap. RDF: the run and its ``lires:Gap`` results.
    400 for an unknown strategy or subregion.
    """
    media_type = negotiate(accept, format, RESULT_FORMATS)
    result = gaps(scope)
    if media_type in TABLES:
        return table_response(gaps_sheet(result, graph.base_iri), TABLES[media_type], dialect or "rfc4180")
    if media_type in RDF:
        return _rdf(graph, "gaps", scope, lambda run: gap_records(result, run), media_type)
    return gaps_report(result, graph.base_iri, top)


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
    try:
        found = synergies(scope, kind or KINDS, top)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    if media_type in TABLES:
        return table_response(synergy_sheet(scope, found, graph.base_iri), TABLES[media_type], dialect or "rfc4180")
    if media_type in RDF:
        return _rdf(graph, "synergy", scope, lambda run: synergy_records(scope, found, run), media_type)
    return synergy_report(scope, found, graph.base_iri)


@router.post(
    "/what-if",
    response_model=WhatIfReport,
    operation_id="what_if",
    responses={422: {"model": PlanProblems, "description": "The plan has values the loaders refuse"}},
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
    """Degree, betweenness (brokers), closeness and Louvain community of every node of the cooperation
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
                f"unknown type {type!r}; one of: " + ", ".join(vocabulary().classes[t].path for t in NODE_TYPES)
            )
    measures = metrics(scope, types=None if wanted is None else [wanted.name], top=top)
    if media_type in TABLES:
        sheet = metrics_sheet(scope, measures.nodes, graph.base_iri)
        return table_response(sheet, TABLES[media_type], dialect or "rfc4180")
    return metrics_report(scope, measures, graph.base_iri)
