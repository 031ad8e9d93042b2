"""docs/w3id/lires/.htaccess, the redirects that would register https://w3id.org/lires/, applied to the paths a
client asks w3id.org for (as Apache mod_rewrite does: the path after /lires/, first matching rule, query string
kept) and followed into the app: every IRI and service the server publishes lands on a route that answers it."""

from __future__ import annotations

import re
import shlex
from urllib.parse import urlsplit

import pytest

from graph.iri import mint
from tests.support import BASE, ROOT

HTACCESS = ROOT / "docs" / "w3id" / "lires" / ".htaccess"
HOST = "https://lires-graph.example.org"


def rules() -> list[tuple[re.Pattern[str], str, int]]:
    """(pattern, substitution, redirect status) of each RewriteRule, in order."""
    found = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        if line.startswith("RewriteRule"):
            _, pattern, target, flags = shlex.split(line)
            status = int(re.search(r"R=(\d+)", flags).group(1))  # type: ignore[union-attr]
            found.append((re.compile(pattern), target, status))
    return found


def redirect(iri: str) -> tuple[str, int]:
    """Where w3id.org sends ``iri`` (one of https://w3id.org/lires/...), and with which status."""
    parts = urlsplit(iri)
    path = parts.path.removeprefix("/lires/")
    for pattern, target, status in rules():
        if match := pattern.match(path):
            location = match.expand(target.replace("$", "\\"))
            return location + (f"?{parts.query}" if parts.query else ""), status
    raise AssertionError(f"no rule for {iri}")


def test_the_rules_send_every_id_iri_with_303(records):
    for key in records:
        iri = mint(BASE, key)
        location, status = redirect(iri)
        assert status == 303 and location == iri.replace(f"{BASE}id/", f"{HOST}/id/")


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (f"{BASE}id/municipality/71016", 303),
        (f"{BASE}id/catalog/lires", 303),
        (f"{BASE}id/role/chair", 303),
        (f"{BASE}doc/municipality/71016?format=ttl", 200),
        (f"{BASE}ns", 200),
        (f"{BASE}ns/context.jsonld", 200),
        (f"{BASE}dataset", 200),
        (f"{BASE}dumps/lires.nt.gz", 200),
        (f"{BASE}sparql?query=ASK%20%7B%7D", 200),
        (f"{BASE}graph-store?default", 200),
        (f"{BASE}robots.txt", 200),
        (f"{BASE}sitemap.xml", 200),
        (BASE, 200),
    ],
)
def test_each_redirect_lands_on_a_route_of_the_app(client, iri, expected):
    location, _ = redirect(iri)
    assert location.startswith(HOST + "/")
    response = client.get(location.removeprefix(HOST), follow_redirects=False)
    assert response.status_code == expected, (iri, location, response.status_code)


def test_a_sparql_post_keeps_its_method():
    assert redirect(f"{BASE}sparql")[1] == 307
