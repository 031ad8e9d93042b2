"""Who may run the admin actions and how many at once: the bearer token (LIRES_ADMIN_TOKEN; without it the
actions are disabled, never open) and the one lock they share (a second action while one runs gets 409)."""

from __future__ import annotations

import secrets
import threading

from fastapi import Request
from fastapi.security import HTTPBearer

from api.errors import Conflict, Forbidden, Unauthorized
from api.settings import ApiSettings

bearer = HTTPBearer(auto_error=False, description="The server's LIRES_ADMIN_TOKEN")


def token_problem(settings: ApiSettings, given: str) -> Forbidden | Unauthorized | None:
    """Why ``given`` does not open the admin actions (they are disabled, or it is not the token), or None."""
    token = settings.admin_token
    if token is None:
        return Forbidden("admin actions are disabled: the server was started without LIRES_ADMIN_TOKEN")
    if not secrets.compare_digest(given.encode(), token.get_secret_value().encode()):
        return Unauthorized("send the server's admin token as 'Authorization: Bearer <LIRES_ADMIN_TOKEN>'")
    return None


def one_at_a_time(request: Request) -> threading.Lock:
    """The admin lock, held; raises Conflict while another admin action (rebuild, upload, Neo4j reload) runs."""
    lock: threading.Lock = request.app.state.admin_lock
    if not lock.acquire(blocking=False):
        raise Conflict(
            "another admin action (rebuild, upload or Neo4j reload) is running; try again when it has finished"
        )
    return lock
