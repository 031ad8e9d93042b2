"""A short load run in CI: the locust scenario of bench/ (entity lookups, searches, pages, SPARQL, gaps) against
the live app on 127.0.0.1 finishes without a single failed request. The 10-minute soak is bench/soak.py."""

from __future__ import annotations

from pathlib import Path

from bench.soak import run_locust

ENDPOINTS = {"/api/entities/{type}/{ref}", "/api/entities?q", "/doc/{type}/{ref}", "/sparql", "/api/gaps"}


def test_a_short_mixed_load_has_no_errors(live_server: str, tmp_path: Path):
    exit_code, rows = run_locust(live_server, users=5, seconds=15, workdir=tmp_path)
    by_name = {row["Name"]: row for row in rows}
    total = by_name["Aggregated"]
    failures = {name: row["Failure Count"] for name, row in by_name.items() if row["Failure Count"] != "0"}
    assert failures == {} and exit_code == 0
    assert int(total["Request Count"]) >= 100
    assert all(int(by_name[name]["Request Count"]) > 0 for name in ENDPOINTS), sorted(by_name)
