"""``lires build``: data/ -> records -> a new Oxigraph store, validated, then switched in atomically.

The new build is written into ``{store}/builds/{id}``; only when everything succeeded does
``{store}/current`` move to it (an atomic rename of a symlink). A failure at any point,
including a killed process or a full disk, leaves the previous build serving.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson
import pyoxigraph as ox

from graph.gcpause import paused_gc
from graph.quads import quads, roles
from graph.shacl import Violation, plan, validate
from graph.store import BOUNDARIES_KEPT
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


def build(
    data: Path,
    store: Path,
    base_iri: str,
    progress: Callable[[Step], None] = lambda _: None,
    workbook: Path | None = None,
) -> BuildReport:
    """Build the graph from ``data`` into ``store`` and make it current, telling ``progress`` where it stands
    (rows read of the estimated total, then the SHACL check); the sheets of ``workbook`` (e.g. an upload,
    graph.uploads) are read in place of the data directory's files for the tables they hold.

    The municipal boundaries of ``data`` (optional, loaders.boundaries) are kept beside the store for the maps.
    Raises records.findings.DataError (bad input, with file/line/column), ShapeViolations
    (SHACL), BuildBusy (another build of ``store`` is running) or OSError (e.g. unwritable store
    or full disk); in every case the previous build stays current.
    """
    seconds: dict[str, float] = {}
    reading = Reading(data, progress=progress, workbook=workbook)
    with paused_gc():
        (store / "builds").mkdir(parents=True, exist_ok=True)
        with _exclusive(store):
            target = Path(tempfile.mkdtemp(prefix=dt.datetime.now().strftime("%Y%m%dT%H%M%S%f-"), dir=store / "builds"))
            try:
                target.chmod(0o755)
                report = _write(reading, target, base_iri, seconds, progress)
                _switch(store, target)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            _sync(store)
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
    reading: Reading, target: Path, base_iri: str, seconds: dict[str, float], progress: Callable[[Step], None]
) -> BuildReport:
    """Stream the data into the RDF store and records.jsonl (one fragment a line), then check SHACL on a sample.

    Raises DataError or ShapeViolations; the caller removes ``target`` then.
    """
    step = time.perf_counter()
    rdf = ox.Store(str(target / "oxigraph"))
    with open(target / "records.jsonl", "wb") as lines:

        def written(fragments: Iterator[Record]) -> Iterator[Record]:
            for fragment in fragments:
                lines.write(orjson.dumps(to_json(fragment)) + b"\n")
                yield fragment

        rdf.bulk_extend(roles(base_iri))
        rdf.bulk_extend(quads(base_iri, written(reading.fragments())))
    reading.raise_errors()
    boundaries, problems = read_boundaries(reading.directory)
    if problems:
        raise DataError(problems)
    if boundaries is not None:
        progress(Step(f"keep {BOUNDARIES} for the maps"))
        (target / BOUNDARIES_KEPT).write_bytes(orjson.dumps(boundaries))
    rdf.flush()
    triples = len(rdf)
    seconds["read_and_rdf"] = time.perf_counter() - step
    step = time.perf_counter()
    sample = plan(triples)
    progress(Step("validate with SHACL" + (f" (first {sample} nodes of each class)" if sample else "")))
    violations = validate(rdf, sample)
    seconds["shacl"] = time.perf_counter() - step
    if violations:
        raise ShapeViolations(violations)
    del rdf  # release the RocksDB lock before the store is opened read-only
    entities = dict(sorted(reading.checker.entities.items()))
    warnings = reading.findings
    manifest = {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "base_iri": base_iri,
        "triples": triples,
        "shacl": f"first {sample} nodes of each class" if sample else "all triples",
        "entities": entities,
        "files": reading.files,
        "workbook": reading.workbook.name if reading.workbook else None,
        "seconds": seconds,
        "warnings": [str(w) for w in warnings],
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return BuildReport(target, entities, triples, warnings, seconds)


def _switch(store: Path, target: Path) -> None:
    """Point ``store/current`` at ``target`` with one atomic rename."""
    temporary = store / f".current-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target.relative_to(store))
    os.replace(temporary, store / "current")


def _sync(directory: Path) -> None:
    """Flush a directory entry to disk, so that the switch survives a power cut, not only a killed process."""
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


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
