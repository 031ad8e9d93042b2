"""Options and error reporting shared by the commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar, overload

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from graph.settings import Settings
from records.findings import DataError

S = TypeVar("S", bound=Settings)

console = Console(stderr=True)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Store directory (default: $LIRES_STORE or the user data directory).", show_default=False
    ),
]
DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data directory (default: $LIRES_DATA or data/).", show_default=False)
]


@overload
def settings(store: Path | None = None, data: Path | None = None) -> Settings: ...
@overload
def settings(store: Path | None = None, data: Path | None = None, *, kind: type[S]) -> S: ...
def settings(store: Path | None = None, data: Path | None = None, *, kind: type[Settings] = Settings) -> Settings:
    """Settings of ``kind`` (the graph's, or the HTTP service's for ``serve``) from the environment, with
    command-line overrides; exits with a clear message when invalid."""
    overrides: dict[str, Any] = {k: v for k, v in {"store": store, "data": data}.items() if v is not None}
    try:
        return kind(**overrides)
    except ValidationError as exc:
        fail("invalid configuration: " + "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()))


def language() -> str:
    """The language of messages: Dutch when the locale (LC_ALL, LC_MESSAGES, LANG, in that order) is Dutch,
    else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def print_findings(error: DataError, lang: str) -> None:
    """Every error of ``error`` (at most records.findings.MAX_ERRORS), one a line, grouped by file, in ``lang``:
    ``projects.csv:3 start: expected ... (got '31/02/2006')``."""
    from viz.i18n import finding_text  # the catalogue loads only when there is something to say

    for found in sorted(error.errors, key=lambda f: (f.file, f.line)):
        where = found.file + (f":{found.line}" if found.line else "") + (f" {found.column}" if found.column else "")
        got = f" (got {found.value!r})" if found.value is not None else ""
        console.print(f"[red]{escape(where)}[/]: {escape(finding_text(found, lang))}{escape(got)}", highlight=False)
    if error.more:
        console.print(f"... and {error.more} more")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error and exit non-zero."""
    console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)
