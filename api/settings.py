"""The HTTP service's settings: the graph's (graph.settings) plus query limits, rate, body limit, admin token."""

from __future__ import annotations

from pydantic import NonNegativeInt, PositiveFloat, PositiveInt, SecretStr, field_validator

from graph.settings import Settings


class ApiSettings(Settings):
    """Everything ``lires serve`` needs: the graph's settings and ``LIRES_SPARQL_*``, ``LIRES_RATE_LIMIT``,
    ``LIRES_MAX_BODY_BYTES``, ``LIRES_ADMIN_TOKEN``.

    ``/sparql`` has a timeout in seconds and a row limit (``LIRES_SPARQL_TIMEOUT_S``, ``LIRES_SPARQL_MAX_ROWS``);
    a SPARQL query past its timeout has its worker process killed, and ``LIRES_SPARQL_WORKERS`` queries run at
    once. Each worker queries an in-memory copy of a build of at most ``LIRES_SPARQL_IN_MEMORY_TRIPLES`` triples
    (1,000,000; 0 queries the store on disk); a larger build is queried on disk.
    ``LIRES_RATE_LIMIT`` is each client's budget on the query endpoints (``60/minute``; ``limits`` notation),
    ``LIRES_MAX_BODY_BYTES`` the largest request body (1 MB), ``LIRES_MAX_UPLOAD_BYTES`` that of a workbook
    uploaded to ``/admin/upload`` (20 MB). ``LIRES_ADMIN_TOKEN`` (16+ characters) enables
    the ``/admin`` actions for requests bearing it; without it they are disabled.

    Raises pydantic.ValidationError at start-up for a malformed rate limit or a short admin token (and what
    graph.settings.Settings refuses).
    """

    sparql_timeout_s: PositiveFloat = 10.0
    sparql_max_rows: PositiveInt = 10_000
    sparql_workers: PositiveInt = 2
    sparql_in_memory_triples: NonNegativeInt = 1_000_000
    rate_limit: str = "60/minute"
    max_body_bytes: PositiveInt = 1_000_000
    max_upload_bytes: PositiveInt = 20_000_000
    admin_token: SecretStr | None = None

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
