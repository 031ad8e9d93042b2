"""Admin actions need LIRES_ADMIN_TOKEN: disabled without one, 401 without the right bearer, one at a time,
and a failed rebuild keeps the served graph (and Neo4j) as they were."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from graph.store import current_path
from tests.support import BASE, DATA, FIXTURES, UNLIMITED

TOKEN = "a-test-admin-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def own_store(tmp_path: Path) -> Path:
    """A store with a good build of the real data, private to the test."""
    build(DATA, tmp_path / "store", BASE)
    return tmp_path / "store"


def app_settings(store: Path, data: Path = DATA, **extra) -> ApiSettings:
    return ApiSettings(store=store, data=data, base_iri=BASE, rate_limit=UNLIMITED, **extra)


def test_without_a_token_admin_actions_are_disabled(own_store: Path):
    client = TestClient(create_app(app_settings(own_store)))
    before = current_path(own_store)
    for path in ("/admin/rebuild", "/admin/neo4j-reload"):
        for headers in ({}, AUTH, {"Authorization": "Bearer "}):
            response = client.post(path, headers=headers)
            assert response.status_code == 403, (path, headers)
            assert response.json() == {
                "error": "forbidden",
                "detail": "admin actions are disabled: the server was started without LIRES_ADMIN_TOKEN",
            }
    assert current_path(own_store) == before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-0123456789abcdef"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_a_wrong_or_missing_bearer_is_401(own_store: Path, headers: dict):
    client = TestClient(create_app(app_settings(own_store, admin_token=TOKEN)))
    before = current_path(own_store)
    response = client.post("/admin/rebuild", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"] == "unauthorized"
    assert current_path(own_store) == before


def test_a_short_token_is_refused_at_start_up(tmp_path: Path):
    with pytest.raises(ValidationError, match="at least 16 characters"):
        app_settings(tmp_path, admin_token="secret")


def test_rebuild_serves_the_new_build(own_store: Path):
    client = TestClient(create_app(app_settings(own_store, admin_token=TOKEN)))
    before = current_path(own_store)
    response = client.post("/admin/rebuild", headers=AUTH)
    assert response.status_code == 200
    summary = response.json()
    assert summary["entities"]["Municipality"] == 50 and summary["entities"]["Subregion"] == 5
    assert current_path(own_store) != before and current_path(own_store).name == summary["build"]
    assert client.get("/health").json()["built_at"] is not None
    assert client.get("/api/entities/municipality/71016").json()["label"] == "Genk"


def test_rebuild_with_bad_data_is_422_and_keeps_the_graph(own_store: Path, tmp_path: Path):
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    path = data / "municipalities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("71016,Genk", "7101X,Genk"), encoding="utf-8")
    client = TestClient(create_app(app_settings(own_store, data, admin_token=TOKEN)))
    before = current_path(own_store)
    response = client.post("/admin/rebuild", headers=AUTH)
    assert response.status_code == 422 and response.json()["error"] == "data_error"
    assert "municipalities.csv:" in response.json()["detail"] and "column nis_code" in response.json()["detail"]
    assert current_path(own_store) == before
    assert client.get("/api/entities/municipality/71016").json()["label"] == "Genk"


def test_one_rebuild_at_a_time(own_store: Path, serve):
    url = serve(app_settings(own_store, admin_token=TOKEN))
    answers: list[int] = []

    def rebuild() -> None:
        answers.append(httpx.post(f"{url}/admin/rebuild", headers=AUTH, timeout=60).status_code)

    first = threading.Thread(target=rebuild)
    first.start()
    while first.is_alive() and len(list((own_store / "builds").iterdir())) < 2:  # until the first writes its build
        time.sleep(0.01)
    second = httpx.post(f"{url}/admin/rebuild", headers=AUTH, timeout=60)
    first.join()
    assert answers == [200]
    assert second.status_code == 409 and second.json()["error"] == "conflict"


def test_a_build_running_elsewhere_is_409(own_store: Path):
    """The own_store's build lock also guards against `lires build` in another process (here: held directly)."""
    import fcntl

    client = TestClient(create_app(app_settings(own_store, admin_token=TOKEN)))
    with open(own_store / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        response = client.post("/admin/rebuild", headers=AUTH)
    assert response.status_code == 409 and "another build" in response.json()["detail"]


@pytest.mark.neo4j
def test_a_failed_rebuild_leaves_neo4j_as_it_was(settings: ApiSettings, neo4j_graph, tmp_path: Path):
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    shutil.copyfile(FIXTURES / "bad_input" / "unknown_partner.csv", data / "project_partners.csv")
    client = TestClient(create_app(settings.model_copy(update={"data": data, "admin_token": SecretStr(TOKEN)})))
    assert client.post("/admin/rebuild", headers=AUTH).status_code == 422
    reload = client.post("/admin/neo4j-reload", headers=AUTH)
    assert reload.status_code == 200
    assert reload.json()["changed"] is False, "Neo4j held something other than the served build"
    assert reload.json()["nodes"] == neo4j_graph.nodes


def test_an_empty_token_leaves_admin_actions_disabled(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LIRES_ADMIN_TOKEN", "")
    assert ApiSettings(store=tmp_path).admin_token is None
