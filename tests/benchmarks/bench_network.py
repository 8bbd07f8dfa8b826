"""Benchmarks of the collaboration network: samkart vs NetworkX vs python-igraph, same graphs.

Not collected by pytest (the file is not named test_*). Run from the repository root:

    python tests/benchmarks/bench_network.py            # everything (several minutes)
    python tests/benchmarks/bench_network.py --quick    # smaller graphs, a smoke run

Prints one table per scenario with the seconds of each library and the ratios
NetworkX / samkart and igraph / samkart (> 1: samkart is faster). Results go to
docs/performance.md by hand, with the command and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from functools import partial

import igraph as ig
import networkx as nx

import samkart as sk
from samkart.analysis.network import network

Edges = list[tuple[int, int]]


def best_of(
    fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Best of `repeat` runs by `clock`. With `time.process_time`, for single-threaded code on
    a shared machine: CPU seconds are far steadier than wall seconds (other processes' time is
    not counted)."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def landscape(n: int, edges: Edges) -> sk.Landscape:
    land = sk.Landscape(name="bench")
    for i in range(n):
        land.add_actor(
            f"a{i}", name=f"a{i}", sector="school" if i % 2 else "health_service", owner="municipal"
        )
    for u, v in edges:
        land.add_link(f"a{u}", f"a{v}", kind="agreement")
    return land


# --- the full round trip: from a landscape to every municipal-scale measure -------------------


def samkart_round_trip(land: sk.Landscape) -> None:
    net = network(land)
    net.degree()
    net.betweenness()
    net.closeness()
    net.pagerank(tol=1e-6)
    net.components()
    net.articulation_points()
    net.bridges()
    net.k_core()
    net.communities(trials=1)


def networkx_round_trip(land: sk.Landscape) -> None:
    g = nx.Graph()
    g.add_nodes_from(a.id for a in land.actors)
    g.add_edges_from((link.source, link.target) for link in land.links)
    dict(g.degree())
    nx.betweenness_centrality(g)
    nx.closeness_centrality(g)
    nx.pagerank(g, tol=1e-6)
    list(nx.connected_components(g))
    list(nx.articulation_points(g))
    list(nx.bridges(g))
    nx.core_number(g)
    nx.community.louvain_communities(g, seed=0)


def igraph_round_trip(land: sk.Landscape) -> None:
    ids = [a.id for a in land.actors]
    index = {a: i for i, a in enumerate(ids)}
    g = ig.Graph(
        n=len(ids), edges=[(index[link.source], index[link.target]) for link in land.links]
    )
    g.degree()
    g.betweenness()
    g.closeness()
    g.pagerank()
    g.connected_components()
    g.articulation_points()
    g.bridges()
    g.coreness()
    g.community_multilevel()


def report(title: str, rows: list[tuple[str, float, float | None, float | None, str]]) -> None:
    print(f"\n## {title}\n")
    print("| graph | samkart s | NetworkX s | igraph s | NX / samkart | igraph / samkart |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, ours, nxs, igs, note in rows:
        nx_txt = "–" if nxs is None else f"{nxs:.4f}{note}"
        ig_txt = "–" if igs is None else f"{igs:.4f}"
        r_nx = "–" if nxs is None else f"{nxs / ours:.1f}×"
        r_ig = "–" if igs is None else f"{igs / ours:.2f}×"
        print(f"| {name} | {ours:.4f} | {nx_txt} | {ig_txt} | {r_nx} | {r_ig} |")


def municipal(quick: bool) -> None:
    graphs: list[tuple[str, int, Edges]] = []
    # netscience (Newman 2006) has 1,589 actors and 2,742 ties; a clustered power-law graph of
    # that size stands in for it (no download).
    ns = nx.powerlaw_cluster_graph(1589, 2, 0.6, seed=1)
    graphs.append((f"netscience-size (1,589 / {ns.number_of_edges()})", 1589, list(ns.edges())))
    for n in (200, 1000) if quick else (200, 1000, 5000):
        g = nx.barabasi_albert_graph(n, 2, seed=n)
        graphs.append((f"BA n={n} (m={g.number_of_edges()})", n, list(g.edges())))
    rows = []
    for name, n, edges in graphs:
        land = landscape(n, edges)
        repeat = 3 if n <= 1000 else 1
        ours = best_of(partial(samkart_round_trip, land), repeat)
        nxs = best_of(partial(networkx_round_trip, land), 1)
        igs = best_of(partial(igraph_round_trip, land), repeat)
        rows.append((name, ours, nxs, igs, ""))
    report("Municipal scale: landscape → network → all measures (Python round trip)", rows)


def betweenness(quick: bool) -> None:
    cases = [(500, 12_600)] if quick else [(500, 12_600), (2000, 200_000)]
    rows = []
    cpu_rows = []
    for n, m in cases:
        g = nx.gnm_random_graph(n, m, seed=7)
        land = landscape(n, list(g.edges()))
        net = network(land)
        h = ig.Graph(n=n, edges=list(g.edges()))
        repeat = 1 if n > 500 else 3
        one = best_of(partial(net.betweenness, threads=1), repeat)
        two = best_of(partial(net.betweenness, threads=2), repeat)
        igs = best_of(h.betweenness, repeat)
        if n <= 500:
            nxs, note = best_of(partial(nx.betweenness_centrality, g), 1), ""
        else:
            # Exact NetworkX would take tens of minutes: time 40 pivots and scale by n / 40.
            k = 40
            nxs, note = (
                best_of(partial(nx.betweenness_centrality, g, k=k, seed=0), 1) * n / k,
                " (est.)",
            )
        rows.append((f"G(n={n}, m={m}) 1 thread", one, nxs, igs, note))
        rows.append((f"G(n={n}, m={m}) 2 threads", two, nxs, igs, note))
        cpu_one = best_of(partial(net.betweenness, threads=1), 3, time.process_time)
        cpu_ig = best_of(h.betweenness, 3, time.process_time)
        cpu_rows.append((f"G(n={n}, m={m})", cpu_one, cpu_ig))
    report("Exact betweenness on G(n, m)", rows)
    print("\n## Exact betweenness, single-threaded, process CPU seconds (best of 3)\n")
    print("| graph | samkart 1 thread CPU s | igraph CPU s | igraph / samkart |")
    print("|---|---:|---:|---:|")
    for name, ours, theirs in cpu_rows:
        print(f"| {name} | {ours:.4f} | {theirs:.4f} | {theirs / ours:.2f}× |")


def synthetic(quick: bool) -> None:
    areas = 40 if quick else 400
    land = sk.datasets.synthetic(areas, 60)
    net = network(land)
    n = len(net)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("network(land)", lambda: network(land)),
        ("density", net.density),
        ("degree", net.degree),
        ("betweenness (256 pivots)", lambda: net.betweenness(samples=min(256, n))),
        (
            "betweenness (256 pivots, 2 threads)",
            lambda: net.betweenness(samples=min(256, n), threads=2),
        ),
        ("closeness (2 threads)", lambda: net.closeness(threads=2)),
        ("pagerank", net.pagerank),
        ("components", net.components),
        ("articulation_points", net.articulation_points),
        ("bridges", net.bridges),
        ("k_core", net.k_core),
        ("communities", net.communities),
        ("core_periphery", net.core_periphery),
        ("ei_index(by='sector')", net.ei_index),
        ("brokerage(by='sector')", net.brokerage),
        ("metrics(samples=256, threads=2)", lambda: net.metrics(samples=min(256, n), threads=2)),
    ]
    print(
        f"\n## datasets.synthetic({areas}, 60): {n} actors, {net.number_of_edges()} edges"
        f" ({'directed' if net.directed else 'undirected'})\n"
    )
    print("| measure | samkart s |")
    print("|---|---:|")
    for name, fn in steps:
        print(f"| {name} | {best_of(fn, 1):.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller graphs")
    args = parser.parse_args()
    print(
        f"# samkart network benchmarks ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, NetworkX {nx.__version__}, igraph {ig.__version__})"
    )
    municipal(args.quick)
    betweenness(args.quick)
    synthetic(args.quick)


if __name__ == "__main__":
    main()
