"""The territorial partition of today's municipalities: LIRES subregions or arrondissements.

Locations and members are recorded with the NIS code valid at the time; a municipality
that has since merged counts for its successor (``is_replaced_by``, followed to the end:
Kortessem 73040 -> Hasselt 71072). Columns are made of the municipalities in force today.
Municipalities without a LIRES subregion form one more column, ``unassigned``, until
data/subregion_memberships.csv is complete.
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
    while (rec := records.get(municipality)) is not None and (nxt := rec.first("is_replaced_by")) is not None:
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


def current_municipalities(records: Mapping[Key, Record]) -> list[Key]:
    """Municipalities in force today (no successor), in NIS order."""
    return sorted(k for k, r in records.items() if k.type == "Municipality" and r.first("is_replaced_by") is None)


def partition(records: Mapping[Key, Record], by: str) -> Partition:
    """Group today's municipalities by LIRES subregion (plus ``unassigned``) or by arrondissement.

    Every subregion or arrondissement is a column, also one without known municipalities.
    Raises ValueError for an unknown ``by``.
    """
    if by not in PARTITIONS:
        raise ValueError(f"unknown partition {by!r}; one of: {', '.join(PARTITIONS)}")
    slot, kind = ("subregion", "Subregion") if by == "subregion" else ("sf_within", "Arrondissement")
    of_municipality = {}
    for municipality in current_municipalities(records):
        parent = records[municipality].first(slot)
        of_municipality[municipality] = parent.ref if parent else UNASSIGNED
    columns = [(k.ref, k, display_label(r)) for k, r in records.items() if k.type == kind]
    if by == "subregion":
        columns.append((UNASSIGNED, None, NOT_ASSIGNED["en"]))
    territories = []
    for ref, key, label in columns:
        members = tuple(m for m, t in of_municipality.items() if t == ref)
        known = [records[m] for m in members if records[m].first("population") is not None]
        territories.append(
            Territory(
                ref,
                key,
                label,
                members,
                sum(r.first("population") for r in known) if known else None,
                tuple(m for m in members if records[m].first("population") is None),
                tuple(sorted({r.first("population_date") for r in known})),
            )
        )
    return Partition(by, tuple(territories), of_municipality)
