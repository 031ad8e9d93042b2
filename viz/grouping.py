"""The groups the network pages gather entities in, so that a picture of hundreds or tens of thousands of entities
opens on a couple of dozen dots that a person can read.

Every entity of the cooperation network (graph.analysis.cooperation) belongs to exactly one group:

- municipalities to their territory (LIRES deelregio, or arrondissement with ``by=arrondissement``; the
  municipalities of no known deelregio to "not assigned");
- projects to the objective they serve (the first one the data gives), inside its broader objectives, inside the
  strategy whose scheme holds it; a project that names a strategy but no objective to that strategy; a project
  with neither to "projects without strategy";
- organisations to their kind, structures to theirs; kinds with fewer than MIN_KIND entities share one group
  ("other organisations", "other structures");
- entities without any link, whatever their type, to one group "not connected".

A family (territories, strategies, kinds of organisation, kinds of structure) of more than MAX_ROOTS groups is
wrapped in one more group, so that the first picture stays small at any scale. Members are ordered best connected
first, so that an open group shows its most connected entities first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from graph.analysis.objectives import lineage
from graph.analysis.scope import Scope
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, UNASSIGNED
from records.model import Key
from viz.i18n import gettext
from viz.names import name, objective_name
from viz.palette import MIXED, TYPE_COLOURS

MAX_ROOTS = 12
"""Groups of one family shown side by side at most; more are wrapped in one group of the family."""
MIN_KIND = 3
"""Entities a kind of organisation or structure needs for a group of its own."""
UNKNOWN_KIND = "unknown"
"""The group of organisations whose kind no source states (organisations.csv leaves ``kind`` blank then)."""
UNCONNECTED = "unconnected"
"""The id of the group of entities without any link."""


@dataclass
class Group:
    """A group: its id (``territory:noord-limburg``, ``strategy:salk``, ``objective:salk-1-6``,
    ``organisations:government``, ``structures:thematic``, ``unconnected``, ...), name, the entity type of its
    members (None when mixed), subgroups and direct members (best connected first)."""

    id: str
    label: str
    type: str | None
    groups: list[str] = field(default_factory=list)
    members: list[Key] = field(default_factory=list)
    size: int = 0
    """Entities in the group and its subgroups."""

    @property
    def colour(self) -> str:
        return TYPE_COLOURS.get(self.type or "", MIXED)


@dataclass(frozen=True)
class Grouping:
    """The groups of one network: by id, the top-level ones in drawing order, and each group's parent."""

    groups: dict[str, Group]
    roots: list[str]
    parent: dict[str, str]

    def entities(self, group: str) -> Iterator[Key]:
        """Every entity in ``group`` and its subgroups."""
        found = self.groups[group]
        yield from found.members
        for child in found.groups:
            yield from self.entities(child)

    @cached_property
    def home(self) -> dict[Key, str]:
        """Each entity's own group (the innermost)."""
        return {key: gid for gid, group in self.groups.items() for key in group.members}

    def ancestors(self, group: str) -> list[str]:
        """``group`` and the groups around it, outermost last."""
        chain = [group]
        while chain[-1] in self.parent:
            chain.append(self.parent[chain[-1]])
        return chain


class _Builder:
    """Collects groups by id, their parents, and the roots of each family in order."""

    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}
        self.parent: dict[str, str] = {}
        self.families: dict[str, list[str]] = defaultdict(list)

    def group(self, gid: str, label: str, type_: str | None, parent: str | None = None, family: str = "") -> Group:
        if gid not in self.groups:
            self.groups[gid] = Group(gid, label, type_)
            if parent is not None:
                self.parent[gid] = parent
                self.groups[parent].groups.append(gid)
            else:
                self.families[family].append(gid)
        return self.groups[gid]


def grouping(scope: Scope, graph: nx.Graph[Key], lang: str) -> Grouping:
    """The groups of the entities of ``graph`` (a cooperation network of ``scope``, or a part of it), named in
    ``lang`` (see the module docstring)."""
    _, vocab, records = gettext(lang), vocabulary(), scope.records
    build = _Builder()

    def rank(keys: list[Key]) -> list[Key]:
        return sorted(keys, key=lambda k: (-graph.degree(k), name(records, k, lang).casefold(), k))

    connected = [k for k in graph if graph.degree(k) > 0]
    by_type: dict[str, list[Key]] = defaultdict(list)
    for key in connected:
        by_type[key.type].append(key)

    # Territories: deelregio's (or arrondissements) in the partition's order, "not assigned" last.
    order = {ref: i for i, ref in enumerate(scope.partition.refs)}
    places: dict[str, list[Key]] = defaultdict(list)
    for municipality in by_type["Municipality"]:
        places[scope.partition.of_municipality.get(municipality, UNASSIGNED)].append(municipality)
    for ref in sorted(places, key=lambda r: order.get(r, len(order))):
        territory = scope.partition.territory(ref)
        label = NOT_ASSIGNED[lang] if territory.key is None else name(records, territory.key, lang)
        build.group(f"territory:{ref}", label, "Municipality", family="territories").members = rank(places[ref])

    # Projects: strategy > objectives (broadest first) > projects.
    for project in by_type["Project"]:
        record = records[project]
        served = record.many("serves", Key)
        framed = record.many("strategy", Key)
        chain = list(reversed(lineage(records, served[0]))) if served else []
        scheme = records[chain[0]].one("in_scheme", Key) if chain else (framed[0] if framed else None)
        if scheme is None:
            home = build.group("projects:none", _("Projects without strategy"), "Project", family="projects")
        else:
            home = build.group(f"strategy:{scheme.ref}", name(records, scheme, lang), "Project", family="projects")
            for objective in chain:
                home = build.group(
                    f"objective:{objective.ref}", objective_name(records, objective, lang), "Project", home.id
                )
        home.members.append(project)

    # Organisations and structures by kind; small kinds together.
    for type_, family, slot, other in (
        ("Organisation", "organisations", "organisation_kind", _("Other organisations")),
        ("Structure", "structures", "structure_kind", _("Other structures")),
    ):
        kinds: dict[str, list[Key]] = defaultdict(list)
        for key in by_type[type_]:
            kinds[records[key].one(slot, str) or UNKNOWN_KIND].append(key)
        small = [k for kind, keys in kinds.items() if len(keys) < MIN_KIND for k in keys]
        for kind, keys in sorted(kinds.items(), key=lambda kv: (kv[0] == UNKNOWN_KIND, -len(kv[1]), kv[0])):
            if len(keys) >= MIN_KIND:
                label = _("Kind not stated") if kind == UNKNOWN_KIND else vocab.value_label(slot, kind, lang)
                build.group(f"{family}:{kind}", label[:1].upper() + label[1:], type_, family=family).members = rank(
                    keys
                )
        if small:
            build.group(f"{family}:other", other, type_, family=family).members = rank(small)

    for group in build.groups.values():
        if group.members and not group.id.startswith(("territory:", "organisations:", "structures:")):
            group.members = rank(group.members)

    unconnected = sorted((k for k in graph if graph.degree(k) == 0), key=lambda k: (k.type, name(records, k, lang)))
    if unconnected:
        build.group(UNCONNECTED, _("Not connected"), None, family="unconnected").members = unconnected

    wraps = {
        "territories": (_("Municipalities"), "Municipality"),
        "projects": (_("Projects"), "Project"),
        "organisations": (_("Organisations"), "Organisation"),
        "structures": (_("Structures"), "Structure"),
    }
    roots = []
    for family, members in build.families.items():
        if len(members) > MAX_ROOTS and family in wraps:
            label, type_ = wraps[family]
            wrapper = Group(family, label, type_, groups=list(members))
            build.groups[family] = wrapper
            build.parent.update({m: family for m in members})
            roots.append(family)
        else:
            roots += members
    found = Grouping(build.groups, roots, build.parent)
    for root in roots:
        _count(found, root)
    return found


def _count(found: Grouping, gid: str) -> int:
    group = found.groups[gid]
    group.size = len(group.members) + sum(_count(found, child) for child in group.groups)
    return group.size
