#!/usr/bin/env bash
# Run the quality gate (scripts/lint.sh) and the whole test suite: installs headless Chromium if missing, starts
# a local Neo4j (unless NEO4J_URI is already set), Fuseki (unless LIRES_TEST_FUSEKI_URL is set) and Virtuoso
# (unless LIRES_TEST_VIRTUOSO_URL is set), and stops what it started afterwards, whatever the outcome.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/lint.sh  # the quality gate first: a lint failure needs no browser or server to show

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: run 'sudo apt-get install chromium' (browser tests will fail)" >&2
  fi
fi

started=()
stop_servers() {
  local name
  for name in "${started[@]}"; do scripts/"$name"-local.sh stop >/dev/null 2>&1 || true; done
}
trap stop_servers EXIT

# start NAME VARIABLE: runs scripts/NAME-local.sh start, which prints one NAME_URL=... line; exports its value
# as VARIABLE (tests skip without it, or fail with LIRES_REQUIRE_<NAME>=1).
start() {
  local line
  if line="$(scripts/"$1"-local.sh start)"; then
    export "$2=${line#*=}"
    started+=("$1")
  else
    echo "could not start the local $1; its tests will skip (or fail where .ci/run requires them)" >&2
  fi
}

if [ -z "${NEO4J_URI:-}" ]; then
  export NEO4J_PASSWORD="${NEO4J_PASSWORD:-lires-dev-password}" NEO4J_USER="${NEO4J_USER:-neo4j}"
  start neo4j NEO4J_URI
fi
if [ -z "${LIRES_TEST_FUSEKI_URL:-}" ]; then
  export LIRES_TEST_FUSEKI_USER="${FUSEKI_USER:-lires}" LIRES_TEST_FUSEKI_PASSWORD="${FUSEKI_PASSWORD:-lires-dev-password}"
  start fuseki LIRES_TEST_FUSEKI_URL
fi
if [ -z "${LIRES_TEST_VIRTUOSO_URL:-}" ]; then
  export LIRES_TEST_VIRTUOSO_USER="${VIRTUOSO_USER:-lires}" \
    LIRES_TEST_VIRTUOSO_PASSWORD="${VIRTUOSO_PASSWORD:-lires-dev-password}"
  start virtuoso LIRES_TEST_VIRTUOSO_URL
fi

.venv/bin/python -m pytest "$@"
