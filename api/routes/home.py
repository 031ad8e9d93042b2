"""``/``: the front page for strategists; ``/entities``: search results and the entities of one type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.current import LoadedGraph
from api.deps import GraphDep, network_of
from api.downloads import DialectQuery, table_response
from api.entity_data import summary, type_name
from api.finder import facet_counts, find
from api.language import LangDep
from graph.analysis.completeness import completeness
from graph.analysis.objectives import lineage
from graph.analysis.report import completeness_report
from graph.facets import FacetParams
from graph.iri import mint
from graph.publish.sheets import Sheet
from graph.search import SEARCHED_TYPES, Hit
from ontology.formats import CSV, XLSX
from ontology.vocab import vocabulary
from records.labels import NOT_ASSIGNED, UNASSIGNED, display_label
from records.model import Key
from viz.i18n import gettext
from viz.map import map_view
from viz.names import counted

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, graph: GraphDep, lang: LangDep) -> HTMLResponse:
    """Front page for strategists: the search box, the questions the pages answer as entry points, a small map,
    the number of municipalities (of today), organisations, projects and structures, and the completeness panel
    (what the data lacks and what filling it in would change; graph.analysis.completeness, on every year, strategy
    and subregion)."""
    code = str(lang)
    network = network_of(graph)
    report = graph.memo(
        "completeness", lambda: completeness_report(network.scope, completeness(network.scope), graph.base_iri)
    )
    classes = vocabulary().classes
    counts = {**graph.build.manifest["entities"], "Municipality": len(network.scope.municipalities)}
    shown = [
        {"path": classes[t].path, "text": counted(t, counts.get(t, 0), code)}
        for t in ("Municipality", "Organisation", "Project", "Structure", "Strategy", "Objective")
    ]
    return HTMLResponse(
        request.app.state.templates.get_template("index.html").render(
            manifest=graph.build.manifest,
            counts=shown,
            completeness=report,
            small_map=map_view(network, code, width=420, boundaries=graph.build.boundaries),
            lang=lang,
        )
    )


PAGE_SIZE = 100
"""Entities per results page."""


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    graph: GraphDep,
    lang: LangDep,
    facets: Annotated[FacetParams, Query()],
    type: Annotated[str | None, Query(description="Entity type: path or class name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Name, as in /api/entities")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Search results and entity lists: the entities matching the name ``q``, the type and the facets (as
    /api/entities), ranked by name match (else by name), PAGE_SIZE at a time, with the facets beside them and
    how many results each value holds; 400 for an unknown type or facet value."""
    code = str(lang)
    keys, hits = _listed(graph, code, facets, type, q)
    matched = {h.key: h.matched for h in hits}
    vocab = vocabulary()
    results = [
        {
            **summary(graph, k, code),
            "href": f"/doc/{vocab.classes[k.type].path}/{k.ref}",
            "type_label": vocab.classes[k.type].label(code),
            "matched": matched.get(k),
        }
        for k in keys[offset : offset + PAGE_SIZE]
    ]
    chosen = {
        "q": q or "",
        "type": type or "",
        **{k: "" if v is None else str(v) for k, v in facets.model_dump().items()},
    }
    return HTMLResponse(
        request.app.state.templates.get_template("entities.html").render(
            lang=lang,
            query=q or "",
            chosen=chosen,
            type_label=vocab.classes[type_name(type)].label(code) if type else None,
            results=results,
            count=len(keys),
            offset=offset,
            page_size=PAGE_SIZE,
            options=facet_options(graph, facet_counts(graph, keys, code), code),
        )
    )


def _listed(
    graph: LoadedGraph, lang: str, facets: FacetParams, type: str | None, q: str | None
) -> tuple[Sequence[Key], list[Hit]]:
    """The entities the results page lists, in its order, and the search hits behind them."""
    keys, hits = find(graph, q or None, type or None, facets)
    if not type:  # sources, memberships and participations only by their type
        keys = [k for k in keys if k.type in SEARCHED_TYPES]
    if not hits:
        index = graph.entities
        numbers = {k: n for k in keys if (n := index.find(k)) is not None}  # every key came from the index
        keys = sorted(numbers, key=lambda k: (k.type, index.label(numbers[k], lang).casefold()))
    return keys, hits


@router.get("/entities.{extension}")
def entities_download(
    graph: GraphDep,
    lang: LangDep,
    facets: Annotated[FacetParams, Query()],
    extension: Annotated[Literal["csv", "xlsx"], Path()],
    type: Annotated[str | None, Query(description="Entity type: path or class name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Name, as in /api/entities")] = None,
    dialect: DialectQuery = None,
) -> Response:
    """Every entity the results page lists (all pages), as XLSX or CSV (for Dutch Excel when the page is Dutch):
    name, type, ref and IRI in the page's language."""
    code = str(lang)
    keys = _listed(graph, code, facets, type, q)[0]
    _ = gettext(code)
    classes = vocabulary().classes
    sheet = Sheet(
        _("Entities")[:31],
        [_("Name"), _("Type"), _("Code"), "IRI"],
        [
            [display_label(graph.records[k], code), classes[k.type].label(code), k.ref, mint(graph.base_iri, k)]
            for k in keys
        ],
    )
    return table_response(sheet, CSV if extension == "csv" else XLSX, dialect, code, _("entities"))


def facet_options(graph: LoadedGraph, counts: dict[str, list[dict]], lang: str) -> dict[str, list[dict]]:
    """Every value each facet can take, ``{facet: [{"value", "label", "count"}]}`` (count None for a value no
    result has): entity types, deelregio's (and not assigned), arrondissements, strategies, objectives (indented
    under their strategy), organisation kinds and project statuses."""
    vocab, records = vocabulary(), graph.records
    found = {f: {v["value"]: v["count"] for v in values} for f, values in counts.items()}

    def named(kind: str) -> list[tuple[str, str]]:
        return sorted(
            ((k.ref, display_label(r, lang)) for k, r in records.items() if k.type == kind),
            key=lambda vl: vl[1].casefold(),
        )

    values = {
        "type": [(t, vocab.classes[t].label(lang)) for t in SEARCHED_TYPES],
        "subregion": [*named("Subregion"), (UNASSIGNED, NOT_ASSIGNED[lang])],
        "arrondissement": named("Arrondissement"),
        "strategy": named("Strategy"),
        "partner_kind": sorted(
            ((v, vocab.value_label("organisation_kind", v, lang)) for v in vocab.enums["OrganisationKind"]),
            key=lambda vl: vl[1],
        ),
        "status": [(v, vocab.value_label("status", v, lang)) for v in vocab.enums["ProjectStatus"]],
    }
    options = {
        facet: [
            {"value": vocab.classes[v].path if facet == "type" else v, "label": label, "count": found[facet].get(v)}
            for v, label in pairs
        ]
        for facet, pairs in values.items()
    }
    options["objective"] = [
        {
            "value": k.ref,
            "label": "\u00a0\u00a0" * (len(lineage(records, k)) - 1) + display_label(r, lang),
            "group": display_label(records[scheme], lang) if (scheme := r.one("in_scheme", Key)) else "",
            "count": None,
        }
        for k, r in sorted(
            ((k, r) for k, r in records.items() if k.type == "Objective"),
            key=lambda kr: (kr[1].first("in_scheme"), lineage(records, kr[0])[::-1]),
        )
    ]
    return options
