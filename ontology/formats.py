"""Every format LIRES reads or writes, once: its names, media types, file extension and how DCAT names it.

Content negotiation (api.conneg), the SPARQL endpoint (api.sparql), the exports and dumps (graph.publish.dumps)
and the dataset description (graph.publish.description) read this table; no module outside ``ontology/``
spells a media type. pyoxigraph and rdflib find their own format from the media type
(``RdfFormat.from_media_type``, ``QueryResultsFormat.from_media_type``; rdflib registers its parsers and
serialisers under media types), so the table does not repeat their names.
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.namespaces import EU_AUTHORITY, IANA_MEDIA_TYPES


@dataclass(frozen=True)
class Format:
    """One format.

    ``names`` are what the ``format`` parameter and ``lires export --format`` take, the first shown in
    messages; ``media_types`` the preferred media type first, then others a client may send for it
    (``application/json`` gets JSON-LD where JSON-LD is offered and plain JSON is not). ``iana`` says whether
    the media type is registered with IANA (only registered ones go into ``dcat:mediaType``);
    ``file_type`` is the code in the EU file-type authority table (``dct:format``); ``w3c`` the name in
    the W3C formats namespace (``formats:``, for ``sd:resultFormat`` and ``void:feature``).
    """

    names: tuple[str, ...]
    media_types: tuple[str, ...]
    title: str
    extension: str | None = None
    file_type: str | None = None
    iana: bool = True
    w3c: str | None = None

    @property
    def name(self) -> str:
        """The format's short name, e.g. ``ttl``."""
        return self.names[0]

    @property
    def media_type(self) -> str:
        """The preferred media type, e.g. ``text/turtle``."""
        return self.media_types[0]

    @property
    def iana_iri(self) -> str:
        """The media type's IRI in IANA's registry (for dcat:mediaType, packageFormat, compressFormat)."""
        return IANA_MEDIA_TYPES + self.media_type

    @property
    def file_type_iri(self) -> str | None:
        """The format's IRI in the EU file-type authority table (for dct:format)."""
        return f"{EU_AUTHORITY}file-type/{self.file_type}" if self.file_type else None


# Graphs. ``n3`` gets Turtle (every Turtle document is N3); ``json`` and ``xml`` are the names SPARQLWrapper
# sends for CONSTRUCT results.
TURTLE = Format(("ttl", "turtle", "n3"), ("text/turtle",), "Turtle", "ttl", "RDF_TURTLE", w3c="Turtle")
JSON_LD = Format(
    ("jsonld", "json-ld", "json"),
    ("application/ld+json", "application/json"),
    "JSON-LD",
    "jsonld",
    "JSON_LD",
    w3c="JSON-LD",
)
N_TRIPLES = Format(
    ("nt", "ntriples", "n-triples"), ("application/n-triples",), "N-Triples", "nt", "RDF_N_TRIPLES", w3c="N-Triples"
)
RDF_XML = Format(
    ("rdfxml", "rdf+xml", "rdf", "xml"), ("application/rdf+xml",), "RDF/XML", "rdf", "RDF_XML", w3c="RDF_XML"
)

# More ways to ask for a document about a thing (/doc/, /dataset, /ns): its triples in N-Quads (default graph), in
# Notation3 (written as Turtle, which every N3 reader reads) and as plain text (N-Triples, for a browser or curl).
N_QUADS = Format(("nq", "nquads", "n-quads"), ("application/n-quads",), "N-Quads", w3c="N-Quads")
N3 = Format(("notation3",), ("text/n3",), "Notation3 (as Turtle)", w3c="N3")
PLAIN_TEXT = Format(("text",), ("text/plain",), "N-Triples as plain text")

# SPARQL SELECT and ASK results (CSV is also the format of tables).
SPARQL_JSON = Format(
    ("json",), ("application/sparql-results+json",), "SPARQL results in JSON", w3c="SPARQL_Results_JSON"
)
SPARQL_XML = Format(("xml",), ("application/sparql-results+xml",), "SPARQL results in XML", w3c="SPARQL_Results_XML")
CSV = Format(("csv",), ("text/csv",), "CSV", "csv", "CSV", w3c="SPARQL_Results_CSV")
TSV = Format(("tsv",), ("text/tab-separated-values",), "TSV", w3c="SPARQL_Results_TSV")

# Tables for spreadsheet users.
XLSX = Format(
    ("xlsx",),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "Excel workbook (XLSX)",
    "xlsx",
    "XLSX",
)
MULTIPART = Format(("multipart",), ("multipart/form-data",), "HTML form data with files")

# Networks, for Gephi, yEd and Cytoscape.
GRAPHML = Format(("graphml",), ("application/graphml+xml",), "GraphML (Gephi, yEd, networkx)", "graphml", "XML", False)
GEXF = Format(("gexf",), ("application/gexf+xml",), "GEXF (Gephi)", "gexf", "XML", False)
CYTOSCAPE = Format(("cyjs",), ("application/json",), "Cytoscape.js JSON", "cyjs", "JSON")

# Pages, API bodies, packaging and SPARQL Protocol requests.
HTML = Format(("html",), ("text/html",), "HTML")
XML = Format(("xml",), ("application/xml",), "XML (sitemaps)")
JSON = Format(("json",), ("application/json",), "JSON", file_type="JSON")
XLSX = Format(
    ("xlsx",),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "Excel workbook (XLSX)",
    "xlsx",
    "XLSX",
)
ZIP = Format(("zip",), ("application/zip",), "ZIP", "zip")
GZIP = Format(("gzip",), ("application/gzip",), "gzip", "gz")
SPARQL_QUERY = Format(("sparql-query",), ("application/sparql-query",), "SPARQL query")
SPARQL_UPDATE = Format(("sparql-update",), ("application/sparql-update",), "SPARQL update")
FORM = Format(("form",), ("application/x-www-form-urlencoded",), "HTML form data")

GRAPH_FORMATS = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
"""The formats of an RDF graph, in order of preference (a tie in content negotiation goes to the earlier)."""
DOCUMENT_FORMATS = (*GRAPH_FORMATS, N_QUADS, N3, PLAIN_TEXT)
"""The formats of a document describing a thing: the graph formats, then those written as one of them."""
WRITTEN_AS = {N3.media_type: TURTLE, PLAIN_TEXT.media_type: N_TRIPLES}
"""Media types whose documents are written in another format's syntax."""
RESULT_FORMATS = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
"""The formats of SPARQL SELECT and ASK results, in order of preference."""
