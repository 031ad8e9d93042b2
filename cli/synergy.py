"""``lires synergy``: who could join forces (ranked pairs with evidence) and who the brokers are."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cli.analysis import (
    ByOption,
    FormatOption,
    StrategyOption,
    SubregionOption,
    TopOption,
    YearOption,
    emit_json,
    emit_text,
    load_scope,
    out,
)
from cli.common import StoreOption
from graph.analysis.metrics import metrics
from graph.analysis.report import MetricsReport, SynergyReport, TerritoryRef, metrics_report, synergy_report
from graph.analysis.results import synergy_sheet
from graph.analysis.synergy import COMMON_NEIGHBOURS, KINDS, synergies
from graph.publish.sheets import csv_text
from graph.summary import EntitySummary

Kind = StrEnum("Kind", KINDS)  # type: ignore[misc]  # members from KINDS (typer takes no list of Literal)
"""The kinds of pairs as choices of the --kind option."""
KindOption = Annotated[
    list[Kind] | None,
    typer.Option("--kind", help="Kind of pairs (repeatable); default: all three.", show_default=False),
]


PLURAL = {"project": "Projects", "organisation": "Organisations", "municipality": "Municipalities"}


def _names(items: Sequence[EntitySummary | TerritoryRef]) -> str:
    return escape(", ".join(i.label for i in items)) or "-"


def _print(report: SynergyReport, brokers: MetricsReport) -> None:
    for kind in KINDS:
        rows = [s for s in report.suggestions if s.kind == kind]
        if not rows:
            continue
        table = Table(
            "#",
            "pair",
            "score",
            "shared objectives",
            COMMON_NEIGHBOURS[kind],
            "territories",
            title=f"{PLURAL[kind]} that could cooperate (score = Adamic-Adar + objective Jaccard)",
        )
        for s in rows:
            places = " / ".join(_names(side) for side in s.territories)
            nested = "\n[italic](possibly the same or nested project)[/]" if s.possibly_nested else ""
            table.add_row(
                str(s.rank),
                f"{escape(s.a.label)}\n{escape(s.b.label)}{nested}",
                f"{s.score:.3f}\n= {s.adamic_adar:.3f} + {s.objective_jaccard:.3f}",
                _names(s.shared_objectives),
                _names(s.common_neighbours),
                places,
            )
        out.print(table)
    sampled = brokers.betweenness_sources
    estimate = f"; betweenness estimated from {sampled} sampled nodes" if sampled else ""
    table = Table(
        "#",
        "broker",
        "type",
        "betweenness",
        "degree",
        "closeness",
        "community",
        title=f"Brokers of the cooperation network (highest betweenness{estimate})",
    )
    for i, node in enumerate(brokers.nodes, 1):
        table.add_row(
            str(i),
            escape(node.label),
            node.type,
            f"{node.betweenness:.3f}",
            str(node.degree),
            f"{node.closeness:.3f}",
            str(node.community),
        )
    out.print(table)


def synergy_command(
    store: StoreOption = None,
    format: FormatOption = "table",
    strategy: StrategyOption = None,
    by: ByOption = "subregion",
    subregion: SubregionOption = None,
    year: YearOption = None,
    top: TopOption = 10,
    kind: KindOption = None,
) -> None:
    """Suggest pairs that do not cooperate yet but could (projects, organisations, municipalities across
    territories), each with its score and evidence; the table view also lists the network's brokers.

    Exits 1 with a message when no graph is built or a filter names something unknown.
    """
    scope, base_iri, _ = load_scope(store, by, year, strategy, subregion)
    suggestions = synergies(scope, [k.value for k in kind] if kind else KINDS, top)
    if format == "csv":
        emit_text(csv_text(synergy_sheet(scope, suggestions, base_iri)))
        return
    report = synergy_report(scope, suggestions, base_iri)
    brokers = metrics_report(scope, metrics(scope, top=top), base_iri)
    if format == "json":
        emit_json(
            {
                **report.model_dump(mode="json"),
                "brokers": [n.model_dump(mode="json") for n in brokers.nodes],
                "betweenness_sources": brokers.betweenness_sources,
            }
        )
    else:
        _print(report, brokers)
