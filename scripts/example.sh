#!/usr/bin/env bash
# Install what is missing (only what the example needs), then run the main example: the key
# figures and top findings of Vestfold og Telemark, and its council report (nb) in build/example/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMKART_EXTRAS="${SAMKART_EXTRAS-}" source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec "$VENV/bin/python" examples/main.py
