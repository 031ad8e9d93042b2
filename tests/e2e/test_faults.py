"""Real faults during a build: SIGKILL half-way, a full disk, a read-only store. Each time the previous graph
keeps serving, the error says what happened, and the next build succeeds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from graph.store import current_path
from tests.support import BASE, DATA, UNLIMITED

LIRES = Path(sys.executable).parent / "lires"
MUNICIPALITIES = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a <https://w3id.org/lires/ns#Municipality> }"
TOKEN = "a-test-admin-token-0123456789abcdef"


def serves_the_real_graph(store: Path) -> bool:
    """True when a fresh app on ``store`` answers a SPARQL count of the 50 municipalities."""
    client = TestClient(create_app(ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED)))
    answer = client.get("/sparql", params={"query": MUNICIPALITIES, "format": "json"})
    return answer.status_code == 200 and answer.json()["results"]["bindings"][0]["n"]["value"] == "50"


def lires_build(store: Path, data: Path = DATA) -> subprocess.Popen:
    return subprocess.Popen(
        [str(LIRES), "build", "--store", str(store), "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LIRES_BASE_IRI": BASE, "COLUMNS": "200"},
    )


def test_sigkill_half_way_keeps_the_previous_graph_and_the_next_build_succeeds(tmp_path: Path):
    store = tmp_path / "store"
    build(DATA, store, BASE)
    before = current_path(store)
    process = lires_build(store)
    deadline = time.monotonic() + 60
    while len(list((store / "builds").iterdir())) < 2:  # the new build's directory appears
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.005)
    time.sleep(0.3)  # into writing the RDF store or validating it (the build takes ~2 s)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL, "the build finished before it could be killed"
    leftovers = [p for p in (store / "builds").iterdir() if p != before]
    assert leftovers and not (leftovers[0] / "manifest.json").exists(), "the killed build was not half-way"
    assert current_path(store) == before
    assert serves_the_real_graph(store)
    again = lires_build(store)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert current_path(store) != before and (current_path(store) / "manifest.json").exists()
    assert not any(p.exists() for p in leftovers), "the next build did not clear the killed build's leftovers"
    assert serves_the_real_graph(store)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 MB tmpfs (room for a few builds of the real data, ~1.7 MB each), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


@pytest.mark.parametrize("room", [100_000, 400_000, 700_000])
def test_a_full_disk_is_a_clear_error_and_the_graph_stays(small_disk: Path, room: int):
    """``room`` bytes left: the build runs out while opening, bulk-loading or compacting the RDF store."""
    store = small_disk / "store"
    build(DATA, store, BASE)
    before = current_path(store)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk).free - room))
    process = lires_build(store)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "cannot write the store" in err and "No space left on device" in err
    assert "The previous graph (if any) is unchanged." in err
    assert current_path(store) == before and sorted((store / "builds").iterdir()) == [before]
    assert serves_the_real_graph(store)
    admin = TestClient(create_app(ApiSettings(store=store, data=DATA, base_iri=BASE, admin_token=SecretStr(TOKEN))))
    refused = admin.post("/admin/rebuild", headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 503 and "No space left on device" in refused.json()["detail"]
    filler.unlink()
    build(DATA, store, BASE)
    assert current_path(store) != before and serves_the_real_graph(store)


def test_a_read_only_store_is_a_clear_error_and_the_graph_stays(small_disk: Path):
    store = small_disk / "store"
    build(DATA, store, BASE)
    before = current_path(store)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    process = lires_build(store)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1 and "Read-only file system" in err
    assert current_path(store) == before and serves_the_real_graph(store)
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    build(DATA, store, BASE)
    assert current_path(store) != before and serves_the_real_graph(store)
