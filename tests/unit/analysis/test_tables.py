"""The analysis's tables of a build: the same from records.jsonl, from records and from the cache beside the build."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np

from graph.analysis.gaps import gaps
from graph.analysis.results import gaps_sheet
from graph.analysis.scope import make_scope
from graph.analysis.tables import CACHE, Csr, Tables, from_jsonl, from_records, tables_of
from graph.publish.sheets import csv_text
from graph.store import open_current
from records.model import Key
from tests.support import BASE


def test_tables_from_the_jsonl_and_from_the_records_agree(store, records):
    path = open_current(store).path
    read, made = from_jsonl(path / "records.jsonl"), from_records(records.values())
    for field in dataclasses.fields(Tables):  # from_jsonl decodes only the slots the tables read: all agree
        mine, theirs = getattr(read, field.name), getattr(made, field.name)
        if isinstance(mine, Csr):
            assert np.array_equal(mine.ptr, theirs.ptr) and np.array_equal(mine.values, theirs.values), field.name
        elif isinstance(mine, np.ndarray):
            assert np.array_equal(mine, theirs), field.name
        else:
            assert mine == theirs, field.name
    assert read.budget[read.project_index["terhills-resort"]] == 75_000_000
    # record order: the first project of projects.csv first
    assert read.project_refs[:2] == [k.ref for k in records if k.type == "Project"][:2]
    assert read.records[Key("Project", "terhills-resort")].first("budget_eur") == 75_000_000


def test_the_cache_beside_the_build_gives_the_same_answers(store, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(open_current(store).path, build, ignore=shutil.ignore_patterns("oxigraph", CACHE))
    made = tables_of(build)  # made from records.jsonl and saved
    assert (build / CACHE / "arrays.npz").exists()
    cached = tables_of(build)
    for filters in ({}, {"by": "arrondissement", "year": 2018}, {"strategy": "salk", "subregion": "noord-limburg"}):
        expected = csv_text(gaps_sheet(gaps(make_scope(made, **filters)), BASE))
        assert csv_text(gaps_sheet(gaps(make_scope(cached, **filters)), BASE)) == expected
