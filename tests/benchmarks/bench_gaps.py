"""Benchmark of the gap analysis: find_gaps on datasets.synthetic(n, 60), end to end from Python.

Not collected by pytest (testpaths is tests/python and the file is not named test_*). Run from
the repository root with samkart installed:

    python tests/benchmarks/bench_gaps.py            # n = 50, 100, 200, 400
    python tests/benchmarks/bench_gaps.py --repeat 1

Prints, for each number of municipalities, the actors, links, gaps and findings, the seconds
of ``find_gaps`` (best of --repeat; the landscape is built beforehand), of ``findings()`` and
``findings().to_frame()`` (the list a reader reads), and of ``to_frame`` of every gap, and the
growth ratio t(n) / t(n/2) of ``find_gaps``: close to 2 means close to linear. Results go to
docs/performance.md by hand, with the command and the machine.
"""

from __future__ import annotations

import argparse
import platform
import time

import samkart as sk
from samkart.analysis.gaps import find_gaps


def best_of(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--actors-per-area", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"# {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}")
    print(
        "| municipalities | actors | links | gaps | findings | find_gaps s | findings s "
        "| to_frame s | growth |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    previous = None
    for n in args.sizes:
        land = sk.datasets.synthetic(n, args.actors_per_area)
        seconds, report = best_of(lambda land=land: find_gaps(land), args.repeat)
        finding_seconds, findings = best_of(
            lambda report=report: report.findings().to_frame(),  # type: ignore[attr-defined]
            1,
        )
        frame_seconds, _ = best_of(lambda report=report: report.to_frame(), 1)  # type: ignore[attr-defined]
        growth = f"{seconds / previous:.2f}×" if previous else ""
        print(
            f"| {n} | {len(land.actors):,} | {len(land.links):,} | {len(report):,} "  # type: ignore[arg-type]
            f"| {len(findings):,} | {seconds:.3f} | {finding_seconds:.3f} "  # type: ignore[arg-type]
            f"| {frame_seconds:.3f} | {growth} |"
        )
        previous = seconds


if __name__ == "__main__":
    main()
