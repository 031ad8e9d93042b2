"""Analysis API benchmark: how long ``/api/gaps`` and ``/api/synergies`` take first and once the build's analysis
is kept, and how much memory the server holds for it.

    python -m bench.analysis_api --projects 10000 --repeat 5

Starts ``lires serve`` on a free loopback port over a synthetic build whose analysis tables are removed first
(as after a new build), then asks, one request at a time: ``/api/gaps`` (first: the tables made from
``records.jsonl`` and the matrix computed; then ``--repeat`` times: the report kept per build), the same for
``/api/synergies``, then ``/api/gaps/cell`` for the fullest cell's next page. Seconds are wall time on the
client (loopback), the JSON response's size in bytes, and the server's peak resident memory (VmHWM) in MiB
after each endpoint. Issue 16's targets: under 1 s after the first computation (at 10^6 projects), and no slower
than the fastest peer running the equivalent SPARQL (Virtuoso at 10^4: gaps.rq 0.007 s, synergy.rq 1.87 s).
Prints one JSON line.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import httpx

from bench.common import built, emit, parser, served
from graph.analysis.tables import CACHE

TIMEOUT = 3600
"""Seconds a single request may take (the first analysis at 10^6 projects takes minutes)."""


def _peak_mib(pid: int) -> float:
    """Peak resident memory of process ``pid`` so far (``VmHWM`` of /proc/PID/status), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for process {pid}")


def _timed(client: httpx.Client, url: str, params: dict | None = None) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = client.get(url, params=params)
    seconds = time.perf_counter() - started
    response.raise_for_status()
    return seconds, response


def endpoint_times(client: httpx.Client, url: str, repeat: int, pid: int) -> tuple[dict, httpx.Response]:
    """First and kept (median of ``repeat``) seconds of GET ``url``, its size and the server's peak so far (MiB);
    raises httpx.HTTPStatusError for an error answer."""
    first, response = _timed(client, url)
    kept = [_timed(client, url)[0] for _ in range(repeat)]
    return {
        "first_s": round(first, 3),
        "kept_median_s": round(statistics.median(kept), 4),
        "kept_max_s": round(max(kept), 4),
        "bytes": len(response.content),
        "server_peak_mib": _peak_mib(pid),
    }, response


def run(projects: int, seed: int, work: Path, repeat: int) -> dict:
    """Serve a synthetic build and measure the analysis endpoints; returns (and prints) the figures."""
    store = built(work, projects, seed)
    shutil.rmtree(store / "current" / CACHE, ignore_errors=True)
    with served(store, timeout=600) as (root, server):
        figures: dict[str, object] = {"server_start_peak_mib": _peak_mib(server.pid)}
        with httpx.Client(base_url=root, timeout=TIMEOUT) as client:
            figures["gaps"], gaps = endpoint_times(client, "/api/gaps", repeat, server.pid)
            figures["synergies"], _ = endpoint_times(client, "/api/synergies", repeat, server.pid)
            fullest = max(gaps.json()["cells"], key=lambda c: c["count"])
            page = {"objective": fullest["objective"], "territory": fullest["territory"], "offset": 20, "limit": 20}
            cell = [_timed(client, "/api/gaps/cell", page)[0] for _ in range(repeat)]
            figures["gaps_cell"] = {"projects_in_cell": fullest["count"], "median_s": round(statistics.median(cell), 4)}
    return emit("analysis_api", projects=projects, repeat=repeat, **figures, target_kept_s=1)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --repeat R``."""
    p = parser(__doc__.split("\n\n")[0], projects=10_000)
    p.add_argument("--repeat", type=int, default=5, help="requests after the first, per endpoint (default 5)")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.repeat)


if __name__ == "__main__":
    main()
