"""What the data lacks, ranked by what it blocks, on the real data: the one count the to-do list, the gap report's
thin-data note and the front page share; the to-do list in the CLI and on its page, in Dutch and English."""

from __future__ import annotations

from typer.testing import CliRunner

from cli.main import app
from graph.analysis.completeness import completeness
from graph.analysis.gaps import gaps
from graph.analysis.scope import make_scope
from records.model import Key


def test_the_gaps_in_the_data_most_blocking_first(records):
    counted = completeness(make_scope(records))
    assert [(m.what, len(m.entities), m.of) for m in counted.items] == [
        ("subregion", 25, 38),  # in no deelregio column
        ("objective", 97, 201),  # in no row of the matrix
        ("location", 50, 201),  # in no column
        ("partner", 12, 201),  # in no organisation's network
        ("budget", 165, 201),  # the figures: the larger share first
        ("period", 84, 201),
        ("centre", 4, 38),  # merged in 2025: drawn between their predecessors
        ("population", 1, 38),
    ]
    assert [s.ref for s in counted.subregions_without_municipality] == ["maasland", "west-limburg", "zuid-limburg"]
    assert counted.missing("population") == (Key("Municipality", "71072"),)  # Hasselt, merged in 2025
    assert Key("Project", "kind-en-taal") in counted.missing("partner")


def test_the_gap_report_counts_the_same(records):
    scope = make_scope(records, year=2018, by="arrondissement")
    done, counted = gaps(scope).completeness, completeness(scope)
    assert counted.counts == done
    assert (done.without_objective, done.without_location, done.without_subregion) == (
        len(counted.missing("objective")),
        len(counted.missing("location")),
        len(counted.missing("subregion")),
    )


def test_in_noord_limburg_every_municipality_has_its_deelregio(records):
    counted = completeness(make_scope(records, subregion="noord-limburg"))
    assert counted.missing("subregion") == () and counted.counts.municipalities == 7  # today, after the mergers


def test_the_to_do_list_on_the_command_line(store):
    result = CliRunner().invoke(
        app, ["validate", "--completeness", "--store", str(store)], env={"COLUMNS": "80", "LANG": "nl_BE.UTF-8"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1. 25 van de 38 gemeenten hebben geen deelregio"
    assert "2. 97 van de 201 projecten hebben geen doelstelling" in lines
    assert max(len(line) for line in lines if not line.strip().startswith(("Check:", "Na te kijken:"))) <= 80
    assert "     Na te kijken: https://www.pomlimburg.be/kennis/lires/" in lines  # a project's source to check


def test_the_to_do_page_in_both_languages(client):
    dutch = client.get("/completeness", headers={"Accept-Language": "nl"}).text
    assert "25 van de 38 gemeenten hebben geen deelregio" in dutch
    assert "3 van de 5 deelregiokolommen zijn leeg: Maasland, West-Limburg, Zuid-Limburg" in dutch
    english = client.get("/completeness", params={"by": "arrondissement"}, headers={"Accept-Language": "en"}).text
    assert "97 of 201 projects have no objective" in english
    assert (
        english.index('id="task-subregion"') < english.index('id="task-objective"') < english.index('id="task-budget"')
    )
