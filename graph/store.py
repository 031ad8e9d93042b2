"""The built graph on disk: ``{store}/current`` points at the latest good build.

A build directory holds ``records.jsonl`` (the canonical records every other projection is made from: one
``records.model.to_json`` object a line, one line per row that says something of an entity, so an entity may span
lines, e.g. a project and its partners), ``manifest.json`` (counts, timings, where the RDF is), with the embedded
store ``oxigraph/`` (the RDF; a remote store keeps it in a named graph, graph.stores) and, when the data directory
had municipal boundaries, ``boundaries.json`` (for the maps).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson

from graph.gcpause import paused_gc
from graph.stores.base import RdfGraph, RdfStore
from graph.stores.oxigraph import OxigraphStore
from records.jsonl import from_json
from records.model import Key, Record, merge

BOUNDARIES_KEPT = "boundaries.json"
"""Where a build keeps the municipal boundaries of its data directory, if it had any (loaders.boundaries)."""


class NoGraph(RuntimeError):
    """No graph has been built in this store yet."""


@dataclass(frozen=True)
class Build:
    """One finished build, opened read-only; its RDF is in ``store`` (the embedded one unless given)."""

    path: Path
    store: RdfStore = field(default_factory=OxigraphStore, compare=False)

    @cached_property
    def rdf(self) -> RdfGraph:
        """The build's RDF, read-only (safe while another process builds the next one). Raises
        graph.stores.base.StoreError when the build wrote it to another kind of store, OSError when the embedded
        store cannot be read."""
        return self.store.open(self.path, self.manifest)

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


def open_current(store: Path, rdf: RdfStore | None = None) -> Build:
    """The current build of ``store`` with its RDF in ``rdf`` (default: the embedded store); raises NoGraph when
    there is none."""
    return Build(current_path(store), rdf or OxigraphStore())
