/// @file network_communities.cpp
/// Louvain community detection (Blondel et al. 2008) with a resolution parameter
/// (Reichardt & Bornholdt 2006) on the weighted undirected view. Boost.Graph has no
/// modularity optimiser, so this one is written by hand and checked against NetworkX.
///
/// Each trial: local moving in random node order until no move improves modularity, then
/// aggregation of communities into nodes, repeated until a level moves nothing. The whole
/// multilevel run is then restarted from its own result on the original graph (moves that
/// only pay after aggregation changed the neighbourhoods) until modularity stops rising.
/// The best of `trials` seeded runs is returned.

#include "analysis/network_impl.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "random.hpp"

namespace samkart {
namespace {

/// A weighted undirected graph, both directions stored, self-loops apart.
struct WeightedGraph {
    detail::Adjacency adj;
    std::vector<double> loop;      ///< A_ii (twice the internal weight after aggregation)
    std::vector<double> strength;  ///< k_i = Σ_j A_ij, loops included
};

WeightedGraph from_view(const detail::Adjacency& sym) {
    WeightedGraph g{sym, std::vector<double>(sym.size(), 0.0), std::vector<double>(sym.size(), 0.0)};
    for (std::size_t v = 0; v < sym.size(); ++v)
        for (auto i = sym.offsets[v]; i < sym.offsets[v + 1]; ++i) g.strength[v] += sym.weights[i];
    return g;
}

/// Local moving from `comm`; returns true if any node moved.
bool local_moving(const WeightedGraph& g, std::vector<std::uint32_t>& comm, double gamma,
                  double two_m, detail::Xoshiro256& rng) {
    const auto n = g.adj.size();
    std::vector<double> total(n, 0.0), to(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) total[comm[v]] += g.strength[v];
    std::vector<std::uint32_t> order(n), touched;
    std::iota(order.begin(), order.end(), 0U);
    detail::shuffle(order, rng);
    bool any = false;
    for (int pass = 0; pass < 1000; ++pass) {
        std::size_t moved = 0;
        for (auto v : order) {
            const auto old = comm[v];
            const double k = g.strength[v];
            touched.clear();
            touched.push_back(old);
            to[old] = 0;
            for (auto i = g.adj.offsets[v]; i < g.adj.offsets[v + 1]; ++i) {
                const auto c = comm[g.adj.targets[i]];
                if (to[c] == 0 && std::find(touched.begin(), touched.end(), c) == touched.end())
                    touched.push_back(c);
                to[c] += g.adj.weights[i];
            }
            total[old] -= k;
            auto best = old;
            double best_gain = to[old] - gamma * total[old] * k / two_m;
            for (auto c : touched) {
                const double gain = to[c] - gamma * total[c] * k / two_m;
                // Strictly better by more than rounding: moves that gain nothing would cycle.
                if (gain > best_gain + 1e-12 * (std::abs(best_gain) + 1)) {
                    best = c;
                    best_gain = gain;
                }
            }
            total[best] += k;
            comm[v] = best;
            if (best != old) ++moved;
            for (auto c : touched) to[c] = 0;
        }
        if (moved == 0) break;
        any = true;
    }
    return any;
}

/// Renumber `comm` densely and build the graph of communities.
WeightedGraph aggregate(const WeightedGraph& g, std::vector<std::uint32_t>& comm) {
    const auto n = g.adj.size();
    std::vector<std::uint32_t> dense(n, std::numeric_limits<std::uint32_t>::max());
    std::uint32_t count = 0;
    for (auto& c : comm) {
        if (dense[c] == std::numeric_limits<std::uint32_t>::max()) dense[c] = count++;
        c = dense[c];
    }
    std::vector<NetworkEdge> edges;
    WeightedGraph h{{}, std::vector<double>(count, 0.0), std::vector<double>(count, 0.0)};
    for (std::size_t v = 0; v < n; ++v) {
        h.loop[comm[v]] += g.loop[v];
        h.strength[comm[v]] += g.strength[v];
        for (auto i = g.adj.offsets[v]; i < g.adj.offsets[v + 1]; ++i) {
            const auto a = comm[v], b = comm[g.adj.targets[i]];
            if (a == b) h.loop[a] += g.adj.weights[i];  // seen from both ends: A_aa = 2 w
            else if (a < b) edges.push_back({a, b, g.adj.weights[i], 1, 0, false});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
        return std::tie(x.source, x.target) < std::tie(y.source, y.target);
    });
    std::vector<NetworkEdge> merged;
    for (const auto& e : edges) {
        if (!merged.empty() && merged.back().source == e.source && merged.back().target == e.target)
            merged.back().weight += e.weight;
        else
            merged.push_back(e);
    }
    h.adj = detail::make_adjacency(count, merged, true);
    return h;
}

/// One multilevel Louvain run from `membership` (one label per original node), which it
/// leaves renumbered densely.
void multilevel(const WeightedGraph& base, std::vector<std::uint32_t>& membership, double gamma,
                double two_m, detail::Xoshiro256& rng) {
    local_moving(base, membership, gamma, two_m, rng);
    WeightedGraph g = aggregate(base, membership);
    for (;;) {
        std::vector<std::uint32_t> comm(g.adj.size());
        std::iota(comm.begin(), comm.end(), 0U);
        if (!local_moving(g, comm, gamma, two_m, rng)) break;
        WeightedGraph h = aggregate(g, comm);
        for (auto& m : membership) m = comm[m];
        g = std::move(h);
    }
}

/// Newman's modularity with resolution γ of a partition of a symmetric adjacency.
double modularity_of(const detail::Adjacency& sym, std::span<const std::uint32_t> membership,
                     double resolution) {
    const auto n = sym.size();
    double two_m = 0;
    std::uint32_t count = 0;
    for (auto c : membership) count = std::max(count, c + 1);
    std::vector<double> degree(count, 0.0), internal(count, 0.0);
    for (std::size_t v = 0; v < n; ++v)
        for (auto i = sym.offsets[v]; i < sym.offsets[v + 1]; ++i) {
            const double w = sym.weights[i];
            two_m += w;
            degree[membership[v]] += w;
            if (membership[v] == membership[sym.targets[i]]) internal[membership[v]] += w;
        }
    if (two_m == 0) return std::numeric_limits<double>::quiet_NaN();
    double q = 0;
    for (std::uint32_t c = 0; c < count; ++c)
        q += internal[c] / two_m - resolution * (degree[c] / two_m) * (degree[c] / two_m);
    return q;
}

}  // namespace

double Network::modularity(std::span<const std::uint32_t> membership, double resolution) const {
    if (membership.size() != impl_->sym.size())
        throw ArgumentError("modularity: one community label per actor is needed");
    return modularity_of(impl_->sym, membership, resolution);
}

Communities Network::communities(double resolution, std::uint64_t seed, unsigned trials) const {
    if (!(resolution >= 0)) throw ArgumentError("communities: resolution must be >= 0");
    if (trials < 1) throw ArgumentError("communities: trials must be >= 1");
    const auto n = impl_->n();
    // Louvain runs on the nodes renumbered by actor id, so that the order in which the records
    // were added changes nothing: visiting order, tie-breaks and labels all follow the ids.
    std::vector<std::uint32_t> by_id(n), rank(n);
    std::iota(by_id.begin(), by_id.end(), 0U);
    std::sort(by_id.begin(), by_id.end(),
              [&](std::uint32_t a, std::uint32_t b) { return impl_->id[a] < impl_->id[b]; });
    for (std::uint32_t r = 0; r < n; ++r) rank[by_id[r]] = r;
    std::vector<NetworkEdge> canonical;
    canonical.reserve(impl_->pairs.size());
    for (auto e : impl_->pairs) {
        const auto u = rank[e.source], v = rank[e.target];
        e.source = std::min(u, v);
        e.target = std::max(u, v);
        canonical.push_back(e);
    }
    std::sort(canonical.begin(), canonical.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
        return std::tie(x.source, x.target) < std::tie(y.source, y.target);
    });
    const auto base = from_view(detail::make_adjacency(n, canonical, true));
    // Modularity on the id-ordered graph, so that even its last bits do not depend on the
    // order of the records (the best trial is chosen by it).
    const auto modularity_by_id = [&](const std::vector<std::uint32_t>& membership) {
        return modularity_of(base.adj, membership, resolution);
    };
    const double two_m = std::accumulate(base.strength.begin(), base.strength.end(), 0.0);
    Communities best;
    best.membership.resize(n);
    std::iota(best.membership.begin(), best.membership.end(), 0U);
    if (two_m == 0) {  // no links: every actor alone, numbered by id
        best.membership = rank;
        best.count = static_cast<std::uint32_t>(n);
        best.modularity = std::numeric_limits<double>::quiet_NaN();
        return best;
    }
    best.modularity = -std::numeric_limits<double>::infinity();
    detail::Xoshiro256 rng(seed, 0x5a6d6b617274);
    for (unsigned t = 0; t < trials; ++t) {
        std::vector<std::uint32_t> membership(n);
        std::iota(membership.begin(), membership.end(), 0U);
        double q = -std::numeric_limits<double>::infinity();
        for (int restart = 0; restart < 100; ++restart) {
            auto candidate = membership;
            multilevel(base, candidate, resolution, two_m, rng);
            const double cq = modularity_by_id(candidate);
            if (!(cq > q + 1e-12)) break;
            q = cq;
            membership = std::move(candidate);
        }
        if (q > best.modularity) {
            best.modularity = q;
            best.membership = std::move(membership);
        }
    }
    // Labels by size, ties by lowest id; then back from id order to node order.
    best.count = detail::relabel_by_size(best.membership);
    std::vector<std::uint32_t> membership(n);
    for (std::uint32_t v = 0; v < n; ++v) membership[v] = best.membership[rank[v]];
    best.modularity = modularity_by_id(best.membership);
    best.membership = std::move(membership);
    return best;
}

}  // namespace samkart
