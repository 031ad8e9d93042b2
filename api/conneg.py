"""Content negotiation: a ``format`` parameter wins, else the Accept header (q-values, wildcards, lists).

An offer maps each media type the endpoint can produce, in order of preference, to the
names the ``format`` parameter may use for it (besides the media type itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import mimeparse

from api.errors import BadRequest, NotAcceptable

Offer = Mapping[str, Sequence[str]]

RDF: Offer = {
    "text/turtle": ("ttl", "turtle", "n3"),
    "application/ld+json": ("jsonld", "json-ld", "json"),
    "application/n-triples": ("nt", "ntriples", "n-triples"),
    "application/rdf+xml": ("rdfxml", "rdf+xml", "rdf", "xml"),
}
"""RDF graphs. ``n3`` gets Turtle (every Turtle document is N3); ``json``/``xml`` are the names
SPARQLWrapper sends for CONSTRUCT results."""

RESULTS: Offer = {
    "application/sparql-results+json": ("json",),
    "application/sparql-results+xml": ("xml",),
    "text/csv": ("csv",),
    "text/tab-separated-values": ("tsv",),
}
"""SELECT and ASK results."""

PAGE: Offer = {"text/html": ("html",), **RDF}
"""A page about something: HTML for people, RDF for machines."""

KNOWN = {name for offer in (RDF, RESULTS, PAGE) for names in offer.values() for name in names}

ALIASES = {"application/json": "application/ld+json"}
"""Media types a client may ask for that an offered type satisfies: JSON-LD is JSON. An alias counts only
where its target is offered, after every offered type (a tie goes to the offered one)."""


def negotiate(accept: str | None, format_param: str | None, offered: Offer) -> str:
    """Choose the media type to answer in from ``offered``.

    ``format_param`` (case-insensitive) may be a name of the offer or, when it holds a ``/``,
    media types written as in Accept (SPARQLWrapper sends ``format=application/ld+json,
    application/x-json+ld``). An absent or empty Accept header means ``*/*``; q-values,
    ``type/*`` and ``*/*`` are honoured and ties go to the earlier offered type; ``application/json`` gets
    JSON-LD where that is offered (ALIASES). Raises
    BadRequest for a format name nobody knows or a malformed header, NotAcceptable when
    nothing offered is acceptable.
    """
    if format_param and "/" in format_param:
        accept, format_param = format_param, None
    if format_param:
        wanted = format_param.strip().lower()
        for media_type, names in offered.items():
            if wanted in names:
                return media_type
        if wanted not in KNOWN:
            raise BadRequest(f"unknown format {format_param!r}; one of: " + ", ".join(_names(offered)))
        raise NotAcceptable(f"format {format_param!r} is not available here; one of: " + ", ".join(_names(offered)))
    aliases = [alias for alias, target in ALIASES.items() if target in offered and alias not in offered]
    try:
        chosen = mimeparse.best_match([*reversed(aliases), *reversed(list(offered))], accept or "*/*")
    except (ValueError, mimeparse.MimeTypeParseException):
        raise BadRequest(f"malformed Accept header {accept!r}") from None
    if not chosen:
        raise NotAcceptable(f"cannot answer in any of {accept!r}; available: " + ", ".join(offered))
    return ALIASES.get(chosen, chosen) if chosen in aliases else chosen


def _names(offered: Offer) -> list[str]:
    return [names[0] if names else media_type for media_type, names in offered.items()]


FORMAT_HELP = "html, ttl, jsonld, nt or rdfxml (or a media type); beats Accept"


def alternates(path: str) -> dict[str, str]:
    """``Vary`` and ``Link`` headers advertising the page's other formats."""
    links = ", ".join(
        f'<{path}?format={names[0]}>; rel="alternate"; type="{media_type}"' for media_type, names in PAGE.items()
    )
    return {"Vary": "Accept", "Link": links}
