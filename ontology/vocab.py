"""The compiled vocabulary (generated/vocab.json): the run-time view of the schema.

Every class IRI, property IRI, Neo4j label and relationship type used by the code comes
from here, so the schema in lires.yaml stays the single source of truth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

GENERATED = Path(__file__).with_name("generated")
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
LANGUAGES = ("nl", "en")
"""The languages every class, slot, enum and enum value has a display name in (Dutch first: the default)."""
NEO4J_PROPERTY_NAMES = {"label": "name"}
"""Slots whose Neo4j property takes the property-graph convention's name (``name_nl``, not ``label_nl``)."""


@dataclass(frozen=True)
class SlotDef:
    """A property: ``kind`` is ``object`` (links to another entity), ``enum`` or ``literal``."""

    name: str
    uri: str
    range: str
    kind: str
    datatype: str | None
    multivalued: bool
    description: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    """Display names: ``nl``, ``en`` and, for links seen from their target, ``nl_inverse``, ``en_inverse``."""
    names_agent: bool = False
    """True when the value is an agent's name, which RDF gives as the agent (``{base}id/agent/{slug}``)."""

    def label(self, lang: str = "nl", inverse: bool = False) -> str:
        """The slot's display name in ``lang`` (the inverse name for an incoming link), else its schema name."""
        return self.labels.get(f"{lang}_inverse" if inverse else lang) or self.name

    @property
    def neo4j_type(self) -> str:
        """Relationship type (object slots) or property name in Neo4j: UPPER_SNAKE / snake."""
        return self.name.upper() if self.kind == "object" else self.name

    @property
    def language_tagged(self) -> bool:
        """True for slots whose values are texts with a language tag (``label``, ``description``)."""
        return self.datatype == LANG_STRING

    def neo4j_property(self, lang: str | None = None) -> str:
        """The Neo4j property holding this literal slot; one per language for language-tagged slots.

        ``label`` -> ``name_nl`` / ``name_en``, ``description`` -> ``description_en``, ``nis_code`` ->
        ``nis_code``. Raises ValueError when ``lang`` is given for a plain slot or missing for a tagged one.
        """
        if self.language_tagged != (lang is not None):
            raise ValueError(f"slot {self.name}: a language is {'required' if self.language_tagged else 'not allowed'}")
        name = NEO4J_PROPERTY_NAMES.get(self.name, self.name)
        return f"{name}_{lang}" if lang else name


@dataclass(frozen=True)
class ClassDef:
    """A class of the schema with its IRI path segment (``municipality``) and labels."""

    name: str
    uri: str
    path: str | None
    abstract: bool
    types: tuple[str, ...]
    labels: dict[str, str]
    slots: dict[str, dict[str, Any]]
    """The class's slots, each with ``required`` (bool) and ``range`` (a class, enum or type name)."""
    description: str | None = None
    qualified_relation: tuple[str, str, str] | None = None
    """For a class whose instances stand for a relation between two entities (Membership, Participation): the
    slots of its two ends and of the role, e.g. ``("member", "organization", "role")``; else None."""
    period: str | None = None
    """The property (``org:memberDuring``) by which RDF also gives the instance's period as an OWL-Time interval."""

    def slot_uri(self, slot: str, default: str) -> str:
        """The IRI of ``slot`` on this class: its own where the class says so (a Project's sources are
        prov:wasInfluencedBy), else ``default`` (the slot's IRI)."""
        return str(self.slots.get(slot, {}).get("uri") or default)

    @property
    def neo4j_label(self) -> str:
        """The Neo4j label: the class name, CamelCase as in the schema."""
        return self.name

    def label(self, lang: str = "nl") -> str:
        """The class's display name in ``lang`` (``nl`` or ``en``), e.g. Municipality -> ``gemeente``."""
        return self.labels.get(lang) or self.name


@dataclass(frozen=True)
class EnumDef:
    """An enumeration: its values (in schema order of names) with their display names per language."""

    name: str
    labels: dict[str, str]
    values: dict[str, dict[str, str]]
    concept_class: str | None = None
    """For an enumeration whose values RDF gives as concepts of the role scheme: their class (org:Role, prov:Role)."""

    def label(self, value: str, lang: str = "nl") -> str:
        """The display name of ``value`` in ``lang``: ``in_progress`` -> ``in uitvoering``; an unknown value is
        returned as it is (the loaders refuse those, so only hand-made records can hold one)."""
        return self.values.get(value, {}).get(lang) or value


class Vocabulary:
    """Classes, slots and enums of the schema, read from ``generated/vocab.json``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.prefixes: dict[str, str] = data["prefixes"]
        self.enum_defs = {n: EnumDef(n, e["labels"], e["values"], e["concept_class"]) for n, e in data["enums"].items()}
        self.enums: dict[str, list[str]] = {n: list(e.values) for n, e in self.enum_defs.items()}
        self.slots = {
            n: SlotDef(
                n,
                s["uri"],
                s["range"],
                s["kind"],
                s["datatype"],
                s["multivalued"],
                s["description"],
                s["labels"],
                s["names_agent"],
            )
            for n, s in data["slots"].items()
        }
        self.classes = {
            n: ClassDef(
                n,
                c["uri"],
                c["path"],
                c["abstract"],
                tuple(c["types"]),
                c["labels"],
                c["slots"],
                c["description"],
                tuple(c["qualified_relation"]) if c["qualified_relation"] else None,
                c["period"],
            )
            for n, c in data["classes"].items()
        }
        self.qualified_relations = {n: c.qualified_relation for n, c in self.classes.items() if c.qualified_relation}
        """Class name -> (one end, other end, role) slots, for the classes that stand for a relation."""
        self.by_path = {c.path: c for c in self.classes.values() if c.path}

    @property
    def ns(self) -> str:
        """Namespace of LIRES's own terms, ``https://w3id.org/lires/ns#``."""
        return self.prefixes["lires"]

    def concrete(self) -> list[ClassDef]:
        """Classes that have instances, in schema order of names."""
        return [c for c in self.classes.values() if not c.abstract and c.path]

    def is_a(self, cls: str, ancestor: str) -> bool:
        """True when class ``cls`` is ``ancestor`` or one of its subclasses."""
        return self.classes[ancestor].uri in self.classes[cls].types

    def slot_uris(self, slot: str) -> set[str]:
        """Every IRI ``slot`` takes in RDF: its own and those classes give it (a Project's prov:wasInfluencedBy)."""
        default = self.slots[slot].uri
        return {default} | {c.slot_uri(slot, default) for c in self.classes.values() if slot in c.slots}

    def concept_enum(self, slot: str) -> EnumDef | None:
        """The enumeration of ``slot`` when RDF gives its values as concepts of the role scheme, else None."""
        enum = self.enum_defs.get(self.slots[slot].range)
        return enum if enum and enum.concept_class else None

    def value_label(self, slot: str, value: str, lang: str = "nl") -> str:
        """How a person reads ``value`` of ``slot``: the enum value's display name for an enum slot
        (``status``, ``in_progress``, ``nl`` -> ``in uitvoering``), else the value unchanged."""
        enum = self.enum_defs.get(self.slots[slot].range) if slot in self.slots else None
        return enum.label(value, lang) if enum else value

    def expand(self, curie: str) -> str:
        """Expand a CURIE such as ``skos:prefLabel`` with the schema's prefixes."""
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary compiled from the checked-in schema (read once, on first use)."""
    return Vocabulary(json.loads((GENERATED / "vocab.json").read_text(encoding="utf-8")))
