"""Concepts of others' code lists that the dataset description names, with what DCAT-AP and DCAT-AP-VL ask a
catalogue to say of them: the scheme they are in, their labels (Dutch and English, as the code list gives them)
and the classes the profiles' range shapes expect besides ``skos:Concept``.

The EU code lists (Publications Office, ``ontology.namespaces.EU_AUTHORITY``) and the Flemish and Belgian ones
cannot be fetched by a harvester's validator offline; stating scheme, label and class here lets the description
pass the profiles' shapes on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ontology.namespaces import (
    BELGIF_DATA_THEME,
    EU_AUTHORITY,
    GDI_KEYWORDS,
    IANA_MEDIA_TYPE_LIST,
    IANA_MEDIA_TYPES,
)


@dataclass(frozen=True)
class Scheme:
    """A code list: its IRI and its title (English, as its publisher names it)."""

    iri: str
    title: str


@dataclass(frozen=True)
class Concept:
    """One concept: its IRI, its scheme, its labels by language, and classes (CURIEs) besides
    ``skos:Concept`` that the profiles' range shapes ask of a value in its place."""

    iri: str
    scheme: Scheme
    labels: dict[str, str]
    classes: tuple[str, ...] = field(default=())


_EU_TABLES = {
    "access-right": "Access right",
    "language": "Language",
    "data-theme": "Data theme",
    "file-type": "File type",
}
BELGIAN_THEMES = Scheme(BELGIF_DATA_THEME, "Data themes")
GDI = Scheme(GDI_KEYWORDS, "GDI-Vlaanderen Trefwoorden")
MEDIA_TYPES = Scheme(IANA_MEDIA_TYPE_LIST, "Media Types")


def _eu(table: str, code: str, nl: str, en: str, *classes: str) -> Concept:
    scheme = Scheme(f"{EU_AUTHORITY}{table}", _EU_TABLES[table])
    return Concept(f"{EU_AUTHORITY}{table}/{code}", scheme, {"nl": nl, "en": en}, classes)


PUBLIC = _eu("access-right", "PUBLIC", "publiek", "public", "dcterms:RightsStatement")
"""Access right of the dataset and the data service: open to everyone."""
LANGUAGES = (
    _eu("language", "NLD", "Nederlands", "Dutch", "dcterms:LinguisticSystem"),
    _eu("language", "ENG", "Engels", "English", "dcterms:LinguisticSystem"),
)
"""The languages of the catalogue and the dataset (labels, descriptions): Dutch, English."""
_THEMES = {
    "ECON": ("Economie en financiën", "Economy and finance"),
    "REGI": ("Regio's en steden", "Regions and cities"),
}
THEMES = tuple(
    Concept(f"{BELGIF_DATA_THEME}/{code}", BELGIAN_THEMES, {"nl": nl, "en": en}) for code, (nl, en) in _THEMES.items()
)
"""The dataset's themes, from the Belgian data themes DCAT-AP-VL asks for (they share the EU data themes' codes and
labels; DCAT-AP-VL refuses a theme from another list)."""
OPEN_DATA = Concept(f"{GDI_KEYWORDS}/VLOPENDATA", GDI, {"nl": "Vlaamse Open data", "en": "Vlaamse Open data"})
"""The status DCAT-AP-VL requires of a dataset in the Flemish open-data catalogue (``mdcat:statuut``)."""
OPEN_DATA_SERVICE = Concept(
    f"{GDI_KEYWORDS}/VLOPENDATASERVICE", GDI, {"nl": "Vlaamse Open data Service", "en": "Vlaamse Open data Service"}
)
"""The status DCAT-AP-VL requires of a data service (``mdcat:statuut``)."""

FILE_TYPE_LABELS = {
    "RDF_TURTLE": "RDF Turtle",
    "JSON_LD": "JSON-LD",
    "RDF_N_TRIPLES": "RDF N-Triples",
    "RDF_XML": "RDF/XML",
    "CSV": "CSV",
    "XML": "XML",
    "JSON": "JSON",
    "XLSX": "XLSX",
}
"""Labels of the EU file types the dumps use (the same in every language)."""


def file_type(code: str) -> Concept:
    """The EU file type ``code`` (ontology.formats.Format.file_type), for ``dct:format``; KeyError for a code
    without a label in FILE_TYPE_LABELS."""
    label = FILE_TYPE_LABELS[code]
    return _eu("file-type", code, label, label, "dcterms:MediaTypeOrExtent")


def media_type(name: str) -> Concept:
    """The IANA media type ``name`` (``text/turtle``), for ``dcat:mediaType``, ``packageFormat``,
    ``compressFormat``."""
    return Concept(IANA_MEDIA_TYPES + name, MEDIA_TYPES, {"nl": name, "en": name}, ("dcterms:MediaType",))
