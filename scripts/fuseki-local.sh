#!/usr/bin/env bash
# shellcheck disable=SC2015  # "a && b || die" is used on purpose
# Run a local Apache Jena Fuseki 5 (Fuseki main, TDB2) without Docker, for development and CI.
#
#   scripts/fuseki-local.sh start    # fetch (first time), start, wait for a SPARQL query
#   scripts/fuseki-local.sh stop     # SIGTERM, wait, then SIGKILL
#   scripts/fuseki-local.sh status   # "running ..." (exit 0) or "stopped" (exit 3)
#   scripts/fuseki-local.sh reset    # stop and delete the database (keeps the jar)
#
# The server jar comes from Maven Central via Maven (scripts/fuseki/pom.xml pins the version) and is cached
# in .cache/fuseki/ with the server's home (config, password file, TDB2 database, logs). It listens on
# 127.0.0.1 only and serves one dataset, FUSEKI_DATASET, at http://127.0.0.1:PORT/DATASET with
#   /sparql  SPARQL 1.1 Query (also /query)         anyone
#   /get     Graph Store Protocol, read only        anyone
#   /update  SPARQL 1.1 Update                      FUSEKI_USER only (HTTP basic authentication)
#   /data    Graph Store Protocol, read and write   FUSEKI_USER only (HTTP basic authentication)
# The default graph is its own graph (not the union of the named graphs). On success `start` prints exactly
# one line, FUSEKI_URL=http://127.0.0.1:PORT/DATASET, on stdout; everything else goes to stderr.
#
# Environment:
#   FUSEKI_PORT            HTTP port on 127.0.0.1            (default 3030)
#   FUSEKI_DATASET         dataset name (URL path)           (default lires)
#   FUSEKI_USER            user allowed to write             (default lires)
#   FUSEKI_PASSWORD        its password, 8+ characters       (default lires-dev-password)
#   FUSEKI_HEAP            JVM heap (-Xmx)                   (default 1g)
#   FUSEKI_QUERY_TIMEOUT   seconds a query may run           (default 300)
#   FUSEKI_START_TIMEOUT   seconds to wait for the server    (default 120)
#   FUSEKI_STOP_TIMEOUT    seconds before SIGKILL on stop    (default 30)
#   FUSEKI_CACHE_DIR       cache folder                      (default <repo>/.cache/fuseki)
#   FUSEKI_JAVA            java binary (17 or later)         (default: auto-detect)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
POM="$SCRIPT_DIR/fuseki/pom.xml"
LOG_PREFIX=fuseki-local
PORT="${FUSEKI_PORT:-3030}"
DATASET="${FUSEKI_DATASET:-lires}"
USER_NAME="${FUSEKI_USER:-lires}"
PASSWORD="${FUSEKI_PASSWORD:-lires-dev-password}"
HEAP="${FUSEKI_HEAP:-1g}"
QUERY_TIMEOUT="${FUSEKI_QUERY_TIMEOUT:-300}"
START_TIMEOUT="${FUSEKI_START_TIMEOUT:-120}"
STOP_TIMEOUT="${FUSEKI_STOP_TIMEOUT:-30}"
CACHE_DIR="${FUSEKI_CACHE_DIR:-$REPO_ROOT/.cache/fuseki}"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
# shellcheck source=scripts/lib/local-server.sh
. "$SCRIPT_DIR/lib/local-server.sh"

HOME_DIR="$CACHE_DIR/home"
CONFIG="$HOME_DIR/config.ttl"
PASSWD_FILE="$HOME_DIR/passwd"
DB_DIR="$HOME_DIR/databases/$DATASET"
LOG_FILE="$HOME_DIR/logs/fuseki.log"
PID_FILE="$HOME_DIR/run/fuseki-local.pid"
PORT_FILE="$HOME_DIR/run/fuseki-local.port"
URL="http://127.0.0.1:$PORT/$DATASET"

validate_env() {
  check_port FUSEKI_PORT "$PORT"
  [[ "$DATASET" =~ ^[A-Za-z][A-Za-z0-9_-]*$ ]] || die "FUSEKI_DATASET must be a simple name like lires, got '$DATASET'"
  [[ "$USER_NAME" =~ ^[A-Za-z][A-Za-z0-9_-]*$ ]] || die "FUSEKI_USER must be a simple name like lires, got '$USER_NAME'"
  [[ ${#PASSWORD} -ge 8 && "$PASSWORD" != *[[:space:]]* ]] \
    || die "FUSEKI_PASSWORD must have at least 8 characters and no spaces"
  [[ "$HEAP" =~ ^[0-9]+[kKmMgG]$ ]] || die "FUSEKI_HEAP must look like 1g, got '$HEAP'"
  [[ "$QUERY_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "FUSEKI_QUERY_TIMEOUT must be seconds"
  [[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "FUSEKI_START_TIMEOUT must be seconds"
  [[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "FUSEKI_STOP_TIMEOUT must be seconds"
}

jena_version() {
  local v
  v="$(sed -n 's:.*<jena.version>\(.*\)</jena.version>.*:\1:p' "$POM" | head -n1)"
  [[ -n "$v" ]] || die "cannot read <jena.version> from $POM"
  printf '%s' "$v"
}

find_java() { # a java binary of version 17 or later
  local cand major
  for cand in ${FUSEKI_JAVA:+"$FUSEKI_JAVA"} ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
    "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$cand" && -x "$cand" ]] || continue
    major="$("$cand" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1)"
    if [[ -n "$major" ]] && ((major >= 17)); then
      printf '%s' "$cand"
      return
    fi
  done
  die "no Java 17 or later found (Fuseki 5 needs one); set FUSEKI_JAVA=/path/to/bin/java"
}

ensure_jar() { # prints the path of the Fuseki jar of version $1, fetching it the first time
  local version="$1" lib="$CACHE_DIR/lib/$1" tmp m2
  if [[ -f "$lib/.complete" ]]; then
    printf '%s' "$lib/jena-fuseki-server-$version.jar"
    return
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed for the first start, to fetch Fuseki $version"
  tmp="$lib.tmp.$$"
  m2="$CACHE_DIR/m2"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "fetching Apache Jena Fuseki $version from Maven Central (one time) into $lib ..."
  if ! mvn -B -q -f "$POM" -Dmaven.repo.local="$m2" "$DEP_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "Maven could not fetch Fuseki $version (see the Maven output above)"
  fi
  [[ -f "$tmp/jena-fuseki-server-$version.jar" ]] || {
    rm -rf "$tmp"
    die "Maven finished but jena-fuseki-server-$version.jar is missing"
  }
  printf '%s\n' "$version" >"$tmp/.complete"
  rm -rf "$lib" "$m2"
  mv "$tmp" "$lib"
  log "fetched $(du -sh "$lib" | cut -f1)"
  printf '%s' "$lib/jena-fuseki-server-$version.jar"
}

write_config() {
  mkdir -p "$HOME_DIR/logs" "$HOME_DIR/run" "$DB_DIR"
  (umask 077 && printf '%s: %s\n' "$USER_NAME" "$PASSWORD" >"$PASSWD_FILE")
  cat >"$CONFIG" <<TTL
# Generated by scripts/fuseki-local.sh on every start; edits are overwritten.
PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX tdb2:   <http://jena.apache.org/2016/tdb#>
PREFIX ja:     <http://jena.hpl.hp.com/2005/11/Assembler#>

[] rdf:type fuseki:Server ;
   fuseki:passwd "$PASSWD_FILE" ;
   fuseki:auth "basic" ;
   ja:context [ ja:cxtName "arq:queryTimeout" ; ja:cxtValue "${QUERY_TIMEOUT}000" ] ;
   fuseki:services ( <#service> ) .

<#service> rdf:type fuseki:Service ;
   fuseki:name "$DATASET" ;
   fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "sparql" ] ;
   fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "query" ] ;
   fuseki:endpoint [ fuseki:operation fuseki:gsp-r ; fuseki:name "get" ] ;
   fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ; fuseki:allowedUsers "$USER_NAME" ] ;
   fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ; fuseki:allowedUsers "$USER_NAME" ] ;
   fuseki:dataset <#dataset> .

<#dataset> rdf:type tdb2:DatasetTDB2 ;
   tdb2:location "$DB_DIR" .
TTL
}

running_pid() { # prints the pid of our running server, or nothing
  local pid
  pid="$(read_pid_file "$PID_FILE")"
  if pid_matches "$pid" jena-fuseki-server "--config=$CONFIG"; then printf '%s' "$pid"; fi
}

cmd_start() {
  validate_env
  with_lock
  local pid java jar version deadline running_port started=0
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    running_port="$(cat "$PORT_FILE" 2>/dev/null || true)"
    [[ -z "$running_port" || "$running_port" == "$PORT" ]] \
      || die "Fuseki is already running (pid $pid) on port $running_port, not $PORT; run '$0 stop' first"
    log "already running (pid $pid)"
  else
    rm -f "$PID_FILE" "$PORT_FILE"
    port_open "$PORT" && die "port 127.0.0.1:$PORT is already in use by another process (set FUSEKI_PORT)"
    version="$(jena_version)"
    java="$(find_java)"
    jar="$(ensure_jar "$version")"
    write_config
    log "starting Fuseki $version with $java (heap $HEAP) on $URL"
    : >"$LOG_FILE"
    # FusekiMainCmd: Fuseki main alone, without the admin API (/$/datasets) and UI of FusekiServerCmd.
    (cd "$HOME_DIR" && FUSEKI_BASE="$HOME_DIR" exec nohup "$java" -Xmx"$HEAP" -Dfile.encoding=UTF-8 -cp "$jar" \
      org.apache.jena.fuseki.main.cmds.FusekiMainCmd --config="$CONFIG" --port="$PORT" --localhost \
      </dev/null >>"$LOG_FILE" 2>&1 9>&-) &
    pid=$!
    started=1
    printf '%s\n' "$pid" >"$PID_FILE"
    printf '%s\n' "$PORT" >"$PORT_FILE"
  fi

  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_logs "$LOG_FILE"
      rm -f "$PID_FILE" "$PORT_FILE"
      die "Fuseki (pid $pid) exited during start-up"
    fi
    if port_open "$PORT" && sparql_ask_ok "$URL/sparql"; then
      log "ready (pid $pid, $(memory_of "$pid")): $URL/sparql answers ASK"
      printf 'FUSEKI_URL=%s\n' "$URL"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      show_logs "$LOG_FILE"
      ((started)) && { stop_pid "$pid"; rm -f "$PID_FILE" "$PORT_FILE"; }
      die "Fuseki (pid $pid) did not answer a SPARQL query at $URL/sparql within ${START_TIMEOUT}s (last: ${LAST_CHECK_MSG:-port closed})"
    fi
    sleep 1
  done
}

cmd_stop() {
  with_lock
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "stopping Fuseki (pid $pid) ..."
    stop_pid "$pid"
    log "stopped"
  else
    log "not running"
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    echo "running (pid $pid, http://127.0.0.1:$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT")/$DATASET)"
    return 0
  fi
  echo "stopped"
  return 3
}

cmd_reset() {
  cmd_stop
  log "deleting $HOME_DIR/databases and $HOME_DIR/logs"
  rm -rf "$HOME_DIR/databases" "$HOME_DIR/logs"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  *)
    echo "usage: $0 start|stop|status|reset" >&2
    exit 2
    ;;
esac
