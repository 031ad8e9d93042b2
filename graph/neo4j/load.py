"""Full sync of a Projection into a Neo4j database: constraints first, then batched ``UNWIND … MERGE``.

After a load the database holds exactly the projection: nodes and relationships that are not in it are
deleted, duplicate relationships too, changed properties are rewritten, and a second load of the same
records changes nothing (its counters are all zero). The database is owned by LIRES Graph: anything else
in it is removed, except the node that says whether the last load completed (graph.neo4j.load_state).

Stale elements are found by a mark, not by comparing lists: every node and relationship this module writes
carries ``load_id`` (LOAD_ID), the load id of its label or type, a hash of the identities in the projection
(the iris of a label's nodes; start label and iri, end label and iri of a type's relationships). The MERGE
batches set it where it differs; afterwards everything without the current id of its label or type is
deleted in batches (``CALL … IN TRANSACTIONS``), so no transaction grows with the graph. Because the id
depends only on those identities, an identical re-load sets nothing, and a change rewrites ``load_id`` only
on the labels and types whose set of elements changed (a changed property alone rewrites that property).
Labels and relationship types cannot be query parameters, so they are written into the query text; they
only ever come from the schema (ontology/vocab.py) and are checked against NAME before use.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from graph.neo4j import load_state
from graph.neo4j.projection import Projection
from ontology.vocab import vocabulary

if TYPE_CHECKING:  # the driver is only named in annotations; importing it costs every CLI command 0.2 s
    import neo4j

T = TypeVar("T")

BATCH_SIZE = 1000
"""Rows per ``UNWIND`` transaction, and nodes per transaction of the deletions."""

LOAD_ID = "load_id"
"""The property marking what a load wrote (on nodes and relationships); not a schema slot."""

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*\Z")
COUNTERS = (
    "constraints_added",
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
)
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


def _batches(rows: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _digest(identities: Iterable[str]) -> str:
    """A load id: 32 hex digits hashing the sorted identities (the same set gives the same id)."""
    digest = hashlib.blake2b(digest_size=16)
    for identity in sorted(identities):
        digest.update(identity.encode() + b"\n")
    return digest.hexdigest()


def load_ids(projection: Projection) -> tuple[dict[str, str], dict[str, str]]:
    """The load id of every label (from its nodes' iris) and of every relationship type (from its rows)."""
    nodes = {label: _digest(row["iri"] for row in rows) for label, rows in projection.nodes.items()}
    by_type: dict[str, list[str]] = {}
    for (start, rel_type, end), rows in projection.relationships.items():
        by_type.setdefault(rel_type, []).extend(f"{start} {row['start']} {end} {row['end']}" for row in rows)
    return nodes, {rel_type: _digest(rows) for rel_type, rows in by_type.items()}


# Deletes, per start node, its outgoing relationships that lack the current id of their type, and all but
# one of those that carry it (duplicates, e.g. a copy made by hand that the MERGE then marked).
STALE_RELATIONSHIPS = (
    "MATCH (a) CALL (a) {{ MATCH (a)-[r]->(b) WITH type(r) AS t, b, collect(r) AS rs "
    "WITH rs, [x IN rs WHERE x.{mark} = $ids[t]][..1] AS keep "
    "UNWIND rs AS r WITH r, keep WHERE NOT r IN keep DELETE r }} IN TRANSACTIONS OF {size} ROWS"
)
DELETE_NODES = " CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF {size} ROWS"
STALE_NODES = (
    f"MATCH (n) WHERE NOT n:{load_state.LABEL} AND NOT coalesce(n.{{mark}} = $ids[head(labels(n))], false)"
    + DELETE_NODES
)
# A node with a second label would be merged, marked and kept with it: such nodes go before the merge.
MULTI_LABEL_NODES = "MATCH (n) WHERE size(labels(n)) > 1" + DELETE_NODES


def load(
    driver: neo4j.Driver,
    projection: Projection,
    batch_size: int = BATCH_SIZE,
    advance: Callable[[int], None] = lambda _: None,
    build: str = "",
    database: str | None = None,
) -> LoadReport:
    """Make ``database`` (default: the server's home database) equal to ``projection`` (of build ``build``, its
    id); ``advance(n)`` is called after each batch of n rows. Every write goes through a session in write mode, so
    a routing driver (``neo4j://``, a cluster or Aura) sends it to the database's leader.

    Steps: mark the graph ``loading`` (graph.neo4j.load_state); one uniqueness constraint on ``iri`` and one on
    ``key`` per schema label; delete nodes with more than one label; per batch of ``batch_size`` rows (one write
    transaction each), delete a node of the same label and key but another iri or none (left by a change of
    base IRI), ``MERGE`` nodes by ``iri`` and replace their properties (``load_id`` included) only where they
    differ; ``MERGE`` the relationships and set their ``load_id`` where it differs; then, ``batch_size`` nodes
    per transaction, delete relationships without the current id of their type and duplicates, and nodes
    without the current id of their label; mark the graph ``complete``. The marks are not counted in the
    report. Raises neo4j.exceptions.Neo4jError or DriverError (e.g. ServiceUnavailable, AuthError).
    """
    report = LoadReport(projection.node_counts(), projection.relationship_counts())
    node_ids, relationship_ids = load_ids(projection)
    size = int(batch_size)
    started = time.perf_counter()
    with driver.session(database=database) as session:

        def add(counters: neo4j.SummaryCounters) -> None:
            for name in COUNTERS:
                report.counters[name] += getattr(counters, name)

        def run(query: str, **parameters: object) -> None:
            add(session.execute_write(lambda tx: tx.run(query, parameters).consume().counters))

        def run_in_transactions(query: str, **parameters: object) -> None:
            """An auto-commit query, as ``CALL … IN TRANSACTIONS`` needs; it commits every ``size`` rows."""
            add(session.run(query.format(mark=LOAD_ID, size=size), parameters).consume().counters)

        load_state.begin(session, build)
        existing = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        for label in _labels():
            for prop in ("iri", "key"):
                name = f"{label.lower()}_{prop}_unique"
                if name not in existing:
                    run(f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_name(label)}) REQUIRE n.{prop} IS UNIQUE")
        run_in_transactions(MULTI_LABEL_NODES)
        for label, rows in projection.nodes.items():
            node = _name(label)
            for batch in _batches(rows, size):
                marked = [{"iri": row["iri"], "props": {**row["props"], LOAD_ID: node_ids[label]}} for row in batch]
                run(
                    f"UNWIND $rows AS row CALL (row) {{ MATCH (old:{node} {{key: row.props.key}}) "
                    "WHERE NOT coalesce(old.iri = row.iri, false) DETACH DELETE old } "
                    f"MERGE (n:{node} {{iri: row.iri}}) "
                    "WITH n, row WHERE properties(n) <> row.props SET n = row.props",
                    rows=marked,
                )
                advance(len(batch))
        for (start, rel_type, end), rows in projection.relationships.items():
            for batch in _batches(rows, size):
                run(
                    f"UNWIND $rows AS row MATCH (a:{_name(start)} {{iri: row.start}}) "
                    f"MATCH (b:{_name(end)} {{iri: row.end}}) MERGE (a)-[r:{_name(rel_type)}]->(b) "
                    f"WITH r WHERE r.{LOAD_ID} IS NULL OR r.{LOAD_ID} <> $id SET r.{LOAD_ID} = $id",
                    rows=batch,
                    id=relationship_ids[rel_type],
                )
                advance(len(batch))
        run_in_transactions(STALE_RELATIONSHIPS, ids=relationship_ids)
        run_in_transactions(STALE_NODES, ids=node_ids)
        load_state.finish(session)
    report.seconds = time.perf_counter() - started
    return report
