"""Activity in a year: is a project, membership, structure or strategy running in year Y?

Periods are ``start_date``/``end_date`` with a precision (year, month or day; a partial date
holds the first day of its year or month). Comparing calendar years makes every precision
count in full: a project that started "2018" is active in 2018. A missing start means
"since before anything we know", a missing end "still running", so a record without any
date is active in every year.

A project whose status is ``operational`` is active from its start onward: for those projects
the data's ``end`` is the day the build phase ended and the thing opened (Terhills Resort
2021-05, T2-campus 2018-08-30, Agropolis 2018-10; see data/README.md and the projects'
descriptions), not the end of the project's life.
"""

from __future__ import annotations

import datetime as dt

from records.model import Record

RUNS_ON = ("operational",)
"""Project statuses that mean "running today": the recorded ``end`` is when it opened, not when it stopped."""


def active(record: Record, year: int | None) -> bool:
    """True when ``record``'s period overlaps calendar ``year``; every record is active when ``year`` is None.

    An operational project counts from its start onward, whatever its ``end`` (see the module docstring).
    """
    if year is None:
        return True
    start = record.one("start_date", dt.date)
    end = None if record.one("status", str) in RUNS_ON else record.one("end_date", dt.date)
    return (start is None or start.year <= year) and (end is None or end.year >= year)
