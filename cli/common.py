"""Options and error reporting shared by the commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar, overload

import typer
from pydantic import ValidationError
from rich.console import Console

from graph.settings import Settings

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


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error and exit non-zero."""
    console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)
