"""Figures for the linked-data side on the real data: export time per format, SPARQL round trips, worker start.

Run: ``.venv/bin/python -m bench.lod [--store DIR]`` after ``lires build`` (default store: $LIRES_STORE or the
user data directory). Prints a table; nothing is asserted (figures belong here, not in tests).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient
from rich.console import Console
from rich.table import Table

from api.app import create_app
from api.settings import ApiSettings
from api.sparql.service import QueryRequest
from api.sparql.workers import QueryWorkers
from graph.publish.dumps import DUMPS
from graph.publish.files import dump
from graph.store import open_current
from ontology.formats import JSON_LD, SPARQL_JSON
from ontology.vocab import vocabulary


def queries() -> dict[str, str]:
    """The queries timed, by what the table calls them."""
    municipality = vocabulary().classes["Municipality"].uri
    return {
        "ASK": "ASK {}",
        "SELECT 50 municipalities": f"SELECT ?m WHERE {{ ?m a <{municipality}> }}",
        "CONSTRUCT all (JSON-LD)": "CONSTRUCT WHERE { ?s ?p ?o }",
    }


def timed(action, repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls of ``action``."""
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    settings = ApiSettings(**({"store": args.store} if args.store else {}))
    build = open_current(settings.store)
    table = Table("what", "median ms", "max ms", "bytes", title=f"LIRES linked data, {len(build.rdf)} triples")

    for name, file in DUMPS.items():
        sizes: list[int] = []
        times = timed(lambda file=file, sizes=sizes: sizes.append(len(dump(build, settings, file))), 3)
        table.add_row(f"export {name}", f"{statistics.median(times):.0f}", f"{max(times):.0f}", str(sizes[0]))

    workers = QueryWorkers(1, 30, settings.sparql_max_rows, settings.sparql_in_memory_triples)
    start = timed(lambda: workers.run(build.path, QueryRequest("ASK {}")), 1)
    table.add_row("first query (worker start and in-memory copy included)", f"{start[0]:.0f}", f"{start[0]:.0f}", "")
    workers.close()

    client = TestClient(create_app(settings))
    client.get("/sparql", params={"query": "ASK {}"})  # start the workers
    for name, query in queries().items():
        accept = (JSON_LD if name.startswith("CONSTRUCT") else SPARQL_JSON).media_type
        sizes = []
        times = timed(
            lambda q=query, a=accept, sizes=sizes: sizes.append(
                len(client.get("/sparql", params={"query": q}, headers={"Accept": a}).content)
            ),
            args.repeat,
        )
        table.add_row(f"/sparql {name}", f"{statistics.median(times):.1f}", f"{max(times):.1f}", str(sizes[0]))

    slow = TestClient(create_app(settings.model_copy(update={"sparql_timeout_s": 1.0, "sparql_workers": 1})))
    slow.get("/sparql", params={"query": "ASK {}"})
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    times = timed(lambda: slow.get("/sparql", params={"query": runaway}), 3)
    table.add_row("runaway query, timeout 1 s -> 504", f"{statistics.median(times):.0f}", f"{max(times):.0f}", "")
    Console().print(table)


if __name__ == "__main__":
    main()
