"""``/robots.txt`` and ``/sitemap.xml``: how a crawler finds every thing LIRES Graph describes.

The sitemap lists the ``/id/`` IRI of every thing (each answers 303 to its own document): the entities, the things of
the dataset description, the role scheme with its roles, and the sources' publishers. Past 50,000 IRIs (the
sitemap protocol's limit per file) ``/sitemap.xml`` is an index of ``/sitemap.xml?page=N``.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from api.current import LoadedGraph
from api.deps import GraphDep, PublishedDep
from api.errors import RESPONSES, NotFound
from api.http_cache import cache_headers, not_modified
from graph.iri import mint
from ontology.formats import XML

router = APIRouter(tags=["linked data"], responses=RESPONSES)

PER_SITEMAP = 50_000
"""IRIs per sitemap file (the sitemap protocol's limit)."""
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_FOR_CRAWLERS = ("/sparql", "/graph-store", "/cypher", "/api/", "/admin/", "/viz/explorer")
"""Query endpoints and computed views: a crawler finds every fact through /id/, /doc/, /dataset and the dumps."""


@router.get("/robots.txt", response_class=PlainTextResponse, operation_id="robots", include_in_schema=False)
def robots(graph: GraphDep) -> PlainTextResponse:
    """What crawlers may fetch (everything but the query endpoints) and where the sitemap is."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in NOT_FOR_CRAWLERS), "Allow: /"]
    lines += ["", f"Sitemap: {graph.base_iri}sitemap.xml"]
    return PlainTextResponse("\n".join(lines) + "\n")


@router.head("/sitemap.xml", include_in_schema=False)
@router.get(
    "/sitemap.xml",
    response_class=Response,
    operation_id="sitemap",
    responses={200: {"content": {XML.media_type: {}}, "description": "A sitemap, or a sitemap index"}},
)
def sitemap(
    request: Request,
    graph: GraphDep,
    published: PublishedDep,
    page: Annotated[int | None, Query(ge=1, description="One sitemap of the index (when there are many IRIs)")] = None,
) -> Response:
    """The ``/id/`` IRIs of every described thing as a sitemap (``lastmod``: the build time); an index of pages
    when there are more than 50,000. 404 for a page past the last."""
    etag = published.etag(f"sitemap/{page}")
    headers = cache_headers(published, etag)
    if not_modified(request.headers, etag, published.build.built_at):
        return Response(status_code=304, headers=headers)
    iris = graph.memo("sitemap", lambda: described_iris(graph, published.description.publication.described()))
    pages = max(1, math.ceil(len(iris) / PER_SITEMAP))
    modified = published.build.built_at.date().isoformat()
    if page is None and pages > 1:
        root = ET.Element("sitemapindex", xmlns=SITEMAP_NS)
        for n in range(1, pages + 1):
            entry = ET.SubElement(root, "sitemap")
            ET.SubElement(entry, "loc").text = f"{graph.base_iri}sitemap.xml?page={n}"
            ET.SubElement(entry, "lastmod").text = modified
    else:
        if (page or 1) > pages:
            raise NotFound(f"no sitemap page {page}; there are {pages}")
        root = ET.Element("urlset", xmlns=SITEMAP_NS)
        start = ((page or 1) - 1) * PER_SITEMAP
        for iri in iris[start : start + PER_SITEMAP]:
            entry = ET.SubElement(root, "url")
            ET.SubElement(entry, "loc").text = iri
            ET.SubElement(entry, "lastmod").text = modified
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=XML.media_type, headers=headers)


def described_iris(graph: LoadedGraph, description: set[str]) -> list[str]:
    """Every ``{base}id/`` IRI with a document: the entities, ``description`` (the dataset's things) and the
    subjects the projection added to the store (roles, the role scheme, publishers), sorted. One pass over the
    store: made once per build (LoadedGraph.memo)."""
    entities = {mint(graph.base_iri, key) for key in graph.records}
    space = f"{graph.base_iri}id/"
    derived = {
        t.subject.value
        for t in graph.build.rdf.triples()
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(space) and "#" not in t.subject.value
    }
    return sorted(entities | description | derived)
