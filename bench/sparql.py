"""SPARQL benchmark: the gap and synergy queries on our Oxigraph store against rdflib's in-memory graph.

    python -m bench.sparql --projects 2000

Three engines hold the same triples: our store as the API opens it (Oxigraph on disk, read-only),
the same triples in an in-memory Oxigraph store, and an rdflib Graph (loading is not timed).
They run the same queries (bench/queries/*.rq, with PREFIX lines from the schema) and their
answers are compared row by row. Prints one JSON line with the median seconds per query and
engine, and the speed-up (rdflib / our store; target >= 20).
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from bench.common import built, emit, parser, timed
from graph.store import open_current
from ontology.vocab import vocabulary

QUERIES = Path(__file__).with_name("queries")


def query(name: str) -> str:
    """The text of ``queries/{name}.rq`` with a PREFIX line for every prefix of the schema."""
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(vocabulary().prefixes.items()))
    return prefixes + (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _oxigraph_rows(store: ox.Store, text: str) -> list[tuple[str, ...]]:
    solutions = store.query(text)
    names = [v.value for v in solutions.variables]
    return [tuple(str(s[n].value) if s[n] is not None else "" for n in names) for s in solutions]


def _rdflib_rows(graph: rdflib.Graph, text: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) if v is not None else "" for v in row) for row in graph.query(text)]


def run(projects: int, seed: int, work: Path, repeat: int) -> dict:
    """Time both queries on both engines; raises RuntimeError when the answers differ."""
    store = open_current(built(work, projects, seed)).rdf
    memory = ox.Store()
    memory.bulk_extend(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    started = time.perf_counter()
    graph = rdflib.Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                                 format="nt")
    load_s = time.perf_counter() - started
    figures: dict = {}
    for name in ("gaps", "synergy"):
        text = query(name)
        oxigraph_s, ours = timed(lambda: _oxigraph_rows(store, text), repeat)
        memory_s, in_memory = timed(lambda: _oxigraph_rows(memory, text), repeat)
        rdflib_s, theirs = timed(lambda: _rdflib_rows(graph, text), max(1, repeat // 3))
        if not ours == in_memory == theirs:
            raise RuntimeError(f"{name}: the engines disagree ({len(ours)}, {len(in_memory)} and {len(theirs)} rows)")
        figures[name] = {"rows": len(ours), "oxigraph_s": round(oxigraph_s, 4),
                         "oxigraph_memory_s": round(memory_s, 4), "rdflib_s": round(rdflib_s, 4),
                         "speedup": round(rdflib_s / oxigraph_s, 1),
                         "speedup_memory": round(rdflib_s / memory_s, 1)}
    return emit("sparql", projects=projects, triples=len(graph), rdflib_load_s=round(load_s, 2), **figures,
                speedup=min(f["speedup"] for f in figures.values()), target_speedup=20)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --seed S --work DIR --repeat R``."""
    p = parser(__doc__.split("\n\n")[0], projects=2_000)
    p.add_argument("--repeat", type=int, default=5, help="runs per query on Oxigraph (rdflib: a third)")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.repeat)


if __name__ == "__main__":
    main()
