"""The network pages' view (/api/overview, /viz/graph, /viz/explorer) on the real data: every entity in exactly
one dot, groups that open, lines that add up, a legend for every colour, filters, and nothing from elsewhere."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from graph.analysis.cooperation import cooperation_graph
from graph.analysis.scope import make_scope
from records.labels import UNASSIGNED
from records.model import Key
from tests.support import PAYLOAD
from viz.overview import PAGE

VIEW = re.compile(r'<script type="application/json" id="view-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def network(records):
    return cooperation_graph(make_scope(records))


def overview(client: TestClient, **params) -> dict:
    response = client.get("/api/overview", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_first_view_holds_every_entity_once_in_a_few_dots(client, network):
    view = overview(client)
    assert len(view["nodes"]) <= 30, "an overview a person can read"
    assert sum(n["count"] for n in view["nodes"]) == network.number_of_nodes() == view["entities"]
    assert all(n["kind"] in ("group", "entity") for n in view["nodes"])


def test_groups_follow_territory_agenda_and_kind(client, records, network):
    dots = {n["id"]: n for n in overview(client)["nodes"]}
    unassigned = [m for m in network if m.type == "Municipality" and records[m].first("subregion") is None]
    assert dots[f"territory:{UNASSIGNED}"]["count"] == len([m for m in unassigned if network.degree(m)])
    assert dots[f"territory:{UNASSIGNED}"]["label"] == "niet toegewezen"
    isolated = [n for n in network if network.degree(n) == 0]
    assert dots["unconnected"]["count"] == len(isolated) and dots["unconnected"]["label"] == "Zonder verbinding"
    assert dots["unconnected"]["type"] is None, "a group of several kinds is grey, said in the legend"
    assert dots["strategy:salk"]["type"] == "Project"
    assert dots["organisations:government"]["label"] == "Overheid"


def test_a_group_opens_into_its_members_and_the_lines_add_up(client, records, network):
    view = overview(client, open="strategy:salk")
    dots = {n["id"]: n for n in view["nodes"]}
    assert view["open"] == ["strategy:salk"]
    assert "strategy:salk" not in dots
    # SALK holds its one top objective with projects (SALK part 1) as a group, and the projects naming SALK only
    assert dots["objective:salk-1"]["label"] == "SALK part 1 – short-term actions"
    assert {"project/noord-zuid", "project/spartacus", "project/ijzeren-rijn"} <= set(dots)
    deeper = {n["id"]: n for n in overview(client, open="strategy:salk,objective:salk-1")["nodes"]}
    assert deeper["objective:salk-1-6"]["label"] == "SALK 1.6 Lopende investeringsdossiers"
    assert deeper["objective:salk-1-6"]["count"] == 4  # Thor Park, Terhills, Terhills Resort, be-MINE
    assert sum(n["count"] for n in view["nodes"]) == network.number_of_nodes()


def test_lines_stand_for_the_links_between_what_the_dots_hold(client, network):
    view = overview(client, focus="project/t2-campus", hops=2)
    shown = {Key(*_key(n["id"])) for n in view["nodes"]}
    lines = {frozenset((e["source"], e["target"])): e for e in view["edges"]}
    assert len(lines) == network.subgraph(shown).number_of_edges()
    assert all(e["weight"] == 1 for e in lines.values()), "between two entities a line is one link"
    partner = lines[frozenset(("project/t2-campus", "organisation/stad-genk"))]
    assert partner["text"] == "partner"
    developer = lines[frozenset(("project/thor-park", "organisation/stad-genk"))]
    assert developer["text"] == "partner (ontwikkelaar)"
    closed = overview(client)
    assert sum(e["weight"] for e in closed["edges"]) <= network.number_of_edges()
    assert all(e["text"].endswith(("verbinding", "verbindingen")) for e in closed["edges"])


def _key(dot: str) -> tuple[str, str]:
    path, ref = dot.split("/", 1)
    return {
        "project": "Project",
        "organisation": "Organisation",
        "municipality": "Municipality",
        "structure": "Structure",
    }[path], ref


def test_an_open_group_shows_a_page_of_members_and_one_more_dot(client, records):
    view = overview(client, open="territory:unassigned")
    members = [n for n in view["nodes"] if n["kind"] == "entity" and n["type"] == "Municipality"]
    more = [n for n in view["nodes"] if n["kind"] == "more"]
    assert len(members) <= PAGE
    if more:  # the real data holds fewer than PAGE unassigned municipalities today
        assert more[0]["id"] == f"territory:unassigned~{PAGE}"
    assert all(n["href"] == f"/doc/{n['id']}" for n in members)


def test_every_colour_drawn_is_in_the_legend(client):
    for params in (
        {},
        {"open": "strategy:salk,organisations:other"},
        {"colour": "community", "focus": "organisation/lrm"},
    ):
        view = overview(client, **params)
        legend = {e["colour"] for e in view["legend"]}
        assert {n["colour"] for n in view["nodes"]} <= legend, params
        assert view["sizes"].startswith("Grootte")


def test_focus_shows_the_entities_around_it(client, records, network):
    view = overview(client, focus="project/t2-campus", hops=1)
    shown = {n["id"] for n in view["nodes"]}
    around = {
        f"{'project' if k.type == 'Project' else k.type.lower()}/{k.ref}" for k in network[Key("Project", "t2-campus")]
    }
    assert shown == around | {"project/t2-campus"}
    assert next(n for n in view["nodes"] if n["id"] == "project/t2-campus")["pinned"] is True


def test_an_objective_keeps_its_projects_and_their_partners_and_places(client):
    shown = {n["id"] for n in overview(client, objective="salk-1-6")["nodes"]}
    assert {"project/thor-park", "project/terhills", "project/terhills-resort", "project/be-mine"} <= shown
    assert "organisation/lrm" in shown and "project/t2-campus" not in shown


def test_types_narrow_the_view(client):
    view = overview(client, types="Organisation")
    assert {n["type"] for n in view["nodes"]} <= {"Organisation", None}


def test_synergies_are_dashed_lines_saying_why(client):
    view = overview(client, focus="project/ford-site-lvf,project/ggl-zone-b", synergies="true")
    line = next(e for e in view["edges"] if e["synergy"])
    assert {line["source"], line["target"]} == {"project/ford-site-lvf", "project/ggl-zone-b"}
    assert line["text"].startswith("Kan samenwerken: beide werken aan SALK 1.2 Reconversie van de Ford-terreinen")
    assert "ze delen partners Genk Green Logistics en Vlaamse Regering" in line["text"]


def test_english(client):
    view = overview(client, lang="en")
    client.cookies.clear()
    labels = {n["id"]: n["label"] for n in view["nodes"]}
    assert labels["unconnected"] == "Not connected" and labels["territory:unassigned"] == "not assigned"


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"focus": "nope"}, 404, "Onbekende focus 'nope'"),
        ({"year": 2010, "focus": "project/t2-campus"}, 404, "zit niet in het netwerk van deze selectie"),
        ({"types": "Planet"}, 400, "unknown type(s) Planet"),
        ({"objective": "nope"}, 400, "unknown objective 'nope'"),
        ({"hops": 9}, 422, None),
        ({"strategy": "nope"}, 400, "unknown strategy"),
    ],
)
def test_bad_input_says_why(client, params, status, says):
    response = client.get("/api/overview", params=params)
    assert response.status_code == status
    if says:
        assert says in response.json()["detail"]


@pytest.mark.parametrize("path", ["/viz/graph", "/viz/explorer"])
def test_pages_carry_the_first_view_and_nothing_from_elsewhere(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    html = response.text
    view = json.loads(VIEW.search(html).group(1))
    assert view == overview(client)
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_an_unknown_focus_page_says_why_with_the_whole_network(client):
    response = client.get("/viz/explorer?focus=nope")
    assert response.status_code == 404
    assert "Onbekende focus &#39;nope&#39;" in response.text
    assert len(json.loads(VIEW.search(response.text).group(1))["nodes"]) == len(overview(client)["nodes"])


def test_names_are_escaped(payload_client):
    html = payload_client.get("/viz/explorer?focus=organisation/pom-limburg").text
    assert "<img" not in html
    view = json.loads(VIEW.search(html).group(1))
    assert PAYLOAD in {n["label"] for n in view["nodes"]}
