"""``lires validate``: SHACL on the built RDF plus the data warnings of the build."""

from __future__ import annotations

from rich.markup import escape

from cli.common import StoreOption, console, fail, settings
from graph.store import NoGraph, open_current


def validate_command(store: StoreOption = None) -> None:
    """Validate the current graph against the SHACL shapes; exit 1 on any violation.

    Also lists the build's warnings, e.g. municipalities not yet assigned to a LIRES subregion.
    """
    from graph.shacl import validate  # imported here: SHACL and rdflib slow every other command

    config = settings(store)
    try:
        current = open_current(config.store)
    except NoGraph as exc:
        fail(str(exc))
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
