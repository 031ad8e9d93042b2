"""Locust scenario for a running LIRES Graph on loopback: entity lookups, searches, SPARQL and gap queries.

    locust -f bench/locustfile.py --headless --host http://127.0.0.1:8000 -u 10 -r 10 -t 60s

Every response must be a 2xx with the body the task expects; anything else counts as a failure. The
entities looked up are read from the server at start (so the scenario runs on the real data and on the
synthetic scale data of bench/generate.py alike). Used by tests/e2e/test_load.py (a short CI run) and
bench/soak.py (10 minutes). The server's rate limit and per-client share of the query engines must allow the load
(LIRES_RATE_LIMIT, LIRES_QUERIES_PER_CLIENT): every simulated user comes from one address.
"""

from __future__ import annotations

import random
from functools import cache

from locust import HttpUser, between, task

from ontology.formats import HTML, JSON, SPARQL_JSON
from ontology.vocab import vocabulary


@cache
def queries() -> list[str]:
    """Queries people run: counts per type, a sorted list of names, partners per project, a liveness check."""

    def prefix(*names: str) -> str:
        return " ".join(f"PREFIX {name}: <{vocabulary().prefixes[name]}>" for name in names) + " "

    return [
        "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)",
        prefix("skos", "lires")
        + "SELECT ?m ?name WHERE { ?m a lires:Municipality ; skos:prefLabel ?name } ORDER BY ?name LIMIT 100",
        prefix("prov") + "SELECT ?project (COUNT(?agent) AS ?partners) "
        "WHERE { ?project prov:wasAssociatedWith ?agent } GROUP BY ?project ORDER BY DESC(?partners) LIMIT 20",
        "ASK { ?s ?p ?o }",
    ]


SEARCHES = ["genk", "limburg", "hasselt", "campus", "salk", "pom", "noord", "thor", "zzz-nothing"]


class Visitor(HttpUser):
    """A strategist or analyst: mostly entity pages and searches, some SPARQL, now and then the gap report."""

    wait_time = between(0.05, 0.3)

    def on_start(self) -> None:
        listing = self.client.get("/api/entities", params={"limit": 1000}, name="/api/entities?limit").json()
        self.entities = [(e["iri"].split("/id/", 1)[1]) for e in listing["data"] if e["type"] != "Source"]

    @task(5)
    def entity(self) -> None:
        path = random.choice(self.entities)
        with self.client.get(
            f"/api/entities/{path}", name="/api/entities/{type}/{ref}", catch_response=True
        ) as response:
            if response.status_code == 200 and response.json()["iri"].endswith(path):
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(2)
    def page(self) -> None:
        self.client.get(
            f"/doc/{random.choice(self.entities)}", name="/doc/{type}/{ref}", headers={"Accept": HTML.media_type}
        )

    @task(3)
    def search(self) -> None:
        with self.client.get(
            "/api/entities", params={"q": random.choice(SEARCHES)}, name="/api/entities?q", catch_response=True
        ) as response:
            if response.status_code == 200 and "count" in response.json():
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(3)
    def sparql(self) -> None:
        with self.client.get(
            "/sparql",
            params={"query": random.choice(queries())},
            name="/sparql",
            headers={"Accept": SPARQL_JSON.media_type},
            catch_response=True,
        ) as response:
            body = response.json() if response.status_code == 200 else {}
            if "results" in body or "boolean" in body:
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(1)
    def gaps(self) -> None:
        with self.client.get("/api/gaps", name="/api/gaps", catch_response=True) as response:
            if response.status_code == 200 and response.headers["content-type"].startswith(JSON.media_type):
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")
