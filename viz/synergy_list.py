"""Synergy suggestions as a ranked list a strategist reads (/viz/synergies, "could work with" on entity pages, and
their CSV and XLSX downloads): each pair with a reason in plain words (viz.reasons), its score as a share of the
best score of its kind, and a link to the pair in the explorer. Pairs that may be one project and its part
(``possibly_nested``) are set apart instead of ranked.

The suggestions are the LIST_TOP best of each kind of the scope (graph.analysis.synergy), computed once per scope
(viz.overview.ScopeNetwork). An objective narrows them to the pairs that both serve it (or a narrower one).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from graph.analysis.objectives import closure
from graph.analysis.synergy import KINDS, Suggestion
from graph.iri import mint
from records.model import Key
from viz.i18n import gettext
from viz.names import name, objective_name
from viz.overview import ScopeNetwork, node_id
from viz.reasons import reason, sentence


@dataclass(frozen=True)
class Side:
    """One entity of a pair: its id (``project/t2-campus``), name and page."""

    id: str
    label: str
    href: str


@dataclass(frozen=True)
class Row:
    """One suggestion as the list shows it: ``rank`` within the list shown (1 = best), the kind's name, both
    sides, the score and its share of the best ranked score of its kind (0-1; possibly nested pairs are not
    ranked), the reason, and the explorer link."""

    rank: int
    kind: str
    kind_label: str
    a: Side
    b: Side
    score: float
    share: float
    reason: str
    nested: bool
    explore: str
    suggestion: Suggestion


def kind_label(kind: str, lang: str, plural: bool = False) -> str:
    """``project`` -> "project" / "projecten" ("projects") in ``lang``."""
    _ = gettext(lang)
    names = {
        "project": (_("project"), _("projects")),
        "organisation": (_("organisation"), _("organisations")),
        "municipality": (_("municipality"), _("municipalities")),
    }
    return names[kind][plural]


def rows(
    network: ScopeNetwork,
    lang: str,
    kind: str | None = None,
    objective: str | None = None,
    scope_query: str = "",
    entity: Key | None = None,
) -> tuple[list[Row], list[Row]]:
    """The ranked suggestions (of ``kind``, or of every kind in turn) and, apart, the possibly nested pairs; with
    ``objective`` (a ref) only pairs that both serve it, with ``entity`` only pairs that name it. ``scope_query``
    (``year=2018&strategy=salk``) goes into the explorer links. Raises ValueError for an unknown kind or
    objective."""
    records = network.scope.records
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    wanted: Key | None = None
    if objective is not None:
        wanted = Key("Objective", objective)
        if wanted not in records:
            known = ", ".join(k.ref for k in records if k.type == "Objective")
            raise ValueError(f"unknown objective {objective!r}; one of: {known}")
    chosen = [
        s
        for s in network.ranked
        if (kind is None or s.kind == kind)
        and (wanted is None or wanted in closure(records, s.shared_objectives))
        and (entity is None or entity in s.pair)
    ]
    best = {k: max((s.score for s in chosen if s.kind == k and not s.possibly_nested), default=0.0) for k in KINDS}
    ranked: list[Row] = []
    nested: list[Row] = []
    for s in chosen:
        target = nested if s.possibly_nested else ranked
        target.append(
            _row(network, s, len([r for r in target if r.kind == s.kind]) + 1, best[s.kind], lang, scope_query)
        )
    return ranked, nested


def _row(network: ScopeNetwork, s: Suggestion, rank: int, best: float, lang: str, scope_query: str) -> Row:
    records = network.scope.records
    a, b = (Side(node_id(k), name(records, k, lang), f"/doc/{node_id(k)}") for k in s.pair)
    explore = f"/viz/explorer?{scope_query + '&' if scope_query else ''}focus={a.id},{b.id}&synergies=true"
    return Row(
        rank,
        s.kind,
        kind_label(s.kind, lang),
        a,
        b,
        s.score,
        min(1.0, s.score / best) if best else 0.0,
        sentence(reason(network.scope, s, lang)),
        s.possibly_nested,
        explore,
        s,
    )


def could_work_with(network: ScopeNetwork, key: Key, lang: str, top: int = 5) -> list[tuple[Side, Row]]:
    """The ``top`` best suggestions that name ``key`` (nested pairs left out), each as (the other side, row)."""
    ranked, _nested = rows(network, lang, entity=key)
    return [(row.b if row.suggestion.pair[0] == key else row.a, row) for row in ranked[:top]]


def table(
    network: ScopeNetwork, found: Sequence[Row], lang: str, base_iri: str
) -> tuple[list[str], list[list[object]]]:
    """The header and rows of the downloads, headed in ``lang``: rank, kind, both names, score, reason, shared
    objectives, common neighbours, possibly nested, both IRIs."""
    _, records = gettext(lang), network.scope.records
    header = [
        _("rank"),
        _("kind"),
        _("entity A"),
        _("entity B"),
        _("score"),
        _("why"),
        _("shared objectives"),
        _("working with both"),
        _("possibly the same or a part"),
        _("IRI of A"),
        _("IRI of B"),
    ]
    body = [
        [
            r.rank,
            r.kind_label,
            r.a.label,
            r.b.label,
            r.score,
            r.reason,
            "; ".join(objective_name(records, o, lang) for o in r.suggestion.shared_objectives),
            "; ".join(name(records, k, lang) for k in r.suggestion.common_neighbours),
            _("yes") if r.nested else _("no"),
            mint(base_iri, r.suggestion.pair[0]),
            mint(base_iri, r.suggestion.pair[1]),
        ]
        for r in found
    ]
    return header, body


def as_csv(header: list[str], body: list[list[object]]) -> str:
    """The table as CSV (RFC 4180, CRLF line ends), a byte-order mark first so that Excel reads it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue()


def as_xlsx(header: list[str], body: list[list[object]], title: str) -> bytes:
    """The table as an Excel workbook: one sheet named ``title`` (at most 31 characters), a bold frozen header,
    columns as wide as their content (up to 60 characters)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in body:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    for i, column in enumerate(zip(header, *body, strict=True), 1):
        width = max(len(str(v)) for v in column)
        sheet.column_dimensions[get_column_letter(i)].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
