"""Benchmark: load the real data into Neo4j, into an empty database and again (a no-change re-load).

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... .venv/bin/python -m bench.neo4j_load

Prints one JSON line: Neo4j version, records, nodes and relationships (total, per label and per type), the
median of RUNS timings in seconds of the projection, a load into an empty database and a re-load, and the
counters of the last re-load. Replaces the database's contents (it ends holding the real data).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from graph.build import build
from graph.neo4j.client import connect
from graph.neo4j.load import load
from graph.neo4j.projection import Projection, project
from graph.settings import Settings
from graph.store import open_current

RUNS = 3


T = TypeVar("T")


def seconds(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        build(settings.data, Path(tmp), settings.base_iri)
        records = open_current(Path(tmp)).records
    project_s = statistics.median(seconds(lambda: project(records, settings.base_iri))[0] for _ in range(RUNS))
    projection = project(records, settings.base_iri)
    empty, reload = [], []
    with connect(settings) as driver:
        version = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v"
        ).records[0]["v"]
        for _ in range(RUNS):
            load(driver, Projection({}, {}))
            empty.append(seconds(lambda: load(driver, projection))[0])
            elapsed, report = seconds(lambda: load(driver, projection))
            reload.append(elapsed)
    json.dump(
        {
            "neo4j": version,
            "records": len(records),
            "nodes": sum(report.nodes.values()),
            "relationships": sum(report.relationships.values()),
            "project_s": round(project_s, 3),
            "load_empty_s": round(statistics.median(empty), 3),
            "reload_s": round(statistics.median(reload), 3),
            "reload_counters": report.counters,
            "nodes_per_label": report.nodes,
            "relationships_per_type": report.relationships,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
