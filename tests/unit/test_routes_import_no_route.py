"""A route module serves its own paths and imports no other route module (issue 17): what two routes share lives
outside api/routes (api.deps, api.models, api.admin_access, ...), so a reader finds each route's help in one place."""

from __future__ import annotations

import ast

import pytest

from tests.support import ROOT

ROUTES = sorted((ROOT / "api" / "routes").glob("*.py"))


@pytest.mark.parametrize("path", ROUTES, ids=lambda p: p.name)
def test_a_route_imports_no_other_route(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module is not None
    } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {m for m in imported if m.startswith("api.routes")}, path.name
