#!/usr/bin/env bash
# Mutation check of the pure computation (docs/testing.md). NOT run by CI: it re-runs the
# indicator and unit tests once per mutant, tens of CPU-minutes on 2 cores.
#
#   scripts/mutation.sh            # all mutants, then the survivors listed
#   MUTMUT_CHILDREN=1 scripts/mutation.sh   # on a shared machine
#
# What is mutated and which tests run is [tool.mutmut] in pyproject.toml; mutmut works in a
# copy under mutants/ (git-ignored) and keeps its results there between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
"$PY" -m mutmut run --max-children "${MUTMUT_CHILDREN:-2}" || true
"$PY" -m mutmut results --all false
