"""One entity as the API, the analysis reports and the pages name it: IRI, type, ref and display name."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from graph.iri import mint
from records.labels import display_label
from records.model import Key, Record


class EntitySummary(BaseModel):
    """An entity's identity and display name (Dutch, else English)."""

    iri: str
    type: str = Field(description="Schema class name, e.g. Municipality")
    ref: str = Field(description="NIS code or slug")
    label: str


def summarize(records: Mapping[Key, Record], base_iri: str, key: Key, label: str | None = None) -> EntitySummary:
    """The summary of the entity ``key`` of ``records``; ``label`` replaces its display name when given.

    Raises KeyError for a key not in ``records``.
    """
    return EntitySummary(
        iri=mint(base_iri, key),
        type=key.type,
        ref=key.ref,
        label=display_label(records[key]) if label is None else label,
    )
