"""API benchmark: entity lookup, search, list pages and SPARQL latency at a fixed request rate, on loopback.

    python -m bench.api --projects 10000 --rate 200 --seconds 15 [--kinds entity search page sparql]

Starts ``lires serve`` on a free loopback port over a synthetic build, warms it up (the first entity request
makes the build's entity index: ``first_entity_s``; SPARQL requests two at a time, so that both query workers
have made their in-memory copy of the build, 6-16 s each at 10^4 projects), then sends requests open-loop:
request i leaves at start + i / rate whether or not earlier ones have answered, and its latency counts from that
planned moment, so a server that falls behind is charged for the queue (no coordinated omission). The kinds run
one after the other, each at ``--rate``, then SERIAL_REQUESTS of them one at a time (the service time without a
queue): entity lookups (``GET /api/entities/{type}/{ref}``), searches (``GET /api/entities?q=`` one word of a
drawn entity's name: its number, or a word most names share), list pages (``GET /api/entities?type=&offset=``
anywhere in a type) and SPARQL queries (``GET /sparql``, one entity's labels). Prints one JSON line with p50/p99
in milliseconds (targets: entity p99 < 20 ms at 200 req/s at 10^4 projects; entity and search p99 < 50 ms at
10^6). Client and server share this machine's cores.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from pathlib import Path

import httpx
import orjson

from bench.common import BASE_IRI, built, emit, parser, served
from graph.iri import mint
from graph.store import open_current
from ontology.vocab import vocabulary
from records.model import Key

LOOKED_UP = ("Project", "Organisation", "Municipality", "Objective", "Structure")
"""Entity types the lookups draw from."""
SERIAL_REQUESTS = 300
"""Requests sent one at a time after each open-loop run, for the service time without a queue."""


def _targets(store: Path, count: int, seed: int) -> list[tuple[Key, str]]:
    """``count`` (key, name) drawn from the build's entities of LOOKED_UP types (read from records.jsonl a line at
    a time: at 10^6 projects the whole build does not fit beside the server)."""
    named: dict[Key, str] = {}
    with open(open_current(store).path / "records.jsonl", "rb") as lines:
        for line in lines:
            item = orjson.loads(line)
            if item["type"] in LOOKED_UP and item["values"].get("label"):
                named.setdefault(Key(item["type"], item["ref"]), item["values"]["label"][0]["text"])
    return random.Random(seed).choices(list(named.items()), k=count)


def _entity(key: Key) -> str:
    """The REST path of one entity."""
    return f"/api/entities/{vocabulary().classes[key.type].path}/{key.ref}"


def _search(name: str, draw: random.Random) -> str:
    """A search for one word of ``name``."""
    return str(httpx.URL("/api/entities", params={"q": draw.choice(name.split())}))


def _page(key: Key, counts: dict[str, int], draw: random.Random) -> str:
    """A list page of 50 somewhere in the type of ``key``."""
    offset = draw.randrange(max(1, counts[key.type] - 50))
    return str(httpx.URL("/api/entities", params={"type": vocabulary().classes[key.type].path, "offset": offset}))


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


async def _measure(root: str, urls: dict[str, list[str]], rate: float) -> dict:
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    figures: dict = {}
    async with httpx.AsyncClient(base_url=root, limits=limits, timeout=600) as client:
        started = time.perf_counter()
        (await client.get(urls["entity"][0])).raise_for_status()  # loads the build and makes its entity index
        figures["first_entity_s"] = round(time.perf_counter() - started, 2)
        for kind in ("entity", "search", "page"):
            for url in urls.get(kind, [])[:50]:  # warm up
                (await client.get(url)).raise_for_status()
        sparql = urls.get("sparql", [])[:50]
        for pair in zip(sparql[::2], sparql[1::2], strict=False):  # two at a time: every query worker copies the build
            for response in await asyncio.gather(*(client.get(url) for url in pair)):
                response.raise_for_status()
        for kind, chosen in urls.items():
            figures[kind] = {
                **await _open_loop(client, chosen, rate),
                "serial": await _serial(client, chosen[:SERIAL_REQUESTS]),
            }
    return figures


KINDS = ("entity", "search", "page", "sparql")


def run(projects: int, seed: int, work: Path, rate: float, seconds: float, kinds: list[str]) -> dict:
    """Serve a synthetic build and measure the request ``kinds``; returns (and prints) the figures."""
    store = built(work, projects, seed)
    targets = _targets(store, int(rate * seconds), seed)
    counts = open_current(store).manifest["entities"]
    draw = random.Random(seed)
    make = {
        "entity": lambda key, _: _entity(key),
        "search": lambda _, name: _search(name, draw),
        "page": lambda key, _: _page(key, counts, draw),
        "sparql": lambda key, _: _sparql(key),
    }
    urls = {kind: [make[kind](key, name) for key, name in targets] for kind in ("entity", *kinds) if kind in make}
    with served(store) as (root, _):
        figures = asyncio.run(_measure(root, {k: v for k, v in urls.items() if k in kinds or k == "entity"}, rate))
    return emit(
        "api",
        projects=projects,
        rate_rps=rate,
        seconds=seconds,
        **figures,
        target_entity_p99_ms=20 if projects <= 10_000 else 50,
        target_search_p99_ms=50,
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --rate R --seconds S``."""
    p = parser(__doc__.split("\n\n")[0], projects=10_000)
    p.add_argument("--rate", type=float, default=200, help="requests per second (default 200)")
    p.add_argument("--seconds", type=float, default=15, help="seconds per request kind (default 15)")
    p.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS, help="request kinds (default all)")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.rate, args.seconds, args.kinds)


if __name__ == "__main__":
    main()
