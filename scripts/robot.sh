#!/usr/bin/env bash
# Run ROBOT (http://robot.obolibrary.org/), e.g. `scripts/robot.sh validate-profile --profile DL --input FILE`.
#
# The jars come from Maven Central via Maven (scripts/robot/pom.xml pins the version) and are cached in
# .cache/robot/ (ROBOT_CACHE_DIR); the first run fetches them (about 40 MB). Needs Java 11+ and Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ROBOT_CACHE_DIR:-$root/.cache/robot}"

if [ ! -f "$cache/.complete" ]; then
  echo "[robot] fetching ROBOT from Maven Central into $cache" >&2
  rm -rf "$cache" && mkdir -p "$cache"
  mvn -B -q -f "$root/scripts/robot/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$cache/lib" >&2
  touch "$cache/.complete"
fi
exec java -cp "$cache/lib/*" org.obolibrary.robot.CommandLineInterface "$@"
