"""Analysis growth benchmark: ``lires gaps`` and ``lires synergy`` time and peak memory as the graph grows.

    python -m bench.analysis_growth --sizes 100 1000 10000 100000

For each size, one synthetic build (made once, not measured), then each command run as a strategist
runs it (``--format json``, defaults otherwise) in its own process, measured alone: wall seconds and
peak resident memory, twice: cold, the first analysis on the build (the analysis tables made from
``records.jsonl`` and left in the build by graph.analysis.tables.tables_of: ``seconds``, ``peak_mib``), and
warm, the next one (the tables read back: ``warm_seconds``, ``warm_peak_mib``). The growth exponent k of each
figure is the least-squares slope of log(figure) against log(projects), i.e. figure ~ projects^k (1 = linear,
2 = quadratic). A run that exceeds ``--timeout`` seconds or whose resident memory passes ``--cap-gib`` GiB is
stopped (the warm run too) and reported as null, with why and when in ``stopped``; the fit uses the sizes that
finished. Prints one JSON line.
"""

from __future__ import annotations

import math
import shutil
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

from bench.common import MemoryCapExceeded, built, emit, lires, measure, parser
from graph.analysis.tables import CACHE

COMMANDS = ("gaps", "synergy")


def exponent(sizes: list[int], values: list[float | None]) -> float | None:
    """Least-squares slope of log(value) on log(size) over the values measured (None: fewer than two)."""
    points = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if v]
    if len(points) < 2:
        return None
    return round(statistics.linear_regression(*zip(*points, strict=True)).slope, 2)


def run(
    sizes: list[int],
    seed: int,
    work: Path,
    timeout: float,
    commands: Sequence[str] = COMMANDS,
    cap_gib: float | None = None,
) -> dict:
    """Measure ``commands`` at every size; returns (and prints) the figures."""
    names = ("seconds", "peak_mib", "warm_seconds", "warm_peak_mib", "stopped")
    figures: dict[str, dict] = {c: {name: [] for name in names} for c in commands}
    for size in sizes:
        store = built(work, size, seed)
        for command in commands:
            shutil.rmtree(store / "current" / CACHE, ignore_errors=True)  # cold: no earlier analysis on the build
            runs: list[tuple[float | None, float | None]] = []
            stopped = None
            for _ in ("cold", "warm"):
                try:
                    done = measure(
                        lires(command, "--format", "json", "--store", str(store)),
                        timeout=timeout,
                        cap_mib=cap_gib and cap_gib * 1024,
                    )
                    runs.append((round(done.seconds, 3), done.peak_mib))
                except subprocess.TimeoutExpired:
                    stopped = f"still running after {timeout:.0f} s"
                except MemoryCapExceeded as capped:
                    stopped = f"resident memory passed {cap_gib} GiB after {capped.seconds:.0f} s"
                if stopped:
                    break
            runs += [(None, None)] * (2 - len(runs))  # stopped: no figures
            (seconds, peak), (warm_seconds, warm_peak) = runs
            for name, value in zip(names, (seconds, peak, warm_seconds, warm_peak, stopped), strict=True):
                figures[command][name].append(value)
    for command in commands:
        for prefix in ("", "warm_"):
            figures[command][f"{prefix}time_exponent"] = exponent(sizes, figures[command][f"{prefix}seconds"])
            figures[command][f"{prefix}memory_exponent"] = exponent(sizes, figures[command][f"{prefix}peak_mib"])
    return emit("analysis_growth", projects=sizes, timeout_s=timeout, cap_gib=cap_gib, **figures)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--sizes N [N ...] --timeout S --commands gaps synergy --cap-gib G``."""
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[100, 1_000, 10_000, 100_000],
        help="numbers of projects (default 100 1000 10000 100000)",
    )
    p.add_argument("--timeout", type=float, default=1800, help="seconds before a run is stopped (default 1800)")
    p.add_argument(
        "--commands",
        nargs="+",
        choices=COMMANDS,
        default=list(COMMANDS),
        help="commands to measure (default: gaps synergy)",
    )
    p.add_argument("--cap-gib", type=float, help="stop a run once its resident memory passes this many GiB")
    args = p.parse_args(argv)
    run(args.sizes, args.seed, args.work, args.timeout, args.commands, args.cap_gib)


if __name__ == "__main__":
    main()
