"""Benchmark of small-cell suppression: samkart.suppress (C++) vs the pure-Python implementation
it replaced (kept in tests/python/test_privacy.py as the reference, imported from there).

Not collected by pytest (the file is not named test_*). Run from the repository root:

    python tests/benchmarks/bench_privacy.py            # Denmark-size and Norway-size tables
    python tests/benchmarks/bench_privacy.py --quick    # the Denmark-size table only

The table is participants by municipality (rows) × (prevention level, age) (columns), as a
county or national report would publish it: Norway 357 municipalities × 4 levels × 15 ages
(15–29), Denmark 98 municipalities × 4 levels × 5 age bands, and Norway with ten times the
participation (small cells scattered: secondary suppression does most of the work). Youth
populations are drawn from a log-normal fitted to Norwegian municipality sizes (median about
5,000 inhabitants, 18 % aged 15–29) and counts are Poisson with level-specific participation
rates, so small municipalities give many cells under 5, as real ones do.

Both sides must hide the same cells (checked before timing; where they differ, the old one
left cells a reader can pin with counts ≥ 0: docs/privacy.md). Prints seconds (samkart best
of ``--repeat``, the old one once: it takes seconds) and old / samkart (> 1: samkart is
faster). Results go to docs/performance.md by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import samkart as sk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from test_privacy import _old_suppress  # the reference implementation


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def table(municipalities: int, ages: list[str], seed: int, scale: float = 1.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    inhabitants = np.exp(rng.normal(np.log(5000), 1.1, size=municipalities)).clip(200, 700_000)
    youth = inhabitants * 0.18 / len(ages)  # per age column
    rates = {"universal": 0.30, "early": 0.04, "targeted": 0.012, "intensive": 0.004}
    cols = pd.MultiIndex.from_product([list(rates), ages], names=["level", "age"])
    lam = np.concatenate([np.outer(youth, np.full(len(ages), r * scale)) for r in rates.values()],
                         axis=1)
    counts = rng.poisson(lam).astype(float)
    index = pd.Index([f"k{k:04d}" for k in range(municipalities)], name="municipality")
    return pd.DataFrame(counts, index=index, columns=cols)


def run(name: str, t: pd.DataFrame, repeat: int) -> None:
    new = sk.suppress(t)
    mask = new.attrs["suppressed"].to_numpy()
    t0 = time.perf_counter()
    old = _old_suppress(t.to_numpy(dtype=float))
    old_s = time.perf_counter() - t0
    same = bool((mask == old).all())
    if not same:
        assert (mask | ~old).all(), "samkart published a cell the old implementation hid"
    new_s = best(lambda: sk.suppress(t), repeat)
    small = int(((t.to_numpy() > 0) & (t.to_numpy() < 5)).sum())
    print(f"| {name} ({t.shape[0]} × {t.shape[1]}, {small} cells < 5) | "
          f"{int(mask.sum())} | {'same' if same else f'+{int(mask.sum() - old.sum())}'} | "
          f"{new_s:.4f} | {old_s:.3f} | {old_s / new_s:.0f}× |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"# {platform.machine()} {platform.python_version()}, samkart {sk.__version__}, "
          f"load {os.getloadavg()[0]:.1f}")
    print("| table | hidden | vs old | samkart s | old Python s | old / samkart |")
    print("|---|---:|---:|---:|---:|---:|")
    run("Denmark", table(98, ["15-17", "18-20", "21-23", "24-26", "27-29"], seed=45), args.repeat)
    if not args.quick:
        ages = [str(a) for a in range(15, 30)]
        run("Norway", table(357, ages, seed=47), args.repeat)
        # Ten times the participation: small cells scattered, so secondary suppression and
        # the bridge check do most of the work.
        run("Norway ×10", table(357, ages, seed=47, scale=10), args.repeat)


if __name__ == "__main__":
    main()
