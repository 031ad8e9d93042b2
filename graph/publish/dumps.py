"""The exports and the dump files made from them: which formats of the table (ontology.formats) LIRES publishes.

Read by the CLI (``lires export``), the API (``/dumps``) and the dataset description (one DCAT distribution
per dump).
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.formats import (
    CSV,
    CYTOSCAPE,
    GEXF,
    GRAPH_FORMATS,
    GRAPHML,
    GZIP,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    TURTLE,
    XLSX,
    ZIP,
    Format,
)


@dataclass(frozen=True)
class Export:
    """What ``lires export --format`` writes: the whole graph in one format, zipped as one file per entity type
    when ``zipped`` (CSV); XLSX is the workbook a strategist edits (graph.publish.workbook), not the whole graph."""

    format: Format
    zipped: bool = False

    @property
    def name(self) -> str:
        """The name ``lires export --format`` takes, e.g. ``ttl``."""
        return self.format.name

    @property
    def extension(self) -> str:
        """The file extension, e.g. ``ttl`` or ``csv.zip``."""
        return f"{self.format.extension}.{ZIP.extension}" if self.zipped else str(self.format.extension)

    @property
    def package(self) -> Format | None:
        """The archive the files come in (ZIP for CSV), else None."""
        return ZIP if self.zipped else None

    @property
    def rdf(self) -> bool:
        """True for the formats that carry the RDF graph itself (with the dataset description)."""
        return self.format in GRAPH_FORMATS

    @property
    def title(self) -> str:
        """What messages and DCAT call it, e.g. ``Turtle`` or ``CSV, one file per entity type (ZIP)``."""
        return f"{self.format.title}, one file per entity type ({ZIP.title})" if self.zipped else self.format.title


EXPORTS = {
    e.name: e
    for e in (
        Export(TURTLE),
        Export(N_TRIPLES),
        Export(JSON_LD),
        Export(RDF_XML),
        Export(GRAPHML),
        Export(GEXF),
        Export(CYTOSCAPE),
        Export(CSV, zipped=True),
        Export(XLSX),
    )
}
"""Exports by the name ``lires export --format`` takes."""


@dataclass(frozen=True)
class Dump:
    """A downloadable dump: an export, optionally gzip-compressed."""

    export: Export
    gzip: bool = False

    @property
    def file(self) -> str:
        """File name, e.g. ``lires.nt.gz``."""
        return f"lires.{self.export.extension}" + (f".{GZIP.extension}" if self.gzip else "")

    @property
    def media_type(self) -> str:
        """HTTP content type of the file as downloaded."""
        if self.gzip:
            return GZIP.media_type
        return (self.export.package or self.export.format).media_type


DUMPS = {d.file: d for d in [Dump(e) for e in EXPORTS.values()] + [Dump(EXPORTS["nt"], gzip=True)]}
"""Every dump served under ``/dumps/{file}`` and listed in the dataset description, by file name."""
