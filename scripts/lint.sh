#!/usr/bin/env bash
# The quality gate, the same locally and in CI (make test runs it before the tests): lint, format and types
# (mypy over the packages configured in pyproject.toml's [tool.mypy]).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
