"""``/``: the front page with the graph's counts and where to go next."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import GraphDep
from ontology.vocab import vocabulary

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, graph: GraphDep) -> HTMLResponse:
    """Front page: counts per type, links to the network, SPARQL and the API docs."""
    paths = {c.name: c.path for c in vocabulary().concrete()}
    return HTMLResponse(request.app.state.templates.get_template("index.html").render(
        manifest=graph.build.manifest, paths=paths))
