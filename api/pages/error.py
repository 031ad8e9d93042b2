"""Errors for people: a browser navigating to a URL that fails gets a small HTML page instead of the JSON body."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from http import HTTPStatus
from typing import TypeVar

import mimeparse
from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.language import language_of
from ontology.formats import HTML, JSON

E = TypeVar("E", bound=Exception)
"""The exception class a handler answers."""


def prefers_html(accept: str | None) -> bool:
    """True when the Accept header ranks ``text/html`` above ``application/json`` (ties and ``*/*`` go to JSON;
    so does a missing or malformed header)."""
    if not accept:
        return False
    try:
        return mimeparse.best_match([HTML.media_type, JSON.media_type], accept) == HTML.media_type
    except (ValueError, mimeparse.MimeTypeParseException):
        return False


def for_browsers(handler: Callable[[Request, E], Response]) -> Callable[[Request, E], Response]:
    """Wrap an exception handler that answers with the common JSON error body: when the request prefers HTML,
    answer with the same status, headers and message as an HTML page (``error.html``, text escaped)."""
    if inspect.iscoroutinefunction(handler):
        raise TypeError(f"{handler!r}: only plain (not async) error handlers can be wrapped")

    def answer(request: Request, exc: E) -> Response:
        response = handler(request, exc)
        if not prefers_html(request.headers.get("accept")):
            return response
        status = response.status_code
        html = request.app.state.templates.get_template("error.html").render(
            status=status,
            phrase=HTTPStatus(status).phrase,
            detail=json.loads(bytes(response.body))["detail"],
            lang=language_of(request),
        )
        headers = {k: v for k, v in response.headers.items() if k not in ("content-length", "content-type")}
        return HTMLResponse(html, status_code=status, headers=headers)

    return answer
