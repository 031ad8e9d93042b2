"""SPARQL queries run in worker processes that are killed at the deadline.

pyoxigraph cannot interrupt a running query, so each query is evaluated in one of a few
worker processes, each holding the build's store: an in-memory copy when the build is small
enough (graph.stores.oxigraph.OxigraphGraph.in_memory), else the store on disk opened read-only. (A remote
store evaluates its own queries: api.sparql.remote.) The app
waits for the answer until the deadline; if it has not come, the worker is killed (SIGKILL),
which frees its CPU and memory at once, and a fresh worker takes its place.

What the timeout guarantees: no query is evaluated for longer than ``timeout_s``. Its
answer arrives within ``timeout_s`` of being handed to a worker, or the request fails with
504 and the evaluation stops at once. A request waits at most ``timeout_s`` more for a free
worker (503 after that). All workers start on the first query (about a second), each opening the
build as it starts, and a worker opens a newer build on its first query of it (up to OPEN_S: the
in-memory copy of a million triples takes 10-20 s); neither is counted in the timeout.

A worker has no network: before it says it is ready it installs a seccomp filter on itself that refuses to
create sockets (api.sparql.sandbox), so not even Oxigraph's own code can send a request; a worker that
cannot install it never serves (503 naming the reason).
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

from api.errors import BadRequest, Forbidden, NotAcceptable, QueryTimeout, ServiceUnavailable
from api.sparql.sandbox import SandboxUnavailable, forbid_network
from api.sparql.service import Answer, QueryRequest, answer
from api.sparql.shape import PARSER_RECURSION
from graph.stores.oxigraph import OxigraphGraph

STARTUP_S = 60.0
"""Longest wait for a new worker process to be ready (imports), before its first query."""
OPEN_S = 120.0
"""Longest wait for a worker to open a build (the in-memory copy of LIRES_SPARQL_IN_MEMORY_TRIPLES triples)."""
_PASSED_ON = (BadRequest, Forbidden, NotAcceptable)
"""Exceptions a worker hands back as they are; anything else becomes a RuntimeError with its message."""


def _serve(conn: Connection, max_rows: int, in_memory_triples: int, build: str) -> None:
    """Worker loop: close the network (or say ``("unavailable", reason)`` and end), open ``build`` (a path, or
    "" for none), say ``("ready", the path opened or None)``, then receive ``("open", build path)`` (answered
    with ``("opened", None)``) and ``("query", QueryRequest)`` (answered with ``("ok", Answer)``), each failure
    answered with ``("error", exception)``, until the app closes the socket (or goes away)."""
    store: OxigraphGraph | None = None
    sys.setrecursionlimit(PARSER_RECURSION)
    try:
        try:
            forbid_network()
        except SandboxUnavailable as exc:
            conn.send(("unavailable", str(exc)))
            return
        try:
            store = OxigraphGraph.read_only(Path(build)).in_memory(in_memory_triples) if build else None
        except Exception:  # e.g. the build was replaced meanwhile: the first query opens the current one
            build = ""
        conn.send(("ready", build or None))
        while True:
            kind, payload = conn.recv()
            reply: tuple[str, object]
            try:
                if kind == "open":
                    store = None  # the old build's copy is freed before the new one is made
                    store = OxigraphGraph.read_only(Path(payload)).in_memory(in_memory_triples)
                    reply = ("opened", None)
                elif store is None:
                    reply = ("error", RuntimeError("no build is open; send ('open', build path) first"))
                else:
                    reply = ("ok", answer(store, payload, max_rows))
            except _PASSED_ON as exc:
                reply = ("error", exc)
            except Exception as exc:
                reply = ("error", RuntimeError(f"{type(exc).__name__}: {exc}"))
            conn.send(reply)
    except (EOFError, OSError):
        return


class _Worker:
    """One worker process (``python -m api.sparql.workers FD MAX_ROWS IN_MEMORY_TRIPLES BUILD``) and the app's
    end of its socket, with the build it has open; it opens ``build`` as it starts, before it says it is ready.

    A plain subprocess, not multiprocessing's spawn: the worker never re-imports the app's main module.
    """

    def __init__(self, max_rows: int, in_memory_triples: int, build: str) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(theirs.fileno()), str(max_rows), str(in_memory_triples), build],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
            )
        self.conn = Connection(ours.detach())
        self.ready = False
        self.build: str | None = None

    def wait_ready(self) -> str | None:
        """Wait (at most STARTUP_S + OPEN_S) for the worker's ready message: None once it came, else why the
        worker cannot serve. Raises EOFError or OSError when the worker has gone away."""
        if not self.ready:
            if not self.conn.poll(STARTUP_S + OPEN_S):
                return f"the query worker did not start within {STARTUP_S + OPEN_S:g} s; try again later"
            status, detail = self.conn.recv()
            if status != "ready":
                return detail
            self.ready, self.build = True, detail
        return None

    def ask(self, message: tuple, wait_s: float) -> tuple | None:
        """Send ``message`` and return the reply, or None when none came within ``wait_s`` seconds.

        Raises EOFError or OSError when the worker has gone away.
        """
        self.conn.send(message)
        return self.conn.recv() if self.conn.poll(wait_s) else None

    def stop(self) -> None:
        """Kill the process (no-op when it has ended) and close the socket."""
        self.process.kill()
        self.process.wait()
        self.conn.close()


class QueryWorkers:
    """A pool of ``count`` query worker processes with a per-request deadline and a result-size cap; each
    worker holds a build of at most ``in_memory_triples`` triples in memory."""

    def __init__(self, count: int, timeout_s: float, max_rows: int, in_memory_triples: int) -> None:
        self.count, self.timeout_s, self.max_rows = count, timeout_s, max_rows
        self.in_memory_triples = in_memory_triples
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()

    def run(self, build: Path, request: QueryRequest) -> Answer:
        """Answer ``request`` on the store of ``build`` within the timeout.

        Raises what api.sparql.service.answer raises, QueryTimeout (the worker was killed),
        ServiceUnavailable (no free worker in time, the worker died, could not close its network or
        could not open the build within OPEN_S) or RuntimeError.
        """
        self._start_all(str(build))
        worker = self._acquire(time.monotonic() + self.timeout_s)
        try:
            reason = worker.wait_ready()
            if reason:
                self._replace(worker, str(build))
                raise ServiceUnavailable(reason)
            if worker.build != str(build):
                opened = worker.ask(("open", str(build)), OPEN_S)
                if opened is None:
                    self._replace(worker, str(build))
                    raise ServiceUnavailable(
                        f"the query worker took longer than {OPEN_S:g} s to open the graph; try again later"
                    )
                self._check(worker, opened)
                worker.build = str(build)
            reply = worker.ask(("query", request), self.timeout_s)
        except (EOFError, OSError):
            self._replace(worker, str(build))
            raise ServiceUnavailable("the query worker stopped unexpectedly (out of memory?); try again") from None
        if reply is None:
            self._replace(worker, str(build))
            raise QueryTimeout(
                f"the query ran longer than {self.timeout_s:g} s and was stopped; narrow it down or add a LIMIT"
            )
        self._check(worker, reply)
        self._idle.put(worker)
        return reply[1]

    def _check(self, worker: _Worker, reply: tuple) -> None:
        """Raise the exception a worker reported, after putting the (healthy) worker back."""
        status, payload = reply
        if status == "error":
            self._idle.put(worker)
            raise payload

    def _start_all(self, build: str) -> None:
        """Start the workers not started yet, all at once, each opening ``build`` as it starts: the first
        query waits for one worker, and the others are ready by the time they are needed."""
        with self._lock:
            while self._started < self.count:
                self._started += 1
                self._idle.put(_Worker(self.max_rows, self.in_memory_triples, build))

    def _acquire(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise ServiceUnavailable(
                f"all {self.count} query workers stayed busy for {self.timeout_s:g} s; try again later"
            ) from None

    def _replace(self, worker: _Worker, build: str) -> None:
        """Kill ``worker`` and put a fresh one in its place (it starts and opens ``build`` in the background)."""
        worker.stop()
        self._idle.put(_Worker(self.max_rows, self.in_memory_triples, build))

    def close(self) -> None:
        """Stop every idle worker (busy ones are killed when their request ends or by process exit)."""
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
