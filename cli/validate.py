"""``lires validate``: SHACL on the built RDF plus the data warnings of the build; ``--completeness``: what the data
lacks, as a to-do list."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from cli.common import StoreOption, console, fail, language, settings
from graph.store import Build, NoGraph, open_current
from graph.stores.choose import rdf_store


def validate_command(
    store: StoreOption = None,
    completeness: Annotated[
        bool,
        typer.Option(
            "--completeness",
            help="List what the data lacks instead (municipalities without a deelregio, projects without an "
            "objective, ...), most blocking first, with the sources to check; in Dutch when LANG is Dutch.",
        ),
    ] = False,
) -> None:
    """Validate the current graph against the SHACL shapes; exit 1 on any violation.

    Also lists the build's warnings, e.g. municipalities not yet assigned to a LIRES subregion.
    """
    config = settings(store)
    try:
        current = open_current(config.store, rdf_store(config))
    except NoGraph as exc:
        fail(str(exc))
    if completeness:
        _completeness(current)
        return
    from graph.shacl import validate  # imported here: SHACL and rdflib slow every other command

    warnings = current.manifest["warnings"]
    for warning in warnings:
        console.print(f"[yellow]{escape(warning)}[/]", highlight=False)
    violations = validate(current.rdf)
    for violation in violations:
        console.print(f"[red]VIOLATION[/] {escape(str(violation))}", highlight=False)
    console.print(
        f"{current.manifest['triples']} triples: {len(violations)} SHACL violation(s), {len(warnings)} warning(s)"
    )
    if violations:
        raise SystemExit(1)


def _completeness(current: Build) -> None:
    """Print the to-do list of viz.completeness to standard output."""
    from cli.analysis import out
    from graph.analysis.completeness import completeness
    from graph.analysis.scope import make_scope
    from viz.completeness import tasks
    from viz.i18n import gettext

    lang = language()
    _ = gettext(lang)
    records = {r.key: r for r in current.records}
    listed = tasks(completeness(make_scope(records)), records, lang)
    if not listed:
        out.print(_("Nothing is missing."))
    for number, task in enumerate(listed, 1):
        out.print(f"[bold]{number}. {escape(task.title)}[/]")
        out.print(f"   {escape(_('What it blocks:'))} {escape(task.blocks)}.")
        out.print(f"   {escape(_('Where to fill it in:'))} {escape(task.where)}.")
        for source in task.check:
            out.print(f"   {escape(_('Check:'))} {escape(source.url)}", soft_wrap=True)
        if not any(entry.sources for entry in task.entries):
            out.print("   " + escape(", ".join(f"{e.label} ({e.ref})" for e in task.entries)))
        for entry in task.entries if any(e.sources for e in task.entries) else ():
            out.print(f"   - {escape(entry.label)} ({escape(entry.ref)})")
            for source in entry.sources:
                out.print(f"     {escape(_('Check:'))} {escape(source.url)}", soft_wrap=True)
        out.print()
