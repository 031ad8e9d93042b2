"""The bad-input corpus (tests/fixtures/bad_input/cases.toml): every bad file is refused with file, line, column and
reason while the previous graph keeps serving; every unambiguous one is read correctly."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from graph.store import current_path
from loaders.inputs import tables
from records.findings import DataError, Severity
from tests.support import BASE, DATA, FIXTURES, UNLIMITED

CORPUS = FIXTURES / "bad_input"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
REFUSED = [c for c in CASES if "errors" in c]
READ = [c for c in CASES if "reads" in c]
MUNICIPALITIES = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a <https://w3id.org/lires/ns#Municipality> }"


def test_every_file_has_a_case_and_every_case_a_file():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx")}
    assert files == {c["file"] for c in CASES}
    assert len(REFUSED) >= 40 and len(READ) >= 10


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> tuple[Path, TestClient]:
    """A store holding a good build of the real data, and the app serving it."""
    store = tmp_path_factory.mktemp("served")
    build(DATA, store, BASE)
    return store, TestClient(create_app(ApiSettings(store=store, data=DATA, base_iri=BASE, rate_limit=UNLIMITED)))


def swapped(case: dict, tmp_path: Path) -> Path:
    """A copy of data/ with the case's file in place of the table it stands in for."""
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    for name in case.get("removes", []):
        (data / name).unlink()
    shutil.copyfile(CORPUS / case["file"], data / case["replaces"])
    return data


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c["file"])
def test_refused_with_file_line_column_and_reason(case: dict, served, tmp_path: Path):
    store, client = served
    before, builds = current_path(store), sorted((store / "builds").iterdir())
    with pytest.raises(DataError) as refused:
        build(swapped(case, tmp_path), store, BASE)
    expected = [{"file": case["replaces"], **e} for e in case["errors"]]
    found = [
        f for f in refused.value.findings if f.severity is Severity.ERROR and f.file in {e["file"] for e in expected}
    ]
    assert sorted((f.file, f.line, f.column) for f in found) == sorted(
        (e["file"], e["line"], e["column"]) for e in expected
    ), [str(f) for f in found]
    for wanted in expected:
        assert any(
            (f.file, f.line, f.column) == (wanted["file"], wanted["line"], wanted["column"])
            and wanted["message"] in f.message
            and f.value == wanted.get("value", f.value)
            for f in found
        ), (wanted, [str(f) for f in found])
    assert current_path(store) == before, "a failed build moved `current`"
    assert sorted((store / "builds").iterdir()) == builds, "a failed build left files in the store"
    answer = client.get("/sparql", params={"query": MUNICIPALITIES, "format": "json"})
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "50"


def plain(value: object) -> str:
    """A typed cell as the manifest writes it: dates in ISO, partial dates as ``date;precision``, lists with ``;``."""
    if isinstance(value, tuple):
        return ";".join(plain(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # numbers as written by str(): Decimal("57000000.00") -> "57000000.00"


@pytest.mark.parametrize("case", READ, ids=lambda c: c["file"])
def test_read_correctly_where_unambiguous(case: dict, tmp_path: Path):
    table = next(t for t in tables() if t.name == Path(case["replaces"]).stem)
    path = tmp_path / case["replaces"]
    shutil.copyfile(CORPUS / case["file"], path)
    rows, findings = table.read(path)
    assert [str(f) for f in findings if f.severity is Severity.ERROR] == []
    wanted = case["reads"]
    row = next(r for r in rows if r.origin.line == wanted["line"])
    assert plain(row[wanted["column"]]) == wanted["value"]
