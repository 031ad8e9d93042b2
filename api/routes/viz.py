"""``/viz/...``: self-contained pages (network, gap heatmap, network explorer); no request leaves 127.0.0.1."""

from __future__ import annotations

from typing import Annotated, Literal

import networkx as nx
from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response

from api.current import LoadedGraph
from api.deps import GraphDep, ScopeDep
from api.downloads import DialectQuery, table_response
from api.errors import RESPONSES
from api.language import LangDep
from graph.analysis.cooperation import cooperation_graph
from graph.analysis.gaps import gaps
from graph.analysis.report import gaps_report
from graph.analysis.results import coverage_sheet
from graph.analysis.scope import make_scope
from ontology.formats import CSV, HTML, XLSX
from records.labels import display_label
from viz.explorer import explorer_data, focus_problem
from viz.explorer_page import page_html as explorer_html
from viz.gaps_page import page_html as gaps_html
from viz.i18n import gettext
from viz.layout import positions
from viz.network_page import page_html as network_html

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
