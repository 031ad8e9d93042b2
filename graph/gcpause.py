"""Pause Python's cyclic garbage collector while a bulk job allocates millions of objects that live on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(keep: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore it and collect once.

    The collector walks the young objects every few hundred allocations and, ever more often, the whole heap;
    reading records makes only objects that stay alive, so at 10^4 synthetic projects those walks were over half
    of the reading time and freed nothing. Reference counting still frees everything else at once; the full
    collection as the block ends finds any reference cycle made in it and moves what it left alive to the oldest
    generation (left to the collector, that walk would come twice, with the next allocations).

    ``keep``: the block loads what a long-running process holds until its next load (the API's build). Everything
    alive afterwards is frozen (``gc.freeze``), so no full collection walks it again: at 10^4 projects one such
    walk stalled the API for ~5 s in the middle of a 200 req/s run (bench/README.md, API). The previous load's
    objects are unfrozen first, so the collection finds their cycles once they are garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.unfreeze()
        if enabled:
            gc.enable()
            gc.collect()
        if keep:
            gc.freeze()
