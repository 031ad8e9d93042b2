"""organisations.csv: social partners, governments, agencies, companies and institutions."""

from __future__ import annotations

from collections.abc import Iterator

from loaders import cells
from loaders.columns import DESCRIPTION, NAMES, SOURCES, description, sources
from loaders.table import Column, Row, Table, labels, record
from ontology.namespaces import KBO
from records.model import Key, Record


def _organisation(row: Row) -> Iterator[Record]:
    kbo, nis = row["kbo_number"], row["municipality_nis"]
    yield record(
        "Organisation",
        row["ref"],
        row.origin,
        label=labels(row),
        description=description(row),
        organisation_kind=row["kind"],
        kbo_number=kbo,
        homepage=row["website"],
        governs=Key("Municipality", nis) if nis else None,
        same_as=KBO + kbo if kbo else None,
        was_derived_from=sources(row),
    )


def organisations_table() -> Table:
    """The organisations table; its ``kind`` values come from the schema's OrganisationKind enum."""
    return Table(
        "organisations",
        (
            Column("ref", cells.slug, required=True),
            *NAMES,
            Column("kind", cells.schema_enum("OrganisationKind"), slots=("organisation_kind",)),
            Column("kbo_number", cells.kbo_number),
            Column("website", cells.url, slots=("homepage",)),
            Column("municipality_nis", cells.nis_code, slots=("governs",)),
            DESCRIPTION,
            SOURCES,
        ),
        key=("ref",),
        to_records=_organisation,
        defines="Organisation",
        description="Organisations and their kind.",
    )
