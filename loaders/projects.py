"""Projects and their partners, from projects.csv/project_partners.csv or the XLSX project sheet.

The XLSX template (data/templates/projects.xlsx) has two sheets, ``projects`` and
``project_partners``, with the same columns as the CSV files.
"""

from __future__ import annotations

from collections.abc import Iterator

from loaders import cells
from loaders.columns import DESCRIPTION, NAMES, SOURCES, description, period, sources
from loaders.table import Column, Row, Table, keys, labels, record
from records.model import Key, Record


def _project(row: Row) -> Iterator[Record]:
    yield record(
        "Project",
        row["ref"],
        row.origin,
        label=labels(row),
        description=description(row),
        theme=row["theme"],
        status=row["status"],
        **period(row, "start", "end"),
        budget_eur=row["budget_eur"],
        at_location=keys("Municipality", row["locations"]),
        serves=keys("Objective", row["objectives"]),
        strategy=keys("Strategy", row["strategies"]),
        was_derived_from=sources(row),
    )


def _partner(row: Row) -> Iterator[Record]:
    project, organisation, role = row["project"], row["organisation"], row["role"]
    derived = sources(row)
    yield record(
        "Participation",
        f"{project}--{organisation}",
        row.origin,
        activity=Key("Project", project),
        agent=Key("Organisation", organisation),
        had_role=role,
        was_derived_from=derived,
    )
    yield record(
        "Project",
        project,
        row.origin,
        was_associated_with=Key("Organisation", organisation),
        lead=Key("Organisation", organisation) if role == "lead" else None,
        was_derived_from=derived,
    )


def projects_table() -> Table:
    """The projects table; ``status`` values come from the schema's ProjectStatus enum."""
    return Table(
        "projects",
        (
            Column("ref", cells.slug, required=True),
            *NAMES,
            DESCRIPTION,
            Column("theme"),
            Column("status", cells.schema_enum("ProjectStatus")),
            Column("start", cells.partial_date, slots=("start_date", "start_precision")),
            Column("end", cells.partial_date, slots=("end_date", "end_precision")),
            Column("budget_eur", cells.non_negative(cells.decimal)),
            Column("locations", cells.many(cells.nis_code), slots=("at_location",)),
            Column("objectives", cells.many(cells.slug), slots=("serves",)),
            Column("strategies", cells.many(cells.slug), slots=("strategy",)),
            SOURCES,
        ),
        key=("ref",),
        to_records=_project,
        defines="Project",
        description="Projects (hefboomprojecten).",
    )


def project_partners_table() -> Table:
    """The project partners table; ``role`` values come from the schema's PartnerRole enum."""
    return Table(
        "project_partners",
        (
            Column("project", cells.slug, required=True, slots=("activity",)),
            Column("organisation", cells.slug, required=True, slots=("agent", "was_associated_with", "lead")),
            Column("role", cells.schema_enum("PartnerRole"), slots=("had_role",)),
            SOURCES,
        ),
        key=("project", "organisation"),
        to_records=_partner,
        defines="Participation",
        description="Partners of projects with their role.",
    )
