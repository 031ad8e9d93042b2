"""Exports of one build in every format (graph.publish.dumps): the CLI uses ``export``, /dumps ``dump``.

RDF dumps hold every triple of the build's graph plus the dataset description
(DCAT/VoID, graph.publish.description) in the same default graph; the description counts only the
data triples, so ``void:triples`` equals the store's size. GraphML, GEXF and Cytoscape JSON
hold the network of graph.network (entities and links, without Sources); CSV holds the
canonical records, one file per entity type; XLSX the workbook a strategist edits (graph.publish.workbook).
"""

from __future__ import annotations

import gzip

from graph.network import to_networkx
from graph.publish import network, tables
from graph.publish.description import Publication, describe
from graph.publish.dumps import Dump, Export
from graph.publish.serialize import serialize
from graph.publish.workbook import workbook
from graph.settings import Settings
from graph.store import Build
from ontology.formats import CSV, CYTOSCAPE, GEXF, GRAPHML, XLSX


def publication(build: Build, settings: Settings) -> Publication:
    """Who publishes ``build``, where and when (for the dataset description)."""
    return Publication(settings.base_iri, build.built_at, settings.publisher, settings.contact_email)


def export(build: Build, settings: Settings, what: Export) -> bytes:
    """The whole graph of ``build`` as ``what`` (CSV comes as a ZIP of one CSV per entity type)."""
    base = settings.base_iri
    if what.rdf:
        store = build.rdf
        triples = [*store.triples(), *describe(store, publication(build, settings)).triples]
        return serialize(triples, what.format.media_type)
    if what.format is CSV:
        return tables.zipped(tables.tables(base, build.records), build.built_at)
    if what.format is XLSX:
        return workbook(build.fragments(), build.built_at)
    writer = {GRAPHML: network.graphml, GEXF: network.gexf, CYTOSCAPE: network.cytoscape}[what.format]
    return writer(to_networkx(build.records, base))


def dump(build: Build, settings: Settings, file: Dump) -> bytes:
    """The bytes of one dump file: ``export`` of its format, gzip-compressed when the dump says so."""
    data = export(build, settings, file.export)
    return gzip.compress(data, mtime=int(build.built_at.timestamp())) if file.gzip else data
