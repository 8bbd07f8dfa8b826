"""Benchmarks of samkart.flow against numpy and pandas implementations, in one run.

Not collected by pytest (the file is not named test_*). Run from the repository root:

    python tests/benchmarks/bench_flow.py            # full sizes (a few minutes, ~6 GB RAM)
    python tests/benchmarks/bench_flow.py --quick    # smaller sizes, a smoke run

1. PSA cohort model: 5 states, 60 cycles, 1,000 Dirichlet draws of the matrix, each projected
   (R's hesim takes about 1.2 s for this, issue 6). samkart: dirichlet_draws + project_draws;
   numpy: vectorised gamma draws and a batched einsum projection.
2. Microsimulation: 10^6 persons × 120 months × 10 states, transitions per second per core;
   numpy: vectorised inverse-CDF sampling, one step for all persons at a time.
3. estimate() on a 10^6 persons × 120 months panel vs the pandas idiom (groupby shift +
   value counts).

Prints seconds and ratios (> 1: samkart is faster).
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
from samkart import flow


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def random_model(states: int, seed: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    counts = rng.integers(0, 200, size=(states, states)).astype(np.float64)
    counts[-1] = 0.0
    counts[-1, -1] = 1.0  # the last state is absorbing
    names = [f"s{i}" for i in range(states)]
    return names, counts, counts / counts.sum(axis=1, keepdims=True)


def psa(draws: int, cycles: int) -> None:
    _, counts, _ = random_model(5, 1)
    start = np.array([1000.0, 0, 0, 0, 0])

    def with_samkart() -> np.ndarray:
        d = flow.dirichlet_draws(counts, draws, seed=1, absorbing=[4], threads=1)
        return flow.project_draws(d, start, cycles, threads=1)

    def with_numpy() -> np.ndarray:
        rng = np.random.default_rng(1)
        g = rng.gamma(counts[None, :4, :] + 1.0, size=(draws, 4, 5))
        P = np.zeros((draws, 5, 5))
        P[:, :4] = g / g.sum(axis=2, keepdims=True)
        P[:, 4, 4] = 1.0
        out = np.empty((draws, cycles + 1, 5))
        out[:, 0] = start
        for t in range(cycles):
            out[:, t + 1] = np.einsum("ds,dst->dt", out[:, t], P)
        return out

    s, a = timed(with_samkart, 20)  # best of 20: the timings are milliseconds
    n, b = timed(with_numpy, 20)
    assert a.shape == b.shape
    np.testing.assert_allclose(a.mean(axis=0), b.mean(axis=0), rtol=0.05)
    print(f"PSA 5 states × {cycles} cycles × {draws} draws: samkart {s:.4f} s, numpy {n:.4f} s, "
          f"numpy / samkart {n / s:.1f}×, hesim (1.2 s) / samkart {1.2 / s:.0f}×")


def microsimulation(persons: int, steps: int, numpy_persons: int) -> None:
    names, _, P = random_model(10, 2)
    model = sk.FlowModel(names, P, step="month")
    start = {names[0]: 0.5, names[1]: 0.5}
    rate = {}
    for threads in (1, 2):
        s, sim = timed(lambda t=threads: model.simulate(persons, steps, start, seed=1, threads=t))
        rate[threads] = persons * steps / s
        print(f"simulate {persons:,} × {steps} × 10 states, {threads} thread(s): {s:.3f} s, "
              f"{rate[threads]:.3g} transitions/s")
    del sim

    def with_numpy() -> np.ndarray:
        rng = np.random.default_rng(1)
        cum = np.cumsum(P, axis=1)
        state = rng.integers(0, 2, size=numpy_persons)
        out = np.empty((numpy_persons, steps + 1), dtype=np.int8)
        out[:, 0] = state
        for t in range(steps):
            u = rng.random(numpy_persons)
            state = np.minimum((u[:, None] > cum[state]).sum(axis=1), 9)
            out[:, t + 1] = state
        return out

    n, _ = timed(with_numpy)
    numpy_rate = numpy_persons * steps / n
    print(f"numpy simulation {numpy_persons:,} × {steps}: {n:.3f} s, {numpy_rate:.3g} "
          f"transitions/s; samkart / numpy per core {rate[1] / numpy_rate:.1f}×")


def estimate(persons: int, steps: int) -> None:
    names, _, P = random_model(10, 3)
    P[-1] = P[-2]  # no absorbing state: everyone stays in the panel for all periods
    model = sk.FlowModel(names, P, step="month")
    sim = model.simulate(persons, steps - 1, {names[0]: 1.0}, seed=3, threads=2)
    panel = pd.DataFrame({
        "id": np.repeat(np.arange(persons, dtype=np.int64), steps),
        "t": np.tile(np.arange(steps, dtype=np.int64), persons),
        "s": pd.Categorical.from_codes(sim.trajectories.ravel().astype(np.int64), names),
    })
    del sim
    s, m = timed(lambda: sk.FlowModel.estimate(panel, "id", "t", "s", states=names))

    def with_pandas() -> pd.DataFrame:
        p = panel.sort_values(["id", "t"])
        nxt = p.groupby("id", sort=False)[["t", "s"]].shift(-1)
        ok = (nxt["t"] - p["t"]) == 1
        pairs = pd.DataFrame({"from": p.loc[ok, "s"], "to": nxt.loc[ok, "s"]})
        return pairs.value_counts().unstack(fill_value=0)

    n, counts = timed(with_pandas)
    np.testing.assert_array_equal(
        counts.reindex(index=names, columns=names, fill_value=0).to_numpy(),
        m.report.counts.to_numpy())
    print(f"estimate {persons:,} × {steps} panel ({len(panel):,} rows): samkart {s:.3f} s, "
          f"pandas {n:.3f} s, pandas / samkart {n / s:.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args()
    print(f"{platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}")
    psa(draws=1000, cycles=60)
    if args.quick:
        microsimulation(100_000, 120, 20_000)
        estimate(20_000, 120)
    else:
        microsimulation(1_000_000, 120, 100_000)
        estimate(1_000_000, 120)


if __name__ == "__main__":
    main()
