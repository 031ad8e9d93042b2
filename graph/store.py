"""The built graph on disk: ``{store}/current`` points at the latest good build.

A build directory holds ``oxigraph/`` (the RDF store), ``records.jsonl`` (the canonical
records every other projection is made from: one ``records.model.to_json`` object a line, one
line per row that says something of an entity, so an entity may span lines, e.g. a project and its partners),
``manifest.json`` (counts, timings) and, when the data directory had municipal boundaries, ``boundaries.json``
(for the maps).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
import pyoxigraph as ox

from graph.gcpause import paused_gc
from records.jsonl import from_json
from records.model import Key, Record, merge

BOUNDARIES_KEPT = "boundaries.json"
"""Where a build keeps the municipal boundaries of its data directory, if it had any (loaders.boundaries)."""


class NoGraph(RuntimeError):
    """No graph has been built in this store yet."""


@dataclass(frozen=True)
class Build:
    """One finished build, opened read-only."""

    path: Path

    @cached_property
    def rdf(self) -> ox.Store:
        """The Oxigraph store, read-only (safe while another process builds the next one)."""
        return ox.Store.read_only(str(self.path / "oxigraph"))

    def query_store(self, in_memory_triples: int) -> ox.Store:
        """The store to evaluate SPARQL on: an in-memory copy of the build when it holds at most
        ``in_memory_triples`` triples, else the read-only store on disk (``rdf``).

        Oxigraph evaluates joins 3-5x faster in memory than through RocksDB lookups on disk (bench/README.md,
        SPARQL). The copy costs about 10-20 us and 0.45 kB per triple (572,539 triples: 6-16 s, 245 MB).
        Raises OSError when the store cannot be read.
        """
        if self.manifest["triples"] > in_memory_triples:
            return self.rdf
        copy = ox.Store()
        copy.bulk_extend(self.rdf.quads_for_pattern(None, None, None))
        return copy

    @cached_property
    def boundaries(self) -> dict[str, list[list[list[tuple[float, float]]]]] | None:
        """The municipal boundaries the build kept for the maps: NIS code -> polygons (rings of (longitude,
        latitude)); None when the data directory had none (loaders.boundaries)."""
        path = self.path / BOUNDARIES_KEPT
        return orjson.loads(path.read_bytes()) if path.exists() else None

    @cached_property
    def manifest(self) -> dict[str, Any]:
        """Counts and timings written by the build: ``{"built_at", "triples", "entities": {type: n}, ...}``."""
        manifest: dict[str, Any] = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        return manifest

    @property
    def id(self) -> str:
        """The build's id: its directory name (``20260101T120000-1234``)."""
        return self.path.name

    @cached_property
    def built_at(self) -> dt.datetime:
        """When the build finished (timezone-aware), from the manifest."""
        return dt.datetime.strptime(self.manifest["built_at"], "%Y-%m-%dT%H:%M:%S%z")

    def fragments(self) -> Iterator[Record]:
        """The record fragments of records.jsonl as they were read: what each row of each file said, with the
        row it came from (``origins``)."""
        keys: dict[tuple[str, str], Key] = {}
        with open(self.path / "records.jsonl", "rb") as lines:
            for line in lines:
                yield from_json(orjson.loads(line), keys)

    @cached_property
    def records(self) -> list[Record]:
        """The canonical records this build was made from, one per entity (its fragments in records.jsonl merged),
        in the order they were read; kept out of the collector's walks (graph.gcpause)."""
        with paused_gc(keep=True):
            return list(merge(self.fragments()).values())


def current_path(store: Path) -> Path:
    """The directory of the current build; raises NoGraph when there is none."""
    link = store / "current"
    if not link.exists():
        raise NoGraph(f"no graph built in {store}; run `lires build` first")
    return (store / os.readlink(link)).resolve()


def open_current(store: Path) -> Build:
    """The current build of ``store``; raises NoGraph when there is none."""
    return Build(current_path(store))
