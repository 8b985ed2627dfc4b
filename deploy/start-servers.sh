#!/usr/bin/env bash
# Runs N PMO Insight Studio server processes on one database, for a reverse proxy to spread over.
#   usage: deploy/start-servers.sh start N [FIRST_PORT]   # ports FIRST_PORT.. (default 8501)
#          deploy/start-servers.sh stop                   # stops the processes it started
#          deploy/start-servers.sh status
# Environment:
#   PMO_INSIGHT_DATABASE_URL  the one database every process shares (required for start), e.g.
#                             postgresql+psycopg://pmo_insight:SECRET@db.example.org/pmo_insight
#   PMO_INSIGHT_RUN_DIR       pid files, logs and the shared cookie secret (default: data/servers)
#   PMO_INSIGHT_BIND          the address the processes listen on (default 127.0.0.1: proxy on this host)
#   PYTHON                    the interpreter with the app's packages (default: .venv/bin/python)
#   PMO_INSIGHT_FACILITATOR_PASSPHRASE_SHA256 (or an OpenID Connect [auth] section in
#                             .streamlit/secrets.toml): facilitator sign-in, required. Without it
#                             the script refuses to start: a shared server is never open.
# The schema is migrated once before any process starts. Every process gets the same
# server.cookieSecret, so a browser moved to another process (one was restarted) keeps a valid
# XSRF cookie for uploads. Each process is stopped by its own process id.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
run=${PMO_INSIGHT_RUN_DIR:-$root/data/servers}
python=${PYTHON:-$root/.venv/bin/python}
bind=${PMO_INSIGHT_BIND:-127.0.0.1}

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  local count=${1:?usage: start-servers.sh start N [FIRST_PORT]} first=${2:-8501} i port pid
  [[ -n ${PMO_INSIGHT_DATABASE_URL:-} ]] || { echo "set PMO_INSIGHT_DATABASE_URL to the shared database" >&2; exit 2; }
  "$python" -m pmo_insight.access.configured || exit 2  # says why: no passphrase, no OpenID Connect
  mkdir -p "$run"
  for pid in "$run"/app-*.pid; do
    if alive "$pid"; then echo "already running ($pid): stop first" >&2; exit 1; fi
  done
  "$python" -m pmo_insight migrate
  if [[ -z ${STREAMLIT_SERVER_COOKIE_SECRET:-} ]]; then
    [[ -s $run/cookie-secret ]] || (umask 077 && "$python" -c 'import secrets; print(secrets.token_urlsafe(32))' >"$run/cookie-secret")
    STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$run/cookie-secret")
  fi
  export STREAMLIT_SERVER_COOKIE_SECRET
  for ((i = 0; i < count; i++)); do
    port=$((first + i))
    nohup "$python" -m streamlit run app.py --server.headless true --server.address "$bind" \
      --server.port "$port" --browser.gatherUsageStats false >"$run/app-$port.log" 2>&1 &
    echo $! >"$run/app-$port.pid"
  done
  for ((i = 0; i < count; i++)); do
    port=$((first + i))
    for _ in $(seq 300); do
      [[ $("$python" -c "import urllib.request as u; print(u.urlopen('http://$bind:$port/_stcore/health', timeout=1).read().decode())" 2>/dev/null) == ok ]] && break
      alive "$run/app-$port.pid" || { echo "process on port $port died: see $run/app-$port.log" >&2; exit 1; }
      sleep 0.2
    done
    echo "    server $bind:$port;"
  done
  echo "$count processes healthy; the lines above go in the nginx upstream block" >&2
}

stop() {
  local pidfile pid
  for pidfile in "$run"/app-*.pid; do
    [[ -f $pidfile ]] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
  done
}

status() {
  local pidfile
  for pidfile in "$run"/app-*.pid; do
    [[ -f $pidfile ]] || continue
    if alive "$pidfile"; then echo "$(basename "$pidfile" .pid) running (pid $(cat "$pidfile"))"
    else echo "$(basename "$pidfile" .pid) not running"; fi
  done
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: start-servers.sh start N [FIRST_PORT] | stop | status" >&2; exit 2 ;;
esac
