"""Injection and escaping: hostile text through every parameter of every endpoint behaves like any other
unknown value (it never changes a query), Cypher parameters stay bound, and hostile names from the data show
as text on the pages in real Chromium (no script runs, no element is injected)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from tests.support import BASE, DATA, UNLIMITED

PAYLOADS = [
    "'",
    '"',
    "\\u0022",
    '\\"',
    "`",
    "}",
    "{",
    "#",
    "//",
    "/*",
    "-- ",
    "<!--",
    "]]>",
    "$x",
    "\\",
    "x' OR '1'='1",
    'x" } ; DROP ALL ; #',
    'x" . ?s ?p ?o } #',
    "'}) RETURN 1 //",
    "`) DETACH DELETE n //",
    "71016' OR 'a'='a",
    '71016" || true || "',
    "noord-limburg}",
    "Genk\u0022",
    "Genk\\u0022 . }",
    "\uff07 OR 1=1",
    "\u02bc",
    "\uff02",
    "\uff1cscript\uff1e",
    "G\u0435nk",
    "71016\u200b",
    "genk\u0301",
    "</script><img src=x onerror=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "%00",
    "../../etc/passwd",
    "..%2F..%2Fetc",
    "SELECT * WHERE { ?s ?p ?o }",
    "MATCH (n) DETACH DELETE n",
]
"""Quotes, escapes, backticks, braces, comment markers, Unicode look-alikes, markup and template syntax."""
CONTROL = "zzzz-no-such-thing"
"""A harmless unknown value. Each payload is sent as it is (no 5xx, never echoed as markup) and after this
value, the way an attack closes a quoted value and goes on: that must give the same answer as this alone."""
VALID = {"type": "municipality", "ref": "71016"}
"""Values for the other path parameters of an operation while one of them is under test."""
HOSTILE_NAME = "</script><img src=x onerror=alert(1)>\"'><svg onload=alert(2)>{{7*7}}${alert(3)}`\u0022"


def parameters(app) -> list[tuple[str, str, str, str]]:
    """Every (method, path template, location, name) of a string parameter in the app's OpenAPI."""
    found = []
    for path, item in app.openapi()["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                kinds = (
                    {schema.get("type")}
                    | {s.get("type") for s in schema.get("anyOf", [])}
                    | {schema.get("items", {}).get("type")}
                )
                if parameter["in"] in ("query", "path", "header") and "string" in kinds:
                    found.append((method.upper(), path, parameter["in"], parameter["name"]))
    return found


def ask(client: TestClient, method: str, path: str, where: str, name: str, value: str):
    url = path
    for other in VALID:
        url = url.replace("{" + other + "}", VALID[other])
    if where == "path":
        url = path.replace("{" + name + "}", quote(value, safe=""))
        for other in VALID:
            url = url.replace("{" + other + "}", VALID[other])
    query = {name: value} if where == "query" else {}
    headers = {name: value} if where == "header" else {}
    return client.request(method, url, params=query, headers=headers, follow_redirects=False)


def shape(response) -> tuple:
    """What must not differ between hostile and harmless input: the status, and the size of a JSON result."""
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else None
    size = (body.get("count"), len(body.get("data", []))) if isinstance(body, dict) and "data" in body else None
    return response.status_code, size


@pytest.fixture(scope="module")
def plain_client(settings: ApiSettings) -> TestClient:
    return TestClient(create_app(settings))


def test_every_string_parameter_is_covered(plain_client):
    found = parameters(plain_client.app)
    assert ("GET", "/api/entities", "query", "q") in found and ("GET", "/doc/{type}/{ref}", "path", "ref") in found
    assert ("GET", "/sparql", "query", "default-graph-uri") in found
    assert len(found) >= 12


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_any_parameter_acts_like_any_unknown_value(plain_client, payload: str):
    attempts = 0
    for method, path, where, name in parameters(plain_client.app):
        if (where == "header" and any(c in payload for c in "\r\n\u200b\u0301")) or (
            not payload.isascii() and where == "header"
        ):
            continue  # not representable in an HTTP header
        raw, hostile, harmless = (
            ask(plain_client, method, path, where, name, v) for v in (payload, CONTROL + payload, CONTROL)
        )
        assert raw.status_code < 500 and hostile.status_code < 500, (method, path, name, raw.text, hostile.text)
        attempts += 2
        # Headers are parsed (Accept), so odd values may fail in another way; a '/' in a path segment is the
        # URL's structure (routing, redirects), and in a format parameter it makes a media type (406, not 400).
        if ("/" not in payload and where != "header") or (where == "query" and name != "format"):
            assert shape(hostile) == shape(harmless), (method, path, name, hostile.text, harmless.text)
        for response in (raw, hostile):
            if "<" in payload and response.headers.get("content-type", "").startswith("text/html"):
                assert payload not in response.text, (method, path, name)
    assert attempts >= 12


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_finds_nothing_for_hostile_text_and_entities_are_untouched(plain_client, payload: str):
    found = plain_client.get("/api/entities", params={"q": CONTROL + payload}).json()
    assert found["count"] == 0
    genk = plain_client.get("/api/entities/municipality/71016").json()
    assert genk["label"] == "Genk"


@pytest.mark.neo4j
@pytest.mark.parametrize("payload", PAYLOADS)
def test_cypher_parameters_stay_bound(client: TestClient, neo4j_graph, payload: str):
    query = "MATCH (m:Municipality) WHERE m.name_nl = $name OR m.key = $name RETURN count(m) AS n"
    answer = client.post("/cypher", json={"query": query, "parameters": {"name": "Genk" + payload}})
    assert answer.status_code == 200 and answer.json()["data"] == [[0]]
    keyed = client.post("/cypher", json={"query": "RETURN $p AS p", "parameters": {"p": payload}})
    assert keyed.json()["data"] == [[payload]], "the value came back changed"
    graph_only = "MATCH (n) WHERE NOT n:LoadState RETURN count(n) AS n"  # without the load's own mark
    total = client.post("/cypher", json={"query": graph_only}).json()["data"]
    assert total == [[sum(neo4j_graph.nodes.values())]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sparql_graph_iris_are_terms_not_text(plain_client, payload: str):
    answer = plain_client.get(
        "/sparql",
        params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "default-graph-uri": f"https://example.org/{payload}",
            "format": "json",
        },
    )
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 200:  # a well-formed IRI: an empty graph, whatever the text says
        assert answer.json()["results"]["bindings"][0]["n"]["value"] == "0"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    """The real data plus one organisation with a hostile name, partner of t2-campus, built into a store."""
    data = Path(shutil.copytree(DATA, tmp_path_factory.mktemp("hostile") / "data"))
    with (data / "organisations.csv").open("a", encoding="utf-8") as handle:
        name = HOSTILE_NAME.replace('"', '""')
        handle.write(f'injection-test,"{name}",,private_company,,,,"{name}",ERZIT_LIRES\n')
    with (data / "project_partners.csv").open("a", encoding="utf-8") as handle:
        handle.write("t2-campus,injection-test,partner,ERZIT_LIRES\n")
    store = tmp_path_factory.mktemp("hostile-store")
    build(data, store, BASE)
    return store


@pytest.fixture(scope="module")
def hostile_server(serve: Callable[[ApiSettings], str], hostile_store: Path) -> str:
    return serve(ApiSettings(store=hostile_store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED))


def test_hostile_names_come_back_unchanged_in_json(hostile_store: Path):
    client = TestClient(create_app(ApiSettings(store=hostile_store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED)))
    entity = client.get("/api/entities/organisation/injection-test").json()
    assert entity["label"] == HOSTILE_NAME
    assert client.get("/api/entities", params={"q": "onerror=alert"}).json()["count"] == 1


@pytest.mark.browser
@pytest.mark.parametrize(
    "page",
    [
        "/doc/organisation/injection-test",
        "/doc/project/t2-campus",
        "/viz/graph",
        "/api/entities/organisation/injection-test",
    ],
)
def test_hostile_names_render_as_text_in_chromium(browser_page, hostile_server: str, page: str):
    browser_page.page.goto(hostile_server + page)
    browser_page.page.wait_for_load_state("load")
    injected = browser_page.page.evaluate(
        "document.querySelectorAll('img[src=x], img[onerror], svg[onload], [onload], [onerror]').length"
    )
    assert injected == 0
    assert browser_page.dialogs == [], "a script from the data ran"
    assert browser_page.page.evaluate("window.__injected === undefined")
    if page.startswith("/doc/"):
        assert HOSTILE_NAME in browser_page.page.inner_text("body")
    assert browser_page.foreign_requests() == []


@pytest.mark.neo4j
@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 7152601599104556210323456, [1, 2**70], {"n": 2**64}])
def test_cypher_parameters_beyond_64_bits_are_400(client: TestClient, neo4j_graph, value):
    """Found by schemathesis: the driver could not pack such a parameter, and the API answered 500."""
    answer = client.post("/cypher", json={"query": "RETURN $p AS p", "parameters": {"p": value}})
    assert answer.status_code == 400 and "64-bit" in answer.json()["detail"]
