"""The gap heatmap page (/viz/gaps): top objective x territory, coloured by the number of projects.

The SVG is drawn here (server side, autoescaped), so the page shows the matrix without running a
line of script; the script only opens a cell's projects and exports the picture (SVG, PNG) and the
matrix (CSV). Every text the page shows comes from the gap report, never from markup in the data.
"""

from __future__ import annotations

from graph.analysis.territory import UNASSIGNED
from viz.facts import NOT_ASSIGNED, dutch_number
from viz.network_page import templates

CELL_WIDTH, ROW_HEIGHT, LABEL_WIDTH, HEADER_HEIGHT = 116, 30, 320, 64
"""Geometry of the matrix, in pixels."""
GAP_FILL, UNKNOWN_FILL, COVERED_FILL = "#f3c6c0", "#eceef2", (42, 157, 143)
"""Cell colours: a gap, a territory without known municipalities, and the darkest covered cell."""
MAX_LABEL = 46
"""Characters of an objective's name shown in its row (the full name is in the tooltip)."""
HEADER_LINE = 18
"""Characters per line of a column heading (two lines at most)."""


def _fill(count: int, most: int) -> str:
    share = 0.25 + 0.75 * count / most
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in COVERED_FILL)


def _heading(label: str) -> list[str]:
    """A column heading in at most two lines of about HEADER_LINE characters (``Arrondissement`` / ``Hasselt``)."""
    words = label.split()
    for cut in range(len(words) - 1, 0, -1):
        first = " ".join(words[:cut])
        if len(first) <= HEADER_LINE:
            return [first, " ".join(words[cut:])]
    return [label]


def _euro(amount: float) -> str:
    return f"€ {dutch_number(round(amount))}"


def _cell_title(objective: str, territory: str, cell: dict) -> str:
    if cell["status"] == "unknown":
        return f"{objective} — {territory}: geen gemeenten bekend in deze deelregio"
    if cell["status"] == "gap":
        return f"{objective} — {territory}: geen project (lacune)"
    text = f"{objective} — {territory}: {cell['count']} project(en), budget {_euro(cell['budget_eur'])}"
    if cell["budget_unknown"]:
        text += f" ({len(cell['budget_unknown'])} zonder budget)"
    if cell["per_inhabitant_eur"] is not None:
        text += f", {_euro(cell['per_inhabitant_eur'])} per inwoner"
    return text


def heatmap(report: dict) -> dict:
    """The matrix as drawing instructions: ``{"width", "height", "columns", "rows"}`` (rows are strategy
    headings or objective rows with their cells: x, y, fill, text, title, refs)."""
    territories = report["territories"]
    cells = {(c["objective"], c["territory"]): c for c in report["cells"]}
    most = max((c["count"] for c in report["cells"]), default=0) or 1
    columns = [{"x": LABEL_WIDTH + i * CELL_WIDTH, "lines": _heading(t["label"]),
                "note": f"{dutch_number(t['population'])} inw." + ("*" if t["population_missing"] else "")
                if t["municipalities"] else "geen gemeenten"}
               for i, t in enumerate(territories)]
    rows, y, previous = [], HEADER_HEIGHT, None
    for objective in report["objectives"]:
        strategy = objective["strategy"]["label"]
        if strategy != previous:
            rows.append({"heading": strategy, "y": y})
            y += ROW_HEIGHT
            previous = strategy
        label = objective["label"]
        row = {"label": label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…", "title": label,
               "y": y, "cells": []}
        for column, territory in zip(columns, territories):
            cell = cells[objective["ref"], territory["ref"]]
            row["cells"].append({
                "x": column["x"], "objective": objective["ref"], "territory": territory["ref"],
                "status": cell["status"],
                "fill": {"gap": GAP_FILL, "unknown": UNKNOWN_FILL}.get(cell["status"]) or _fill(cell["count"], most),
                "text": {"gap": "–", "unknown": "?"}.get(cell["status"], str(cell["count"])),
                "title": _cell_title(label, territory["label"], cell)})
        rows.append(row)
        y += ROW_HEIGHT
    return {"width": LABEL_WIDTH + len(territories) * CELL_WIDTH, "height": y + 8, "columns": columns, "rows": rows,
            "cell_width": CELL_WIDTH, "row_height": ROW_HEIGHT}


def _in_dutch(value):
    """The report with the ``unassigned`` territory named in Dutch wherever it appears."""
    if isinstance(value, list):
        return [_in_dutch(v) for v in value]
    if isinstance(value, dict):
        if value.get("ref") == UNASSIGNED and "label" in value:
            value = {**value, "label": NOT_ASSIGNED}
        return {k: _in_dutch(v) for k, v in value.items()}
    return value


def page_html(report: dict, csv: str, choices: dict) -> str:
    """The heatmap page for one gap report (graph.analysis.report.gaps_report) with the matrix as CSV.

    ``choices`` holds the filter options: ``{"strategies": [{ref, label}], "subregions": [{ref, label}]}``.
    """
    report = _in_dutch(report)
    cells = {f"{c['objective']}|{c['territory']}": {"projects": c["projects"], "status": c["status"],
                                                     "budget": c["budget_eur"], "unknown": len(c["budget_unknown"]),
                                                     "per_inhabitant": c["per_inhabitant_eur"]}
             for c in report["cells"]}
    labels = {item["ref"]: item["label"] for item in [*report["objectives"], *report["territories"]]}
    return templates().get_template("gaps.html").render(
        report=report, heatmap=heatmap(report), choices=choices, scope=report["scope"], number=dutch_number,
        data={"cells": cells, "labels": labels, "scope": report["scope"], "csv": csv})
