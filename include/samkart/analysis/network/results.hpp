#pragma once
/// @file results.hpp
/// The result types of the network analyses (analysis/network.hpp). Plain structs; every
/// per-actor vector is indexed by the Network's node index (`Network::actors()[node]` is the
/// actor's index in the Landscape).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace samkart {

/// What the weight of a merged edge counts.
enum class EdgeWeight : std::uint8_t {
    COUNT,      ///< the number of links merged into the edge
    INTENSITY,  ///< the sum of the links' PARTNER intensity, awareness 1 … integration 4
                ///< (a link without an intensity counts 1)
};

/// One edge of the network: all kept links between two actors merged. In a directed network
/// an arc `source → target`; in an undirected one `source < target`.
struct NetworkEdge {
    std::uint32_t source = 0;  ///< node index
    std::uint32_t target = 0;  ///< node index
    double weight = 0;         ///< see EdgeWeight
    std::uint32_t links = 0;   ///< number of links merged
    std::uint32_t kinds = 0;   ///< bit `1 << int(LinkKind)` set for each kind present
    bool formal = false;       ///< at least one of the links is formal
};

/// Degrees per node. In an undirected network `in == out == total`.
struct Degrees {
    std::vector<double> in, out, total;
};

/// Component labels per node: 0 is the largest component, ties broken by lowest node index.
struct Components {
    std::vector<std::uint32_t> weak;    ///< connected components of the undirected view
    std::vector<std::uint32_t> strong;  ///< strongly connected components (= weak if undirected)
    std::uint32_t weak_count = 0;
    std::uint32_t strong_count = 0;
};

/// A partition into communities and its modularity (Newman–Girvan with resolution γ).
struct Communities {
    std::vector<std::uint32_t> membership;  ///< 0 is the largest community
    std::uint32_t count = 0;
    double modularity = 0;
};

/// Borgatti–Everett discrete core–periphery partition.
struct CorePeriphery {
    std::vector<bool> core;  ///< true: the node is in the core
    double correlation = 0;  ///< Pearson r between the data and the ideal pattern (the fit)
};

/// Krackhardt–Stern E–I index for one grouping of the actors. Ties are the undirected view's
/// edges (weighted if asked). An index is NaN where there are no ties.
struct EIIndex {
    double index = 0;                    ///< (E − I) / (E + I) over the whole network
    double internal = 0, external = 0;   ///< I and E over the whole network
    std::vector<double> group_internal, group_external, group_index;  ///< by group code
    std::vector<double> node_internal, node_external, node_index;     ///< by node
};

/// Gould–Fernandez brokerage role counts per node: the number of open two-paths
/// `i → j → k` (no arc `i → k`) that node j mediates, by the groups of i, j and k.
struct Brokerage {
    std::vector<double> coordinator;     ///< w_I:  g(i) = g(j) = g(k)
    std::vector<double> itinerant;       ///< w_O:  g(i) = g(k) ≠ g(j) (consultant)
    std::vector<double> representative;  ///< b_IO: g(i) = g(j) ≠ g(k)  (sna: A → A → B)
    std::vector<double> gatekeeper;      ///< b_OI: g(i) ≠ g(j) = g(k)  (sna: A → B → B)
    std::vector<double> liaison;         ///< b_O:  g(i), g(j), g(k) all different
};

}  // namespace samkart
