/// @file network_roles.cpp
/// Positions and roles that Boost.Graph does not have: Borgatti–Everett core–periphery,
/// Krackhardt–Stern E–I index and Gould–Fernandez brokerage. Written by hand; each has a
/// hand-worked reference test (tests/cpp/test_network.cpp, tests/python/test_network.py).

#include "analysis/network_impl.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace samkart {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double ratio(double e, double i) { return e + i > 0 ? (e - i) / (e + i) : nan; }

/// Pearson r between the binary data and the ideal core–periphery pattern over the
/// core–core and periphery–periphery pairs (core–periphery pairs are not scored).
double core_fit(double n, double core, double e_cc, double e_pp) {
    const double cc = core * (core - 1) / 2, pp = (n - core) * (n - core - 1) / 2;
    const double pairs = cc + pp, sx = e_cc + e_pp, sy = cc;
    const double den = (pairs * sx - sx * sx) * (pairs * sy - sy * sy);
    if (!(den > 0)) return -std::numeric_limits<double>::infinity();
    return (pairs * e_cc - sx * sy) / std::sqrt(den);
}

}  // namespace

CorePeriphery Network::core_periphery() const {
    const auto& sym = impl_->sym;
    const auto n = impl_->n();
    CorePeriphery result{std::vector<bool>(n, false), nan};
    if (n < 4 || impl_->pairs.empty()) return result;
    std::vector<double> degree(n);
    for (std::size_t v = 0; v < n; ++v) degree[v] = sym.offsets[v + 1] - sym.offsets[v];
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return degree[a] > degree[b]; });

    // core_links[v]: v's neighbours in the core, so each flip is scored in O(1).
    std::vector<double> core_links(n, 0.0);
    std::vector<bool> core(n, false);
    double e_cc = 0, e_pp = static_cast<double>(impl_->pairs.size()), size = 0;
    const auto flip = [&](std::uint32_t v) {
        const double sign = core[v] ? -1.0 : 1.0;
        e_cc += sign * core_links[v];
        e_pp -= sign * (degree[v] - core_links[v]);
        size += sign;
        core[v] = !core[v];
        for (auto i = sym.offsets[v]; i < sym.offsets[v + 1]; ++i) core_links[sym.targets[i]] += sign;
    };
    const double dn = static_cast<double>(n);
    // Start from the best core made of the k highest-degree actors ...
    double best = -std::numeric_limits<double>::infinity();
    std::size_t best_k = 0;
    for (std::size_t k = 0; k + 2 < n; ++k) {
        flip(order[k]);
        const double r = core_fit(dn, size, e_cc, e_pp);
        if (r > best) {
            best = r;
            best_k = k + 1;
        }
    }
    for (std::size_t k = n - 2; k-- > best_k;) flip(order[k]);
    if (!std::isfinite(best)) return result;
    // ... then move single actors between core and periphery while the fit improves.
    for (std::size_t step = 0; step < 10 * n; ++step) {
        double gain_best = best;
        std::size_t pick = n;
        for (std::uint32_t v = 0; v < n; ++v) {
            const double sign = core[v] ? -1.0 : 1.0;
            const double r = core_fit(dn, size + sign, e_cc + sign * core_links[v],
                                      e_pp - sign * (degree[v] - core_links[v]));
            if (r > gain_best + 1e-12) {
                gain_best = r;
                pick = v;
            }
        }
        if (pick == n) break;
        flip(static_cast<std::uint32_t>(pick));
        best = gain_best;
    }
    result.core = core;
    result.correlation = core_fit(dn, size, e_cc, e_pp);
    return result;
}

EIIndex Network::ei_index(std::span<const std::int64_t> groups, bool weighted) const {
    const auto n = impl_->n();
    if (groups.size() != n) throw ArgumentError("ei_index: one group code per actor is needed");
    std::int64_t count = 0;
    for (auto g : groups) count = std::max(count, g + 1);
    const auto gc = static_cast<std::size_t>(count);
    EIIndex r;
    r.group_internal.assign(gc, 0.0);
    r.group_external.assign(gc, 0.0);
    r.node_internal.assign(n, 0.0);
    r.node_external.assign(n, 0.0);
    for (const auto& e : impl_->pairs) {
        const auto a = groups[e.source], b = groups[e.target];
        if (a < 0 || b < 0) continue;
        const double w = weighted ? e.weight : 1.0;
        const auto ga = static_cast<std::size_t>(a), gb = static_cast<std::size_t>(b);
        if (a == b) {
            r.internal += w;
            r.group_internal[ga] += w;
            r.node_internal[e.source] += w;
            r.node_internal[e.target] += w;
        } else {
            r.external += w;
            r.group_external[ga] += w;
            r.group_external[gb] += w;
            r.node_external[e.source] += w;
            r.node_external[e.target] += w;
        }
    }
    r.index = ratio(r.external, r.internal);
    for (std::size_t g = 0; g < gc; ++g) r.group_index.push_back(ratio(r.group_external[g], r.group_internal[g]));
    for (std::size_t v = 0; v < n; ++v) {
        const bool grouped = groups[v] >= 0;
        r.node_index.push_back(grouped ? ratio(r.node_external[v], r.node_internal[v]) : nan);
    }
    return r;
}

Brokerage Network::brokerage(std::span<const std::int64_t> groups) const {
    const auto n = impl_->n();
    if (groups.size() != n) throw ArgumentError("brokerage: one group code per actor is needed");
    Brokerage b;
    for (auto* role : {&b.coordinator, &b.itinerant, &b.representative, &b.gatekeeper, &b.liaison})
        role->assign(n, 0.0);
    const auto& out = impl_->out;
    const auto& in = impl_->in;
    const auto has_arc = [&](std::uint32_t i, std::uint32_t k) {
        const auto first = out.targets.begin() + out.offsets[i];
        const auto last = out.targets.begin() + out.offsets[i + 1];
        return std::binary_search(first, last, k);
    };
    for (std::uint32_t j = 0; j < n; ++j) {
        const auto gj = groups[j];
        for (auto a = in.offsets[j]; a < in.offsets[j + 1]; ++a) {
            const auto i = in.targets[a];
            const auto gi = groups[i];
            for (auto c = out.offsets[j]; c < out.offsets[j + 1]; ++c) {
                const auto k = out.targets[c];
                if (k == i || has_arc(i, k)) continue;  // only open two-paths broker
                const auto gk = groups[k];
                if (gi == gj && gj == gk) b.coordinator[j] += 1;
                else if (gi == gk) b.itinerant[j] += 1;
                else if (gi == gj) b.representative[j] += 1;
                else if (gj == gk) b.gatekeeper[j] += 1;
                else b.liaison[j] += 1;
            }
        }
    }
    return b;
}

}  // namespace samkart
