"""Full sync of a Projection into a Neo4j database: constraints first, then batched ``UNWIND … MERGE``.

After a load the database holds exactly the projection: nodes and relationships that are not in it are
deleted, changed properties are rewritten, and a second load of the same records changes nothing (its
counters are all zero). The database is owned by LIRES Graph: anything else in it is removed.
Labels and relationship types cannot be query parameters, so they are written into the query text; they
only ever come from the schema (ontology/vocab.py) and are checked against NAME before use.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.neo4j_projection import Projection
from ontology.vocab import vocabulary

if TYPE_CHECKING:  # the driver is only named in annotations; importing it costs every CLI command 0.2 s
    import neo4j

BATCH_SIZE = 1000
"""Rows per ``UNWIND`` transaction."""

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
COUNTERS = ("constraints_added", "nodes_created", "nodes_deleted", "relationships_created",
            "relationships_deleted", "properties_set", "labels_added")
"""The Neo4j summary counters a load adds up."""


@dataclass
class LoadReport:
    """What a load did: the graph's size per label and type, the summed Neo4j counters and the wall time."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True when the load created, deleted or rewrote anything."""
        return any(self.counters.values())


def _name(text: str) -> str:
    """A schema-derived label or type, backquoted for query text; ValueError for anything else."""
    if not NAME.match(text):
        raise ValueError(f"not a schema name: {text!r}")
    return f"`{text}`"


def _labels() -> list[str]:
    return [cls.neo4j_label for cls in vocabulary().concrete()]


def _batches(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def load(driver: neo4j.Driver, projection: Projection, batch_size: int = BATCH_SIZE,
         advance: Callable[[int], None] = lambda _: None) -> LoadReport:
    """Make the database equal to ``projection``; ``advance(n)`` is called after each batch of n rows.

    Steps, each in its own write transaction: one uniqueness constraint on ``iri`` and one on ``key`` per
    schema label; delete nodes that are not in the projection (by label and iri); ``MERGE`` nodes by
    ``iri`` and replace their properties only where they differ; delete relationships that are not in
    the projection (by type, start and end iri); ``MERGE`` the relationships.
    Raises neo4j.exceptions.Neo4jError or DriverError (e.g. ServiceUnavailable, AuthError).
    """
    report = LoadReport(projection.node_counts(), projection.relationship_counts())
    started = time.perf_counter()
    with driver.session() as session:
        def run(query: str, **parameters) -> None:
            counters = session.execute_write(lambda tx: tx.run(query, parameters).consume().counters)
            for name in COUNTERS:
                report.counters[name] += getattr(counters, name)

        existing = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        for label in _labels():
            for prop in ("iri", "key"):
                name = f"{label.lower()}_{prop}_unique"
                if name not in existing:
                    run(f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_name(label)}) REQUIRE n.{prop} IS UNIQUE")
        nodes = [f"{label} {row['iri']}" for label, rows in projection.nodes.items() for row in rows]
        run("MATCH (n) WHERE size(labels(n)) <> 1 OR n.iri IS NULL OR NOT labels(n)[0] + ' ' + n.iri IN $nodes "
            "DETACH DELETE n", nodes=nodes)
        for label, rows in projection.nodes.items():
            for batch in _batches(rows, batch_size):
                run(f"UNWIND $rows AS row MERGE (n:{_name(label)} {{iri: row.iri}}) "
                    "WITH n, row WHERE properties(n) <> row.props SET n = row.props", rows=batch)
                advance(len(batch))
        facts = [f"{rel_type} {row['start']} {row['end']}"
                 for (_, rel_type, _), rows in projection.relationships.items() for row in rows]
        # Deletes relationships that are not in the projection, and duplicates of those that are.
        run("MATCH (a)-[r]->(b) WITH type(r) + ' ' + a.iri + ' ' + b.iri AS fact, collect(r) AS rs "
            "UNWIND CASE WHEN fact IN $facts THEN tail(rs) ELSE rs END AS stale DELETE stale", facts=facts)
        for (start, rel_type, end), rows in projection.relationships.items():
            for batch in _batches(rows, batch_size):
                run(f"UNWIND $rows AS row MATCH (a:{_name(start)} {{iri: row.start}}) "
                    f"MATCH (b:{_name(end)} {{iri: row.end}}) MERGE (a)-[:{_name(rel_type)}]->(b)", rows=batch)
                advance(len(batch))
    report.seconds = time.perf_counter() - started
    return report
