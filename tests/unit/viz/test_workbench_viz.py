"""The workbench's page logic on the real data: groups, reasons, names, the map and the synergy list."""

from __future__ import annotations

import io
import itertools
from decimal import Decimal

import openpyxl
import pytest

from graph.analysis.scope import make_scope
from records.model import Key
from viz import grouping as grouping_module
from viz.grouping import grouping
from viz.map import CHAR, FONT, map_view
from viz.map import _centre as centre
from viz.names import listing, objective_name
from viz.overview import ScopeNetwork
from viz.reasons import reason
from viz.synergy_list import as_xlsx, could_work_with, rows, table


@pytest.fixture(scope="module")
def network(records) -> ScopeNetwork:
    return ScopeNetwork(make_scope(records))


def test_every_entity_is_in_exactly_one_group(network):
    groups = grouping(network.scope, network.graph, "nl")
    placed = [k for root in groups.roots for k in groups.entities(root)]
    assert len(placed) == len(set(placed)) == network.graph.number_of_nodes()
    assert all(groups.groups[r].size == len(list(groups.entities(r))) for r in groups.roots)
    assert groups.home[Key("Project", "t2-campus")] == "objective:salk-1-1"
    assert groups.ancestors("objective:salk-1-1") == ["objective:salk-1-1", "objective:salk-1", "strategy:salk"]
    small = [g for g in groups.groups.values() if g.id.startswith("organisations:") and g.id != "organisations:other"]
    assert all(len(g.members) >= grouping_module.MIN_KIND for g in small)


def test_a_family_of_many_groups_is_wrapped_in_one(network, monkeypatch):
    monkeypatch.setattr(grouping_module, "MAX_ROOTS", 3)
    groups = grouping(network.scope, network.graph, "en")
    assert "projects" in groups.roots and groups.groups["projects"].label == "Projects"
    assert "strategy:salk" in groups.groups["projects"].groups and "strategy:salk" not in groups.roots


def test_reasons_in_plain_words(network):
    scope, found = network.scope, {s.pair: s for s in network.ranked}
    pair = found[(Key("Project", "ford-site-lvf"), Key("Project", "ggl-zone-b"))]
    assert reason(scope, pair, "nl") == (
        "beide werken aan SALK 1.2 Reconversie van de Ford-terreinen; ze delen partners Genk Green Logistics en "
        "Vlaamse Regering; beide in Genk"
    )
    assert reason(scope, pair, "en").startswith("both work on SALK 1.2 Reconversie van de Ford-terreinen; they share")


def test_names(records):
    assert objective_name(records, Key("Objective", "salk-1-6"), "nl") == "SALK 1.6 Lopende investeringsdossiers"
    assert objective_name(records, Key("Objective", "salk-1"), "en") == "SALK part 1 – short-term actions"
    assert listing(["A", "B", "C", "D", "E"], "nl") == "A, B, C en 2 andere"
    assert listing(["A", "B"], "en") == "A and B"


def test_the_map_puts_merged_municipalities_between_their_parts_and_names_never_overlap(network, records):
    view = map_view(network, "nl")
    places = {p.id: p for p in view.places}
    assert places["municipality/71072"].derived is True
    parts = [records[Key("Municipality", ref)] for ref in ("71022", "73040")]  # Hasselt and Kortessem until 2024
    latitude, longitude, derived = centre(records, Key("Municipality", "71072"))
    assert derived and latitude == pytest.approx(sum(float(p.one("latitude", Decimal)) for p in parts) / 2)
    assert longitude == pytest.approx(sum(float(p.one("longitude", Decimal)) for p in parts) / 2)
    assert centre(records, Key("Municipality", "71016")) == (50.967197773998926, 5.495175175944939, False)
    assert len([p for p in view.places if not p.derived]) == 34 and view.missing == []
    most = sorted(view.places, key=lambda p: -p.projects)[:3]
    assert [(p.label, p.projects) for p in most] == [("Hasselt", 44), ("Diepenbeek", 28), ("Genk", 24)]
    boxes = []
    for p in view.places:
        if p.label_at is None:
            continue
        x, y, anchor = p.label_at
        width = len(p.label) * FONT * CHAR
        left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
        boxes.append((left, y - FONT, left + width, y + 3))
    assert len(boxes) >= 20
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_the_synergy_list_sets_nested_pairs_apart_and_downloads_it_all(network):
    ranked, nested = rows(network, "nl", kind="project")
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))
    # 3 by their places and partners, 12 by their names (phases or double entries of the EFRO list)
    assert len(nested) == 15 and {
        ("project/be-mine", "project/houtpark-be-mine"),
        ("project/terhills", "project/terhills-resort"),
        ("project/ford-site-lvf", "project/ggl-zone-b"),
    } < {(r.a.id, r.b.id) for r in nested}
    assert ("Humin", "Humin 2011-2013") in {(r.a.label, r.b.label) for r in nested}
    assert ranked[0].share == 1.0 and all(0 < r.share <= 1 for r in ranked)
    assert ranked[0].explore == f"/viz/explorer?focus={ranked[0].a.id},{ranked[0].b.id}&synergies=true"
    header, body = table(network, [*ranked, *nested], "en", "https://w3id.org/lires/")
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx(header, body, "synergies"))).active
    assert [c.value for c in sheet[1]] == header and sheet.max_row == 1 + len(body)
    assert sheet.freeze_panes == "A2"
    other, row = could_work_with(network, Key("Organisation", "stad-genk"), "nl", 1)[0]
    assert Key("Organisation", "stad-genk") in row.suggestion.pair and other.id != "organisation/stad-genk"
