"""Options, scope loading and output shared by ``lires gaps`` and ``lires synergy``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.markup import escape

from cli.common import fail, settings
from graph.analysis.scope import Scope, ScopeError, ScopeParams, make_scope
from graph.analysis.tables import tables_of
from graph.store import NoGraph, open_current
from graph.stores.choose import rdf_store

out = Console(highlight=False)
"""Results go to standard output; errors and progress to standard error (cli.common.console)."""

FormatOption = Annotated[
    Literal["table", "json", "csv"],
    typer.Option("--format", help="table: readable tables; json: the full report; csv: one row per result."),
]


def _help(field: str) -> str:
    """The option's help: the description of the same filter of the API (graph.analysis.scope.ScopeParams)."""
    return ScopeParams.model_fields[field].description or ""


ByOption = Annotated[Literal["subregion", "arrondissement"], typer.Option("--by", help=_help("by"))]
YearOption = Annotated[int | None, typer.Option("--year", help=_help("year"), show_default=False)]
StrategyOption = Annotated[str | None, typer.Option("--strategy", help=_help("strategy"), show_default=False)]
SubregionOption = Annotated[str | None, typer.Option("--subregion", help=_help("subregion"), show_default=False)]
TopOption = Annotated[
    int, typer.Option("--top", min=1, help="How many of the biggest gaps / best suggestions to show (per kind).")
]


def load_scope(
    store: Path | None, by: str, year: int | None, strategy: str | None, subregion: str | None
) -> tuple[Scope, str, str]:
    """The scope on the current build, its base IRI and the build's id; exits with a message on bad input
    (the filters are checked as the API checks them: graph.analysis.scope.ScopeParams)."""
    config = settings(store)
    try:
        params = ScopeParams(by=by, year=year, strategy=strategy, subregion=subregion)
        build = open_current(config.store, rdf_store(config))
        scope = make_scope(tables_of(build.path), **params.model_dump())
    except ValidationError as exc:
        fail(escape("; ".join(f"--{e['loc'][0]}: {e['msg']}" for e in exc.errors())))
    except (NoGraph, ScopeError) as exc:
        fail(escape(str(exc)))
    return scope, build.manifest["base_iri"], build.path.name


def emit_json(data: BaseModel | dict[str, Any]) -> None:
    """Write ``data`` (a report, or plain JSON data) as JSON to standard output."""
    if isinstance(data, BaseModel):
        sys.stdout.write(data.model_dump_json(indent=1) + "\n")
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def emit_text(text: str) -> None:
    """Write ``text`` (e.g. CSV) to standard output unchanged."""
    sys.stdout.write(text)
