"""The one Jinja environment of every page (API pages and viz pages): our templates beside pyvis's bundled
vis-network 9.1.2 (included inline); text is autoescaped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape


@cache
def environment() -> Environment:
    """The environment, made on first use: ``viz/templates/`` first, then pyvis's templates (``lib/vis-9.1.2``)."""
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    return Environment(
        loader=ChoiceLoader([PackageLoader("viz"), FileSystemLoader(pyvis_templates)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
