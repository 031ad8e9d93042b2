"""Build benchmark: ``lires build`` against the floor, a raw pyoxigraph bulk-load of the same triples.

    python -m bench.build --projects 10000

Runs two child processes on one synthetic data set, each measured alone (wall time, peak RSS):

1. the build (graph.build.build, what ``lires build`` runs), with light timers around its steps
   to show where the time goes: ``parse`` (read files, type and check cells), ``map`` (rows ->
   record fragments), ``validate_records`` (check each fragment), ``records_jsonl`` (fragments ->
   JSON), ``map_rdf`` (fragments -> quads), ``write_rdf`` (Oxigraph bulk write), ``validate_shacl``
   and ``other`` (the manifest); the steps interleave, a row at a time;
2. the floor: the build's triples dumped as N-Triples (not timed), then bulk-loaded into a
   fresh Oxigraph store by ``Store.bulk_load`` -- parsing and indexing in Rust, nothing else.

Prints one JSON line; ``ratio`` = build seconds / floor seconds (target <= 1.5). With
``--cap-gib G`` the build is killed once its resident memory passes G GiB (the target for
1.5 x 10^6 projects is 8): the line then says when, and in which step (the build's last progress
message), instead of timing the floor.
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

from bench.common import BASE_IRI, MemoryCapExceeded, dataset, emit, measure, parser, python

CHUNK = 10_000
"""Quads pulled per timed chunk (keeps the timer's own cost out of the figures)."""


def _timed_build(data: Path, store: Path) -> dict:
    """Run the real build with timers wrapped around its steps; returns seconds per step.

    The build streams (rows are parsed, mapped, checked and turned into quads while Oxigraph writes
    earlier ones), so each step's time is summed over the calls it made; ``write_rdf`` is what the
    read-and-write step took beyond them.
    """
    import graph.build
    import graph.quads
    import graph.shacl
    import loaders.check
    import loaders.dataset
    import loaders.table
    import records.jsonl

    steps = dict.fromkeys(
        ("parse", "map", "validate_records", "records_jsonl", "map_rdf", "write_rdf", "validate_shacl"), 0.0
    )
    upstream = ("parse", "map", "validate_records", "records_jsonl")

    def timer(step: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                steps[step] += time.perf_counter() - started

        return timed

    def timed_rows(rows):
        def timed(self, path, findings, sheet=None):
            iterator = rows(self, path, findings, sheet)
            while True:
                started = time.perf_counter()
                row = next(iterator, None)
                steps["parse"] += time.perf_counter() - started
                if row is None:
                    return
                yield row

        return timed

    project = graph.quads.quads

    def timed_quads(base, records):
        chunks = project(base, records)
        while True:
            before, started = sum(steps[s] for s in upstream), time.perf_counter()
            chunk = list(itertools.islice(chunks, CHUNK))  # pulls rows through parse, map, check and jsonl
            steps["map_rdf"] += time.perf_counter() - started - (sum(steps[s] for s in upstream) - before)
            if not chunk:
                return
            yield from chunk

    def mapper(to_records):
        return timer("map", lambda row: list(to_records(row)))

    tables = loaders.inputs.tables
    # each step is timed by wrapping its function or method in place (this child process runs one build)
    for owner, name, wrapped in (
        (loaders.dataset, "tables", lambda: [replace(t, to_records=mapper(t.to_records)) for t in tables()]),
        (loaders.table.Table, "rows", timed_rows(loaders.table.Table.rows)),
        (loaders.check.Checker, "check", timer("validate_records", loaders.check.Checker.check)),
        (loaders.check.Checker, "finish", timer("validate_records", loaders.check.Checker.finish)),
        (graph.build, "to_json", timer("records_jsonl", records.jsonl.to_json)),
        (graph.build, "quads", timed_quads),
        (graph.build, "validate", timer("validate_shacl", graph.shacl.validate)),
    ):
        setattr(owner, name, wrapped)
    started = time.perf_counter()
    report = graph.build.build(data, store, BASE_IRI, progress=lambda step: print(step, file=sys.stderr, flush=True))
    total = time.perf_counter() - started
    steps["write_rdf"] = report.seconds["read_and_rdf"] - sum(steps[s] for s in (*upstream, "map_rdf"))
    steps["other"] = total - sum(steps.values())
    return {
        "seconds": total,
        "triples": report.triples,
        "steps": {k: round(v, 3) for k, v in steps.items()},
        "path": str(report.path),
    }


def _floor(ntriples: Path, store: Path) -> dict:
    """Bulk-load ``ntriples`` into a new store; returns seconds and triples."""
    import pyoxigraph as ox

    started = time.perf_counter()
    rdf = ox.Store(str(store))
    rdf.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    rdf.flush()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "triples": len(rdf)}


def run(projects: int, seed: int, work: Path, cap_gib: float | None = None, floor: bool = True) -> dict:
    """Measure build and floor (unless ``floor`` is False) on one synthetic data set; returns (and prints) the
    figures."""
    import pyoxigraph as ox

    data = dataset(work, projects, seed)
    scratch = work / f"build-bench-{projects}-{seed}"
    store = scratch / "store" if floor else work / f"store-{projects}-{seed}"  # kept for bench.analysis_growth
    for old in (scratch, store):
        shutil.rmtree(old, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        build = measure(
            python("bench.build", "--child-build", str(data), str(store)), cap_mib=cap_gib and cap_gib * 1024
        )
    except MemoryCapExceeded as capped:
        shutil.rmtree(scratch, ignore_errors=True)
        return emit(
            "build",
            projects=projects,
            cap_gib=cap_gib,
            cap_passed_after_s=round(capped.seconds, 1),
            cap_passed_in_step=capped.last_line,
        )
    figures = build.json()
    if not floor:
        shutil.rmtree(scratch, ignore_errors=True)
        return emit(
            "build",
            projects=projects,
            triples=figures["triples"],
            build_s=round(figures["seconds"], 3),
            build_process_s=round(build.seconds, 3),
            build_peak_mib=build.peak_mib,
            cap_gib=cap_gib,
            steps_s=figures["steps"],
        )
    ntriples = scratch / "triples.nt"
    ox.Store.read_only(str(Path(figures["path"]) / "oxigraph")).dump(
        output=str(ntriples), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
    )
    floor_run = measure(python("bench.build", "--child-floor", str(ntriples), str(scratch / "floor")))
    floor_figures = floor_run.json()
    if floor_figures["triples"] != figures["triples"]:
        raise RuntimeError(f"floor loaded {floor_figures['triples']} triples, the build wrote {figures['triples']}")
    shutil.rmtree(scratch, ignore_errors=True)
    return emit(
        "build",
        projects=projects,
        triples=figures["triples"],
        build_s=round(figures["seconds"], 3),
        floor_s=round(floor_figures["seconds"], 3),
        ratio=round(figures["seconds"] / floor_figures["seconds"], 2),
        build_process_s=round(build.seconds, 3),
        floor_process_s=round(floor_run.seconds, 3),
        build_peak_mib=build.peak_mib,
        floor_peak_mib=floor_run.peak_mib,
        steps_s=figures["steps"],
        target_ratio=1.5,
    )


def main(argv: list[str] | None = None) -> None:
    """Command line; ``--child-build DATA STORE`` and ``--child-floor NT STORE`` are the measured children."""
    p = parser(__doc__.split("\n\n")[0], projects=10_000)
    p.add_argument("--child-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    p.add_argument("--child-floor", nargs=2, type=Path, help=argparse.SUPPRESS)
    p.add_argument("--cap-gib", type=float, help="kill the build once its resident memory passes this many GiB")
    p.add_argument(
        "--no-floor",
        action="store_true",
        help="measure the build alone and keep its store for "
        "bench.analysis_growth (at 10^6 projects, dumping and bulk-loading the floor takes as long again)",
    )
    args = p.parse_args(argv)
    if args.child_build:
        print(json.dumps(_timed_build(*args.child_build)))
    elif args.child_floor:
        print(json.dumps(_floor(*args.child_floor)))
    else:
        run(args.projects, args.seed, args.work, args.cap_gib, floor=not args.no_floor)


if __name__ == "__main__":
    main(sys.argv[1:])
