"""The network explorer page (/viz/explorer): vis-network inline, positions from the server, state in the URL."""

from __future__ import annotations

from typing import Any

from graph.analysis.scope import ScopeParams
from viz.i18n import Language
from viz.network_page import OPTIONS as NETWORK_OPTIONS
from viz.templates import environment

OPTIONS: dict[str, Any] = {
    **NETWORK_OPTIONS,
    "nodes": {
        **NETWORK_OPTIONS["nodes"],
        "font": {**NETWORK_OPTIONS["nodes"]["font"], "size": 13},
        "scaling": {"min": 6, "max": 36, "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 6}},
    },
}
"""vis-network options: the network page's (no physics: the server placed every node), with smaller labels
for the denser views."""

SYNERGY_EDGE = {"dashes": [6, 5], "width": 2, "color": {"color": "#d62828", "highlight": "#9d0208", "hover": "#9d0208"}}
"""How a synergy suggestion is drawn: a dashed red edge."""


def page_html(
    data: dict[str, Any],
    scope: ScopeParams,
    choices: dict[str, list[dict[str, str]]],
    lang: Language,
    problem: str | None = None,
) -> str:
    """The explorer page for ``data`` (viz.explorer.explorer_data) for the filters ``scope``.

    ``choices`` holds the server-side filter options ``{"strategies", "subregions"}`` as ``{ref, label}``;
    ``problem`` is a message shown above the network (e.g. viz.explorer.focus_problem). Data travels as JSON
    in a ``<script type="application/json">`` (autoescaped); the script builds every label and tooltip from
    text nodes.
    """
    return (
        environment()
        .get_template("explorer.html")
        .render(
            data={**data, "options": OPTIONS, "synergy_edge": SYNERGY_EDGE},
            scope=scope,
            choices=choices,
            problem=problem,
            lang=lang,
        )
    )
