"""Schemathesis against the live app's OpenAPI: for every operation, generated requests (valid and invalid)
never get a 5xx, and every response matches its documented status, media type, headers and schema."""

from __future__ import annotations

import httpx
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.settings import ApiSettings
from tests.support import neo4j_unavailable

SPEC = create_app(ApiSettings()).openapi()
"""The OpenAPI document (building the app opens nothing; test_the_live_app_serves_this_spec compares)."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 50
"""Generated requests per operation in CI (bounded; failing examples are kept in .hypothesis/)."""

schema = schemathesis.openapi.from_dict(SPEC)
schemathesis.serializer.alias("application/sparql-query", "text/plain")


def test_the_live_app_serves_this_spec(live_server: str):
    assert httpx.get(f"{live_server}/openapi.json").json() == SPEC


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_schema(case, live_server: str, settings: ApiSettings):
    if case.operation.path == "/cypher" and not settings.neo4j_uri:
        neo4j_unavailable("/cypher answers 503 without Neo4j")
    case.call_and_validate(base_url=live_server, checks=CHECKS, timeout=60)
