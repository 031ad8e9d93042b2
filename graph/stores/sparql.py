"""Any SPARQL 1.1 store (Apache Jena Fuseki, OpenLink Virtuoso, GraphDB, ...) as the home of the builds' RDF.

Reads go through the SPARQL 1.1 Protocol (a POSTed query, the build's graph as ``default-graph-uri``); loading
through the Graph Store Protocol (``POST {data_url}?graph=...`` of N-Triples, LOAD_CHUNK triples at a time) or,
when the store has no Graph Store Protocol endpoint, SPARQL Update (``INSERT DATA``, UPDATE_CHUNK at a time).
Each build loads into a named graph of its own, ``{base}graph/{build id}``; the build's manifest names it, so
switching to a new build is the atomic switch of its directory, after which the graphs of every other build
directory are dropped (also those of builds killed while loading, whose directories are left until then).

Answers are parsed into pyoxigraph's terms as they stream in (SPARQL JSON results, N-Triples), so callers get
the same types as from the embedded store; a query is parsed by Oxigraph first, so a malformed one is refused
with the same message on every store. Three quirks are absorbed here: Virtuoso answers ASK with a
one-row SELECT (``__ASK_RETVAL``), and a store may cut a large result short (Virtuoso's ``ResultSetMaxRows``),
which a full read detects by counting.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import httpx
import pyoxigraph as ox

from graph.settings import Settings
from graph.stores.base import (
    Object,
    QueryResult,
    RdfGraph,
    RdfStore,
    StoreError,
    StoreRefused,
    StoreTimeout,
    StoreUnavailable,
    Subject,
)
from ontology.formats import N_TRIPLES, SPARQL_JSON, SPARQL_UPDATE

LOAD_CHUNK = 50_000
"""Triples sent per Graph Store Protocol request while loading (about 7 MB of N-Triples)."""
UPDATE_CHUNK = 2_000
"""Triples sent per SPARQL Update ``INSERT DATA`` while loading: the update is compiled as a query, and
Virtuoso 7's SPARQL compiler runs out of memory at about 5,000 triples in one."""
RESULTS = SPARQL_JSON.media_type
TRIPLES = N_TRIPLES.media_type
ASK_AS_SELECT = "__ASK_RETVAL"
"""The variable Virtuoso answers an ASK with (a one-row SELECT of 1 or 0)."""
VIRTUOSO_REFUSAL = re.compile(r"Virtuoso (?:37000|42000|22\d{3}) Error")
"""Virtuoso answers 500 to a query it cannot compile or evaluate (SQL states 37000 syntax, 42000 access rule, 22xxx
data exception): a refusal of the query, not a failing server."""
STATUS_TIMEOUT_S = 2.0
"""How long /health waits for the store to answer."""


class _Body(io.RawIOBase):
    """A streamed HTTP response body as a binary file for pyoxigraph's parsers; closes the response when
    closed (also when dropped half read) and raises StoreTimeout once ``deadline`` (time.monotonic) passes."""

    def __init__(self, response: httpx.Response, deadline: float) -> None:
        self.response, self.deadline = response, deadline
        self.chunks = response.iter_bytes()
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if time.monotonic() > self.deadline:
            raise StoreTimeout("the triple store did not send its whole answer in time")
        while not self.pending:
            try:
                self.pending = next(self.chunks)
            except StopIteration:
                return 0
            except httpx.TimeoutException:
                raise StoreTimeout("the triple store stopped sending its answer") from None
            except httpx.HTTPError as exc:
                raise StoreUnavailable(f"the triple store's answer broke off: {exc}") from None
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def close(self) -> None:
        self.response.close()
        super().close()


class SparqlGraph(RdfGraph):
    """One build's named graph in a remote store."""

    def __init__(self, store: SparqlStore, iri: str) -> None:
        self.remote, self.iri = store, iri

    def query(
        self,
        sparql: str,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        timeout_s: float | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """See RdfGraph.query: the answer is parsed as it streams in (a result dropped half read closes the
        connection); ``base_iri`` goes to the store as a BASE before the query's own prologue (a BASE there still
        wins). Raises SyntaxError (Oxigraph's parser), StoreTimeout, StoreUnavailable, StoreRefused (the store
        refused the query, e.g. a function it lacks) or StoreError."""
        if base_iri is not None:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        form = self.remote.parse(sparql)
        dataset = {"default-graph-uri": list(default_graph), "named-graph-uri": list(named_graphs)}
        if not default_graph and not named_graphs:
            dataset = {"default-graph-uri": [self.iri]}
        if isinstance(form, ox.QueryTriples):
            return self._triples(sparql, dataset, timeout_s)
        body = self.remote.post(self.remote.query_url, {"query": sparql, **dataset}, RESULTS, timeout_s)
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if isinstance(form, ox.QueryBoolean) and isinstance(result, ox.QuerySolutions):
            return _boolean(result)
        return result

    def _triples(self, sparql: str, dataset: dict, timeout_s: float | None) -> Iterator[ox.Triple]:
        with self.remote.post(self.remote.query_url, {"query": sparql, **dataset}, TRIPLES, timeout_s) as body:
            for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
                yield quad.triple

    def triples(
        self, subject: Subject | None = None, predicate: ox.NamedNode | None = None, object: Object | None = None
    ) -> Iterator[ox.Triple]:
        """See RdfGraph.triples; a CONSTRUCT of the pattern. Blank nodes cannot be named across the protocol
        (ValueError). The whole graph (no term given) is counted as it streams, and a store that sent fewer
        triples than it holds raises StoreError rather than handing on a silently cut graph."""
        terms = []
        for name, term in (("s", subject), ("p", predicate), ("o", object)):
            if isinstance(term, ox.BlankNode):
                raise ValueError("a remote store's blank nodes cannot be named in a pattern")
            terms.append(str(term) if term is not None else f"?{name}")
        pattern = " ".join(terms)
        triples = self.query(f"CONSTRUCT {{ {pattern} }} WHERE {{ {pattern} }}")
        assert not isinstance(triples, ox.QuerySolutions | ox.QueryBoolean)
        if subject is not None or predicate is not None or object is not None:
            yield from triples
            return
        sent = 0
        for triple in triples:
            sent += 1
            yield triple
        held = self.count()
        if sent != held:
            raise StoreError(
                f"the triple store sent {sent} of the {held} triples of {self.iri}; raise its result limit "
                "(Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)"
            )

    def count(self) -> int:
        """See RdfGraph.count."""
        solutions = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(solutions, ox.QuerySolutions)
        return int(next(iter(solutions))["n"].value)

    def load(self, quads: Iterable[ox.Quad]) -> None:
        """See RdfGraph.load: N-Triples in requests of LOAD_CHUNK triples (UPDATE_CHUNK with SPARQL Update)."""
        quads = iter(quads)
        size = LOAD_CHUNK if self.remote.data_url else UPDATE_CHUNK
        while chunk := list(islice(quads, size)):
            ntriples = ox.serialize((q.triple for q in chunk), format=ox.RdfFormat.N_TRIPLES)
            assert ntriples is not None  # serialize returns the bytes when given no output
            self.remote.write(self.iri, ntriples)

    def discard(self) -> None:
        """See RdfGraph.discard."""
        self.remote.drop(self.iri)

    def manifest(self) -> dict:
        """See RdfGraph.manifest."""
        return {"store": SparqlStore.kind, "graph": self.iri}


def _boolean(solutions: ox.QuerySolutions) -> ox.QueryBoolean:
    """Virtuoso's answer to an ASK (one row, ``__ASK_RETVAL`` 1 or 0, or no row) as a boolean result."""
    rows = list(solutions)
    if [v.value for v in solutions.variables] != [ASK_AS_SELECT]:
        raise StoreError("the triple store answered an ASK query with solutions")
    answer = bool(rows) and rows[0][ASK_AS_SELECT] is not None and rows[0][ASK_AS_SELECT].value not in ("0", "false")
    result = ox.parse_query_results(f'{{"head":{{}},"boolean":{str(answer).lower()}}}', ox.QueryResultsFormat.JSON)
    assert isinstance(result, ox.QueryBoolean)
    return result


class SparqlStore(RdfStore):
    """A remote SPARQL 1.1 store reached with the settings' LIRES_RDF_STORE_* (see docs/stores.md)."""

    kind = "sparql"
    remote = True

    def __init__(self, settings: Settings) -> None:
        assert settings.rdf_store_query_url is not None
        self.query_url = str(settings.rdf_store_query_url)
        self.update_url = str(settings.rdf_store_update_url) if settings.rdf_store_update_url else None
        self.data_url = str(settings.rdf_store_data_url) if settings.rdf_store_data_url else None
        self.prefix = f"{settings.base_iri}graph/"
        self.timeout_s = settings.rdf_store_timeout_s
        auth: httpx.Auth | None = None
        if settings.rdf_store_user and settings.rdf_store_password:
            credentials = (settings.rdf_store_user, settings.rdf_store_password.get_secret_value())
            scheme = httpx.DigestAuth if settings.rdf_store_auth == "digest" else httpx.BasicAuth
            auth = scheme(*credentials)
        self.client = httpx.Client(auth=auth, timeout=httpx.Timeout(self.timeout_s, connect=10.0))
        self._parser = ox.Store()

    def create(self, build: Path) -> SparqlGraph:
        """See RdfStore.create: the named graph ``{base}graph/{build id}``, emptied in case a killed build of the
        same id left triples in it."""
        graph = SparqlGraph(self, self.prefix + build.name)
        graph.discard()
        return graph

    def open(self, build: Path, manifest: dict) -> SparqlGraph:
        """See RdfStore.open."""
        self._check_kind(manifest)
        return SparqlGraph(self, manifest["rdf"]["graph"])

    def retire(self, store: Path, current: Path) -> None:
        """See RdfStore.retire: drops ``{base}graph/{id}`` for every other directory in ``{store}/builds``."""
        for build in (store / "builds").iterdir():
            if build.resolve() != current.resolve():
                self.drop(self.prefix + build.name)

    def status(self) -> str:
        """See RdfStore.status: ``up`` when the store answers ``ASK {}`` within STATUS_TIMEOUT_S."""
        try:
            with self.post(self.query_url, {"query": "ASK {}"}, RESULTS, STATUS_TIMEOUT_S):
                return "up"
        except StoreError:
            return "down"

    def parse(self, sparql: str) -> QueryResult:
        """The (unevaluated) result of ``sparql`` on an empty Oxigraph store: its form, or Oxigraph's SyntaxError."""
        return self._parser.query(sparql)

    def post(self, url: str, form: dict, accept: str, timeout_s: float | None) -> io.BufferedReader:
        """POST ``form`` (URL-encoded) to ``url`` accepting ``accept``; the streamed body. Raises StoreTimeout,
        StoreUnavailable (unreachable, 5xx), StoreRefused (400: e.g. a function the store lacks) or StoreError
        (any other status but 2xx, e.g. 401 for wrong credentials)."""
        timeout = timeout_s or self.timeout_s
        request = self.client.build_request(
            "POST", url, data=form, headers={"Accept": accept}, timeout=httpx.Timeout(timeout, connect=10.0)
        )
        return io.BufferedReader(_Body(self._send(request), time.monotonic() + timeout))

    def write(self, graph: str, ntriples: bytes) -> None:
        """Add N-Triples to ``graph``: Graph Store Protocol POST, else SPARQL Update INSERT DATA."""
        if self.data_url:
            request = self.client.build_request(
                "POST", self.data_url, params={"graph": graph}, content=ntriples, headers={"Content-Type": TRIPLES}
            )
        else:
            update = b"INSERT DATA { GRAPH <" + graph.encode() + b"> {\n" + ntriples + b"} }"
            request = self._update(update)
        self._send(request).close()

    def drop(self, graph: str) -> None:
        """Remove ``graph`` (no error when it does not exist): Graph Store Protocol DELETE, else DROP SILENT."""
        if self.data_url:
            request = self.client.build_request("DELETE", self.data_url, params={"graph": graph})
            self._send(request, missing_ok=True).close()
        else:
            self._send(self._update(f"DROP SILENT GRAPH <{graph}>".encode())).close()

    def _update(self, update: bytes) -> httpx.Request:
        if not self.update_url:
            raise StoreError("set LIRES_RDF_STORE_DATA_URL or LIRES_RDF_STORE_UPDATE_URL to load a remote store")
        return self.client.build_request(
            "POST", self.update_url, content=update, headers={"Content-Type": SPARQL_UPDATE.media_type}
        )

    def _send(self, request: httpx.Request, missing_ok: bool = False) -> httpx.Response:
        try:
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise StoreTimeout(f"the triple store at {request.url.host} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"the triple store at {request.url.host} cannot be reached: {exc}") from None
        if response.is_success or (missing_ok and response.status_code == 404):
            return response
        text = response.read().decode("utf-8", "replace").strip()[:500]
        response.close()
        what = f"the triple store answered {response.status_code} to {request.method} {request.url.path}: {text}"
        if response.status_code == 400 or VIRTUOSO_REFUSAL.match(text):
            raise StoreRefused(what)
        raise (StoreUnavailable if response.status_code in (502, 503, 504) else StoreError)(what)
