"""Proxies by configuration: forwarded headers name the client only when the connection comes from a proxy in
LIRES_FORWARDED_ALLOW_IPS (none by default), so one client cannot escape the rate limit by inventing an
``X-Forwarded-For`` or ``Forwarded`` header on each request. Runs the real ``lires serve``."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support import lires_serve

ASK = {"query": "ASK {}"}
LIMIT = 5


def _statuses(url: str, headers: list[dict[str, str]]) -> list[int]:
    return [httpx.get(f"{url}/sparql", params=ASK, headers=h, timeout=30).status_code for h in headers]


def test_forwarded_headers_from_an_unlisted_client_do_not_change_who_is_limited(store: Path):
    with lires_serve(store, LIRES_RATE_LIMIT=f"{LIMIT}/minute") as url:
        spoofed = [{"X-Forwarded-For": f"198.51.100.{n}"} for n in range(LIMIT)]
        spoofed += [{"Forwarded": "for=203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8, 127.0.0.2"}]
        statuses = _statuses(url, spoofed)
        assert statuses == [200] * LIMIT + [429, 429]
        refused = httpx.get(f"{url}/sparql", params=ASK, headers={"X-Forwarded-For": "192.0.2.1"}, timeout=30)
        assert refused.status_code == 429 and "from 127.0.0.1" in refused.json()["detail"]
        assert int(refused.headers["Retry-After"]) >= 1


def test_a_configured_proxy_is_believed_and_the_limit_keys_on_the_real_client(store: Path):
    with lires_serve(store, LIRES_RATE_LIMIT=f"{LIMIT}/minute", LIRES_FORWARDED_ALLOW_IPS="127.0.0.1") as url:
        alice = {"X-Forwarded-For": "198.51.100.1"}
        bob = {"X-Forwarded-For": "198.51.100.2"}
        assert _statuses(url, [alice] * LIMIT) == [200] * LIMIT
        refused = httpx.get(f"{url}/sparql", params=ASK, headers=alice, timeout=30)
        assert refused.status_code == 429 and "from 198.51.100.1" in refused.json()["detail"]
        assert _statuses(url, [bob] * LIMIT) == [200] * LIMIT
        # the proxy appends the address it saw: the client's claim before it is not believed
        assert _statuses(url, [{"X-Forwarded-For": "203.0.113.9, 198.51.100.1"}]) == [429]
