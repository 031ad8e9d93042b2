"""Conditional GET (RFC 9110 section 13): answer 304 when the client's copy is current."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from typing import Protocol

from starlette.datastructures import Headers


class Versioned(Protocol):
    """What a cached answer is made from: a build with its time (graph.publish.published.Published)."""

    @property
    def last_modified(self) -> str: ...


def not_modified(request: Headers, etag: str, modified: dt.datetime) -> bool:
    """True when ``If-None-Match`` matches ``etag`` (weak comparison, ``*`` matches anything) or, without
    ``If-None-Match``, when ``If-Modified-Since`` is at or after ``modified`` (compared to the second).
    A malformed date is ignored, as the RFC says.
    """
    if_none_match = request.get("if-none-match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag.removeprefix("W/") in tags
    since = request.get("if-modified-since")
    if since is None:
        return False
    try:
        since_dt = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if since_dt.tzinfo is None:
        since_dt = since_dt.replace(tzinfo=dt.UTC)
    return modified.replace(microsecond=0) <= since_dt


def cache_headers(published: Versioned, etag: str) -> dict[str, str]:
    """``ETag``, ``Last-Modified`` (the build time) and ``Cache-Control`` for an answer that changes only with the
    build: caches may keep it but revalidate (a conditional request is answered 304 at almost no cost)."""
    return {"ETag": etag, "Last-Modified": published.last_modified, "Cache-Control": "public, no-cache"}
