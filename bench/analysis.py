"""Time the gap and synergy analysis on the real data; prints one JSON line.

Usage: ``.venv/bin/python -m bench.analysis [--repeat N]``. Builds data/ into a temporary store,
then measures (median of N runs, seconds) the analysis in-process, the network pages' first view
(viz.overview: the cooperation network, its groups and the layout, from the records), and
``lires gaps`` / ``lires synergy`` as whole commands (Python start-up included; wall and CPU time), as a
strategist runs them, and the load average at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.analysis.gaps import gaps
from graph.analysis.metrics import metrics
from graph.analysis.scope import make_scope
from graph.analysis.synergy import synergies
from graph.build import build
from graph.settings import DEFAULT_BASE_IRI, default_data
from graph.store import open_current
from viz.overview import ScopeNetwork, ViewParams, network_view


def cli_seconds(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``repeat`` runs of ``command``, in seconds.

    The CPU time does not grow when other processes share the machine; the wall time does.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return round(statistics.median(walls), 4), round(statistics.median(cpus), 4)


def median_seconds(task, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``task``, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store = Path(tempfile.mkdtemp(prefix="lires-bench-"))
    try:
        build(default_data(), store, DEFAULT_BASE_IRI)
        records = {r.key: r for r in open_current(store).records}
        lires = str(Path(sys.executable).with_name("lires"))
        figures = {
            "records": len(records),
            "gaps_s": median_seconds(lambda: gaps(make_scope(records)), args.repeat),
            "gaps_by_arrondissement_s": median_seconds(
                lambda: gaps(make_scope(records, by="arrondissement")), args.repeat
            ),
            "synergy_all_pairs_s": median_seconds(lambda: synergies(make_scope(records), top=None), args.repeat),
            "metrics_s": median_seconds(lambda: metrics(make_scope(records)), args.repeat),
            "overview_s": median_seconds(
                lambda: network_view(ScopeNetwork(make_scope(records)), ViewParams(), "nl"), args.repeat
            ),
        }
        for command in ("gaps", "synergy"):
            wall, cpu = cli_seconds([lires, command, "--format", "json", "--store", str(store)], args.repeat)
            figures[f"cli_{command}_s"], figures[f"cli_{command}_cpu_s"] = wall, cpu
        figures["load_average"] = os.getloadavg()[0]
    finally:
        shutil.rmtree(store, ignore_errors=True)
    sys.stdout.write(json.dumps({"bench": "analysis", "repeat": args.repeat, **figures}) + "\n")


if __name__ == "__main__":
    main()
