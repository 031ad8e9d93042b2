"""Read-only Cypher against the configured Neo4j, safe to expose to anyone.

Four guards, none of them keyword matching:
1. every query runs in a READ access-mode transaction with a timeout, so the server itself refuses writes;
2. the query is ``EXPLAIN``ed first, and the planner's query type must be ``r`` (read only);
3. the plan may call only the procedures in ALLOWED_PROCEDURES, and may not contain ``LOAD CSV``
   (reads files and URLs) or server commands (``SHOW SETTINGS``, ``TERMINATE TRANSACTIONS``, ...);
4. at most ``cypher_max_rows`` rows are read.
Cost is bounded by the server (docs/neo4j.md, "Hostile queries"): the transaction's timeout and Neo4j's memory
limits end a query that runs too long or collects too much, and a value that outgrows the heap fails its own
query; each becomes a CypherInvalid. The answer never waits much beyond the timeout: the query runs in one of
``cypher_workers`` threads and is abandoned at its deadline, because Neo4j checks for termination between rows,
not inside one expression (the local server's watchdog restarts a server stuck in such a query).
The servers this project runs (scripts/neo4j-local.sh, docker-compose.yml) have no plugins, so there is no
user-defined function that could reach files or the network.
The driver is opened on first use and dropped after a connection failure, so a server that was down
is used again as soon as it is back, without a restart. While a load has not completed (graph.neo4j.load_state:
it runs, or it was interrupted), the graph may be half-written, and queries are refused as unavailable.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.neo4j import load_state
from graph.neo4j.client import NOT_CONFIGURED, connect
from graph.neo4j.load_state import LoadState
from graph.settings import Settings

ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)
"""Procedures a query may call: read-only views of the graph's schema, nothing about files, network or config."""

REFUSED_OPERATORS = {"LoadCSV": "LOAD CSV reads files and URLs"}
COMMAND_PREFIXES = ("Show", "Terminate", "Administration")
"""Plan operators of server commands (SHOW SETTINGS, SHOW TRANSACTIONS, TERMINATE TRANSACTIONS, ...)."""

QUERY_TYPES: dict[str | None, str] = {
    "rw": "writes to the graph",
    "w": "writes to the graph",
    "s": "changes the schema or administers the server",
}

MEMORY_ERRORS = (
    "Neo.ClientError.General.TransactionOutOfMemoryError",
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.OutOfMemoryError",
)
"""Neo4j's codes for a query over its transaction memory limit, over the limit of all transactions, and for a
value that outgrew the heap."""
DEADLINE_SLACK_S = 2.0
"""How long past its timeout a query is waited for: Neo4j checks timeouts every second."""

EXPLAIN = "EXPLAIN\n"
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


class Neo4jUnavailable(RuntimeError):
    """Neo4j is not configured, not reachable, or rejects the configured credentials."""


class CypherRefused(Exception):
    """The query would write, read files or URLs, call a procedure outside the allow-list or run a command."""


class CypherInvalid(ValueError):
    """The server rejects the query: syntax or type error, missing parameter, timeout, or too many rows."""


@dataclass(frozen=True)
class CypherResult:
    """Column names and rows of driver values (Node, Relationship, Path, neo4j.time types, ...)."""

    columns: list[str]
    rows: list[list[object]]


def _operators(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("children", []):
        yield from _operators(child)


def refusal(summary: neo4j.ResultSummary) -> str | None:
    """Why the ``EXPLAIN``ed query must not run, or None when it only reads the graph."""
    for operator in _operators(summary.plan or {}):
        name = str(operator.get("operatorType", "")).split("@")[0]
        details = str(operator.get("args", {}).get("Details", ""))
        if name == "ProcedureCall":
            procedure = details.split("(")[0].strip()
            if procedure not in ALLOWED_PROCEDURES:
                return f"procedure {procedure} is not allowed; allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}"
        elif name in REFUSED_OPERATORS:
            return f"{REFUSED_OPERATORS[name]} and is not allowed"
        elif name.startswith(COMMAND_PREFIXES):
            return f"server commands ({name}) are not allowed; query the graph instead"
    if summary.query_type != "r" or summary.plan is None:
        return f"the query {QUERY_TYPES.get(summary.query_type, 'is not a read query')}; /cypher is read-only"
    return None


class Neo4jReader:
    """Runs read-only Cypher with the limits of ``settings`` (cypher_timeout_s, cypher_max_rows, cypher_workers)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._driver: neo4j.Driver | None = None
        self._workers = ThreadPoolExecutor(settings.cypher_workers, thread_name_prefix="cypher")
        self._free = threading.BoundedSemaphore(settings.cypher_workers)

    def _get(self) -> neo4j.Driver:
        if not self.settings.neo4j_uri:
            raise Neo4jUnavailable(NOT_CONFIGURED)
        with self._lock:
            if self._driver is None:
                self._driver = connect(self.settings)
            return self._driver

    def close(self) -> None:
        """Close the driver (a later call opens a new one)."""
        with self._lock:
            driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()

    def shutdown(self) -> None:
        """Close the driver and stop the worker threads (queries still running are abandoned)."""
        self.close()
        self._workers.shutdown(wait=False, cancel_futures=True)

    def status(self) -> str:
        """``up``, ``incomplete`` (a load started and has not finished), ``down`` or ``not configured``, for
        /health."""
        if not self.settings.neo4j_uri:
            return "not configured"
        try:
            self._get().verify_connectivity()
        except (Neo4jError, DriverError):
            self.close()
            return "down"
        last = self.last_load()
        return "incomplete" if last is not None and not last.complete else "up"

    def last_load(self) -> LoadState | None:
        """The state of the loads into this Neo4j, or None when it is not configured, down or never marked."""
        if not self.settings.neo4j_uri:
            return None
        try:
            with self._get().session(
                default_access_mode=neo4j.READ_ACCESS, database=self.settings.neo4j_database
            ) as session:
                return load_state.read(session)
        except (Neo4jError, DriverError):
            return None

    def query(self, text: str, parameters: dict[str, object] | None = None) -> CypherResult:
        """Run ``text`` with bound ``parameters`` read-only and return at most ``cypher_max_rows`` rows.

        Raises CypherRefused (writes, LOAD CSV, procedures outside ALLOWED_PROCEDURES, commands),
        CypherInvalid (the server's message for a bad query, also an internal error it raises on one; a timeout
        after ``cypher_timeout_s`` seconds, also when Neo4j has not yet stopped the query; a query over Neo4j's
        memory limits; more than ``cypher_max_rows`` rows; a value nested too deeply to read; an integer
        parameter beyond 64 bits or text with a lone surrogate) and Neo4jUnavailable (not configured, down, bad
        credentials, all ``cypher_workers`` busy, a load that has not completed).
        """
        future = self.submit(text, parameters)
        try:
            return future.result(timeout=self.deadline_s)
        except FutureTimeout:
            raise self.timed_out() from None

    @property
    def deadline_s(self) -> float:
        """How long an answer is waited for: the query timeout and a little slack (DEADLINE_SLACK_S)."""
        return self.settings.cypher_timeout_s + DEADLINE_SLACK_S

    def timed_out(self) -> CypherInvalid:
        """The error for a query that has not answered by ``deadline_s`` (it may still run in Neo4j)."""
        return CypherInvalid(_timed_out(self.settings.cypher_timeout_s))

    def submit(self, text: str, parameters: dict[str, object] | None = None) -> Future[CypherResult]:
        """Start ``text`` in one of the ``cypher_workers`` threads and return its future, which ends with what
        ``query`` returns or raises; the thread stays taken until Neo4j has ended the query, also when nobody
        waits any more. Raises Neo4jUnavailable at once when Neo4j is not configured or all threads are taken.
        """
        driver = self._get()
        if not self._free.acquire(blocking=False):
            raise Neo4jUnavailable(f"all {self.settings.cypher_workers} Cypher workers are busy; retry in a moment")
        try:
            future = self._workers.submit(self._run, driver, text, parameters or {})
        except RuntimeError:  # shut down
            self._free.release()
            raise Neo4jUnavailable("the Cypher workers are stopped") from None
        future.add_done_callback(lambda _: self._free.release())
        return future

    def _run(self, driver: neo4j.Driver, text: str, parameters: dict[str, object]) -> CypherResult:
        """The query in one READ transaction with the timeout; raises what ``query`` documents."""
        limit, timeout = self.settings.cypher_max_rows, self.settings.cypher_timeout_s
        try:
            with (
                driver.session(default_access_mode=neo4j.READ_ACCESS, database=self.settings.neo4j_database) as session,
                session.begin_transaction(timeout=timeout) as tx,
            ):
                reason = refusal(_explain(tx, text, parameters, timeout))
                if reason:
                    raise CypherRefused(reason)
                last = load_state.read(tx)  # after EXPLAIN: a server command may not share its transaction
                if last is not None and not last.complete:
                    raise Neo4jUnavailable(
                        f"Neo4j may hold a half-written graph ({last.describe()}); "
                        "/cypher answers again once a load has completed"
                    )
                result = tx.run(text, parameters)
                rows: list[list[object]] = []
                for record in result:
                    if len(rows) == limit:
                        raise CypherInvalid(f"the result has more than {limit} rows; add a LIMIT")
                    rows.append(list(record.values()))
                return CypherResult(list(result.keys()), rows)
        except AuthError as exc:
            self.close()
            raise Neo4jUnavailable(f"Neo4j rejects the configured NEO4J_USER/NEO4J_PASSWORD: {exc.message}") from None
        except (ClientError, TransientError) as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise Neo4jUnavailable(
                    f"Neo4j at {self.settings.neo4j_uri} has no database {self.settings.neo4j_database!r} "
                    "(NEO4J_DATABASE)"
                ) from None
            if isinstance(exc, TransientError) and exc.code not in MEMORY_ERRORS:
                raise Neo4jUnavailable(f"Neo4j could not run the query now: {exc.message}; retry") from None
            raise _client_error(exc, timeout) from None
        except (OverflowError, UnicodeEncodeError) as exc:  # the driver packs parameters before sending them
            raise CypherInvalid(
                f"a parameter cannot be sent to Neo4j: {exc} (integers are 64-bit, text is UTF-8 without lone "
                "surrogates)"
            ) from None
        except RecursionError:  # the driver unpacks nested lists and maps recursively
            raise CypherInvalid(
                "a value in the result is nested too deeply to be read; return a flatter value"
            ) from None
        except DatabaseError as exc:  # e.g. Neo4j 5.26 reporting a syntax error after a character beyond U+FFFF
            raise CypherInvalid(
                f"Neo4j failed on this query with an internal error ({exc.message}); check the query"
            ) from None
        except (ServiceUnavailable, SessionExpired) as exc:
            self.close()
            raise Neo4jUnavailable(
                f"Neo4j at {self.settings.neo4j_uri} is not reachable ({exc}); "
                "the rest of the API works, and /cypher works again once Neo4j is back"
            ) from None
        except (Neo4jError, DriverError) as exc:
            raise Neo4jUnavailable(f"Neo4j could not run the query: {exc}") from None


def _timed_out(timeout: float) -> str:
    return f"the query ran longer than {timeout:g} s; narrow it down or add a LIMIT"


def _explain(tx: neo4j.Transaction, text: str, parameters: dict[str, object], timeout: float) -> neo4j.ResultSummary:
    """The plan of ``text``; errors report positions in ``text``, not in the ``EXPLAIN`` query."""
    try:
        return tx.run(EXPLAIN + text, parameters).consume()
    except ClientError as exc:
        raise _client_error(exc, timeout, explained=True) from None


def _client_error(exc: Neo4jError, timeout: float, explained: bool = False) -> Exception:
    """The CypherRefused or CypherInvalid for a server error (``explained``: raised by the EXPLAIN query)."""
    code = exc.code or ""
    if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
        return CypherInvalid(_timed_out(timeout))
    if code in MEMORY_ERRORS:
        return CypherInvalid(
            "the query needs more memory than Neo4j allows a query; narrow it down, aggregate "
            f"less or return smaller values ({exc.message})"
        )
    if code in ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden"):
        return CypherRefused(f"{exc.message}; /cypher is read-only")
    message = exc.message or code
    if explained:  # EXPLAIN takes the first line: move positions back into the user's query
        message = _POSITION.sub(
            lambda m: f"(line {int(m[1]) - 1}, column {m[2]} (offset: {int(m[3]) - len(EXPLAIN)}))", message
        )
    return CypherInvalid(message)
