#!/usr/bin/env bash
# The quality gate, the same locally and in CI (make test runs it before the tests): lint and format.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
