"""``/completeness``: what the data lacks, ranked by what it blocks in the analysis, as a to-do list with the
sources to check (graph.analysis.completeness, in words by viz.completeness)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import GraphDep, ScopeDep
from api.language import LangDep
from graph.analysis.completeness import completeness
from viz.completeness import tasks

router = APIRouter(include_in_schema=False)


@router.get("/completeness", response_class=HTMLResponse)
def completeness_page(request: Request, graph: GraphDep, scope: ScopeDep, lang: LangDep) -> HTMLResponse:
    """The data steward's to-do list for the scope of the query (by default today's municipalities and every
    project): each gap in the data with what it blocks, where to fill it in, and what lacks it with its sources."""
    counted = completeness(scope)
    return HTMLResponse(
        request.app.state.templates.get_template("completeness.html").render(
            lang=lang,
            tasks=tasks(counted, graph.records, str(lang)),
            counted=counted,
            manifest=graph.build.manifest,
        )
    )
