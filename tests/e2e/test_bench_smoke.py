"""Smoke run of every benchmark at the smallest scale: each prints one JSON line with its figures.

No timing is asserted here (figures are measured by the scripts under bench/, see bench/README.md);
this only keeps the scripts working as the code they measure changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store import open_current
from tests.support import ROOT, load_build

REPO = ROOT
PROJECTS = "30"


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """One cache directory for all smoke runs, so the synthetic data is generated and built once."""
    return tmp_path_factory.mktemp("bench")


def bench(work: Path, module: str, *args: str) -> dict:
    """Run ``python -m bench.{module}`` and return its one JSON line."""
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", "--work", str(work), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout
    figures = json.loads(lines[0])
    assert figures["bench"] == module
    assert {"date", "machine"} <= set(figures)
    return figures


def test_build_against_the_bulk_load_floor(work: Path):
    figures = bench(work, "build", "--projects", PROJECTS)
    assert {"build_s", "floor_s", "ratio", "build_peak_mib", "floor_peak_mib", "triples"} <= set(figures)
    assert set(figures["steps_s"]) == {
        "parse",
        "map",
        "validate_records",
        "records_jsonl",
        "map_rdf",
        "write_rdf",
        "validate_shacl",
        "other",
    }
    assert min(figures["steps_s"].values()) >= 0, "a step's share of the interleaved reading is measured below zero"


def test_a_build_past_its_memory_cap_is_stopped_and_says_where(work: Path):
    figures = bench(work, "build", "--projects", PROJECTS, "--cap-gib", "0.01")  # 10 MiB: less than Python itself
    assert figures["cap_gib"] == 0.01 and figures["cap_passed_after_s"] > 0
    assert "ratio" not in figures, "a stopped build has no floor to compare with"


def test_sparql_on_our_store_and_on_rdflib(work: Path):
    figures = bench(work, "sparql", "--projects", PROJECTS, "--repeat", "1")
    for query in ("gaps", "gaps-not-exists", "synergy"):
        assert {"rows", "ours_s", "disk_s", "rdflib_s", "speedup", "speedup_disk"} <= set(figures[query])
    assert figures["in_memory"] is True, "a smoke-sized build is queried in memory, as the API does"
    assert figures["gaps"]["rows"] > 0, "the synthetic data leaves objectives and municipalities untouched"


def test_api_latency_at_a_fixed_rate(work: Path):
    figures = bench(work, "api", "--projects", PROJECTS, "--rate", "40", "--seconds", "1")
    assert figures["first_entity_s"] > 0
    for kind in ("entity", "search", "page", "sparql"):
        assert figures[kind]["requests"] == 40
        assert figures[kind]["errors"] == 0
        assert {"p50_ms", "p99_ms", "achieved_rps", "serial"} <= set(figures[kind])


def test_stores_side_by_side(work: Path, remote_server: dict):
    figures = bench(work, "stores", "--projects", PROJECTS, "--repeat", "1", "--stores", remote_server["name"])
    endpoints = {"lires", f"lires+{remote_server['name']}", remote_server["name"]}
    for query in ("gaps", "gaps-not-exists", "synergy"):
        assert set(figures["queries"][query]["seconds"]) == endpoints
    assert figures["queries"]["gaps"]["rows"] > 0 and set(figures["resident_mib"]) == endpoints
    for name, query in (("gaps", "gaps"), ("synergies", "synergy")):
        answer = figures["analysis"][name]
        assert answer["fastest_peer_s"] <= figures["queries"][query]["seconds"][remote_server["name"]]
        assert answer["first_s"] > 0 and answer["kept_over_fastest_peer"] >= 0 and answer["bytes"] > 0


def test_fair_share_light_latency_beside_a_greedy_client(work: Path):
    figures = bench(work, "fair_share", "--heavy", "0", "2", "--seconds", "1")
    for heavy in ("0", "2"):
        assert figures["sparql"][heavy]["errors"] == {} and figures["sparql"][heavy]["requests"] >= 2
        assert {"p50_ms", "p99_ms", "greedy_ended"} <= set(figures["sparql"][heavy])
    assert sum(figures["sparql"]["2"]["greedy_ended"].values()) >= 2


def test_sparql_guard_parse_cost(work: Path):
    figures = bench(work, "sparql_guard", "--repeat", "1")
    assert figures["examples"]["queries"] == 7 and figures["chains"]["1000"]["refused"] is True


def test_unit_tests_timed_with_their_slowest(work: Path):
    figures = bench(work, "unit_tests", "--path", "tests/unit/records", "--repeat", "1")
    slowest = figures["slowest"][0]  # the real-data store the records are read from, built once
    assert figures["passed"] == 3 and slowest["test"].endswith("::test_one_gives_the_value_of_the_kind_asked")
    assert figures["seconds_median"] == figures["seconds_max"] > slowest["seconds"] > 0


def test_analysis_growth_with_its_exponents(work: Path):
    figures = bench(work, "analysis_growth", "--sizes", "20", PROJECTS)
    for command in ("gaps", "synergy"):
        assert len(figures[command]["seconds"]) == len(figures[command]["warm_seconds"]) == 2
        assert {"time_exponent", "memory_exponent", "peak_mib", "warm_time_exponent", "warm_peak_mib"} <= set(
            figures[command]
        )
        assert figures[command]["stopped"] == [None, None]


def test_analysis_api_first_and_kept(work: Path):
    figures = bench(work, "analysis_api", "--projects", PROJECTS, "--repeat", "2")
    for endpoint in ("gaps", "synergies"):
        assert {"first_s", "kept_median_s", "bytes", "server_peak_mib"} <= set(figures[endpoint])
        assert figures[endpoint]["server_peak_mib"] >= figures["server_start_peak_mib"]
    assert figures["gaps_cell"]["projects_in_cell"] >= 1


def test_an_analysis_past_its_memory_cap_is_stopped_and_says_when(work: Path):
    figures = bench(work, "analysis_growth", "--sizes", "20", "--commands", "gaps", "--cap-gib", "0.01")
    assert figures["gaps"]["seconds"] == [None] and figures["gaps"]["time_exponent"] is None
    assert figures["gaps"]["stopped"][0].startswith("resident memory passed 0.01 GiB after ")


@pytest.mark.neo4j
def test_neo4j_batched_against_one_merge_per_row(work: Path, neo4j_driver, store: Path):
    try:
        figures = bench(work, "neo4j", "--projects", PROJECTS, "--naive", "50")
    finally:  # the benchmark replaced the database: give the other tests the real build back
        load_build(neo4j_driver, open_current(store))
    assert figures["naive_relationships"] == 50
    assert {"relationships", "batched_rels_per_s", "naive_rels_per_s", "ratio", "neo4j"} <= set(figures)


@pytest.mark.browser
def test_page_in_chromium(work: Path):
    figures = bench(work, "pages", "--projects", PROJECTS, "--timeout", "120")
    measured = figures["pages"][PROJECTS]
    assert measured["graph_loaded_s"] > 0
    for page in ("overview", "explorer", "synergies"):
        assert {"cold_s", "warm_s", "html_kb"} <= set(measured[page])
    assert 0 < measured["overview"]["dots"] <= 40, "the overview ships groups, not every entity"
