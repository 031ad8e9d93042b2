"""``/health``: is the graph built and served, and is each optional backend up."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.models import Health, Neo4jLoad
from graph.store import NoGraph

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    operation_id="health",
    responses={503: {"model": Health, "description": "No graph built yet: nothing to serve"}},
)
def health(request: Request, response: Response) -> Health:
    """Report whether a graph is built (with its counts per type), the state of each backend and of the last
    load into Neo4j.

    200 while a graph is served (``ok``, or ``degraded`` when an optional backend such as Neo4j is
    down, or Neo4j is ``incomplete``: a load started and has not finished); 503 with status ``no_graph``
    before the first build.
    """
    backends = {name: check() for name, check in request.app.state.backend_checks.items()}
    last = request.app.state.neo4j.last_load() if backends.get("neo4j") in ("up", "incomplete") else None
    neo4j_load = None if last is None else Neo4jLoad(**vars(last), summary=last.describe())
    try:
        manifest = request.app.state.graphs.get().build.manifest
    except NoGraph:
        response.status_code = 503
        return Health(status="no_graph", backends=backends, neo4j_load=neo4j_load)
    status = "ok" if all(v in ("up", "not configured") for v in backends.values()) else "degraded"
    return Health(
        status=status,
        built_at=manifest["built_at"],
        triples=manifest["triples"],
        entities=manifest["entities"],
        backends=backends,
        neo4j_load=neo4j_load,
    )
