"""The input files a data directory holds, as declared tables, in load order."""

from __future__ import annotations

from loaders.organisations import organisations_table
from loaders.projects import project_partners_table, projects_table
from loaders.sources import SOURCES
from loaders.strategies import OBJECTIVES, strategies_table
from loaders.structures import memberships_table, structures_table
from loaders.table import Table
from loaders.territories import (
    ARRONDISSEMENTS,
    CENTRES,
    MUNICIPALITIES,
    POPULATIONS,
    PROVINCES,
    SUBREGION_MEMBERSHIPS,
    SUBREGIONS,
)


def tables() -> list[Table]:
    """Every kind of input file, in load order."""
    return [
        SOURCES,
        PROVINCES,
        ARRONDISSEMENTS,
        SUBREGIONS,
        MUNICIPALITIES,
        POPULATIONS,
        CENTRES,
        SUBREGION_MEMBERSHIPS,
        organisations_table(),
        strategies_table(),
        OBJECTIVES,
        structures_table(),
        memberships_table(),
        projects_table(),
        project_partners_table(),
    ]


OPTIONAL = {"populations", "municipality_centres", "subregion_memberships", "memberships", "project_partners"}
"""Tables whose file may be absent; every other table must be present."""
