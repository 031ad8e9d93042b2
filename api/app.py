"""The FastAPI application factory: settings in, app out; stores opened lazily per build."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api import errors
from api.current import GraphHolder
from api.language import LanguageMiddleware
from api.middleware.body_limit import BodyLimit
from api.middleware.head import HeadAsGet
from api.middleware.rate_limit import RateLimit
from api.query_gate import QueryGate
from api.routes import (
    admin,
    analysis,
    completeness,
    crawl,
    cypher,
    dataset,
    docs,
    entities,
    graph_store,
    health,
    home,
    linked_data,
    network,
    sparql,
    upload,
    viz,
    vocabulary,
)
from api.settings import ApiSettings
from api.sparql.remote import RemoteQueries
from api.sparql.workers import QueryWorkers
from graph.neo4j.reader import Neo4jReader
from graph.publish.published import PublishedHolder
from graph.stores.base import RdfStore
from graph.stores.choose import rdf_store
from graph.stores.oxigraph import OxigraphStore
from graph.stores.sparql import SparqlStore
from viz.templates import environment

HERE = Path(__file__).parent
ROUTERS = [
    health.router,
    home.router,
    completeness.router,
    entities.router,
    analysis.router,
    linked_data.router,
    sparql.router,
    graph_store.router,
    dataset.router,
    crawl.router,
    vocabulary.router,
    viz.router,
    network.router,
    cypher.router,
    docs.router,
    admin.router,
    upload.router,
]
"""Every router the app mounts, in order."""
RATE_LIMITED = [sparql.router, cypher.router, analysis.router]
"""The query endpoints (SPARQL, Cypher, gap and synergy analysis), where each client has a budget of
LIRES_RATE_LIMIT requests."""
SPARQL_EVALUATION: dict[str, Callable[[ApiSettings, RdfStore], QueryWorkers | RemoteQueries]] = {
    OxigraphStore.kind: lambda s, _: QueryWorkers(
        s.sparql_workers, s.sparql_timeout_s, s.sparql_max_rows, s.sparql_in_memory_triples
    ),
    SparqlStore.kind: lambda s, rdf: RemoteQueries(rdf, s.sparql_workers, s.sparql_timeout_s, s.sparql_max_rows),
}
"""Where /sparql evaluates, per RDF store: worker processes on the embedded store, the remote store itself."""


def create_app(settings: ApiSettings, backend_checks: dict[str, Callable[[], str]] | None = None) -> FastAPI:
    """Build the app for ``settings``; nothing is opened until the first request needs it.

    The client of a request is the connecting address, or the one named by ``X-Forwarded-For`` when the
    connection comes from a proxy of ``settings.forwarded_allow_ips`` (uvicorn's ProxyHeadersMiddleware);
    whoever serves the app must not apply forwarded headers itself (``lires serve`` runs uvicorn with
    ``proxy_headers=False``).

    ``backend_checks`` maps optional backend names to a function returning ``up``, ``down``
    or ``not configured`` (reported by /health); ``neo4j`` is always checked, and ``rdf_store`` when the RDF is
    in a remote store (LIRES_RDF_STORE=sparql).
    """
    neo4j = Neo4jReader(settings)
    rdf = rdf_store(settings)
    sparql_workers = SPARQL_EVALUATION[rdf.kind](settings, rdf)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        neo4j.shutdown()
        sparql_workers.close()

    app = FastAPI(
        title="LIRES Graph",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Regional economic cooperation in Limburg (LIRES) as a knowledge graph: REST, "
        "SPARQL 1.1 Protocol, dereferenceable IRIs and network pages. Data: see /dataset "
        "and the sources of each entity.",
    )
    app.state.settings = settings
    app.state.graphs = GraphHolder(settings.store, settings.base_iri, rdf)
    app.state.neo4j = neo4j
    app.state.backend_checks = {
        "neo4j": neo4j.status,
        **({"rdf_store": rdf.status} if rdf.remote else {}),
        **(backend_checks or {}),
    }
    app.state.published = PublishedHolder(settings)
    app.state.sparql = sparql_workers
    fair = {"per_client": settings.queries_per_client, "queue": settings.query_queue}
    app.state.sparql_gate = QueryGate("SPARQL", settings.sparql_workers, timeout_s=settings.sparql_timeout_s, **fair)
    app.state.cypher_gate = QueryGate("Cypher", settings.cypher_workers, timeout_s=settings.cypher_timeout_s, **fair)
    app.state.templates = environment()
    app.state.admin_lock = threading.Lock()
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, paths={"/admin/upload": settings.max_upload_bytes})
    app.add_middleware(LanguageMiddleware)
    # Open data: any web page (e.g. a YASGUI hosted elsewhere) may read it; nothing here writes.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST"],
        allow_headers=["Accept", "Content-Type", "If-None-Match", "If-Modified-Since"],
        expose_headers=["ETag", "Last-Modified", "Link", "Vary"],
    )
    rate_limit = [Depends(RateLimit(settings.rate_limit))]
    too_many: dict[int | str, dict[str, Any]] = {429: {"model": errors.ErrorBody, "description": "too many requests"}}
    for router in ROUTERS:
        if router in RATE_LIMITED:
            app.include_router(router, dependencies=rate_limit, responses=too_many)
        else:
            app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(HeadAsGet)  # every layer below sees a GET
    if settings.forwarded_allow_ips:  # outermost: the rate limit and the logs see the real client
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.forwarded_allow_ips))
    return app
