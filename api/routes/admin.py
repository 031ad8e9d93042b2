"""``/admin``: rebuild the graph from data/ and reload Neo4j, for requests bearing ``LIRES_ADMIN_TOKEN``.

Without LIRES_ADMIN_TOKEN the actions are disabled (403), never open. One action runs at a time; a
second request while one runs gets 409. Both keep what is served intact when they fail.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from neo4j.exceptions import AuthError, DriverError, Neo4jError
from starlette.concurrency import run_in_threadpool

from api.admin_access import bearer, one_at_a_time, token_problem
from api.deps import GraphDep, SettingsDep
from api.errors import RESPONSES, ServiceUnavailable
from api.models import BuildSummary, Neo4jSummary
from graph.build import build
from graph.neo4j.client import NOT_CONFIGURED, connect
from graph.neo4j.load import load
from graph.neo4j.projection import ProjectionError, project
from graph.neo4j.reader import Neo4jUnavailable
from graph.uploads import accepted


def _admin(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    if problem := token_problem(request.app.state.settings, credentials.credentials if credentials else ""):
        raise problem


router = APIRouter(prefix="/admin", tags=["admin"], responses=RESPONSES, dependencies=[Depends(_admin)])


@router.post("/rebuild", response_model=BuildSummary, operation_id="admin_rebuild")
async def rebuild(request: Request, settings: SettingsDep) -> BuildSummary:
    """Build the graph from LIRES_DATA (and the last accepted upload, graph.uploads) into LIRES_STORE and serve
    it (``lires build`` on the server).

    422 with every finding (file, line, column, reason) when the data has errors, 409 while another
    action runs, 503 when the store cannot be written (e.g. a full disk); the previous graph keeps
    serving in every such case. Neo4j is not touched: call /admin/neo4j-reload afterwards.
    """
    lock = one_at_a_time(request)
    try:
        report = await run_in_threadpool(
            build,
            settings.data,
            settings.store,
            settings.base_iri,
            workbook=accepted(settings.store),
            rdf=request.app.state.graphs.rdf,
        )
    except OSError as exc:
        raise ServiceUnavailable(
            f"cannot write the store {settings.store}: {exc}; the previous graph keeps serving"
        ) from None
    finally:
        lock.release()
    return BuildSummary(
        build=report.path.name,
        entities=report.entities,
        triples=report.triples,
        warnings=len(report.warnings),
        seconds=report.seconds,
    )


@router.post("/neo4j-reload", response_model=Neo4jSummary, operation_id="admin_neo4j_reload")
async def neo4j_reload(request: Request, settings: SettingsDep, graph: GraphDep) -> Neo4jSummary:
    """Make Neo4j hold exactly the graph being served (``lires neo4j-load`` on the server; a full sync).

    503 when Neo4j is not configured or not reachable, 409 while another action runs.
    """
    if not settings.neo4j_uri:
        raise Neo4jUnavailable(NOT_CONFIGURED)
    lock = one_at_a_time(request)
    try:
        report = await run_in_threadpool(_sync, settings, graph)
    finally:
        lock.release()
    return Neo4jSummary(
        nodes=report.nodes,
        relationships=report.relationships,
        counters=report.counters,
        changed=report.changed,
        seconds=report.seconds,
    )


def _sync(settings, graph):
    try:
        projection = project(graph.build.records, graph.build.manifest["base_iri"])
        with connect(settings) as driver:
            driver.verify_connectivity()
            return load(driver, projection, build=graph.build.id, database=settings.neo4j_database)
    except ProjectionError as exc:
        raise ServiceUnavailable(f"the current build cannot be projected to Neo4j: {exc}") from None
    except AuthError as exc:
        raise Neo4jUnavailable(f"Neo4j rejects the configured NEO4J_USER/NEO4J_PASSWORD: {exc.message}") from None
    except (Neo4jError, DriverError) as exc:
        raise Neo4jUnavailable(f"Neo4j at {settings.neo4j_uri} could not be loaded: {exc}") from None
