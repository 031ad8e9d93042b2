"""Statbel's public population open data (pipe-separated, one row per municipality x sex x age x ...).

Layout of ``TF_SOC_POP_STRUCT_{YEAR}.txt`` and similar files: columns include ``CD_REFNIS``
(NIS code), ``TX_DESCR_NL`` (Dutch name) and ``MS_POPULATION`` (inhabitants in that row's
group). The figures refer to 1 January of the year in the file name. Put such files in
``data/statbel/`` and add a row with key ``STATBEL_POPULATION_{YEAR}`` and the download URL
to sources.csv.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from loaders import cells
from loaders.columns import source_ref
from loaders.table import Column, Row, Table, record
from records.findings import N_, DataError, Finding, Severity, finding
from records.model import Key, Record

COLUMNS = (
    Column("cd_refnis", cells.nis_code, required=True),
    Column("tx_descr_nl", required=True),
    Column("ms_population", cells.non_negative(cells.integer), required=True),
)
STATBEL = Table(
    "statbel",
    COLUMNS,
    key=(),
    to_records=lambda row: iter(()),
    description="Statbel population open data, summed per municipality.",
)


def source_key(year: int) -> str:
    """The sources.csv key a Statbel population file of ``year`` is attributed to."""
    return f"STATBEL_POPULATION_{year}"


def read_statbel(path: Path, known: dict[str, str]) -> tuple[list[Record], list[Finding]]:
    """Sum MS_POPULATION per CD_REFNIS for the municipalities in ``known`` (NIS -> Dutch name).

    Returns Municipality records with ``population`` and ``population_date`` (1 January of
    the year in the file name) and findings (a warning when a name differs from ours).
    Raises DataError when the file name has no year or a cell is malformed.
    """
    year = re.search(r"(19|20)[0-9]{2}", path.stem)
    if not year:
        raise DataError(
            [
                finding(
                    Severity.ERROR,
                    path.name,
                    0,
                    "",
                    N_(
                        "expected a year in the file name, e.g. TF_SOC_POP_STRUCT_2024.txt (the figures refer to 1 "
                        "January of that year)"
                    ),
                )
            ]
        )
    rows, findings = STATBEL.read(path)
    if errors := [f for f in findings if f.severity is Severity.ERROR]:
        raise DataError(errors)
    totals: dict[str, int] = defaultdict(int)
    first: dict[str, Row] = {}
    for row in rows:
        nis = row["cd_refnis"]
        if nis not in known:
            continue  # the file covers all of Belgium; only Limburg's municipalities are kept
        totals[nis] += row["ms_population"]
        if nis not in first:
            first[nis] = row
            if row["tx_descr_nl"] != known[nis]:
                findings.append(
                    finding(
                        Severity.WARNING,
                        path.name,
                        row.origin.line,
                        "tx_descr_nl",
                        N_("name differs from municipalities.csv ({name})"),
                        row["tx_descr_nl"],
                        name=repr(known[nis]),
                    )
                )
    date = dt.date(int(year[0]), 1, 1)
    source = Key("Source", source_ref(source_key(int(year[0]))))
    records = [
        record("Municipality", nis, first[nis].origin, population=total, population_date=date, was_derived_from=source)
        for nis, total in sorted(totals.items())
    ]
    return records, findings
