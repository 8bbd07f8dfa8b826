#!/usr/bin/env bash
# Install what is missing, then run every test: the C++ suite and consumer projects under ctest,
# and the Python suite under pytest (which also runs the notebooks, ruff and mypy).
# Benchmarks (tests/benchmarks/) are not run here: see docs/performance.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
JOBS="${SAMKART_JOBS:-2}"

log "C++: configure, build and run ctest"
cmake -S . -B build/tests -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSAMKART_BUILD_TESTS=ON -DSAMKART_BUILD_EXAMPLES=ON >/dev/null
cmake --build build/tests -j "$JOBS"
ctest --test-dir build/tests --output-on-failure -j "$JOBS"

log "Python: pytest against the installed package"
"$VENV/bin/python" -m pytest
