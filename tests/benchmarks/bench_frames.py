"""Benchmark of the columns between the layers: ``to_frames``, ``from_frames`` and a pickle round
trip of ``datasets.synthetic(n, 60)``, each against ``json.load`` of the same landscape's JSON file
measured in the same run (the peer: what reading the landscape as plain Python data costs).

Not collected by pytest (testpaths is tests/python and the file is not named test_*). Run from
the repository root with samkart installed:

    python tests/benchmarks/bench_frames.py              # n = 400 (24,000 actors)
    python tests/benchmarks/bench_frames.py --sizes 100 400 --repeat 5

Prints, for each size, the records, the seconds (best of --repeat) of json.load, to_frames,
from_frames and pickle.loads(pickle.dumps(land)), and each as a ratio of json.load. The targets
(issue 12) are to_frames ≤ 0.15×, from_frames ≤ 0.3×, pickle round trip ≤ 0.3×. Results go to
docs/performance.md by hand, with the command and the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import samkart as sk


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        # Drop the previous result before the clock starts: freeing it belongs to whoever lets
        # go of the frames, not to the next call (it was timed before 2026-12-02, on both sides).
        result = None
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[400])
    parser.add_argument("--actors-per-area", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"# {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}"
          f", load average {os.getloadavg()[0]:.1f} (on a shared machine the ratios move with it)")
    print("| municipalities | records | json.load s | to_frames s | from_frames s | pickle s "
          "| to_frames × | from_frames × | pickle × |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            land = sk.datasets.synthetic(n, args.actors_per_area)
            path = Path(tmp) / f"synthetic-{n}.json"
            land.to_json(path, indent=-1)
            records = sum(len(getattr(land, c)) for c in sk.frames.COLLECTIONS)
            peer, _ = best_of(lambda path=path: load_json(path), args.repeat)
            out, frames = best_of(land.to_frames, args.repeat)
            back, again = best_of(lambda frames=frames: sk.from_frames(**frames), args.repeat)
            assert again == land
            pickled, twin = best_of(lambda land=land: pickle.loads(pickle.dumps(land)),
                                    args.repeat)
            assert twin == land
            print(f"| {n} | {records:,} | {peer:.3f} | {out:.3f} | {back:.3f} | {pickled:.3f} "
                  f"| {out / peer:.2f}× | {back / peer:.2f}× | {pickled / peer:.2f}× |")


if __name__ == "__main__":
    main()
