"""``lires serve``: the FastAPI app on one host and port."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from cli.common import StoreOption, settings


def serve_command(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the current graph over HTTP (API, SPARQL, pages) at http://HOST:PORT/."""
    from api.app import create_app
    from api.settings import ApiSettings

    uvicorn.run(create_app(settings(store, kind=ApiSettings)), host=host, port=port, log_level="info")
