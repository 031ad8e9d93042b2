"""The dataset description: DCAT (DCAT-AP-VL profile), VoID and the SPARQL Service Description.

Everything countable is computed from the store with SPARQL, never kept by hand. Service URLs
are made from the base IRI (``{base}sparql``, ``{base}dumps/{file}``, ``{base}dataset``): the
base IRI is the one public root a deployment configures. The things described here have
IRIs of their own under ``{base}id/`` (``dataset/lires``, ``catalog/lires``, ``catalogrecord/lires``,
``distribution/{file}``, ``dataservice/sparql``, ``agent/publisher``); each answers 303 to
``/dataset``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pyoxigraph as ox

from graph.publish.dumps import DUMPS, Dump
from graph.stores.base import RdfGraph
from ontology import concepts
from ontology.concepts import Concept
from ontology.formats import GRAPH_FORMATS, GZIP, RESULT_FORMATS
from ontology.namespaces import (
    CC0_VL,
    CC_BY_4,
    DCAT_AP_VL,
    GRAPH_STORE_PROTOCOL,
    LINK_TARGETS,
    NUTS,
    SIMPLE_ENTAILMENT,
    SPARQL_PROTOCOL,
)
from ontology.vocab import vocabulary

LICENCE = CC_BY_4
"""Licence of the compilation (see data/README.md, "Licence"); third-party sources keep their own terms."""
CATALOG_LICENCE = CC0_VL
"""Licence of the catalog (the metadata itself): CC0, as DCAT-AP-VL requires of a catalog."""
TEXTS: dict[str, dict[str, str | list[str]]] = {
    "title": {
        "nl": "LIRES Graph: regionale economische samenwerking in Limburg",
        "en": "LIRES Graph: regional economic cooperation in Limburg",
    },
    "description": {
        "nl": "Kennisgraaf van de regionale economische samenwerking in de provincie Limburg (België): gemeenten, "
        "deelregio's, organisaties, strategieën (SALK, SALKturbo, LIRES) en hun doelstellingen, "
        "samenwerkingsstructuren en projecten. Elk feit verwijst naar de openbare bron waaruit het komt.",
        "en": "Knowledge graph of regional economic cooperation in the province of Limburg (Belgium): municipalities, "
        "subregions, organisations, strategies (SALK, SALKturbo, LIRES) and their objectives, collaboration "
        "structures and projects. Every fact links to the public source it was taken from.",
    },
    "rights": {
        "en": "The compilation (selection, structure, identifiers and the descriptions written for it) is "
        "licensed CC BY 4.0. Facts come from the public sources linked from every entity with "
        "prov:wasDerivedFrom; those sources keep their own terms."
    },
    "provenance": {
        "en": "Compiled from public web pages and public data files; every entity lists its "
        "sources (prov:wasDerivedFrom), and a blank value means unknown, never guessed."
    },
    "keyword": {
        "nl": ["regionale ontwikkeling", "Limburg", "SALK", "LIRES", "samenwerking"],
        "en": ["regional development", "Limburg", "SALK", "LIRES", "cooperation"],
    },
}
SERVICE_FORMATS = (*RESULT_FORMATS, *GRAPH_FORMATS)
"""The formats /sparql answers in (sd:resultFormat)."""


@dataclass(frozen=True)
class Publication:
    """Who publishes where and when: the base IRI, the build time, the publisher's name and contact."""

    base: str
    modified: dt.datetime
    publisher: str
    contact_email: str | None = None

    def iri(self, type_: str, ref: str) -> str:
        """IRI of a described thing, ``{base}id/{type}/{ref}``."""
        return f"{self.base}id/{type_}/{ref}"

    @property
    def dataset(self) -> str:
        """The dataset's IRI."""
        return self.iri("dataset", "lires")

    @property
    def service(self) -> str:
        """The SPARQL service's IRI (a dcat:DataService and sd:Service)."""
        return self.iri("dataservice", "sparql")

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol service's IRI (a dcat:DataService)."""
        return self.iri("dataservice", "graph-store")

    def distribution(self, dump: Dump) -> str:
        """IRI of the distribution that is ``dump``, e.g. ``{base}id/distribution/lires-nt-gz``."""
        return self.iri("distribution", dump.file.replace(".", "-"))

    def described(self) -> set[str]:
        """Every ``/id/`` IRI this description is about (they dereference to /dataset)."""
        return {
            self.dataset,
            self.service,
            self.graph_store,
            self.iri("catalog", "lires"),
            self.iri("catalogrecord", "lires"),
            self.iri("agent", "publisher"),
            *(self.distribution(d) for d in DUMPS.values()),
        }


@dataclass(frozen=True)
class Description:
    """The description of one build: its publication facts, VoID statistics (see ``statistics``) and triples."""

    publication: Publication
    statistics: dict
    triples: list[ox.Triple]

    def about(self, iri: str) -> list[ox.Triple]:
        """The concise bounded description of ``iri``: its triples, following blank-node objects."""
        subjects: list = [ox.NamedNode(iri)]
        out: list[ox.Triple] = []
        for subject in subjects:
            for triple in self.triples:
                if triple.subject == subject:
                    out.append(triple)
                    if isinstance(triple.object, ox.BlankNode):
                        subjects.append(triple.object)
        return out

    @property
    def service(self) -> list[ox.Triple]:
        """The SPARQL Service Description (the sd:Service node and its default dataset) and the Graph Store
        Protocol service it points to (``rdfs:seeAlso``)."""
        return [*self.about(self.publication.service), *self.about(self.publication.graph_store)]


class _Graph:
    """Triples under construction, each once (a concept named twice is described once); predicates and classes
    as CURIEs of the schema's prefixes."""

    def __init__(self) -> None:
        self._triples: dict[ox.Triple, None] = {}

    @property
    def triples(self) -> list[ox.Triple]:
        """The triples, in the order first added."""
        return list(self._triples)

    def add(self, subject: ox.NamedNode | ox.BlankNode, predicate: str, *objects) -> None:
        for obj in objects:
            self._triples[ox.Triple(subject, _iri(predicate), obj)] = None


def _iri(curie_or_iri: str) -> ox.NamedNode:
    if "://" in curie_or_iri:
        return ox.NamedNode(curie_or_iri)
    return ox.NamedNode(vocabulary().expand(curie_or_iri))


def _texts(key: str, only: str | None = None) -> list[ox.Literal]:
    values = TEXTS[key]
    return [
        ox.Literal(v, language=lang)
        for lang, texts in values.items()
        if only in (None, lang)
        for v in (texts if isinstance(texts, list) else [texts])
    ]


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_iri("xsd:integer"))


def _rows(store: RdfGraph, query: str) -> list[tuple]:
    """Rows of a SELECT on the build's graph."""
    solutions = store.query(query)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError(f"expected a SELECT query, got {query}")
    return [tuple(solution) for solution in solutions]


def statistics(store: RdfGraph, base: str) -> dict:
    """VoID statistics of the store's default graph.

    Shape: ``{"triples", "entities", "distinct_subjects", "distinct_objects": int, "classes": {class IRI:
    entities}, "properties": {property IRI: triples}, "links": {(property IRI, target URI space): triples},
    "spatial": [NUTS region IRIs of the province]}``. Entities are the subjects in ``{base}id/``.
    """
    vocab = vocabulary()
    totals = _rows(
        store,
        """SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?o) AS ?o_)
                             WHERE { ?s ?p ?o }""",
    )[0]
    space = json.dumps(f"{base}id/")  # a JSON string is a valid SPARQL string literal
    entities = _rows(
        store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {space})) }}"
    )[0][0]
    classes = _rows(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")
    properties = _rows(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p")
    link_slots = " ".join(f"<{vocab.slots[s].uri}>" for s in ("same_as", "nuts_region"))
    links = _rows(
        store,
        f"""SELECT ?p ?space (COUNT(*) AS ?n) WHERE {{
                               VALUES ?p {{ {link_slots} }} ?s ?p ?o BIND(REPLACE(STR(?o), "[^/#]+$", "") AS ?space)
                             }} GROUP BY ?p ?space ORDER BY ?p ?space""",
    )
    spatial = _rows(
        store,
        f"SELECT DISTINCT ?r WHERE {{ ?p a <{vocab.classes['Province'].uri}> ; "
        f"<{vocab.slots['nuts_region'].uri}> ?r }} ORDER BY ?r",
    )
    return {
        "triples": int(totals[0].value),
        "distinct_subjects": int(totals[1].value),
        "distinct_objects": int(totals[2].value),
        "entities": int(entities.value),
        "classes": {c.value: int(n.value) for c, n in classes},
        "properties": {p.value: int(n.value) for p, n in properties},
        "links": {(p.value, space.value): int(n.value) for p, space, n in links},
        "spatial": [r.value for (r,) in spatial],
    }


def describe(store: RdfGraph, publication: Publication) -> Description:
    """The DCAT-AP-VL catalog (with its catalog record), dataset, distributions and data service, with
    VoID statistics and the SD. Blank nodes only for the contact point, rights and provenance
    statements, VoID partitions and linksets, and the SD's default dataset.
    """
    stats = statistics(store, publication.base)
    g = _Graph()
    dataset = ox.NamedNode(publication.dataset)
    catalog = ox.NamedNode(publication.iri("catalog", "lires"))
    record = ox.NamedNode(publication.iri("catalogrecord", "lires"))
    service = ox.NamedNode(publication.service)
    publisher = ox.NamedNode(publication.iri("agent", "publisher"))
    modified = ox.Literal(publication.modified.isoformat(), datatype=_iri("xsd:dateTime"))
    languages = [_concept(g, c) for c in concepts.LANGUAGES]
    licence, public = ox.NamedNode(LICENCE), _concept(g, concepts.PUBLIC)
    _typed(g, "dcterms:LicenseDocument", licence, ox.NamedNode(CATALOG_LICENCE))
    _typed(
        g,
        "dcterms:Standard",
        ox.NamedNode(DCAT_AP_VL),
        ox.NamedNode(SPARQL_PROTOCOL),
        ox.NamedNode(GRAPH_STORE_PROTOCOL),
        ox.NamedNode(vocabulary().ns.rstrip("#")),
    )
    _typed(g, "foaf:Document", ox.NamedNode(publication.base))
    themes = [_concept(g, c) for c in concepts.THEMES]

    g.add(publisher, "rdf:type", _iri("foaf:Agent"), _iri("dcterms:Agent"))
    g.add(publisher, "foaf:name", ox.Literal(publication.publisher, language="nl"))
    contact = ox.BlankNode()
    g.add(contact, "rdf:type", _iri("vcard:Organization"), _iri("vcard:Kind"))
    g.add(contact, "vcard:fn", ox.Literal(publication.publisher, language="nl"))
    if publication.contact_email:
        g.add(contact, "vcard:hasEmail", ox.NamedNode(f"mailto:{publication.contact_email}"))
    else:
        g.add(contact, "vcard:hasURL", ox.NamedNode(publication.base))
    rights = ox.BlankNode()
    g.add(rights, "rdf:type", _iri("dcterms:RightsStatement"))
    g.add(rights, "rdfs:label", *_texts("rights"))
    provenance = ox.BlankNode()
    g.add(provenance, "rdf:type", _iri("dcterms:ProvenanceStatement"))
    g.add(provenance, "rdfs:label", *_texts("provenance"))

    g.add(catalog, "rdf:type", _iri("dcat:Catalog"))
    g.add(catalog, "dcterms:title", *_texts("title"))
    g.add(catalog, "dcterms:description", *_texts("description"))
    g.add(catalog, "dcterms:identifier", ox.Literal(catalog.value))
    g.add(catalog, "dcterms:publisher", publisher)
    g.add(catalog, "dcat:contactPoint", contact)
    g.add(catalog, "dcterms:license", ox.NamedNode(CATALOG_LICENCE))
    g.add(catalog, "dcterms:modified", modified)
    g.add(catalog, "dcterms:language", *languages)
    g.add(catalog, "foaf:homepage", ox.NamedNode(publication.base))
    g.add(catalog, "dcat:dataset", dataset)
    g.add(catalog, "dcat:service", service, ox.NamedNode(publication.graph_store))
    g.add(catalog, "dcat:record", record)

    g.add(record, "rdf:type", _iri("dcat:CatalogRecord"))
    g.add(record, "dcterms:identifier", ox.Literal(record.value))
    g.add(record, "dcterms:title", *_texts("title", only="nl"))
    g.add(record, "foaf:primaryTopic", dataset)
    g.add(record, "dcterms:modified", modified)
    g.add(record, "dcterms:conformsTo", ox.NamedNode(DCAT_AP_VL))  # so Flemish harvesters apply its rules

    g.add(dataset, "rdf:type", _iri("dcat:Dataset"), _iri("dcat:Resource"), _iri("void:Dataset"))
    g.add(dataset, "dcterms:title", *_texts("title"))
    g.add(dataset, "dcterms:description", *_texts("description"))
    g.add(dataset, "dcterms:identifier", ox.Literal(dataset.value))
    g.add(dataset, "dcterms:publisher", publisher)
    g.add(dataset, "dcat:contactPoint", contact)
    g.add(dataset, "dcterms:license", licence)
    g.add(dataset, "dcterms:rights", rights)
    g.add(dataset, "dcterms:accessRights", public)
    g.add(dataset, "dcterms:provenance", provenance)
    g.add(dataset, "dcterms:modified", modified)
    g.add(dataset, "dcterms:language", *languages)
    g.add(dataset, "dcat:keyword", *_texts("keyword"))
    g.add(dataset, "dcat:theme", *themes)
    g.add(dataset, "dcterms:spatial", *(ox.NamedNode(r) for r in stats["spatial"]))
    _typed(g, "dcterms:Location", *(ox.NamedNode(r) for r in stats["spatial"]))
    g.add(dataset, "mdcat:statuut", _concept(g, concepts.OPEN_DATA))
    g.add(dataset, "dcat:landingPage", ox.NamedNode(publication.base))
    g.add(dataset, "dcterms:conformsTo", ox.NamedNode(vocabulary().ns.rstrip("#")))

    for dump in DUMPS.values():
        _distribution(g, publication, dump, dataset, licence, rights, modified)

    _void(g, dataset, stats, publication)
    _service(
        g,
        service,
        dataset,
        stats,
        publication,
        {"publisher": publisher, "contact": contact, "licence": licence, "public": public},
    )
    return Description(publication, stats, g.triples)


def _concept(g: _Graph, concept: Concept) -> ox.NamedNode:
    """State what the profiles ask of a concept from someone else's code list (ontology.concepts): its classes,
    its scheme (a skos:ConceptScheme) and its labels; returns the concept's node."""
    node, scheme = ox.NamedNode(concept.iri), ox.NamedNode(concept.scheme.iri)
    g.add(node, "rdf:type", _iri("skos:Concept"), *(_iri(c) for c in concept.classes))
    g.add(node, "skos:inScheme", scheme)
    g.add(node, "skos:prefLabel", *(ox.Literal(text, language=lang) for lang, text in concept.labels.items()))
    g.add(scheme, "rdf:type", _iri("skos:ConceptScheme"))
    g.add(scheme, "dcterms:title", ox.Literal(concept.scheme.title, language="en"))
    return node


def _typed(g: _Graph, cls: str, *nodes: ox.NamedNode) -> None:
    """State the class of reused IRIs, as DCAT-AP-VL asks (a licence is a dct:LicenseDocument, ...)."""
    for node in nodes:
        g.add(node, "rdf:type", _iri(cls))


def _distribution(g: _Graph, publication: Publication, dump: Dump, dataset, licence, rights, modified) -> None:
    node = ox.NamedNode(publication.distribution(dump))
    url = ox.NamedNode(f"{publication.base}dumps/{dump.file}")
    fmt = dump.export.format
    g.add(dataset, "dcat:distribution", node)
    g.add(node, "rdf:type", _iri("dcat:Distribution"))
    g.add(node, "dcterms:identifier", ox.Literal(node.value))
    g.add(
        node,
        "dcterms:title",
        ox.Literal(f"LIRES Graph: {dump.export.title}" + (", gzip" if dump.gzip else ""), language="en"),
    )
    g.add(node, "dcat:accessURL", url)
    g.add(node, "dcat:downloadURL", url)
    g.add(node, "dcterms:description", ox.Literal(_distribution_text(dump), language="en"))
    if fmt.file_type:
        g.add(node, "dcterms:format", _concept(g, concepts.file_type(fmt.file_type)))
    if fmt.iana:
        g.add(node, "dcat:mediaType", _concept(g, concepts.media_type(fmt.media_type)))
    if dump.export.package:
        g.add(node, "dcat:packageFormat", _concept(g, concepts.media_type(dump.export.package.media_type)))
    if dump.gzip:
        g.add(node, "dcat:compressFormat", _concept(g, concepts.media_type(GZIP.media_type)))
    g.add(node, "dcterms:license", licence)
    g.add(node, "dcterms:rights", rights)
    g.add(node, "dcterms:modified", modified)


def _distribution_text(dump: Dump) -> str:
    """What a distribution holds, for its dcterms:description (docs/linked-data.md, "Dumps")."""
    if dump.export.rdf:
        what = "Every triple of LIRES Graph plus this dataset description"
    elif dump.export.zipped:
        what = "The canonical records, one CSV file per entity type (iri, ref, one column per property)"
    else:
        what = "The network of entities and their links (without sources), for network tools"
    return f"{what}, in {dump.export.title}" + (", gzip-compressed." if dump.gzip else ".")


def _void(g: _Graph, dataset, stats: dict, publication: Publication) -> None:
    g.add(dataset, "void:triples", _count(stats["triples"]))
    g.add(dataset, "void:entities", _count(stats["entities"]))
    g.add(dataset, "void:distinctSubjects", _count(stats["distinct_subjects"]))
    g.add(dataset, "void:distinctObjects", _count(stats["distinct_objects"]))
    g.add(dataset, "void:classes", _count(len(stats["classes"])))
    g.add(dataset, "void:properties", _count(len(stats["properties"])))
    g.add(dataset, "void:uriSpace", ox.Literal(f"{publication.base}id/"))
    g.add(dataset, "void:sparqlEndpoint", ox.NamedNode(f"{publication.base}sparql"))
    for dump in DUMPS.values():
        if dump.export.rdf:
            g.add(dataset, "void:dataDump", ox.NamedNode(f"{publication.base}dumps/{dump.file}"))
            if not dump.gzip:
                g.add(dataset, "void:feature", _iri(f"formats:{dump.export.format.w3c}"))
    used = [*stats["classes"], *stats["properties"]]
    for prefix, namespace in sorted(vocabulary().prefixes.items()):
        if prefix != "linkml" and any(term.startswith(namespace) for term in used):
            g.add(dataset, "void:vocabulary", ox.NamedNode(namespace))
    for cls, entities in stats["classes"].items():
        partition = ox.BlankNode()
        g.add(dataset, "void:classPartition", partition)
        g.add(partition, "void:class", ox.NamedNode(cls))
        g.add(partition, "void:entities", _count(entities))
    for prop, triples in stats["properties"].items():
        partition = ox.BlankNode()
        g.add(dataset, "void:propertyPartition", partition)
        g.add(partition, "void:property", ox.NamedNode(prop))
        g.add(partition, "void:triples", _count(triples))
    same_as, nuts_region = (vocabulary().slots[s].uri for s in ("same_as", "nuts_region"))
    expected = {(nuts_region if space == NUTS else same_as, space): 0 for space in LINK_TARGETS}
    for (prop, space), triples in {**expected, **stats["links"]}.items():
        linkset, target = ox.BlankNode(), ox.BlankNode()
        g.add(dataset, "void:subset", linkset)
        g.add(linkset, "rdf:type", _iri("void:Linkset"))
        g.add(linkset, "void:linkPredicate", ox.NamedNode(prop))
        g.add(linkset, "void:subjectsTarget", dataset)
        g.add(linkset, "void:objectsTarget", target)
        g.add(linkset, "void:triples", _count(triples))
        g.add(target, "rdf:type", _iri("void:Dataset"))
        g.add(target, "void:uriSpace", ox.Literal(space))
        if space in LINK_TARGETS:
            g.add(target, "dcterms:title", ox.Literal(LINK_TARGETS[space], language="en"))


def _service(g: _Graph, service, dataset, stats: dict, publication: Publication, shared: dict) -> None:
    endpoint = ox.NamedNode(f"{publication.base}sparql")
    texts = (
        "LIRES Graph SPARQL-eindpunt",
        "SPARQL 1.1-eindpunt (alleen lezen) op de volledige LIRES Graph-dataset.",
        ("SPARQL", "linked data"),
    )
    _data_service(g, service, endpoint, SPARQL_PROTOCOL, texts, dataset, shared)
    g.add(service, "rdf:type", _iri("sd:Service"))
    g.add(service, "sd:endpoint", endpoint)
    g.add(service, "sd:supportedLanguage", _iri("sd:SPARQL11Query"))
    g.add(service, "sd:resultFormat", *(_iri(f"formats:{f.w3c}") for f in SERVICE_FORMATS))
    g.add(service, "sd:defaultEntailmentRegime", ox.NamedNode(SIMPLE_ENTAILMENT))
    default_dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    g.add(service, "sd:defaultDataset", default_dataset)
    g.add(default_dataset, "rdf:type", _iri("sd:Dataset"))
    g.add(default_dataset, "sd:defaultGraph", default_graph)
    g.add(default_graph, "rdf:type", _iri("sd:Graph"))
    g.add(default_graph, "void:triples", _count(stats["triples"]))
    graph_store = ox.NamedNode(publication.graph_store)
    texts = (
        "LIRES Graph Graph Store",
        "SPARQL 1.1 Graph Store Protocol (alleen lezen: GET, HEAD): de standaardgraaf van de LIRES Graph-dataset "
        "in zijn geheel, met ?default.",
        ("Graph Store Protocol", "linked data"),
    )
    _data_service(
        g, graph_store, ox.NamedNode(f"{publication.base}graph-store"), GRAPH_STORE_PROTOCOL, texts, dataset, shared
    )
    g.add(service, "rdfs:seeAlso", graph_store)


def _data_service(g: _Graph, node, endpoint, standard: str, texts: tuple, dataset, shared: dict) -> None:
    """A dcat:DataService at ``endpoint`` conforming to ``standard``, with (title, description, keywords) in Dutch."""
    title, description, keywords = texts
    g.add(node, "rdf:type", _iri("dcat:DataService"))
    g.add(node, "mdcat:statuut", _concept(g, concepts.OPEN_DATA_SERVICE))
    g.add(node, "dcterms:identifier", ox.Literal(node.value))
    g.add(node, "dcterms:title", ox.Literal(title, language="nl"))
    g.add(node, "dcterms:description", ox.Literal(description, language="nl"))
    g.add(node, "dcat:keyword", *(ox.Literal(k, language="nl") for k in keywords))
    g.add(node, "dcterms:publisher", shared["publisher"])
    g.add(node, "dcat:contactPoint", shared["contact"])
    g.add(node, "dcterms:license", shared["licence"])
    g.add(node, "dcterms:accessRights", shared["public"])
    g.add(node, "dcat:endpointURL", endpoint)
    g.add(node, "dcat:endpointDescription", endpoint)
    g.add(node, "dcat:servesDataset", dataset)
    g.add(node, "dcterms:conformsTo", ox.NamedNode(standard))
