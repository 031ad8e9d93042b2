"""``lires gaps`` and ``lires synergy`` on the real build: tables, JSON, CSV and errors."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def run(store, *args: str):
    return runner.invoke(app, [*args, "--store", str(store)], env={"COLUMNS": "200"})


def test_gaps_table(store):
    result = run(store, "gaps", "--by", "arrondissement", "--top", "3")
    assert result.exit_code == 0, result.output
    for heading in ("Projects per objective", "Biggest gaps", "Objectives served by no project (34)", "Data gaps"):
        assert heading in result.output
    assert "ABVV Limburg" in result.output
    assert "97 of 201 projects have no" in result.output  # the table wraps after "no"


def test_gaps_reads_in_an_80_column_terminal_and_in_full_with_wide(store):
    narrow = runner.invoke(app, ["gaps", "--store", str(store)], env={"COLUMNS": "80"})
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(line.startswith("┃ objective") and "┃ NL ┃" in line and "┃ NA ┃" in line for line in lines)
    salk_1 = next(line for line in lines if "SALK part 1 – short-term actions" in line)
    assert [cell.strip() for cell in salk_1.split("│")[2:-1]] == ["-", "4", "?", "?", "?", "3"]
    assert "NL: Noord-Limburg; ML: Midden-Limburg" in narrow.stdout
    wide = run(store, "gaps", "--wide")
    assert "2 · 892,000,000" in wide.stdout and "Coverage: projects · budget in EUR" in wide.stdout


def test_gaps_json_for_one_strategy_and_year(store):
    result = run(store, "gaps", "--format", "json", "--strategy", "salk", "--year", "2015", "--by", "arrondissement")
    report = json.loads(result.stdout)
    cell = next(c for c in report["cells"] if (c["objective"], c["territory"]) == ("salk-1", "71000"))
    assert [p["ref"] for p in cell["projects"]] == ["thor-park", "be-mine"]


def test_synergy_csv(store):
    result = run(store, "synergy", "--format", "csv", "--kind", "municipality", "--by", "arrondissement", "--top", "1")
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    # Leopoldsburg and Maaseik both renovated shop fronts with EFRO 2007-2013 (operations 812 and 821, operational
    # objective 2.2) and share three partner municipalities ('Beleef het water', RivierPark Maasvallei, Nationaal
    # Park Hoge Kempen) across arrondissements
    assert (row["a_label"], row["b_label"], row["shared_objectives"], row["common_neighbours"]) == (
        "Leopoldsburg",
        "Maaseik",
        "Operationele doelstelling 2.2",
        "Bree;Kinrooi;Maasmechelen",
    )


def test_synergy_table_names_the_common_neighbours_per_kind(store):
    # For two municipalities the common neighbours are municipalities working with both, not partners.
    municipalities = run(store, "synergy", "--kind", "municipality", "--by", "arrondissement", "--top", "1").output
    assert "municipalities working with both" in municipalities and "shared partners" not in municipalities
    assert "Bree, Kinrooi, Maasmechelen" in municipalities
    assert "shared partners" in run(store, "synergy", "--kind", "project", "--top", "1").output


def test_synergy_table_lists_brokers(store):
    result = run(store, "synergy", "--top", "2")
    assert result.exit_code == 0, result.output
    assert "Brokers" in result.output and "Burgemeestersparlement" in result.output
    assert "sampled" not in result.output  # exact betweenness on the real network


def test_unknown_subregion_exits_1_with_the_valid_ones(store):
    result = run(store, "gaps", "--subregion", "kempen")
    assert result.exit_code == 1
    assert "unknown subregion 'kempen'" in result.output and "noord-limburg" in result.output
