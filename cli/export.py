"""``lires export``: the current graph as an RDF dump, a network file for Gephi, or CSV tables."""

from __future__ import annotations

import gzip
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cli.common import StoreOption, console, fail, settings
from graph.publish.dumps import EXPORTS
from graph.publish.files import export
from graph.store import NoGraph, open_current
from graph.stores.choose import rdf_store

# mypy reads enum members only from a literal; these come from the one table of formats
Format = Enum("Format", {name: name for name in EXPORTS}, type=str)  # type: ignore[misc]


def export_command(
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: standard output); a name ending in .gz is gzip-compressed.",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the current graph. ttl, nt, jsonld, rdfxml: every triple plus the dataset description
    (DCAT/VoID); graphml, gexf, cyjs: the network (entities and links) for Gephi or Cytoscape;
    csv: a ZIP with one CSV per entity type; xlsx: the workbook a strategist edits (organisations, projects,
    partners, memberships, deelregio memberships; Dutch headings and drop-downs), which `lires build` reads back
    in place of those tables' CSV files.
    """
    config = settings(store)
    try:
        build = open_current(config.store, rdf_store(config))
    except NoGraph as exc:
        fail(escape(str(exc)))
    with console.status(f"exporting {format.value}"):
        data = export(build, config, EXPORTS[format.value])
    if output is None:
        sys.stdout.buffer.write(data)
        return
    if output.suffix == ".gz":
        data = gzip.compress(data, mtime=int(build.built_at.timestamp()))
    try:
        output.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {escape(str(output))}: {escape(exc.strerror or str(exc))}")
    console.print(f"{len(data)} bytes of {EXPORTS[format.value].title} -> {escape(str(output))}")
