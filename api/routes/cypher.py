"""``/cypher``: read-only, parameterised Cypher against the Neo4j projection of the graph."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Neo4jDep
from api.errors import RESPONSES
from api.models import CypherQuery, CypherRows
from graph.neo4j.reader import CypherInvalid
from graph.neo4j.values import to_json

router = APIRouter(tags=["cypher"], responses=RESPONSES)


@router.post("/cypher", response_model=CypherRows, operation_id="cypher")
def cypher(body: CypherQuery, neo4j: Neo4jDep) -> CypherRows:
    """Run a read-only Cypher query on the graph in Neo4j (loaded by ``lires neo4j-load``).

    Nodes come back as ``{"kind": "node", "element_id", "labels", "properties"}``, relationships as
    ``{"kind": "relationship", "element_id", "type", "start", "end", "properties"}``, paths as
    ``{"kind": "path", "nodes", "relationships"}``, dates and durations as ISO 8601 strings.
    Writes, ``LOAD CSV``, server commands and procedures other than db.labels, db.relationshipTypes,
    db.propertyKeys and db.schema.* are refused with 403; a bad query, a timeout
    (``LIRES_CYPHER_TIMEOUT_S``), a query over Neo4j's memory limits, a value nested too deeply or more than
    ``LIRES_CYPHER_MAX_ROWS`` rows give 400; 503 when Neo4j is not configured or not reachable, or all
    ``LIRES_CYPHER_WORKERS`` are busy.
    """
    result = neo4j.query(body.query, body.parameters)
    try:
        return CypherRows(columns=result.columns, data=to_json(result.rows), count=len(result.rows))
    except RecursionError:
        raise CypherInvalid("a value in the result is nested too deeply for JSON; return a flatter value") from None
