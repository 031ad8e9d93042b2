"""Whether the graph in Neo4j is whole: one ``LoadState`` node that a load marks ``loading`` before it writes
anything and ``complete`` after its last write.

A load that is killed half-way (nodes written, relationships not yet) leaves the node at ``loading``, so
``/health``, ``/cypher`` and ``lires neo4j-load --status`` can tell a half-written graph from a whole one; the
next load, a full sync, makes the graph whole and marks it ``complete``. The node also keeps the last complete
load (its build and time) while a new one runs. Its label is no schema label, the load's full sync leaves it
alone, and it has no relationships. A database without the node (never loaded, or loaded by a
version before it) counts as whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import neo4j

LABEL = "LoadState"
"""The label of the one node that holds the state of the loads."""

BEGIN = (
    "MERGE (s:LoadState {name: 'lires'}) "
    "SET s.state = 'loading', s.build = $build, s.started_at = datetime(), s.finished_at = null"
)
FINISH = (
    "WITH datetime() AS now MATCH (s:LoadState {name: 'lires'}) "
    "SET s.state = 'complete', s.finished_at = now, s.complete_build = s.build, s.complete_at = now"
)
READ = (
    "MATCH (s:LoadState {name: 'lires'}) RETURN s.state AS state, s.build AS build, "
    "toString(s.started_at) AS started_at, toString(s.finished_at) AS finished_at, "
    "s.complete_build AS complete_build, toString(s.complete_at) AS complete_at"
)


@dataclass(frozen=True)
class LoadState:
    """The last load: ``state`` (``loading`` or ``complete``), the build it loads (its id, "" when not given),
    when it started and finished (ISO 8601, finished None while loading), and the last complete load's build
    and time (None before the first complete load)."""

    state: str
    build: str
    started_at: str
    finished_at: str | None
    complete_build: str | None
    complete_at: str | None

    @property
    def complete(self) -> bool:
        """True when the last load finished: the graph is whole."""
        return self.state == "complete"

    def describe(self) -> str:
        """One sentence for people: what the graph holds and, when incomplete, what to do."""
        last = (
            f"the last complete load was of build {self.complete_build or '?'} at {self.complete_at}"
            if self.complete_at
            else "no load has completed yet"
        )
        if self.complete:
            return f"complete: build {self.build or '?'} loaded at {self.finished_at}"
        return (
            f"incomplete: a load of build {self.build or '?'} started at {self.started_at} has not finished "
            f"(it is running, or it was interrupted: run `lires neo4j-load` to finish it); {last}"
        )


def begin(session: neo4j.Session, build: str) -> None:
    """Mark the graph ``loading`` (of ``build``), before the load writes anything."""
    session.execute_write(lambda tx: tx.run(BEGIN, build=build).consume())


def finish(session: neo4j.Session) -> None:
    """Mark the graph ``complete``, after the load's last write."""
    session.execute_write(lambda tx: tx.run(FINISH).consume())


def read(tx: neo4j.Transaction | neo4j.Session) -> LoadState | None:
    """The state of the loads, or None when no load has marked this database."""
    record = tx.run(READ).single()
    return None if record is None else LoadState(**record.data())
