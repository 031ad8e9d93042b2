"""Neo4j tests skip with a how-to when no server answers, and fail instead under LIRES_REQUIRE_NEO4J=1 (CI)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from tests.support import ROOT


def run_neo4j_test(require: bool) -> subprocess.CompletedProcess:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "LIRES_REQUIRE_NEO4J"}
    env.update(NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_USER="neo4j", NEO4J_PASSWORD="x" * 8)
    if require:
        env["LIRES_REQUIRE_NEO4J"] = "1"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rsf",
            "tests/e2e/test_neo4j_load.py::test_uniqueness_constraints_on_iri_and_key",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("require", [False, True])
def test_unreachable_neo4j_skips_or_fails(require):
    result = run_neo4j_test(require)
    assert result.returncode == (1 if require else 0), result.stdout
    assert ("1 error" if require else "1 skipped") in result.stdout
    assert "does not answer" in result.stdout and "scripts/neo4j-local.sh start" in result.stdout
    assert ("LIRES_REQUIRE_NEO4J=1 requires a Neo4j server" in result.stdout) == require
