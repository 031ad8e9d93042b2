"""How are A and B connected (/api/paths and /viz/paths): the paths of graph.analysis.paths between two entities
given by id (``organisation/stad-genk``) or IRI, as the API's Paths model, each step in words."""

from __future__ import annotations

from api.models import Path, PathHop, Paths
from graph.analysis.paths import MAX_PATHS, shortest_paths
from graph.iri import UnknownIri, key_from_path, parse
from graph.summary import EntitySummary, summarize
from records.labels import display_label
from records.model import Key
from viz.hops import path_text, relation_text
from viz.i18n import gettext
from viz.overview import ScopeNetwork


class UnknownEntity(LookupError):
    """An id or IRI that names no entity of the scope's network."""


def entity_key(network: ScopeNetwork, base_iri: str, given: str, lang: str = "en") -> Key:
    """The entity named by ``given``: an id (``organisation/stad-genk``) or its IRI. Raises UnknownEntity (with a
    message in ``lang`` saying why) when it names none, or one the paths cannot reach (not in force in the scope's
    year, or a membership, participation or source)."""
    _ = gettext(lang)
    try:
        key = parse(base_iri, given) if given.startswith(("http://", "https://")) else key_from_path(*_split(given))
    except UnknownIri as exc:
        raise UnknownEntity(_("'%(id)s' names no entity: %(why)s") % {"id": given, "why": exc}) from None
    if key not in network.scope.records:
        raise UnknownEntity(_("no entity with id '%(id)s'") % {"id": given})
    if key not in network.paths:
        label = display_label(network.scope.records[key], lang)
        raise UnknownEntity(
            _("%(name)s (%(id)s) is linked to nothing in this selection (year, strategy, subregion)")
            % {"name": label, "id": given}
        )
    return key


def _split(given: str) -> tuple[str, str]:
    path, _, ref = given.strip().strip("/").partition("/")
    return path, ref


def paths(network: ScopeNetwork, base_iri: str, source: Key, target: Key, lang: str, most: int = MAX_PATHS) -> Paths:
    """Up to ``most`` cheapest paths from ``source`` to ``target`` with every step in words in ``lang``. Raises
    ValueError when both are the same entity."""
    records, graph = network.scope.records, network.paths

    def summary(key: Key) -> EntitySummary:
        return summarize(records, base_iri, key, display_label(records[key], lang))

    found = []
    for hops in shortest_paths(graph, source, target, most):
        found.append(
            Path(
                cost=sum(graph.edges[h.source, h.target]["weight"] for h in hops),
                hops=[
                    PathHop(
                        entity=summary(h.target),
                        relation=h.relation,
                        forward=h.forward,
                        role=h.role,
                        text=relation_text(h, lang),
                    )
                    for h in hops
                ],
                text=path_text(records, hops, lang),
            )
        )
    return Paths(source=summary(source), target=summary(target), paths=found)
