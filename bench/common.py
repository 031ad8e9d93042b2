"""What every benchmark shares: synthetic data and builds cached per scale, child processes measured
for wall time and peak memory, the machine description, and the one JSON line each script prints."""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
BASE_IRI = "https://w3id.org/lires/"
T = TypeVar("T")


def default_work() -> Path:
    """Where data sets and builds are cached between runs: $LIRES_BENCH_WORK, else /tmp/lires-bench.

    A cached build is not rebuilt when the code changes: delete the directory to measure new code.
    """
    return Path(os.environ.get("LIRES_BENCH_WORK", "/tmp/lires-bench"))


def machine() -> dict:
    """Cores, memory (GiB) and CPU model of this machine, from /proc (Linux)."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(memory_kib / 2**20, 1),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def emit(bench: str, **figures) -> dict:
    """Print the benchmark's one JSON line: ``{"bench", "date", ...figures, "machine", "load_average"}``.

    ``load_average`` (1 minute, at the end) tells how busy the shared machine was; returns the line.
    """
    line = {
        "bench": bench,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **figures,
        "machine": machine(),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(line), flush=True)
    return line


def parser(description: str, projects: int | None = None) -> argparse.ArgumentParser:
    """The options the benchmarks share: ``--seed``, ``--work`` and (given a default) ``--projects``."""
    p = argparse.ArgumentParser(description=description)
    if projects is not None:
        p.add_argument("--projects", type=int, default=projects, help=f"synthetic projects (default {projects})")
    p.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    p.add_argument(
        "--work",
        type=Path,
        default=default_work(),
        help="cache directory (default $LIRES_BENCH_WORK or /tmp/lires-bench)",
    )
    return p


def dataset(work: Path, projects: int, seed: int) -> Path:
    """A synthetic data directory of ``projects`` projects, generated once per (size, seed)."""
    from bench.generate import generate

    path = work / f"data-{projects}-{seed}"
    if not (path / ".complete").exists():
        generate(projects, seed, path)
        (path / ".complete").touch()
    return path


def built(work: Path, projects: int, seed: int) -> Path:
    """A store holding the build of ``dataset(work, projects, seed)``, built once (not measured)."""
    from graph.build import build

    store = work / f"store-{projects}-{seed}"
    if not (store / "current").exists():
        build(dataset(work, projects, seed), store, BASE_IRI)
    return store


@dataclass(frozen=True)
class Measured:
    """A finished child process: wall seconds, peak resident memory (MiB) and its standard output."""

    seconds: float
    peak_mib: float
    stdout: str

    def json(self) -> dict:
        """The last line of stdout, parsed as JSON (children report their own figures that way)."""
        return json.loads(self.stdout.strip().splitlines()[-1])


class MemoryCapExceeded(RuntimeError):
    """A measured child grew past its memory cap and was killed."""

    def __init__(self, cap_mib: float, seconds: float, last_line: str) -> None:
        self.cap_mib, self.seconds, self.last_line = cap_mib, seconds, last_line
        super().__init__(f"resident memory passed {cap_mib:.0f} MiB after {seconds:.1f} s (last said: {last_line!r})")


def measure(
    argv: list[str], env: dict | None = None, timeout: float | None = None, cap_mib: float | None = None
) -> Measured:
    """Run ``argv`` (cwd = repository) and measure it alone with os.wait4: wall time and ru_maxrss.

    With ``cap_mib`` the child's resident memory is read every 0.2 s and the child is killed once it
    passes the cap. Raises subprocess.CalledProcessError (with its stderr) when the child fails,
    subprocess.TimeoutExpired when it ran longer than ``timeout`` seconds, and MemoryCapExceeded
    (with the last line of its stderr) when it passed ``cap_mib``; the child is killed in both cases.
    """
    import psutil

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, cwd=REPO, stdout=out, stderr=err, text=True, env={**os.environ, **(env or {})})
        expired, capped, done = threading.Event(), threading.Event(), threading.Event()

        def expire() -> None:
            expired.set()
            child.kill()

        killer = threading.Timer(timeout or 0, expire)
        if timeout:
            killer.start()

        def watch(cap_mib: float) -> None:
            process = psutil.Process(child.pid)
            while not done.wait(0.2):
                try:
                    if process.memory_info().rss > cap_mib * 2**20:
                        capped.set()
                        child.kill()
                        return
                except psutil.Error:
                    return

        watcher = threading.Thread(target=watch, args=(cap_mib,), daemon=True)
        if cap_mib:
            watcher.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
            done.set()
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if timeout and expired.is_set():
            raise subprocess.TimeoutExpired(argv, timeout)
        out.seek(0)
        err.seek(0)
        if cap_mib and capped.is_set():
            raise MemoryCapExceeded(cap_mib, seconds, (err.read().strip().splitlines() or [""])[-1])
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, argv, out.read(), err.read())
        return Measured(seconds, round(usage.ru_maxrss / 1024, 1), out.read())


def lires(*args: str) -> list[str]:
    """argv running this environment's ``lires`` command (the console script beside the interpreter)."""
    return [str(Path(sys.executable).with_name("lires")), *args]


def python(module: str, *args: str) -> list[str]:
    """argv running ``python -m module args`` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def timed(function: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Median seconds of ``repeat`` calls (one or more) of ``function`` and the last result."""
    times: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


ONE_ADDRESS_MANY_USERS = {"LIRES_RATE_LIMIT": "1000000/second", "LIRES_QUERIES_PER_CLIENT": "1000"}
"""The served app's per-client budget and share of the query engines in a benchmark: one client sends every
request."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (for a server the benchmark starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(root: str, server: subprocess.Popen, timeout: float = 60) -> None:
    """Return once ``root``/health answers 200; raises RuntimeError when ``server`` exits first or after
    ``timeout`` seconds."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"lires serve exited with {server.returncode}: {server.stderr and server.stderr.read()}")
        try:
            if httpx.get(f"{root}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"lires serve did not answer {root}/health within {timeout:g} s")


@contextmanager
def served(store: Path, env: dict | None = None, timeout: float = 60) -> Iterator[tuple[str, subprocess.Popen]]:
    """``lires serve`` on a free loopback port over ``store`` (with LIRES_BASE_IRI, ONE_ADDRESS_MANY_USERS and ``env``),
    once /health answers: yields its root URL and process; stopped on exit. Raises RuntimeError when it exits or
    does not answer within ``timeout`` seconds."""
    port = free_port()
    root = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        lires("serve", "--store", str(store), "--port", str(port)),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LIRES_BASE_IRI": BASE_IRI, **ONE_ADDRESS_MANY_USERS, **(env or {})},
    )
    try:
        wait_until_up(root, server, timeout)
        yield root, server
    finally:
        server.terminate()
        server.wait(timeout=30)
