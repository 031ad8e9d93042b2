"""A real uvicorn server on a free loopback port, for tests with real HTTP clients and browsers.

Registered for every test by ``pytest_plugins`` in tests/conftest.py.
"""

from __future__ import annotations

import threading
import time

import pytest
import uvicorn

from api.app import create_app


@pytest.fixture(scope="session")
def lod_server(settings) -> str:
    """Base URL (``http://127.0.0.1:PORT``) of the real app on the session's built graph."""
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, name="lod-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
