"""POST /cypher on the real Neo4j: graph values as JSON, and every kind of write, file, network or server
access refused; limits from Settings."""

from __future__ import annotations

import neo4j
import pytest
from fastapi.testclient import TestClient
from neo4j.exceptions import ClientError

from api.app import create_app

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def cypher(client, neo4j_graph):
    def post(query: str, **parameters):
        return client.post("/cypher", json={"query": query, "parameters": parameters})

    return post


def test_node_with_labels_and_properties(cypher):
    response = cypher("MATCH (m:Municipality {key: $nis}) RETURN m, m.population_date AS date", nis="71016")
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == ["m", "date"] and body["count"] == 1
    node, date = body["data"][0]
    assert node["kind"] == "node" and node["labels"] == ["Municipality"]
    assert node["properties"]["name_nl"] == "Genk"
    assert node["properties"]["population"] == 66447
    assert node["properties"]["population_date"] == "2020-01-01" == date


def test_relationship_and_path(cypher):
    body = cypher("MATCH p = (m:Municipality {key: '72025'})-[r:IS_REPLACED_BY]->(s) RETURN r, p").json()
    rel, path = body["data"][0]
    assert rel["kind"] == "relationship" and rel["type"] == "IS_REPLACED_BY"
    assert [n["properties"]["name_nl"] for n in path["nodes"]] == ["Neerpelt", "Pelt"]
    assert path["relationships"] == [rel]
    assert rel["start"] == path["nodes"][0]["element_id"] and rel["end"] == path["nodes"][1]["element_id"]


def test_temporal_and_special_values_become_json(cypher):
    body = cypher("RETURN date('2019-01-01') AS d, duration('P1Y2M') AS du, 0.0 / 0.0 AS nan, [1, 'a'] AS l").json()
    assert body["data"] == [["2019-01-01", "P1Y2M", "NaN", [1, "a"]]]


def test_allowed_schema_procedure(cypher):
    body = cypher("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY 1").json()
    assert ["SF_WITHIN"] in body["data"] and ["WAS_DERIVED_FROM"] in body["data"]


@pytest.mark.parametrize(
    "query, reason",
    [
        ("CREATE (n:Municipality {key: 'x'}) RETURN n", "writes to the graph"),
        ("MERGE (n:Municipality {key: '71016'}) RETURN n", "writes to the graph"),
        ("MATCH (m:Municipality {key: '71016'}) SET m.name_nl = 'x'", "writes to the graph"),
        ("MATCH (m:Municipality {key: '71016'}) REMOVE m.name_nl", "writes to the graph"),
        ("MATCH (n) DETACH DELETE n", "writes to the graph"),
        ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "writes to the graph"),
        ("CALL () { CREATE (n:X) } RETURN 1", "writes to the graph"),
        ("CREATE INDEX x FOR (n:Project) ON (n.theme)", "changes the schema"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV reads files and URLs"),
        ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line", "LOAD CSV reads files and URLs"),
        ("LOAD CSV FROM $url AS line RETURN count(*)", "LOAD CSV reads files and URLs"),
        ("CALL dbms.listConfig()", "procedure dbms.listConfig is not allowed"),
        ("CALL db.labels() YIELD label CALL dbms.components() YIELD name RETURN name", "procedure dbms.components"),
        ("CALL db.createLabel('X')", "procedure db.createLabel is not allowed"),
        ("SHOW SETTINGS", "server commands (ShowSettings)"),
        ("SHOW TRANSACTIONS", "server commands (ShowTransactions)"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "server commands (TerminateTransactions)"),
        ("SHOW USERS", "server commands (AdministrationCommand)"),
        ("USE system CALL dbms.listConfig()", "administers the server"),
    ],
)
def test_writes_files_network_and_commands_are_refused(cypher, neo4j_driver, query, reason):
    response = cypher(query, url="file:///etc/hosts")
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden" and reason in response.json()["detail"]
    assert neo4j_driver.execute_query("MATCH (n {key: 'x'}) RETURN count(n) AS n").records[0]["n"] == 0
    assert (
        neo4j_driver.execute_query("MATCH (m:Municipality {key: '71016'}) RETURN m.name_nl AS n").records[0]["n"]
        == "Genk"
    )


def test_the_server_itself_refuses_writes_in_read_mode(neo4j_driver):
    """The first guard, independent of the plan check: a READ transaction cannot write."""
    with neo4j_driver.session(default_access_mode=neo4j.READ_ACCESS) as session, pytest.raises(ClientError) as exc:
        session.run("CREATE (:Municipality {key: 'x'})").consume()
    assert exc.value.code == "Neo.ClientError.Statement.AccessMode"


@pytest.mark.parametrize(
    "body, detail",
    [
        ({"query": "MATCH (n RETURN n"}, "(line 1, column 10 (offset: 9))"),
        ({"query": "MATCH (m:Municipality)\nRETURN m.name_nl +"}, "(line 2, column 19 (offset: 41))"),
        ({"query": "RETURN $nis"}, "Expected parameter(s): nis"),
        ({"query": "RETURN 1 AS x", "parameters": "nis"}, "parameters"),
        ({"query": ""}, "query"),
    ],
)
def test_bad_queries_are_400_with_the_server_message(client, neo4j_graph, body, detail):
    response = client.post("/cypher", json=body)
    assert response.status_code in (400, 422)
    assert detail in response.json()["detail"]


def test_row_limit_and_timeout_from_settings(settings, neo4j_graph):
    limited = TestClient(create_app(settings.model_copy(update={"cypher_max_rows": 50, "cypher_timeout_s": 1.0})))
    ok = limited.post("/cypher", json={"query": "MATCH (m:Municipality) RETURN m.key"})
    assert ok.status_code == 200 and ok.json()["count"] == 50
    too_many = limited.post("/cypher", json={"query": "MATCH (n:Membership) RETURN n.key"})
    assert too_many.status_code == 400 and "more than 50 rows" in too_many.json()["detail"]
    slow = limited.post("/cypher", json={"query": "UNWIND range(1, 2000000000) AS x RETURN count(x)"})
    assert slow.status_code == 400 and "longer than 1 s" in slow.json()["detail"]


def test_health_reports_neo4j_up(client, neo4j_graph):
    body = client.get("/health").json()
    assert body["backends"]["neo4j"] == "up" and body["status"] == "ok"
