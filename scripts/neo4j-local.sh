#!/usr/bin/env bash
# shellcheck disable=SC2015  # "a && b || die" is used on purpose
# Run a local Neo4j Community 5.26 LTS server without Docker.
#
#   scripts/neo4j-local.sh start    # fetch (first time), start, wait for a Cypher query
#   scripts/neo4j-local.sh stop     # SIGTERM, wait, then SIGKILL
#   scripts/neo4j-local.sh status   # "running ..." or "restarting ..." (exit 0), or "stopped" (exit 3)
#   scripts/neo4j-local.sh reset    # stop and delete the database files (keeps jars)
#
# The server runs under a supervisor (this script, `_supervise`): a server that dies after it was ready
# is started again (each restart is logged in logs/restarts.log; after 5 deaths within a minute of
# starting it gives up), and a watchdog stops a server that keeps running a transaction it has already
# terminated (a timed-out Cypher expression Neo4j cannot interrupt) or that stopped answering, so that
# the supervisor restarts it.
# Every transaction is bounded: db.transaction.timeout for clients that set no timeout, and per-query and
# total transaction memory, so a hungry read fails with an error instead of exhausting the heap.
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
#   NEO4J_TX_TIMEOUT      db.transaction.timeout, for clients that set none (default 60s)
#   NEO4J_TX_MEMORY       db.memory.transaction.max, one transaction (default 160m)
#   NEO4J_TX_MEMORY_TOTAL all transactions together (db. and dbms.memory.transaction.total.max, default 256m)
#   NEO4J_WATCHDOG        on/off: restart a server stuck in a terminated transaction, or
#                         that stopped answering (default on)
#   NEO4J_STUCK_GRACE     seconds a terminated transaction may keep running, and half the
#                         seconds a server may stay silent, before that restart (default 20)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
POM="$SCRIPT_DIR/neo4j/pom.xml"

BOLT_PORT="${NEO4J_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
NEO4J_USER="${NEO4J_USER:-neo4j}"
PASSWORD="${NEO4J_PASSWORD:-lires-dev-password}"
HEAP="${NEO4J_HEAP:-512m}"
TX_TIMEOUT="${NEO4J_TX_TIMEOUT:-60s}"
TX_MEMORY="${NEO4J_TX_MEMORY:-160m}"
TX_MEMORY_TOTAL="${NEO4J_TX_MEMORY_TOTAL:-256m}"
WATCHDOG="${NEO4J_WATCHDOG:-on}"
STUCK_GRACE="${NEO4J_STUCK_GRACE:-20}"
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
SUPERVISOR_PID_FILE="$RUN_DIR/neo4j-local.supervisor.pid"
READY_MARK="$RUN_DIR/neo4j-local.ready"
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
  [[ "$TX_TIMEOUT" =~ ^[0-9]+(ms|s|m|h)$ ]] || die "NEO4J_TX_TIMEOUT must look like 60s or 2m, got '$TX_TIMEOUT'"
  [[ "$TX_MEMORY" =~ ^[0-9]+[kKmMgG]$ ]] || die "NEO4J_TX_MEMORY must look like 160m, got '$TX_MEMORY'"
  [[ "$TX_MEMORY_TOTAL" =~ ^[0-9]+[kKmMgG]$ ]] || die "NEO4J_TX_MEMORY_TOTAL must look like 256m, got '$TX_MEMORY_TOTAL'"
  [[ "$WATCHDOG" =~ ^(on|off)$ ]] || die "NEO4J_WATCHDOG must be on or off, got '$WATCHDOG'"
  [[ "$STUCK_GRACE" =~ ^[0-9]+$ ]] || die "NEO4J_STUCK_GRACE must be seconds"
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

running_supervisor() { # prints the pid of our running supervisor, or nothing
  local pid cmd
  pid="$([[ -s "$SUPERVISOR_PID_FILE" ]] && tr -dc '0-9' <"$SUPERVISOR_PID_FILE" || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  if [[ -z "$cmd" || ("$cmd" == *"neo4j-local.sh _supervise"* && "$cmd" == *"$HOME_DIR"*) ]]; then
    printf '%s' "$pid"
  fi
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

# Stops the server (SIGTERM, then SIGKILL after 10 s) so that the supervisor starts it again, when
# - a transaction it has terminated (timed out, or by TERMINATE TRANSACTION) still runs STUCK_GRACE seconds
#   later: Neo4j checks for termination between rows, not inside one expression (a reduce() over
#   range(1, 10^10) runs to its end), so only a restart ends it;
# - it answered before but has not answered for 2 x STUCK_GRACE seconds (after an OutOfMemoryError in one
#   of its own threads a JVM can live on without serving).
# Exits when the server does.
WATCHDOG_PY='
import os, signal, sys, threading, time
import neo4j
uri, user, pw = os.environ["_N4J_URI"], os.environ["_N4J_USER"], os.environ["_N4J_PW"]
pid, grace = int(os.environ["_N4J_PID"]), float(os.environ["_N4J_GRACE"])
TERMINATED = ("SHOW TRANSACTIONS YIELD transactionId, status, currentQuery "
              "WHERE status STARTS WITH \"Terminated\" RETURN transactionId, currentQuery")
def alive():
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False
def terminated():
    # {transaction id: query} of the terminated transactions still running, or None: no answer in 15 s
    answer = []
    def ask():
        try:
            with neo4j.GraphDatabase.driver(uri, auth=(user, pw), connection_timeout=5,
                                            connection_acquisition_timeout=10) as driver:
                with driver.session(database="system") as session:
                    answer.append({r["transactionId"]: r["currentQuery"] for r in session.run(TERMINATED)})
        except Exception:
            pass
    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    asker.join(15)
    return answer[0] if answer else None
def stop(why):
    print("[neo4j-local] watchdog: %s; stopping Neo4j (pid %d) so that it restarts" % (why, pid),
          file=sys.stderr, flush=True)
    os.kill(pid, signal.SIGTERM)  # shutdown waits for a stuck transaction: SIGKILL after 10 s
    for _ in range(20):
        if not alive():
            return
        time.sleep(0.5)
    os.kill(pid, signal.SIGKILL)
first_seen, answered, silent_since = {}, False, None
while alive():
    time.sleep(5)
    running, now = terminated(), time.monotonic()
    if running is None:
        silent_since = silent_since or now
        if answered and now - silent_since > 2 * grace:
            stop("it has not answered for %gs" % (now - silent_since))
            break
        continue
    answered, silent_since = True, None
    first_seen = {tx: first_seen.get(tx, now) for tx in running}
    stuck = [tx for tx in running if now - first_seen[tx] > grace]
    if stuck:
        stop("transaction %s was terminated but still runs after %gs (%.200s)" % (stuck[0], grace, running[stuck[0]]))
        break
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
db.memory.transaction.max=$TX_MEMORY
db.memory.transaction.total.max=$TX_MEMORY_TOTAL
dbms.memory.transaction.total.max=$TX_MEMORY_TOTAL
db.transaction.timeout=$TX_TIMEOUT
db.transaction.monitor.check.interval=1s
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
java_command() { # $1=java $2=lib: the server's command line, one word per line
  printf '%s\n' "$1" -Xms"$HEAP" -Xmx"$HEAP" \
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
    -Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true \
    -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  # shellcheck disable=SC2086
  [[ -z "${NEO4J_JAVA_OPTS:-}" ]] || printf '%s\n' ${NEO4J_JAVA_OPTS}
  printf '%s\n' -cp "$2/*" "$MAIN_CLASS" --home-dir="$HOME_DIR" --config-dir="$CONF_DIR"
}
# No -XX:+ExitOnOutOfMemoryError: an expression that outgrows the heap (Neo4j does not count a value
# built inside one expression against the transaction memory limits) then fails its own query with
# Neo.TransientError.General.OutOfMemoryError and the server stays up; a server that dies anyway is
# restarted by the supervisor.

cmd_supervise() { # internal: started by `start`; runs the server and restarts it when it dies
  validate_env
  local java lib py child="" watchdog="" rc started_at fast_deaths=0 stopping=0
  local -a command
  java="$(find_java)"
  lib="$(ensure_jars "$(neo4j_version)")"
  py="$(find_check_python)"
  mapfile -t command < <(java_command "$java" "$lib")
  trap 'stopping=1; [[ -z "$child" ]] || kill -TERM "$child" 2>/dev/null || true' TERM INT
  while :; do
    "${command[@]}" </dev/null &
    child=$!
    printf '%s\n' "$child" >"$PID_FILE"
    started_at=$SECONDS
    watchdog=""
    if [[ "$WATCHDOG" == on ]]; then
      _N4J_URI="$URI" _N4J_USER="$NEO4J_USER" _N4J_PW="$PASSWORD" _N4J_PID="$child" _N4J_GRACE="$STUCK_GRACE" \
        "$py" -c "$WATCHDOG_PY" </dev/null &
      watchdog=$!
    fi
    while kill -0 "$child" 2>/dev/null; do
      rc=0
      wait "$child" || rc=$?
    done
    [[ -z "$watchdog" ]] || { kill "$watchdog" 2>/dev/null || true; wait "$watchdog" 2>/dev/null || true; }
    ((stopping)) && break
    if [[ ! -f "$READY_MARK" ]]; then
      log "Neo4j (pid $child) exited with status $rc before it was ready"
      break
    fi
    if ((SECONDS - started_at < 60)); then fast_deaths=$((fast_deaths + 1)); else fast_deaths=0; fi
    printf '%s pid %s exited with status %s after %ss\n' "$(date -u +%FT%TZ)" "$child" "$rc" \
      "$((SECONDS - started_at))" >>"$LOG_DIR/restarts.log"
    if ((fast_deaths >= 5)); then
      log "Neo4j died 5 times within a minute of starting; not restarting it again (see $LOG_DIR)"
      break
    fi
    log "Neo4j (pid $child) exited with status $rc; restarting it"
    sleep "$fast_deaths" &
    wait $! || true
    ((stopping)) && break
  done
  rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE" "$READY_MARK"
}

cmd_start() {
  validate_env
  with_lock
  local pid supervisor java lib version py rc deadline running_port started=0
  pid="$(running_pid)"
  supervisor="$(running_supervisor)"

  if [[ -n "$pid" || -n "$supervisor" ]]; then
    running_port="$(cat "$PORT_FILE" 2>/dev/null || true)"
    if [[ -n "$running_port" && "$running_port" != "$BOLT_PORT" ]]; then
      die "Neo4j is already running (pid ${pid:-$supervisor}) on bolt port $running_port, not $BOLT_PORT; run '$0 stop' first"
    fi
    log "already running (pid ${pid:-restarting})"
  else
    rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE" "$READY_MARK"
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

  if [[ -z "$pid" && -z "$supervisor" ]]; then
    version="$(neo4j_version)"
    java="$(find_java)"
    lib="$(ensure_jars "$version")"
    write_conf
    set_initial_password "$java" "$lib"
    log "starting Neo4j $version with $java (heap $HEAP, page cache $PAGECACHE, transaction memory" \
      "$TX_MEMORY each and $TX_MEMORY_TOTAL in all, timeout $TX_TIMEOUT) on $URI"
    : >"$LOG_DIR/console.log"
    nohup "$SCRIPT_DIR/neo4j-local.sh" _supervise "$HOME_DIR" </dev/null >>"$LOG_DIR/console.log" 2>&1 9>&- &
    supervisor=$!
    started=1
    printf '%s\n' "$supervisor" >"$SUPERVISOR_PID_FILE"
    printf '%s\n' "$BOLT_PORT" >"$PORT_FILE"
  fi

  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    if [[ -n "$supervisor" ]] && ! kill -0 "$supervisor" 2>/dev/null; then
      show_logs
      rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE"
      die "Neo4j exited during start-up"
    fi
    pid="$(read_pid)"
    if port_open "$BOLT_PORT"; then
      rc=0
      cypher_ok "$py" || rc=$?
      if ((rc == 0)); then
        : >"$READY_MARK"
        log "ready (pid $pid): $LAST_CHECK_MSG"
        printf 'NEO4J_URI=%s\n' "$URI"
        return 0
      elif ((rc == 2)); then
        show_logs
        ((started)) && stop_server
        die "Neo4j is up but rejects user neo4j with NEO4J_PASSWORD ($LAST_CHECK_MSG);
  the database in $DATA_DIR was probably created with another password: use it, or run '$0 reset'"
      fi
    fi
    if ((SECONDS >= deadline)); then
      show_logs
      if ((started)); then
        log "stopping the unresponsive server (pid ${pid:-?})"
        stop_server
      fi
      die "Neo4j (pid ${pid:-?}) did not answer a Cypher query on $URI within ${START_TIMEOUT}s (last: ${LAST_CHECK_MSG:-port closed})"
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
}

stop_server() { # the supervisor first (so that it restarts nothing), then the server it leaves behind
  local supervisor pid
  supervisor="$(running_supervisor)"
  pid="$(running_pid)"
  [[ -z "$supervisor" ]] || stop_pid "$supervisor"
  pid="${pid:-$(running_pid)}"
  [[ -z "$pid" ]] || stop_pid "$pid"
  rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE" "$READY_MARK"
}

cmd_stop() {
  with_lock
  if [[ -z "$(running_supervisor)$(running_pid)" ]]; then
    rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE" "$READY_MARK"
    log "not running"
    return 0
  fi
  log "stopping Neo4j (pid $(running_pid)) ..."
  stop_server
  log "stopped"
}

cmd_status() {
  local pid supervisor port
  pid="$(running_pid)"
  supervisor="$(running_supervisor)"
  port="$(cat "$PORT_FILE" 2>/dev/null || echo "$BOLT_PORT")"
  if [[ -n "$pid" ]]; then
    echo "running (pid $pid, bolt://127.0.0.1:$port)"
    return 0
  elif [[ -n "$supervisor" ]]; then
    echo "restarting (supervisor pid $supervisor, bolt://127.0.0.1:$port)"
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
  _supervise) cmd_supervise ;;
  *)
    echo "usage: $0 start|stop|status|reset" >&2
    exit 2
    ;;
esac
