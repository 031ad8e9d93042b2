"""The input files a data directory holds, as declared tables, in load order: the tables, then the lists of
operations (``operations/``) with the alias table that names their beneficiaries."""

from __future__ import annotations

from loaders.aliases import ALIASES
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
    SUBREGIONS,
    subregion_memberships_table,
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
        subregion_memberships_table(),
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

OPERATIONS = "operations"
"""The folder of lists of operations (EU programmes' funded projects), read after the tables: each ``{name}.toml``
column map (loaders.opsmap) beside its ``{name}.csv`` or ``{name}.xlsx``, read as loaders.operations.operations_table
declares it. Their beneficiaries are named through ALIASES (``organisation_aliases.csv``, optional), which is
read just before them."""
__all__ = ["ALIASES", "OPERATIONS", "OPTIONAL", "tables"]
