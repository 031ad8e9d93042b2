"""ASGI middleware and per-request guards: body size limit, HEAD as GET, per-client rate limit."""
