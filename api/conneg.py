"""Content negotiation: a ``format`` parameter wins, else the Accept header (q-values, wildcards)."""

from __future__ import annotations

import mimeparse

from api.errors import BadRequest, NotAcceptable


def negotiate(accept: str | None, format_param: str | None, offered: dict[str, str]) -> str:
    """Choose one media type from ``offered`` (media type -> short name, in order of preference).

    ``format_param`` may be a short name (``ttl``) or a media type. An absent or empty
    Accept header means ``*/*``. Raises BadRequest for an unknown format parameter and
    NotAcceptable when no offered type satisfies the Accept header.
    """
    if format_param:
        for media_type, short in offered.items():
            if format_param in (short, media_type):
                return media_type
        raise BadRequest(f"unknown format {format_param!r}; one of: " + ", ".join(offered.values()))
    try:
        chosen = mimeparse.best_match(list(reversed(offered)), accept or "*/*")
    except (ValueError, mimeparse.MimeTypeParseException):
        raise BadRequest(f"malformed Accept header {accept!r}") from None
    if not chosen:
        raise NotAcceptable(f"cannot produce any of {accept!r}; available: " + ", ".join(offered))
    return chosen
