"""``/viz/...``: self-contained network pages, rendered once per build and served from memory."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import GraphDep
from api.errors import RESPONSES

router = APIRouter(prefix="/viz", tags=["viz"], responses=RESPONSES)

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
"""The page may load nothing from anywhere: its scripts, styles and images are all inline."""


@router.get("/graph", response_class=HTMLResponse, operation_id="network_page",
            responses={200: {"content": {"text/html": {}}, "description": "The network page"}})
def network_page(graph: GraphDep) -> HTMLResponse:
    """The whole graph as an interactive network (HTML with vis-network inline; no request to any other host).

    One dot per entity, coloured by type with a legend (tick boxes hide a type), labelled in Dutch
    (else English), with key facts in the tooltips; memberships and participations are edges with
    the role. Data: the current build's records (see /dataset and each entity's sources). 503 before
    the first build.
    """
    return HTMLResponse(graph.network_page, headers={"Content-Security-Policy": CSP})
