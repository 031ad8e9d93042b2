"""The graph's settings, read once from the environment (LIRES_*, NEO4J_*) and passed explicitly everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import (
    AliasChoices,
    AnyHttpUrl,
    Field,
    PositiveFloat,
    PositiveInt,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_IRI = "https://w3id.org/lires/"
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""The URI schemes of the Neo4j driver: direct (bolt) or routing (neo4j), plain, TLS (+s) or TLS with a
self-signed certificate (+ssc)."""


def default_store() -> Path:
    """Where built graphs live by default: the user's data directory, never the working directory."""
    return Path(platformdirs.user_data_dir("lires")) / "store"


def default_data() -> Path:
    """The real data shipped with the project (``data/`` at the repository root)."""
    return Path(__file__).resolve().parent.parent / "data"


class Settings(BaseSettings):
    """The graph's configuration: ``LIRES_BASE_IRI``, ``LIRES_STORE``, ``LIRES_DATA``, ``LIRES_PUBLISHER``,
    ``LIRES_CONTACT_EMAIL``, ``LIRES_RDF_STORE*``, ``NEO4J_*`` and the Cypher limits (the HTTP service adds its
    own: api.settings).

    ``LIRES_STORE`` holds the builds (records, manifest). Their RDF goes where ``LIRES_RDF_STORE`` says
    (graph.stores.choose): ``oxigraph`` (default) into each build directory, ``sparql`` into a remote SPARQL 1.1
    store: ``LIRES_RDF_STORE_QUERY_URL`` (the SPARQL Protocol endpoint), ``LIRES_RDF_STORE_DATA_URL`` (its Graph
    Store Protocol endpoint) or else ``LIRES_RDF_STORE_UPDATE_URL`` (SPARQL Update) for loading, with
    ``LIRES_RDF_STORE_USER`` / ``LIRES_RDF_STORE_PASSWORD`` (``LIRES_RDF_STORE_AUTH``: basic or digest) and
    ``LIRES_RDF_STORE_TIMEOUT_S`` for loading and the app's own queries (docs/stores.md).

    The publisher and contact e-mail go into the dataset description (DCAT); without an e-mail the
    contact point is the site itself. ``LIRES_NEO4J_CONNECTION_TIMEOUT_S`` bounds how long a call waits for an
    unreachable Neo4j; a Cypher query has a timeout in seconds and a row limit (``LIRES_CYPHER_TIMEOUT_S``,
    ``LIRES_CYPHER_MAX_ROWS``), and ``LIRES_CYPHER_WORKERS`` queries run at once (a query past its timeout is
    abandoned by the app but holds its worker until Neo4j ends it; beyond them ``/cypher`` answers 503).

    ``NEO4J_URI`` may be a direct (``bolt://``, ``bolt+s://``) or a routing URI (``neo4j://``, ``neo4j+s://``: a
    cluster or Aura); ``NEO4J_DATABASE`` names the database (default: the server's home database).

    Raises pydantic.ValidationError at start-up for a base IRI that does not end in ``/``, a partial Neo4j
    configuration (set URI, user and password together, or none of them), or a remote RDF store without its
    query URL, without a way to load it, or with a user but no password.
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
    neo4j_database: str | None = Field(None, validation_alias=AliasChoices("neo4j_database", "NEO4J_DATABASE"))
    neo4j_connection_timeout_s: PositiveFloat = 5.0
    cypher_timeout_s: PositiveFloat = 10.0
    cypher_max_rows: PositiveInt = 10_000
    cypher_workers: PositiveInt = 8
    rdf_store: Literal["oxigraph", "sparql"] = "oxigraph"
    rdf_store_query_url: AnyHttpUrl | None = None
    rdf_store_data_url: AnyHttpUrl | None = None
    rdf_store_update_url: AnyHttpUrl | None = None
    rdf_store_user: str | None = None
    rdf_store_password: SecretStr | None = None
    rdf_store_auth: Literal["basic", "digest"] = "basic"
    rdf_store_timeout_s: PositiveFloat = 300.0

    @field_validator("base_iri")
    @classmethod
    def _base_ends_in_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith("/"):
            raise ValueError("LIRES_BASE_IRI must be an http(s) IRI ending in '/', e.g. https://w3id.org/lires/")
        return value

    @field_validator("neo4j_uri")
    @classmethod
    def _neo4j_scheme(cls, value: str | None) -> str | None:
        if value and value.split("://", 1)[0] not in NEO4J_SCHEMES:
            raise ValueError(
                f"NEO4J_URI must start with one of {', '.join(s + '://' for s in NEO4J_SCHEMES)} "
                "(neo4j:// routes over a cluster or Aura; bolt:// talks to one server)"
            )
        return value

    @model_validator(mode="after")
    def _neo4j_all_or_none(self) -> Settings:
        given = [self.neo4j_uri, self.neo4j_user, self.neo4j_password]
        if any(given) and not all(given):
            raise ValueError("set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD together, or none of them")
        return self

    @model_validator(mode="after")
    def _remote_store_complete(self) -> Settings:
        if self.rdf_store == "sparql":
            if self.rdf_store_query_url is None:
                raise ValueError("LIRES_RDF_STORE=sparql needs LIRES_RDF_STORE_QUERY_URL (the SPARQL endpoint)")
            if self.rdf_store_data_url is None and self.rdf_store_update_url is None:
                raise ValueError(
                    "LIRES_RDF_STORE=sparql needs LIRES_RDF_STORE_DATA_URL (Graph Store Protocol) or "
                    "LIRES_RDF_STORE_UPDATE_URL (SPARQL Update) to load the store"
                )
        if bool(self.rdf_store_user) != bool(self.rdf_store_password):
            raise ValueError("set LIRES_RDF_STORE_USER and LIRES_RDF_STORE_PASSWORD together, or none of them")
        return self
