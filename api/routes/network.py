"""``/api/overview``: the network view the network pages draw, as JSON (the groups opened, filters, positions)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import NetworkDep, view_params
from api.errors import RESPONSES, BadRequest, NotFound
from api.language import LangDep
from api.models import NetworkView, ViewQuery
from viz.overview import network_view

router = APIRouter(prefix="/api", tags=["network"], responses=RESPONSES)


@router.get("/overview", response_model=NetworkView, operation_id="overview")
def overview(network: NetworkDep, query: Annotated[ViewQuery, Query()], lang: LangDep) -> NetworkView:
    """The cooperation network of the scope (by, year, strategy, subregion as on /api/metrics) as the network pages
    draw it: closed groups as one dot each (municipalities by territory, projects by strategy and objective,
    organisations and structures by kind, entities without links together), the open groups' subgroups and first
    40 members, the rest as one "more" dot; lines weighted by the links they stand for; positions in pixels;
    a legend in the request's language. Filters: types, an objective, a focus with 1-3 hops. Data: the current
    build's records.

    400 for an unknown strategy, subregion, type or objective; 404 for a focus that is no entity of this
    network (the message says why).
    """
    try:
        view, problem = network_view(network, view_params(query), str(lang))
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    if problem:
        raise NotFound(problem)
    return view
