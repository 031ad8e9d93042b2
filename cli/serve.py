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
    """Serve the current graph over HTTP (API, SPARQL, pages) at http://HOST:PORT/.

    Forwarded headers count only from the proxies in LIRES_FORWARDED_ALLOW_IPS (the app applies them), so
    uvicorn's own handling, which trusts 127.0.0.1 by default, is off.
    """
    from api.app import create_app
    from api.settings import ApiSettings

    uvicorn.run(
        create_app(settings(store, kind=ApiSettings)), host=host, port=port, log_level="info", proxy_headers=False
    )
