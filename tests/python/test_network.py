"""The collaboration network: hand-worked graphs, and property tests on random landscapes
against NetworkX (and igraph) for every measure that has a peer."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samkart as sk
from samkart.analysis.network import Network, network

TOL = 1e-9
# Derandomized: the same few hundred random graphs on every run, so CI cannot flake.
PROPERTY = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

Link = tuple[int, int, str]


def landscape(n: int, links: Sequence[Link], sectors: Sequence[str] | None = None) -> sk.Landscape:
    """n actors a0 … a{n-1} and the links (source, target, kind), through the public API."""
    land = sk.Landscape(name="random")
    land.add_area("c", name="County", kind="county")
    land.add_area("m", name="Municipality", kind="municipality", parent="c")
    for i in range(n):
        sector = sectors[i] if sectors else "school"
        owner = "county" if i % 3 == 0 else "municipal"
        land.add_actor(f"a{i}", name=f"Actor {i}", sector=sector, owner=owner, areas=["m"])
    for s, t, kind in links:
        land.add_link(f"a{s}", f"a{t}", kind=kind)
    return land


def reference(n: int, links: Sequence[Link]) -> tuple[nx.Graph, nx.Graph]:
    """The network as samkart documents it, built independently with NetworkX: the graph
    (directed if any referral, symmetric links as two arcs) and the undirected view; the
    weight of an edge is the number of links merged into it."""
    directed = any(kind == "referral" for _, _, kind in links)
    g: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    view = nx.Graph()
    for graph in (g, view):
        graph.add_nodes_from(f"a{i}" for i in range(n))

    def bump(graph: nx.Graph, u: str, v: str) -> None:
        if graph.has_edge(u, v):
            graph[u][v]["weight"] += 1
        else:
            graph.add_edge(u, v, weight=1)

    for s, t, kind in links:
        u, v = f"a{s}", f"a{t}"
        bump(view, u, v)
        bump(g, u, v)
        if directed and kind != "referral":
            bump(g, v, u)
    return g, view


@st.composite
def random_graphs(draw: st.DrawFn) -> tuple[int, list[Link]]:
    """1–24 actors (some isolated), parallel links, directed (with referrals) or not."""
    n = draw(st.integers(1, 24))
    directed = draw(st.booleans())
    kinds = ["agreement", "network", "co_location"] + (["referral"] * 2 if directed else [])
    if n < 2:
        return n, []
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    links = draw(st.lists(st.tuples(pair, st.sampled_from(kinds)), max_size=3 * n))
    return n, [(s, t, kind) for (s, t), kind in links]


def close(ours: pd.Series, theirs: dict[str, float]) -> None:
    expected = pd.Series(theirs).reindex(ours.index)
    np.testing.assert_allclose(ours.to_numpy(float), expected.to_numpy(float), rtol=TOL, atol=TOL)


def partition(labels: pd.Series) -> set[frozenset[str]]:
    return {frozenset(ids) for ids in labels.groupby(labels).groups.values()}


# --- property tests against NetworkX ----------------------------------------------------------


@PROPERTY
@given(random_graphs())
def test_measures_agree_with_networkx(graph: tuple[int, list[Link]]) -> None:
    n, links = graph
    net = network(landscape(n, links))
    g, view = reference(n, links)
    assert net.directed == g.is_directed()
    assert net.number_of_edges() == g.number_of_edges()
    assert math.isclose(net.density(), nx.density(g), abs_tol=TOL)

    for weighted, weight in ((False, None), (True, "weight")):
        d = net.degree(weighted=weighted)
        close(d["total"], dict(g.degree(weight=weight)))
        if g.is_directed():
            close(d["in"], dict(g.in_degree(weight=weight)))
            close(d["out"], dict(g.out_degree(weight=weight)))
    close(net.degree(normalized=True)["total"], nx.degree_centrality(g))

    for normalized in (True, False):
        close(
            net.betweenness(normalized=normalized),
            nx.betweenness_centrality(g, normalized=normalized),
        )
    close(net.betweenness(threads=2), nx.betweenness_centrality(g))
    close(net.closeness(), nx.closeness_centrality(g))
    close(net.closeness(wf_improved=False), nx.closeness_centrality(g, wf_improved=False))
    close(net.pagerank(), nx.pagerank(g, tol=1e-15, max_iter=100000))
    close(
        net.pagerank(weighted=False, alpha=0.7),
        nx.pagerank(g, alpha=0.7, weight=None, tol=1e-15, max_iter=100000),
    )

    comps = net.components()
    assert partition(comps["weak"]) == {frozenset(c) for c in nx.connected_components(view)}
    strong = nx.strongly_connected_components(g) if g.is_directed() else nx.connected_components(g)
    assert partition(comps["strong"]) == {frozenset(c) for c in strong}
    sizes = comps["weak"].value_counts().sort_index()
    assert sizes.is_monotonic_decreasing  # component 0 is the largest

    assert set(net.articulation_points()) == set(nx.articulation_points(view))
    assert {frozenset(b) for b in net.bridges()} == {frozenset(b) for b in nx.bridges(view)}
    close(net.k_core(), nx.core_number(view))


@PROPERTY
@given(random_graphs(), st.integers(0, 20), st.sampled_from([0.5, 1.0, 2.0]))
def test_communities_reach_networkx_louvain(
    graph: tuple[int, list[Link]], seed: int, resolution: float
) -> None:
    n, links = graph
    net = network(landscape(n, links))
    _, view = reference(n, links)
    found = net.communities(resolution=resolution, seed=seed)
    if view.number_of_edges() == 0:
        assert math.isnan(found.modularity)
        assert len(found) == n
        return
    groups = [set(ids) for ids in found.groups]
    ours = nx.community.modularity(view, groups, weight="weight", resolution=resolution)
    assert math.isclose(found.modularity, ours, abs_tol=TOL)
    assert math.isclose(net.modularity(found.membership, resolution), ours, abs_tol=TOL)
    louvain = nx.community.louvain_communities(
        view, weight="weight", resolution=resolution, seed=seed
    )
    theirs = nx.community.modularity(view, louvain, weight="weight", resolution=resolution)
    assert found.modularity >= theirs - TOL


@PROPERTY
@given(random_graphs())
def test_pagerank_agrees_with_igraph(graph: tuple[int, list[Link]]) -> None:
    import igraph as ig

    n, links = graph
    net = network(landscape(n, links))
    g, _ = reference(n, links)
    edges = [(int(u[1:]), int(v[1:])) for u, v in g.edges()]
    h = ig.Graph(n=n, edges=edges, directed=g.is_directed())
    weights = [g[u][v]["weight"] for u, v in g.edges()]
    expected = h.pagerank(weights=weights or None, directed=g.is_directed())
    np.testing.assert_allclose(net.pagerank().to_numpy(), expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(
        net.betweenness(normalized=False).to_numpy(),
        h.betweenness(directed=g.is_directed()),
        atol=1e-9,
    )


@PROPERTY
@given(random_graphs(), st.integers(0, 1000))
def test_sampled_betweenness_is_exact_with_every_pivot(
    graph: tuple[int, list[Link]], seed: int
) -> None:
    n, links = graph
    net = network(landscape(n, links))
    exact = net.betweenness()
    np.testing.assert_allclose(
        net.betweenness(samples=n, seed=seed).to_numpy(), exact.to_numpy(), atol=TOL
    )


@PROPERTY
@given(random_graphs())
def test_core_periphery_fit_is_the_correlation_it_reports(graph: tuple[int, list[Link]]) -> None:
    n, links = graph
    net = network(landscape(n, links))
    found = net.core_periphery()
    if math.isnan(found.correlation):
        assert not found.core.any()
        return
    assert math.isclose(found.correlation, core_fit(net, found.core), abs_tol=TOL)
    # At least as good as every core made of the k highest-degree actors.
    _, view = reference(n, links)
    order = sorted(view.nodes, key=lambda v: (-view.degree(v), int(v[1:])))
    for k in range(2, n - 1):
        core = pd.Series(False, index=net.actors)
        core[order[:k]] = True
        r = core_fit(net, core)
        assert math.isnan(r) or found.correlation >= r - TOL


def core_fit(net: Network, core: pd.Series) -> float:
    """Pearson r over core–core and periphery–periphery pairs (Borgatti & Everett 1999)."""
    edges = {frozenset(p) for p in zip(net.edges()["source"], net.edges()["target"], strict=True)}
    data, ideal = [], []
    for u, v in itertools.combinations(net.actors, 2):
        if core[u] != core[v]:
            continue
        data.append(frozenset((u, v)) in edges)
        ideal.append(bool(core[u]))
    x, y = np.asarray(data, float), np.asarray(ideal, float)
    if len(x) < 2 or x.std() == 0 or y.std() == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


# --- hand-worked examples ---------------------------------------------------------------------


def test_brokerage_of_a_hand_worked_example() -> None:
    # Gould & Fernandez: j brokers i → j → k when i ↛ k. Groups x (a3, a4, a5), y (a0, a1,
    # a2), z (a6); broker a0 receives from a1, a3, a6 and sends to a2, a4, a5; a3 → a4 closes
    # one two-path. sna::brokerage counts: w_I 1, w_O 1, b_IO 2, b_OI 2, b_O 2.
    links = [
        (1, 0, "referral"),
        (3, 0, "referral"),
        (6, 0, "referral"),
        (0, 2, "referral"),
        (0, 4, "referral"),
        (0, 5, "referral"),
        (3, 4, "referral"),
    ]
    net = network(landscape(7, links, sectors="yyyxxxz"))
    b = net.brokerage(by="sector")
    assert list(b.columns) == [
        "coordinator",
        "itinerant",
        "representative",
        "gatekeeper",
        "liaison",
        "total",
    ]
    assert b.loc["a0"].tolist() == [1, 1, 2, 2, 2, 8]
    assert (b.drop(index="a0")["total"] == 0).all()
    # The same by an explicit mapping, and an undirected two-path counted in both directions.
    mapping = dict(zip(net.actors, "yyyxxxz", strict=True))
    pd.testing.assert_frame_equal(net.brokerage(by=mapping), b)
    sym = network(landscape(3, [(0, 1, "agreement"), (1, 2, "agreement")], sectors="xyx"))
    assert sym.brokerage().loc["a1"].tolist() == [0, 2, 0, 0, 0, 2]  # x→y→x twice: itinerant


def test_ei_index_by_hand() -> None:
    # Sectors x x y y; ties a0–a1 and a2–a3 internal; a0–a2, a1–a3, a0–a3 external.
    links = [
        (0, 1, "agreement"),
        (2, 3, "network"),
        (0, 2, "agreement"),
        (1, 3, "agreement"),
        (0, 3, "agreement"),
    ]
    net = network(landscape(4, links, sectors="xxyy"))
    ei = net.ei_index("sector")
    assert (ei.internal, ei.external) == (2, 3)
    assert ei.index == pytest.approx((3 - 2) / 5)
    assert ei.groups.loc["x"].tolist() == pytest.approx([1, 3, (3 - 1) / 4])
    assert ei.actors.loc["a0", "ei"] == pytest.approx((2 - 1) / 3)
    assert ei.actors.loc["a0", "group"] == "x"
    # By owner: a0 and a3 are county, a1 and a2 municipal.
    by_owner = net.ei_index("owner")
    assert (by_owner.internal, by_owner.external) == (1, 4)  # only a0–a3 inside
    assert math.isnan(network(landscape(3, [])).ei_index().index)


def test_core_periphery_by_hand() -> None:
    # A 4-clique with one pendant on each member: the clique is the core and the fit perfect.
    clique = [(i, j, "agreement") for i, j in itertools.combinations(range(4), 2)]
    pendants = [(i, i + 4, "agreement") for i in range(4)]
    found = network(landscape(8, clique + pendants)).core_periphery()
    assert found.correlation == pytest.approx(1.0)
    assert found.core[found.core].index.tolist() == ["a0", "a1", "a2", "a3"]
    # A star of 5 with one more tie a1–a2. Core {a0, a1}: its one pair tied, and the
    # periphery {a2, a3, a4} has no tie (a0–a2 and a1–a2 are core–periphery pairs, not
    # scored): a perfect fit, r = 1, found from the highest-degree actors first.
    star = network(landscape(5, [(0, i, "agreement") for i in range(1, 5)] + [(1, 2, "agreement")]))
    found = star.core_periphery()
    assert found.correlation == pytest.approx(1.0)
    assert found.core[found.core].index.tolist() == ["a0", "a1"]
    # Core {a0, a3}: cc 1 pair, tied; pp {a1, a2, a4}: 3 pairs, a1–a2 tied. N = 4, Σx = 2,
    # Σy = 1, Σxy = 1: r = (4 − 2) / √((8 − 4)(4 − 1)) = 2 / √12.
    other = pd.Series([True, False, False, True, False], index=star.actors)
    assert core_fit(star, other) == pytest.approx(2 / math.sqrt(12))


def test_a_path_worked_by_hand() -> None:
    net = network(landscape(5, [(0, 1, "agreement"), (1, 2, "agreement"), (2, 3, "agreement")]))
    assert not net.directed
    assert net.density() == pytest.approx(0.3)
    assert net.betweenness().tolist() == pytest.approx([0, 1 / 3, 1 / 3, 0, 0])
    assert net.articulation_points() == ["a1", "a2"]
    assert net.bridges() == [("a0", "a1"), ("a1", "a2"), ("a2", "a3")]
    assert net.k_core().tolist() == [1, 1, 1, 1, 0]
    assert net.components()["weak"].tolist() == [0, 0, 0, 0, 1]


# --- the network as built from links ----------------------------------------------------------


def test_parallel_links_merge_into_one_edge_with_kinds_and_weight() -> None:
    land = landscape(3, [(0, 1, "agreement"), (1, 0, "network"), (1, 2, "referral")])
    land.add_link("a0", "a1", kind="co_location", formal=True, intensity="integration")
    net = network(land)
    assert net.directed
    edges = net.edges().set_index(["source", "target"])
    assert edges.loc[("a0", "a1"), "kinds"] == "agreement;co_location;network"
    assert edges.loc[("a0", "a1"), "links"] == 3
    assert bool(edges.loc[("a0", "a1"), "formal"])
    assert ("a2", "a1") not in edges.index  # a referral is one arc
    intensity = network(land, weight="intensity").edges().set_index(["source", "target"])
    assert intensity.loc[("a0", "a1"), "weight"] == 1 + 1 + 4
    assert network(land, kinds="referral").number_of_edges() == 1
    assert network(land, kinds=["agreement", "network"]).directed is False
    assert network(land, formal_only=True).number_of_edges() == 1
    assert network(land, kinds=[]).number_of_edges() == 0


def test_area_keeps_the_actors_serving_it(vt: sk.Landscape) -> None:
    county = next(a.id for a in vt.areas if a.kind == "county")
    municipality = next(a.id for a in vt.areas if a.kind == "municipality")
    whole = network(vt)
    assert len(network(vt, area=county)) <= len(whole)
    local = network(vt, area=municipality)
    assert set(local.actors) <= set(whole.actors)
    # Skien's network holds its own actors and the county-wide ones that serve it (the
    # county's OT and NAV), not another municipality's own.
    skien = set(network(vt, area="3807", collapse_units=True).actors)
    names = {a.id: a.name for a in vt.actors}
    assert any("Oppfølgingstjenesten" in names[a] for a in skien)
    assert not any(names[a].endswith(", Larvik") or names[a].endswith("i Larvik")
                   for a in skien)


def test_metrics_has_one_row_per_actor(vt: sk.Landscape) -> None:
    net = network(vt)
    m = net.metrics()
    assert list(m.index) == list(net.actors)
    assert {
        "degree",
        "betweenness",
        "closeness",
        "pagerank",
        "k_core",
        "component",
        "community",
        "articulation_point",
        "core",
        "name",
        "sector",
        "owner",
    } <= set(m.columns)
    assert m["pagerank"].sum() == pytest.approx(1.0)
    assert set(m.index[m["articulation_point"]]) == set(net.articulation_points())


def test_export_keeps_attributes(tmp_path: Path, vt: sk.Landscape) -> None:
    net = network(vt)
    g = net.to_networkx()
    assert g.number_of_nodes() == len(net)
    assert g.number_of_edges() == net.number_of_edges()
    actor = vt.actors[0]
    assert g.nodes[actor.id]["name"] == actor.name
    net.write_graphml(tmp_path / "vt.graphml")
    back = nx.read_graphml(tmp_path / "vt.graphml")
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes[actor.id]["sector"] == actor.sector
    net.write_gexf(tmp_path / "vt.gexf")
    assert nx.read_gexf(tmp_path / "vt.gexf").number_of_nodes() == len(net)


# --- bad input --------------------------------------------------------------------------------


def test_bad_input_is_named() -> None:
    land = landscape(3, [(0, 1, "agreement")])
    accepted = (
        "agreement|referral|shared_plan|information_sharing|co_location|joint_measure|network"
    )
    with pytest.raises(
        ValueError, match=re.escape(f"unknown link kind 'refferal'; expected one of {accepted}")
    ):
        network(land, kinds=["refferal"])
    with pytest.raises(sk.UnknownIdError, match="nowhere"):
        network(land, area="nowhere")
    with pytest.raises(ValueError, match=r"expected count\|intensity"):
        network(land, weight="trust")
    net = network(land)
    with pytest.raises(ValueError, match="between 1 and the number of actors"):
        net.betweenness(samples=4)
    with pytest.raises(ValueError, match=r"expected sector\|owner\|area"):
        net.brokerage(by="colour")


def test_a_network_without_links_gives_empty_results() -> None:
    net = network(landscape(4, []))
    assert net.density() == 0
    assert net.edges().empty
    assert (net.betweenness() == 0).all()
    assert net.articulation_points() == []
    assert net.bridges() == []
    assert net.pagerank().tolist() == pytest.approx([0.25] * 4)
    assert len(net.communities()) == 4
    assert len(net.metrics()) == 4
    empty = network(sk.Landscape(name="nobody"))
    assert len(empty) == 0
    assert empty.pagerank().empty
    assert empty.metrics().empty
