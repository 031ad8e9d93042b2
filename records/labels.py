"""The name shown for a record: in the reader's language where the data has one."""

from __future__ import annotations

from records.model import Record, Text

UNASSIGNED = "unassigned"
"""The ref of the column of municipalities without a LIRES deelregio (no entity: it has no IRI)."""
NOT_ASSIGNED = {"nl": "niet toegewezen", "en": "not assigned"}
"""What pages, the API and the analysis show for a municipality without a LIRES deelregio, per language."""


def display_label(record: Record, lang: str = "nl") -> str:
    """The record's name in ``lang``, else in the other language, else its ref."""
    texts = [v for v in record.values.get("label", ()) if isinstance(v, Text)]
    for text in sorted(texts, key=lambda t: t.lang != lang):
        return text.value
    return record.key.ref
