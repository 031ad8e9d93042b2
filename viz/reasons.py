"""Why two entities could work together, in plain Dutch or English, built from a synergy suggestion's evidence:
"beide werken aan SALK 1.6 Lopende investeringsdossiers; ze delen partner LRM; beide in Genk"."""

from __future__ import annotations

from graph.analysis.scope import Scope
from graph.analysis.synergy import Suggestion
from records.model import Key
from viz.i18n import gettext
from viz.names import listing, name, objective_name


def reason(scope: Scope, suggestion: Suggestion, lang: str) -> str:
    """The evidence of ``suggestion`` as one clause per kind of evidence, ``;``-separated, lower case first: the
    objectives both serve (the narrowest), their common neighbours (partners shared by two projects; for two
    organisations or municipalities, those working with both) and the places both lie in (shared locations of two
    projects, else a shared deelregio or arrondissement)."""
    _, records = gettext(lang), scope.records
    parts = []
    if suggestion.shared_objectives:
        objectives = [objective_name(records, o, lang) for o in suggestion.shared_objectives]
        parts.append(_("both work on %(objectives)s") % {"objectives": listing(objectives, lang)})
    common = [name(records, k, lang) for k in suggestion.common_neighbours]
    if common and suggestion.kind == "project":
        text = _("they share partner %(names)s") if len(common) == 1 else _("they share partners %(names)s")
        parts.append(text % {"names": listing(common, lang)})
    elif common:
        parts.append(_("both work with %(names)s") % {"names": listing(common, lang)})
    places = _shared_places(scope, suggestion, lang)
    if places:
        parts.append(_("both in %(places)s") % {"places": listing(places, lang)})
    return "; ".join(parts)


def _shared_places(scope: Scope, suggestion: Suggestion, lang: str) -> list[str]:
    """Municipalities both projects are located in; else the known territories both sides lie in."""
    records = scope.records
    if suggestion.kind == "project":
        first, second = (scope.locations(k) for k in suggestion.pair)
        shared: list[Key] = [m for m in first if m in second]
        if shared:
            return [name(records, m, lang) for m in shared]
    territories = [scope.partition.territory(t) for t in suggestion.shared_territories]
    return [name(records, t.key, lang) for t in territories if t.key is not None]


def sentence(clauses: str) -> str:
    """``clauses`` with a capital first letter (the rest unchanged)."""
    return clauses[:1].upper() + clauses[1:]
