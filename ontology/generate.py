"""Regenerate everything in ontology/generated/ from ontology/lires.yaml.

Run ``python -m ontology.generate`` after editing the schema and commit the result;
``tests/test_ontology.py`` fails when the checked-in files differ from a fresh run.

Outputs (all derived, never edited by hand):
  lires.owl.ttl       OWL ontology (LinkML gen-owl) plus Dutch/English class labels
  lires.shacl.ttl     SHACL shapes (LinkML gen-shacl), used by ``lires validate``
  lires.context.jsonld  JSON-LD context (LinkML gen-jsonld-context), served locally
  docs/               human-readable Markdown docs (LinkML gen-doc)
  vocab.json          the compiled vocabulary the Python code reads at run time
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import rdflib
from linkml.generators.docgen import DocGenerator
from linkml.generators.jsonldcontextgen import ContextGenerator
from linkml.generators.owlgen import OwlSchemaGenerator
from linkml.generators.shaclgen import ShaclGenerator
from linkml_runtime.utils.schemaview import SchemaView

SCHEMA = Path(__file__).with_name("lires.yaml")
OUT = Path(__file__).with_name("generated")


def compile_vocabulary(view: SchemaView) -> dict:
    """Compile the schema into the plain mapping ``ontology.vocab`` reads.

    Shape: ``{"prefixes": {prefix: iri}, "enums": {name: [value, ...]},
    "classes": {name: {"uri", "path", "abstract", "types", "labels", "slots"}},
    "slots": {name: {"uri", "range", "kind", "datatype", "multivalued", "required"}}}``.
    ``kind`` is ``object`` (range is a class), ``enum`` or ``literal``; ``types`` lists the
    class's own IRI and those of its ancestors, which every instance carries as rdf:type.
    """
    prefixes = {p: str(v.prefix_reference) for p, v in sorted(view.schema.prefixes.items())}
    classes: dict = {}
    slots: dict = {}
    for name in sorted(view.all_classes()):
        cls = view.get_class(name)
        if cls.mixin:
            continue
        ancestors = [a for a in view.class_ancestors(name) if not view.get_class(a).mixin]
        annotations = {k: v.value for k, v in cls.annotations.items()}
        induced = {s.name: s for s in view.class_induced_slots(name)}
        classes[name] = {
            "uri": view.get_uri(name, expand=True),
            "path": annotations.get("path"),
            "abstract": bool(cls.abstract),
            "types": [view.get_uri(a, expand=True) for a in ancestors],
            "labels": {"nl": annotations.get("nl"), "en": annotations.get("en")},
            "description": cls.description,
            "slots": {
                s: {"required": bool(induced[s].required), "range": induced[s].range}
                for s in sorted(induced)
                if s != "id"
            },
        }
    for name in sorted(view.all_slots()):
        if name == "id":
            continue
        slot = view.get_slot(name)
        rng = slot.range or view.schema.default_range
        if rng in view.all_classes():
            kind, datatype = "object", None
        elif rng in view.all_enums():
            kind, datatype = "enum", "http://www.w3.org/2001/XMLSchema#string"
        else:
            kind = "literal"
            datatype = view.expand_curie(view.get_type(rng).uri) if view.get_type(rng).uri else None
            base = view.get_type(rng)
            while datatype is None and base.typeof:
                base = view.get_type(base.typeof)
                datatype = view.expand_curie(base.uri) if base.uri else None
        slots[name] = {
            "uri": view.get_uri(slot, expand=True),
            "range": rng,
            "kind": kind,
            "datatype": datatype,
            "multivalued": bool(slot.multivalued),
            "description": slot.description,
        }
    enums = {e: sorted(view.get_enum(e).permissible_values) for e in sorted(view.all_enums())}
    return {"prefixes": prefixes, "enums": enums, "classes": classes, "slots": slots}


def owl_with_labels(view: SchemaView) -> str:
    """gen-owl output plus rdfs:label@nl/@en for each class from its annotations."""
    graph = rdflib.Graph()
    graph.parse(data=OwlSchemaGenerator(str(SCHEMA)).serialize(), format="turtle")
    for name in view.all_classes():
        cls = view.get_class(name)
        subject = rdflib.URIRef(view.get_uri(name, expand=True))
        if not subject.startswith(view.schema.prefixes["lires"].prefix_reference):
            continue  # never restate labels of classes reused from other vocabularies
        for lang in ("nl", "en"):
            if lang in cls.annotations:
                graph.add((subject, rdflib.RDFS.label, rdflib.Literal(cls.annotations[lang].value, lang=lang)))
    return graph.serialize(format="longturtle")


def generate(out: Path = OUT) -> None:
    """Write every generated artefact into ``out`` (created or emptied first)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    view = SchemaView(str(SCHEMA))
    (out / "lires.owl.ttl").write_text(owl_with_labels(view), encoding="utf-8")
    (out / "lires.shacl.ttl").write_text(ShaclGenerator(str(SCHEMA)).serialize(), encoding="utf-8")
    (out / "lires.context.jsonld").write_text(ContextGenerator(str(SCHEMA)).serialize(), encoding="utf-8")
    DocGenerator(str(SCHEMA), mergeimports=False).serialize(directory=str(out / "docs"))
    vocab = compile_vocabulary(view)
    (out / "vocab.json").write_text(json.dumps(vocab, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
