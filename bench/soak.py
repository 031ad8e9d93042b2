"""Soak test: `lires serve` under the locust scenario (bench/locustfile.py) for 10 minutes on loopback.

    .venv/bin/python -m bench.soak                 # 10 minutes, 10 users, the real data
    .venv/bin/python -m bench.soak --minutes 1 --users 4 --json soak.json

Builds the real data into a temporary store (or serves --store), starts the server in its own process,
runs locust headless against it and samples the server's memory (RSS of the server and its worker
processes, psutil) every few seconds. Prints p50/p99 latency per endpoint and overall, the request and
error counts, and the memory growth from the end of the warm-up to the end of the run.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil
from rich.console import Console
from rich.table import Table

from bench.common import free_port
from graph.build import build
from graph.settings import default_data

HERE = Path(__file__).resolve().parent
BASE = "https://w3id.org/lires/"
console = Console()


def _rss_mb(process: psutil.Process) -> float:
    """Resident memory of ``process`` and its children, in MB."""
    total = 0
    for each in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += each.memory_info().rss
    return total / 1e6


def _serve(store: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "LIRES_STORE": str(store),
        "LIRES_BASE_IRI": BASE,
        "LIRES_RATE_LIMIT": "1000000/minute",  # locust's users all come from one address
        "LIRES_QUERIES_PER_CLIENT": "1000",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "lires"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not answer /health within 60 s")


def run_locust(host: str, users: int, seconds: int, workdir: Path) -> tuple[int, list[dict]]:
    """Run bench/locustfile.py headless against ``host``; its exit code and its stats rows (one per endpoint
    and ``Aggregated``, with ``Request Count``, ``Failure Count``, ``50%``, ``99%``, ``Requests/s``, ...)."""
    prefix = workdir / "locust"
    locust = subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--host",
            host,
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        capture_output=True,
        text=True,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return locust.returncode, list(csv.DictReader(handle))


def soak(minutes: float, users: int, store: Path | None) -> dict:
    """Run the soak and return its figures (latencies in ms, memory in MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        if store is None:
            store = Path(tmp) / "store"
            build(default_data(), store, BASE)
        port = free_port()
        server = _serve(store, port)
        samples: list[tuple[float, float]] = []
        done = threading.Event()
        process = psutil.Process(server.pid)

        def sample() -> None:
            started = time.monotonic()
            while not done.wait(5):
                samples.append((time.monotonic() - started, _rss_mb(process)))

        sampler = threading.Thread(target=sample, daemon=True)
        try:
            rss_start = _rss_mb(process)
            sampler.start()
            exit_code, rows = run_locust(f"http://127.0.0.1:{port}", users, int(minutes * 60), Path(tmp))
            done.set()
            sampler.join()
            rss_end = _rss_mb(process)
        finally:
            done.set()
            server.terminate()
            server.wait(timeout=30)
    warm = [mb for at, mb in samples if at >= min(60.0, minutes * 60 / 4)] or [rss_end]
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        "minutes": minutes,
        "users": users,
        "locust_exit_code": exit_code,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "requests_per_s": float(total["Requests/s"]),
        "p50_ms": float(total["50%"]),
        "p99_ms": float(total["99%"]),
        "endpoints": {
            r["Name"]: {
                "requests": int(r["Request Count"]),
                "errors": int(r["Failure Count"]),
                "p50_ms": float(r["50%"]),
                "p99_ms": float(r["99%"]),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        },
        "rss_mb": {
            "start": round(rss_start, 1),
            "after_warm_up": round(warm[0], 1),
            "end": round(rss_end, 1),
            "max": round(max([mb for _, mb in samples] or [rss_end]), 1),
        },
        "rss_growth_mb": round(rss_end - warm[0], 1),
    }


def main() -> None:
    """Command line: --minutes (10), --users (10), --store (default: build the real data), --json FILE."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--store", type=Path, default=None, help="serve this store instead of a fresh build")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    figures = soak(args.minutes, args.users, args.store)
    table = Table(
        "endpoint",
        "requests",
        "errors",
        "p50 ms",
        "p99 ms",
        title=f"Soak: {args.minutes:g} min, {args.users} users, {psutil.cpu_count()} CPUs",
    )
    for name, row in figures["endpoints"].items():
        table.add_row(name, str(row["requests"]), str(row["errors"]), f"{row['p50_ms']:g}", f"{row['p99_ms']:g}")
    table.add_row(
        "all",
        str(figures["requests"]),
        str(figures["errors"]),
        f"{figures['p50_ms']:g}",
        f"{figures['p99_ms']:g}",
        style="bold",
    )
    console.print(table)
    rss = figures["rss_mb"]
    console.print(
        f"{figures['requests_per_s']:.1f} requests/s; server RSS (with workers): start {rss['start']} MB, "
        f"after warm-up {rss['after_warm_up']} MB, end {rss['end']} MB, max {rss['max']} MB; "
        f"growth after warm-up {figures['rss_growth_mb']} MB"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if figures["errors"] or figures["locust_exit_code"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
