"""/dataset against the official shapes (../shared/conformance/): DCAT-AP-VL 2.0 with its usage notes and the
DCAT-AP 3.0.0 core and range shapes, run with pySHACL.

Only violations count (warnings are advice, e.g. "give a theme taxonomy"). The range shapes check the class of every
value; for concepts from the EU code lists (and the Flemish, Belgian and IANA ones) the description states their
class, scheme and labels itself (ontology.concepts), which a validator would otherwise read from those code lists:
``test_what_the_code_lists_supply`` counts and lists what would fail without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyshacl import validate

from tests.support import BASE, CONFORMANCE

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SHAPES = {
    "DCAT-AP-VL 2.0": ("vl/dcatapvl.jsonld", "vl/dcatapvl-usagenotes.jsonld"),
    "DCAT-AP 3.0.0 core": ("dcatap/3.0.0_html_shacl_shapes.ttl",),
    "DCAT-AP 3.0.0 range": ("dcatap/3.0.0_html_shacl_range.ttl",),
}
DATASET = rdflib.URIRef(f"{BASE}id/dataset/lires")


def shapes(*files: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in files:
        path = CONFORMANCE / name
        graph.parse(path, format="json-ld" if Path(name).suffix == ".jsonld" else "turtle")
    return graph


def violations(data: rdflib.Graph, shapes_graph: rdflib.Graph) -> list[tuple[str, str, str]]:
    """(focus node, path, value) of each top-level result of severity Violation (nested details left out)."""
    _, report, _ = validate(data, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    found = []
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) == SH.Violation:
            found.append(
                tuple(str(report.value(result, p)) for p in (SH.focusNode, SH.resultPath, SH.value))  # type: ignore[misc]
            )
    return sorted(found)


@pytest.fixture(scope="module")
def description(client) -> rdflib.Graph:
    response = client.get("/dataset", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return rdflib.Graph().parse(data=response.content, format="turtle")


@pytest.mark.parametrize("name", SHAPES)
def test_no_violation_of_the_official_shapes(description, name):
    assert violations(description, shapes(*SHAPES[name])) == []


def test_the_shapes_catch_what_a_harvester_refuses(description):
    broken = rdflib.Graph() + description
    broken.remove((DATASET, rdflib.DCTERMS.identifier, None))
    broken.remove((DATASET, rdflib.URIRef("https://data.vlaanderen.be/ns/metadata-dcat#statuut"), None))
    found = violations(broken, shapes(*SHAPES["DCAT-AP-VL 2.0"]))
    paths = {path.rsplit("/", 1)[-1] for focus, path, _ in found if focus == str(DATASET)}
    assert paths == {"identifier", "metadata-dcat#statuut"}


def test_what_the_code_lists_supply(description):
    """Without what the description says of the EU (and Flemish, Belgian, IANA) concepts, the range shapes and
    DCAT-AP-VL find exactly these violations: each value is a concept of one of those code lists, and a harvester
    that loads the code lists finds them satisfied."""
    stripped = rdflib.Graph() + description
    named = {
        node
        for cls in (rdflib.SKOS.Concept, rdflib.SKOS.ConceptScheme, rdflib.DCTERMS.Location)
        for node in description.subjects(rdflib.RDF.type, cls)
    }
    assert not any(str(node).startswith(BASE) for node in named)
    for node in named:
        stripped.remove((node, None, None))
    found = violations(stripped, shapes(*SHAPES["DCAT-AP 3.0.0 range"], *SHAPES["DCAT-AP-VL 2.0"]))
    values = {value for _, _, value in found}
    assert values and values <= {str(n) for n in named}
    by_list = sorted({value.rsplit("/", 1)[0] for value in values})
    # 46 and 23 before the workbook dump; its distribution adds the XLSX file type and media type (3 and 2)
    assert (len(found), len(values)) == (49, 25), "\n".join(map(str, found))
    assert by_list == [
        "http://data.europa.eu/nuts/code",
        "http://publications.europa.eu/resource/authority/access-right",
        "http://publications.europa.eu/resource/authority/file-type",
        "http://publications.europa.eu/resource/authority/language",
        "http://www.iana.org/assignments/media-types/application",
        "http://www.iana.org/assignments/media-types/text",
        "https://metadata.vlaanderen.be/id/GDI-Vlaanderen-Trefwoorden",
        "https://vocab.belgif.be/auth/datatheme",
    ]
