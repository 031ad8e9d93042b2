"""lires build is atomic: bad input names file, line and column, and the previous graph keeps serving."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build import build
from graph.store import NoGraph, current_path, open_current
from graph.stores.oxigraph import OxigraphGraph
from records.findings import DataError
from tests.support import BASE, DATA


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real data/ to break."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_data_builds_with_expected_counts(store: Path):
    manifest = open_current(store).manifest
    assert manifest["entities"]["Municipality"] == 50
    assert manifest["entities"]["Subregion"] == 5
    assert manifest["entities"]["Project"] == 201  # 108 in projects.csv, 93 Limburg operations of EFRO 2007-2013
    assert manifest["triples"] > 9000


def test_bad_nis_code_names_file_line_and_column(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "municipalities.csv", "71016,Genk", "7101X,Genk")
    with pytest.raises(DataError) as exc:
        build(data_copy, tmp_path / "store", BASE)
    finding = exc.value.findings[0]
    assert (finding.file, finding.column, finding.value) == ("municipalities.csv", "nis_code", "7101X")
    lines = (data_copy / "municipalities.csv").read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].startswith("7101X,Genk")
    assert "five-digit NIS code" in finding.message


def test_unknown_location_in_a_project_is_an_error(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "projects.csv", "2018-08-30,57000000,71016,", "2018-08-30,57000000,99999,")
    with pytest.raises(
        DataError,
        match=r"projects.csv:\d+ column locations: expected a reference to an existing "
        r"Municipality \(not found in municipalities.csv\) \(got '99999'\)",
    ):
        build(data_copy, tmp_path / "store", BASE)


def test_failed_build_keeps_previous_graph(data_copy: Path, tmp_path: Path):
    store = tmp_path / "store"
    build(data_copy, store, BASE)
    before = current_path(store)
    replace_line(data_copy / "organisations.csv", "trade_union", "union")
    with pytest.raises(DataError, match=r"organisations\.csv"):
        build(data_copy, store, BASE)
    assert current_path(store) == before
    assert open_current(store).manifest["entities"]["Organisation"] == 84
    assert len(list((store / "builds").iterdir())) == 1, "the failed build left a directory behind"


def test_unwritable_store_is_a_clear_error(data_copy: Path, tmp_path: Path):
    store = tmp_path / "store"
    store.write_text("not a directory")
    with pytest.raises(OSError):
        build(data_copy, store, BASE)


def test_no_graph_before_first_build(tmp_path: Path):
    with pytest.raises(NoGraph, match="lires build"):
        open_current(tmp_path)


def test_missing_required_column(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "subregions.csv", "ref,name_nl", "reference,name_nl")
    with pytest.raises(DataError, match=r"subregions.csv:1: missing column\(s\) ref"):
        build(data_copy, tmp_path / "store", BASE)


def test_error_points_at_the_file_that_gave_the_value(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "subregion_memberships.csv", "noord-limburg", "noord-limbrug")
    with pytest.raises(DataError) as exc:
        build(data_copy, tmp_path / "store", BASE)
    [finding] = [f for f in exc.value.findings if f.severity.name == "ERROR"]
    assert (finding.file, finding.line, finding.column, finding.value) == (
        "subregion_memberships.csv",
        2,
        "subregion",
        "noord-limbrug",
    )


def test_unknown_source_key_is_shown_as_written(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "organisations.csv", ",NUHMA_MILJARD", ",NOPE_KEY")
    with pytest.raises(
        DataError,
        match=r"organisations.csv:\d+ column sources: expected a reference to an existing "
        r"Source \(not found in sources.csv\) \(got 'NOPE_KEY'\)",
    ):
        build(data_copy, tmp_path / "store", BASE)


def test_a_broken_header_does_not_cascade_into_false_errors(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "municipalities.csv", "nis_code,name_nl", "nis,name_nl")
    with pytest.raises(DataError) as exc:
        build(data_copy, tmp_path / "store", BASE)
    errors = [f for f in exc.value.findings if f.severity.name == "ERROR"]
    assert len(errors) == 1 and errors[0].file == "municipalities.csv"


def test_project_ending_before_it_starts_is_refused(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "projects.csv", ",2016-08-01,2020-10-31,", ",2020-10-31,2016-08-01,")
    with pytest.raises(
        DataError,
        match=r"projects.csv:2 column end: expected an end on or after the start "
        r"\(start 2020-10-31\) \(got '2016-08-01'\)",
    ):
        build(data_copy, tmp_path / "store", BASE)


def test_a_year_end_in_the_start_year_is_fine(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "projects.csv", ",2016-08-01,2020-10-31,", ",2016-08-01,2016,")
    build(data_copy, tmp_path / "store", BASE)


def test_arrondissement_must_match_the_nis_code(data_copy: Path, tmp_path: Path):
    replace_line(data_copy / "municipalities.csv", "71016,Genk,,71000", "71016,Genk,,72000")
    with pytest.raises(
        DataError,
        match=r"municipalities.csv:\d+ column arrondissement_nis: expected arrondissement "
        r"71000: the first two digits of NIS code 71016",
    ):
        build(data_copy, tmp_path / "store", BASE)


def test_a_small_build_is_queried_in_memory_with_the_same_answers(store: Path):
    built = open_current(store)
    triples = built.manifest["triples"]
    rdf = built.rdf
    assert isinstance(rdf, OxigraphGraph)
    in_memory, on_disk = rdf.in_memory(triples), rdf.in_memory(triples - 1)
    assert on_disk is rdf and in_memory is not rdf
    assert in_memory.count() == on_disk.count() == triples > 4_000
    labels = (
        "SELECT ?m ?name WHERE { ?m a <https://w3id.org/lires/ns#Municipality> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name FILTER(LANG(?name) = 'nl') } ORDER BY ?m"
    )
    rows = [[(s["m"].value, s["name"].value) for s in store_.query(labels)] for store_ in (in_memory, on_disk)]
    assert rows[0] == rows[1] and len(rows[0]) == 50 and (f"{BASE}id/municipality/71016", "Genk") in rows[0]
