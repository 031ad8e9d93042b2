"""Content negotiation: a ``format`` parameter wins, else the Accept header (q-values, wildcards, lists).

An offer maps each media type the endpoint can produce, in order of preference, to the
names the ``format`` parameter may use for it (besides the media type itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import mimeparse

from api.errors import BadRequest, NotAcceptable
from ontology.formats import DOCUMENT_FORMATS, GRAPH_FORMATS, HTML, RESULT_FORMATS, Format

Offer = Mapping[str, Sequence[str]]


def offer(*formats: Format) -> dict[str, tuple[str, ...]]:
    """The offer of ``formats`` (ontology.formats), in the order given: preferred media type -> names."""
    return {f.media_type: f.names for f in formats}


RDF: Offer = offer(*GRAPH_FORMATS)
"""RDF graphs."""

RESULTS: Offer = offer(*RESULT_FORMATS)
"""SELECT and ASK results."""

PAGE: Offer = offer(HTML, *DOCUMENT_FORMATS)
"""A page about something: HTML for people, RDF for machines (also N-Quads, Notation3 and N-Triples as text)."""

KNOWN = {name for offered in (RDF, RESULTS, PAGE) for names in offered.values() for name in names}

ALIASES = {alias: f.media_type for f in (HTML, *GRAPH_FORMATS, *RESULT_FORMATS) for alias in f.media_types[1:]}
"""Media types a client may ask for that an offered type satisfies (ontology.formats: JSON-LD is JSON). An alias
counts only where its target is offered, after every offered type (a tie goes to the offered one)."""


def negotiate(accept: str | None, format_param: str | None, offered: Offer) -> str:
    """Choose the media type to answer in from ``offered``.

    ``format_param`` (case-insensitive) may be a name of the offer or, when it holds a ``/``,
    media types written as in Accept (SPARQLWrapper sends ``format=application/ld+json,
    application/x-json+ld``). An absent or empty Accept header means ``*/*``; q-values,
    ``type/*`` and ``*/*`` are honoured and ties go to the earlier offered type; a media type's alias (JSON
    for JSON-LD) gets it where it is offered (ALIASES). Raises
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
            raise BadRequest(f"unknown format {format_param!r}; one of: " + ", ".join(format_names(offered)))
        raise NotAcceptable(
            f"format {format_param!r} is not available here; one of: " + ", ".join(format_names(offered))
        )
    aliases = [alias for alias, target in ALIASES.items() if target in offered and alias not in offered]
    try:
        chosen = mimeparse.best_match([*reversed(aliases), *reversed(list(offered))], accept or "*/*")
    except (ValueError, mimeparse.MimeTypeParseException):
        raise BadRequest(f"malformed Accept header {accept!r}") from None
    if not chosen:
        raise NotAcceptable(f"cannot answer in any of {accept!r}; available: " + ", ".join(offered))
    return ALIASES.get(chosen, chosen) if chosen in aliases else chosen


def format_names(offered: Offer) -> list[str]:
    """The first name of each offered format (its media type where it has none), e.g. ``["json", "xml", ...]``."""
    return [aliases[0] if aliases else media_type for media_type, aliases in offered.items()]


FORMAT_HELP = f"{', '.join(format_names(PAGE)[:-1])} or {format_names(PAGE)[-1]} (or a media type); beats Accept"


def alternates(path: str) -> dict[str, str]:
    """``Vary`` and ``Link`` headers advertising the page's other formats."""
    links = ", ".join(
        f'<{path}?format={names[0]}>; rel="alternate"; type="{media_type}"' for media_type, names in PAGE.items()
    )
    return {"Vary": "Accept", "Link": links}
