"""The synthetic generator: deterministic, loadable as it is, clearly synthetic, and shaped as stated."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bench.generate import Shape, generate, headers
from tests.support import of_type, read


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synthetic")
    generate(300, 7, path)
    return path


def rows(path: Path, table: str) -> list[dict]:
    with (path / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_same_seed_same_files_other_seed_other_files(synthetic: Path, tmp_path: Path):
    generate(300, 7, tmp_path / "again")
    generate(300, 8, tmp_path / "other")
    for table in headers():
        assert (tmp_path / "again" / f"{table}.csv").read_bytes() == (synthetic / f"{table}.csv").read_bytes()
    assert (tmp_path / "other" / "projects.csv").read_bytes() != (synthetic / "projects.csv").read_bytes()


def test_loaders_accept_it_with_the_stated_shape(synthetic: Path):
    records = read(synthetic)
    shape = Shape(300)
    counts = {
        t: len(of_type(records, t))
        for t in (
            "Project",
            "Organisation",
            "Municipality",
            "Province",
            "Arrondissement",
            "Subregion",
            "Strategy",
            "Structure",
        )
    }
    assert counts == {
        "Project": 300,
        "Organisation": shape.organisations,
        "Municipality": 42,
        "Province": 1,
        "Arrondissement": 3,
        "Subregion": 5,
        "Strategy": 12,
        "Structure": 21,
    }
    for project in of_type(records, "Project"):
        assert 1 <= len(project.values["at_location"]) <= 5
        assert 1 <= len(project.values["was_associated_with"]) <= 8
        assert 1 <= len(project.values["serves"]) <= 3
        assert project.first("budget_eur") > 0 and project.first("start_date")


def test_nothing_in_it_can_be_taken_for_real(synthetic: Path):
    assert all(
        r["nis_code"].startswith("0")
        for t in ("provinces", "arrondissements", "municipalities")
        for r in rows(synthetic, t)
    ), "real Belgian NIS codes never start with 0"
    assert all(r["url"].startswith("https://example.org/synthetic/") for r in rows(synthetic, "sources"))
    assert all(r["name_nl"].startswith("Synthetische ") for r in rows(synthetic, "municipalities"))
    assert all(r["name_en"].startswith("Synthetic project ") for r in rows(synthetic, "projects"))


def test_some_municipalities_and_objectives_are_left_out_of_every_project(synthetic: Path):
    located = {nis for r in rows(synthetic, "projects") for nis in r["locations"].split(";")}
    served = {o for r in rows(synthetic, "projects") for o in r["objectives"].split(";")}
    assert {r["nis_code"] for r in rows(synthetic, "municipalities")} - located
    assert {r["ref"] for r in rows(synthetic, "objectives")} - served


def test_scales_from_limburg_to_kohesio():
    assert (Shape(100).municipalities, Shape(100).provinces) == (42, 1)
    assert (Shape(10_000).municipalities, Shape(10_000).provinces) == (333, 5)
    eu = Shape(1_500_000)
    assert (eu.organisations, eu.municipalities, eu.provinces) == (500_000, 8_500, 250)
