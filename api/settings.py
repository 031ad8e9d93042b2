"""The HTTP service's settings: the graph's (graph.settings) plus query limits, rate, body limit, admin token."""

from __future__ import annotations

import ipaddress
from typing import Annotated

from pydantic import NonNegativeInt, PositiveFloat, PositiveInt, SecretStr, field_validator
from pydantic_settings import NoDecode

from graph.settings import Settings


class ApiSettings(Settings):
    """Everything ``lires serve`` needs: the graph's settings and ``LIRES_SPARQL_*``, ``LIRES_RATE_LIMIT``,
    ``LIRES_MAX_BODY_BYTES``, ``LIRES_ADMIN_TOKEN``.

    ``/sparql`` has a timeout in seconds and a row limit (``LIRES_SPARQL_TIMEOUT_S``, ``LIRES_SPARQL_MAX_ROWS``);
    a SPARQL query past its timeout has its worker process killed, and ``LIRES_SPARQL_WORKERS`` queries run at
    once. Each worker queries an in-memory copy of a build of at most ``LIRES_SPARQL_IN_MEMORY_TRIPLES`` triples
    (1,000,000; 0 queries the store on disk); a larger build is queried on disk.
    Query engines are shared fairly (api.query_gate): ``LIRES_QUERIES_PER_CLIENT`` queries of one client run at
    once on each engine (1; one more may wait; the engine's slots are the SPARQL workers and the Cypher workers,
    ``LIRES_CYPHER_WORKERS``), and ``LIRES_QUERY_QUEUE`` requests per engine may wait for a slot (8), each at most
    1.5 times its engine's timeout; past that, 503 with ``Retry-After``.
    ``LIRES_RATE_LIMIT`` is each client's budget on the query endpoints (``60/minute``; ``limits`` notation),
    ``LIRES_MAX_BODY_BYTES`` the largest request body (1 MB), ``LIRES_MAX_UPLOAD_BYTES`` that of a workbook
    uploaded to ``/admin/upload`` (20 MB). ``LIRES_ADMIN_TOKEN`` (16+ characters) enables
    the ``/admin`` actions for requests bearing it; without it they are disabled.
    ``LIRES_FORWARDED_ALLOW_IPS`` lists the reverse proxies (addresses or networks, comma-separated, e.g.
    ``10.0.0.2,172.18.0.0/16``) whose ``X-Forwarded-For`` names the real client; none by default, so the
    client is the connecting address and a forwarded header from anyone else changes nothing.

    Raises pydantic.ValidationError at start-up for a malformed rate limit, a short admin token or a proxy that is
    not an IP address or network (and what graph.settings.Settings refuses).
    """

    sparql_timeout_s: PositiveFloat = 10.0
    sparql_max_rows: PositiveInt = 10_000
    sparql_workers: PositiveInt = 2
    sparql_in_memory_triples: NonNegativeInt = 1_000_000
    queries_per_client: PositiveInt = 1
    query_queue: NonNegativeInt = 8
    rate_limit: str = "60/minute"
    max_body_bytes: PositiveInt = 1_000_000
    max_upload_bytes: PositiveInt = 20_000_000
    admin_token: SecretStr | None = None
    forwarded_allow_ips: Annotated[tuple[str, ...], NoDecode] = ()

    @field_validator("rate_limit")
    @classmethod
    def _rate_limit_parses(cls, value: str) -> str:
        import limits

        try:
            limits.parse(value)
        except ValueError:
            raise ValueError("LIRES_RATE_LIMIT must look like 60/minute, 10/second or 1000/hour") from None
        return value

    @field_validator("admin_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("admin_token")
    @classmethod
    def _admin_token_is_strong(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("LIRES_ADMIN_TOKEN must have at least 16 characters (e.g. `openssl rand -hex 32`)")
        return value

    @field_validator("forwarded_allow_ips", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _proxies_are_addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for proxy in value:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"LIRES_FORWARDED_ALLOW_IPS: {proxy!r} is not an IP address or network (e.g. 10.0.0.2, 10.0.0.0/8)"
                ) from None
        return value
