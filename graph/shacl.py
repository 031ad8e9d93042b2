"""SHACL validation of the built RDF against the shapes generated from the schema."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from pyshacl import validate as pyshacl_validate

from ontology.vocab import GENERATED


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the focus node, the property path, and pyshacl's message."""

    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


def validate(store: ox.Store) -> list[Violation]:
    """Validate every triple of ``store`` against ``ontology/generated/lires.shacl.ttl``; [] means conforms."""
    data = rdflib.Graph()
    data.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    shapes = rdflib.Graph().parse(GENERATED / "lires.shacl.ttl", format="turtle")
    _, report, _ = pyshacl_validate(data, shacl_graph=shapes, inference="none", advanced=False)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return sorted(Violation(str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultPath)),
                            str(report.value(r, sh.resultMessage)))
                  for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
                  if report.value(r, sh.resultSeverity) == sh.Violation)
