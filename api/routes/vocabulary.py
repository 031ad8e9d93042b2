"""``/ns``: the LIRES vocabulary (hash namespace ``{ns}#Term``), negotiated; ``/ns/context.jsonld``: its context."""

from __future__ import annotations

from functools import cache
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.conneg import FORMAT_HELP, PAGE, alternates, negotiate
from api.errors import RESPONSES
from api.language import LangDep
from graph.publish.serialize import jsonld_context, serialize
from graph.quads import DERIVED, DERIVED_CLASSES
from ontology.formats import HTML, JSON_LD
from ontology.vocab import GENERATED, vocabulary

router = APIRouter(tags=["vocabulary"], responses=RESPONSES)


@cache
def ontology() -> tuple[ox.Triple, ...]:
    """The OWL ontology generated from the schema (``ontology/generated/lires.owl.ttl``)."""
    return tuple(ox.parse(path=GENERATED / "lires.owl.ttl", format=ox.RdfFormat.TURTLE))


def _anchor(iri: str) -> str | None:
    """The HTML anchor of one of our own terms (``nisCode`` for ``{ns}#nisCode``), else None."""
    ns = vocabulary().ns
    return iri[len(ns) :] if iri.startswith(ns) else None


@router.head("/ns", include_in_schema=False)
@router.get(
    "/ns",
    response_class=Response,
    operation_id="vocabulary",
    responses={200: {"content": {m: {} for m in PAGE}, "description": "The vocabulary in the negotiated format"}},
)
def vocabulary_page(
    request: Request,
    lang: LangDep,
    accept: Annotated[str | None, Header()] = None,
    format: Annotated[str | None, Query(description=FORMAT_HELP)] = None,
) -> Response:
    """The LIRES vocabulary: HTML documentation of every class and property the data uses (generated
    from the schema, with an anchor per own term, so ``/ns#nisCode`` lands on it), or the OWL
    ontology of LIRES's own terms in Turtle, JSON-LD, N-Triples or RDF/XML. 406 when none is acceptable.
    """
    media_type = negotiate(accept, format, PAGE)
    headers = alternates(request.url.path)
    if media_type != HTML.media_type:
        return Response(serialize(ontology(), media_type), media_type=media_type, headers=headers)
    vocab = vocabulary()
    html = request.app.state.templates.get_template("vocabulary.html").render(
        vocab=vocab,
        anchor=_anchor,
        classes=sorted(vocab.classes.values(), key=lambda c: (c.abstract, c.name)),
        slots=sorted(vocab.slots.values(), key=lambda s: s.name),
        derived=[(vocab.expand(curie), what) for curie, what in {**DERIVED_CLASSES, **DERIVED}.items()],
        lang=lang,
    )
    return HTMLResponse(html, headers=headers)


@router.get(
    "/ns/context.jsonld",
    operation_id="jsonld_context",
    responses={200: {"content": {JSON_LD.media_type: {}}, "description": "The JSON-LD context"}},
)
def context() -> JSONResponse:
    """The JSON-LD context generated from the schema (the one every JSON-LD document here embeds)."""
    return JSONResponse({"@context": jsonld_context()}, media_type=JSON_LD.media_type)
