#!/usr/bin/env bash
# Sets up everything the tests need (if needed), runs lint and the format check, then the test suite on both databases:
#   * the browser tests (tests/e2e), all of them on SQLite, in the foreground at normal priority;
#   * meanwhile, at the lowest priority (nice 19) so that they only take CPU the browser tests leave
#     idle: every other test on a throwaway PostgreSQL cluster (scripts/pg_cluster.sh, 127.0.0.1;
#     two pytest-xdist workers, one test file each at a time) and on SQLite; their output is shown
#     when they are done, PostgreSQL's first;
#   * last, alone, the browser tests marked both_databases on PostgreSQL.
# The cluster is stopped and removed at the end, also on failure. Extra arguments go to pytest, in
# every run. The script fails if any run fails; the last line it prints says how each run ended.
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
server=$(nice -n 19 bash scripts/pg_cluster.sh start "$cluster") # its server at the lowest priority too

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

echo "== in the background (nice 19): PostgreSQL and SQLite, all but the browser tests" >&2
(
  renice -n 19 -p $BASHPID >/dev/null
  run postgresql "$server" "not e2e" -n 2 --dist loadfile "$@"
) >"$work/postgresql.log" 2>&1 &
pg_pid=$!
(
  renice -n 19 -p $BASHPID >/dev/null
  run sqlite sqlite "not e2e" "$@"
) >"$work/sqlite.log" 2>&1 &
sqlite_pid=$!

echo "== browser tests on SQLite" >&2
browser_status=0
run sqlite-browser sqlite "e2e" "$@" || browser_status=$?

pg_status=0 sqlite_status=0
wait "$pg_pid" || pg_status=$?
wait "$sqlite_pid" || sqlite_status=$?
cat "$work/postgresql.log" "$work/sqlite.log"

echo "== browser tests marked both_databases, on PostgreSQL" >&2
browser_pg_status=0
run postgresql-browser "$server" "e2e and both_databases" "$@" || browser_pg_status=$?

echo "== PostgreSQL: exit $pg_status; SQLite: exit $sqlite_status; browser tests: SQLite exit $browser_status, PostgreSQL exit $browser_pg_status"
for code in "$pg_status" "$sqlite_status" "$browser_status" "$browser_pg_status"; do
  ((code == 0)) || exit "$code"
done
