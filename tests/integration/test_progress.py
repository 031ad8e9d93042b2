"""A build reports real progress: rows read of the rows in all files (estimated from their line counts before
reading), then the SHACL step; the command line draws it as a bar with counts."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.build import build
from loaders.dataset import Step, table_files
from tests.support import BASE, DATA


def test_rows_read_of_all_rows(tmp_path: Path):
    steps: list[Step] = []
    build(DATA, tmp_path / "store", BASE, progress=steps.append)
    rows = 0
    for source in table_files(DATA, None, []).values():
        with source.path.open(encoding="utf-8", newline="") as handle:
            rows += sum(1 for _ in csv.reader(handle)) - 1
    reading = [s for s in steps if s.label.startswith("read ")]
    assert reading[0] == Step("read sources.csv", 0, rows)
    assert reading[-1].done == reading[-1].total == rows == 1013  # with the 42 municipality centres
    assert reading[-1].label == "read operations/efro-vlaanderen-2007-2013.csv"  # on the same bar
    assert [s.done for s in reading] == sorted(s.done for s in reading)
    assert steps[-1] == Step("validate with SHACL")
