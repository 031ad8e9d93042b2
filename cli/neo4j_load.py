"""``lires neo4j-load``: the current build's records into Neo4j (full sync), with a progress bar; ``--status``
says whether the last load completed."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cli.common import StoreOption, console, fail, settings
from graph.neo4j.load import BATCH_SIZE, LoadReport, load
from graph.neo4j.projection import ProjectionError, project
from graph.settings import Settings
from graph.store import NoGraph, open_current
from graph.stores.choose import rdf_store


def neo4j_load_command(
    store: StoreOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per transaction.")] = BATCH_SIZE,
    status: Annotated[
        bool, typer.Option("--status", help="Only say whether the last load completed (exit code 1 if not).")
    ] = False,
) -> None:
    """Load the current graph into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD), replacing what is there.

    Run `lires build` first. A second load of the same build changes nothing, and a load that was interrupted
    is finished by the next one. With --status: the last load's state and the last complete load.
    """
    from neo4j.exceptions import AuthError, DriverError, Neo4jError  # the driver loads slowly: only here

    from graph.neo4j.client import NOT_CONFIGURED, connect

    config = settings(store)
    if not config.neo4j_uri:
        fail(NOT_CONFIGURED)
    if status:
        _status(config)
        return
    try:
        build = open_current(config.store, rdf_store(config))
        projection = project(build.records, build.manifest["base_iri"])
    except (NoGraph, ProjectionError) as exc:
        fail(escape(str(exc)))
    try:
        with (
            connect(config) as driver,
            Progress(
                TextColumn("neo4j-load"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
            ) as progress,
        ):
            driver.verify_connectivity()  # fail fast instead of retrying every transaction
            task = progress.add_task("load", total=projection.size)
            report = load(
                driver,
                projection,
                batch_size,
                advance=lambda n: progress.advance(task, n),
                build=build.id,
                database=config.neo4j_database,
            )
    except AuthError as exc:
        fail(f"Neo4j at {escape(config.neo4j_uri)} rejects NEO4J_USER/NEO4J_PASSWORD: {escape(str(exc.message))}")
    except (Neo4jError, DriverError) as exc:
        fail(
            f"Neo4j at {escape(config.neo4j_uri)}: {escape(str(exc))}\n"
            "Is it running? (scripts/neo4j-local.sh start, or docker compose up neo4j)"
        )
    _print(report)


def _status(config: Settings) -> None:
    """Print the state of the loads into the configured Neo4j; exit 1 unless the last load completed."""
    from neo4j.exceptions import DriverError, Neo4jError

    from graph.neo4j import load_state
    from graph.neo4j.client import connect

    uri = escape(config.neo4j_uri or "")
    try:
        with connect(config) as driver, driver.session(database=config.neo4j_database) as session:
            last = load_state.read(session)
    except (Neo4jError, DriverError) as exc:
        fail(f"Neo4j at {uri}: {escape(str(exc))}")
    if last is None:
        console.print(f"Neo4j at {uri} has no load recorded: run `lires neo4j-load`")
        raise typer.Exit(1)
    console.print(f"Neo4j at {uri}: {escape(last.describe())}")
    if not last.complete:
        raise typer.Exit(1)


def _print(report: LoadReport) -> None:
    table = Table("label / type", "count", title="Neo4j graph")
    for name, count in {**report.nodes, **report.relationships}.items():
        table.add_row(name, str(count))
    console.print(table)
    changes = ", ".join(f"{n.replace('_', ' ')} {v}" for n, v in report.counters.items())
    console.print(
        f"{sum(report.nodes.values())} nodes, {sum(report.relationships.values())} relationships "
        f"in {report.seconds:.2f} s; {changes}" + ("" if report.changed else " (no change)")
    )
