"""``/dataset`` (DCAT-AP-VL and VoID, negotiated) and ``/dumps/...`` (the dump files, with ETag and Last-Modified)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.conneg import FORMAT_HELP, PAGE, alternates, negotiate
from api.deps import GraphDep, PublishedDep
from api.errors import RESPONSES, NotFound
from api.http_cache import cache_headers, not_modified
from api.language import LangDep
from graph.publish import tables
from graph.publish.description import LICENCE, TEXTS
from graph.publish.dumps import DUMPS
from graph.publish.serialize import serialize
from ontology.formats import CSV, HTML
from ontology.vocab import vocabulary

router = APIRouter(tags=["dataset"], responses=RESPONSES)


@router.head("/dataset", include_in_schema=False)
@router.get(
    "/dataset",
    response_class=Response,
    operation_id="dataset",
    responses={
        200: {"content": {m: {} for m in PAGE}, "description": "The dataset description in the negotiated format"}
    },
)
def dataset(
    request: Request,
    graph: GraphDep,
    published: PublishedDep,
    lang: LangDep,
    accept: Annotated[str | None, Header()] = None,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
) -> Response:
    """The dataset description, for harvesters and people: a DCAT-AP-VL catalog with the dataset, one
    distribution per dump and the SPARQL data service, plus VoID statistics (triples, entities per
    class, triples per property, linksets to other registers), all computed from the store.

    HTML, Turtle, JSON-LD, N-Triples, RDF/XML, N-Quads, Notation3 or N-Triples as text; 406 when none is
    acceptable. ETag and Last-Modified per build, format and language (304 to a conditional request).
    """
    media_type = negotiate(accept, format, PAGE)
    etag = published.etag(f"dataset/{media_type}/{lang}")
    headers = {**alternates(request.url.path), **cache_headers(published, etag)}
    if not_modified(request.headers, etag, published.build.built_at):
        return Response(status_code=304, headers=headers)
    description = published.description
    if media_type != HTML.media_type:
        return Response(serialize(description.triples, media_type), media_type=media_type, headers=headers)
    code = str(lang)
    own = {c.uri: c.label(code) for c in vocabulary().classes.values()}
    html = request.app.state.templates.get_template("dataset.html").render(
        publication=description.publication,
        stats=description.statistics,
        dumps=DUMPS.values(),
        classes=[(own.get(iri), iri, n) for iri, n in description.statistics["classes"].items()],
        csv_tables=[(c.path, c.label(code)) for c in tables.present(graph.records.values()).values()],
        texts=TEXTS,
        licence=LICENCE,
        lang=lang,
    )
    return HTMLResponse(html, headers=headers)


def _file(request: Request, published, name: str, media_type: str, make) -> Response:
    """A dump file with ETag and Last-Modified, or 304 when the client's copy is current."""
    etag = published.etag(name)
    headers = {
        "ETag": etag,
        "Last-Modified": published.last_modified,
        "Cache-Control": "public, no-cache",
        "Content-Disposition": f'attachment; filename="{name.rsplit("/", 1)[-1]}"',
    }
    if not_modified(request.headers, etag, published.build.built_at):
        return Response(status_code=304, headers=headers)
    return Response(make(), media_type=media_type, headers=headers)


@router.head("/dumps/{file}", include_in_schema=False)
@router.get(
    "/dumps/{file}",
    response_class=Response,
    operation_id="dump",
    responses={
        200: {"description": "The dump file", "content": {d.media_type: {} for d in DUMPS.values()}},
        304: {"description": "Not Modified (If-None-Match / If-Modified-Since)"},
    },
)
def dump(request: Request, published: PublishedDep, file: str) -> Response:
    """One dump of the whole graph: ``lires.ttl``, ``lires.nt``, ``lires.nt.gz``, ``lires.jsonld``, ``lires.rdf``
    (RDF/XML), ``lires.graphml``, ``lires.gexf``, ``lires.cyjs`` or ``lires.csv.zip``; see /dataset.

    RDF dumps hold every triple plus the dataset description. ETag (per build and file) and
    Last-Modified (build time) allow conditional requests (304). 404 for another name.
    """
    if file not in DUMPS:
        raise NotFound(f"no dump {file!r}; available: " + ", ".join(DUMPS))
    target = DUMPS[file]
    return _file(request, published, file, target.media_type, lambda: published.dump(target))


@router.head("/dumps/csv/{name}", include_in_schema=False)
@router.get(
    "/dumps/csv/{name}",
    response_class=Response,
    operation_id="csv_table",
    responses={
        200: {"description": "CSV of one entity type", "content": {CSV.media_type: {}}},
        304: {"description": "Not Modified"},
    },
)
def csv_table(request: Request, graph: GraphDep, published: PublishedDep, name: str) -> Response:
    """One entity type as CSV (UTF-8 with BOM), e.g. ``/dumps/csv/municipality.csv``; the same file as in
    ``lires.csv.zip``. 404 for an unknown type.
    """
    classes = tables.present(graph.records.values())
    if name not in classes:
        raise NotFound(f"no table {name!r}; available: " + ", ".join(classes))
    return _file(
        request,
        published,
        f"csv/{name}",
        f"{CSV.media_type}; charset=utf-8",
        lambda: tables.table(graph.base_iri, classes[name], graph.records.values()),
    )
