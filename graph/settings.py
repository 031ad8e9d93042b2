"""The graph's settings, read once from the environment (LIRES_*, NEO4J_*) and passed explicitly everywhere."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import (
    AliasChoices,
    Field,
    PositiveFloat,
    PositiveInt,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_IRI = "https://w3id.org/lires/"


def default_store() -> Path:
    """Where built graphs live by default: the user's data directory, never the working directory."""
    return Path(platformdirs.user_data_dir("lires")) / "store"


def default_data() -> Path:
    """The real data shipped with the project (``data/`` at the repository root)."""
    return Path(__file__).resolve().parent.parent / "data"


class Settings(BaseSettings):
    """The graph's configuration: ``LIRES_BASE_IRI``, ``LIRES_STORE``, ``LIRES_DATA``, ``LIRES_PUBLISHER``,
    ``LIRES_CONTACT_EMAIL``, ``NEO4J_*`` and the Cypher limits (the HTTP service adds its own: api.settings).

    The publisher and contact e-mail go into the dataset description (DCAT); without an e-mail the
    contact point is the site itself. ``LIRES_NEO4J_CONNECTION_TIMEOUT_S`` bounds how long a call waits for an
    unreachable Neo4j; a Cypher query has a timeout in seconds and a row limit (``LIRES_CYPHER_TIMEOUT_S``,
    ``LIRES_CYPHER_MAX_ROWS``), and ``LIRES_CYPHER_WORKERS`` queries run at once (a query past its timeout is
    abandoned by the app but holds its worker until Neo4j ends it; beyond them ``/cypher`` answers 503).

    Raises pydantic.ValidationError at start-up for a base IRI that does not end in ``/`` or
    a partial Neo4j configuration (set URI, user and password together, or none of them).
    """

    model_config = SettingsConfigDict(env_prefix="LIRES_", extra="ignore")

    base_iri: str = DEFAULT_BASE_IRI
    store: Path = default_store()
    data: Path = default_data()
    publisher: str = "LIRES Graph"
    contact_email: str | None = None
    neo4j_uri: str | None = Field(None, validation_alias=AliasChoices("neo4j_uri", "NEO4J_URI"))
    neo4j_user: str | None = Field(None, validation_alias=AliasChoices("neo4j_user", "NEO4J_USER"))
    neo4j_password: str | None = Field(None, validation_alias=AliasChoices("neo4j_password", "NEO4J_PASSWORD"))
    neo4j_connection_timeout_s: PositiveFloat = 5.0
    cypher_timeout_s: PositiveFloat = 10.0
    cypher_max_rows: PositiveInt = 10_000
    cypher_workers: PositiveInt = 8

    @field_validator("base_iri")
    @classmethod
    def _base_ends_in_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith("/"):
            raise ValueError("LIRES_BASE_IRI must be an http(s) IRI ending in '/', e.g. https://w3id.org/lires/")
        return value

    @model_validator(mode="after")
    def _neo4j_all_or_none(self) -> Settings:
        given = [self.neo4j_uri, self.neo4j_user, self.neo4j_password]
        if any(given) and not all(given):
            raise ValueError("set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD together, or none of them")
        return self
