"""The generated schema outputs (OWL, SHACL, JSON-LD context, docs, the compiled vocabulary) are what
``python -m ontology.generate`` makes of ontology/lires.yaml: a schema edit without regeneration fails here. Runs the
LinkML generators (seconds), so it sits with the slower tests rather than in tests/unit."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from ontology.generate import OUT, generate


def test_regeneration_leaves_no_diff(tmp_path: Path):
    generate(tmp_path / "generated")
    fresh = {p.relative_to(tmp_path / "generated") for p in (tmp_path / "generated").rglob("*") if p.is_file()}
    checked_in = {p.relative_to(OUT) for p in OUT.rglob("*") if p.is_file()}
    assert fresh == checked_in, "run `python -m ontology.generate` and commit the result"
    for rel in sorted(fresh):
        new, old = tmp_path / "generated" / rel, OUT / rel
        if rel.suffix == ".ttl":
            assert isomorphic(rdflib.Graph().parse(new), rdflib.Graph().parse(old)), f"{rel} differs"
        else:
            assert new.read_text(encoding="utf-8") == old.read_text(encoding="utf-8"), f"{rel} differs"
