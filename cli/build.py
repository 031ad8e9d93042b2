"""``lires build``: load data/, validate, write the stores; atomic."""

from __future__ import annotations

import time

from rich.markup import escape
from rich.table import Table

from cli.common import DataOption, StoreOption, console, fail, settings


def build_command(data: DataOption = None, store: StoreOption = None, verbose: bool = False) -> None:
    """Build the graph from the data directory into the store; the previous graph stays if this fails."""
    # imported here: SHACL and rdflib slow every other command
    from graph.build import BuildBusy, ShapeViolations, build
    from records.findings import DataError

    config = settings(store, data)
    started = time.perf_counter()
    try:
        with console.status("building") as status:
            report = build(config.data, config.store, config.base_iri, progress=lambda m: status.update(escape(m)))
    except (DataError, ShapeViolations, BuildBusy) as exc:
        fail(escape(str(exc)) + "\nThe previous graph (if any) is unchanged.")
    except OSError as exc:
        fail(
            f"cannot write the store {escape(str(config.store))}: {escape(str(exc))}\n"
            "The previous graph (if any) is unchanged."
        )
    table = Table("type", "entities", title="Built graph")
    for type_, count in report.entities.items():
        table.add_row(type_, str(count))
    console.print(table)
    console.print(f"{report.triples} triples in {time.perf_counter() - started:.2f} s -> {report.path}")
    if report.warnings:
        console.print(f"[yellow]{len(report.warnings)} warning(s)[/]; run `lires validate` to list them")
        if verbose:
            for warning in report.warnings:
                console.print(escape(str(warning)), highlight=False)
