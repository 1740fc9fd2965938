#!/usr/bin/env bash
# Mutation check of the pure computation (docs/testing.md). NOT run by CI: it re-runs the
# fast unit tests that reach each mutated function once per mutant, CPU-minutes per module.
#
#   scripts/mutation.sh                         # every module, then the survivors listed
#   scripts/mutation.sh vocabulary indicators.rules   # only these modules (cheap: one at a time)
#   MUTMUT_CHILDREN=1 scripts/mutation.sh vocabulary  # on a shared machine
#
# What is mutated and which tests run is [tool.mutmut] in pyproject.toml (the indicator and
# vocabulary unit tests only: no PDF build). mutmut works in a copy under mutants/
# (git-ignored) and keeps its results there between runs; naming a module re-checks it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
names=()
for module in "$@"; do
    names+=("reportgen.${module}*")
done
"$PY" -m mutmut run --max-children "${MUTMUT_CHILDREN:-2}" "${names[@]}" || true
"$PY" -m mutmut results --all false
