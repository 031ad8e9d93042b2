"""``/cypher``: read-only, parameterised Cypher against the Neo4j projection of the graph."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from api.deps import Neo4jDep, client_address
from api.errors import RESPONSES
from api.models import CypherQuery, CypherRows
from api.query_gate import QueryGate
from graph.neo4j.reader import CypherInvalid, CypherResult
from graph.neo4j.values import to_json

router = APIRouter(tags=["cypher"], responses=RESPONSES)


@router.post("/cypher", response_model=CypherRows, operation_id="cypher")
async def cypher(body: CypherQuery, neo4j: Neo4jDep, request: Request) -> CypherRows:
    """Run a read-only Cypher query on the graph in Neo4j (loaded by ``lires neo4j-load``).

    Nodes come back as ``{"kind": "node", "element_id", "labels", "properties"}``, relationships as
    ``{"kind": "relationship", "element_id", "type", "start", "end", "properties"}``, paths as
    ``{"kind": "path", "nodes", "relationships"}``, dates and durations as ISO 8601 strings.
    Writes, ``LOAD CSV``, server commands and procedures other than db.labels, db.relationshipTypes,
    db.propertyKeys and db.schema.* are refused with 403; a bad query, a timeout
    (``LIRES_CYPHER_TIMEOUT_S``), a query over Neo4j's memory limits, a value nested too deeply or more than
    ``LIRES_CYPHER_MAX_ROWS`` rows give 400; 503 when Neo4j is not configured or not reachable, holds a load
    that has not completed or all ``LIRES_CYPHER_WORKERS`` are busy, and with Retry-After when the client's
    fair share is used up (``LIRES_QUERIES_PER_CLIENT``; a query Neo4j has not stopped at its deadline keeps
    counting until it ends).
    """
    gate: QueryGate = request.app.state.cypher_gate
    async with gate.admit(client_address(request)) as ticket:
        work = neo4j.submit(body.query, body.parameters)
        ticket.keep_until(work)
        try:
            result = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(work)), neo4j.deadline_s)
        except TimeoutError:
            raise neo4j.timed_out() from None
    return await run_in_threadpool(_rows, result)


def _rows(result: CypherResult) -> CypherRows:
    try:
        return CypherRows(columns=result.columns, data=to_json(result.rows), count=len(result.rows))
    except RecursionError:
        raise CypherInvalid("a value in the result is nested too deeply for JSON; return a flatter value") from None
