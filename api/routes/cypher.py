"""``/cypher``: read-only, parameterised Cypher against the Neo4j projection of the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import Neo4jDep, client_address
from api.errors import RESPONSES
from api.models import CypherQuery, CypherRows
from api.query_gate import QueryGate
from graph.neo4j.reader import Neo4jReader
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
    (``LIRES_CYPHER_TIMEOUT_S``) or more than ``LIRES_CYPHER_MAX_ROWS`` rows give 400; 503 when Neo4j
    is not configured or not reachable, or with Retry-After when the client's fair share of Cypher slots is used
    up (``LIRES_CYPHER_SLOTS``, ``LIRES_QUERIES_PER_CLIENT``).
    """
    gate: QueryGate = request.app.state.cypher_gate
    return await gate.run(client_address(request), _rows, neo4j, body)


def _rows(neo4j: Neo4jReader, body: CypherQuery) -> CypherRows:
    result = neo4j.query(body.query, body.parameters)
    return CypherRows(columns=result.columns, data=to_json(result.rows), count=len(result.rows))
