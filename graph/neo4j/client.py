"""One way to open the official Neo4j driver from Settings (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)."""

from __future__ import annotations

import neo4j

from graph.settings import Settings


class Neo4jNotConfigured(RuntimeError):
    """NEO4J_URI (with NEO4J_USER and NEO4J_PASSWORD) is not set."""


NOT_CONFIGURED = "Neo4j is not configured: set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (see docs/neo4j.md)"


def connect(settings: Settings) -> neo4j.Driver:
    """A driver for the configured server; connects lazily, so this never fails for a server that is down.

    Pooled connections are checked before reuse (``liveness_check_timeout=0``), so a restarted server is
    picked up without recreating the driver. Server notifications (hints, deprecations) are switched off.
    Raises Neo4jNotConfigured when no URI is set, neo4j.exceptions.ConfigurationError for a malformed URI.
    """
    if not settings.neo4j_uri or settings.neo4j_user is None or settings.neo4j_password is None:
        raise Neo4jNotConfigured(NOT_CONFIGURED)  # Settings sets the three together or none
    return neo4j.GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        connection_timeout=settings.neo4j_connection_timeout_s,
        connection_acquisition_timeout=2 * settings.neo4j_connection_timeout_s,
        liveness_check_timeout=0,
        notifications_min_severity="OFF",
    )
