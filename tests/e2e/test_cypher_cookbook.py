"""Every recipe of docs/cypher-cookbook.md, run through /cypher on the real Neo4j: it returns exactly the table
the doc shows, and that table is the answer recomputed here from the CSV files in data/ (and its lists of
operations)."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter, defaultdict

import networkx as nx
import pytest

from tests.support import DATA, ROOT

pytestmark = pytest.mark.neo4j
COOKBOOK = ROOT / "docs" / "cypher-cookbook.md"


def recipes() -> dict[str, dict]:
    """Title -> {"query", "parameters", "table": [header, *rows]} for each ``## n. Title`` section."""
    found = {}
    for title, body in re.findall(
        r"^## \d+\. (.+?)\n(.*?)(?=^## |\Z)", COOKBOOK.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL
    ):
        query = re.search(r"```cypher\n(.*?)```", body, re.DOTALL)[1]
        parameters = re.search(r"```json\n(.*?)```", body, re.DOTALL)
        table = [
            [c.strip() for c in line.strip().strip("|").split("|")]
            for line in body.splitlines()
            if line.startswith("|") and not line.startswith("|---")
        ]
        found[title] = {"query": query, "parameters": json.loads(parameters[1]) if parameters else {}, "table": table}
    return found


def read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def operations() -> list[dict]:
    """The projects of data/operations/ in the shape of projects.csv rows (ref, locations, objectives) with their
    lead organisation: refs from each map, organisations from organisation_aliases.csv, and the municipality the
    loader finds for the postal code on the operation's start (the one step a CSV cannot give)."""
    from loaders.operations import read_operations
    from loaders.opsmap import load_map, normalised
    from loaders.places import Territories

    aliases = {normalised(a["alias"]): a["organisation"] for a in read("organisation_aliases.csv")}
    rows = []
    for path in sorted((DATA / "operations").glob("*.toml")):
        ops_map = load_map(path)
        for o in read_operations(path.with_suffix(".csv"), ops_map, Territories.read(DATA), []):
            rows.append(
                {
                    "ref": ops_map.project_ref(o.values),
                    "locations": o.location or "",
                    "objectives": ops_map.objective_ref(o.values) or "",
                    "organisation": aliases[normalised(o["beneficiary"])],
                }
            )
    return rows


def projects() -> list[dict]:
    """Every project: the rows of projects.csv and those of the lists of operations."""
    return read("projects.csv") + operations()


def split(cell: str) -> list[str]:
    return [v for v in cell.split(";") if v]


def cell(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(cell, value))
    return "" if value is None else str(value)


RECIPES = recipes()


@pytest.fixture(scope="module")
def run(client, neo4j_graph):
    def answer(title: str) -> tuple[list[str], list[list]]:
        recipe = RECIPES[title]
        response = client.post("/cypher", json={"query": recipe["query"], "parameters": recipe["parameters"]})
        assert response.status_code == 200, response.text
        return response.json()["columns"], response.json()["data"]

    return answer


def test_at_least_eight_recipes():
    assert len(RECIPES) >= 8


@pytest.mark.parametrize("title", RECIPES)
def test_the_doc_shows_what_the_server_returns(run, title):
    columns, rows = run(title)
    assert RECIPES[title]["table"] == [columns, *[[cell(v) for v in row] for row in rows]]


def test_projects_per_deelregio(run):
    members = defaultdict(set)
    for row in read("subregion_memberships.csv"):
        members[row["subregion"]].add(row["nis_code"])
    located = [set(split(p["locations"])) for p in projects()]
    expected = sorted(
        [s["name_nl"], len(members[s["ref"]]), sum(1 for loc in located if loc & members[s["ref"]])]
        for s in read("subregions.csv")
    )
    assert run("Projects per deelregio")[1] == expected


def test_projects_per_arrondissement(run):
    arrondissement = {m["nis_code"]: m["arrondissement_nis"] for m in read("municipalities.csv")}
    names = {a["nis_code"]: a["name_nl"] for a in read("arrondissements.csv")}
    located = defaultdict(set)
    for p in projects():
        for nis in split(p["locations"]):
            located[names[arrondissement[nis]]].add(p["ref"])
    expected = sorted(([a, len(ps), sorted(ps)[:5]] for a, ps in located.items()), key=lambda r: (-r[1], r[0]))
    assert run("Projects per arrondissement")[1] == expected


def test_projects_that_share_partners(run):
    partners = defaultdict(set)
    for row in read("project_partners.csv"):
        partners[row["project"]].add(row["organisation"])
    for row in operations():
        partners[row["ref"]].add(row["organisation"])
    pairs = [[a, b, sorted(partners[a] & partners[b])] for a in partners for b in partners if a < b]
    expected = sorted(
        (p for p in pairs if len(p[2]) >= RECIPES["Projects that share partners"]["parameters"]["min_shared"]),
        key=lambda p: (-len(p[2]), p[0], p[1]),
    )
    assert run("Projects that share partners")[1] == expected


def test_shortest_path_between_two_organisations(run):
    graph = nx.Graph()
    for row in read("project_partners.csv"):
        graph.add_edge(("project", row["project"]), ("organisation", row["organisation"]))
    for row in operations():
        graph.add_edge(("project", row["ref"]), ("organisation", row["organisation"]))
    for i, row in enumerate(read("memberships.csv")):
        graph.add_edge(("structure", row["structure"]), ("membership", i))
        graph.add_edge(("membership", i), (row["member_type"], row["member"]))
    parameters = RECIPES["Shortest path between two organisations"]["parameters"]
    start, end = ("organisation", parameters["from"]), ("organisation", parameters["to"])
    [[hops, via]] = run("Shortest path between two organisations")[1]
    assert hops == nx.shortest_path_length(graph, start, end) == 6  # via the Health Campus and the province
    assert (via[0], via[-1]) == (parameters["from"], parameters["to"])
    steps = 0
    for a, b in itertools.pairwise(via):  # each step is a partnership (1 hop) or a membership (2 hops)
        nodes_a = [n for n in graph if n[1] == a and n[0] != "membership"]
        nodes_b = [n for n in graph if n[1] == b and n[0] != "membership"]
        steps += min(nx.shortest_path_length(graph, x, y) for x in nodes_a for y in nodes_b)
    assert steps == hops


def test_municipalities_in_no_structure(run):
    members = {m["member"] for m in read("memberships.csv") if m["member_type"] == "municipality"}
    expected = sorted(
        [m["nis_code"], m["name_nl"]]
        for m in read("municipalities.csv")
        if not m["valid_to"] and m["nis_code"] not in members
    )
    assert run("Municipalities in no structure")[1] == expected
    assert [nis for nis, _ in expected] == ["71071", "71072", "73110", "73111"]  # the 2025 mergers


def test_objectives_no_project_serves(run):
    served = {o for p in projects() for o in split(p["objectives"])}
    objectives = read("objectives.csv")
    strategies = sorted({o["strategy"] for o in objectives})
    expected = [
        [
            s,
            sum(1 for o in objectives if o["strategy"] == s),
            sum(1 for o in objectives if o["strategy"] == s and o["ref"] not in served),
        ]
        for s in strategies
    ]
    assert run("Objectives no project serves")[1] == expected


def test_most_connected_organisations(run):
    partners = {(r["project"], r["organisation"]) for r in read("project_partners.csv")}
    counts = Counter(
        organisation for _, organisation in partners | {(r["ref"], r["organisation"]) for r in operations()}
    )
    structures = Counter(
        org
        for _, org in {
            (m["structure"], m["member"]) for m in read("memberships.csv") if m["member_type"] == "organisation"
        }
    )
    ranked = sorted(
        ([o["ref"], counts[o["ref"]], structures[o["ref"]]] for o in read("organisations.csv")),
        key=lambda r: (-(r[1] + r[2]), r[0]),
    )
    assert run("Most connected organisations")[1] == ranked[:5]


def test_who_sits_at_the_table(run):
    structure = RECIPES["Who sits at the table"]["parameters"]["structure"]
    expected = sorted(
        [m["member_type"].capitalize(), m["member"], m["role"]]
        for m in read("memberships.csv")
        if m["structure"] == structure
    )
    assert run("Who sits at the table")[1] == expected


def test_municipal_mergers(run):
    municipalities = {m["nis_code"]: m for m in read("municipalities.csv")}
    merged = defaultdict(list)
    for _, m in sorted(municipalities.items()):
        if m["successor_nis"]:
            merged[m["successor_nis"]].append(m["name_nl"])
    expected = sorted(
        [municipalities[new]["valid_from"], new, municipalities[new]["name_nl"], olds] for new, olds in merged.items()
    )
    assert run("Municipal mergers")[1] == expected


def test_sources_behind_a_project(run):
    project = RECIPES["Sources behind a project"]["parameters"]["project"]
    keys = set(split(next(p["sources"] for p in read("projects.csv") if p["ref"] == project)))
    expected = {(s["publisher"], s["url"]) for s in read("sources.csv") if s["key"] in keys}
    rows = run("Sources behind a project")[1]
    assert {(publisher, url) for _, publisher, url in rows} == expected and len(rows) == len(keys) == 6
