"""What the SPARQL guard costs: api.sparql.shape.check (rdflib's parse tree, the shape rules) per query.

Measured as the query workers run it (same recursion limit), on the query editor's examples, ``ASK {}``, and
queries that grow: chains of ``||`` of 10 to 1,000 terms and groups nested 10 to 100 deep. Prints the median
milliseconds per query (a fresh parse; a query approved before is remembered and costs microseconds) and
whether the guard refused it. The parse runs inside the query worker, so it counts in the query's timeout.
"""

from __future__ import annotations

import statistics
import sys
import time

from api.errors import BadRequest, Forbidden
from api.sparql.examples import examples
from api.sparql.shape import PARSER_RECURSION, check
from bench.common import BASE_IRI, emit, parser


def _timed(query: str, repeat: int) -> tuple[float, bool]:
    """Median milliseconds of check(query) over ``repeat`` runs, each a fresh parse (the cache of queries
    already approved is left out), and whether it refused the query."""
    times, refused = [], False
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            check.__wrapped__(query)
        except (BadRequest, Forbidden):
            refused = True
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), refused


def run(repeat: int) -> dict:
    """Time every query ``repeat`` times; returns (and prints) the figures."""
    sys.setrecursionlimit(PARSER_RECURSION)
    editor = [e["query"] for e in examples(BASE_IRI)]
    example_ms = [_timed(q, repeat)[0] for q in editor]
    ask_ms, _ = _timed("ASK {}", repeat)
    chains, nested = {}, {}
    for n in (10, 100, 1000):
        ms, refused = _timed("SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?s"] * n) + ") }", repeat)
        chains[str(n)] = {"ms": round(ms, 1), "refused": refused}
    for n in (10, 50, 100):
        ms, refused = _timed("SELECT * WHERE " + "{ " * n + "?s ?p ?o" + " }" * n, repeat)
        nested[str(n)] = {"ms": round(ms, 1), "refused": refused}
    return emit(
        "sparql_guard",
        repeat=repeat,
        ask_ms=round(ask_ms, 2),
        examples={
            "queries": len(editor),
            "median_ms": round(statistics.median(example_ms), 1),
            "max_ms": round(max(example_ms), 1),
        },
        chains=chains,
        nested=nested,
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--repeat N``."""
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=20, help="runs per query (default 20; the median is reported)")
    args = p.parse_args(argv)
    run(args.repeat)


if __name__ == "__main__":
    main()
