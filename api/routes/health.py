"""``/health``: is the graph built and served, and is each optional backend up."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from graph.store import NoGraph

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Service status: ``ok`` when a graph is served, ``degraded`` when a backend is down, ``no_graph`` before a build."""

    status: str
    built_at: str | None = None
    triples: int | None = None
    entities: dict[str, int] = {}
    backends: dict[str, str] = {}


@router.get("/health", response_model=Health, operation_id="health")
def health(request: Request) -> Health:
    """Report whether a graph is built (with its counts per type) and the state of each backend."""
    backends = {name: check() for name, check in request.app.state.backend_checks.items()}
    try:
        manifest = request.app.state.graphs.get().build.manifest
    except NoGraph:
        return Health(status="no_graph", backends=backends)
    status = "ok" if all(v in ("up", "not configured") for v in backends.values()) else "degraded"
    return Health(status=status, built_at=manifest["built_at"], triples=manifest["triples"],
                  entities=manifest["entities"], backends=backends)
