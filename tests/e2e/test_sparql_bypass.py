"""No SPARQL query makes the server open a connection: a corpus of ways to hide ``SERVICE`` from a text scan
(escapes in prefixed names, strings and IRIs, comments, mixed case, ``\\u0053ERVICE``, nested subqueries) goes
through the real ``/sparql`` of a served app, and a TCP listener on 127.0.0.1 counts 0 connections. The
control: Oxigraph on its own, unguarded, connects to the listener for the corpus's queries. Under the guard,
the workers cannot connect at all: each runs under a seccomp filter, which stops Oxigraph's Rust code too."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from api.sparql.shape import check

JSON = {"Accept": "application/sparql-results+json"}


class Listener:
    """A TCP server on 127.0.0.1 that accepts, counts and closes every connection."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.sock.close()


def bypasses(port: int) -> list[str]:
    """Queries that call 127.0.0.1:``port`` with SERVICE, written to slip past a scan of the query text."""
    url = f"http://127.0.0.1:{port}"
    inner = f"<{url}/sparql> {{ ?s ?p ?o }}"
    escaped_url = "".join(f"\\u{ord(c):04X}" if c in "127" else c for c in url)
    return [
        f"SELECT * WHERE {{ SERVICE {inner} }}",
        f"SELECT * WHERE {{ service silent {inner} }}",
        f"SELECT * WHERE {{ sErViCe {inner} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE {inner} }}",
        f"SELECT * WHERE {{ \\u0073\\u0065rvice {inner} }}",
        f"SELECT * WHERE {{ SERV\\u0049CE {inner} }}",
        f"SELECT * WHERE {{ \\U00000053ERVICE {inner} }}",
        f"SELECT * WHERE {{ SERVICE <{escaped_url}/sparql> {{ ?s ?p ?o }} }}",
        # a prefixed name's escaped '#' or quote reads as a comment or a string to a text scan
        f"PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ex:a\\#b ?o . SERVICE {inner} }}",
        f"PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ex:a\\'b ?o . SERVICE {inner} ?x ex:c\\'d ?y }}",
        f'PREFIX ex: <urn:x:> SELECT * WHERE {{ ?s ex:a\\"b ?o . SERVICE {inner} ?x ex:c\\"d ?y }}',
        f"PREFIX s: <{url}/> SELECT * WHERE {{ SERVICE s:sp\\-arql {{ ?s ?p ?o }} }}",
        f"PREFIX s: <{url}/> SELECT * WHERE {{ SERVICE s:\\~sparql {{ ?s ?p ?o }} }}",
        # escaped quotes and quotes of the other kind inside strings
        f'SELECT * WHERE {{ FILTER("a\\"#" != "b") SERVICE {inner} }}',
        f"SELECT * WHERE {{ BIND('a\\'#' AS ?x) SERVICE {inner} }}",
        f'SELECT * WHERE {{ BIND("""a"b""c\\""" AS ?x) SERVICE {inner} }}',
        f"SELECT * WHERE {{ BIND('''it''s''' AS ?x) SERVICE {inner} }}",
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE {inner} BIND("\\u0022" AS ?y) }}',
        f"SELECT * WHERE {{ BIND('\\u0027' AS ?x) SERVICE {inner} BIND('\\u0027' AS ?y) }}",
        f'SELECT * WHERE {{ BIND("\\\\u0022" AS ?x) SERVICE {inner} BIND("\\\\u0022" AS ?y) }}',
        f"SELECT * WHERE {{ ?s ?p <urn:x\\u003E . SERVICE {inner} ?a ?b <urn:y\\u003E }}",
        # comments and brackets that look like IRIs
        f"SELECT * WHERE {{ # no SERVICE here\nSERVICE # still none\n{inner} }}",
        f"SELECT * WHERE {{ ?a ?b ?c FILTER(?a<?b&&?c>?a) SERVICE {inner} }}",
        f"SELECT * WHERE {{ ?s ?p <urn:x#> . SERVICE {inner} }}",
        *(f"SELECT * WHERE {{ # a comment ended by {end!r}{end}SERVICE {inner} }}" for end in "\x0b\x0c\x85\u2028"),
        # a relative IRI, a variable endpoint
        f"BASE <{url}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}/sparql> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        # nested: subqueries, OPTIONAL, UNION, MINUS, EXISTS, GRAPH, and deep groups
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {inner} }} }} }} }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT {inner} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE {inner} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE {inner} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {inner} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE {inner} }} }}",
        "SELECT * WHERE " + "{ " * 40 + f"SERVICE {inner}" + " }" * 40,
        # every query form
        f"ASK {{ SERVICE {inner} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {inner} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE {inner} }}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE {inner} }} GROUP BY ?s HAVING (COUNT(*) > 0)",
        # remote datasets are not fetched either
        f"SELECT * FROM <{url}/from.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]


RUN_CORPUS = """
import sys, pyoxigraph as ox
store = ox.Store()
for graph in (ox.DefaultGraph(), ox.NamedNode("urn:g")):
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.NamedNode("urn:a"), graph))
for query in sys.stdin.read().split("\\0"):
    try:
        result = store.query(query)
        list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        print("answered")
    except PermissionError:
        print("refused")
    except Exception as exc:
        print("failed", type(exc).__name__)
"""
"""Oxigraph on its own (no guard) on a store of one triple in the default and a named graph: runs the queries
on standard input (NUL-separated) and prints what became of each."""


def test_the_corpus_makes_an_unguarded_oxigraph_connect(listener: Listener):
    corpus = bypasses(listener.port)
    subprocess.run([sys.executable, "-c", RUN_CORPUS], input="\0".join(corpus), text=True, timeout=300, check=True)
    # the rest: Oxigraph refuses an escaped keyword itself, an unbound endpoint variable, FROM fetches nothing
    assert listener.connections == 25


def test_no_query_of_the_corpus_opens_a_connection_through_sparql(live_server: str, listener: Listener):
    corpus = bypasses(listener.port)
    assert len(corpus) == 44
    refused = {400: 0, 403: 0}
    for query in corpus:
        response = httpx.post(f"{live_server}/sparql", data={"query": query}, headers=JSON, timeout=60)
        if "FROM" in query:  # names graphs of the store (none of them here): an empty answer
            assert response.status_code == 200 and response.json()["results"]["bindings"] == [], query
        else:  # 403 names SERVICE; 400 is a query the guard's parser reads differently from Oxigraph's
            assert response.status_code in refused, (query, response.text)
            refused[response.status_code] += 1
    assert listener.connections == 0
    assert refused == {403: 29, 400: 13}


def test_the_query_workers_run_under_a_seccomp_filter(live_server: str):
    assert httpx.get(f"{live_server}/sparql", params={"query": "ASK {}"}, headers=JSON, timeout=60).status_code == 200
    workers = [p for p in psutil.Process().children() if "api.sparql.workers" in " ".join(_command(p))]
    assert workers
    for worker in workers:
        status = dict(line.split(":\t", 1) for line in Path(f"/proc/{worker.pid}/status").read_text().splitlines())
        assert status["Seccomp"].strip() == "2" and int(status["Seccomp_filters"]) >= 1, worker.pid


def _command(process: psutil.Process) -> list[str]:
    """The command line of a child process; none for one that has ended (a zombie another test left unreaped)."""
    try:
        return process.cmdline() if process.status() != psutil.STATUS_ZOMBIE else []
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return []


SANDBOXED = (
    """
import socket, sys
from api.sparql.sandbox import forbid_network
forbid_network()
port = int(sys.argv[1])
for family, address in ((socket.AF_INET, ("127.0.0.1", port)), (socket.AF_INET6, ("::1", port))):
    try:
        socket.socket(family).connect(address)
        print("python connected")
    except PermissionError:
        pass
"""
    + RUN_CORPUS
)


def test_a_sandboxed_worker_cannot_connect_even_when_oxigraph_runs_service(listener: Listener):
    """Without the guard (Oxigraph runs SERVICE itself), the seccomp filter alone refuses every connection, from
    Python and from Rust."""
    corpus = [q for q in bypasses(listener.port) if "FROM" not in q]
    done = subprocess.run(
        [sys.executable, "-c", SANDBOXED, str(listener.port)],
        input="\0".join(corpus),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "connected" not in done.stdout
    assert listener.connections == 0
    assert done.stdout.count("refused") == 21, done.stdout  # the others: SILENT, or no SERVICE call in Oxigraph


def test_the_guard_refuses_what_it_parses_not_what_the_text_looks_like():
    check('PREFIX ex: <urn:x:> SELECT ?service WHERE { ?service ex:SERVICE "SERVICE <http://x/> {}" } # SERVICE')
