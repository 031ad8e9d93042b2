"""Neo4j benchmark: our batched load (graph.neo4j.load, ``UNWIND ... MERGE``) against one MERGE per row.

    NEO4J_URI=bolt://127.0.0.1:7689 NEO4J_USER=neo4j NEO4J_PASSWORD=... python -m bench.neo4j --projects 1000

Needs a Neo4j server whose database may be emptied (it ends holding the synthetic graph): start
one for benchmarks on its own port, e.g. ``NEO4J_PORT=7689 NEO4J_HTTP_PORT=7476
scripts/neo4j-local.sh start``. Both ways start from a database holding the nodes (loaded in
batches, not timed) and the uniqueness constraints, so every relationship MERGE finds its two
ends through the ``iri`` index:

- batched: ``load`` of the whole projection (nodes unchanged, every relationship created);
- naive: one auto-commit ``MATCH (a {iri}) MATCH (b {iri}) MERGE (a)-[:TYPE]->(b)`` per
  relationship, on an even sample of ``--naive`` relationships across all types (its rate does
  not depend on how many are sent).

Then, timed as wholes: wiping the database (a load of nothing), a load of the projection into the
empty database, and RELOADS re-loads of it (which must change nothing; the first re-load after a
large change may include Neo4j re-planning its queries for the new statistics).

Prints one JSON line with relationships per second each way and their ratio (target >= 20), and the
seconds of the wipe, the load and each re-load.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import BASE_IRI, built, emit, parser
from graph.neo4j.client import connect
from graph.neo4j.load import _name, load
from graph.neo4j.projection import Projection, project
from graph.settings import Settings
from graph.store import open_current

RELOADS = 3


def _sample(projection: Projection, count: int) -> list[tuple[str, str, str, dict]]:
    """An even sample of ``count`` relationships: (start label, type, end label, row)."""
    rows = [(*kind, row) for kind, rows in projection.relationships.items() for row in rows]
    stride = max(1, len(rows) // count)
    return rows[::stride][:count]


def _naive(driver, sample: list[tuple[str, str, str, dict]]) -> float:
    """Seconds to MERGE each sampled relationship in its own auto-commit transaction."""
    started = time.perf_counter()
    with driver.session() as session:
        for start, rel_type, end, row in sample:
            session.run(
                f"MATCH (a:{_name(start)} {{iri: $start}}) MATCH (b:{_name(end)} {{iri: $end}}) "
                f"MERGE (a)-[:{_name(rel_type)}]->(b)",
                start=row["start"],
                end=row["end"],
            ).consume()
    return time.perf_counter() - started


def run(projects: int, seed: int, work: Path, naive: int) -> dict:
    """Measure both ways on one synthetic build; returns (and prints) the figures."""
    projection = project(open_current(built(work, projects, seed)).records, BASE_IRI)
    nodes_only = Projection(projection.nodes, {})
    relationships = sum(map(len, projection.relationships.values()))
    sample = _sample(projection, naive)
    with connect(Settings()) as driver:
        driver.verify_connectivity()
        load(driver, Projection({}, {}))
        load(driver, nodes_only)
        batched = load(driver, projection)
        if batched.counters["relationships_created"] != relationships:
            raise RuntimeError(
                f"the batched load created {batched.counters['relationships_created']} "
                f"relationships, expected {relationships}"
            )
        load(driver, nodes_only)
        naive_s = _naive(driver, sample)
        wipe = load(driver, Projection({}, {}))
        empty = load(driver, projection)
        reloads = [load(driver, projection) for _ in range(RELOADS)]
        if any(reload.changed for reload in reloads):
            raise RuntimeError(f"a re-load changed the database: {[r.counters for r in reloads]}")
        version = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v"
        ).records[0]["v"]
    batched_rate = relationships / batched.seconds
    naive_rate = len(sample) / naive_s
    return emit(
        "neo4j",
        projects=projects,
        neo4j=version,
        nodes=sum(map(len, projection.nodes.values())),
        relationships=relationships,
        batched_s=round(batched.seconds, 2),
        batched_rels_per_s=round(batched_rate),
        naive_relationships=len(sample),
        naive_s=round(naive_s, 2),
        naive_rels_per_s=round(naive_rate, 1),
        ratio=round(batched_rate / naive_rate, 1),
        target_ratio=20,
        wipe_s=round(wipe.seconds, 2),
        load_empty_s=round(empty.seconds, 2),
        reload_s=[round(r.seconds, 2) for r in reloads],
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --naive M``; Neo4j from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD."""
    p = parser(__doc__.split("\n\n")[0], projects=1_000)
    p.add_argument("--naive", type=int, default=2_000, help="relationships merged one by one (default 2000)")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.naive)


if __name__ == "__main__":
    main()
