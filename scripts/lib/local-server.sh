# shellcheck shell=bash
# Helpers shared by scripts/fuseki-local.sh and scripts/virtuoso-local.sh (sourced, not run).
# The sourcing script sets LOG_PREFIX, CACHE_DIR and STOP_TIMEOUT first.

log() { printf '[%s] %s\n' "$LOG_PREFIX" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

check_port() { # $1=variable name, $2=value: a TCP port number or die
  [[ "$2" =~ ^[0-9]+$ ]] && (($2 > 0 && $2 < 65536)) || die "$1 must be a TCP port number, got '$2'"
}

# true if something accepts TCP connections on 127.0.0.1:$1
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

read_pid_file() { [[ -s "$1" ]] && tr -dc '0-9' <"$1" || true; }

# true if $1 is a live process whose command line contains every other argument (guards against pid reuse)
pid_matches() {
  local pid="$1" cmd part
  shift
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ -z "$cmd" ]] && return 0 # no /proc: trust the pid file
  for part in "$@"; do [[ "$cmd" == *"$part"* ]] || return 1; done
}

show_logs() { # the last 40 lines of each non-empty file given
  local f
  for f in "$@"; do
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

# A SPARQL ASK over HTTP: exit 0 when $1 (an endpoint URL) answers it with a JSON boolean; the answer or the
# error goes to LAST_CHECK_MSG.
LAST_CHECK_MSG=""
sparql_ask_ok() {
  local out rc=0
  out="$(curl -sS --max-time 10 -G --data-urlencode 'query=ASK { ?s ?p ?o }' \
    -H 'Accept: application/sparql-results+json' "$1" 2>&1)" || rc=$?
  LAST_CHECK_MSG="${out:0:300}"
  ((rc == 0)) && [[ "$out" == *'"boolean"'* ]]
}

memory_of() { # resident memory of pid $1 in MiB, or "?"
  local kb
  kb="$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  if [[ -n "$kb" ]]; then printf '%s MiB' "$((kb / 1024))"; else printf '?'; fi
}
