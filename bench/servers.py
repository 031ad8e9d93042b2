"""The local SPARQL stores of ``scripts/fuseki-local.sh`` and ``scripts/virtuoso-local.sh``: where their endpoints
are below the URL each prints, and how they authenticate; the tests and the benchmarks reach them the same way."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class StoreServer:
    """One local store: its name and its endpoints' paths below ``LIRES_TEST_{NAME}_URL``."""

    name: str
    query: str
    data: str
    update: str
    auth: str

    @property
    def variable(self) -> str:
        """The environment variable with the server's URL (the one ``start`` prints; scripts/test.sh exports it)."""
        return f"LIRES_TEST_{self.name.upper()}_URL"

    def settings(self, url: str | None = None) -> dict | None:
        """The ``LIRES_RDF_STORE*`` settings that point LIRES at this server (at ``url``, else the variable's), with
        the user and password of ``LIRES_TEST_{NAME}_USER`` / ``_PASSWORD`` (the scripts' defaults); None when no
        URL is given or set."""
        url = (url or os.environ.get(self.variable, "")).rstrip("/")
        if not url:
            return None
        prefix = f"LIRES_TEST_{self.name.upper()}_"
        return {
            "rdf_store": "sparql",
            "rdf_store_query_url": url + self.query,
            "rdf_store_data_url": url + self.data,
            "rdf_store_update_url": url + self.update,
            "rdf_store_user": os.environ.get(prefix + "USER", "lires"),
            "rdf_store_password": os.environ.get(prefix + "PASSWORD", "lires-dev-password"),
            "rdf_store_auth": self.auth,
        }


STORE_SERVERS = {
    "fuseki": StoreServer("fuseki", "/sparql", "/data", "/update", "basic"),
    "virtuoso": StoreServer("virtuoso", "/sparql", "/sparql-graph-crud-auth", "/sparql-auth", "digest"),
}
"""Apache Jena Fuseki 5 (TDB2; basic authentication for writes) and OpenLink Virtuoso 7 (digest)."""
