"""Shared fixtures: the real data built once per session into a temporary store, the app on it (in process
and served by uvicorn on 127.0.0.1), pages in headless Debian Chromium, the real Neo4j server (NEO4J_URI)
with that build loaded into it, and the real Fuseki and Virtuoso servers (LIRES_TEST_FUSEKI_URL,
LIRES_TEST_VIRTUOSO_URL) that scripts/test.sh starts."""

from __future__ import annotations

import base64
import csv
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from neo4j.exceptions import DriverError, Neo4jError
from playwright.sync_api import Browser, Page, sync_playwright

from api.app import create_app
from graph.build import build
from graph.neo4j_client import connect
from graph.neo4j_load import LoadReport, load
from graph.neo4j_projection import project
from graph.settings import Settings, default_data
from graph.store import open_current
from loaders.records import Key, Record

DATA = default_data()
BASE = "https://w3id.org/lires/"
UNLIMITED = "1000000/minute"
PAYLOAD = "</script><img src=x onerror=alert(1)>"
"""A name that would run a script if a page let it become markup."""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NEO4J_HINT = ("start one with `NEO4J_PASSWORD=lires-dev-password scripts/neo4j-local.sh start` and export "
              "NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=lires-dev-password "
              "(make test does both)")


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
def settings(store: Path) -> Settings:
    """Settings pointing at the session's store, with Neo4j taken from the environment if set; the rate limit
    is lifted so that the suite's many queries are not refused (tests/test_limits.py tests it)."""
    return Settings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED)


@pytest.fixture(scope="session")
def client(settings: Settings) -> TestClient:
    """The real app on the real built graph."""
    return TestClient(create_app(settings))


def neo4j_required() -> bool:
    """True when Neo4j tests must fail (not skip) without a server: LIRES_REQUIRE_NEO4J=1."""
    return os.environ.get("LIRES_REQUIRE_NEO4J") == "1"


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Settings], str]]:
    """A function that serves the real app for some settings with uvicorn on a free 127.0.0.1 port (in a
    thread) and returns its base URL, e.g. ``http://127.0.0.1:41234``; every server stops at session end."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(settings: Settings) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
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
def live_server(serve: Callable[[Settings], str], settings: Settings) -> str:
    """Base URL of the real app on the session's store, served on 127.0.0.1."""
    return serve(settings)


@pytest.fixture(scope="session")
def payload_server(tmp_path_factory, serve: Callable[[Settings], str]) -> str:
    """The app on a store built from a copy of data/ where the Dutch names of POM Limburg and of the project
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
    return serve(Settings(store=store, data=data, base_iri=BASE))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


INK = """async png => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  const counts = new Map();
  for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) || 0) + 1);
  return 1 - Math.max(...counts.values()) / pixels.length;
}"""


@dataclass
class WatchedPage:
    """A browser page with what it did: console errors (incl. uncaught exceptions), requested URLs, dialogs."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def ink(self) -> float:
        """Share of a screenshot's pixels that differ from its most common colour (0.0 means blank).

        The PNG is decoded in a fresh blank tab of the same browser, so the page under test is untouched.
        """
        png = base64.b64encode(self.page.screenshot()).decode()
        viewer = self.page.context.new_page()
        try:
            return viewer.evaluate(INK, png)
        finally:
            viewer.close()

    def foreign_requests(self) -> list[str]:
        """Requested URLs on any host but 127.0.0.1 (``data:`` URLs have no host and are local)."""
        return [url for url in self.requests if urlsplit(url).hostname not in (None, "127.0.0.1")]


@pytest.fixture
def browser_page(browser: Browser) -> Iterator[WatchedPage]:
    """A fresh 1400x900 page that records console errors, requests and dialogs (dialogs are dismissed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
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
def neo4j_unavailable(reason: str) -> None:
    """Skip the test, saying how to start Neo4j; fail it instead when LIRES_REQUIRE_NEO4J=1."""
    if neo4j_required():
        pytest.fail(f"{reason}, and LIRES_REQUIRE_NEO4J=1 requires a Neo4j server: {NEO4J_HINT}", pytrace=False)
    pytest.skip(f"{reason}: {NEO4J_HINT}")


@pytest.fixture(scope="session")
def neo4j_driver():
    """A driver for the real Neo4j server of NEO4J_URI (checked to answer); see neo4j_unavailable."""
    config = Settings()
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
    current = open_current(store)
    return load(neo4j_driver, project(current.records, current.manifest["base_iri"]))


@dataclass(frozen=True)
class SparqlServer:
    """A real SPARQL 1.1 store on loopback: where to query, update and load graphs, and who may write.

    ``query_url`` takes SPARQL 1.1 Protocol queries from anyone; ``update_url`` takes SPARQL 1.1 Update (form
    field ``update``) and ``gsp_url`` the Graph Store Protocol (``?graph=IRI``), both only with ``auth``.
    """

    name: str
    query_url: str
    update_url: str
    gsp_url: str
    auth: httpx.Auth


SPARQL_SERVERS = {
    # scripts/fuseki-local.sh: FUSEKI_URL is the dataset; HTTP basic authentication
    "fuseki": lambda url, user, password: SparqlServer(
        "fuseki", f"{url}/sparql", f"{url}/update", f"{url}/data", httpx.BasicAuth(user, password)),
    # scripts/virtuoso-local.sh: VIRTUOSO_URL is the server; HTTP digest authentication on the -auth paths
    "virtuoso": lambda url, user, password: SparqlServer(
        "virtuoso", f"{url}/sparql", f"{url}/sparql-auth", f"{url}/sparql-graph-crud-auth",
        httpx.DigestAuth(user, password)),
}
"""How each server's URL and credentials (LIRES_TEST_{NAME}_URL, _USER, _PASSWORD) become its endpoints."""


def sparql_server(name: str) -> SparqlServer:
    """The server ``name`` (a key of SPARQL_SERVERS) that scripts/test.sh started, checked to answer ASK; skipped
    without it, failed instead when LIRES_REQUIRE_{NAME}=1 (set by .ci/run)."""
    prefix = f"LIRES_TEST_{name.upper()}"
    script = f"scripts/{name}-local.sh start"
    hint = f"`{script}` prints its URL; export {prefix}_URL=<it> (make test does both)"
    url = os.environ.get(f"{prefix}_URL")
    if not url:
        unavailable(name, f"{prefix}_URL is not set", hint)
    server = SPARQL_SERVERS[name](url.rstrip("/"), os.environ.get(f"{prefix}_USER", "lires"),
                                  os.environ.get(f"{prefix}_PASSWORD", "lires-dev-password"))
    try:
        answer = httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=10,
                           headers={"Accept": "application/sparql-results+json"})
        answer.raise_for_status()
    except httpx.HTTPError as exc:
        unavailable(name, f"{name} at {server.query_url} does not answer ({exc})", hint)
    return server


def unavailable(name: str, reason: str, hint: str) -> None:
    """Skip the test, saying how to start the server; fail it instead when LIRES_REQUIRE_{NAME}=1."""
    if os.environ.get(f"LIRES_REQUIRE_{name.upper()}") == "1":
        pytest.fail(f"{reason}, and LIRES_REQUIRE_{name.upper()}=1 requires it: {hint}", pytrace=False)
    pytest.skip(f"{reason}: {hint}")


@pytest.fixture(scope="session")
def fuseki() -> SparqlServer:
    """The real Apache Jena Fuseki of scripts/fuseki-local.sh."""
    return sparql_server("fuseki")


@pytest.fixture(scope="session")
def virtuoso() -> SparqlServer:
    """The real OpenLink Virtuoso of scripts/virtuoso-local.sh."""
    return sparql_server("virtuoso")
