"""organisation_aliases.csv: the reviewed table that says which organisation a name in a list of operations is.

A beneficiary is written as the publisher wrote it ("VOKA - Kamer van Koophandel Limburg", "Universiteit
Hasselt - Instituut EDM"); a person decides once which organisation of organisations.csv it is, and the build
follows that decision, never a fuzzy match (``lires operations reconcile`` lists the names still to decide,
with likely matches). Names are compared case-, space- and dash-insensitively (``loaders.opsmap.normalised``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from loaders import cells
from loaders.columns import SOURCES, sources
from loaders.opsmap import normalised
from loaders.table import Column, Row, Table
from records.findings import N_, Finding, Severity, Term, finding
from records.model import Key, Origin


@dataclass(frozen=True)
class Alias:
    """One reviewed name: the organisation it is and the sources that show it."""

    organisation: Key
    sources: tuple[Key, ...]
    origin: Origin


ALIASES = Table(
    "organisation_aliases",
    (Column("alias", required=True), Column("organisation", cells.slug, required=True), Column("note"), SOURCES),
    key=("alias",),
    to_records=lambda row: iter(()),
    description="Names of organisations as other files write them -> organisation ref, reviewed.",
)


def alias_index(rows: list[Row], known: Callable[[Key], bool], findings: list[Finding]) -> dict[str, Alias]:
    """Normalised alias -> Alias, for the rows of organisation_aliases.csv.

    ``known(key)`` tells whether an entity was read; an alias of an unknown organisation, or two rows for the
    same normalised name, is an ERROR finding on its row.
    """
    index: dict[str, Alias] = {}
    for row in rows:
        name, organisation = normalised(row["alias"]), Key("Organisation", row["organisation"])
        if not known(organisation):
            findings.append(
                finding(
                    Severity.ERROR,
                    row.origin.file,
                    row.origin.line,
                    "organisation",
                    N_("expected a reference to an existing {type} (not found in {file})"),
                    row["organisation"],
                    type=Term("Organisation"),
                    file="organisations.csv",
                )
            )
            continue
        if name in index:
            findings.append(
                finding(
                    Severity.ERROR,
                    row.origin.file,
                    row.origin.line,
                    "alias",
                    N_("expected one row per name (case, spaces and dashes aside); line {line} already gives it"),
                    row["alias"],
                    line=index[name].origin.line,
                )
            )
            continue
        index[name] = Alias(organisation, sources(row), row.origin)
    return index
