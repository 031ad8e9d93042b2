"""The territorial partition of the municipalities in force in a year (today without one): LIRES subregions
or arrondissements.

Locations and members are recorded with the NIS code valid at the time. Seen from a year, a municipality
counts as the municipalities in force then (``counterparts``): itself while it exists; its successor once it
has merged (``is_replaced_by``, followed: Kortessem 73040 -> Hasselt 71072); its predecessors before it
existed (Pelt 72043 in 2018 -> Neerpelt and Overpelt). Columns are made of the municipalities in force in the
year, and a population counts only when its reference date is not after the year. Municipalities without a
LIRES subregion form one more column, ``unassigned``, until data/subregion_memberships.csv is complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from records.labels import NOT_ASSIGNED, UNASSIGNED, display_label
from records.model import Key, Record

PARTITIONS = ("subregion", "arrondissement")
"""The partitions a user can choose (``by``)."""


def successor(records: Mapping[Key, Record], municipality: Key) -> Key:
    """The municipality in force today that ``municipality`` became (itself if it never merged).

    Raises ValueError when the successor chain loops.
    """
    seen = {municipality}
    while (rec := records.get(municipality)) is not None and (nxt := rec.one("is_replaced_by", Key)) is not None:
        if nxt in seen:
            raise ValueError(f"successor chain loops at municipality {nxt.ref}")
        seen.add(nxt)
        municipality = nxt
    return municipality


@dataclass(frozen=True)
class Territory:
    """One column of the partition.

    ``ref`` is the subregion ref, the arrondissement NIS code or ``unassigned``; ``key`` is
    None for ``unassigned``. ``population`` (inhabitants) adds up the known Statbel figures
    of ``municipalities``, None when none is known; their reference dates are
    ``population_dates``, and a sum over more than one date is no population on any day (see
    data/README.md), so it always travels with them. ``population_missing`` lists municipalities
    without a figure, which are left out of the sum rather than counted as zero.
    """

    ref: str
    key: Key | None
    label: str
    municipalities: tuple[Key, ...]
    population: int | None
    population_missing: tuple[Key, ...]
    population_dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class Partition:
    """Today's municipalities grouped into territories (``by`` is ``subregion`` or ``arrondissement``)."""

    by: str
    territories: tuple[Territory, ...]
    of_municipality: Mapping[Key, str]
    """Today's municipality -> ref of its territory."""

    def territory(self, ref: str) -> Territory:
        """The territory with ``ref``; raises KeyError when there is none."""
        for territory in self.territories:
            if territory.ref == ref:
                return territory
        raise KeyError(ref)

    @property
    def refs(self) -> tuple[str, ...]:
        """Territory refs in column order."""
        return tuple(t.ref for t in self.territories)


def in_force(record: Record, year: int | None) -> bool:
    """True when the municipality exists in calendar ``year`` (``valid_from``/``valid_through``, blank = open);
    with ``year`` None, when it exists today (it has no successor)."""
    if year is None:
        return record.one("is_replaced_by", Key) is None
    start, end = record.one("valid_from", dt.date), record.one("valid_through", dt.date)
    return (start is None or start.year <= year) and (end is None or end.year >= year)


def municipalities_in_force(records: Mapping[Key, Record], year: int | None = None) -> list[Key]:
    """Municipalities in force in ``year`` (today when None), in NIS order."""
    return sorted(k for k, r in records.items() if k.type == "Municipality" and in_force(r, year))


def counterparts(records: Mapping[Key, Record], municipality: Key, year: int | None = None) -> tuple[Key, ...]:
    """The municipalities in force in ``year`` (today when None) that ``municipality`` stands for: itself when in
    force; else its successor, followed while the successor is not in force either; else (it did not exist yet)
    its predecessors in force then. Empty when none is (an unknown key). Raises ValueError on a loop."""
    record = records.get(municipality)
    if record is None:
        return ()
    if in_force(record, year):
        return (municipality,)
    start = record.one("valid_from", dt.date)
    if year is not None and start is not None and start.year > year:
        before = [
            k for k, r in records.items() if k.type == "Municipality" and r.one("is_replaced_by", Key) == municipality
        ]
        return tuple(dict.fromkeys(c for k in sorted(before) for c in counterparts(records, k, year)))
    seen = {municipality}
    while (nxt := records[municipality].one("is_replaced_by", Key)) is not None and nxt in records:
        if nxt in seen:
            raise ValueError(f"successor chain loops at municipality {nxt.ref}")
        seen.add(nxt)
        municipality = nxt
        if in_force(records[municipality], year):
            return (municipality,)
    return ()


def partition(records: Mapping[Key, Record], by: str, year: int | None = None) -> Partition:
    """Group the municipalities in force in ``year`` (today when None) by LIRES subregion (plus ``unassigned``)
    or by arrondissement; a territory's population adds up the figures whose reference date is not after
    ``year``.

    Every subregion or arrondissement is a column, also one without known municipalities.
    Raises ValueError for an unknown ``by``.
    """
    if by not in PARTITIONS:
        raise ValueError(f"unknown partition {by!r}; one of: {', '.join(PARTITIONS)}")
    slot, kind = ("subregion", "Subregion") if by == "subregion" else ("sf_within", "Arrondissement")
    of_municipality: dict[Key, str] = {}
    for municipality in municipalities_in_force(records, year):
        parent = records[municipality].one(slot, Key)
        of_municipality[municipality] = parent.ref if parent else UNASSIGNED
    columns: list[tuple[str, Key | None, str]] = [
        (k.ref, k, display_label(r)) for k, r in records.items() if k.type == kind
    ]
    if by == "subregion":
        columns.append((UNASSIGNED, None, NOT_ASSIGNED["en"]))
    territories = []
    for ref, key, label in columns:
        members = tuple(m for m, t in of_municipality.items() if t == ref)
        known = [records[m] for m in members if _counted(records[m], year)]
        territories.append(
            Territory(
                ref,
                key,
                label,
                members,
                sum(p for r in known if (p := r.one("population", int)) is not None) if known else None,
                tuple(m for m in members if not _counted(records[m], year)),
                tuple(sorted({d for r in known if (d := r.one("population_date", dt.date)) is not None})),
            )
        )
    return Partition(by, tuple(territories), of_municipality)


def _counted(municipality: Record, year: int | None) -> bool:
    """True when the municipality's population figure counts in ``year``: it has one, dated not after the year."""
    date = municipality.one("population_date", dt.date)
    return municipality.one("population", int) is not None and (year is None or date is None or date.year <= year)
