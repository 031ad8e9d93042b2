"""Shared fixtures: the real data built once per session into a temporary store, the app on it (in process and
served by uvicorn on 127.0.0.1), pages in headless Debian Chromium, the real Neo4j server (NEO4J_URI) with
that build loaded into it, and the real Fuseki and Virtuoso servers (LIRES_TEST_FUSEKI_URL,
LIRES_TEST_VIRTUOSO_URL) that scripts/test.sh starts. Plain helpers and constants are in tests/support.py."""

from __future__ import annotations

import csv
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from neo4j.exceptions import DriverError, Neo4jError
from playwright.sync_api import Browser, sync_playwright

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from graph.neo4j.client import connect
from graph.neo4j.load import LoadReport
from graph.store import open_current
from graph.stores.sparql import SparqlStore
from records.model import Key, Record
from tests.support import (
    BASE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DATA,
    PAYLOAD,
    UNLIMITED,
    UNLIMITED_SHARE,
    SparqlServer,
    WatchedPage,
    load_build,
    neo4j_unavailable,
    sparql_server,
)


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Path:
    """A store with the real data/ built into it (once per test session)."""
    path = tmp_path_factory.mktemp("store")
    build(DATA, path, BASE)
    return path


@pytest.fixture(scope="session")
def records(store: Path) -> dict[Key, Record]:
    """The canonical records of the session's build, by key."""
    return {r.key: r for r in open_current(store).records}


@pytest.fixture(scope="session")
def settings(store: Path) -> ApiSettings:
    """Settings pointing at the session's store, with Neo4j taken from the environment if set; the rate limit
    and each client's share of the query engines are lifted, so that the suite's many queries, all from one
    address, are not refused (tests/api/test_limits.py and tests/e2e/test_fair_share.py test them)."""
    return ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED, queries_per_client=UNLIMITED_SHARE)


@pytest.fixture(scope="session")
def client(settings: ApiSettings) -> TestClient:
    """The real app on the real built graph."""
    return TestClient(create_app(settings))


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[ApiSettings], str]]:
    """A function that serves the real app for some settings with uvicorn on a free 127.0.0.1 port (in a
    thread) and returns its base URL, e.g. ``http://127.0.0.1:41234``; every server stops at session end.
    As ``lires serve`` does, uvicorn leaves forwarded headers to the app (LIRES_FORWARDED_ALLOW_IPS)."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(settings: ApiSettings) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", proxy_headers=False))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        servers.append((server, thread))
        deadline = time.monotonic() + 15
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="session")
def live_server(serve: Callable[[ApiSettings], str], settings: ApiSettings) -> str:
    """Base URL of the real app on the session's store, served on 127.0.0.1."""
    return serve(settings)


@pytest.fixture(scope="session")
def payload_settings(tmp_path_factory) -> ApiSettings:
    """Settings of a store built from a copy of data/ where the Dutch names of POM Limburg and of the project
    T2-campus are a script-injection payload (PAYLOAD)."""
    data = tmp_path_factory.mktemp("payload") / "data"
    shutil.copytree(DATA, data)
    for file, ref in (("organisations.csv", "pom-limburg"), ("projects.csv", "t2-campus")):
        with (data / file).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        next(row for row in rows if row["ref"] == ref)["name_nl"] = PAYLOAD
        with (data / file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    store = data.parent / "store"
    build(data, store, BASE)
    return ApiSettings(store=store, data=data, base_iri=BASE, rate_limit=UNLIMITED)


@pytest.fixture(scope="session")
def payload_server(payload_settings: ApiSettings, serve: Callable[[ApiSettings], str]) -> str:
    """The app on the payload store (payload_settings), served on 127.0.0.1."""
    return serve(payload_settings)


@pytest.fixture(scope="session")
def payload_client(payload_settings: ApiSettings) -> TestClient:
    """The app on the payload store (payload_settings), in process."""
    return TestClient(create_app(payload_settings))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser: Browser) -> Iterator[WatchedPage]:
    """A fresh 1400x900 page of a Dutch-speaking (nl-BE) browser that records console errors, requests and dialogs
    (dialogs are dismissed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-BE")
    watched = WatchedPage(context.new_page())
    watched.page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    watched.page.on("pageerror", lambda exc: watched.console_errors.append(str(exc)))
    watched.page.on("request", lambda request: watched.requests.append(request.url))

    def on_dialog(dialog) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    watched.page.on("dialog", on_dialog)
    yield watched
    context.close()


@pytest.fixture(scope="session")
def neo4j_driver():
    """A driver for the real Neo4j server of NEO4J_URI (checked to answer); see neo4j_unavailable."""
    config = ApiSettings()
    if not config.neo4j_uri:
        neo4j_unavailable("NEO4J_URI is not set")
    driver = connect(config)
    try:
        driver.verify_connectivity()
    except (Neo4jError, DriverError) as exc:
        driver.close()
        neo4j_unavailable(f"Neo4j at {config.neo4j_uri} does not answer ({exc})")
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def neo4j_graph(neo4j_driver, store: Path) -> LoadReport:
    """The session's build of the real data loaded into Neo4j (full sync: the database holds only it).

    Tests that change the database must load this build again before they end.
    """
    return load_build(neo4j_driver, open_current(store))


@pytest.fixture(scope="session")
def fuseki() -> SparqlServer:
    """The real Apache Jena Fuseki of scripts/fuseki-local.sh."""
    return sparql_server("fuseki")


@pytest.fixture(scope="session")
def virtuoso() -> SparqlServer:
    """The real OpenLink Virtuoso of scripts/virtuoso-local.sh."""
    return sparql_server("virtuoso")


@pytest.fixture(
    scope="session",
    params=[pytest.param("fuseki", marks=pytest.mark.fuseki), pytest.param("virtuoso", marks=pytest.mark.virtuoso)],
)
def remote_server(request) -> dict:
    """The ``LIRES_RDF_STORE*`` settings of a real remote SPARQL store (Fuseki, then Virtuoso: the tests using it
    run once per store), with its ``name``; skipped without it, failed under LIRES_REQUIRE_<NAME>=1."""
    server: SparqlServer = request.getfixturevalue(request.param)
    return {"name": server.name, **server.settings}


@pytest.fixture(scope="session")
def remote_settings(remote_server: dict, tmp_path_factory) -> Iterator[ApiSettings]:
    """Settings of the real data built into the remote store of ``remote_server`` (its own store directory for the
    records and manifest); the build's graph is dropped from the store at the end of the session."""
    overrides = {k: v for k, v in remote_server.items() if k != "name"}
    path = tmp_path_factory.mktemp(f"{remote_server['name']}-store")
    config = ApiSettings(store=path, data=DATA, base_iri=BASE, rate_limit=UNLIMITED, **overrides)
    rdf = SparqlStore(config)
    build(DATA, path, BASE, rdf=rdf)
    yield config
    open_current(path, rdf).rdf.discard()
