"""What the tests share besides fixtures: the real data's paths, the base IRI, the fixture files, the watched
browser page and its checks, how a missing Neo4j is reported, and the endpoints of the real Fuseki and
Virtuoso."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import neo4j
import pytest
from playwright.sync_api import Page

from bench.servers import STORE_SERVERS
from graph.neo4j.load import LoadReport, load
from graph.neo4j.projection import project
from graph.settings import default_data
from graph.store import Build
from loaders.dataset import Reading
from records.model import Key, Record, merge

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root."""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
"""Files the tests read: the bad-input corpus, snapshots, shapes, sample Statbel files."""
SHARED = Path(os.environ.get("LIRES_SHARED", ROOT.parent / "shared"))
"""The read-only shared folder beside the repository (research set, conformance files); LIRES_SHARED overrides it,
e.g. in a git worktree."""
CONFORMANCE = SHARED / "conformance"
"""Official shapes, vocabularies and test suites (DCAT-AP, DCAT-AP-VL, PROV-O, ORG, the SPARQL Protocol tests)."""


DATA = default_data()
"""The real data shipped in data/."""


def read(directory: Path) -> dict[Key, Record]:
    """The records of a data directory, read as ``lires build`` reads it (loaders.dataset.Reading) and merged as a
    build's records are (records.model.merge); raises records.findings.DataError as the build does."""
    reading = Reading(directory)
    records = merge(reading.fragments())
    reading.raise_errors()
    return records


def load_build(driver: neo4j.Driver, build: Build) -> LoadReport:
    """Load ``build`` into Neo4j as ``lires neo4j-load`` does: under its base IRI, with its id in the LoadState
    marker (graph.neo4j.load_state). A test that changed the database restores the session's build with it."""
    return load(driver, project(build.records, build.manifest["base_iri"]), build=build.id)


def of_type(records: dict[Key, Record], type_: str) -> list[Record]:
    """The records of one schema class, ordered by ref."""
    return sorted((r for k, r in records.items() if k.type == type_), key=lambda r: r.key.ref)


BASE = "https://w3id.org/lires/"


UNLIMITED = "1000000/minute"


UNLIMITED_SHARE = 1000
"""LIRES_QUERIES_PER_CLIENT for runs where one address stands for many users (the suite, locust)."""


LIRES = Path(sys.executable).parent / "lires"
"""The ``lires`` command of this environment."""


PAYLOAD = "</script><img src=x onerror=alert(1)>"
"""A name that would run a script if a page let it become markup."""


CHROMIUM = "/usr/bin/chromium"


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


NEO4J_HINT = (
    "start one with `NEO4J_PASSWORD=lires-dev-password scripts/neo4j-local.sh start` and export "
    "NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=lires-dev-password "
    "(make test does both)"
)


def required(server: str) -> bool:
    """True when the tests of ``server`` (neo4j, fuseki, virtuoso) must fail, not skip, without it:
    ``LIRES_REQUIRE_<SERVER>=1`` (.ci/run sets them all)."""
    return os.environ.get(f"LIRES_REQUIRE_{server.upper()}") == "1"


def neo4j_required() -> bool:
    """True when Neo4j tests must fail (not skip) without a server: LIRES_REQUIRE_NEO4J=1."""
    return required("neo4j")


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


def neo4j_unavailable(reason: str) -> None:
    """Skip the test, saying how to start Neo4j; fail it instead when LIRES_REQUIRE_NEO4J=1."""
    if neo4j_required():
        pytest.fail(f"{reason}, and LIRES_REQUIRE_NEO4J=1 requires a Neo4j server: {NEO4J_HINT}", pytrace=False)
    pytest.skip(f"{reason}: {NEO4J_HINT}")


def opened(browser_page, url: str):
    """Load ``url`` in the watched page, also recording HTTP errors (e.g. a missing favicon) as errors."""
    page = browser_page.page
    page.on(
        "response", lambda r: browser_page.console_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page.goto(url, wait_until="networkidle")
    return page


def assert_offline_and_clean(browser_page) -> None:
    assert browser_page.foreign_requests() == []
    assert any(url.startswith("http://127.0.0.1") for url in browser_page.requests)
    assert browser_page.console_errors == []


TRICKY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?thing WHERE {  # names with an é, a && and a # in this comment
  ?thing skos:prefLabel ?name .
  FILTER((CONTAINS(?name, "Overlegcomité") || STRSTARTS(?name, "Eén")) && LANG(?name) = "nl")
} ORDER BY ?thing"""


TRICKY_ANSWER = [f"{BASE}id/organisation/resoc-limburg", f"{BASE}id/structure/een-stem-voor-limburg"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def lires_serve(store: Path, **env: str) -> Iterator[str]:
    """``lires serve`` on ``store`` in its own process, with extra environment ``env`` (e.g.
    ``LIRES_RATE_LIMIT="5/minute"``); yields its base URL once /health answers (within 60 s), stops it after."""
    port = free_port()
    server = subprocess.Popen(
        [str(LIRES), "serve", "--store", str(store), "--port", str(port)],
        env={**os.environ, "LIRES_BASE_IRI": BASE, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"lires serve did not answer /health (exit code {server.poll()})")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass(frozen=True)
class SparqlServer:
    """A real SPARQL 1.1 store on loopback: where to query, update and load graphs, and who may write.

    ``query_url`` takes SPARQL 1.1 Protocol queries from anyone; ``update_url`` takes SPARQL 1.1 Update (form
    field ``update``) and ``gsp_url`` the Graph Store Protocol (``?graph=IRI``), both only with ``auth``.
    ``settings`` are the ``LIRES_RDF_STORE*`` settings that point LIRES at it.
    """

    name: str
    query_url: str
    update_url: str
    gsp_url: str
    auth: httpx.Auth
    settings: dict


def sparql_server(name: str) -> SparqlServer:
    """The server ``name`` (a key of bench.servers.STORE_SERVERS: its endpoints below LIRES_TEST_{NAME}_URL, with
    LIRES_TEST_{NAME}_USER and _PASSWORD) that scripts/test.sh started, checked to answer ASK; skipped without it,
    failed instead when LIRES_REQUIRE_{NAME}=1 (set by .ci/run)."""
    layout = STORE_SERVERS[name]
    hint = f"`scripts/{name}-local.sh start` prints its URL; export {layout.variable}=<it> (make test does both)"
    settings = layout.settings()
    if settings is None:
        unavailable(name, f"{layout.variable} is not set", hint)
    credentials = (settings["rdf_store_user"], settings["rdf_store_password"])
    server = SparqlServer(
        name,
        settings["rdf_store_query_url"],
        settings["rdf_store_update_url"],
        settings["rdf_store_data_url"],
        httpx.DigestAuth(*credentials) if layout.auth == "digest" else httpx.BasicAuth(*credentials),
        settings,
    )
    try:
        answer = httpx.get(
            server.query_url,
            params={"query": "ASK {}"},
            timeout=10,
            headers={"Accept": "application/sparql-results+json"},
        )
        answer.raise_for_status()
    except httpx.HTTPError as exc:
        unavailable(name, f"{name} at {server.query_url} does not answer ({exc})", hint)
    return server


def unavailable(name: str, reason: str, hint: str) -> None:
    """Skip the test, saying how to start the server; fail it instead when LIRES_REQUIRE_{NAME}=1."""
    if os.environ.get(f"LIRES_REQUIRE_{name.upper()}") == "1":
        pytest.fail(f"{reason}, and LIRES_REQUIRE_{name.upper()}=1 requires it: {hint}", pytrace=False)
    pytest.skip(f"{reason}: {hint}")
