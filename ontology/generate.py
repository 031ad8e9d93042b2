"""Regenerate everything in ontology/generated/ from ontology/lires.yaml.

Run ``python -m ontology.generate`` after editing the schema and commit the result;
``tests/unit/ontology/test_ontology.py`` fails when the checked-in files differ from a fresh run.

Outputs (all derived, never edited by hand):
  lires.owl.ttl       OWL ontology of LIRES's own terms (LinkML gen-owl, aligned with the data), served at /ns
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
from typing import Any

import rdflib
from linkml.generators.docgen import DocGenerator
from linkml.generators.jsonldcontextgen import ContextGenerator
from linkml.generators.owlgen import OwlSchemaGenerator
from linkml.generators.shaclgen import ShaclGenerator
from linkml_runtime.utils.schemaview import SchemaView
from rdflib.collection import Collection

SCHEMA = Path(__file__).with_name("lires.yaml")
OUT = Path(__file__).with_name("generated")


def compile_vocabulary(view: SchemaView) -> dict[str, Any]:
    """Compile the schema into the plain mapping ``ontology.vocab`` reads.

    Shape: ``{"prefixes": {prefix: iri}, "enums": {name: {"labels": {nl, en}, "values": {value: {nl, en}}}},
    "classes": {name: {"uri", "path", "abstract", "types", "labels", "slots", "qualified_relation"}},
    "slots": {name: {"uri", "range", "kind", "datatype", "multivalued", "required", "labels"}}}``.
    ``kind`` is ``object`` (range is a class), ``enum`` or ``literal``; ``types`` lists the
    class's own IRI and those of its ancestors, which every instance carries as rdf:type;
    ``qualified_relation`` is ``[one end, other end, role]`` (slot names) for a class whose instances
    stand for a relation between two entities (a Membership, a Participation), else null.

    Raises ValueError naming every class, slot, enum and enum value without both a Dutch and an English label
    (annotations ``nl`` and ``en``): nothing reaches a person as a raw identifier.
    """
    prefixes = {p: str(v.prefix_reference) for p, v in sorted(view.schema.prefixes.items())}
    classes: dict[str, dict[str, Any]] = {}
    slots: dict[str, dict[str, Any]] = {}
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
            "qualified_relation": annotations["qualified_relation"].split()
            if "qualified_relation" in annotations
            else None,
            "period": view.expand_curie(annotations["period"]) if "period" in annotations else None,
            "slots": {
                s: {
                    "required": bool(induced[s].required),
                    "range": induced[s].range,
                    "uri": view.expand_curie(induced[s].slot_uri) if induced[s].slot_uri else None,
                }
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
            "labels": {k: v.value for k, v in sorted(slot.annotations.items()) if k in LABEL_ANNOTATIONS},
            "names_agent": "names_agent" in slot.annotations,
        }
    enums: dict[str, dict[str, Any]] = {}
    for name in sorted(view.all_enums()):
        enum = view.get_enum(name)
        concept_class = enum.annotations.get("concept_class")
        enums[name] = {
            "concept_class": view.expand_curie(concept_class.value) if concept_class else None,
            "labels": _labels(enum.annotations),
            "values": {v: _labels(pv.annotations) for v, pv in sorted(enum.permissible_values.items())},
        }
    unlabelled = (
        [f"class {n}" for n, c in classes.items() if not all(c["labels"].values())]
        + [f"slot {n}" for n, s in slots.items() if not (s["labels"].get("nl") and s["labels"].get("en"))]
        + [f"enum {n}" for n, e in enums.items() if not all(e["labels"].values())]
        + [
            f"enum value {n}.{v}"
            for n, e in enums.items()
            for v, labels in e["values"].items()
            if not all(labels.values())
        ]
    )
    if unlabelled:
        raise ValueError("no Dutch and English label (annotations nl, en) for: " + ", ".join(unlabelled))
    return {"prefixes": prefixes, "enums": enums, "classes": classes, "slots": slots}


LABEL_ANNOTATIONS = ("nl", "en", "nl_inverse", "en_inverse")
"""A slot's display names: Dutch and English, and the names of a link seen from its target."""


def _labels(annotations: Any) -> dict[str, str | None]:
    """The Dutch and English display names among a schema element's annotations."""
    values = {k: v.value for k, v in annotations.items()}
    return {"nl": values.get("nl"), "en": values.get("en")}


OWL_OPTIONS = {
    "use_native_uris": False,
    "metaclasses": False,
    "type_objects": False,
    "enum_iri_separator": "/",
    "skip_vacuous_min_zero_cardinality_axioms": True,
    "skip_vacuous_local_range_axioms": True,
    "consolidate_cardinality_axioms": True,
}
"""gen-owl options: the class and property IRIs the data uses (class_uri/slot_uri), plain OWL (no LinkML
metaclasses), datatype properties for literals, and enum value IRIs without a second '#'."""


def owl_ontology(view: SchemaView, vocab: dict[str, Any]) -> str:
    """The OWL ontology of LIRES's own terms (``lires:``), as the data uses them.

    gen-owl's output is cut to the terms in our namespace (terms reused from W3C ORG, SKOS, PROV,
    ... are defined by their own vocabularies and never restated here) and aligned with how
    graph/quads.py writes values: ``uri`` slots hold IRIs (object properties), enum slots hold plain
    strings (a datatype listing the permissible values). Classes get rdfs:label@nl/@en from their
    annotations instead of the raw ``nl``/``en``/``path``/``qualified_relation`` annotation triples.
    """
    full = rdflib.Graph().parse(data=OwlSchemaGenerator(str(SCHEMA), **OWL_OPTIONS).serialize(), format="turtle")
    ns = str(view.schema.id)
    lires = rdflib.Namespace(vocab["prefixes"]["lires"])
    enums = tuple(str(lires[name]) for name in vocab["enums"])
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in {**vocab["prefixes"], "pav": "http://purl.org/pav/"}.items():
        if prefix != "linkml":
            graph.bind(prefix, iri, override=True, replace=True)
    for subject in sorted({s for s in full.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(ns)}):
        if not str(subject).startswith(enums):  # enum values are plain strings in the data (see below)
            graph += full.cbd(subject)
    licence = graph.value(rdflib.URIRef(ns), rdflib.DCTERMS.license)
    if licence is None:
        raise ValueError(f"{SCHEMA.name} names no license for {ns}")
    graph.set((rdflib.URIRef(ns), rdflib.DCTERMS.license, rdflib.URIRef(str(licence))))  # a literal in gen-owl
    graph.remove((None, rdflib.SKOS.inScheme, rdflib.URIRef(ns)))
    for annotation in ("nl", "en", "nl_inverse", "en_inverse", "path", "qualified_relation"):
        graph.remove((None, lires[annotation], None))
    for cls in vocab["classes"].values():
        subject = rdflib.URIRef(cls["uri"])
        if (subject, None, None) in graph:
            for lang, label in cls["labels"].items():
                if label:
                    graph.add((subject, rdflib.RDFS.label, rdflib.Literal(label, lang=lang)))
    for slot in vocab["slots"].values():
        prop = rdflib.URIRef(slot["uri"])
        if (prop, None, None) not in graph:
            continue
        for lang in ("nl", "en"):
            graph.add((prop, rdflib.RDFS.label, rdflib.Literal(slot["labels"][lang], lang=lang)))
        if slot["kind"] == "object":
            continue
        for old in list(graph.objects(prop, rdflib.RDFS.range)):
            graph.remove((prop, rdflib.RDFS.range, old))
        graph.remove((prop, rdflib.RDF.type, None))
        if slot["datatype"] == str(rdflib.XSD.anyURI):
            graph.add((prop, rdflib.RDF.type, rdflib.OWL.ObjectProperty))
            continue
        graph.add((prop, rdflib.RDF.type, rdflib.OWL.DatatypeProperty))
        if slot["kind"] == "enum":
            datatype = lires[slot["range"]]
            if (datatype, None, None) not in graph:
                values = rdflib.BNode(f"{slot['range']}Values")
                graph.add((datatype, rdflib.RDF.type, rdflib.RDFS.Datatype))
                graph.add((datatype, rdflib.OWL.equivalentClass, values))
                graph.add((values, rdflib.RDF.type, rdflib.RDFS.Datatype))
                members: list[rdflib.term.Node] = [rdflib.Literal(v) for v in vocab["enums"][slot["range"]]["values"]]
                graph.add(
                    (values, rdflib.OWL.oneOf, Collection(graph, rdflib.BNode(f"{slot['range']}List"), members).uri)
                )
            graph.add((prop, rdflib.RDFS.range, datatype))
        elif slot["datatype"] == str(rdflib.RDF.langString):  # OWL 2 reads a text with a language tag so
            graph.add((prop, rdflib.RDFS.range, rdflib.RDF.PlainLiteral))
        elif slot["datatype"]:
            graph.add((prop, rdflib.RDFS.range, rdflib.URIRef(slot["datatype"])))
    _owl_dl(graph, vocab)
    return graph.serialize(format="longturtle")


ANNOTATION_PROPERTIES = (
    "skos:prefLabel",
    "skos:definition",
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
    "pav:version",
    "dcterms:title",
    "dcterms:license",
)
"""Properties /ns uses (or restricts in gen-owl's output) that OWL treats as annotations: SKOS declares its labels
and definitions so, and the mappings of classes and slots to other vocabularies (LinkML's exact, close, broad,
narrow and related mappings) annotate a term rather than state a fact."""


def _owl_dl(graph: rdflib.Graph, vocab: dict[str, Any]) -> None:
    """Make gen-owl's output OWL 2 DL, as the data uses its terms (tests/e2e/test_owl_dl.py).

    gen-owl restricts a class's ``slot_usage`` slots by their schema names (``lires:nis_code``, ``lires:label``)
    instead of their IRIs (``lires:nisCode``, ``skos:prefLabel``); writes cardinalities as xsd:integer where OWL
    asks for xsd:nonNegativeInteger; restricts ``id`` (the subject, not a property); and leaves the terms of
    other vocabularies undeclared. Here restrictions move to the slot's IRI on their class; those on ``id``, on
    annotation properties (ANNOTATION_PROPERTIES: a DL ontology cannot restrict them) and those of an abstract
    class on a slot whose IRI its subclasses vary (a Sourced's sources) go; cardinalities get their datatype,
    and every term /ns uses from elsewhere is declared (class, object, datatype or annotation property).
    """
    lires = rdflib.Namespace(vocab["prefixes"]["lires"])
    expand = {p: rdflib.Namespace(iri) for p, iri in {**vocab["prefixes"], "pav": "http://purl.org/pav/"}.items()}
    annotations = {expand[c.split(":")[0]][c.split(":")[1]] for c in ANNOTATION_PROPERTIES}
    by_name: dict[rdflib.term.Node, rdflib.term.Node] = {
        lires[name]: rdflib.URIRef(slot["uri"]) for name, slot in vocab["slots"].items()
    }
    graph.remove((lires.id, None, None))
    own: dict[tuple[rdflib.term.Node | None, rdflib.term.Node], rdflib.term.Node] = {  # (class, slot name) -> IRI
        (rdflib.URIRef(c["uri"]), lires[name]): rdflib.URIRef(slot["uri"])
        for c in vocab["classes"].values()
        for name, slot in c["slots"].items()
        if slot["uri"]
    }
    varying: set[rdflib.term.Node] = set()  # slots whose IRI differs between classes (name and IRIs)
    for name in vocab["slots"]:
        uris = {s["uri"] for c in vocab["classes"].values() for n, s in c["slots"].items() if n == name}
        if len(uris) > 1:
            varying |= {lires[name], *(rdflib.URIRef(u) for u in uris)}
    abstract = {rdflib.URIRef(c["uri"]) for c in vocab["classes"].values() if c["abstract"]}
    for restriction, prop in list(graph.subject_objects(rdflib.OWL.onProperty)):
        owner = graph.value(None, rdflib.RDFS.subClassOf, restriction)
        shared = owner in abstract and prop in varying
        prop = own.get((owner, prop)) or by_name.get(prop, prop)
        if prop == lires.id or prop in annotations or shared:
            graph.remove((None, None, restriction))
            _remove_tree(graph, restriction)
        else:
            graph.set((restriction, rdflib.OWL.onProperty, prop))
    for cardinality in (rdflib.OWL.cardinality, rdflib.OWL.minCardinality, rdflib.OWL.maxCardinality):
        for node, value in list(graph.subject_objects(cardinality)):
            count = int(str(value))
            graph.set((node, cardinality, rdflib.Literal(count, datatype=rdflib.XSD.nonNegativeInteger)))
    for cls, mapped in list(graph.subject_objects(rdflib.SKOS.exactMatch)):
        if cls == mapped:
            graph.remove((cls, rdflib.SKOS.exactMatch, mapped))
    unreferenced = [n for n in graph.subjects() if isinstance(n, rdflib.BNode) and (None, None, n) not in graph]
    for node in unreferenced:
        _remove_tree(graph, node)
    _declare(graph, vocab, annotations)


def _declare(graph: rdflib.Graph, vocab: dict[str, Any], annotations: set[rdflib.URIRef]) -> None:
    """Declare every class, property and datatype /ns names but does not define (OWL 2 DL asks for each)."""
    ns = vocab["prefixes"]["lires"]
    kinds: dict[rdflib.term.Node, rdflib.URIRef] = {
        rdflib.URIRef(slot["uri"]): rdflib.OWL.ObjectProperty
        if slot["kind"] == "object" or slot["datatype"] == str(rdflib.XSD.anyURI)
        else rdflib.OWL.DatatypeProperty
        for slot in vocab["slots"].values()
    }
    for prop in set(graph.objects(None, rdflib.OWL.onProperty)):
        if not str(prop).startswith(ns):
            graph.add((prop, rdflib.RDF.type, kinds[prop]))
    for prop in annotations:
        if (None, prop, None) in graph:
            graph.add((prop, rdflib.RDF.type, rdflib.OWL.AnnotationProperty))
    for cls in {
        *graph.objects(None, rdflib.RDFS.subClassOf),
        *graph.objects(None, rdflib.OWL.someValuesFrom),
        *graph.objects(None, rdflib.OWL.allValuesFrom),
        *(o for p in (rdflib.RDFS.range, rdflib.RDFS.domain) for o in graph.objects(None, p)),
        *(item for union in graph.objects(None, rdflib.OWL.unionOf) for item in Collection(graph, union)),
    }:
        if not isinstance(cls, rdflib.URIRef) or str(cls).startswith(ns) or (cls, rdflib.RDF.type, None) in graph:
            continue
        xsd_or_rdf = str(cls).startswith((str(rdflib.XSD), str(rdflib.RDF)))
        graph.add((cls, rdflib.RDF.type, rdflib.RDFS.Datatype if xsd_or_rdf else rdflib.OWL.Class))


def _remove_tree(graph: rdflib.Graph, node: rdflib.term.Node) -> None:
    """Remove ``node``'s triples and those of the blank nodes it leads to."""
    for _, _, obj in list(graph.triples((node, None, None))):
        graph.remove((node, None, obj))
        if isinstance(obj, rdflib.BNode) and (None, None, obj) not in graph:
            _remove_tree(graph, obj)


def shacl_shapes(vocab: dict[str, Any]) -> str:
    """gen-shacl's shapes, with the values RDF gives as resources where the records hold text.

    A role (an enumeration with a ``concept_class``) is the IRI of its concept, of that class; a publisher's
    name (a slot that ``names_agent``) is the IRI of a dcterms:Agent; and a class with a ``period`` has it as an
    OWL-Time interval by that property (graph/quads.py).
    """
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    graph = rdflib.Graph().parse(data=ShaclGenerator(str(SCHEMA)).serialize(), format="turtle")
    resources: dict[rdflib.term.Node, rdflib.URIRef] = {
        rdflib.URIRef(slot["uri"]): rdflib.URIRef(vocab["enums"][slot["range"]]["concept_class"])
        for slot in vocab["slots"].values()
        if slot["kind"] == "enum" and vocab["enums"][slot["range"]]["concept_class"]
    }
    dcterms = rdflib.Namespace(vocab["prefixes"]["dcterms"])
    resources |= {rdflib.URIRef(s["uri"]): dcterms.Agent for s in vocab["slots"].values() if s["names_agent"]}
    for prop, path in list(graph.subject_objects(sh.path)):
        if path in resources:
            for constraint in (sh["in"], sh.datatype, sh.nodeKind, sh.pattern):
                graph.remove((prop, constraint, None))
            graph.add((prop, sh.nodeKind, sh.IRI))
            graph.add((prop, sh["class"], resources[path]))
    for cls in vocab["classes"].values():  # every entity has a concrete class, whose shape holds all its slots
        if cls["abstract"]:
            for shape in list(graph.subjects(sh.targetClass, rdflib.URIRef(cls["uri"]))):
                for prop in list(graph.objects(shape, sh.property)):
                    _remove_tree(graph, prop)
                _remove_tree(graph, shape)
    time = rdflib.Namespace(vocab["prefixes"]["time"])
    for cls in vocab["classes"].values():
        if cls["period"]:
            for shape in graph.subjects(sh.targetClass, rdflib.URIRef(cls["uri"])):
                prop = rdflib.BNode(f"{cls['path']}Period")
                graph.add((shape, sh.property, prop))
                graph.add((prop, sh.path, rdflib.URIRef(cls["period"])))
                graph.add((prop, sh.maxCount, rdflib.Literal(1)))
                graph.add((prop, sh.nodeKind, sh.IRI))
                graph.add((prop, sh["class"], time.Interval))
    return graph.serialize(format="turtle")


def generate(out: Path = OUT) -> None:
    """Write every generated artefact into ``out`` (created or emptied first)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    view = SchemaView(str(SCHEMA))
    vocab = compile_vocabulary(view)
    (out / "lires.owl.ttl").write_text(owl_ontology(view, vocab), encoding="utf-8")
    (out / "lires.shacl.ttl").write_text(shacl_shapes(vocab), encoding="utf-8")
    (out / "lires.context.jsonld").write_text(ContextGenerator(str(SCHEMA)).serialize(), encoding="utf-8")
    DocGenerator(str(SCHEMA), mergeimports=False).serialize(directory=str(out / "docs"))
    (out / "vocab.json").write_text(json.dumps(vocab, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
