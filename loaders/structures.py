"""structures.csv and memberships.csv: fixed regional and thematic structures and who takes part."""

from __future__ import annotations

from collections.abc import Iterator

from loaders import cells
from loaders.columns import DESCRIPTION, NAMES, PERIOD, SOURCES, description, period, sources
from loaders.table import Column, Row, Table, labels, record
from ontology.vocab import LANGUAGES, vocabulary
from records.model import Key, Record

MEMBER_TYPES = {"municipality": "Municipality", "organisation": "Organisation", "subregion": "Subregion"}


def _structure(row: Row) -> Iterator[Record]:
    yield record(
        "Structure",
        row["ref"],
        row.origin,
        label=labels(row),
        description=description(row),
        structure_kind=row["kind"],
        **period(row),
        was_derived_from=sources(row),
    )


def _membership(row: Row) -> Iterator[Record]:
    structure, member = row["structure"], row["member"]
    yield record(
        "Membership",
        f"{structure}--{member}",
        row.origin,
        organization=Key("Structure", structure),
        member=Key(MEMBER_TYPES[row["member_type"]], member),
        role=row["role"],
        **period(row),
        was_derived_from=sources(row),
    )


def _member_type_names() -> dict[str, dict[str, str]]:
    """Member type -> its display name per language (``municipality`` -> ``gemeente``, ``municipality``)."""
    classes = vocabulary().classes
    return {kind: {lang: classes[name].label(lang) for lang in LANGUAGES} for kind, name in MEMBER_TYPES.items()}


def structures_table() -> Table:
    """The structures table; ``kind`` values come from the schema's StructureKind enum."""
    return Table(
        "structures",
        (
            Column("ref", cells.slug, required=True),
            *NAMES,
            Column("kind", cells.schema_enum("StructureKind"), required=True, slots=("structure_kind",)),
            *PERIOD,
            DESCRIPTION,
            SOURCES,
        ),
        key=("ref",),
        to_records=_structure,
        defines="Structure",
        description="Collaboration structures.",
    )


def memberships_table() -> Table:
    """The memberships table; ``role`` values come from the schema's MembershipRole enum (``founding member``
    reads as ``founding_member``)."""
    return Table(
        "memberships",
        (
            Column("structure", cells.slug, required=True, slots=("organization",)),
            Column("member_type", cells.enum(list(MEMBER_TYPES), _member_type_names()), required=True),
            Column("member", cells.slug, required=True),
            Column("role", cells.schema_enum("MembershipRole")),
            *PERIOD,
            SOURCES,
        ),
        key=("structure", "member"),
        to_records=_membership,
        defines="Membership",
        description="Members of structures with their role and period.",
    )
