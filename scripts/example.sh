#!/usr/bin/env bash
# Install what is missing, then run the main example: load Vestfold og Telemark and summarise it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMKART_EXTRAS="${SAMKART_EXTRAS-}" source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec "$VENV/bin/python" examples/main.py
