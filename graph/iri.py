"""Minting IRIs per the Flemish URI standard: ``{base}id/{type}/{ref}`` and ``{base}doc/{type}/{ref}``."""

from __future__ import annotations

import re
from urllib.parse import quote

from ontology.vocab import vocabulary
from records.model import Key

_REF = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")


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
