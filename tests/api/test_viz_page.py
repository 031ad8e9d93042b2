"""The network page /viz/graph on the real data: offline, legend, Dutch labels, key facts, escaping."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.network import to_networkx
from graph.store import open_current
from records.model import Key, Record, Text
from tests.support import BASE
from viz.i18n import Language
from viz.network_page import page_html

PAYLOAD = "</script><img src=x onerror=alert(1)>"
NOT_DRAWN = {"Source", "Membership", "Participation"}
"""Sources are left out; memberships and participations are drawn as edges."""
GRAPH_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def graph_data(html: str) -> dict:
    """The nodes, edges and options the page hands to vis-network."""
    return json.loads(GRAPH_DATA.search(html).group(1))


def iri(path: str) -> str:
    return f"{BASE}id/{path}"


class Page(HTMLParser):
    """Collects every URL-valued attribute, the legend's entries and the script elements, as a browser parses them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.legend_types: list[str] = []
        self.scripts = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        for name, value in attrs:
            if name in ("src", "href", "action", "formaction", "poster", "srcset", "data") and value is not None:
                self.urls.append(value)
            if name == "data-type" and value is not None:
                self.legend_types.append(value)


@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    response = client.get("/viz/graph")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.fixture(scope="module")
def data(page: str) -> dict:
    return graph_data(page)


@pytest.fixture(scope="module")
def records(store: Path) -> list[Record]:
    return open_current(store).records


def test_page_refers_to_no_other_host(client: TestClient, page: str) -> None:
    parsed = Page(page)
    assert parsed.urls, "the page has its navigation links"
    foreign = [u for u in parsed.urls if not (u.startswith(("/", "#", "data:")) and not u.startswith("//"))]
    assert foreign == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page), "no stylesheet fetches from another host"
    assert "@import" not in page
    csp = client.get("/viz/graph").headers["content-security-policy"]
    assert "default-src 'none'" in csp


def test_vis_network_is_inlined(page: str) -> None:
    assert " * vis-network\n" in page and "@version 9.1.2" in page, "the library itself, not a link to it"
    assert ".vis-tooltip{" in page, "and its stylesheet"
    assert Page(page).scripts == page.count("</script") == 4, "vis-network, the JSON data, our script, the search box"


def test_legend_lists_every_type_drawn_with_its_count(page: str, records: list[Record]) -> None:
    drawn = Counter(r.key.type for r in records if r.key.type not in NOT_DRAWN)
    parsed = Page(page)
    assert sorted(parsed.legend_types) == sorted(drawn)
    assert "Gemeente (50)</label>" in page
    for label, type_name in [("Organisatie", "Organisation"), ("Project", "Project"), ("Deelregio", "Subregion")]:
        assert f"{label} ({drawn[type_name]})</label>" in page


def test_sources_memberships_and_participations_are_not_nodes(data: dict, records: list[Record]) -> None:
    types = Counter(n["type"] for n in data["nodes"])
    assert not NOT_DRAWN & set(types)
    assert sum(types.values()) == sum(1 for r in records if r.key.type not in NOT_DRAWN)


def test_labels_are_dutch_else_english(data: dict) -> None:
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels[iri("municipality/71016")] == "Genk"
    assert labels[iri("arrondissement/71000")] == "Arrondissement Hasselt"  # English: "Arrondissement of Hasselt"
    assert labels[iri("objective/lires-economic-potential")] == "Analyse economic potential of each Limburg region"


def test_tooltips_hold_key_facts(data: dict) -> None:
    facts = {n["id"]: [tuple(f) for f in n["facts"]] for n in data["nodes"]}
    assert facts[iri("municipality/71016")] == [
        ("type", "gemeente"),
        ("NIS-code", "71016"),
        ("inwoners", "66.447 (op 2020-01-01)"),
        ("deelregio", "Midden-Limburg (volgens een bron, middelhoog)"),
    ]
    assert ("deelregio", "niet toegewezen") in facts[iri("municipality/73042")]  # Lanaken: no source places it
    assert ("deelregio", "Noord-Limburg (volgens een bron, middelmatig)") in facts[iri("municipality/72003")]
    assert ("deelregio", "Noord-Limburg (afgeleid)") in facts[iri("municipality/72043")]  # Pelt, no confidence
    assert ("periode", "t/m 2018-12-31") in facts[iri("municipality/71047")]  # Opglabbeek, merged into Oudsbergen
    assert ("periode", "vanaf 2019-01-01") in facts[iri("municipality/72042")]
    t2 = facts[iri("project/t2-campus")]
    assert {("budget", "€ 57.000.000"), ("status", "operationeel"), ("periode", "2017-04 – 2018-08-30")} <= set(t2)
    assert ("periode", "2016 – 2020") in facts[iri("strategy/versterkt-streekbeleid")]  # year precision only


def test_memberships_and_participations_are_edges_with_their_role(data: dict) -> None:
    edges = {frozenset((e["from"], e["to"])): [tuple(f) for f in e["facts"]] for e in data["edges"]}
    assert ("lidmaatschap", "voorzitter") in edges[
        frozenset((iri("organisation/vlaamse-regering"), iri("structure/salk-taskforce")))
    ]
    assert ("lidmaatschap", "vanaf 2020-01") in edges[
        frozenset((iri("organisation/prov-limburg"), iri("structure/salkturbo-dagelijks-bestuur")))
    ]
    lires = edges[frozenset((iri("organisation/ersv-limburg"), iri("project/lires-esf-6297")))]
    assert {("deelname", "trekker"), ("partner", "")} <= set(lires)


def test_nodes_have_fixed_positions_the_same_on_every_render(data: dict, records: list[Record]) -> None:
    assert data["options"]["physics"] is False, "the browser moves nothing"
    placed = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    again = graph_data(page_html(to_networkx(records, BASE), Language()))
    assert {n["id"]: (n["x"], n["y"]) for n in again["nodes"]} == placed
    assert len(set(placed.values())) == len(placed), "no two entities on one spot"


def test_node_doubles_as_link_to_its_description(data: dict, client: TestClient) -> None:
    genk = next(n for n in data["nodes"] if n["id"] == iri("municipality/71016"))
    assert genk["doc"] == "/doc/municipality/71016"
    assert "Genk" in client.get(genk["doc"], headers={"Accept": "text/html"}).text


def test_page_is_rendered_once_per_build(client: TestClient, page: str) -> None:
    assert client.app.state.graphs.get()._memo["network_page_nl"] == page, "kept with the build it shows"


def test_names_and_roles_are_escaped(records: list[Record]) -> None:
    evil = Key("Organisation", "escape-test")
    extra = [
        Record(evil, {"label": (Text(PAYLOAD, "nl"),), "organisation_kind": ("foundation",)}),
        Record(
            Key("Membership", "salk-taskforce--escape-test"),
            {"organization": (Key("Structure", "salk-taskforce"),), "member": (evil,), "role": (PAYLOAD,)},
        ),
    ]
    html = page_html(to_networkx([*records, *extra], BASE), Language())
    assert "</script><img" not in html and "<img" not in html
    assert Page(html).scripts == html.count("</script") == 4
    data = graph_data(html)
    assert next(n["label"] for n in data["nodes"] if n["id"] == iri("organisation/escape-test")) == PAYLOAD
    assert any(["lidmaatschap", PAYLOAD] in e["facts"] for e in data["edges"])


def test_no_graph_built_is_503(tmp_path: Path) -> None:
    response = TestClient(create_app(ApiSettings(store=tmp_path, base_iri=BASE))).get("/viz/graph")
    assert response.status_code == 503
    assert response.json()["error"] == "no_graph"
