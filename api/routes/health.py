"""``/health``: is the graph built and served, and is each optional backend up."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.models import Health
from graph.store import NoGraph

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    operation_id="health",
    responses={503: {"model": Health, "description": "No graph built yet: nothing to serve"}},
)
def health(request: Request, response: Response) -> Health:
    """Report whether a graph is built (with its counts per type) and the state of each backend.

    200 while a graph is served (``ok``, or ``degraded`` when an optional backend such as Neo4j is
    down); 503 with status ``no_graph`` before the first build.
    """
    backends = {name: check() for name, check in request.app.state.backend_checks.items()}
    try:
        manifest = request.app.state.graphs.get().build.manifest
    except NoGraph:
        response.status_code = 503
        return Health(status="no_graph", backends=backends)
    status = "ok" if all(v in ("up", "not configured") for v in backends.values()) else "degraded"
    return Health(
        status=status,
        built_at=manifest["built_at"],
        triples=manifest["triples"],
        entities=manifest["entities"],
        backends=backends,
    )
