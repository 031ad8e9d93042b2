"""Every answer of ``lires gaps`` and ``lires synergy`` on one build, for many filter sets, written to a folder:
run it before and after a change of the analysis and compare the two folders (``diff -r``) byte for byte.

    python -m bench.analysis_snapshot --store STORE --out /tmp/before

For each filter set (by x year x strategy x subregion, ``FILTERS``) it writes the gaps as CSV and as JSON (every
empty cell) and the synergies as CSV and as JSON (every pair of every kind, with the brokers), through the CLI
in-process. The real data's build takes a few seconds of analysis per filter set.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app

FILTERS = {
    "by": ("subregion", "arrondissement"),
    "year": (None, "2015", "2018", "2022"),
    "strategy": (None, "salk"),
    "subregion": (None, "noord-limburg", "unassigned"),
}
"""Filter values combined (every combination is one filter set)."""
COMMANDS = {
    "gaps.csv": ("gaps", "--format", "csv"),
    "gaps.json": ("gaps", "--format", "json", "--top", "100000"),
    "synergy.csv": ("synergy", "--format", "csv", "--top", "100000"),
    "synergy.json": ("synergy", "--format", "json", "--top", "100000"),
}
"""Output file -> command line."""


def snapshot(store: Path, out: Path) -> int:
    """Write every command's output for every filter set under ``out``; returns the number of files."""
    runner = CliRunner()
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for values in itertools.product(*FILTERS.values()):
        options = [x for name, v in zip(FILTERS, values, strict=True) if v for x in (f"--{name}", v)]
        stem = "-".join(v or "all" for v in values)
        for name, command in COMMANDS.items():
            result = runner.invoke(app, [*command, *options, "--store", str(store)])
            (out / f"{stem}.{name}").write_text(f"exit {result.exit_code}\n{result.stdout}", encoding="utf-8")
            written += 1
    return written


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", type=Path, required=True, help="a store with a current build")
    p.add_argument("--out", type=Path, required=True, help="folder to write the answers to")
    args = p.parse_args()
    print(f"{snapshot(args.store, args.out)} files in {args.out}")


if __name__ == "__main__":
    main()
