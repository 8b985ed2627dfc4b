#!/usr/bin/env bash
# Sets up everything the tests need (if needed), runs lint and the format check, then the test suite on both databases:
#   1. at once, on the machine's two cores: every test but the browser tests (tests/e2e) on a
#      throwaway PostgreSQL cluster (scripts/pg_cluster.sh, on 127.0.0.1) and on SQLite; their
#      output is shown when both are done, PostgreSQL's first;
#   2. then, one at a time so that no other run takes their CPU, the browser tests: all of them on
#      SQLite, and those marked both_databases on PostgreSQL as well.
# The cluster is stopped and removed at the end, also on failure. Extra arguments go to pytest, in
# every run. The script fails if any run fails; the last lines it prints say how each run ended.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/ruff format --check .

work=$(mktemp -d)
cluster=$(mktemp -d) # its own folder: the cluster's owner (postgres, when run as root) must reach it
stop_cluster() { bash scripts/pg_cluster.sh stop "$cluster" >/dev/null 2>&1 || true; }
trap 'stop_cluster; jobs -p | xargs -r kill 2>/dev/null || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
echo "== PostgreSQL: starting a throwaway cluster" >&2
server=$(bash scripts/pg_cluster.sh start "$cluster")

# run NAME DATABASE MARKERS [pytest arguments...]: one pytest run on its own temporary folder.
run() {
  local name=$1 database=$2 markers=$3 started=$SECONDS code=0
  shift 3
  PMO_INSIGHT_TEST_DATABASE=$database .venv/bin/python -m pytest -m "$markers" \
    --basetemp="$work/tmp-$name" "$@" || code=$?
  ((code != 5)) || code=0 # nothing selected (say, only browser tests were asked for): nothing failed
  echo "== $name: exit $code in $((SECONDS - started))s"
  return "$code"
}

echo "== PostgreSQL and SQLite, all but the browser tests, at once" >&2
run postgresql "$server" "not e2e" "$@" >"$work/postgresql.log" 2>&1 &
pg_pid=$!
run sqlite sqlite "not e2e" "$@" >"$work/sqlite.log" 2>&1 &
sqlite_pid=$!
pg_status=0 sqlite_status=0
wait "$pg_pid" || pg_status=$?
wait "$sqlite_pid" || sqlite_status=$?
cat "$work/postgresql.log" "$work/sqlite.log"

echo "== browser tests: SQLite, then PostgreSQL (those marked both_databases)" >&2
browser_status=0 browser_pg_status=0
run sqlite-browser sqlite "e2e" "$@" || browser_status=$?
run postgresql-browser "$server" "e2e and both_databases" "$@" || browser_pg_status=$?

echo "== PostgreSQL: exit $pg_status; SQLite: exit $sqlite_status; browser tests: SQLite exit $browser_status, PostgreSQL exit $browser_pg_status"
for code in "$pg_status" "$sqlite_status" "$browser_status" "$browser_pg_status"; do
  ((code == 0)) || exit "$code"
done
