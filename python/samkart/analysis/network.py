"""The collaboration network (*samhandlingsnettverk*): who works with whom.

``network(land)`` builds the actor graph of a landscape once, in C++ (Boost.Graph), and
returns a :class:`Network` whose methods run the analyses there, with the GIL released, and
return pandas objects indexed by actor id. The method behind each measure, its sources and its
conventions are in ``docs/network.md``.

Direction: ``referral`` links run source → target, every other kind is symmetric. The network
is directed when at least one kept link is a referral; a symmetric link then becomes two arcs.
Measures that are undirected by definition (weak components, articulation points, bridges,
k-core, communities, core–periphery, E–I index) use the *undirected view*: one edge per pair
of actors joined by any kept link. All kept links between two actors are merged into one edge
that lists their kinds and carries a weight (``weight="count"``: the number of links;
``"intensity"``: the sum of their PARTNER intensities, awareness 1 … integration 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from samkart import _core
from samkart.errors import ArgumentError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Communities", "CorePeriphery", "EIIndex", "Network", "network"]

#: Link kinds in the order of their bits in the compiled edge table (``1 << kind``).
_KINDS = (
    "agreement",
    "referral",
    "shared_plan",
    "information_sharing",
    "co_location",
    "joint_measure",
    "network",
)
_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def network(
    land: _core.Landscape,
    kinds: str | Iterable[str] | None = None,
    formal_only: bool = False,
    area: str | None = None,
    *,
    weight: str = "count",
    collapse_units: bool = False,
) -> Network:
    """The collaboration network of a landscape.

    Parameters
    ----------
    land : Landscape
    kinds : str or iterable of str, optional
        Link kinds to keep (``"agreement"``, ``"referral"``, ...); None keeps every kind, an
        empty list none.
    formal_only : bool
        Keep only formal links.
    area : str, optional
        Keep the actors that serve this area, an area above it (a county-wide actor serves
        each of the county's municipalities) or an area below it, and the links among them.
    weight : {"count", "intensity"}
        What the weight of a merged edge adds up.
    collapse_units : bool
        Merge organisational units into the organisation they are part of (``part_of``,
        followed to the top): nodes are organisations, a unit's links become its
        organisation's, links inside one organisation are dropped. With ``area``, an
        organisation is kept when it or one of its units serves the area.

    Raises
    ------
    ArgumentError
        (a ``ValueError``) for an unknown kind (the message lists the accepted kinds) or weight.
    UnknownIdError
        If ``area`` is not an area of the landscape.
    """
    if isinstance(kinds, str):
        kinds = [kinds]
    kind_list = None if kinds is None else list(kinds)
    core = _core.Network(land, kind_list, formal_only, area, weight, collapse_units)
    net = Network(land, core)
    net._link_filter = _LinkFilter(kind_list, formal_only, collapse_units)
    net._arguments = (kind_list, formal_only, area, weight, collapse_units)
    return net


def _rebuild(land: _core.Landscape, arguments: tuple[Any, ...]) -> Network:
    kinds, formal_only, area, weight, collapse_units = arguments
    return network(land, kinds, formal_only, area, weight=weight, collapse_units=collapse_units)


@dataclass(frozen=True)
class _LinkFilter:
    """Which links ``network`` kept (for :meth:`Network.write_gexf` with ``dynamic``)."""

    kinds: list[str] | None
    formal_only: bool
    collapse_units: bool


@dataclass(frozen=True)
class Communities:
    """A partition of the actors into communities (Louvain, see ``Network.communities``)."""

    membership: pd.Series
    """Community of each actor, 0 the largest."""
    modularity: float
    """Newman–Girvan modularity of the partition at the resolution asked (NaN without links)."""

    def __len__(self) -> int:
        return int(self.membership.max()) + 1 if len(self.membership) else 0

    @property
    def groups(self) -> list[list[str]]:
        """The actor ids of each community, largest first."""
        return [list(ids) for _, ids in self.membership.groupby(self.membership).groups.items()]


@dataclass(frozen=True)
class CorePeriphery:
    """Borgatti–Everett discrete core–periphery partition."""

    core: pd.Series
    """True for the actors in the core."""
    correlation: float
    """Pearson r between the network and the ideal pattern (NaN when undefined)."""


@dataclass(frozen=True)
class EIIndex:
    """Krackhardt–Stern E–I index: (external − internal) / (external + internal) ties."""

    index: float
    """The whole network's E–I index (NaN without ties)."""
    internal: float
    external: float
    groups: pd.DataFrame = field(repr=False)
    """Per group: ``internal``, ``external``, ``ei``."""
    actors: pd.DataFrame = field(repr=False)
    """Per actor: ``group``, ``internal``, ``external``, ``ei``."""


class Network:
    """The actor graph of a landscape, built once (use :func:`network`) and queried many times.

    Every per-actor result is a pandas object indexed by actor id, in landscape order.
    """

    def __init__(self, land: _core.Landscape, core: _core.Network) -> None:
        self._land = land
        self._core = core
        self._link_filter: _LinkFilter | None = None
        self._arguments: tuple[Any, ...] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its landscape (columns) and the arguments of :func:`network`, and built
        again on unpickling: the graph is a pure function of the two, cheaper to rebuild
        (O(actors + links)) than to ship, and an executor's worker gets the same network."""
        if self._arguments is None:
            raise TypeError("a Network made without samkart.network(...) cannot be pickled")
        return (_rebuild, (self._land, self._arguments))

    # --- structure -------------------------------------------------------------------------
    @cached_property
    def _table(self) -> dict[str, list[str]]:
        return dict(self._core.actor_table(self._land))

    @cached_property
    def actors(self) -> pd.Index:
        """The actor ids, the index of every result."""
        index: pd.Index = pd.Index(self._table["id"], dtype=object, name="actor")
        return index

    @property
    def directed(self) -> bool:
        """True when at least one kept link is a referral."""
        return bool(self._core.directed)

    def __len__(self) -> int:
        return int(self._core.num_nodes)

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        return f"<samkart.Network {kind}, {len(self)} actors, {self.number_of_edges()} edges>"

    def number_of_edges(self) -> int:
        """Merged edges (arcs when directed)."""
        return len(self._core.edges()["source"])

    def edges(self) -> pd.DataFrame:
        """One row per merged edge (arc when directed; ``source < target`` in actor order
        otherwise): ``source``, ``target``, ``weight``, ``links`` (how many links were
        merged), ``kinds`` (``;``-joined, in vocabulary order), ``formal`` (any link formal).
        """
        e = self._core.edges()
        ids = np.asarray(self._table["id"], dtype=object)
        masks, inverse = np.unique(e["kinds"], return_inverse=True)
        labels = np.array(
            [";".join(k for bit, k in enumerate(_KINDS) if int(m) >> bit & 1) for m in masks],
            dtype=object,
        )
        frame: pd.DataFrame = pd.DataFrame(
            {
                "source": ids[e["source"]],
                "target": ids[e["target"]],
                "weight": e["weight"],
                "links": e["links"].astype(np.int64),
                "kinds": labels[inverse] if len(masks) else np.array([], dtype=object),
                "formal": e["formal"],
            }
        )
        return frame

    def _series(self, values: Any, name: str) -> pd.Series:
        series: pd.Series = pd.Series(values, index=self.actors, name=name)
        return series

    # --- measures --------------------------------------------------------------------------
    def density(self) -> float:
        """Edges over possible edges: m / (n(n−1)) directed, 2m / (n(n−1)) undirected
        (``nx.density``); 0 for fewer than two actors."""
        return float(self._core.density())

    def degree(self, weighted: bool = False, normalized: bool = False) -> pd.DataFrame:
        """``in``, ``out`` and ``total`` degree of each actor (equal when undirected).

        ``weighted`` sums edge weights instead of counting neighbours; ``normalized`` divides
        by n − 1 (``nx.degree_centrality`` for ``total``, which gives 1 to a lone actor).
        """
        d_in, d_out, total = self._core.degree(weighted)
        frame: pd.DataFrame = pd.DataFrame(
            {"in": d_in, "out": d_out, "total": total}, index=self.actors
        )
        if normalized:
            frame = frame / (len(self) - 1) if len(self) > 1 else frame * 0.0 + 1.0
        return frame

    def betweenness(
        self,
        normalized: bool = True,
        samples: int | None = None,
        seed: int = 0,
        threads: int = 1,
    ) -> pd.Series:
        """Brandes betweenness on hop counts, as ``nx.betweenness_centrality``.

        Parameters
        ----------
        normalized : bool
            Divide by the number of pairs of other actors, (n−1)(n−2) directed or
            (n−1)(n−2)/2 undirected.
        samples : int, optional
            Estimate from this many random source actors (pivots) instead of all, scaled as
            NetworkX does (a pivot by k − 1, the others by k); ``samples=len(net)`` is exact.
        seed : int
            Seed of the pivot choice.
        threads : int
            Worker threads over sources (0: all cores).

        Raises
        ------
        ArgumentError
            If ``samples`` is not between 1 and the number of actors.
        """
        if samples is not None and not 1 <= samples <= len(self):
            msg = f"samples must be between 1 and the number of actors ({len(self)}), got {samples}"
            raise ArgumentError(msg)
        values = self._core.betweenness(normalized, samples, seed, threads)
        return self._series(values, "betweenness")

    def closeness(self, wf_improved: bool = True, threads: int = 1) -> pd.Series:
        """Closeness on hop counts, from incoming distances when directed, scaled by the
        share of actors reached when ``wf_improved`` (``nx.closeness_centrality``)."""
        return self._series(self._core.closeness(wf_improved, threads), "closeness")

    def pagerank(
        self, alpha: float = 0.85, weighted: bool = True, tol: float = 1e-13, max_iter: int = 10000
    ) -> pd.Series:
        """PageRank with uniform teleport and dangling actors spread uniformly
        (``nx.pagerank``), by power iteration until the L1 change is below n·tol."""
        return self._series(self._core.pagerank(alpha, weighted, tol, max_iter), "pagerank")

    def components(self) -> pd.DataFrame:
        """``weak`` and ``strong`` component of each actor, 0 the largest (strong = weak when
        undirected)."""
        weak, strong = self._core.components()
        frame: pd.DataFrame = pd.DataFrame(
            {"weak": weak.astype(np.int64), "strong": strong.astype(np.int64)}, index=self.actors
        )
        return frame

    def articulation_points(self) -> list[str]:
        """Cut-points: actors whose removal disconnects the undirected view, in actor order."""
        return list(self.actors[self._core.articulation_points()])

    def bridges(self) -> list[tuple[str, str]]:
        """Edges of the undirected view whose removal disconnects their ends, as (u, v) in
        actor order."""
        pairs = self._core.bridges()
        ids = np.asarray(self._table["id"], dtype=object)
        return list(zip(ids[pairs[:, 0]], ids[pairs[:, 1]], strict=True))

    def k_core(self) -> pd.Series:
        """Core number of each actor in the undirected view (``nx.core_number``)."""
        return self._series(self._core.k_core().astype(np.int64), "k_core")

    def communities(self, resolution: float = 1.0, seed: int = 0, trials: int = 4) -> Communities:
        """Louvain communities of the weighted undirected view (Blondel et al. 2008), the best
        of ``trials`` seeded runs, each refined until modularity stops rising.

        ``resolution`` γ > 1 favours smaller communities. The result is deterministic for a
        seed.
        """
        membership, q = self._core.communities(resolution, seed, trials)
        return Communities(self._series(membership.astype(np.int64), "community"), float(q))

    def modularity(
        self, membership: pd.Series | Mapping[str, Any], resolution: float = 1.0
    ) -> float:
        """Modularity of any partition (actor id → label) of the weighted undirected view."""
        labels = pd.Series(membership).reindex(self.actors)
        if labels.isna().any():
            missing = list(labels.index[labels.isna()][:5])
            msg = f"the partition has no label for actors {missing}"
            raise ArgumentError(msg)
        codes, _ = pd.factorize(labels)
        return float(self._core.modularity(codes.astype(np.uint32), resolution))

    def core_periphery(self) -> CorePeriphery:
        """Borgatti–Everett (1999) discrete core–periphery partition of the binary undirected
        view, maximising the correlation with the ideal pattern (core–core ties present,
        periphery–periphery absent, core–periphery pairs not scored)."""
        core, r = self._core.core_periphery()
        return CorePeriphery(self._series(core, "core"), float(r))

    def _groups(self, by: str | Mapping[str, Any] | pd.Series) -> tuple[np.ndarray, list[Any]]:
        if isinstance(by, str):
            codes, labels = self._core.grouping(by)
            return codes, list(labels)
        labels = pd.Series(by).reindex(self.actors)
        codes, uniques = pd.factorize(labels)  # actors without a label get -1
        return codes.astype(np.int64), list(uniques)

    def ei_index(
        self, by: str | Mapping[str, Any] | pd.Series = "sector", weighted: bool = False
    ) -> EIIndex:
        """Krackhardt–Stern E–I index of the undirected view for a grouping of the actors.

        ``by`` is ``"sector"``, ``"owner"``, ``"area"`` (an actor's first area) or a mapping
        from actor id to group; actors missing from a mapping and their ties are left out.
        ``weighted`` counts ties by their weight.
        """
        codes, labels = self._groups(by)
        r = self._core.ei_index(codes, weighted)
        n_groups = len(r["group_index"])
        groups = pd.DataFrame(
            {
                "internal": r["group_internal"],
                "external": r["group_external"],
                "ei": r["group_index"],
            },
            index=pd.Index(labels[:n_groups], name="group"),
        )
        group_of = np.asarray([*labels, None], dtype=object)[
            np.where(codes < 0, len(labels), codes)
        ]
        actors = pd.DataFrame(
            {
                "group": group_of,
                "internal": r["node_internal"],
                "external": r["node_external"],
                "ei": r["node_index"],
            },
            index=self.actors,
        )
        return EIIndex(
            float(r["index"]), float(r["internal"]), float(r["external"]), groups, actors
        )

    def brokerage(self, by: str | Mapping[str, Any] | pd.Series = "sector") -> pd.DataFrame:
        """Gould–Fernandez brokerage roles: for each actor j, the open two-paths i → j → k
        (no arc i → k) it mediates, by group (statnet ``sna::brokerage`` raw counts).

        Columns ``coordinator`` (A→A→A), ``itinerant`` (A→B→A), ``representative`` (A→A→B),
        ``gatekeeper`` (A→B→B), ``liaison`` (A→B→C) and ``total``. A symmetric link is two
        arcs, so an undirected two-path counts once in each direction.
        """
        codes, _ = self._groups(by)
        r = self._core.brokerage(codes)
        frame: pd.DataFrame = pd.DataFrame({role: r[role] for role in _ROLES}, index=self.actors)
        frame["total"] = frame.sum(axis=1)
        return frame

    def metrics(self, samples: int | None = None, seed: int = 0, threads: int = 1) -> pd.DataFrame:
        """One row per actor: name, sector, owner, degrees, strength (weighted degree),
        betweenness (``samples`` pivots if given), closeness, pagerank, k-core, component,
        community, articulation point and core membership."""
        degree = self.degree()
        frame: pd.DataFrame = pd.DataFrame(
            {
                "name": self._table["name"],
                "sector": self._table["sector"],
                "owner": self._table["owner"],
                "degree": degree["total"].to_numpy(),
                "in_degree": degree["in"].to_numpy(),
                "out_degree": degree["out"].to_numpy(),
            },
            index=self.actors,
        )
        frame["strength"] = self.degree(weighted=True)["total"]
        frame["betweenness"] = self.betweenness(samples=samples, seed=seed, threads=threads)
        frame["closeness"] = self.closeness(threads=threads)
        frame["pagerank"] = self.pagerank()
        frame["k_core"] = self.k_core()
        frame["component"] = self.components()["weak"]
        frame["community"] = self.communities(seed=seed).membership
        cut = np.zeros(len(self), dtype=bool)
        cut[self._core.articulation_points()] = True
        frame["articulation_point"] = cut
        frame["core"] = self.core_periphery().core
        return frame

    # --- export ----------------------------------------------------------------------------
    def to_networkx(self) -> nx.Graph[str]:
        """A ``networkx.DiGraph`` (directed) or ``Graph`` with the actors' name, sector, owner
        and areas as node attributes and weight, links, kinds and formal as edge attributes."""
        try:
            import networkx as nx
        except ImportError as err:  # pragma: no cover - networkx is a test dependency
            msg = "to_networkx and the GraphML/GEXF writers need networkx: pip install networkx"
            raise ImportError(msg) from err
        graph: nx.Graph[str] = nx.DiGraph() if self.directed else nx.Graph()
        table = self._table
        graph.add_nodes_from(
            (i, {"name": n, "sector": s, "owner": o, "areas": a})
            for i, n, s, o, a in zip(
                table["id"],
                table["name"],
                table["sector"],
                table["owner"],
                table["areas"],
                strict=True,
            )
        )
        edges = self.edges()
        graph.add_edges_from(
            (s, t, {"weight": float(w), "links": int(n), "kinds": k, "formal": bool(f)})
            for s, t, w, n, k, f in edges.itertuples(index=False, name=None)
        )
        return graph

    def write_graphml(self, path: str | PathLike[str]) -> None:
        """Write the network as GraphML (for Gephi, Cytoscape, igraph), with attributes; valid
        GraphML 1.1 (:func:`samkart.export.write_graphml`: an actor id that is not an XML name
        token gets a node id that is, and every node keeps its actor id as ``actor_id``)."""
        from samkart.io.export import write_graphml

        write_graphml(self.to_networkx(), path)

    def write_gexf(self, path: str | PathLike[str], *, dynamic: bool = False) -> None:
        """Write the network as GEXF 1.2 (Gephi's format), with attributes; nodes are labelled
        with the actors' names (:func:`samkart.export.write_gexf`).

        With ``dynamic=True`` the graph is dynamic (``timeformat="date"``) for Gephi's
        timeline: each edge is in force from its links' ``since`` to their ``until``
        (:func:`samkart.export.edge_spells`), open where they give none; actors carry no
        dates and are shown throughout."""
        from samkart.io.export import write_gexf

        write_gexf(self, path, dynamic=dynamic)
