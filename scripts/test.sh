#!/usr/bin/env bash
# Run the quality gate (scripts/lint.sh) and the whole test suite: installs headless Chromium if missing, starts a local Neo4j
# (unless NEO4J_URI is already set) and stops it again afterwards, whatever the outcome.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/lint.sh  # the quality gate first: a lint failure needs no browser or Neo4j to show

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: run 'sudo apt-get install chromium' (browser tests will fail)" >&2
  fi
fi

started_neo4j=0
if [ -z "${NEO4J_URI:-}" ] && [ -x scripts/neo4j-local.sh ]; then
  export NEO4J_PASSWORD="${NEO4J_PASSWORD:-lires-dev-password}" NEO4J_USER="${NEO4J_USER:-neo4j}"
  if uri_line="$(scripts/neo4j-local.sh start)"; then
    export "${uri_line?}"
    started_neo4j=1
  else
    echo "could not start the local Neo4j; Neo4j tests will skip (or fail with LIRES_REQUIRE_NEO4J=1)" >&2
  fi
fi
stop_neo4j() { if [ "$started_neo4j" = 1 ]; then scripts/neo4j-local.sh stop >/dev/null || true; fi; }
trap stop_neo4j EXIT

.venv/bin/python -m pytest "$@"
