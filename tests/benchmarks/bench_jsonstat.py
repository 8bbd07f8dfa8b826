"""Benchmark of the JSON-stat reader: samkart.read_jsonstat vs pyjstat on the same text.

Not collected by pytest (the file is not named test_*). Run from the repository root:

    python tests/benchmarks/bench_jsonstat.py            # 357 areas × 10 years × 2 sexes × 20 ages
    python tests/benchmarks/bench_jsonstat.py --quick    # a smoke run

The dataset is made here: a JSON-stat 2.0 cube the shape of an SSB regional table (every
municipality of 2024, years, sexes, one-year ages), 10 % of cells null with status "..". Both
sides read the same JSON text (parsing included) and give a DataFrame with one row per cell;
the values are checked equal (missing where null) before timing. pyjstat gives codes only
(``naming="id"``), samkart codes and labels. Prints seconds (best of ``--repeat``) and the ratio
pyjstat / samkart (> 1: samkart is faster). Results go to docs/performance.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

import samkart as sk


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def cube(years: int, ages: int, seed: int = 0) -> str:
    areas = sk.datasets.areas("no", 2024)
    munis = areas[areas["kind"] == "municipality"]
    dims = {
        "Region": (list(munis["id"]), list(munis["name"])),
        "Kjonn": (["1", "2"], ["Menn", "Kvinner"]),
        "Alder": ([f"{a:03d}" for a in range(ages)], [f"{a} år" for a in range(ages)]),
        "Tid": ([str(2000 + y) for y in range(years)], [str(2000 + y) for y in range(years)]),
    }
    size = [len(c) for c, _ in dims.values()]
    n = int(np.prod(size))
    rng = np.random.default_rng(seed)
    values: list[float | None] = [float(v) for v in rng.integers(0, 500, n)]
    status: dict[str, str] = {}
    for i in np.flatnonzero(rng.random(n) < 0.1):
        values[int(i)] = None
        status[str(int(i))] = ".."
    doc = {
        "version": "2.0", "class": "dataset", "label": "benchmark cube", "source": "synthetic",
        "id": list(dims), "size": size,
        "dimension": {d: {"label": d, "category": {"index": codes,
                                                    "label": dict(zip(codes, labels,
                                                                      strict=True))}}
                      for d, (codes, labels) in dims.items()},
        "value": values, "status": status,
    }
    return json.dumps(doc)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    years, ages = (2, 5) if args.quick else (10, 20)
    text = cube(years, ages)
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; cube of {len(text) / 1e6:.1f} MB")
    ours = sk.read_jsonstat(text)
    try:
        from pyjstat import pyjstat
    except ImportError:
        pyjstat = None
    print(f"cells: {len(ours):,}")
    t_ours = best(lambda: sk.read_jsonstat(text), args.repeat)
    print(f"samkart.read_jsonstat  {t_ours:8.3f} s")
    if pyjstat is None:
        print("pyjstat not installed: no comparison")
        return

    def theirs() -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return pyjstat.Dataset.read(text).write("dataframe", naming="id")

    other = theirs()
    assert len(other) == len(ours)
    a = ours["value"].to_numpy()
    b = other["value"].astype(float).to_numpy()
    assert np.array_equal(np.isnan(a), np.isnan(b))
    assert np.array_equal(a[~np.isnan(a)], b[~np.isnan(b)])
    t_theirs = best(theirs, args.repeat)
    print(f"pyjstat                {t_theirs:8.3f} s")
    print(f"ratio pyjstat / samkart: {t_theirs / t_ours:.1f}")


if __name__ == "__main__":
    main()
