"""Refuse request bodies over ``LIRES_MAX_BODY_BYTES`` before they are read into memory."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PayloadTooLarge, error_response


class BodyLimit:
    """ASGI middleware: 413 when ``Content-Length`` is over ``max_bytes`` (or the path's own limit in ``paths``,
    e.g. a workbook upload); a body sent without a length (chunked) is counted as it arrives and cut off with
    PayloadTooLarge once it passes the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int, paths: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.paths = paths or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope["path"], self.max_bytes)
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            too_large = PayloadTooLarge(limit)
            await error_response(413, "payload_too_large", str(too_large), {"Connection": "close"})(
                scope, receive, send
            )
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise PayloadTooLarge(limit)
            return message

        await self.app(scope, counted, send)
