#pragma once
/// @file network.hpp
/// The collaboration network (*samhandlingsnettverk*): the actor graph of a Landscape, built
/// once and queried many times (networkit style). Nodes are actors; the kept links between
/// two actors are merged into one edge that lists their kinds and carries a weight.
///
/// Direction: `referral` links run source → target; every other kind is symmetric. The
/// network is *directed* when at least one kept link is a referral; a symmetric link then
/// becomes two arcs. Measures that are undirected by definition (weak components,
/// articulation points, bridges, k-core, communities, core–periphery, E–I) use the
/// *undirected view*: one edge per pair of actors joined by any kept link, weighted by all
/// the links between them. Conventions follow NetworkX where it has the measure
/// (docs/network.md). Boost.Graph stays inside src/.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "samkart/analysis/network/results.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {

/// Which links and actors make the network.
struct NetworkOptions {
    std::optional<std::vector<LinkKind>> kinds;  ///< kinds kept; nullopt = all (empty = none)
    bool formal_only = false;          ///< keep only formal links
    /// keep actors serving this area, an area above it (a county-wide actor serves each of the
    /// county's municipalities) or an area below it
    std::optional<std::string> area;
    EdgeWeight weight = EdgeWeight::COUNT;
    /// Collapse organisational units into the organisation they are part of (`Actor::part_of`,
    /// followed to the top): nodes are the top actors only, a unit's links become its
    /// organisation's, links inside one organisation are dropped; with `area`, an organisation
    /// is kept when it or one of its units serves the area.
    bool collapse_units = false;
};

/// The actor graph of a Landscape. Immutable; every query is const and thread-safe.
class Network {
public:
    /// @throws UnknownIdError if `options.area` is not an area of `land`.
    explicit Network(const Landscape& land, const NetworkOptions& options = {});

    [[nodiscard]] bool directed() const noexcept;
    /// Landscape index of each node: every actor (in landscape order), or with `area` the
    /// actors that serve it, or with `collapse_units` the top actors of organisations only;
    /// actors without kept links are isolated nodes.
    [[nodiscard]] std::span<const Index> actors() const noexcept;
    [[nodiscard]] std::size_t num_nodes() const noexcept;
    /// Merged edges (arcs if directed), sorted by (source, target).
    [[nodiscard]] std::span<const NetworkEdge> edges() const noexcept;

    /// m / (n(n−1)) directed, 2m / (n(n−1)) undirected, 0 for n ≤ 1 (nx.density).
    [[nodiscard]] double density() const;
    /// Number of neighbours (arcs), or with `weighted` the sum of edge weights.
    [[nodiscard]] Degrees degree(bool weighted = false) const;

    /// Brandes' betweenness on hop counts, as nx.betweenness_centrality: an undirected pair
    /// counts once; `normalized` divides by (n−1)(n−2) (directed) or (n−1)(n−2)/2.
    /// @param samples use this many distinct random source pivots (nullopt: exact), scaled as
    ///        NetworkX 3.6: a pivot by 1/(k−1) (NaN if k = 1), the others by 1/k.
    /// @param threads worker threads over sources (0 = hardware concurrency).
    /// @throws ArgumentError if samples is 0 or exceeds the number of nodes.
    [[nodiscard]] std::vector<double> betweenness(bool normalized = true,
                                                  std::optional<std::size_t> samples = {},
                                                  std::uint64_t seed = 0,
                                                  unsigned threads = 1) const;
    /// Closeness on hop counts from incoming distances, Wasserman–Faust improved when
    /// `wf_improved` (nx.closeness_centrality).
    [[nodiscard]] std::vector<double> closeness(bool wf_improved = true, unsigned threads = 1) const;
    /// PageRank by power iteration until the L1 change is below n·tol; dangling nodes
    /// spread uniformly (nx.pagerank). @throws ArgumentError if alpha ∉ [0, 1];
    /// samkart::Error if it has not converged after `max_iter` iterations.
    [[nodiscard]] std::vector<double> pagerank(double alpha = 0.85, bool weighted = true,
                                               double tol = 1e-13, int max_iter = 10000) const;
    [[nodiscard]] Components components() const;
    /// Cut-points of the undirected view, in node order.
    [[nodiscard]] std::vector<std::uint32_t> articulation_points() const;
    /// Edges of the undirected view whose removal disconnects their ends, (u < v), sorted.
    [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges() const;
    /// Core number of each node in the undirected view (nx.core_number).
    [[nodiscard]] std::vector<std::uint32_t> k_core() const;
    /// Louvain on the weighted undirected view, best of `trials` runs seeded from `seed`.
    /// @throws ArgumentError if resolution < 0 or trials < 1.
    [[nodiscard]] Communities communities(double resolution = 1.0, std::uint64_t seed = 0,
                                          unsigned trials = 4) const;
    /// Modularity of a partition (one label per node) of the weighted undirected view.
    [[nodiscard]] double modularity(std::span<const std::uint32_t> membership,
                                    double resolution = 1.0) const;
    /// Borgatti–Everett discrete model on the binary undirected view.
    [[nodiscard]] CorePeriphery core_periphery() const;
    /// E–I index; `groups[node]` is a group code (negative: no group, ties ignored).
    [[nodiscard]] EIIndex ei_index(std::span<const std::int64_t> groups, bool weighted = false) const;
    /// Gould–Fernandez brokerage; `groups[node]` is a group code.
    [[nodiscard]] Brokerage brokerage(std::span<const std::int64_t> groups) const;

    /// Group code per node for an actor attribute, `by` one of "sector", "owner", "area"
    /// (the actor's first area; none = its own group ""), with `labels[code]`.
    /// @throws ArgumentError naming the accepted attributes.
    struct Grouping {
        std::vector<std::int64_t> codes;
        std::vector<std::string> labels;
    };
    [[nodiscard]] Grouping grouping(const std::string& by) const;

    struct Impl;

private:
    std::shared_ptr<const Impl> impl_;
};

/// The network of a landscape (Python: `samkart.network`).
[[nodiscard]] inline Network network(const Landscape& land, const NetworkOptions& options = {}) {
    return Network(land, options);
}

}  // namespace samkart
