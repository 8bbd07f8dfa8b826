/// @file network.cpp
/// Building the network from a landscape, and the measures Boost.Graph computes directly:
/// density, degree, components, articulation points, bridges and core numbers.

#include "analysis/network_impl.hpp"

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/core_numbers.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <bit>
#include <numeric>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace samkart {
namespace detail {

Adjacency make_adjacency(std::size_t n, const std::vector<NetworkEdge>& edges, bool both_ways) {
    Adjacency a;
    a.offsets.assign(n + 1, 0);
    for (const auto& e : edges) {
        ++a.offsets[e.source + 1];
        if (both_ways) ++a.offsets[e.target + 1];
    }
    std::partial_sum(a.offsets.begin(), a.offsets.end(), a.offsets.begin());
    a.targets.resize(a.offsets.back());
    a.weights.resize(a.offsets.back());
    std::vector<std::uint32_t> next(a.offsets.begin(), a.offsets.end() - 1);
    for (const auto& e : edges) {
        a.targets[next[e.source]] = e.target;
        a.weights[next[e.source]++] = e.weight;
        if (both_ways) {
            a.targets[next[e.target]] = e.source;
            a.weights[next[e.target]++] = e.weight;
        }
    }
    // Sorted neighbour lists make adjacency tests a binary search (brokerage).
    for (std::size_t v = 0; v < n; ++v) {
        const auto b = a.offsets[v], end = a.offsets[v + 1];
        std::vector<std::pair<std::uint32_t, double>> row;
        row.reserve(end - b);
        for (auto i = b; i < end; ++i) row.emplace_back(a.targets[i], a.weights[i]);
        if (std::is_sorted(row.begin(), row.end())) continue;
        std::sort(row.begin(), row.end());
        for (auto i = b; i < end; ++i) std::tie(a.targets[i], a.weights[i]) = row[i - b];
    }
    return a;
}

namespace {

/// Sort by (source, target) and merge equal keys: weights and link counts add up.
std::vector<NetworkEdge> merge(std::vector<NetworkEdge> arcs) {
    std::sort(arcs.begin(), arcs.end(), [](const NetworkEdge& a, const NetworkEdge& b) {
        return std::tie(a.source, a.target) < std::tie(b.source, b.target);
    });
    std::vector<NetworkEdge> out;
    for (const auto& e : arcs) {
        if (!out.empty() && out.back().source == e.source && out.back().target == e.target) {
            auto& m = out.back();
            m.weight += e.weight;
            m.links += e.links;
            m.kinds |= e.kinds;
            m.formal = m.formal || e.formal;
        } else {
            out.push_back(e);
        }
    }
    return out;
}

double link_weight(const Link& link, EdgeWeight weight) {
    if (weight == EdgeWeight::INTENSITY)
        return link.intensity ? static_cast<double>(static_cast<int>(*link.intensity) + 1) : 1.0;
    return 1.0;
}

}  // namespace

std::uint32_t relabel_by_size(std::vector<std::uint32_t>& label) {
    const auto n = label.size();
    std::uint32_t count = 0;
    for (auto l : label) count = std::max(count, l + 1);
    std::vector<std::size_t> size(count, 0), first(count, n);
    for (std::size_t v = 0; v < n; ++v) {
        ++size[label[v]];
        first[label[v]] = std::min(first[label[v]], v);
    }
    std::vector<std::uint32_t> order(count);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
    });
    std::vector<std::uint32_t> rank(count);
    for (std::uint32_t i = 0; i < count; ++i) rank[order[i]] = i;
    for (auto& l : label) l = rank[l];
    return count;
}

}  // namespace detail

detail::UndirectedGraph Network::Impl::undirected_graph() const {
    detail::UndirectedGraph g(n());
    std::size_t i = 0;
    for (const auto& e : pairs) boost::add_edge(e.source, e.target, i++, g);
    return g;
}

Network::Network(const Landscape& land, const NetworkOptions& options) {
    auto impl = std::make_shared<Impl>();
    const auto actors = land.actors();
    std::vector<Index> node_of(actors.size(), npos);
    // With collapse_units, a unit stands for the top of its organisation.
    std::vector<Index> top(actors.size());
    for (Index a = 0; a < actors.size(); ++a) top[a] = options.collapse_units ? land.actor_root(a) : a;
    std::vector<bool> keep(actors.size(), !options.area);
    if (options.area) {
        const auto area = land.area_index(*options.area);
        std::vector<bool> in_area(land.areas().size(), false);
        for (auto a : land.area_subtree(area)) in_area[a] = true;
        // An actor serving an area above this one (the county, the country) serves it too, as
        // coverage(inherit) and the report count it: Skien's network holds the county's OT.
        for (auto up = land.area_parent(area); up != npos; up = land.area_parent(up))
            in_area[up] = true;
        for (Index a = 0; a < actors.size(); ++a)
            for (auto served : land.actor_areas(a))
                if (in_area[served]) {
                    keep[top[a]] = true;
                    break;
                }
    }
    for (Index a = 0; a < actors.size(); ++a)
        if (keep[a] && top[a] == a) {
            node_of[a] = static_cast<Index>(impl->actors.size());
            impl->actors.push_back(a);
        }
    for (Index a = 0; a < actors.size(); ++a) node_of[a] = node_of[top[a]];
    for (auto a : impl->actors) {
        impl->id.push_back(actors[a].id);
        impl->sector.push_back(actors[a].sector);
        impl->owner.emplace_back(to_string(actors[a].owner));
        impl->area.push_back(actors[a].areas.empty() ? std::string() : actors[a].areas.front());
    }

    std::uint32_t kind_mask = options.kinds ? 0U : ~0U;
    if (options.kinds)
        for (auto k : *options.kinds) kind_mask |= 1U << static_cast<unsigned>(k);

    // Every kept link once, as (source, target) with its kind, before merging.
    std::vector<NetworkEdge> kept;
    const auto links = land.links();
    for (Index l = 0; l < links.size(); ++l) {
        const auto& link = links[l];
        const auto bit = 1U << static_cast<unsigned>(link.kind);
        if ((kind_mask & bit) == 0 || (options.formal_only && !link.formal)) continue;
        const auto ends = land.link_ends(l);
        const auto s = node_of[ends.source], t = node_of[ends.target];
        if (s == npos || t == npos || s == t) continue;  // s == t: inside one organisation
        kept.push_back({s, t, detail::link_weight(link, options.weight), 1, bit, link.formal});
        impl->directed = impl->directed || is_directed(link.kind);
    }

    std::vector<NetworkEdge> pairs, arcs;
    pairs.reserve(kept.size());
    for (auto e : kept) {
        if (impl->directed) {
            arcs.push_back(e);
            if (!is_directed(static_cast<LinkKind>(std::countr_zero(e.kinds)))) {
                std::swap(e.source, e.target);
                arcs.push_back(e);
                std::swap(e.source, e.target);
            }
        }
        if (e.source > e.target) std::swap(e.source, e.target);
        pairs.push_back(e);
    }
    impl->pairs = detail::merge(std::move(pairs));
    impl->edges = impl->directed ? detail::merge(std::move(arcs)) : impl->pairs;

    const auto n = impl->n();
    impl->out = detail::make_adjacency(n, impl->edges, !impl->directed);
    impl->sym = detail::make_adjacency(n, impl->pairs, true);
    if (impl->directed) {
        std::vector<NetworkEdge> reversed(impl->edges);
        for (auto& e : reversed) std::swap(e.source, e.target);
        impl->in = detail::make_adjacency(n, reversed, false);
    } else {
        impl->in = impl->out;
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
    std::vector<detail::ArcWeight> weights;
    for (std::uint32_t v = 0; v < n; ++v)
        for (auto i = impl->out.offsets[v]; i < impl->out.offsets[v + 1]; ++i) {
            ends.emplace_back(v, impl->out.targets[i]);
            weights.push_back({impl->out.weights[i]});
        }
    impl->arcs = detail::ArcGraph(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(),
                                  weights.begin(), static_cast<std::uint32_t>(n));
    impl_ = std::move(impl);
}

bool Network::directed() const noexcept { return impl_->directed; }
std::span<const Index> Network::actors() const noexcept { return impl_->actors; }
std::size_t Network::num_nodes() const noexcept { return impl_->n(); }
std::span<const NetworkEdge> Network::edges() const noexcept { return impl_->edges; }

double Network::density() const {
    const auto n = static_cast<double>(impl_->n());
    if (n <= 1) return 0.0;
    const auto m = static_cast<double>(impl_->edges.size());
    return impl_->directed ? m / (n * (n - 1)) : 2 * m / (n * (n - 1));
}

Degrees Network::degree(bool weighted) const {
    const auto n = impl_->n();
    Degrees d{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), {}};
    for (const auto& e : impl_->edges) {
        const double w = weighted ? e.weight : 1.0;
        d.out[e.source] += w;
        d.in[e.target] += w;
        if (!impl_->directed) {
            d.out[e.target] += w;
            d.in[e.source] += w;
        }
    }
    if (impl_->directed) {
        d.total.resize(n);
        for (std::size_t v = 0; v < n; ++v) d.total[v] = d.in[v] + d.out[v];
    } else {
        d.total = d.out;
    }
    return d;
}

Components Network::components() const {
    const auto n = impl_->n();
    Components c;
    c.weak.assign(n, 0);
    if (n == 0) return c;
    const auto g = impl_->undirected_graph();
    boost::connected_components(
        g, boost::make_iterator_property_map(c.weak.begin(), boost::get(boost::vertex_index, g)));
    c.weak_count = detail::relabel_by_size(c.weak);
    if (impl_->directed) {
        c.strong.assign(n, 0);
        boost::strong_components(
            impl_->arcs, boost::make_iterator_property_map(
                             c.strong.begin(), boost::get(boost::vertex_index, impl_->arcs)));
        c.strong_count = detail::relabel_by_size(c.strong);
    } else {
        c.strong = c.weak;
        c.strong_count = c.weak_count;
    }
    return c;
}

std::vector<std::uint32_t> Network::articulation_points() const {
    std::vector<std::uint32_t> out;
    if (impl_->n() == 0) return out;
    const auto g = impl_->undirected_graph();
    std::vector<std::size_t> points;
    boost::articulation_points(g, std::back_inserter(points));
    for (auto p : points) out.push_back(static_cast<std::uint32_t>(p));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> Network::bridges() const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    if (impl_->pairs.empty()) return out;
    const auto g = impl_->undirected_graph();
    // A bridge is a biconnected component of a single edge (the view has no parallel edges).
    std::vector<std::size_t> component(impl_->pairs.size());
    const auto edge_index = boost::get(boost::edge_index, g);
    const auto count = boost::biconnected_components(
        g, boost::make_iterator_property_map(component.begin(), edge_index));
    std::vector<std::size_t> size(count, 0);
    for (auto c : component) ++size[c];
    for (std::size_t i = 0; i < impl_->pairs.size(); ++i)
        if (size[component[i]] == 1) out.emplace_back(impl_->pairs[i].source, impl_->pairs[i].target);
    return out;  // pairs are sorted, so bridges are too
}

std::vector<std::uint32_t> Network::k_core() const {
    const auto n = impl_->n();
    std::vector<std::uint32_t> core(n, 0);
    if (n == 0) return core;
    const auto g = impl_->undirected_graph();
    boost::core_numbers(g, boost::make_iterator_property_map(core.begin(),
                                                             boost::get(boost::vertex_index, g)));
    return core;
}

Network::Grouping Network::grouping(const std::string& by) const {
    const std::vector<std::string>* values = nullptr;
    if (by == "sector") values = &impl_->sector;
    else if (by == "owner") values = &impl_->owner;
    else if (by == "area") values = &impl_->area;
    else
        throw ArgumentError("unknown actor attribute '" + by +
                                    "' to group by; expected sector|owner|area");
    Grouping g;
    std::unordered_map<std::string, std::int64_t> code;
    for (const auto& v : *values) {
        auto [it, inserted] = code.try_emplace(v, static_cast<std::int64_t>(g.labels.size()));
        if (inserted) g.labels.push_back(v);
        g.codes.push_back(it->second);
    }
    return g;
}

}  // namespace samkart
