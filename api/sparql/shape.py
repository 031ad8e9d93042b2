"""The shape rules of a SPARQL query, decided on its parse tree, never on its text.

A text scan can be fooled (an escaped quote in a string, an escape in a prefixed name, ``\\u0053ERVICE``);
a parser cannot, because it reads the query as the engine does. Oxigraph exposes no parser of its own to
Python, so the query is parsed with rdflib's SPARQL 1.1 grammar (``parseQuery``; its parse tree, without the
algebra translation, which adds nothing these rules need): a few milliseconds for a typical query (1 ms for
``ASK {}``, 5-11 ms for the editor's examples; ``bench/README.md``). Oxigraph runs only what rdflib parsed.

The rules: codepoint escapes (``\\u0022``) may not stand for ASCII punctuation or white space, since
rdflib decodes them before parsing, as the SPARQL grammar says, and Oxigraph only inside strings and IRIs, so
an escaped quote or bracket would give the two parsers different queries (``"\\u0022" … "\\u0022"`` is one
string to rdflib, two strings and what lies between them to Oxigraph); the query must parse (an update gets
its own message); no ``SERVICE`` anywhere (federated queries would make the server send requests); and the
engine's evaluation tree must not be too deep. Oxigraph builds a binary tree, so a flat chain (``?a || ?a || …``,
a ``UNION`` of 8,000 groups, 4,000 ``BIND``s) is as deep for its recursive evaluator as 8,000 nested brackets,
and past about 4,000 levels the worker's stack overflows. depth() counts both: one level per node of the parse
tree, plus the length of every chain that the engine turns into nested operators.

rdflib and Oxigraph are two parsers, and where they read a query differently the guard may not see what the
engine runs (rdflib also refuses a few valid queries, e.g. a SERVICE after an IRI with a ``#``: refused all the
same). So the query worker is sandboxed as well (api.sparql.sandbox): a query that gets past the guard still
cannot make the server reach the network.
"""

from __future__ import annotations

import functools
import re

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from api.errors import BadRequest, Forbidden

MAX_DEPTH = 1000
"""Deepest evaluation tree accepted (depth()); Oxigraph's stack holds about 4,000 levels."""

PARSER_RECURSION = 10_000
"""Python recursion limit the query worker sets for the parser: enough for about 300 nested groups or 100
nested parenthesised expressions; deeper queries are refused as too deeply nested."""

CHAINS = {
    "GroupGraphPatternSub": "part",
    "GroupOrUnionGraphPattern": "graph",
    "ConditionalOrExpression": "other",
    "ConditionalAndExpression": "other",
    "AdditiveExpression": "other",
    "MultiplicativeExpression": "other",
    "PathAlternative": "part",
    "PathSequence": "part",
    "TriplesBlock": "triples",
}
"""Parse-tree node -> its list that the engine evaluates as nested binary operators (joins, unions, ||, &&,
+ and -, * and /, path alternatives and sequences, the triple patterns of a block)."""

ESCAPE = re.compile(r"\\([uU])([0-9A-Fa-f]{4})([0-9A-Fa-f]{4})?")
"""A codepoint escape as rdflib reads it (``\\u`` or ``\\U``, 8 hex digits if there are, else 4)."""

SYNTAX = frozenset(" \t\n\r!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~")
"""Characters an escape may not stand for: ASCII punctuation and white space, which change how a query is split
into tokens (a quote ends a string, a line end ends a comment)."""

FEDERATED = "ServiceGraphPattern"
TOO_DEEP = f"the query nests groups, expressions or chains of operators deeper than {MAX_DEPTH} levels"


@functools.lru_cache(maxsize=128)
def check(query: str) -> None:
    """Parse ``query`` and apply the shape rules; return quietly when Oxigraph may run it. A query that passed
    is remembered (the last 128 per worker), so a query sent again is not parsed again.

    Raises BadRequest (an escape the parsers read differently, syntax error, SPARQL Update, too deeply nested)
    or Forbidden (SERVICE).
    """
    _check_escapes(query)
    tree = _parse(query)
    if _contains(tree, FEDERATED):
        raise Forbidden(
            "federated queries (SERVICE) are not available: this endpoint sends no requests to other servers"
        )
    if depth(tree) > MAX_DEPTH:
        raise BadRequest(TOO_DEEP)


def _check_escapes(query: str) -> None:
    for match in ESCAPE.finditer(query):
        kind, first, rest = match.groups()
        rdflib_reads = int(first + (rest or ""), 16)
        oxigraph_reads = int(first, 16) if kind == "u" else int(first + rest, 16) if rest else None
        if rdflib_reads != oxigraph_reads or rdflib_reads > 0x10FFFF or 0xD800 <= rdflib_reads <= 0xDFFF:
            raise BadRequest(
                f"the codepoint escape {match[0]} is ambiguous or not a Unicode character: write \\uXXXX with "
                "4 hex digits or \\UXXXXXXXX with 8, not followed by more hex digits"
            )
        if chr(rdflib_reads) in SYNTAX:
            raise BadRequest(
                f"the codepoint escape {match[0]} stands for {chr(rdflib_reads)!r}: escapes of ASCII punctuation, "
                "spaces and control characters are refused, because SPARQL parsers disagree on where they are "
                "decoded; write the character itself (inside a string: \\\" or \\')"
            )


def _parse(query: str) -> ParseResults:
    try:
        return parseQuery(query)
    except RecursionError:
        raise BadRequest(TOO_DEEP) from None
    except ParseException as exc:
        error = exc
    except Exception as exc:  # rdflib's parse actions raise on a few valid queries (``-0.0`` in a template)
        raise BadRequest(f"the query cannot be read by the endpoint's SPARQL parser ({exc}); rewrite it") from None
    try:
        parseUpdate(query)
    except Exception:
        raise BadRequest(
            f"SPARQL syntax error at line {error.lineno}, column {error.col}, near {error.found}: {error.msg}"
        ) from None
    raise BadRequest("this is SPARQL Update, not a query; the endpoint is read-only and refuses updates")


def _children(node: object) -> list:
    if isinstance(node, CompValue):
        return list(node.values())
    if isinstance(node, list | tuple | ParseResults):
        return list(node)
    return []


def _contains(node: object, name: str) -> bool:
    if isinstance(node, CompValue) and node.name == name:
        return True
    return any(_contains(child, name) for child in _children(node))


def depth(node: object) -> int:
    """The depth of the evaluation tree the engine builds for the parse tree ``node``: one per node, plus the
    length of each chain of CHAINS (a block's triple patterns count one each)."""
    deepest = max((depth(child) for child in _children(node)), default=0)
    if not isinstance(node, CompValue):
        return deepest
    chain = dict.get(node, CHAINS[node.name]) if node.name in CHAINS else None  # CompValue.get resolves terms
    if chain is None:
        length = 0
    elif node.name == "TriplesBlock":
        length = sum(len(triples) for triples in chain) // 3
    else:
        length = len(chain) if isinstance(chain, list | ParseResults) else 1
    return 1 + length + deepest
