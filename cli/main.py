"""The ``lires`` command: build, validate, serve, neo4j-load (more commands register here)."""

from __future__ import annotations

import typer

from cli.build import build_command
from cli.neo4j_load import neo4j_load_command
from cli.serve import serve_command
from cli.validate import validate_command

app = typer.Typer(help="LIRES Graph: regional economic cooperation in Limburg as a knowledge graph.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.command("build")(build_command)
app.command("validate")(validate_command)
app.command("serve")(serve_command)
app.command("neo4j-load")(neo4j_load_command)


def main() -> None:
    """Console-script entry point."""
    app()
