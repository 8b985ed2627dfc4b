#!/usr/bin/env bash
# Sets up everything the tests need (if needed), then runs lint and the whole test suite,
# real-browser tests included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
