"""Fair sharing: a light client's query latency while one greedy client keeps heavy queries running.

``lires serve`` on the real data (data/, built once into --work) with its default limits, or any server given
with ``--url``. For each count H of ``--heavy`` (default 0 2 10): a greedy client, connecting from 127.0.0.2,
keeps H heavy requests in flight (each sent again as soon as it is answered, refused or not) while a light
client, from 127.0.0.1, sends light requests one after another for ``--seconds``. SPARQL: the heavy query is
a cross product of three triple patterns (about 7*10^10 solutions, stopped at the timeout), the light one
``ASK {}``. Cypher, when ``NEO4J_URI`` is set and the graph is loaded: an endless ``UNWIND`` against a count of
municipalities. Prints the light requests' p50/p99 (ms) and their errors, and how the greedy client's requests
ended (status -> count), per engine and H. Target: light p50 under 50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from bench.common import BASE_IRI, REPO, emit, free_port, lires, parser, wait_until_up
from ontology.formats import SPARQL_JSON

HEAVY = {
    "sparql": (
        "GET",
        "/sparql",
        {"params": {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}},
    ),
    "cypher": ("POST", "/cypher", {"json": {"query": "UNWIND range(1, 3000000000) AS x RETURN count(x)"}}),
}
LIGHT = {
    "sparql": (
        "GET",
        "/sparql",
        {"params": {"query": "ASK {}"}, "headers": {"Accept": SPARQL_JSON.media_type}},
    ),
    "cypher": ("POST", "/cypher", {"json": {"query": "MATCH (m:Municipality) RETURN count(m)"}}),
}


def _client(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=120)


def _greedy(root: str, request: tuple, stop: threading.Event, ended: Counter[int | str]) -> None:
    method, path, options = request
    with _client("127.0.0.2") as client:
        while not stop.is_set():
            try:
                ended[client.request(method, root + path, **options).status_code] += 1
            except httpx.HTTPError as exc:
                ended[type(exc).__name__] += 1


def _light(root: str, request: tuple, seconds: float) -> dict:
    method, path, options = request
    latencies: list[float] = []
    errors: Counter[int] = Counter()
    with _client("127.0.0.1") as client:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline or len(latencies) < 2:
            started = time.perf_counter()
            response = client.request(method, root + path, **options)
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                errors[response.status_code] += 1
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "p50_ms": round(cuts[49], 1),
        "p99_ms": round(cuts[98], 1),
        "errors": {str(status): count for status, count in errors.items()},
    }


def scenario(root: str, engine: str, heavy: int, seconds: float) -> dict:
    """Light latency on ``engine`` while the greedy client keeps ``heavy`` heavy requests in flight."""
    stop, ended = threading.Event(), Counter[int | str]()
    threads = [threading.Thread(target=_greedy, args=(root, HEAVY[engine], stop, ended)) for _ in range(heavy)]
    for thread in threads:
        thread.start()
    time.sleep(1.0 if heavy else 0)  # the heavy requests are running or refused
    figures = _light(root, LIGHT[engine], seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return {**figures, "greedy_ended": {str(k): v for k, v in sorted(ended.items(), key=str)}}


def _serve(work: Path) -> tuple[str, subprocess.Popen]:
    from graph.build import build
    from graph.settings import default_data

    store = work / "store-real"
    if not (store / "current").exists():
        build(default_data(), store, BASE_IRI)
    root = f"http://127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        lires("serve", "--store", str(store), "--port", root.rsplit(":", 1)[1]),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LIRES_BASE_IRI": BASE_IRI, "LIRES_RATE_LIMIT": "1000000/minute"},
    )
    wait_until_up(root, server)
    return root, server


def run(work: Path, url: str | None, heavy: list[int], seconds: float, engines: list[str]) -> dict:
    """Measure every engine and heavy count against ``url`` (or a server of our own); returns the JSON line."""
    root, server = (url.rstrip("/"), None) if url else _serve(work)
    try:
        figures = {}
        for engine in engines:
            _light(root, LIGHT[engine], 2.0)  # warm: the workers open the build, the driver connects
            figures[engine] = {str(h): scenario(root, engine, h, seconds) for h in heavy}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return emit("fair_share", url=url or "lires serve (defaults)", seconds=seconds, **figures, target_p50_ms=50)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``[--url URL] [--heavy 0 2 10] [--seconds S] [--cypher]``."""
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--url", help="measure this running server instead of starting lires serve")
    p.add_argument("--heavy", type=int, nargs="+", default=[0, 2, 10], help="heavy requests in flight (0 2 10)")
    p.add_argument("--seconds", type=float, default=30, help="seconds of light requests per count (default 30)")
    p.add_argument("--cypher", action="store_true", help="also Cypher (needs NEO4J_URI and the graph loaded)")
    args = p.parse_args(argv)
    run(args.work, args.url, args.heavy, args.seconds, ["sparql", "cypher"] if args.cypher else ["sparql"])


if __name__ == "__main__":
    main()
