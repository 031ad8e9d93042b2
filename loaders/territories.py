"""Territories: province, arrondissements, LIRES subregions, municipalities and their populations."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from loaders import cells
from loaders.columns import DESCRIPTION, NAMES, SOURCES, description, sources
from loaders.table import Column, Row, Table, labels, record
from ontology.namespaces import FLEMISH_MUNICIPALITY, NUTS, WIKIDATA
from records.findings import N_, Finding, Severity, finding
from records.model import Key, Record, Text


def _same_as(row: Row, *extra: str) -> tuple[str, ...]:
    wikidata = row.values.get("wikidata")
    return tuple(extra) + ((WIKIDATA + str(wikidata),) if wikidata else ())


def _nuts_region(row: Row) -> str | None:
    code = row.values.get("nuts_code")
    return NUTS + str(code) if code else None


def _province(row: Row) -> Iterator[Record]:
    yield record(
        "Province",
        row["nis_code"],
        row.origin,
        label=labels(row),
        nis_code=row["nis_code"],
        nuts_code=row["nuts_code"],
        nuts_region=_nuts_region(row),
        same_as=_same_as(row),
        was_derived_from=sources(row),
    )


def _arrondissement(row: Row) -> Iterator[Record]:
    yield record(
        "Arrondissement",
        row["nis_code"],
        row.origin,
        label=labels(row),
        nis_code=row["nis_code"],
        nuts_code=row["nuts_code"],
        nuts_region=_nuts_region(row),
        sf_within=Key("Province", row["province_nis"]),
        same_as=_same_as(row),
        was_derived_from=sources(row),
    )


def _subregion(row: Row) -> Iterator[Record]:
    yield record(
        "Subregion",
        row["ref"],
        row.origin,
        label=labels(row),
        description=description(row),
        was_derived_from=sources(row),
    )


def _municipality(row: Row) -> Iterator[Record]:
    successor = row["successor_nis"]
    yield record(
        "Municipality",
        row["nis_code"],
        row.origin,
        label=labels(row),
        nis_code=row["nis_code"],
        sf_within=Key("Arrondissement", row["arrondissement_nis"]),
        valid_from=row["valid_from"],
        valid_through=row["valid_to"],
        is_replaced_by=Key("Municipality", successor) if successor else None,
        same_as=_same_as(row, FLEMISH_MUNICIPALITY + row["nis_code"]),
        was_derived_from=sources(row),
    )


def _population(row: Row) -> Iterator[Record]:
    yield record(
        "Municipality",
        row["nis_code"],
        row.origin,
        population=row["population"],
        population_date=row["reference_date"],
        was_derived_from=sources(row),
    )


def _centre(row: Row) -> Iterator[Record]:
    yield record(
        "Municipality",
        row["nis_code"],
        row.origin,
        latitude=row["latitude"],
        longitude=row["longitude"],
        was_derived_from=sources(row),
    )


def _subregion_membership(row: Row) -> Iterator[Record]:
    note = row["note"]
    yield record(
        "Municipality",
        row["nis_code"],
        row.origin,
        subregion=Key("Subregion", row["subregion"]),
        subregion_basis=row["basis"],
        subregion_confidence=row["confidence"],
        subregion_note=Text(note, "en") if note else None,
        was_derived_from=sources(row),
    )


def latest_population(records: list[Record], findings: list[Finding]) -> Iterator[Record]:
    """Keep, per municipality, only the population figure with the latest reference date."""
    by_nis: defaultdict[Key, list[Record]] = defaultdict(list)
    for rec in records:
        by_nis[rec.key].append(rec)
    for figures in by_nis.values():
        figures.sort(key=lambda r: r.one("population_date", dt.date) or dt.date.min)  # reference_date is required
        latest = figures[-1]
        same_day = [r for r in figures if r.first("population_date") == latest.first("population_date")]
        if len({r.first("population") for r in same_day}) > 1:
            findings.append(
                finding(
                    Severity.ERROR,
                    latest.origins[0].file,
                    latest.origins[0].line,
                    "population",
                    N_(
                        "one population per municipality and date; {nis} has conflicting figures for {date} (also "
                        "on line {line})"
                    ),
                    nis=latest.key.ref,
                    date=latest.first("population_date"),
                    line=same_day[0].origins[0].line,
                )
            )
        yield latest


PROVINCES = Table(
    "provinces",
    (
        Column("nis_code", cells.nis_code, required=True),
        *NAMES,
        Column("nuts_code", cells.nuts_code, slots=("nuts_region",)),
        Column("wikidata", cells.wikidata, slots=("same_as",)),
        SOURCES,
    ),
    key=("nis_code",),
    to_records=_province,
    defines="Province",
    description="The province (NIS 70000).",
)
ARRONDISSEMENTS = Table(
    "arrondissements",
    (
        Column("nis_code", cells.nis_code, required=True),
        *NAMES,
        Column("province_nis", cells.nis_code, required=True, slots=("sf_within",)),
        Column("nuts_code", cells.nuts_code, slots=("nuts_region",)),
        Column("wikidata", cells.wikidata, slots=("same_as",)),
        SOURCES,
    ),
    key=("nis_code",),
    to_records=_arrondissement,
    defines="Arrondissement",
    description="Administrative arrondissements.",
)
SUBREGIONS = Table(
    "subregions",
    (Column("ref", cells.slug, required=True), *NAMES, DESCRIPTION, SOURCES),
    key=("ref",),
    to_records=_subregion,
    defines="Subregion",
    description="The five LIRES deelregio's.",
)
MUNICIPALITIES = Table(
    "municipalities",
    (
        Column("nis_code", cells.nis_code, required=True),
        *NAMES,
        Column("arrondissement_nis", cells.nis_code, required=True, slots=("sf_within",)),
        Column("valid_from", cells.date),
        Column("valid_to", cells.date, slots=("valid_through",)),
        Column("successor_nis", cells.nis_code, slots=("is_replaced_by",)),
        Column("wikidata", cells.wikidata, slots=("same_as",)),
        SOURCES,
    ),
    key=("nis_code",),
    to_records=_municipality,
    defines="Municipality",
    description="Every municipality of Limburg in force at some time since 2016.",
)
POPULATIONS = Table(
    "populations",
    (
        Column("nis_code", cells.nis_code, required=True),
        Column("population", cells.non_negative(cells.integer), required=True),
        Column("reference_date", cells.date, required=True, slots=("population_date",)),
        SOURCES,
    ),
    key=("nis_code", "reference_date"),
    to_records=_population,
    combine=latest_population,
    description="Statbel population figures (inhabitants) per municipality and reference date.",
)


def subregion_memberships_table() -> Table:
    """The subregion memberships table; its ``basis`` and ``confidence`` cells hold values (or Dutch or English
    display names) of the schema's SubregionBasis and Confidence enums."""
    return Table(
        "subregion_memberships",
        (
            Column("nis_code", cells.nis_code, required=True),
            Column("subregion", cells.slug, required=True),
            Column("basis", cells.schema_enum("SubregionBasis"), required=True, slots=("subregion_basis",)),
            Column("confidence", cells.schema_enum("Confidence"), slots=("subregion_confidence",)),
            Column("note", slots=("subregion_note",)),
            SOURCES,
        ),
        key=("nis_code",),
        to_records=_subregion_membership,
        description="Municipality -> LIRES deelregio, only where a source supports it.",
    )


CENTRES = Table(
    "municipality_centres",
    (
        Column("nis_code", cells.nis_code, required=True),
        Column("latitude", cells.between(cells.decimal, Decimal(-90), Decimal(90)), required=True),
        Column("longitude", cells.between(cells.decimal, Decimal(-180), Decimal(180)), required=True),
        SOURCES,
    ),
    key=("nis_code",),
    to_records=_centre,
    description="The centre of each municipality (WGS 84 degrees) as a source gives it: where the maps draw it.",
)
