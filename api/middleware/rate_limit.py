"""A per-client request budget on the query endpoints (``LIRES_RATE_LIMIT``), kept by the ``limits`` library."""

from __future__ import annotations

import math
import time

import limits
from fastapi import Request
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from api.deps import client_address
from api.errors import TooManyRequests


class RateLimit:
    """A FastAPI dependency: each client address may make ``limit`` requests (e.g. ``60/minute``) in any
    moving window; past that, TooManyRequests (429 with ``Retry-After``). Counts live in this process.

    The client is the connecting address, or the one a proxy of LIRES_FORWARDED_ALLOW_IPS names (api.app)."""

    def __init__(self, limit: str) -> None:
        self.item = limits.parse(limit)
        self.window = MovingWindowRateLimiter(MemoryStorage())

    def __call__(self, request: Request) -> None:
        client = client_address(request)
        if not self.window.hit(self.item, client):
            reset, _ = self.window.get_window_stats(self.item, client)
            retry = max(1, math.ceil(reset - time.time()))
            raise TooManyRequests(
                f"more than {self.item} on the query endpoints from {client}; "
                f"retry in {retry} s (limit set by LIRES_RATE_LIMIT)",
                retry,
            )
