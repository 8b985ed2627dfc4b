#!/usr/bin/env bash
# Sets up everything the tests need (if needed), runs lint and the format check, then the test suite on both databases:
#   1. PostgreSQL: a throwaway cluster (scripts/pg_cluster.sh) on 127.0.0.1, every test except the
#      browser tests (tests/e2e) other than those marked both_databases; the cluster is stopped and
#      removed at the end, also on failure;
#   2. SQLite: the whole suite, browser tests included.
# Extra arguments go to pytest, in both runs. The script fails if either run fails; the last line
# it prints is pytest's summary of the SQLite run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/ruff format --check .

cluster=$(mktemp -d)
trap 'bash scripts/pg_cluster.sh stop "$cluster" >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM
echo "== PostgreSQL: starting a throwaway cluster" >&2
server=$(bash scripts/pg_cluster.sh start "$cluster")
started=$SECONDS
pg_status=0
PMO_INSIGHT_TEST_DATABASE=$server .venv/bin/python -m pytest -m "not e2e or both_databases" "$@" || pg_status=$?
((pg_status != 5)) || pg_status=0 # only browser tests were asked for: nothing to run on PostgreSQL
pg_seconds=$((SECONDS - started))
bash scripts/pg_cluster.sh stop "$cluster" >/dev/null 2>&1 || true

echo "== PostgreSQL run: exit $pg_status in ${pg_seconds}s; now SQLite" >&2
[[ $pg_status -eq 0 ]] || echo "== the PostgreSQL run FAILED; this script will fail whatever SQLite says" >&2
sqlite_status=0
PMO_INSIGHT_TEST_DATABASE=sqlite .venv/bin/python -m pytest "$@" || sqlite_status=$?
((pg_status == 0)) || exit "$pg_status"
exit "$sqlite_status"
