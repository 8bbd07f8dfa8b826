#pragma once
/// @file network_impl.hpp
/// The inside of samkart::Network: the merged edges and the Boost.Graph structures built once
/// per network. Private to src/ so that Boost.Graph's heavy headers stay out of the public API.

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "samkart/analysis/network.hpp"

namespace samkart {
namespace detail {

struct ArcWeight {
    double weight = 1;
};

/// Arcs with in- and out-edges: a directed network's arcs, or both directions of each edge
/// of an undirected one (so one traversal code serves both).
using ArcGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                    ArcWeight, boost::no_property,
                                                    std::uint32_t, std::uint32_t>;
/// The undirected view as an adjacency list, for the Boost algorithms that require
/// undirected graphs (connected and biconnected components, core numbers).
using UndirectedGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_index_t, std::size_t>>;

/// Out-neighbour lists in plain arrays (CSR), for the hand-written inner loops.
struct Adjacency {
    std::vector<std::uint32_t> offsets;  ///< n + 1
    std::vector<std::uint32_t> targets;
    std::vector<double> weights;
    [[nodiscard]] std::size_t size() const noexcept { return offsets.empty() ? 0 : offsets.size() - 1; }
};

/// CSR of `edges` (sorted by source) over n nodes; with `both_ways` each edge also gives its
/// reverse arc.
Adjacency make_adjacency(std::size_t n, const std::vector<NetworkEdge>& edges, bool both_ways);

/// Relabel a partition so that 0 is the largest part, ties broken by lowest node.
/// @return the number of parts.
std::uint32_t relabel_by_size(std::vector<std::uint32_t>& label);

}  // namespace detail

struct Network::Impl {
    bool directed = false;
    std::vector<Index> actors;                   ///< landscape index per node
    std::vector<std::string> sector, owner, area;  ///< actor attributes per node, for grouping
    std::vector<std::string> id;                 ///< actor id per node (a canonical order)
    std::vector<NetworkEdge> edges;  ///< arcs if directed, else the undirected edges (u < v)
    std::vector<NetworkEdge> pairs;  ///< the undirected view (u < v), all links merged
    detail::ArcGraph arcs;           ///< Boost CSR of the arcs (both ways if undirected)
    detail::Adjacency out;           ///< out-arcs
    detail::Adjacency in;            ///< in-arcs (reverse of `out`)
    detail::Adjacency sym;           ///< the undirected view, both ways

    [[nodiscard]] std::size_t n() const noexcept { return actors.size(); }
    [[nodiscard]] detail::UndirectedGraph undirected_graph() const;
};

}  // namespace samkart
