"""Benchmark of the mapping tables: samkart (C++ from Python) vs pandas on ``to_frames()``.

Not collected by pytest (the file is not named test_*). Run from the repository root:

    python tests/benchmarks/bench_mapping.py            # synthetic(400, 60)
    python tests/benchmarks/bench_mapping.py --quick    # synthetic(40, 20), a smoke run

Both sides produce the same table, checked before timing: samkart calls
``samkart.mapping.coverage`` / ``role_map`` (the DataFrame included); pandas starts from the
frames of ``land.to_frames()``, made once and not timed, and does what an analyst would write:
explode the providers, resolve the measures' areas from their providers and roll them up to the
county and country, group and pivot. Prints seconds (best of ``--repeat``) and the ratio
pandas / samkart (> 1: samkart is faster). Results go to docs/performance.md by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

import samkart as sk
from samkart import mapping


def best(f: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


# --- the pandas side ---------------------------------------------------------------------------


def pandas_actor_level(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    m = frames["measures"][["id", "level", "providers"]].explode("providers")
    m = m.drop_duplicates(["providers", "level", "id"])
    t = m.groupby(["providers", "level"]).size().unstack(fill_value=0)
    return t.reindex(index=frames["actors"]["id"], columns=[1, 2, 3, 4], fill_value=0)


def pandas_area_level_capacity(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    areas, actors, measures = frames["areas"], frames["actors"], frames["measures"]
    # Areas of a measure: its own, else its providers'; then every area above them.
    own = measures[["id", "level", "capacity", "areas"]].explode("areas").dropna(subset="areas")
    served = actors[["id", "areas"]].explode("areas").rename(columns={"id": "providers"})
    none = measures[measures["areas"].map(len) == 0][["id", "level", "capacity", "providers"]]
    by_provider = none.explode("providers").merge(served, on="providers")
    m = pd.concat([own, by_provider.drop(columns="providers")], ignore_index=True)
    parents = areas[["id", "parent"]].rename(columns={"id": "areas"})
    rolled = [m]
    level = m
    while True:
        level = level.merge(parents, on="areas").dropna(subset="parent")
        if level.empty:
            break
        level = level.drop(columns="areas").rename(columns={"parent": "areas"})
        rolled.append(level)
    m = pd.concat(rolled, ignore_index=True).drop_duplicates(["id", "areas"])
    t = m.groupby(["areas", "level"])["capacity"].sum(min_count=1).unstack()
    counts = m.groupby(["areas", "level"]).size().unstack(fill_value=0)
    t = t.reindex(index=areas["id"], columns=[1, 2, 3, 4])
    counts = counts.reindex(index=areas["id"], columns=[1, 2, 3, 4], fill_value=0)
    return t.where(counts > 0, 0.0)


def pandas_role_map(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    m = frames["measures"][["name", "level", "providers"]].explode("providers")
    t = m.groupby(["providers", "level"])["name"].agg("; ".join).unstack(fill_value="")
    return t.reindex(index=frames["actors"]["id"], columns=[1, 2, 3, 4], fill_value="")


# --- the run -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="synthetic(40, 20)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    areas, per_area = (40, 20) if args.quick else (400, 60)

    t0 = time.perf_counter()
    land = sk.datasets.synthetic(areas, per_area)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    frames = land.to_frames()
    t_frames = time.perf_counter() - t0
    print(f"synthetic({areas}, {per_area}): {len(land.areas)} areas, {len(land.actors)} actors, "
          f"{len(land.measures)} measures (built in {t_build:.2f} s; to_frames {t_frames:.2f} s)")
    print(f"Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")

    cases: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        ("coverage actor × level (measures)",
         lambda: mapping.coverage(land, "actor", "level"), lambda: pandas_actor_level(frames)),
        ("coverage area × level (capacity, roll-up)",
         lambda: mapping.coverage(land, "area", "level", "capacity"),
         lambda: pandas_area_level_capacity(frames)),
        ("role_map (whole landscape)",
         lambda: mapping.role_map(land), lambda: pandas_role_map(frames)),
    ]
    # The two sides must give the same table before their times mean anything.
    a = mapping.coverage(land, "actor", "level")
    np.testing.assert_array_equal(a.to_numpy(), pandas_actor_level(frames).to_numpy())
    c = mapping.coverage(land, "area", "level", "capacity")
    np.testing.assert_allclose(c.to_numpy(), pandas_area_level_capacity(frames).to_numpy())
    r = mapping.role_map(land).frame[[1, 2, 3, 4]]
    assert (r.to_numpy() == pandas_role_map(frames).to_numpy()).all()

    print(f"\n{'table':<44}{'samkart s':>11}{'pandas s':>11}{'ratio':>8}")
    for name, ours, theirs in cases:
        t_ours = best(ours, args.repeat)
        t_theirs = best(theirs, args.repeat)
        print(f"{name:<44}{t_ours:>11.4f}{t_theirs:>11.4f}{t_theirs / t_ours:>8.1f}")


if __name__ == "__main__":
    main()
