"""``samkart/_topojson.py`` loaded by its path, for the build scripts in tools/: they run
without the package being built (no compiled core), so ``import samkart`` is not an option."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location("_topojson", ROOT / "python/samkart/_topojson.py")
assert _spec is not None
assert _spec.loader is not None
topojson = importlib.util.module_from_spec(_spec)
sys.modules["_topojson"] = topojson  # dataclasses look their module up here
_spec.loader.exec_module(topojson)
