#!/usr/bin/env bash
# Sets up the app (if needed) and starts it on the default SQLite database (data/pmo_insight.db).
# Pass extra Streamlit options after it, e.g. `bash scripts/start.sh --server.port 8600`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
.venv/bin/python -m pmo_insight migrate
# Only this machine's browser is the facilitator; another device needs the facilitator link, printed
# here when it is made (the database keeps only its hash, so an existing one cannot be shown again).
.venv/bin/python -m pmo_insight facilitator-link
exec .venv/bin/python -m streamlit run app.py --browser.gatherUsageStats false "$@"
