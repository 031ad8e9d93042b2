"""The network as the pages draw it (/viz/graph, /viz/explorer, /api/overview): the cooperation network of a scope
gathered in groups (viz.grouping) that open on a click, computed on the server so that the browser receives only
the dots and lines it draws, whatever the size of the network.

A view shows every closed group as one dot, an open group as its subgroups and its first PAGE members (the best
connected), and the rest of an open group's members as one "more" dot that shows the next PAGE on a click. A line
between two dots stands for the links of the network between what they hold. Filters narrow the entities first
(types, an objective: the projects serving it and their partners and places, a focus: the entities within ``hops``
links of the focus entities); when a focus or an objective leaves at most AUTO_OPEN entities, every group opens.
Focus entities are always drawn as themselves, also inside a closed group.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import networkx as nx
import numpy as np

from api.models import LegendEntry, NetworkView, ViewEdge, ViewNode
from graph.analysis.brokers import Community, named_communities
from graph.analysis.communities import communities
from graph.analysis.cooperation import cooperation_graph
from graph.analysis.metrics import betweenness
from graph.analysis.objectives import closure, narrowest
from graph.analysis.paths import path_graph
from graph.analysis.scope import Scope
from graph.analysis.synergy import Suggestion, synergies
from graph.iri import UnknownIri, key_from_path
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED
from records.model import Key
from viz.grouping import Grouping, grouping
from viz.i18n import gettext, number, translations
from viz.layout import open_up, place
from viz.names import counted, listing, name, objective_name
from viz.palette import COMMUNITY_COLOURS, MIXED, OTHER_COMMUNITY, TYPE_COLOURS
from viz.reasons import reason

PAGE = 40
"""Members of an open group shown at once."""
AUTO_OPEN = 150
"""Entities a focus or objective may leave for every group to open."""
SUGGESTIONS_PER_KIND = 15
"""Synergy suggestions of each kind drawn as dashed lines (when asked for)."""
LIST_TOP = 200
"""Synergy suggestions of each kind listed (/viz/synergies) and downloadable."""
ROLE_SLOTS = {"partner": "had_role", "member": "role"}
"""Relation of the cooperation network -> the slot whose enum names its role."""


def node_id(key: Key) -> str:
    """``project/t2-campus``: the entity's IRI path, used as dot id, in the URL (``focus=``) and in ``/doc/{id}``."""
    return f"{vocabulary().classes[key.type].path}/{key.ref}"


@dataclass(frozen=True)
class ViewParams:
    """What a view shows besides its scope: the groups opened, the focus with its radius in links, the entity types,
    an objective (ref), what a dot's size and colour tell, and whether synergy suggestions are drawn."""

    open: frozenset[str] = frozenset()
    focus: tuple[str, ...] = ()
    hops: int = 1
    types: tuple[str, ...] | None = None
    objective: str | None = None
    size: Literal["degree", "betweenness"] = "degree"
    colour: Literal["type", "community"] = "type"
    synergies: bool = False


class ScopeNetwork:
    """One scope's cooperation network and what views derive from it, each made on first use (kept per build and
    scope by the API)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self._groupings: dict[str, Grouping] = {}
        self._base: dict[str, dict[str, tuple[float, float]]] = {}

    @cached_property
    def graph(self) -> nx.Graph[Key]:
        return cooperation_graph(self.scope)

    @cached_property
    def index(self) -> dict[Key, int]:
        """Each node's position in the edge arrays."""
        return {node: i for i, node in enumerate(self.graph)}

    @cached_property
    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Both ends of every edge, as positions (``index``), in ``graph.edges`` order."""
        index = self.index
        ends = np.array([(index[a], index[b]) for a, b in self.graph.edges()], dtype=np.int64).reshape(-1, 2)
        return ends[:, 0], ends[:, 1]

    @cached_property
    def edge_data(self) -> list[tuple[str, str | None]]:
        """(relation, role) of every edge, in ``graph.edges`` order."""
        return [(d["relation"], d.get("role")) for _a, _b, d in self.graph.edges(data=True)]

    @cached_property
    def paths(self) -> nx.Graph[Key]:
        """The graph the paths between two entities run over (graph.analysis.paths)."""
        return path_graph(self.scope, self.graph)

    @cached_property
    def betweenness(self) -> dict[Key, float]:
        return betweenness(self.graph)[0]

    @cached_property
    def communities(self) -> list[set[Key]]:
        return communities(self.graph)

    @cached_property
    def named(self) -> list[Community]:
        return named_communities(self.graph, self.communities)

    @cached_property
    def community(self) -> dict[Key, int]:
        return {node: i for i, members in enumerate(self.communities) for node in members}

    @cached_property
    def ranked(self) -> list[Suggestion]:
        """The LIST_TOP best synergy suggestions of each kind, best first within each kind."""
        return synergies(self.scope, top=LIST_TOP)

    @cached_property
    def suggestions(self) -> list[Suggestion]:
        """The SUGGESTIONS_PER_KIND best of each kind: the ones drawn."""
        return [s for s in self.ranked if s.rank <= SUGGESTIONS_PER_KIND]

    def grouping(self, lang: str) -> Grouping:
        """The groups of the whole network, named in ``lang``."""
        if lang not in self._groupings:
            self._groupings[lang] = grouping(self.scope, self.graph, lang)
        return self._groupings[lang]


def focus_problem(network: ScopeNetwork, focus: str, lang: str) -> str | None:
    """Why ``focus`` (an entity id, ``project/t2-campus``) cannot be focused on, in ``lang``; None when it can:
    no entity has that id, or the entity is not in this scope's network (its year, strategy or subregion leaves it
    out, or it is of a type the network does not hold)."""
    _ = gettext(lang)
    path, _slash, ref = focus.partition("/")
    try:
        key: Key | None = key_from_path(path, ref)
    except UnknownIri:
        key = None
    if key is None or key not in network.scope.records:
        return _(
            "Unknown focus '%(focus)s': no entity has that id (expected kind/ref, e.g. 'project/t2-campus'). "
            "The whole network is shown."
        ) % {"focus": focus}
    if key in network.graph:
        return None
    return _(
        "%(name)s ('%(focus)s') is not in the network of this selection (year, strategy, subregion or kind). "
        "The whole network is shown."
    ) % {"name": name(network.scope.records, key, lang), "focus": focus}


def network_view(network: ScopeNetwork, params: ViewParams, lang: str) -> tuple[NetworkView, str | None]:
    """The view of ``network`` for ``params`` in ``lang``, and why a focus was ignored (None when none was).

    Raises ValueError for an unknown type or objective (the message names what is known).
    """
    graph = network.graph
    problems = [p for f in params.focus if (p := focus_problem(network, f, lang))]
    focus = [] if problems else [key_from_path(*f.split("/", 1)) for f in params.focus]
    entities = _entities(network, params, focus)
    narrowed = entities is not None
    shown = graph if entities is None else graph.subgraph(entities)
    groups = network.grouping(lang) if not narrowed else grouping(network.scope, shown, lang)
    everything = (params.objective is not None or bool(focus)) and shown.number_of_nodes() <= AUTO_OPEN
    dots = _Dots(network, groups, params, set(focus), everything, lang)
    for root in groups.roots:
        dots.visit(root)
    lines = _lines(network, dots.rep, set(dots.entity_ids), lang)
    if params.synergies:
        lines += _suggested(network, set(dots.entity_ids), lang)
    radius = {d.id: d.radius for d in dots.nodes}
    base = None if narrowed or not dots.opened else _base(network, lang)
    if base is None:
        placed = place(radius, [(e.source, e.target, e.weight) for e in lines if not e.synergy])
        if not narrowed:
            network._base.setdefault(lang, placed)
    else:
        placed = open_up(radius, base, _opened(dots, base))
    nodes = [d.model_copy(update={"x": placed[d.id][0], "y": placed[d.id][1]}) for d in dots.nodes]
    view = NetworkView(
        nodes=nodes,
        edges=lines,
        legend=_legend(network, params, nodes, lines, lang),
        sizes=_sizes(params, lang),
        open=sorted(dots.opened),
        entities=shown.number_of_nodes(),
        note=_note(shown, everything, lang),
    )
    return view, (problems[0] if problems else None)


def _entities(network: ScopeNetwork, params: ViewParams, focus: list[Key]) -> set[Key] | None:
    """The entities the filters leave, or None when no filter narrows the network."""
    graph, records = network.graph, network.scope.records
    kept: set[Key] | None = None
    if params.types is not None:
        known = set(TYPE_COLOURS)
        unknown = set(params.types) - known
        if unknown:
            raise ValueError(f"unknown type(s) {', '.join(sorted(unknown))}; one of: {', '.join(sorted(known))}")
        if set(params.types) != known:
            kept = {n for n in graph if n.type in params.types}
    if params.objective is not None:
        objective = Key("Objective", params.objective)
        if objective not in records:
            known_refs = ", ".join(k.ref for k in records if k.type == "Objective")
            raise ValueError(f"unknown objective {params.objective!r}; one of: {known_refs}")
        serving = [
            n
            for n in graph
            if n.type == "Project" and objective in closure(records, records[n].values.get("serves", ()))  # type: ignore[arg-type]
        ]
        near = set(serving).union(*(graph[n] for n in serving)) if serving else set()
        kept = near if kept is None else kept & near
    if focus:
        allowed = graph if kept is None else graph.subgraph(kept | set(focus))
        reached = set(focus)
        frontier = list(focus)
        for _ in range(params.hops):
            frontier = [m for n in frontier for m in allowed[n] if m not in reached]
            reached.update(frontier)
        kept = reached
    return kept


class _Dots:
    """Walks the groups and collects the dots of a view and, for every entity, the id of the dot that holds it."""

    def __init__(
        self, network: ScopeNetwork, groups: Grouping, params: ViewParams, pinned: set[Key], everything: bool, lang: str
    ) -> None:
        self.network, self.groups, self.params, self.pinned = network, groups, params, pinned
        self.everything, self.lang = everything, lang
        self.nodes: list[ViewNode] = []
        self.rep: dict[Key, str] = {}
        self.entity_ids: dict[str, Key] = {}
        self.opened: set[str] = set()
        self._ = gettext(lang)
        self._top = max(network.betweenness.values(), default=0.0) if params.size == "betweenness" else 0.0

    def visit(self, gid: str) -> None:
        group = self.groups.groups[gid]
        if group.size == 1:
            self.entity(next(self.groups.entities(gid)))
            return
        if not (self.everything or gid in self.params.open or self._passed_through(gid)):
            inside = list(self.groups.entities(gid))
            pinned = [k for k in inside if k in self.pinned]
            for key in pinned:
                self.entity(key)
            if len(pinned) < len(inside):
                self.group(gid, len(inside) - len(pinned))
                for key in inside:
                    self.rep.setdefault(key, gid)
            return
        if gid in self.params.open:
            self.opened.add(gid)
        for child in group.groups:
            self.visit(child)
        shown = len(group.members) if self.everything else self._page(gid)
        for key in group.members[:shown]:
            self.entity(key)
        rest = group.members[shown:]
        pinned = [k for k in rest if k in self.pinned]
        for key in pinned:
            self.entity(key)
        if len(rest) > len(pinned):
            more = f"{gid}~{shown}"
            self.more(more, group.label, group.colour, group.type, len(rest) - len(pinned))
            for key in rest:
                self.rep.setdefault(key, more)

    def _passed_through(self, gid: str) -> bool:
        """An open group's only subgroup (with no members beside it) opens with it."""
        parent = self.groups.parent.get(gid)
        if parent is None or not (parent in self.params.open or self._passed_through(parent)):
            return False
        outer = self.groups.groups[parent]
        return outer.groups == [gid] and not outer.members

    def _page(self, gid: str) -> int:
        shown = PAGE
        while f"{gid}~{shown}" in self.params.open:
            self.opened.add(f"{gid}~{shown}")
            shown += PAGE
        return shown

    def group(self, gid: str, count: int) -> None:
        group, _ = self.groups.groups[gid], self._
        types = Counter(k.type for k in self.groups.entities(gid))
        contents = ", ".join(counted(t, n, self.lang) for t, n in types.most_common())
        self.nodes.append(
            ViewNode(
                id=gid,
                kind="group",
                label=group.label,
                type=group.type,
                count=count,
                radius=round(min(40.0, 10 + 2.6 * math.sqrt(count)), 1),
                colour=group.colour,
                x=0,
                y=0,
                facts=[(_("group"), contents), ("", _("Click to open"))],
            )
        )

    def more(self, mid: str, label: str, colour: str, type_: str | None, count: int) -> None:
        _ = self._
        self.nodes.append(
            ViewNode(
                id=mid,
                kind="more",
                label=_("%(n)s more") % {"n": number(count, self.lang)},
                type=type_,
                count=count,
                radius=min(30.0, 9 + 2 * math.sqrt(count)),
                colour=colour,
                x=0,
                y=0,
                facts=[(label, _("Click to show the next %(n)s") % {"n": min(PAGE, count)})],
            )
        )

    def entity(self, key: Key) -> None:
        dot = node_id(key)
        if dot in self.entity_ids:
            return
        network, lang = self.network, self.lang
        degree = network.graph.degree(key)
        if self.params.size == "betweenness":
            share = network.betweenness.get(key, 0.0) / self._top if self._top else 0.0
            radius = 6 + 20 * math.sqrt(share)
        else:
            radius = min(24.0, 6 + 2.2 * math.sqrt(degree))
        self.entity_ids[dot] = key
        self.rep[key] = dot
        self.nodes.append(
            ViewNode(
                id=dot,
                kind="entity",
                label=name(network.scope.records, key, lang),
                type=key.type,
                count=1,
                radius=round(radius, 1),
                colour=self._colour(key),
                x=0,
                y=0,
                href=f"/doc/{dot}",
                pinned=key in self.pinned,
                facts=_facts(network, key, lang),
            )
        )

    def _colour(self, key: Key) -> str:
        if self.params.colour == "community":
            index = self.network.community.get(key, len(COMMUNITY_COLOURS))
            return COMMUNITY_COLOURS[index] if index < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY
        return TYPE_COLOURS[key.type]


def _facts(network: ScopeNetwork, key: Key, lang: str) -> list[tuple[str, str]]:
    """Kind, links, territory and (projects) objectives of an entity, in ``lang``."""
    _, scope, graph = gettext(lang), network.scope, network.graph
    records = scope.records
    facts = [(_("kind"), vocabulary().classes[key.type].label(lang)), (_("links"), str(graph.degree(key)))]
    places = [key] if key.type == "Municipality" else [n for n in graph[key] if n.type == "Municipality"]
    territories = sorted({scope.partition.of_municipality[p] for p in places if p in scope.partition.of_municipality})
    if territories:
        named = [
            NOT_ASSIGNED[lang] if (t := scope.partition.territory(ref)).key is None else name(records, t.key, lang)
            for ref in territories
        ]
        facts.append((_("territory"), ", ".join(named)))
    served = records[key].many("serves", Key) if key.type == "Project" else ()
    if served:
        facts.append((_("objectives"), ", ".join(objective_name(records, o, lang) for o in narrowest(records, served))))
    return facts


def _lines(network: ScopeNetwork, rep: dict[Key, str], entities: set[str], lang: str) -> list[ViewEdge]:
    """One line per pair of dots holding linked entities (``rep``: entity -> its dot; entities not in it are not
    drawn): its weight the links it stands for; between two entity dots (``entities``) it says the relation and
    role. Counted with numpy over the network's edge arrays, so that a view costs the same whatever it shows."""
    _, vocab = gettext(lang), vocabulary()
    dots = sorted(set(rep.values()))
    number_of = {d: i for i, d in enumerate(dots)}
    index = network.index
    held = np.full(len(index), -1, dtype=np.int64)
    for key, dot in rep.items():
        held[index[key]] = number_of[dot]
    one, other = held[network.edges[0]], held[network.edges[1]]
    kept = (one >= 0) & (other >= 0) & (one != other)
    low, high = np.minimum(one, other)[kept], np.maximum(one, other)[kept]
    pairs, first, counts = np.unique(low * len(dots) + high, return_index=True, return_counts=True)
    edge_of = np.flatnonzero(kept)[first]
    relation = {"partner": _("partner"), "location": _("location"), "member": _("member"), "governs": _("governs")}
    lines = []
    for pair, edge, n in zip(pairs.tolist(), edge_of.tolist(), counts.tolist(), strict=True):
        a, b = dots[pair // len(dots)], dots[pair % len(dots)]
        text = _n_links(n, lang)
        if n == 1 and a in entities and b in entities:
            kind, role = network.edge_data[edge]
            text = relation[kind]
            if role:
                text += f" ({vocab.value_label(ROLE_SLOTS[kind], role, lang)})"
        lines.append(ViewEdge(source=a, target=b, weight=n, text=text))
    return lines


def _n_links(n: int, lang: str) -> str:
    shown = str(n) if n < 1000 else number(n, lang)  # Babel's formatting costs more than the rest of a line
    return translations(lang).ngettext("%(n)s link", "%(n)s links", n) % {"n": shown}


def _suggested(network: ScopeNetwork, drawn: set[str], lang: str) -> list[ViewEdge]:
    """The synergy suggestions between two drawn entities, as dashed lines saying why."""
    _ = gettext(lang)
    found = []
    for s in network.suggestions:
        a, b = node_id(s.pair[0]), node_id(s.pair[1])
        if a in drawn and b in drawn:
            text = _("Could work together: %(why)s") % {"why": reason(network.scope, s, lang)}
            found.append(ViewEdge(source=a, target=b, weight=1, text=text, synergy=True))
    return found


def _base(network: ScopeNetwork, lang: str) -> dict[str, tuple[float, float]]:
    """Where every dot stands in the view with every group closed (made once per language)."""
    if lang not in network._base:
        network_view(network, ViewParams(), lang)
    return network._base[lang]


def _opened(dots: _Dots, base: dict[str, tuple[float, float]]) -> dict[str, list[str]]:
    """The dots of the view that were not in the closed view, by the closed group they came out of (biggest
    first)."""
    groups, home = dots.groups, dots.groups.home
    found: dict[str, list[ViewNode]] = {}
    for dot in dots.nodes:
        if dot.id in base:
            continue
        start = home.get(dots.entity_ids[dot.id]) if dot.kind == "entity" else dot.id.split("~")[0]
        chain = groups.ancestors(start) if start in groups.groups else []
        outer = next((g for g in reversed(chain) if g in base), None)
        if outer is not None:
            found.setdefault(outer, []).append(dot)
    return {g: [d.id for d in sorted(ds, key=lambda d: -d.radius)] for g, ds in found.items()}


def _legend(
    network: ScopeNetwork, params: ViewParams, nodes: list[ViewNode], lines: list[ViewEdge], lang: str
) -> list[LegendEntry]:
    """Every colour and line of the view, and what it means."""
    _, vocab = gettext(lang), vocabulary()
    types = {n.type for n in nodes}
    entries = []
    if params.colour == "community":
        drawn = {network.community.get(_key(n.id), -1) for n in nodes if n.kind == "entity"}
        for community in network.named[: len(COMMUNITY_COLOURS)]:
            index = community.index
            if index in drawn:
                label = _("Community %(n)s: %(names)s") % {
                    "n": index + 1,
                    "names": listing([name(network.scope.records, k, lang) for k in community.central], lang),
                }
                entries.append(LegendEntry(colour=COMMUNITY_COLOURS[index], label=label))
        if any(network.community.get(_key(n.id), 0) >= len(COMMUNITY_COLOURS) for n in nodes if n.kind == "entity"):
            entries.append(LegendEntry(colour=OTHER_COMMUNITY, label=_("Smaller communities")))
    for type_, colour in TYPE_COLOURS.items():
        if type_ in types and (params.colour == "type" or any(n.kind != "entity" and n.type == type_ for n in nodes)):
            label = vocab.classes[type_].label(lang)
            entries.append(LegendEntry(colour=colour, label=label[:1].upper() + label[1:]))
    if None in types:
        entries.append(LegendEntry(colour=MIXED, label=_("Several kinds (entities without links)")))
    if any(n.kind == "group" for n in nodes):
        entries.append(LegendEntry(colour=MIXED, label=_("Group: click to open"), shape="group"))
    if lines:
        entries.append(LegendEntry(colour="#8a94a6", label=_("Links; a thicker line stands for more"), shape="line"))
    if any(e.synergy for e in lines):
        entries.append(LegendEntry(colour="#7b2cbf", label=_("Could work together (suggestion)"), shape="dashed"))
    return entries


def _key(dot: str) -> Key:
    path, _slash, ref = dot.partition("/")
    return key_from_path(path, ref)


def _sizes(params: ViewParams, lang: str) -> str:
    _ = gettext(lang)
    if params.size == "betweenness":
        return _("Size: a group's number of entities; an entity's share of the shortest paths between others")
    return _("Size: a group's number of entities; an entity's number of links")


def _note(shown: nx.Graph[Key], everything: bool, lang: str) -> str | None:
    _ = gettext(lang)
    if everything:
        return None
    return _("%(n)s entities; click a group to open it, zoom in to read more names.") % {
        "n": number(shown.number_of_nodes(), lang)
    }
