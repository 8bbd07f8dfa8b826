"""Thread safety (issue 7): analyses on one shared Landscape, Network and FlowModel from eight
Python threads at once give exactly the results of a serial run, and the long calls release
the GIL so that other threads run meanwhile. The guarantees are in docs/reliability.md."""

from __future__ import annotations

import copy
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import pytest

import samkart as sk
from samkart import _core

THREADS = 8
ROUNDS = 4


@pytest.fixture(scope="module")
def land() -> sk.Landscape:
    return sk.datasets.synthetic(6, 12, seed=7)


def analyses(land: sk.Landscape, net: sk.Network,
             flow: sk.FlowModel) -> dict[str, Callable[[], Any]]:
    """Every read-only call to run at once, by name."""
    return {
        "coverage": lambda: sk.coverage(land, "area", "level", "capacity", totals=True),
        "coverage_actors": lambda: sk.coverage(land, "sector", "tee", "actors", inherit=True),
        "age_coverage": lambda: sk.age_coverage(land),
        "level_shares": lambda: sk.level_shares(land),
        "compare_areas": lambda: sk.compare_areas(land),
        "role_map": lambda: sk.role_map(land).to_frame(),
        "gaps": lambda: sk.find_gaps(land).to_frame(),
        "to_json": lambda: land.to_json(),
        "to_frames": lambda: land.to_frames()["measures"],
        "validate": lambda: [str(p) for p in land.validate()],
        "network": lambda: sk.network(land, weight="intensity").degree(weighted=True),
        "betweenness": lambda: net.betweenness(),
        "betweenness_sampled": lambda: net.betweenness(samples=20, seed=3, threads=2),
        "closeness": lambda: net.closeness(),
        "pagerank": lambda: net.pagerank(),
        "components": lambda: net.components(),
        "communities": lambda: net.communities(seed=1).membership,
        "k_core": lambda: net.k_core(),
        "metrics": lambda: net.metrics(),
        "absorption": lambda: flow.absorption_probabilities(),
        "expected_steps": lambda: flow.expected_steps(),
        "project": lambda: flow.project({"school": 1.0}, 5),
        "simulate": lambda: flow.simulate(200, steps=4, start={"school": 1.0}, seed=5).shares(),
    }


def same(a: Any, b: Any) -> bool:
    """Exactly equal: frames and series value for value (NaN equal to NaN), in order."""
    if isinstance(a, pd.DataFrame | pd.Series):
        return type(a) is type(b) and a.equals(b) and list(a.index) == list(b.index)
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b, equal_nan=True)
    return bool(a == b)


@pytest.fixture(scope="module")
def flow() -> sk.FlowModel:
    states = ["school", "work", "neet", "nav", "done"]
    counts = [[50, 10, 5, 3, 2], [2, 60, 4, 2, 1], [8, 6, 20, 10, 0], [5, 9, 6, 30, 1],
              [0, 0, 0, 0, 1]]
    return sk.FlowModel.from_counts(states, counts, absorbing=["done"])


def test_analyses_from_eight_threads_equal_the_serial_run(land: sk.Landscape,
                                                          flow: sk.FlowModel) -> None:
    net = sk.network(land)
    calls = analyses(land, net, flow)
    serial = {name: call() for name, call in calls.items()}
    jobs = [name for _ in range(ROUNDS) for name in calls]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        # Each round submits every analysis; eight run at once on the same three objects.
        results = list(pool.map(lambda name: (name, calls[name]()), jobs))
    assert len(results) == len(jobs)
    for name, result in results:
        assert same(result, serial[name]), name


def test_reading_json_in_threads_gives_equal_landscapes(land: sk.Landscape, tmp_path: Any) -> None:
    path = tmp_path / "land.json"
    land.to_json(path)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        read = list(pool.map(lambda _: sk.read_json(path), range(2 * THREADS)))
        parsed = list(pool.map(lambda _: sk.Landscape.from_json(land.to_json()),
                               range(2 * THREADS)))
    assert all(r == land for r in read + parsed)


def test_each_thread_may_change_its_own_copy(land: sk.Landscape) -> None:
    # The allowed way to change a shared landscape from threads: each changes a copy.
    def grow(i: int) -> sk.Landscape:
        mine = copy.copy(land)
        mine.add_actor(f"extra-{i}", name=f"Extra {i}", owner="municipal")
        mine.add_link(f"extra-{i}", land.actors[0].id, kind="network")
        return mine

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        grown = list(pool.map(grow, range(THREADS)))
    for i, mine in enumerate(grown):
        assert len(mine.actors) == len(land.actors) + 1
        assert mine.actors[-1].id == f"extra-{i}"
    assert all(not a.id.startswith("extra-") for a in land.actors)


@contextmanager
def no_forced_switches() -> Iterator[None]:
    """While active, a thread that holds the GIL keeps it until it blocks or releases it: the
    interpreter does not hand the GIL to another thread on a timer."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def other_thread_ran_during(call: Callable[[], object], tries: int = 50) -> bool:
    """Whether a pure-Python thread made progress while `call` ran in this thread.

    With forced switches off, this thread holds the GIL from reading the counter until `call`
    enters C++, and from the moment it takes the GIL back; the other thread can only run while
    `call` has released the GIL. No timing is asserted: a call that releases the GIL for some
    milliseconds gives the other thread its turn in one of the tries (the scheduler would have
    to pass it over in every one), and a call that holds the GIL never does, however often it
    is tried. The first try that sees progress ends the probe."""
    progress = 0
    stop = False

    def count() -> None:
        nonlocal progress
        while not stop:
            progress += 1
            time.sleep(0)  # releases the GIL, so this thread takes it back after `call`

    with no_forced_switches():
        worker = threading.Thread(target=count)
        worker.start()
        try:
            for _ in range(tries):
                before = progress
                call()
                if progress != before:
                    return True
            return False
        finally:
            stop = True
            worker.join()


@pytest.fixture(scope="module")
def big() -> tuple[sk.Landscape, _core.Network]:
    land = sk.datasets.synthetic(20, 40, seed=1)
    return land, _core.Network(land)


def test_long_calls_release_the_gil(big: tuple[sk.Landscape, _core.Network]) -> None:
    land, net = big
    # The compiled calls directly, so that no Python code (numpy, pandas) that might release
    # the GIL itself runs in between. Each takes tens of milliseconds; the short ones are
    # repeated in a Python loop, which holds the GIL between the calls.
    assert other_thread_ran_during(lambda: net.betweenness(True, None, 0, 1))
    assert other_thread_ran_during(lambda: net.closeness(True, 1))
    assert other_thread_ran_during(lambda: _core.to_json_string(land, -1))
    assert other_thread_ran_during(lambda: _core.from_json_string(_core.to_json_string(land, -1)))
    assert other_thread_ran_during(lambda: [_core.Network(land) for _ in range(20)])
    assert other_thread_ran_during(
        lambda: [_core.coverage(land, "actor", "level", "measures") for _ in range(30)])


def test_the_gil_probe_can_fail() -> None:
    # A call that holds the GIL throughout (a pure-Python loop; the interpreter switches
    # threads only on its timer, which is off) is seen as holding it.
    def busy() -> None:
        total = 0
        for i in range(200_000):
            total += i

    assert not other_thread_ran_during(busy, tries=3)
