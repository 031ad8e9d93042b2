"""No module outside ontology/ spells a vocabulary IRI or a media type: they come from the schema's prefixes
(ontology.vocab), ontology.namespaces and the table of formats (ontology.formats).

Every string constant of every Python module of the project is scanned, docstrings and comments aside, except in
ontology/ (their home) and tests/ (which state on their own what a client must see).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from ontology import namespaces
from ontology.vocab import vocabulary
from tests.support import ROOT

SCANNED = ("api", "bench", "cli", "graph", "loaders", "records", "viz")
"""The project's Python packages besides ontology/ (and tests/)."""

HOSTS = ("www.w3.org", "europa.eu", "iana.org")
"""W3C, EU and IANA namespaces, also those the project does not use yet."""

MEDIA_TYPE = re.compile(
    r"(?<![\w/.+-])(?:application|audio|font|image|message|model|multipart|text|video)/[A-Za-z0-9][\w.+-]*"
)
IRI = re.compile(r"https?://[^\s\"'<>{}]+")

EXCEPTIONS: dict[tuple[str, str], str] = {}
"""(module, what it spells) -> why it may, until the reason is gone."""


@cache
def vocabulary_namespaces() -> tuple[str, ...]:
    """The schema's prefixes and the IRIs of ontology.namespaces, without a trailing ``#`` or ``/``."""
    own = [v for k, v in vars(namespaces).items() if k.isupper() and isinstance(v, str)]
    return tuple(iri.rstrip("#/") for iri in [*vocabulary().prefixes.values(), *own])


def spelt(source: str) -> list[tuple[int, str]]:
    """(line, text) of every vocabulary IRI and media type in the string constants of ``source``, docstrings
    (and other bare string statements) left out."""
    tree = ast.parse(source)
    bare = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    known = vocabulary_namespaces()
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in bare:
            continue
        found += [(node.lineno, m.group(0)) for m in MEDIA_TYPE.finditer(node.value)]
        for iri in IRI.findall(node.value):
            if iri.startswith(known) or iri.split("/")[2].endswith(HOSTS):
                found.append((node.lineno, iri))
    return sorted(found)


def modules() -> list[Path]:
    return sorted(p for package in SCANNED for p in (ROOT / package).rglob("*.py"))


def test_the_scan_finds_what_it_looks_for():
    source = '''
"""A docstring may name text/turtle and http://www.w3.org/ns/dcat#."""
TYPE = "text/turtle"
ACCEPT = f"{TYPE}, application/ld+json;q=0.9"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
RULE = "https://www.w3.org/TR/sparql11-protocol/"
LINK = "https://data.vlaanderen.be/id/gemeente/" + "71016"
ELSEWHERE = "https://example.org/synthetic/ and data/text/notes.txt"
'''
    assert spelt(source) == [
        (3, "text/turtle"),
        (4, "application/ld+json"),
        (5, "http://www.w3.org/2001/XMLSchema#integer"),
        (6, "https://www.w3.org/TR/sparql11-protocol/"),
        (7, "https://data.vlaanderen.be/id/gemeente/"),
    ]


def test_every_package_is_scanned():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - set(SCANNED) == {"ontology", "tests"}


@pytest.mark.parametrize("module", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_outside_ontology_spells_an_iri_or_media_type(module: Path):
    name = str(module.relative_to(ROOT))
    hits = [f"{name}:{line}: {text}" for line, text in spelt(module.read_text(encoding="utf-8"))]
    unexplained = [h for h in hits if (name, h.split(": ", 1)[1]) not in EXCEPTIONS]
    assert not unexplained, "take these from ontology.formats, ontology.namespaces or ontology.vocab:\n" + "\n".join(
        unexplained
    )
