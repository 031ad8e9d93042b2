"""The ``lires`` command: build, validate, serve, export, gaps, synergy, neo4j-load, operations (more register here)."""

from __future__ import annotations

import typer

from cli.build import build_command
from cli.export import export_command
from cli.gaps import gaps_command
from cli.neo4j_load import neo4j_load_command
from cli.operations import app as operations_app
from cli.serve import serve_command
from cli.synergy import synergy_command
from cli.validate import validate_command

app = typer.Typer(
    help="LIRES Graph: regional economic cooperation in Limburg as a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("build")(build_command)
app.command("validate")(validate_command)
app.command("serve")(serve_command)
app.command("export")(export_command)
app.command("gaps")(gaps_command)
app.command("synergy")(synergy_command)
app.command("neo4j-load")(neo4j_load_command)
app.add_typer(operations_app, name="operations")


def main() -> None:
    """Console-script entry point."""
    app()
