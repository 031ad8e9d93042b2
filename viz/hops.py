"""A path between two entities in words: "Stad Genk — partner in — Thor Park Genk — partner — UHasselt"."""

from __future__ import annotations

from collections.abc import Mapping

from graph.analysis.paths import Hop
from ontology.vocab import vocabulary
from records.model import Key, Record
from viz.i18n import gettext
from viz.names import name

ROLE_SLOTS = {"partner": "had_role", "member": "role"}
"""Relation -> the slot whose enum names its role."""


def relation_text(hop: Hop, lang: str) -> str:
    """What ``hop`` is, read from its source to its target, with the role where the data gives one: "partner in
    (ontwikkelaar)", "lid van", "ligt in"."""
    _ = gettext(lang)
    words = {
        "partner": (_("partner in"), _("partner")),
        "location": (_("located in"), _("location of")),
        "member": (_("member of"), _("with member")),
        "governs": (_("is the government of"), _("governed by")),
        "serves": (_("works on"), _("worked on by")),
        "strategy": (_("framed by"), _("frame of")),
        "broader": (_("part of"), _("includes")),
        "in_scheme": (_("objective of"), _("has objective")),
        "subregion": (_("lies in"), _("includes")),
        "sf_within": (_("lies in"), _("includes")),
    }
    text = words[hop.relation][0 if hop.forward else 1]
    if hop.role and hop.relation in ROLE_SLOTS and hop.role != hop.relation:
        text += f" ({vocabulary().value_label(ROLE_SLOTS[hop.relation], hop.role, lang)})"
    return text


def path_text(records: Mapping[Key, Record], hops: list[Hop], lang: str) -> str:
    """The whole path as one line of names and relations joined by em dashes."""
    parts = [name(records, hops[0].source, lang)]
    for hop in hops:
        parts += [relation_text(hop, lang), name(records, hop.target, lang)]
    return " — ".join(parts)
