"""Build benchmark: ``lires build`` against the floor, a raw pyoxigraph bulk-load of the same triples.

    python -m bench.build --projects 10000

Runs two child processes on one synthetic data set, each measured alone (wall time, peak RSS):

1. the build (graph.build.build, what ``lires build`` runs), with light timers around its steps
   to show where the time goes: ``parse`` (read files, type and check cells), ``map`` (rows ->
   records), ``validate_records`` (merge and check the records), ``map_rdf`` (records -> quads),
   ``write_rdf`` (Oxigraph bulk write), ``validate_shacl`` and ``other`` (records.jsonl, manifest);
2. the floor: the build's triples dumped as N-Triples (not timed), then bulk-loaded into a
   fresh Oxigraph store by ``Store.bulk_load`` -- parsing and indexing in Rust, nothing else.

Prints one JSON line; ``ratio`` = build seconds / floor seconds (target <= 1.5).
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from bench.common import BASE_IRI, dataset, emit, measure, parser, python

CHUNK = 10_000
"""Quads pulled per timed chunk (keeps the timer's own cost out of the figures)."""


def _timed_build(data: Path, store: Path) -> dict:
    """Run the real build with timers wrapped around its steps; returns seconds per step."""
    import graph.build
    import loaders.dataset
    import loaders.table

    steps = dict.fromkeys(("parse", "map", "validate_records", "map_rdf", "write_rdf", "validate_shacl"), 0.0)

    def timer(step: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                steps[step] += time.perf_counter() - started
        return timed

    project = graph.build.quads

    def timed_quads(base, records):
        chunks = project(base, records)
        while True:
            started = time.perf_counter()
            chunk = list(itertools.islice(chunks, CHUNK))
            steps["map_rdf"] += time.perf_counter() - started
            if not chunk:
                return
            yield from chunk

    def mapper(to_records):
        return timer("map", lambda row: list(to_records(row)))

    tables = loaders.dataset.tables
    loaders.dataset.tables = lambda: [replace(t, to_records=mapper(t.to_records)) for t in tables()]
    loaders.table.Table.read = timer("parse", loaders.table.Table.read)
    loaders.dataset.merge = timer("validate_records", loaders.dataset.merge)
    loaders.dataset.check_records = timer("validate_records", loaders.dataset.check_records)
    graph.build.quads = timed_quads
    graph.build.validate = timer("validate_shacl", graph.build.validate)
    started = time.perf_counter()
    report = graph.build.build(data, store, BASE_IRI)
    total = time.perf_counter() - started
    steps["write_rdf"] = report.seconds["rdf"] - steps["map_rdf"]
    steps["other"] = total - sum(steps.values())
    return {"seconds": total, "triples": report.triples, "steps": {k: round(v, 3) for k, v in steps.items()},
            "path": str(report.path)}


def _floor(ntriples: Path, store: Path) -> dict:
    """Bulk-load ``ntriples`` into a new store; returns seconds and triples."""
    import pyoxigraph as ox

    started = time.perf_counter()
    rdf = ox.Store(str(store))
    rdf.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    rdf.flush()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "triples": len(rdf)}


def run(projects: int, seed: int, work: Path) -> dict:
    """Measure build and floor on one synthetic data set; returns (and prints) the figures."""
    import pyoxigraph as ox

    data = dataset(work, projects, seed)
    scratch = work / f"build-bench-{projects}-{seed}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    build = measure(python("bench.build", "--child-build", str(data), str(scratch / "store")))
    figures = build.json()
    ntriples = scratch / "triples.nt"
    ox.Store.read_only(str(Path(figures["path"]) / "oxigraph")).dump(
        output=str(ntriples), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    floor = measure(python("bench.build", "--child-floor", str(ntriples), str(scratch / "floor")))
    floor_figures = floor.json()
    if floor_figures["triples"] != figures["triples"]:
        raise RuntimeError(f"floor loaded {floor_figures['triples']} triples, the build wrote {figures['triples']}")
    shutil.rmtree(scratch, ignore_errors=True)
    return emit("build", projects=projects, triples=figures["triples"],
                build_s=round(figures["seconds"], 3), floor_s=round(floor_figures["seconds"], 3),
                ratio=round(figures["seconds"] / floor_figures["seconds"], 2),
                build_process_s=round(build.seconds, 3), floor_process_s=round(floor.seconds, 3),
                build_peak_mib=build.peak_mib, floor_peak_mib=floor.peak_mib, steps_s=figures["steps"],
                target_ratio=1.5)


def main(argv: list[str] | None = None) -> None:
    """Command line; ``--child-build DATA STORE`` and ``--child-floor NT STORE`` are the measured children."""
    p = parser(__doc__.split("\n\n")[0], projects=10_000)
    p.add_argument("--child-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    p.add_argument("--child-floor", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_build:
        print(json.dumps(_timed_build(*args.child_build)))
    elif args.child_floor:
        print(json.dumps(_floor(*args.child_floor)))
    else:
        run(args.projects, args.seed, args.work)


if __name__ == "__main__":
    main(sys.argv[1:])
