"""The export formats and the dump files made from them: one table, read by the CLI, the API and DCAT."""

from __future__ import annotations

from dataclasses import dataclass

EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA_MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    ``media_type`` is the content's type; ``iana`` says whether it is registered with IANA (only
    registered types go into DCAT's ``dcat:mediaType``); ``file_type`` is the code in the EU
    file-type authority list (``dct:format``); ``package`` the archive's media type when the
    files come zipped; ``w3c`` the name in http://www.w3.org/ns/formats/ for RDF formats.
    """

    name: str
    extension: str
    media_type: str
    title: str
    file_type: str
    iana: bool = True
    package: str | None = None
    w3c: str | None = None

    @property
    def rdf(self) -> bool:
        """True for the formats that carry the RDF graph itself (with the dataset description)."""
        return self.w3c is not None


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("ttl", "ttl", "text/turtle", "Turtle", "RDF_TURTLE", w3c="Turtle"),
        ExportFormat("nt", "nt", "application/n-triples", "N-Triples", "RDF_N_TRIPLES", w3c="N-Triples"),
        ExportFormat("jsonld", "jsonld", "application/ld+json", "JSON-LD", "JSON_LD", w3c="JSON-LD"),
        ExportFormat("rdfxml", "rdf", "application/rdf+xml", "RDF/XML", "RDF_XML", w3c="RDF_XML"),
        ExportFormat(
            "graphml", "graphml", "application/graphml+xml", "GraphML (Gephi, yEd, networkx)", "XML", iana=False
        ),
        ExportFormat("gexf", "gexf", "application/gexf+xml", "GEXF (Gephi)", "XML", iana=False),
        ExportFormat("cyjs", "cyjs", "application/json", "Cytoscape.js JSON", "JSON"),
        ExportFormat(
            "csv", "csv.zip", "text/csv", "CSV, one file per entity type (ZIP)", "CSV", package="application/zip"
        ),
    )
}
"""Export formats by the name ``lires export --format`` takes."""

RDF_FORMATS = {f.media_type: f.name for f in FORMATS.values() if f.rdf}
"""Media type -> format name of the RDF formats, in order of preference for content negotiation."""


@dataclass(frozen=True)
class Dump:
    """A downloadable dump: a format, optionally gzip-compressed."""

    format: ExportFormat
    gzip: bool = False

    @property
    def file(self) -> str:
        """File name, e.g. ``lires.nt.gz``."""
        return f"lires.{self.format.extension}" + (".gz" if self.gzip else "")

    @property
    def media_type(self) -> str:
        """HTTP content type of the file as downloaded."""
        return "application/gzip" if self.gzip else self.format.package or self.format.media_type


DUMPS = {d.file: d for d in [Dump(f) for f in FORMATS.values()] + [Dump(FORMATS["nt"], gzip=True)]}
"""Every dump served under ``/dumps/{file}`` and listed in the dataset description, by file name."""
