"""Options, scope loading and output shared by ``lires gaps`` and ``lires synergy``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape

from cli.common import fail, settings
from graph.analysis.scope import Scope, ScopeError, make_scope
from graph.store import NoGraph, open_current

out = Console(highlight=False)
"""Results go to standard output; errors and progress to standard error (cli.common.console)."""

FormatOption = Annotated[
    Literal["table", "json", "csv"],
    typer.Option("--format", help="table: readable tables; json: the full report; csv: one row per result."),
]
StrategyOption = Annotated[
    str | None,
    typer.Option(
        "--strategy",
        help="Only this strategy (ref, e.g. salk): its objectives and the projects serving them or framed by it.",
        show_default=False,
    ),
]
ByOption = Annotated[
    Literal["subregion", "arrondissement"],
    typer.Option(
        "--by", help="Territories: LIRES subregions (plus the not-assigned municipalities) or arrondissements."
    ),
]
SubregionOption = Annotated[
    str | None,
    typer.Option(
        "--subregion",
        help="Only the municipalities of this LIRES subregion (ref, e.g. noord-limburg, or "
        "'unassigned') and the projects located there.",
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        min=1800,
        max=2200,
        help="As of this year: only projects, memberships and structures active then "
        "(records without dates count as always active; operational projects "
        "from their start on).",
        show_default=False,
    ),
]
TopOption = Annotated[
    int, typer.Option("--top", min=1, help="How many of the biggest gaps / best suggestions to show (per kind).")
]


def load_scope(
    store: Path | None, by: str, year: int | None, strategy: str | None, subregion: str | None
) -> tuple[Scope, str, str]:
    """The scope on the current build, its base IRI and the build's id; exits with a message on bad input."""
    config = settings(store)
    try:
        build = open_current(config.store)
        scope = make_scope({r.key: r for r in build.records}, by, year, strategy, subregion)
    except (NoGraph, ScopeError) as exc:
        fail(escape(str(exc)))
    return scope, build.manifest["base_iri"], build.path.name


def emit_json(data: dict) -> None:
    """Write ``data`` as JSON to standard output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def emit_text(text: str) -> None:
    """Write ``text`` (e.g. CSV) to standard output unchanged."""
    sys.stdout.write(text)
