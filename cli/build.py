"""``lires build``: load data/, validate, write the stores; atomic."""

from __future__ import annotations

import time

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from cli.common import DataOption, StoreOption, console, fail, language, print_findings, settings
from graph.uploads import accepted


class _Counted(MofNCompleteColumn):
    """``361/547`` for a step that counts, nothing for one that does not (SHACL)."""

    def render(self, task: Task) -> Text:
        return Text("") if task.total is None else super().render(task)


def build_command(data: DataOption = None, store: StoreOption = None, verbose: bool = False) -> None:
    """Build the graph from the data directory into the store; the previous graph stays if this fails.

    A workbook uploaded in the browser and accepted (STORE/uploads/accepted.xlsx) is read in place of the files
    of the tables it holds; delete it to build from the data directory alone. Errors are listed in Dutch when
    LANG is Dutch (e.g. nl_BE.UTF-8), else in English.
    """
    # imported here: SHACL and rdflib slow every other command
    from graph.build import BuildBusy, ShapeViolations, build
    from graph.stores.base import StoreError
    from graph.stores.choose import rdf_store
    from loaders.dataset import Step
    from records.findings import DataError

    config = settings(store, data)
    workbook = accepted(config.store)
    if workbook is not None:
        console.print(
            f"Reading the accepted upload {escape(str(workbook))} in place of the tables it holds "
            "(delete it to build from the data directory alone)."
        )
    started = time.perf_counter()
    columns = (TextColumn("{task.description}"), BarColumn(), _Counted(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            tasks: dict[str, TaskID] = {}  # one bar for the rows read, one (without a count) for each later step

            def show(step: Step) -> None:
                key = "rows" if step.total is not None else step.label
                if key not in tasks:
                    for shown in tasks.values():
                        progress.update(shown, visible=False)
                    tasks[key] = progress.add_task(escape(step.label), total=step.total)
                progress.update(tasks[key], description=escape(step.label), completed=step.done, total=step.total)

            report = build(
                config.data, config.store, config.base_iri, progress=show, workbook=workbook, rdf=rdf_store(config)
            )
    except DataError as exc:
        print_findings(exc, language())
        fail(f"{len(exc.errors) + exc.more} error(s) in the input data. The previous graph (if any) is unchanged.")
    except (ShapeViolations, BuildBusy, StoreError) as exc:
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
    if report.leftovers:
        console.print(f"[yellow]{escape(report.leftovers)}[/]; the next build drops them", highlight=False)
    if report.warnings:
        console.print(f"[yellow]{len(report.warnings)} warning(s)[/]; run `lires validate` to list them")
        if verbose:
            for warning in report.warnings:
                console.print(escape(str(warning)), highlight=False)
