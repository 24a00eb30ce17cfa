#!/usr/bin/env bash
# One command: install everything and run the whole test suite (also what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
echo ">> ruff"
.venv/bin/ruff check toolkit tests benchmarks scripts
echo ">> mypy"
.venv/bin/mypy toolkit
echo ">> pytest"
# pytest exits 5 when it collects no tests; set -e makes that (and any failure) fail the run.
.venv/bin/python -m pytest -n 2 -q "$@"
