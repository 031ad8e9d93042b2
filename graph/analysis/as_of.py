"""Activity in a year: is a project, membership, structure or strategy running in year Y?

Periods are ``start_date``/``end_date`` with a precision (year, month or day; a partial date
holds the first day of its year or month). Comparing calendar years makes every precision
count in full: a project that started "2018" is active in 2018. A missing start means
"since before anything we know", a missing end "still running", so a record without any
date is active in every year.
"""

from __future__ import annotations

from loaders.records import Record


def active(record: Record, year: int | None) -> bool:
    """True when ``record``'s period overlaps calendar ``year``; every record is active when ``year`` is None."""
    if year is None:
        return True
    start, end = record.first("start_date"), record.first("end_date")
    return (start is None or start.year <= year) and (end is None or end.year >= year)
