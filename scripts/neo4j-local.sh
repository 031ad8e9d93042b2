#!/usr/bin/env bash
# shellcheck disable=SC2015  # "a && b || die" is used on purpose
# Run a local Neo4j Community 5.26 LTS server without Docker.
#
#   scripts/neo4j-local.sh start    # fetch (first time), start, wait for a Cypher query
#   scripts/neo4j-local.sh stop     # SIGTERM, wait, then SIGKILL
#   scripts/neo4j-local.sh status   # "running ..." (exit 0) or "stopped" (exit 3)
#   scripts/neo4j-local.sh reset    # stop and delete the database files (keeps jars)
#
# The server jars come from Maven Central via Maven (scripts/neo4j/pom.xml pins
# the version) and are cached in .cache/neo4j/ together with the server's
# home (conf, data, logs, run). On success `start` prints exactly one line,
# NEO4J_URI=bolt://127.0.0.1:PORT, on stdout; everything else goes to stderr.
#
# Environment:
#   NEO4J_PORT            Bolt port on 127.0.0.1              (default 7687)
#   NEO4J_HTTP_PORT       HTTP port on 127.0.0.1, 0/off=none  (default 7474)
#   NEO4J_USER            only "neo4j" is supported           (default neo4j)
#   NEO4J_PASSWORD        password of user neo4j              (default lires-dev-password)
#   NEO4J_HEAP            JVM heap (-Xmx)                     (default 512m)
#   NEO4J_PAGECACHE       page cache size                     (default 128m)
#   NEO4J_START_TIMEOUT   seconds to wait for the server      (default 120)
#   NEO4J_STOP_TIMEOUT    seconds before SIGKILL on stop      (default 60)
#   NEO4J_CACHE_DIR       cache folder                        (default <repo>/.cache/neo4j)
#   NEO4J_JAVA            java binary (Java 17 or 21)         (default: auto-detect)
#   NEO4J_CHECK_PYTHON    python with the `neo4j` driver used for the readiness
#                         query (default: <repo>/.venv/bin/python or python3 if
#                         they can import neo4j, else a venv made in the cache)
#   NEO4J_PY_DRIVER       pip spec for that venv              (default neo4j==6.4.1)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
POM="$SCRIPT_DIR/neo4j/pom.xml"

BOLT_PORT="${NEO4J_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
NEO4J_USER="${NEO4J_USER:-neo4j}"
PASSWORD="${NEO4J_PASSWORD:-lires-dev-password}"
HEAP="${NEO4J_HEAP:-512m}"
PAGECACHE="${NEO4J_PAGECACHE:-128m}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
CACHE_DIR="${NEO4J_CACHE_DIR:-$REPO_ROOT/.cache/neo4j}"
PY_DRIVER="${NEO4J_PY_DRIVER:-neo4j==6.4.1}"
MAIN_CLASS="org.neo4j.server.CommunityEntryPoint"
DEP_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

HOME_DIR="$CACHE_DIR/home"
CONF_DIR="$HOME_DIR/conf"
DATA_DIR="$HOME_DIR/data"
LOG_DIR="$HOME_DIR/logs"
RUN_DIR="$HOME_DIR/run"
PID_FILE="$RUN_DIR/neo4j-local.pid"
PORT_FILE="$RUN_DIR/neo4j-local.port"
PW_MARK="$DATA_DIR/.lires-initial-password.sha256"
URI="bolt://127.0.0.1:$BOLT_PORT"
LAST_CHECK_MSG=""

log() { printf '[neo4j-local] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --------------------------------------------------------------------------
# input validation
# --------------------------------------------------------------------------
validate_env() {
  [[ "$BOLT_PORT" =~ ^[0-9]+$ ]] && ((BOLT_PORT > 0 && BOLT_PORT < 65536)) \
    || die "NEO4J_PORT must be a TCP port number, got '$BOLT_PORT'"
  case "$HTTP_PORT" in
    0 | off | false | disabled | none) HTTP_PORT="" ;;
    *)
      [[ "$HTTP_PORT" =~ ^[0-9]+$ ]] && ((HTTP_PORT > 0 && HTTP_PORT < 65536)) \
        || die "NEO4J_HTTP_PORT must be a TCP port number or 'off', got '$HTTP_PORT'"
      [[ "$HTTP_PORT" != "$BOLT_PORT" ]] || die "NEO4J_HTTP_PORT and NEO4J_PORT are both $BOLT_PORT"
      ;;
  esac
  [[ "$NEO4J_USER" == "neo4j" ]] || die "only NEO4J_USER=neo4j is supported (got '$NEO4J_USER')"
  [[ ${#PASSWORD} -ge 8 ]] || die "NEO4J_PASSWORD must have at least 8 characters (Neo4j 5 rule)"
  [[ "$HEAP" =~ ^[0-9]+[kKmMgG]$ ]] || die "NEO4J_HEAP must look like 512m, got '$HEAP'"
  [[ "$PAGECACHE" =~ ^[0-9]+[kKmMgG]$ ]] || die "NEO4J_PAGECACHE must look like 128m, got '$PAGECACHE'"
  [[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "NEO4J_START_TIMEOUT must be seconds"
  [[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "NEO4J_STOP_TIMEOUT must be seconds"
}

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
neo4j_version() {
  local v
  v="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$POM" | head -n1)"
  [[ -n "$v" ]] || die "cannot read <neo4j.version> from $POM"
  printf '%s' "$v"
}

java_major() { # prints the major version of the given java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n1 | sed 's/^1\.//; s/\..*//'
}

find_java() {
  local cand major
  if [[ -n "${NEO4J_JAVA:-}" ]]; then
    [[ -x "$NEO4J_JAVA" ]] || die "NEO4J_JAVA=$NEO4J_JAVA is not executable"
    printf '%s' "$NEO4J_JAVA"
    return
  fi
  for cand in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" \
    /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*21*/bin/java; do
    [[ -n "$cand" && -x "$cand" ]] || continue
    major="$(java_major "$cand")"
    if [[ "$major" == 17 || "$major" == 21 ]]; then
      printf '%s' "$cand"
      return
    fi
  done
  die "no Java 17 or 21 found (Neo4j 5.26 needs one); set NEO4J_JAVA=/path/to/bin/java"
}

# true if something accepts TCP connections on 127.0.0.1:$1
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

read_pid() { [[ -s "$PID_FILE" ]] && tr -dc '0-9' <"$PID_FILE" || true; }

# true if $1 is a live process that is our Neo4j server (guards against pid reuse)
is_our_neo4j() {
  local pid="$1" cmd
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ -z "$cmd" ]] && return 0 # no /proc: trust the pid file
  [[ "$cmd" == *"$MAIN_CLASS"* && "$cmd" == *"--home-dir=$HOME_DIR"* ]]
}

running_pid() { # prints the pid of our running server, or nothing
  local pid
  pid="$(read_pid)"
  if is_our_neo4j "$pid"; then printf '%s' "$pid"; fi
}

show_logs() {
  local f
  for f in "$LOG_DIR/neo4j.log" "$LOG_DIR/console.log"; do
    if [[ -s "$f" ]]; then
      log "---- last 40 lines of $f ----"
      tail -n 40 "$f" >&2
    fi
  done
}

with_lock() { # serialise start/stop/reset across concurrent callers
  mkdir -p "$CACHE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_DIR/.lock"
    flock -w 600 9 || die "could not take the lock $CACHE_DIR/.lock"
  fi
}

# --------------------------------------------------------------------------
# fetching the server with Maven
# --------------------------------------------------------------------------
ensure_jars() { # prints the lib dir holding the jars of Neo4j $1
  local version="$1" lib="$CACHE_DIR/lib/$1" tmp m2
  if [[ -f "$lib/.complete" ]]; then
    printf '%s' "$lib"
    return
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed for the first start, to fetch Neo4j $version"
  tmp="$lib.tmp.$$"
  m2="${NEO4J_MAVEN_REPO:-$CACHE_DIR/m2}"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "fetching Neo4j Community $version from Maven Central (one time) into $lib ..."
  if ! mvn -B -q -f "$POM" \
    -Dmaven.repo.local="$m2" \
    -Dneo4j.version="$version" \
    "$DEP_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime \
    -DoutputDirectory="$tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "Maven could not fetch Neo4j $version (see the Maven output above)"
  fi
  compgen -G "$tmp/neo4j-$version.jar" >/dev/null || {
    rm -rf "$tmp"
    die "Maven finished but $tmp/neo4j-$version.jar is missing"
  }
  printf '%s\n' "$version" >"$tmp/.complete"
  rm -rf "$lib"
  mv "$tmp" "$lib"
  # The jars are now in $lib; the Maven repo copy is only dead weight.
  if [[ -z "${NEO4J_MAVEN_REPO:-}" && "${NEO4J_KEEP_M2:-0}" != 1 ]]; then
    rm -rf "$m2"
  fi
  log "fetched $(find "$lib" -name '*.jar' | wc -l) jars ($(du -sh "$lib" | cut -f1))"
  printf '%s' "$lib"
}

# --------------------------------------------------------------------------
# readiness check: a real Cypher query over Bolt with authentication
# --------------------------------------------------------------------------
py_has_driver() { [[ -n "$1" && -x "$1" ]] && "$1" -c 'import neo4j' >/dev/null 2>&1; }

find_check_python() {
  local venv="$CACHE_DIR/venv" cand
  if [[ -n "${NEO4J_CHECK_PYTHON:-}" ]]; then
    py_has_driver "$NEO4J_CHECK_PYTHON" \
      || die "NEO4J_CHECK_PYTHON=$NEO4J_CHECK_PYTHON cannot 'import neo4j'"
    printf '%s' "$NEO4J_CHECK_PYTHON"
    return
  fi
  for cand in "$REPO_ROOT/.venv/bin/python" "$venv/bin/python" "$(command -v python3 2>/dev/null || true)"; do
    if py_has_driver "$cand"; then
      printf '%s' "$cand"
      return
    fi
  done
  command -v python3 >/dev/null 2>&1 || die "python3 is needed for the readiness check"
  log "creating $venv with $PY_DRIVER for the readiness check ..."
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 || die "python3 -m venv failed (install python3-venv, or set NEO4J_CHECK_PYTHON)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$PY_DRIVER" >&2 \
    || die "pip could not install $PY_DRIVER into $venv"
  py_has_driver "$venv/bin/python" || die "$venv/bin/python still cannot import neo4j"
  printf '%s' "$venv/bin/python"
}

# Exit codes: 0 query ok, 2 authentication rejected, 1 anything else.
CHECK_PY='
import os, sys
import neo4j
from neo4j import GraphDatabase
try:
    from neo4j.exceptions import AuthError
except ImportError:  # very old drivers
    AuthError = ()
uri, user, pw = os.environ["_N4J_URI"], os.environ["_N4J_USER"], os.environ["_N4J_PW"]
try:
    with GraphDatabase.driver(uri, auth=(user, pw), connection_timeout=5) as d:
        with d.session() as s:
            v = s.run("MATCH (n) RETURN count(n) AS c").single()["c"]
    print("query ok (%d nodes)" % v, file=sys.stderr)
    sys.exit(0)
except AuthError as e:
    print("authentication rejected: %s" % e, file=sys.stderr)
    sys.exit(2)
except Exception as e:
    print("not ready: %s: %s" % (type(e).__name__, e), file=sys.stderr)
    sys.exit(1)
'

cypher_ok() { # $1=python; prints nothing, returns the CHECK_PY exit code
  local out rc=0
  out="$(_N4J_URI="$URI" _N4J_USER="$NEO4J_USER" _N4J_PW="$PASSWORD" "$1" -c "$CHECK_PY" 2>&1)" || rc=$?
  LAST_CHECK_MSG="$out"
  return "$rc"
}

# --------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------
write_conf() {
  local http_lines
  if [[ -n "$HTTP_PORT" ]]; then
    http_lines="server.http.enabled=true
server.http.listen_address=127.0.0.1:$HTTP_PORT
server.http.advertised_address=127.0.0.1:$HTTP_PORT"
  else
    http_lines="server.http.enabled=false"
  fi
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$HOME_DIR/plugins" "$HOME_DIR/import"
  cat >"$CONF_DIR/neo4j.conf" <<EOF
# Generated by scripts/neo4j-local.sh on every start; edits are overwritten.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$BOLT_PORT
server.bolt.advertised_address=127.0.0.1:$BOLT_PORT
server.bolt.tls_level=DISABLED
$http_lines
server.https.enabled=false
dbms.security.auth_enabled=true
server.memory.heap.initial_size=$HEAP
server.memory.heap.max_size=$HEAP
server.memory.pagecache.size=$PAGECACHE
server.directories.data=$DATA_DIR
server.directories.logs=$LOG_DIR
server.directories.run=$RUN_DIR
server.directories.plugins=$HOME_DIR/plugins
server.directories.import=$HOME_DIR/import
dbms.usage_report.enabled=false
db.logs.query.enabled=OFF
db.tx_log.rotation.retention_policy=100M size
db.tx_log.rotation.size=16M
db.tx_log.preallocate=false
EOF
}

set_initial_password() { # $1=java $2=lib
  local want have=""
  want="$(printf '%s' "$PASSWORD" | sha256sum | cut -d' ' -f1)"
  [[ -f "$PW_MARK" ]] && have="$(cat "$PW_MARK")"
  if [[ -d "$DATA_DIR/databases/system" ]]; then
    # The system database exists: the password lives there now.
    if [[ -n "$have" && "$have" != "$want" ]]; then
      die "the database in $DATA_DIR was created with a different NEO4J_PASSWORD;
  use that password, or wipe it with: $0 reset"
    fi
    return
  fi
  log "setting the initial password of user neo4j"
  rm -f "$DATA_DIR/dbms/auth.ini" "$DATA_DIR/dbms/auth"
  NEO4J_HOME="$HOME_DIR" NEO4J_CONF="$CONF_DIR" \
    "$1" -Xmx128m -cp "$2/*" org.neo4j.cli.AdminTool dbms set-initial-password "$PASSWORD" >&2 \
    || die "neo4j-admin dbms set-initial-password failed"
  printf '%s\n' "$want" >"$PW_MARK"
}

# --------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------
cmd_start() {
  validate_env
  with_lock
  local pid java lib version py rc deadline running_port started=0
  pid="$(running_pid)"

  if [[ -n "$pid" ]]; then
    running_port="$(cat "$PORT_FILE" 2>/dev/null || true)"
    if [[ -n "$running_port" && "$running_port" != "$BOLT_PORT" ]]; then
      die "Neo4j is already running (pid $pid) on bolt port $running_port, not $BOLT_PORT; run '$0 stop' first"
    fi
    log "already running (pid $pid)"
  else
    rm -f "$PID_FILE" "$PORT_FILE"
    if port_open "$BOLT_PORT"; then
      # Someone else serves this port; accept it only if it answers our query.
      py="$(find_check_python)"
      if cypher_ok "$py"; then
        log "a Neo4j not started by this script already answers on $URI; using it ('stop' will not touch it)"
        printf 'NEO4J_URI=%s\n' "$URI"
        return 0
      fi
      die "port 127.0.0.1:$BOLT_PORT is already in use by another process (set NEO4J_PORT): $LAST_CHECK_MSG"
    fi
    if [[ -n "$HTTP_PORT" ]] && port_open "$HTTP_PORT"; then
      die "HTTP port 127.0.0.1:$HTTP_PORT is already in use (set NEO4J_HTTP_PORT, or NEO4J_HTTP_PORT=off)"
    fi
  fi

  py="$(find_check_python)"

  if [[ -z "$pid" ]]; then
    version="$(neo4j_version)"
    java="$(find_java)"
    lib="$(ensure_jars "$version")"
    write_conf
    set_initial_password "$java" "$lib"
    log "starting Neo4j $version with $java (heap $HEAP, page cache $PAGECACHE) on $URI"
    : >"$LOG_DIR/console.log"
    # shellcheck disable=SC2086
    nohup "$java" \
      -Xms"$HEAP" -Xmx"$HEAP" \
      -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError \
      -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
      -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
      -Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true \
      -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
      --add-opens=java.base/java.nio=ALL-UNNAMED \
      --add-opens=java.base/java.io=ALL-UNNAMED \
      --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
      ${NEO4J_JAVA_OPTS:-} \
      -cp "$lib/*" "$MAIN_CLASS" \
      --home-dir="$HOME_DIR" --config-dir="$CONF_DIR" \
      </dev/null >>"$LOG_DIR/console.log" 2>&1 9>&- &
    pid=$!
    started=1
    printf '%s\n' "$pid" >"$PID_FILE"
    printf '%s\n' "$BOLT_PORT" >"$PORT_FILE"
  fi

  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    # Right after the fork /proc/$pid/cmdline may still show nohup, not java: only liveness counts here.
    if ! kill -0 "$pid" 2>/dev/null; then
      show_logs
      rm -f "$PID_FILE" "$PORT_FILE"
      die "Neo4j (pid $pid) exited during start-up"
    fi
    if port_open "$BOLT_PORT"; then
      rc=0
      cypher_ok "$py" || rc=$?
      if ((rc == 0)); then
        log "ready (pid $pid): $LAST_CHECK_MSG"
        printf 'NEO4J_URI=%s\n' "$URI"
        return 0
      elif ((rc == 2)); then
        show_logs
        ((started)) && stop_pid "$pid"
        die "Neo4j is up but rejects user neo4j with NEO4J_PASSWORD ($LAST_CHECK_MSG);
  the database in $DATA_DIR was probably created with another password: use it, or run '$0 reset'"
      fi
    fi
    if ((SECONDS >= deadline)); then
      show_logs
      if ((started)); then
        log "stopping the unresponsive server (pid $pid)"
        stop_pid "$pid"
      fi
      die "Neo4j (pid $pid) did not answer a Cypher query on $URI within ${START_TIMEOUT}s (last: ${LAST_CHECK_MSG:-port closed})"
    fi
    sleep 1
  done
}

stop_pid() { # $1=pid: SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL
  local pid="$1" deadline
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
}

cmd_stop() {
  with_lock
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE" "$PORT_FILE"
    log "not running"
    return 0
  fi
  log "stopping Neo4j (pid $pid) ..."
  stop_pid "$pid"
  log "stopped"
}

cmd_status() {
  local pid port
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    port="$(cat "$PORT_FILE" 2>/dev/null || echo "$BOLT_PORT")"
    echo "running (pid $pid, bolt://127.0.0.1:$port)"
    return 0
  fi
  echo "stopped"
  return 3
}

cmd_reset() {
  cmd_stop
  log "deleting $DATA_DIR and $LOG_DIR"
  rm -rf "$DATA_DIR" "$LOG_DIR"
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
