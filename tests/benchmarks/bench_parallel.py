"""Benchmark of prioritize on an executor: the candidates of each step evaluated serially, on a
process pool and on a Dask LocalCluster, on datasets.synthetic(100, 60) with the 50 candidates of
bench_scenario.py (ten of each kind of change, made from the landscape's gaps), k = 5.

Not collected by pytest (testpaths is tests/python and the file is not named test_*). Run from
the repository root with samkart (and, for the Dask row, distributed) installed:

    python tests/benchmarks/bench_parallel.py                   # serial, 2 processes, Dask 2
    python tests/benchmarks/bench_parallel.py --workers 4 --areas 20 --repeat 1
    python tests/benchmarks/bench_parallel.py --memory 3 20 60   # worker memory, national

With --memory, it measures instead what a Dask worker holds for prioritize on the national
landscape datasets.synthetic("no-2024", n) for each n (10 candidates, k = 1): its resident
memory after import, after the landscape was scattered, and its peak (ru_maxrss) after the step.

Prints the seconds of each run (best of --repeat; the cluster's start is not timed, the
landscape's transfer is), the load average before and after (the machine may be shared), the
resident memory of each worker after the run, and checks that every executor gives exactly the
serial result (the same summary text, the same severities to the bit). Results go to
docs/performance.md by hand, with the command and the machine.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import samkart as sk
from samkart.analysis.scenario import Change, prioritize

sys.path.insert(0, str(Path(__file__).parent))
from bench_scenario import candidate_specs


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(fn: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc), for the workers' figures."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux


def memory(sizes: list[int], workers: int) -> None:
    from distributed import Client, LocalCluster

    print("| n | actors | worker after import MB | + landscape MB | peak in prioritize MB |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        land = sk.datasets.synthetic("no-2024", n)
        specs = candidate_specs(land, 2)
        candidates = [[Change(k, a, c) for k, a, c in changes] for _, changes in specs]
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.run(lambda: __import__("samkart"))
            base = max(client.run(rss_mb).values())
            future = client.scatter(land, broadcast=True)
            held = max(client.run(rss_mb).values())
            del future
            prioritize(land, candidates, 1, executor=client)
            peak = max(client.run(peak_mb).values())
        print(f"| {n} | {len(land.actors):,} | {base:.0f} | {held - base:.0f} | {peak:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=100)
    parser.add_argument("--actors-per-area", type=int, default=60)
    parser.add_argument("--candidates", type=int, default=50, help="a multiple of 5")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--memory", type=int, nargs="*", help="national landscapes' n")
    args = parser.parse_args()
    if args.memory:
        memory(args.memory, args.workers)
        return

    land = sk.datasets.synthetic(args.areas, args.actors_per_area)
    specs = candidate_specs(land, args.candidates // 5)
    candidates = [[Change(kind, a, cost) for kind, a, cost in changes] for _, changes in specs]
    print(f"# {platform.machine()} Python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"# synthetic({args.areas}, {args.actors_per_area}): {len(land.actors):,} actors, "
          f"{len(land.measures):,} measures, {len(land.links):,} links; "
          f"{len(candidates)} candidates, k = {args.k}, {args.workers} workers")
    print(f"# load average before: {load()}; this process {rss_mb():.0f} MB")

    rows: list[tuple[str, float]] = []
    serial_s, serial = timed(lambda: prioritize(land, candidates, args.k), args.repeat)
    rows.append(("serial (executor=None)", serial_s))
    results: dict[str, Any] = {}
    with cf.ProcessPoolExecutor(args.workers) as pool:
        s, results["processes"] = timed(
            lambda: prioritize(land, candidates, args.k, executor=pool), args.repeat
        )
        rows.append((f"ProcessPoolExecutor({args.workers})", s))
    if not args.no_dask:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            s, results["dask"] = timed(
                lambda: prioritize(land, candidates, args.k, executor=client), args.repeat
            )
            rows.append((f"Dask LocalCluster({args.workers} workers × 1 thread)", s))
            worker_mb = client.run(rss_mb)
            print("# Dask workers' resident memory after the run (MB): "
                  + ", ".join(f"{m:.0f}" for m in worker_mb.values()))
    print(f"# load average after: {load()}")
    print("| executor | seconds | × serial |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {serial_s / seconds:.2f} |")
    for name, result in results.items():
        if result.summary() != serial.summary() or [s.severity_reduced for s in result.steps] != [
            s.severity_reduced for s in serial.steps
        ]:
            raise SystemExit(f"{name} differs from the serial result")
    print(f"Identical to serial: {', '.join(results)}; steps: {[s.label for s in serial.steps]}")


if __name__ == "__main__":
    main()
