"""``/``: the front page with the graph's counts and where to go next; ``/entities``: the entities of one type."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import GraphDep
from api.entity_data import summary, type_name
from ontology.vocab import vocabulary
from viz.facts import type_label

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, graph: GraphDep) -> HTMLResponse:
    """Front page: counts per type (each linking to its list page), links to the pages, SPARQL and the API docs."""
    classes = vocabulary().classes
    types = sorted(
        (
            {"path": classes[name].path, "label": type_label(name), "count": count}
            for name, count in graph.build.manifest["entities"].items()
        ),
        key=lambda t: t["label"],
    )
    return HTMLResponse(
        request.app.state.templates.get_template("index.html").render(manifest=graph.build.manifest, types=types)
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, graph: GraphDep, type: Annotated[str, Query(description="Entity type: path or class name")]
) -> HTMLResponse:
    """The entities of one type, by name, each linking to its description page; 400 for an unknown type."""
    name = type_name(type)
    cls = vocabulary().classes[name]
    entities = sorted(
        (summary(graph, r) for k, r in graph.records.items() if k.type == name), key=lambda e: e["label"].casefold()
    )
    return HTMLResponse(
        request.app.state.templates.get_template("entities.html").render(
            type_label=type_label(name), path=cls.path, entities=entities
        )
    )
