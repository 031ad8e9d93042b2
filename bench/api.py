"""API benchmark: entity lookup and SPARQL latency at a fixed request rate, on loopback.

    python -m bench.api --projects 10000 --rate 200 --seconds 15

Starts ``lires serve`` on a free loopback port over a synthetic build, warms it up (the first
request loads the build; SPARQL requests two at a time, so that both query workers have made their
in-memory copy of the build, 6-16 s each at 10^4 projects), then sends requests open-loop: request i leaves at
start + i / rate whether or not earlier ones have answered, and its latency counts from that planned moment, so a
server that falls behind is charged for the queue (no coordinated omission). Entity lookups
(``GET /api/entities/{type}/{ref}``) and SPARQL queries (``GET /sparql``, one entity's labels)
run one after the other, each at ``--rate``, then SERIAL_REQUESTS of them one at a time (the
service time without a queue). Prints one JSON line with p50/p99 in milliseconds
(target: entity p99 < 20 ms at 200 req/s). Client and server share this machine's cores.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import time
from pathlib import Path

import httpx

from bench.common import BASE_IRI, REPO, built, emit, free_port, lires, parser, wait_until_up
from graph.iri import mint
from graph.store import open_current
from ontology.vocab import vocabulary
from records.model import Key

LOOKED_UP = ("Project", "Organisation", "Municipality", "Objective", "Structure")
"""Entity types the lookups draw from."""
ONE_ADDRESS_MANY_USERS = {"LIRES_RATE_LIMIT": "1000000/second", "LIRES_QUERIES_PER_CLIENT": "1000"}
"""The server's per-client budget and share of the query engines for the run: one client sends every request
here."""
SERIAL_REQUESTS = 300
"""Requests sent one at a time after each open-loop run, for the service time without a queue."""


def _targets(store: Path, count: int, seed: int) -> list[Key]:
    """``count`` keys drawn from the build's records of LOOKED_UP types."""
    keys = [r.key for r in open_current(store).records if r.key.type in LOOKED_UP]
    return random.Random(seed).choices(keys, k=count)


def _entity(key: Key) -> str:
    """The REST path of one entity."""
    return f"/api/entities/{vocabulary().classes[key.type].path}/{key.ref}"


def _sparql(key: Key) -> str:
    """The SPARQL path asking for one entity's labels."""
    query = f"SELECT ?label WHERE {{ <{mint(BASE_IRI, key)}> <{vocabulary().slots['label'].uri}> ?label }}"
    return str(httpx.URL("/sparql", params={"query": query}))


async def _open_loop(client: httpx.AsyncClient, urls: list[str], rate: float) -> dict:
    """Send GET ``urls`` at ``rate`` per second; latency in ms from each request's planned start."""
    latencies: list[float] = []
    errors = 0

    async def one(url: str, planned: float) -> None:
        nonlocal errors
        try:
            response = await client.get(url)
            if response.status_code != 200:
                errors += 1
        except httpx.HTTPError:
            errors += 1
        latencies.append((time.perf_counter() - planned) * 1000)

    start = time.perf_counter() + 0.05
    tasks = []
    for i, url in enumerate(urls):
        planned = start + i / rate
        await asyncio.sleep(max(0.0, planned - time.perf_counter()))
        tasks.append(asyncio.create_task(one(url, planned)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    return {
        "requests": len(urls),
        "errors": errors,
        "achieved_rps": round(len(urls) / elapsed, 1),
        **_quantiles(latencies),
    }


def _quantiles(latencies: list[float]) -> dict:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50_ms": round(cuts[49], 2), "p99_ms": round(cuts[98], 2), "max_ms": round(max(latencies), 2)}


async def _serial(client: httpx.AsyncClient, urls: list[str]) -> dict:
    """One request at a time: the service time without any queue."""
    latencies = []
    for url in urls:
        started = time.perf_counter()
        (await client.get(url)).raise_for_status()
        latencies.append((time.perf_counter() - started) * 1000)
    return _quantiles(latencies)


async def _measure(root: str, targets: list[Key], rate: float) -> dict:
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=root, limits=limits, timeout=30) as client:
        for key in targets[:50]:  # warm up: load the build, fill caches
            (await client.get(_entity(key))).raise_for_status()
        for pair in zip(
            targets[:50:2], targets[1:50:2], strict=False
        ):  # two at a time: every query worker copies the build
            for response in await asyncio.gather(*(client.get(_sparql(key)) for key in pair)):
                response.raise_for_status()
        figures = {}
        for kind, urls in (("entity", [_entity(k) for k in targets]), ("sparql", [_sparql(k) for k in targets])):
            figures[kind] = {
                **await _open_loop(client, urls, rate),
                "serial": await _serial(client, urls[:SERIAL_REQUESTS]),
            }
    return figures


def run(projects: int, seed: int, work: Path, rate: float, seconds: float) -> dict:
    """Serve a synthetic build and measure both request kinds; returns (and prints) the figures."""
    store = built(work, projects, seed)
    targets = _targets(store, int(rate * seconds), seed)
    port = free_port()
    root = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        lires("serve", "--store", str(store), "--port", str(port)),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LIRES_BASE_IRI": BASE_IRI, **ONE_ADDRESS_MANY_USERS},
    )
    try:
        wait_until_up(root, server)
        figures = asyncio.run(_measure(root, targets, rate))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return emit("api", projects=projects, rate_rps=rate, seconds=seconds, **figures, target_entity_p99_ms=20)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --rate R --seconds S``."""
    p = parser(__doc__.split("\n\n")[0], projects=10_000)
    p.add_argument("--rate", type=float, default=200, help="requests per second (default 200)")
    p.add_argument("--seconds", type=float, default=15, help="seconds per request kind (default 15)")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.rate, args.seconds)


if __name__ == "__main__":
    main()
