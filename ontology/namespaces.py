"""IRIs LIRES cites or links to that are not vocabularies of the schema: standards, authority tables, registers.

The schema's own vocabularies (rdf, xsd, dcat, void, sd, formats, ...) are its prefixes in lires.yaml, read
through ontology.vocab. Nothing outside ``ontology/`` spells either kind
(tests/unit/test_ontology_owns_iris_and_media_types.py).
"""

from __future__ import annotations

EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
"""The EU Vocabularies authority tables DCAT-AP uses: ``file-type/``, ``language/``, ``data-theme/``,
``access-right/``."""
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
"""IANA's media type registry: ``{IANA_MEDIA_TYPES}text/turtle`` names a registered media type (dcat:mediaType)."""
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
"""The SPARQL 1.1 Protocol, which the endpoint conforms to."""
SIMPLE_ENTAILMENT = "http://www.w3.org/ns/entailment/Simple"
"""The entailment regime the endpoint answers under (none beyond simple entailment)."""
DCAT_AP_VL = "https://data.vlaanderen.be/doc/applicatieprofiel/DCAT-AP-VL/erkendestandaard/2022-04-21"
"""The Flemish DCAT application profile the catalog follows: DCAT-AP-VL 2.0 (recognised standard of 2022-04-21)."""
GRAPH_STORE_PROTOCOL = "https://www.w3.org/TR/sparql11-http-rdf-update/"
"""The SPARQL 1.1 Graph Store HTTP Protocol, whose read operations (GET, HEAD) /graph-store offers."""
BELGIF_DATA_THEME = "https://vocab.belgif.be/auth/datatheme"
"""The Belgian data themes (the code list DCAT-AP-VL asks dcat:theme to come from); a theme is this, ``/``, a code."""
GDI_KEYWORDS = "https://metadata.vlaanderen.be/id/GDI-Vlaanderen-Trefwoorden"
"""The GDI-Vlaanderen keywords, among them the statuses DCAT-AP-VL asks of a dataset and a data service."""
IANA_MEDIA_TYPE_LIST = "https://www.iana.org/assignments/media-types/media-types.xhtml"
"""IANA's list of media types, the concept scheme DCAT-AP-VL names for dcat:mediaType."""
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
"""Creative Commons Attribution 4.0 International."""
CC0_VL = "https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0"
"""CC0 as named in the Flemish licence list (the licence DCAT-AP-VL asks of a catalog)."""

FLEMISH_MUNICIPALITY = "https://data.vlaanderen.be/id/gemeente/"
"""The Flemish municipality register; a municipality's IRI there is this plus its NIS code."""
KBO = "https://org.belgif.be/id/CbeRegisteredEntity/"
"""The Belgian register of legal entities (KBO/CBE); an organisation's IRI is this plus its KBO number."""
WIKIDATA = "http://www.wikidata.org/entity/"
"""Wikidata items: this plus the Q-number."""
NUTS = "http://data.europa.eu/nuts/code/"
"""The EU's NUTS regions: this plus the NUTS code."""

LINK_TARGETS = {
    FLEMISH_MUNICIPALITY: "Flemish municipality register (data.vlaanderen.be)",
    WIKIDATA: "Wikidata",
    KBO: "Crossroads Bank for Enterprises (KBO/BCE)",
    NUTS: "Eurostat NUTS regions",
}
"""The registers LIRES links its things to, by URI space, with their names: each is a VoID linkset of the dataset,
counted even when nothing links to it yet (a KBO number or a Wikidata id is linked only where the data has it)."""
