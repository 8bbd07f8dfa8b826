#!/usr/bin/env bash
# Install what samkart needs and is missing, on Debian (or Ubuntu):
#   - Debian packages: a C++20 compiler, Python headers and venv, Boost.Graph, Eigen,
#     nlohmann/json, doctest (DESIGN.md, Dependencies);
#   - a virtual environment .venv with cmake, ninja and samkart itself (pip install ".[test]").
# Safe to run again: it installs only what is missing and rebuilds incrementally.
# Sourced by scripts/example.sh and scripts/test.sh; run it alone to set up a checkout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SAMKART_VENV:-$ROOT/.venv}"
# The extras to install: "test" (default) brings the test, docs and lint toolchain; scripts/example.sh
# sets it empty, so the main example installs only what samkart itself needs.
EXTRAS="${SAMKART_EXTRAS-test}"

log() { printf '\033[1m[samkart setup]\033[0m %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------------
debian_packages=(g++ make git python3 python3-venv python3-dev
                 libboost-graph-dev libeigen3-dev nlohmann-json3-dev doctest-dev
                 ccache)                      # rebuilds of the same sources (CI builds 4 times)
if [ -n "$EXTRAS" ]; then
  debian_packages+=(chromium fonts-dejavu-core  # chromium: the report's browser test
                    clang libclang-rt-14-dev)   # libFuzzer, for scripts/fuzz.sh (issue 7)
fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
# A Python that is not Debian's (pyenv, conda) brings its own venv and headers.
if [ "$(command -v python3)" != /usr/bin/python3 ] && python3 -m venv --help >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in python3|python3-venv|python3-dev) ;; *) filtered+=("$p") ;; esac
  done
  missing=("${filtered[@]}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Every C++ build (ctest, sanitizers, fuzzing, the extension) compiles through ccache: CI
# compiles the same sources in four configurations, and a clean clone on a machine that built
# them before costs minutes less. CMake reads this variable when it configures a build folder.
if command -v ccache >/dev/null 2>&1; then
  export CMAKE_CXX_COMPILER_LAUNCHER="${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}"
  export CCACHE_BASEDIR="$ROOT"
fi

# --- Python environment ----------------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  log "creating the virtual environment $VENV"
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
# The build requirements live in the venv rather than in pip's throw-away isolated environment,
# so that the cached build directory (build/{wheel_tag}) keeps rebuilds incremental.
# Keep in step with [build-system] requires in pyproject.toml. pybind11 is pinned here (not for
# users building the sdist): the committed stubs python/samkart/_core.pyi are what this version's
# signatures generate, and tests/python/test_stubs.py compares them.
"$PY" -m pip install -q --disable-pip-version-check --upgrade "pip>=23" "cmake>=3.24" ninja \
  "scikit-build-core>=0.10" "pybind11==3.1.0" \
  setuptools wheel  # sdists among the test extra (pyjstat) build with these, without isolation
log "building and installing samkart into $VENV (extras: ${EXTRAS:-none})"
TARGET="$ROOT"
[ -z "$EXTRAS" ] || TARGET="$ROOT[$EXTRAS]"
"$PY" -m pip install -q --disable-pip-version-check --no-build-isolation "$TARGET"
export PATH="$VENV/bin:$PATH"
