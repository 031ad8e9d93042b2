"""The language of a request, decided once for every route and page (docs/decisions/0007-language.md).

In order: the ``lang`` query parameter (``nl`` or ``en``; the choice is then remembered in the ``lang`` cookie),
the ``lang`` cookie, the best of ``Accept-Language``, Dutch. ``LanguageMiddleware`` decides it before any route
runs and keeps it on ``request.state.language``; routes take it as ``LangDep`` and hand it to templates as
``lang``. Responses say they vary with ``Accept-Language`` and ``Cookie``.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import Depends, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from viz.i18n import DEFAULT, LANGUAGES, Language

COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
"""A year, in seconds."""


def accepted(header: str | None) -> str | None:
    """The site language ``Accept-Language`` ranks highest (``nl-BE,nl;q=0.9,en;q=0.8`` -> ``nl``), None when it
    names none of them. Ranges match on their primary tag; ``*`` and q=0 never choose; a malformed q counts as 0."""
    best, best_q = None, 0.0
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best


def resolve(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The language code for a request's ``lang`` parameter, ``lang`` cookie and Accept-Language, in that order;
    values that are no site language are ignored; Dutch when nothing says otherwise."""
    for given in (query, cookie):
        if given and given.lower() in LANGUAGES:
            return given.lower()
    return accepted(accept_language) or DEFAULT


class LanguageMiddleware:
    """Decides each HTTP request's language (``resolve``) into ``scope["state"]["language"]`` (a
    viz.i18n.Language with the request's path and query), sets the cookie when the ``lang`` parameter chose
    it, and adds ``Vary: Accept-Language, Cookie`` to the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        asked = parse_qs(query).get("lang", [None])[-1]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        cookie = _cookie(headers.get("cookie", ""))
        code = resolve(asked, cookie, headers.get("accept-language"))
        scope.setdefault("state", {})["language"] = Language(code, scope["path"], query)
        remember = asked is not None and asked.lower() in LANGUAGES and cookie != code

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                response = MutableHeaders(scope=message)
                response.add_vary_header("Accept-Language")
                response.add_vary_header("Cookie")
                if remember:
                    response.append("set-cookie", f"{COOKIE}={code}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax")
            await send(message)

        await self.app(scope, receive, send_with_language)


def _cookie(header: str) -> str | None:
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


def language_of(request: Request) -> Language:
    """The language LanguageMiddleware chose for ``request`` (Dutch when it did not run, e.g. in a bare test app)."""
    return getattr(request.state, "language", None) or Language()


LangDep = Annotated[Language, Depends(language_of)]
"""The request's language (viz.i18n.Language): ``str(lang)`` is ``nl`` or ``en``; pass it to templates as
``lang``."""
