"""How long the fast tests take alone: ``pytest tests/unit`` as a developer runs it, whole process, wall clock.

Issue 17's figure is under 30 s on this machine kind (2 cores). Each run is a fresh interpreter (imports and
collection included), measured with bench.common.measure; prints the median, the slowest and the fastest of
``--repeat`` runs, the number of tests that passed and the ten slowest tests of the last run (pytest's
``--durations``), so a regression names its cause.
"""

from __future__ import annotations

import re
import statistics
import sys

from bench.common import emit, measure, parser


def run(path: str, repeat: int) -> dict:
    """Run ``pytest path`` ``repeat`` times; returns (and prints) the figures in seconds."""
    argv = [sys.executable, "-m", "pytest", path, "-q", "-p", "no:cacheprovider", "--durations=10"]
    runs = [measure(argv) for _ in range(repeat)]
    last = runs[-1].stdout
    passed = re.search(r"(\d+) passed", last)
    slowest = [
        {"seconds": float(m[1]), "test": m[2]} for m in re.finditer(r"^([0-9.]+)s \w+\s+(\S+)$", last, re.MULTILINE)
    ]
    seconds = [r.seconds for r in runs]
    return emit(
        "unit_tests",
        path=path,
        passed=int(passed[1]) if passed else 0,
        seconds_median=round(statistics.median(seconds), 2),
        seconds_max=round(max(seconds), 2),
        seconds_min=round(min(seconds), 2),
        peak_mib=max(r.peak_mib for r in runs),
        slowest=slowest,
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--path tests/unit --repeat N``."""
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--path", default="tests/unit", help="the tests to time (default tests/unit)")
    p.add_argument("--repeat", type=int, default=3, help="runs (default 3)")
    args = p.parse_args(argv)
    run(args.path, args.repeat)


if __name__ == "__main__":
    main()
