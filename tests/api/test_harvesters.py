"""Harvesters welcome: dumps, documents, the dataset description and the Graph Store are outside the query
endpoints' rate limit; their conditional requests are answered 304; robots.txt and a sitemap of every /id/ IRI
let a crawler find every resource."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes import crawl
from graph.iri import mint
from tests.support import BASE

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_harvesting_is_not_counted_against_the_query_rate_limit(settings):
    client = TestClient(create_app(settings.model_copy(update={"rate_limit": "2/minute"})))
    for _ in range(2):
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 429
    for path in ("/dumps/lires.nt", "/doc/municipality/71016", "/dataset", "/graph-store?default", "/sitemap.xml"):
        for _ in range(3):
            assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "path", ["/doc/municipality/71016?format=ttl", "/doc/catalog/lires", "/dataset", "/sitemap.xml"]
)
def test_conditional_requests_are_answered_304(client, path):
    first = client.get(path)
    assert first.status_code == 200 and first.headers["etag"] and first.headers["last-modified"]
    assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    since = client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304 and since.content == b""


def test_the_etag_differs_by_format_and_language(client):
    turtle = client.get("/doc/municipality/71016?format=ttl").headers["etag"]
    jsonld = client.get("/doc/municipality/71016?format=jsonld").headers["etag"]
    assert turtle != jsonld


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_the_query_endpoints(client):
    robots = client.get("/robots.txt").text.splitlines()
    assert robots[0] == "User-agent: *" and f"Sitemap: {BASE}sitemap.xml" in robots
    assert {"Disallow: /sparql", "Disallow: /cypher", "Disallow: /api/"} <= set(robots)
    assert "Disallow: /doc/" not in robots and "Allow: /" in robots


def test_the_sitemap_lists_every_id_iri(client, records):
    response = client.get("/sitemap.xml")
    assert response.headers["content-type"].startswith("application/xml")
    locations = [e.text for e in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert len(locations) == len(set(locations))
    assert all(loc.startswith(f"{BASE}id/") for loc in locations)
    entities = {mint(BASE, k) for k in records}
    assert entities <= set(locations)
    assert {f"{BASE}id/catalog/lires", f"{BASE}id/role/chair", f"{BASE}id/conceptscheme/role"} <= set(locations)
    for loc in locations[::97]:
        assert client.get(loc.removeprefix(BASE.rstrip("/")), follow_redirects=False).status_code == 303, loc


def test_a_large_sitemap_becomes_an_index_of_pages(client, monkeypatch):
    monkeypatch.setattr(crawl, "PER_SITEMAP", 400)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [e.text for e in index.iter(f"{SITEMAP}loc")]
    assert index.tag == f"{SITEMAP}sitemapindex" and len(pages) >= 2
    first = ET.fromstring(client.get(pages[0].removeprefix(BASE.rstrip("/"))).content)
    assert len(list(first.iter(f"{SITEMAP}url"))) == 400
    assert client.get(f"/sitemap.xml?page={len(pages) + 1}").status_code == 404
