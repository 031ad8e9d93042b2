"""Fair sharing of a query engine (the SPARQL workers, the Cypher connection to Neo4j) among clients.

Each engine has a gate, apart from the thread pool every other route uses, so a flood of queries never delays
/health, pages, entity lookups or dumps. A gate lets at most ``slots`` queries run at once, and at most
``per_client`` of them from one client; a client's next query waits its turn (one per running query), and
beyond that it is refused. Waiting queries form one queue, first come first served, of at most ``queue``
requests, each waiting at most WAIT_FACTOR times the engine's query timeout (long enough for the query ahead of
it to be stopped). A query holds its slot until its work has ended, also when that is after its answer (a
Cypher query Neo4j has not stopped at its deadline), so abandoned work counts against its client. A refusal
is Overloaded (503 with ``Retry-After``: the query timeout). All bookkeeping happens on the event loop, so it
needs no lock.
"""

from __future__ import annotations

import asyncio
import math
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future
from contextlib import asynccontextmanager
from typing import TypeVar

import anyio

from api.errors import Overloaded

T = TypeVar("T")

WAIT_FACTOR = 1.5
"""How long a query may wait for a slot, in query timeouts."""


class Ticket:
    """A query's admission: its slot is given back when the gate's block ends, or later when ``keep_until``
    named work that is still running then."""

    def __init__(self) -> None:
        self.work: Future | None = None

    def keep_until(self, work: Future) -> None:
        """Keep the slot until ``work`` (a concurrent future) has ended."""
        self.work = work


class QueryGate:
    """Admission to one engine (``engine`` names it in messages) for ``slots`` queries at once, ``per_client``
    of them per client address, ``queue`` waiting; ``timeout_s`` is the engine's query timeout."""

    def __init__(self, engine: str, slots: int, per_client: int, queue: int, timeout_s: float) -> None:
        self.engine, self.slots, self.per_client, self.queue = engine, slots, per_client, queue
        self.wait_s = WAIT_FACTOR * timeout_s
        self.retry_after = max(1, math.ceil(timeout_s))
        self.running: Counter[str] = Counter()
        self.in_flight: Counter[str] = Counter()
        self.waiting: deque[tuple[str, asyncio.Future]] = deque()
        self.threads = anyio.CapacityLimiter(slots)

    async def run(self, client: str, call: Callable[..., T], *args) -> T:
        """Run the blocking ``call(*args)`` in one of this engine's ``slots`` threads once ``client`` is
        admitted; return its result. Raises what ``admit`` and ``call`` raise."""
        async with self.admit(client):
            return await anyio.to_thread.run_sync(call, *args, limiter=self.threads)

    @asynccontextmanager
    async def admit(self, client: str) -> AsyncIterator[Ticket]:
        """Wait for a slot for ``client`` and hold it for the block (and any work the ticket keeps).

        Raises Overloaded when the client already has 2 x ``per_client`` queries in flight, the queue is full
        or no slot came free in time.
        """
        if self.in_flight[client] >= 2 * self.per_client:
            raise self._refusal(
                f"{client} already has {self.in_flight[client]} {self.engine} queries running or waiting; "
                "send the next one when one has been answered"
            )
        self.in_flight[client] += 1
        try:
            await self._slot(client)
        except BaseException:
            self._leave(client)
            raise
        ticket = Ticket()
        try:
            yield ticket
        finally:
            work = ticket.work
            if work is None or work.done():
                self._release(client)
            else:
                loop = asyncio.get_running_loop()
                work.add_done_callback(lambda _: loop.call_soon_threadsafe(self._release, client))

    def _can_run(self, client: str) -> bool:
        return self.running.total() < self.slots and self.running[client] < self.per_client

    async def _slot(self, client: str) -> None:
        """Take a slot for ``client`` now, or wait in the queue until _release hands one over."""
        if self._can_run(client):
            self.running[client] += 1
            return
        if len(self.waiting) >= self.queue:
            raise self._refusal(f"{self.queue} {self.engine} queries are already waiting")
        entry = (client, asyncio.get_running_loop().create_future())
        self.waiting.append(entry)
        try:
            await asyncio.wait({entry[1]}, timeout=self.wait_s)
        finally:
            if not entry[1].done():  # timed out or cancelled before a slot came
                self.waiting.remove(entry)
                entry[1].cancel()
            elif (task := asyncio.current_task()) is not None and task.cancelling():  # a slot came, the request went
                self._give_back(client)
        if entry[1].cancelled():
            raise self._refusal(f"no {self.engine} slot came free within {self.wait_s:g} s")

    def _leave(self, client: str) -> None:
        self.in_flight[client] -= 1
        if not self.in_flight[client]:
            del self.in_flight[client]

    def _release(self, client: str) -> None:
        """The end of a query of ``client``: its slot goes back and it is no longer in flight."""
        self._give_back(client)
        self._leave(client)

    def _give_back(self, client: str) -> None:
        """Give back ``client``'s slot and hand free slots to the first waiting queries that may run."""
        self.running[client] -= 1
        if not self.running[client]:
            del self.running[client]
        for entry in list(self.waiting):
            waiter, future = entry
            if self._can_run(waiter):
                self.waiting.remove(entry)
                self.running[waiter] += 1
                future.set_result(None)

    def _refusal(self, why: str) -> Overloaded:
        return Overloaded(
            f"{why}; all {self.slots} {self.engine} slots are shared fairly among clients "
            f"({self.per_client} running per client); retry in {self.retry_after} s",
            self.retry_after,
        )
