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

# The same C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer (issue 7). Set
# SAMKART_SANITIZE=0 to skip this step locally; CI always runs it.
if [ "${SAMKART_SANITIZE:-1}" != 0 ]; then
  log "C++: the tests again under ASan + UBSan"
  cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMKART_SANITIZE=ON \
        -DSAMKART_BUILD_TESTS=ON -DSAMKART_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build build/sanitize -j "$JOBS"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j "$JOBS" -E '^consumer\.'
fi

# --- Fuzzing and ThreadSanitizer (issue 7, docs/fuzzing.md) ------------------------------------
# Each libFuzzer target (clang, ASan + UBSan) runs SAMKART_FUZZ_SECONDS (default 60) seconds from
# the seed corpus; then the concurrency cases run under ThreadSanitizer (gcc) in build/tsan,
# which builds only the library and tests/cpp/test_concurrency.cpp. Set SAMKART_FUZZ=0 to skip
# both locally; CI always runs them.
if [ "${SAMKART_FUZZ:-1}" != 0 ]; then
  log "C++: fuzz each target for ${SAMKART_FUZZ_SECONDS:-60} s (clang, libFuzzer)"
  SAMKART_FUZZ_SECONDS="${SAMKART_FUZZ_SECONDS:-60}" bash "$ROOT/scripts/fuzz.sh"
  # The Python readers (atheris, issue 18): 7 targets, SAMKART_FUZZ_PY_SECONDS (default 20) each.
  log "Python: fuzz each reader for ${SAMKART_FUZZ_PY_SECONDS:-20} s (atheris)"
  SAMKART_PYTHON="$VENV/bin/python" bash "$ROOT/scripts/fuzz.sh" --python "${SAMKART_FUZZ_PY_SECONDS:-20}"
  log "C++: the concurrency tests under ThreadSanitizer"
  cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAMKART_SANITIZE_THREAD=ON \
        -DSAMKART_BUILD_TESTS=ON -DSAMKART_BUILD_EXAMPLES=OFF -DSAMKART_INSTALL=OFF >/dev/null
  cmake --build build/tsan -j "$JOBS" --target samkart_concurrency_tests
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build/tsan --output-on-failure -j 1 -R '^tsan\.'
fi
# --- end of fuzzing and ThreadSanitizer --------------------------------------------------------

log "Python: pytest against the installed package"
# The mutation property test runs the issue's 2,000 mutations per reader here (issue 18: about
# 90 s on an idle machine, 6 minutes at load 4–11; a plain `pytest` runs 300 while developing).
SAMKART_MUTATIONS="${SAMKART_MUTATIONS:-2000}" "$VENV/bin/python" -m pytest
