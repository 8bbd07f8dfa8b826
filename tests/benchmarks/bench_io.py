"""Benchmark of JSON input and output: samkart against Python's json module, same file, one run.

Not collected by pytest (the file is not named test_*). Run from the repository root:

    python tests/benchmarks/bench_io.py            # datasets.synthetic(400, 60)
    python tests/benchmarks/bench_io.py --quick    # synthetic(40, 60), a smoke run

Compares
  - ``samkart.read_json(path)`` (reads, checks syntax, schema and model, builds a landscape)
    with ``json.load`` of the same file (parses to dicts, checks nothing), and
  - ``land.to_json(path)`` (writes atomically) with ``json.dump`` of the loaded dict with the
    same indent.
Prints wall and process-CPU seconds (best of --repeat) and the ratio samkart / json (< 1:
samkart is faster). Results go to docs/performance.md by hand, with the command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import samkart as sk


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="synthetic(40, 60)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    areas = 40 if args.quick else 400
    land = sk.datasets.synthetic(areas, 60)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.json"
        land.to_json(path)
        size = path.stat().st_size
        out_samkart = Path(tmp) / "out-samkart.json"
        out_json = Path(tmp) / "out-json.json"

        def load() -> Any:
            with path.open(encoding="utf-8") as f:
                return json.load(f)

        doc = load()

        def dump() -> None:
            with out_json.open("w", encoding="utf-8") as f:
                json.dump(doc, f, indent=2, ensure_ascii=False)

        rows = [
            ("read", best_of(lambda: sk.read_json(path), args.repeat), best_of(load, args.repeat)),
            ("write", best_of(lambda: land.to_json(out_samkart), args.repeat),
             best_of(dump, args.repeat)),
        ]
    counts = ", ".join(f"{len(getattr(land, c))} {c}" for c in
                       ("areas", "actors", "measures", "links", "transitions", "indicators"))
    print(f"datasets.synthetic({areas}, 60): {size / 1e6:.1f} MB of JSON; {counts}")
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, best of {args.repeat}\n")
    print("| step | samkart s (CPU s) | json s (CPU s) | samkart / json (wall) | (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, (ours_w, ours_c), (theirs_w, theirs_c) in rows:
        peer = "json.load" if name == "read" else "json.dump"
        ours = "read_json(path)" if name == "read" else "land.to_json(path)"
        print(f"| {ours} vs {peer} | {ours_w:.3f} ({ours_c:.3f}) | {theirs_w:.3f} "
              f"({theirs_c:.3f}) | {ours_w / theirs_w:.2f}× | {ours_c / theirs_c:.2f}× |")


if __name__ == "__main__":
    main()
