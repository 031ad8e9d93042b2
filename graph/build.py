"""``lires build``: data/ -> records -> a new RDF graph (graph.stores), validated, then switched in atomically.

The new build is written into ``{store}/builds/{id}`` (its RDF into that directory or a remote store's new named
graph); only when everything succeeded does ``{store}/current`` move to it (an atomic rename of a symlink), and
the other builds' graphs are dropped from a remote store. A failure at any point, including a killed process or
a full disk, leaves the previous build serving (a killed build's partial graph is dropped by the next build).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import itertools
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import orjson

from graph.gcpause import paused_gc
from graph.quads import quads, roles
from graph.shacl import Violation, plan, validate
from graph.store import BOUNDARIES_KEPT
from graph.stores.base import RdfGraph, RdfStore, StoreError
from graph.stores.oxigraph import OxigraphStore
from loaders.boundaries import BOUNDARIES, read_boundaries
from loaders.dataset import Reading, Step
from records.findings import DataError, Finding
from records.jsonl import to_json
from records.model import Record

KEEP_BUILDS = 3
"""Builds kept on disk (the current one and older ones a running server may still read)."""


class BuildBusy(RuntimeError):
    """Another build of the same store is running."""


class ShapeViolations(RuntimeError):
    """The RDF built from the data does not conform to the SHACL shapes."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        shown = "\n".join(map(str, violations[:20]))
        super().__init__(f"{len(violations)} SHACL violation(s):\n{shown}")


@dataclass(frozen=True)
class BuildReport:
    """What a build produced: its directory, counts per type, triples, warnings and seconds per step."""

    path: Path
    entities: dict[str, int]
    triples: int
    warnings: list[Finding]
    seconds: dict[str, float]
    leftovers: str | None = None
    """Why older builds' graphs are still in a remote store (the next build drops them), or None."""


def build(
    data: Path,
    store: Path,
    base_iri: str,
    progress: Callable[[Step], None] = lambda _: None,
    workbook: Path | None = None,
    rdf: RdfStore | None = None,
) -> BuildReport:
    """Build the graph from ``data`` into ``store`` (its RDF into ``rdf``, default the embedded store) and make it
    current, telling ``progress`` where it stands (rows read of the estimated total, then the SHACL check); the
    sheets of ``workbook`` (e.g. an upload, graph.uploads) are read in place of the data directory's files for the
    tables they hold.

    The municipal boundaries of ``data`` (optional, loaders.boundaries) are kept beside the store for the maps.
    Raises records.findings.DataError (bad input, with file/line/column), ShapeViolations
    (SHACL), BuildBusy (another build of ``store`` is running), graph.stores.base.StoreError (a remote
    store failed) or OSError (e.g. unwritable store or full disk); in every case the previous build stays current.
    """
    rdf = rdf or OxigraphStore()
    seconds: dict[str, float] = {}
    reading = Reading(data, progress=progress, workbook=workbook)
    with paused_gc():
        (store / "builds").mkdir(parents=True, exist_ok=True)
        with _exclusive(store):
            target = Path(tempfile.mkdtemp(prefix=dt.datetime.now().strftime("%Y%m%dT%H%M%S%f-"), dir=store / "builds"))
            graph: RdfGraph | None = None
            try:
                target.chmod(0o755)
                graph = rdf.create(target)
                report = _write(reading, graph, target, base_iri, seconds, progress)
                rdf.switch(store, target)
            except BaseException:
                if graph is not None:
                    graph.discard()
                shutil.rmtree(target, ignore_errors=True)
                raise
            try:
                rdf.retire(store, target)
            except StoreError as exc:  # the new build serves; keep the old directories so the next build retries
                return replace(report, leftovers=f"older builds' graphs were not dropped: {exc}")
            _prune(store)
    return report


@contextmanager
def _exclusive(store: Path) -> Iterator[None]:
    """Hold the store's build lock (released by the kernel even when the process is killed)."""
    with open(store / ".build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(f"another build of {store} is running; try again when it has finished") from None
        yield


def _write(
    reading: Reading,
    graph: RdfGraph,
    target: Path,
    base_iri: str,
    seconds: dict[str, float],
    progress: Callable[[Step], None],
) -> BuildReport:
    """Stream the data into ``graph`` and records.jsonl (one fragment a line), then check SHACL on a sample.

    Raises DataError, ShapeViolations or StoreError; the caller discards ``graph`` and removes ``target`` then.
    """
    step = time.perf_counter()
    with open(target / "records.jsonl", "wb") as lines:

        def written(fragments: Iterator[Record]) -> Iterator[Record]:
            for fragment in fragments:
                lines.write(orjson.dumps(to_json(fragment)) + b"\n")
                yield fragment

        graph.load(itertools.chain(roles(base_iri), quads(base_iri, written(reading.fragments()))))
    reading.raise_errors()
    boundaries, problems = read_boundaries(reading.directory)
    if problems:
        raise DataError(problems)
    if boundaries is not None:
        progress(Step(f"keep {BOUNDARIES} for the maps"))
        (target / BOUNDARIES_KEPT).write_bytes(orjson.dumps(boundaries))
    triples = graph.count()
    seconds["read_and_rdf"] = time.perf_counter() - step
    step = time.perf_counter()
    sample = plan(triples)
    progress(Step("validate with SHACL" + (f" (first {sample} nodes of each class)" if sample else "")))
    violations = validate(graph, sample)
    seconds["shacl"] = time.perf_counter() - step
    if violations:
        raise ShapeViolations(violations)
    entities = dict(sorted(reading.checker.entities.items()))
    warnings = reading.findings
    manifest = {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "base_iri": base_iri,
        "triples": triples,
        "rdf": graph.manifest(),
        "shacl": f"first {sample} nodes of each class" if sample else "all triples",
        "entities": entities,
        "files": reading.files,
        "workbook": reading.workbook.name if reading.workbook else None,
        "seconds": seconds,
        "warnings": [str(w) for w in warnings],
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return BuildReport(target, entities, triples, warnings, seconds)


def _prune(store: Path) -> None:
    """Remove all but the newest KEEP_BUILDS finished builds, and leftovers of killed builds.

    Runs under the build lock, so a directory without a manifest is never a build in progress.
    """
    current = (store / "current").resolve()
    finished = sorted(
        (p for p in (store / "builds").iterdir() if (p / "manifest.json").exists()), key=lambda p: p.name, reverse=True
    )
    keep = {p.resolve() for p in finished[:KEEP_BUILDS]} | {current}
    for old in (store / "builds").iterdir():
        if old.resolve() not in keep:
            shutil.rmtree(old, ignore_errors=True)
