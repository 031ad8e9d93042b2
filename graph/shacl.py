"""SHACL validation of the built RDF against the shapes generated from the schema.

Small graphs are validated whole. pySHACL works on an rdflib copy at roughly 5,000 triples per
second, so a large graph (more than FULL_VALIDATION_MAX_TRIPLES) is validated on a sample: the
first SAMPLE_PER_CLASS focus nodes of every target class, each with all its triples and the types
of the nodes it links to -- exactly what the shapes look at (simple paths, sh:class, sh:closed),
so every sampled node is judged as in a full validation. The loaders have already checked every
record against the same schema (types, required and single values, ranges, enums, codes); at
scale SHACL guards the projection to RDF, which treats all records of a class alike.

Only the entities (the records: nodes of type lires:Entity) are focus nodes. The role concepts and their scheme,
and the agents, come from the schema and the sources' publishers (graph/quads.py), not from rows; they share classes
with entities (a role is a skos:Concept like an objective) without being one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
import rdflib
from pyshacl import validate as pyshacl_validate
from rdflib.namespace import SH

from graph.stores.base import RdfGraph
from ontology.vocab import GENERATED, vocabulary

FULL_VALIDATION_MAX_TRIPLES = 50_000
"""Graphs up to this size are validated whole (tens of seconds); larger ones on a sample (about 1 s)."""
SAMPLE_PER_CLASS = 50
"""Focus nodes validated per target class when sampling."""

RDF_TYPE = ox.NamedNode(str(rdflib.RDF.type))


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the focus node, the property path, and pyshacl's message."""

    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


def validate(store: RdfGraph, per_class: int | None = None) -> list[Violation]:
    """Validate the build's RDF ``store`` against ``ontology/generated/lires.shacl.ttl``; [] means conforms.

    ``per_class`` None validates every triple; a number validates only that many focus nodes of
    each target class (see the module docstring). Use ``plan`` to choose for a store's size.
    """
    shapes = rdflib.Graph().parse(GENERATED / "lires.shacl.ttl", format="turtle")
    if per_class is None:
        focus = list(_entities(store))
        text = ox.serialize(store.triples(), format=ox.RdfFormat.N_TRIPLES)
    else:
        focus = _sample(store, shapes, per_class)
        text = ox.serialize(_described(store, focus), format=ox.RdfFormat.N_TRIPLES)
    if not focus:
        return []
    data = rdflib.Graph().parse(data=text, format="nt")
    _, report, _ = pyshacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        focus_nodes=[rdflib.URIRef(n.value) for n in focus],
    )
    return sorted(
        Violation(
            str(report.value(r, SH.focusNode)),
            str(report.value(r, SH.resultPath)),
            str(report.value(r, SH.resultMessage)),
        )
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation
    )


def plan(triples: int) -> int | None:
    """The ``per_class`` argument for a store of ``triples`` triples: None (whole) or SAMPLE_PER_CLASS."""
    return None if triples <= FULL_VALIDATION_MAX_TRIPLES else SAMPLE_PER_CLASS


def _entities(store: RdfGraph) -> Iterator[ox.NamedNode]:
    """The entities of the store (every node of type lires:Entity), in the store's order."""
    entity = ox.NamedNode(vocabulary().classes["Entity"].uri)
    for triple in store.triples(None, RDF_TYPE, entity):
        if isinstance(triple.subject, ox.NamedNode):  # pyshacl gets focus nodes as URIRefs
            yield triple.subject


def _sample(store: RdfGraph, shapes: rdflib.Graph, per_class: int) -> list[ox.NamedNode]:
    """The first ``per_class`` entities of each target class (in the store's order)."""
    focus: dict[ox.NamedNode, None] = {}
    for target in sorted({str(t) for t in shapes.objects(None, SH.targetClass)}):
        typed = (
            t.subject
            for t in store.triples(None, RDF_TYPE, ox.NamedNode(target))
            if isinstance(t.subject, ox.NamedNode) and _is_entity(store, t.subject)
        )
        focus.update((node, None) for node in islice(typed, per_class))
    return list(focus)


def _is_entity(store: RdfGraph, node: ox.NamedNode) -> bool:
    """True when ``node`` is of type lires:Entity."""
    entity = ox.NamedNode(vocabulary().classes["Entity"].uri)
    return any(store.triples(node, RDF_TYPE, entity))


def _described(store: RdfGraph, focus: list[ox.NamedNode]) -> Iterator[ox.Triple]:
    """Every triple of the ``focus`` nodes, and the types of the nodes they link to (for sh:class): one query."""
    nodes = " ".join(map(str, focus))
    triples = store.query(
        f"""CONSTRUCT {{ ?node ?p ?o . ?o a ?type }} WHERE {{
              VALUES ?node {{ {nodes} }} ?node ?p ?o OPTIONAL {{ ?o a ?type FILTER(?p != {RDF_TYPE}) }}
            }}"""
    )
    assert not isinstance(triples, ox.QuerySolutions | ox.QueryBoolean)
    return triples
