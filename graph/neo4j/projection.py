"""Records -> the Neo4j property graph: node rows per label, relationship rows per type, from the schema.

Label = class name (``Municipality``); relationship type = object slot upper-cased (``SF_WITHIN``,
``WAS_DERIVED_FROM``); literal slots become properties, language-tagged ones one per language
(``name_nl``, ``description_en``); every node has ``iri`` (unique per label) and ``key`` (its ref).
Sources and ``WAS_DERIVED_FROM`` relationships are part of the graph, so provenance is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from graph.iri import mint
from ontology.vocab import SlotDef, vocabulary
from records.model import Key, Record, Text, Value


class ProjectionError(ValueError):
    """A record cannot become a node: empty or duplicate key, dangling link, or a value the schema forbids."""


@dataclass(frozen=True)
class Projection:
    """The whole property graph, ready for ``UNWIND``.

    ``nodes``: label -> ``[{"iri": str, "props": {property: value}}]`` (``props`` holds ``iri`` and ``key`` too);
    ``relationships``: (start label, type, end label) -> ``[{"start": iri, "end": iri}]``, without duplicates.
    Property values are str, int, float, datetime.date or homogeneous lists of those.
    """

    nodes: dict[str, list[dict[str, Any]]]
    relationships: dict[tuple[str, str, str], list[dict[str, str]]]

    def node_counts(self) -> dict[str, int]:
        """Nodes per label."""
        return {label: len(rows) for label, rows in sorted(self.nodes.items())}

    def relationship_counts(self) -> dict[str, int]:
        """Relationships per type."""
        counts: dict[str, int] = defaultdict(int)
        for (_, rel_type, _), rows in self.relationships.items():
            counts[rel_type] += len(rows)
        return dict(sorted(counts.items()))

    @property
    def size(self) -> int:
        """Nodes plus relationships (the units of progress of a load)."""
        return sum(map(len, self.nodes.values())) + sum(map(len, self.relationships.values()))


def _where(rec: Record) -> str:
    origins = ", ".join(map(str, rec.origins)) or "no origin"
    return f"record {rec.key.type}/{rec.key.ref!r} ({origins})"


def _literal(rec: Record, slot: str, value: Value) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str | int | dt.date) and not isinstance(value, bool):
        return value
    raise ProjectionError(f"{_where(rec)}: {slot} holds {value!r}, which is not a literal Neo4j can store")


def _properties(rec: Record, iri: str) -> dict[str, object]:
    vocab = vocabulary()
    props: dict[str, object] = {"iri": iri, "key": rec.key.ref}
    for slot_name, values in rec.values.items():
        slot: SlotDef | None = vocab.slots.get(slot_name)
        if slot is None:
            raise ProjectionError(f"{_where(rec)}: slot {slot_name!r} is not in the schema")
        if slot.kind == "object" or not values:
            continue
        if slot.language_tagged:
            for text in values:
                if not isinstance(text, Text):
                    raise ProjectionError(f"{_where(rec)}: {slot_name} holds {text!r}, not a language-tagged text")
                name = slot.neo4j_property(text.lang)
                if name in props:
                    raise ProjectionError(f"{_where(rec)}: two {slot_name} values in language {text.lang!r}")
                props[name] = text.value
        elif slot.multivalued:
            props[slot.neo4j_property()] = [_literal(rec, slot_name, v) for v in values]
        elif len(values) > 1:
            raise ProjectionError(f"{_where(rec)}: {slot_name} takes one value, got {len(values)}")
        else:
            props[slot.neo4j_property()] = _literal(rec, slot_name, values[0])
    return props


def _check_keys(records: list[Record], base_iri: str) -> None:
    vocab = vocabulary()
    seen: dict[Key, Record] = {}
    for rec in records:
        if not rec.key.type or not rec.key.ref:
            raise ProjectionError(f"{_where(rec)} has an empty key; every node needs a type and a ref")
        cls = vocab.classes.get(rec.key.type)
        if cls is None or cls.abstract or not cls.path:
            raise ProjectionError(f"{_where(rec)}: {rec.key.type!r} is not a concrete class of the schema")
        if rec.key in seen:
            raise ProjectionError(f"{_where(rec)} has the same key as {_where(seen[rec.key])}")
        try:
            mint(base_iri, rec.key)
        except ValueError as exc:
            raise ProjectionError(f"{_where(rec)}: {exc}") from None
        seen[rec.key] = rec


def project(records: Iterable[Record], base_iri: str) -> Projection:
    """The property graph of ``records`` with IRIs minted under ``base_iri``.

    Raises ProjectionError naming the record (type, ref, file:line) for an empty, invalid or duplicate
    key, a link to an entity that is not among the records, an unknown slot, or a second value where
    the schema allows one (per language for texts).
    """
    records = list(records)
    _check_keys(records, base_iri)
    keys = {rec.key for rec in records}
    vocab = vocabulary()
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    links: dict[tuple[str, str, str], dict[tuple[str, str], None]] = defaultdict(dict)
    for rec in records:
        iri = mint(base_iri, rec.key)
        props = _properties(rec, iri)
        label = vocab.classes[rec.key.type].neo4j_label
        nodes[label].append({"iri": iri, "props": props})
        for slot_name, values in rec.values.items():
            for value in values:
                if not isinstance(value, Key):
                    continue
                if value not in keys:
                    raise ProjectionError(
                        f"{_where(rec)}: {slot_name} links to {value}, which is not among the records"
                    )
                group = (label, vocab.slots[slot_name].neo4j_type, vocab.classes[value.type].neo4j_label)
                links[group][(iri, mint(base_iri, value))] = None
    relationships = {group: [{"start": s, "end": e} for s, e in pairs] for group, pairs in sorted(links.items())}
    return Projection(dict(sorted(nodes.items())), relationships)
