"""Minting IRIs per the Flemish URI standard: ``{base}id/{type}/{ref}`` and ``{base}doc/{type}/{ref}``."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from ontology.vocab import vocabulary
from records.model import Key

_REF = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")


ROLE = "role"
"""The ``{type}`` of the role concepts: ``{base}id/role/{value}``."""
CONCEPT_SCHEME = "conceptscheme"
"""The ``{type}`` of concept schemes: ``{base}id/conceptscheme/role`` holds the roles."""
AGENT = "agent"
"""The ``{type}`` of agents (publishers of sources, the publisher of the dataset): ``{base}id/agent/{slug}``."""


class UnknownIri(ValueError):
    """An IRI that is not of the form {base}id/{type}/{ref} with a known type."""


def mint(base: str, key: Key) -> str:
    """The thing's IRI; refs are codes or slugs (never raw names), so they need no escaping.

    Raises ValueError for a ref that is not a lowercase slug or code.
    """
    if not _REF.match(key.ref):
        raise ValueError(f"not a valid ref for an IRI: {key.ref!r}")
    return f"{base}id/{vocabulary().classes[key.type].path}/{quote(key.ref, safe='-')}"


def document(base: str, key: Key) -> str:
    """The IRI of the document describing the thing: ``{base}doc/{type}/{ref}``."""
    return mint(base, key).replace(f"{base}id/", f"{base}doc/", 1)


def parse(base: str, iri: str) -> Key:
    """The Key of one of our thing IRIs; raises UnknownIri for anything else."""
    prefix = f"{base}id/"
    if not iri.startswith(prefix):
        raise UnknownIri(iri)
    path, _, ref = iri[len(prefix) :].partition("/")
    cls = vocabulary().by_path.get(path)
    if cls is None or not _REF.match(ref):
        raise UnknownIri(iri)
    return Key(cls.name, ref)


def key_from_path(path: str, ref: str) -> Key:
    """The Key for URL segments ``/{type}/{ref}``; raises UnknownIri for an unknown type (naming the known ones)
    or a ref that is not a code or lowercase slug."""
    cls = vocabulary().by_path.get(path)
    if cls is None:
        raise UnknownIri(f"unknown type {path!r} in {path}/{ref}; one of: " + ", ".join(sorted(vocabulary().by_path)))
    if not _REF.match(ref):
        raise UnknownIri(f"no {path} with ref {ref!r}: a ref is a code or a lowercase slug")
    return Key(cls.name, ref)


def slugify(text: str) -> str:
    """A lowercase slug of ``text``: accents dropped, every run of other characters one hyphen
    (``GitHub (vandenbroucke/belgian_municipalities)`` -> ``github-vandenbroucke-belgian-municipalities``).

    Raises ValueError when nothing of ``text`` is left (no letter or digit)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        raise ValueError(f"no letter or digit to make a slug of: {text!r}")
    return slug


def role(base: str, value: str) -> str:
    """The IRI of the role concept for an enum value (``founding_member`` -> ``{base}id/role/founding-member``)."""
    return f"{base}id/{ROLE}/{value.replace('_', '-')}"


def role_scheme(base: str) -> str:
    """The IRI of the SKOS concept scheme of the roles, ``{base}id/conceptscheme/role``."""
    return f"{base}id/{CONCEPT_SCHEME}/{ROLE}"


def agent(base: str, name: str) -> str:
    """The IRI of the agent called ``name``, ``{base}id/agent/{slug of the name}``."""
    return f"{base}id/{AGENT}/{slugify(name)}"
