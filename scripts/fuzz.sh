#!/usr/bin/env bash
# Run the fuzz targets (docs/fuzzing.md), one after the other, SAMKART_FUZZ_SECONDS seconds each.
#
# C++ (default): build the libFuzzer targets (fuzz/*.cpp) with clang in build/fuzz and run them.
#   bash scripts/fuzz.sh                       # every C++ target, 60 s each
#   SAMKART_FUZZ_SECONDS=600 bash scripts/fuzz.sh fuzz_json
# The corpus grows in build/fuzz/corpus/<target> (seeded from the JSON files of tests/data and
# examples/data), so a second run continues where the first stopped. A crash, leak, timeout,
# sanitizer report or broken invariant writes build/fuzz/artifacts/<target>/crash-* and makes
# this script exit non-zero; replay it with `build/fuzz/fuzz/<target> <file>`.
# Needs clang and libclang-rt-14-dev (scripts/setup.sh installs them), cmake and ninja.
#
# Python (--python): the atheris targets fuzz/python/fuzz_<reader>.py, one per public reader,
# on the installed package (or python/ of this working copy when a compiled core was copied
# there), its Python code instrumented for coverage.
#   bash scripts/fuzz.sh --python                # every Python target, SAMKART_FUZZ_SECONDS each
#   bash scripts/fuzz.sh --python 120 fuzz_excel fuzz_hsds   # two targets, 120 s each
# Corpus in build/fuzz/corpus/py_<target> (seeded from fuzz/python/corpus/<target> and
# fuzz/regressions/<target>), findings in build/fuzz/artifacts/py_<target>/crash-*, logs in
# build/fuzz/logs/py_<target>.log; replay with `python fuzz/python/<target>.py <file>`.
# Python: SAMKART_PYTHON, else .venv/bin/python; it needs atheris (the test extra).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${SAMKART_FUZZ_BUILD:-$ROOT/build/fuzz}"
SECS="${SAMKART_FUZZ_SECONDS:-60}"
JOBS="${SAMKART_JOBS:-2}"

say() { printf '\033[1m[samkart fuzz]\033[0m %s\n' "$*" >&2; }

failed=()
# Summarise one run from its log; a non-zero exit is a finding.
report() {  # target log corpus artifacts exit-code
  local t="$1" log_file="$2" corpus="$3" artifacts="$4" rc="$5" done_line execs files bytes
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log_file" | tail -1 || true)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log_file" | tail -1)"
  files="$(find "$corpus" -type f | wc -l)"
  bytes="$(find "$corpus" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }')"
  # libFuzzer's "corp: N/size" in the DONE line is the corpus it kept; the directory also holds
  # inputs that later ones superseded.
  say "$t: exit $rc, executions ${execs:-?}, corpus directory $files files / $bytes bytes"
  say "$t: ${done_line:-no DONE line}"
  if [ "$rc" != 0 ]; then
    tail -n 60 "$log_file" >&2
    ls -la "$artifacts" >&2
    failed+=("$t")
  fi
}

finish() {
  if [ "${#failed[@]}" -gt 0 ]; then
    say "FINDINGS in: ${failed[*]} (inputs in $BUILD/artifacts/)"
    exit 1
  fi
}

if [ "${1:-}" = --python ]; then
  shift
  if [[ "${1:-}" =~ ^[0-9]+$ ]]; then SECS="$1"; shift; fi
  PY="${SAMKART_PYTHON:-$ROOT/.venv/bin/python}"
  targets=("$@")
  if [ "${#targets[@]}" = 0 ]; then
    for f in "$ROOT"/fuzz/python/fuzz_*.py; do targets+=("$(basename "$f" .py)"); done
  fi
  "$PY" -c 'import atheris' 2>/dev/null || {
    say "atheris is missing from $PY: pip install 'samkart[test]' (or atheris)"; exit 2; }
  for t in "${targets[@]}"; do
    corpus="$BUILD/corpus/py_$t"
    artifacts="$BUILD/artifacts/py_$t"
    log_file="$BUILD/logs/py_$t.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log_file")"
    for seeds in "$ROOT/fuzz/python/corpus/$t" "$ROOT/fuzz/regressions/$t"; do
      if [ -d "$seeds" ]; then
        find "$seeds" -maxdepth 1 -type f ! -name 'README*' -exec cp -n -t "$corpus" {} +
      fi
    done
    say "$t (Python): ${SECS} s, corpus $corpus (log $log_file)"
    rc=0
    # -timeout: one input may take 10 s; -rss_limit_mb: a reader that holds an oversized input
    # in memory is a finding; -max_len: the spreadsheet seeds are ~170 kB of XML.
    (cd "$artifacts" && "$PY" "$ROOT/fuzz/python/$t.py" -max_total_time="$SECS" -print_final_stats=1 \
      -timeout=10 -rss_limit_mb=2048 -max_len=262144 -artifact_prefix="$artifacts/" \
      "$corpus") >"$log_file" 2>&1 || rc=$?
    report "$t" "$log_file" "$corpus" "$artifacts" "$rc"
  done
  finish
  exit 0
fi

[ -x "$ROOT/.venv/bin/cmake" ] && export PATH="$ROOT/.venv/bin:$PATH"
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(fuzz_json fuzz_records)

say "configure and build ${targets[*]} with clang in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER="${SAMKART_FUZZ_CXX:-clang++}" -DSAMKART_FUZZ=ON \
      -DSAMKART_BUILD_TESTS=OFF -DSAMKART_BUILD_EXAMPLES=OFF -DSAMKART_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target "${targets[@]}"

for t in "${targets[@]}"; do
  corpus="$BUILD/corpus/$t"
  artifacts="$BUILD/artifacts/$t"
  log_file="$BUILD/logs/$t.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log_file")"
  args=(-max_total_time="$SECS" -print_final_stats=1 -timeout=30 -rss_limit_mb=2560
        -artifact_prefix="$artifacts/")
  if [ "$t" = fuzz_json ]; then
    # Seeds: every JSON document of the repository (good, bad, expected files, the data set).
    find "$ROOT/tests/data" "$ROOT/examples/data" -name '*.json' -exec cp -n -t "$corpus" {} +
    # Mutating the 100 kB data set is slow and finds nothing its first 16 kB do not: larger
    # seeds are cut to -max_len, which also tests truncated documents.
    args+=(-dict="$ROOT/fuzz/json.dict" -max_len=16384)
  fi
  # Inputs that once crashed (fixed since) stay in the corpus as seeds.
  if [ -d "$ROOT/fuzz/regressions/$t" ]; then cp -n -t "$corpus" "$ROOT/fuzz/regressions/$t"/*; fi
  say "$t: ${SECS} s, corpus $corpus (log $log_file)"
  rc=0
  "$BUILD/fuzz/$t" "${args[@]}" "$corpus" >"$log_file" 2>&1 || rc=$?
  report "$t" "$log_file" "$corpus" "$artifacts" "$rc"
done
finish
