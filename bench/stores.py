"""SPARQL side by side: LIRES's /sparql on its embedded store against Apache Jena Fuseki and OpenLink Virtuoso
holding the same triples, all over HTTP with the SPARQL 1.1 Protocol.

    python -m bench.stores --projects 10000 [--stores fuseki virtuoso] [--repeat 3]

The stores are the local ones of scripts/fuseki-local.sh and scripts/virtuoso-local.sh, found at
LIRES_TEST_FUSEKI_URL and LIRES_TEST_VIRTUOSO_URL (bench.servers). Each is loaded by ``lires build`` with
LIRES_RDF_STORE=sparql from the same synthetic data as the embedded build (timed: the ``load_s`` figure; kept for
the next run while the store still holds the graph). ``lires serve`` then answers on the embedded store, and once
more forwarding to each remote store (the ``lires+{store}`` columns: what the forwarding costs). Every query of
bench/queries runs ``repeat`` times on every endpoint after one warm-up query each; answers are compared row by row
(numbers by value). In the same run, LIRES's own analysis answers on the embedded build: ``/api/gaps`` and
``/api/synergies``, first (analysis tables made, as after a new build) and kept (median of ``repeat``), against the
fastest peer's answer to the equivalent SPARQL (gaps.rq or gaps-not-exists.rq; synergy.rq). Prints one JSON line:
per query the median seconds per endpoint and LIRES / Fuseki (target <= 3), the analysis answers with their ratio
to the fastest peer (target <= 1), plus each server's resident memory (its process tree) at the end.
"""

from __future__ import annotations

import shutil
import time
from contextlib import ExitStack
from functools import partial
from pathlib import Path

import httpx
import psutil
import pyoxigraph as ox
import rdflib

from bench.analysis_api import endpoint_times
from bench.common import BASE_IRI, built, dataset, emit, parser, served, timed
from bench.servers import STORE_SERVERS
from bench.sparql import QUERIES, query
from graph.analysis.tables import CACHE
from graph.settings import Settings
from graph.store import NoGraph, open_current
from graph.stores.sparql import SparqlStore
from ontology.formats import SPARQL_JSON

TIMEOUT_S = 900.0
"""The longest a query may take on any endpoint here (LIRES_SPARQL_TIMEOUT_S of the served apps, the client's)."""
TARGET_RATIO = 3
"""LIRES's /sparql on its embedded store within 3x of Fuseki on every bench query (issue 16)."""
PEER_QUERIES = {"gaps": ("gaps", "gaps-not-exists"), "synergies": ("synergy",)}
"""The bench queries that answer what each analysis endpoint answers (``/api/{name}``)."""


def answer_rows(body: bytes) -> list[tuple]:
    """The rows of a SPARQL JSON result, literals by value (rdflib's Python value) and language: Oxigraph writes a
    number in its canonical form, Fuseki and Virtuoso as loaded ("57000000" against "57000000.0")."""
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    return [tuple(_value(solution[v]) for v in solutions.variables) for solution in solutions]


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> object:
    if not isinstance(term, ox.Literal):
        return term
    datatype = None if term.language else term.datatype.value
    return rdflib.Literal(term.value, lang=term.language, datatype=datatype).toPython(), term.language


def _remote_build(work: Path, projects: int, seed: int, name: str, settings: Settings) -> tuple[Path, float | None]:
    """The store directory of the synthetic build loaded into ``name``, and the seconds the load took (None
    when an earlier run's graph was still there)."""
    from graph.build import build

    store = work / f"store-{projects}-{seed}-{name}"
    rdf = SparqlStore(settings)
    try:
        current = open_current(store, rdf)
        if current.rdf.count() == current.manifest["triples"]:
            return store, None
    except NoGraph:
        pass
    started = time.perf_counter()
    build(dataset(work, projects, seed), store, BASE_IRI, rdf=rdf)
    return store, round(time.perf_counter() - started, 1)


def _post(client: httpx.Client, url: str, text: str, graph: str | None) -> bytes:
    form = {"query": text, **({"default-graph-uri": graph} if graph else {})}
    response = client.post(url, data=form, headers={"Accept": SPARQL_JSON.media_type})
    response.raise_for_status()
    return response.content


def _pid(port: int) -> int:
    """The process listening on ``port``; raises LookupError when none is."""
    for connection in psutil.net_connections(kind="tcp"):
        if (
            connection.status == psutil.CONN_LISTEN
            and getattr(connection.laddr, "port", None) == port
            and connection.pid
        ):
            return connection.pid
    raise LookupError(f"nothing listens on port {port}")


def _resident_mib(port: int) -> float:
    """Resident memory (MiB) of the process listening on ``port`` and its children (LIRES's query workers)."""
    try:
        process = psutil.Process(_pid(port))
    except LookupError:
        return float("nan")
    return round(sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**20)


def _analysis(client: httpx.Client, root: str, queries: dict, peers: list[str], repeat: int) -> dict:
    """``/api/gaps`` and ``/api/synergies`` of the embedded LIRES at ``root`` (first and kept), each beside the
    fastest peer's median on its equivalent bench queries in ``queries`` (this run's figures) and their ratio."""
    out = {}
    for name, equivalents in PEER_QUERIES.items():
        times, _ = endpoint_times(client, f"{root}/api/{name}", repeat, _pid(httpx.URL(root).port or 80))
        fastest = min((queries[q]["seconds"][peer] for q in equivalents for peer in peers), default=None)
        out[name] = {
            **times,
            "fastest_peer_s": fastest,
            "kept_over_fastest_peer": round(times["kept_median_s"] / fastest, 4) if fastest else None,
        }
    return out


def run(projects: int, seed: int, work: Path, repeat: int, names: list[str]) -> dict:
    """Load, serve and time every query on every endpoint; raises RuntimeError when answers differ."""
    embedded = built(work, projects, seed)
    shutil.rmtree(embedded / "current" / CACHE, ignore_errors=True)  # the first analysis is made, as after a build
    endpoints: dict[str, tuple[str, str | None]] = {}  # name -> (query URL, default graph)
    loads: dict[str, float | None] = {}
    remote: dict[str, Path] = {}
    servers: dict[str, dict] = {}  # name -> its LIRES_RDF_STORE* settings
    for name in names:
        overrides = STORE_SERVERS[name].settings()
        if overrides is None:
            raise RuntimeError(f"{STORE_SERVERS[name].variable} is not set: start scripts/{name}-local.sh first")
        servers[name] = overrides
        settings = Settings(base_iri=BASE_IRI, **overrides)
        remote[name], loads[name] = _remote_build(work, projects, seed, name, settings)
        graph = open_current(remote[name]).manifest["rdf"]["graph"]
        endpoints[name] = (overrides["rdf_store_query_url"], graph)
    env = {"LIRES_SPARQL_TIMEOUT_S": str(TIMEOUT_S), "LIRES_SPARQL_MAX_ROWS": "1000000"}
    figures: dict = {}
    with ExitStack() as running, httpx.Client(timeout=TIMEOUT_S) as client:
        roots = {"lires": running.enter_context(served(embedded, env))[0]}
        for name in names:
            forwarding = {f"LIRES_{k.upper()}": str(v) for k, v in servers[name].items()}
            roots[f"lires+{name}"] = running.enter_context(served(remote[name], {**env, **forwarding}))[0]
        endpoints = {**{label: (f"{root}/sparql", None) for label, root in roots.items()}, **endpoints}
        warm = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        for url, graph in endpoints.values():  # LIRES's query workers copy the build on their first query
            _post(client, url, warm, graph)
        for file in sorted(QUERIES.glob("*.rq")):
            text, times, answers = query(file.stem), {}, {}
            for label, (url, graph) in endpoints.items():
                seconds, body = timed(partial(_post, client, url, text, graph), repeat)
                times[label], answers[label] = round(seconds, 3), answer_rows(body)
            if len({repr(rows) for rows in answers.values()}) != 1:
                counts = {label: len(rows) for label, rows in answers.items()}
                raise RuntimeError(f"{file.stem}: the endpoints disagree (rows: {counts})")
            ratio = times["lires"] / times["fuseki"] if "fuseki" in times else None
            figures[file.stem] = {
                "rows": len(answers["lires"]),
                "seconds": times,
                "lires_over_fuseki": round(ratio, 2) if ratio else None,
            }
        analysis = _analysis(client, roots["lires"], figures, names, repeat)
        memory = {label: _resident_mib(httpx.URL(url).port or 80) for label, (url, _) in endpoints.items()}
    return emit(
        "stores",
        projects=projects,
        triples=open_current(embedded).manifest["triples"],
        load_s=loads,
        queries=figures,
        analysis=analysis,
        resident_mib=memory,
        target_ratio=TARGET_RATIO,
        met=all(q["lires_over_fuseki"] is None or q["lires_over_fuseki"] <= TARGET_RATIO for q in figures.values()),
        repeat=repeat,
    )


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--projects N --stores fuseki virtuoso --repeat R``."""
    p = parser(__doc__.split("\n\n")[0], projects=10_000)
    p.add_argument("--stores", nargs="*", default=sorted(STORE_SERVERS), choices=sorted(STORE_SERVERS))
    p.add_argument("--repeat", type=int, default=3, help="runs per query and endpoint (median)")
    args = p.parse_args(argv)
    run(args.projects, args.seed, args.work, args.repeat, args.stores)


if __name__ == "__main__":
    main()
