// Gap kinds about collaboration and hand-overs: handoff_unlinked, handoff_uncoordinated,
// silo, single_point_of_failure, isolated_actor and unreachable_intensive (docs/gaps.md).
// E–I indices, groupings, components and articulation points come from samkart::Network;
// how many actors an articulation point cuts off is computed here (Network does not give it).
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "gaps_context.hpp"
#include "samkart/analysis/network.hpp"

namespace samkart::detail {

namespace {

double volume_factor(const GapContext& ctx, std::optional<double> volume) {
    if (!volume) return 0.5;
    return std::min(1.0, std::log1p(*volume) / std::log1p(ctx.rules.volume_reference));
}

/// Where a hand-over happens: the municipality both actors serve when there is one; when they
/// share several, the smallest area above all of them (the county for two county services),
/// so that a county-wide route is not filed under its first municipality; else npos.
Index handoff_area(const GapContext& ctx, Index a, Index b) {
    std::vector<Index> sa = ctx.actor_scopes[a], sb = ctx.actor_scopes[b];
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    std::vector<Index> both;
    std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(both));
    return ctx.common_area(both);
}

/// Sizes of the parts that removing each articulation point cuts off from the largest
/// remaining part of its component: one iterative DFS (Hopcroft–Tarjan) with subtree sizes.
/// @return per node: number of nodes separated (0 if not a cut-point).
std::vector<std::size_t> separated_counts(const std::vector<std::vector<Index>>& adj,
                                          const std::vector<std::uint32_t>& component,
                                          const std::vector<std::size_t>& component_size) {
    const auto n = adj.size();
    constexpr std::size_t unseen = static_cast<std::size_t>(-1);
    std::vector<std::size_t> disc(n, unseen), low(n, 0), size(n, 1), parent(n, unseen);
    std::vector<std::size_t> largest_piece(n, 0), pieces_sum(n, 0);
    std::vector<std::size_t> separated(n, 0);
    std::size_t time = 0;
    std::vector<std::pair<std::size_t, std::size_t>> stack;  // (node, next neighbour position)
    for (std::size_t root = 0; root < n; ++root) {
        if (disc[root] != unseen) continue;
        disc[root] = low[root] = time++;
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            if (next < adj[v].size()) {
                const std::size_t w = adj[v][next++];
                if (disc[w] == unseen) {
                    parent[w] = v;
                    disc[w] = low[w] = time++;
                    stack.emplace_back(w, 0);
                } else if (w != parent[v]) {
                    low[v] = std::min(low[v], disc[w]);
                }
                continue;
            }
            const std::size_t done = v;
            stack.pop_back();
            const std::size_t p = parent[done];
            if (p == unseen) continue;
            size[p] += size[done];
            low[p] = std::min(low[p], low[done]);
            if (low[done] >= disc[p]) {  // `done`'s subtree hangs on p alone
                pieces_sum[p] += size[done];
                largest_piece[p] = std::max(largest_piece[p], size[done]);
            }
        }
    }
    for (std::size_t v = 0; v < n; ++v) {
        const auto total = component_size[component[v]];
        if (total <= 2 || pieces_sum[v] == 0) continue;
        const std::size_t rest = total - 1 - pieces_sum[v];  // the part holding v's parent
        const std::size_t largest = std::max(largest_piece[v], rest);
        separated[v] = total - 1 - largest;
    }
    return separated;
}

void handoffs(const GapContext& ctx, std::vector<Gap>& out) {
    const bool want_unlinked = wanted(ctx.rules, GapKind::HANDOFF_UNLINKED);
    const bool want_uncoordinated = wanted(ctx.rules, GapKind::HANDOFF_UNCOORDINATED);
    if (!want_unlinked && !want_uncoordinated) return;
    const auto& land = ctx.land;
    // Transitions of the same route (source → target) are one hand-over, volumes summed.
    struct Route {
        Index source, target;
        std::optional<double> volume;
        std::vector<std::string> reasons;
        std::vector<Index> transitions;
        std::optional<AgeRange> ages;  ///< all its transitions' ages; none if one has none
        bool ages_known = true;
    };
    std::vector<Route> routes;
    std::map<std::pair<Index, Index>, std::size_t> route_of;
    for (Index t = 0; t < land.transitions().size(); ++t) {
        const auto ends = land.transition_ends(t);
        const auto& tr = land.transitions()[t];
        auto [it, fresh] = route_of.try_emplace({ends.source, ends.target}, routes.size());
        if (fresh) routes.push_back({ends.source, ends.target, std::nullopt, {}, {}});
        auto& route = routes[it->second];
        route.transitions.push_back(t);
        if (tr.volume) route.volume = route.volume.value_or(0) + *tr.volume;
        if (!tr.ages) {
            route.ages_known = false;
        } else if (!route.ages) {
            route.ages = tr.ages;
        } else {
            route.ages = AgeRange{std::min(route.ages->min, tr.ages->min), std::max(route.ages->max, tr.ages->max)};
        }
        if (tr.reason && std::find(route.reasons.begin(), route.reasons.end(), *tr.reason) == route.reasons.end())
            route.reasons.push_back(*tr.reason);
    }
    const auto actors = land.actors();
    for (const auto& r : routes) {
        if (r.source == r.target) continue;
        // Links and agreements of the organisations the two are units of count for them
        // (seed 004: the OT–NAV agreement covers every OT department and NAV office).
        if (ctx.coordinated(r.source, r.target, r.ages_known ? r.ages : std::nullopt)) continue;
        const bool linked = ctx.linked(r.source, r.target);
        if (linked ? !want_uncoordinated : !want_unlinked) continue;
        // An unlinked hand-over claims an absence of a link: only where both were mapped.
        if (!linked && !ctx.mapped_together(r.source, r.target)) continue;
        const double v = volume_factor(ctx, r.volume);
        Gap g{.kind = linked ? GapKind::HANDOFF_UNCOORDINATED : GapKind::HANDOFF_UNLINKED,
              .severity = linked ? 0.6 * v : v};
        if (const auto area = handoff_area(ctx, r.source, r.target); area != npos)
            ctx.set_area_index(g, area);
        ctx.add_actor(g, r.source);
        ctx.add_actor(g, r.target);
        g.value = r.volume;
        g.young_people = r.volume;
        for (const auto& reason : r.reasons) g.detail += (g.detail.empty() ? "" : ", ") + reason;
        for (auto t : r.transitions) {
            const auto& tr = land.transitions()[t];
            GapContext::rests_on(g, "transitions:" + tr.source + " → " + tr.target, tr.illustrative);
        }
        g.subject = actors[r.source].sector + ">" + actors[r.target].sector;
        g.cause = std::string(gap_kind_name(g.kind)) + ":" + g.subject;
        out.push_back(std::move(g));
    }
}

void silos(const GapContext& ctx, const Network& net, std::vector<Gap>& out) {
    const auto nodes = net.actors();
    const double t = ctx.rules.silo_threshold;
    for (const auto& by : ctx.rules.silo_by) {
        const auto grouping = net.grouping(by);
        const auto ei = net.ei_index(grouping.codes);
        std::vector<std::vector<Index>> members(grouping.labels.size());
        for (std::size_t node = 0; node < nodes.size(); ++node)
            if (grouping.codes[node] >= 0) members[static_cast<std::size_t>(grouping.codes[node])].push_back(nodes[node]);
        for (std::size_t code = 0; code < members.size(); ++code) {
            if (grouping.labels[code].empty()) continue;  // actors without the attribute
            if (members[code].size() < static_cast<std::size_t>(ctx.rules.silo_min_size)) continue;
            if (members[code].size() == nodes.size()) continue;  // nobody outside to link to
            const double index = ei.group_index[code];
            if (std::isnan(index) || index > t) continue;
            const double severity = t > -1 ? std::clamp((t - index) / (1 + t), 0.0, 1.0) : 1.0;
            Gap g{.kind = GapKind::SILO, .severity = severity};
            for (auto a : members[code]) ctx.add_actor(g, a);
            g.value = index;
            g.expected = t;
            g.detail = by + "=" + grouping.labels[code];
            out.push_back(std::move(g));
        }
    }
}

void single_points(const GapContext& ctx, const Network& net, std::vector<Gap>& out) {
    const auto nodes = net.actors();
    const auto components = net.components();
    std::vector<std::size_t> component_size(components.weak_count, 0);
    for (auto c : components.weak) ++component_size[c];
    // The undirected view over node indices.
    std::vector<std::vector<Index>> adj(nodes.size());
    for (const auto& e : net.edges()) {
        if (e.source == e.target) continue;
        adj[e.source].push_back(e.target);
        adj[e.target].push_back(e.source);
    }
    for (auto& list : adj) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    const auto separated = separated_counts(adj, components.weak, component_size);
    for (auto v : net.articulation_points()) {
        const auto s = separated[v];
        if (s < static_cast<std::size_t>(ctx.rules.spof_min_separated)) continue;
        const auto total = component_size[components.weak[v]];
        Gap g{.kind = GapKind::SINGLE_POINT_OF_FAILURE,
              .severity = std::min(1.0, 2.0 * static_cast<double>(s) / static_cast<double>(total - 1))};
        ctx.add_actor(g, nodes[v]);
        g.value = static_cast<double>(s);
        out.push_back(std::move(g));
    }
}

void isolated(const GapContext& ctx, std::vector<Gap>& out) {
    // An organisation is isolated when none of its units has a link: report its top once.
    const auto n = ctx.land.actors().size();
    std::vector<char> has_link(n, 0);
    for (Index a = 0; a < n; ++a)
        if (!ctx.neighbours[a].empty()) has_link[ctx.lineage[a].back()] = 1;
    std::vector<int> level(n, 0);
    for (Index a = 0; a < n; ++a) {
        auto& top = level[ctx.lineage[a].back()];
        top = std::max(top, ctx.highest_level(a));
    }
    for (Index a = 0; a < n; ++a) {
        if (ctx.land.actor_parent(a) != npos || has_link[a]) continue;
        // No link is only a gap where its partners would have been mapped.
        if (!ctx.actor_mapped(a)) continue;
        Gap g{.kind = GapKind::ISOLATED_ACTOR, .severity = 0.25 * std::max(1, level[a])};
        ctx.add_actor(g, a);
        if (level[a] > 0) g.level = static_cast<Level>(level[a]);
        g.value = 0;
        out.push_back(std::move(g));
    }
}

void unreachable(const GapContext& ctx, std::vector<Gap>& out) {
    // On organisations: a link of an organisation serves its units (part_of).
    const auto n = ctx.land.actors().size();
    auto top = [&](Index a) { return ctx.lineage[a].back(); };
    std::vector<std::vector<Index>> hops_in(n);
    for (Index a = 0; a < n; ++a)
        for (auto b : ctx.hops_out[a])
            if (top(a) != top(b)) hops_in[top(b)].push_back(top(a));
    std::vector<int> level(n);
    for (Index a = 0; a < n; ++a) level[a] = ctx.highest_level(a);
    std::vector<std::size_t> seen(n, 0);
    std::vector<Index> frontier, next;
    for (std::size_t s = 0; s < ctx.num_scopes(); ++s) {
        if (!ctx.scope_complete(s)) continue;
        const std::size_t round = s + 1;
        frontier.clear();
        for (auto m : ctx.measures[s]) {
            if (ctx.land.measures()[m].level != Level::INTENSIVE) continue;
            for (auto p : ctx.land.measure_providers(m))
                if (seen[top(p)] != round) {
                    seen[top(p)] = round;
                    frontier.push_back(top(p));
                }
        }
        if (frontier.empty()) continue;  // level_missing says it
        std::vector<Index> candidates;
        for (auto a : ctx.actors[s])
            if (level[a] >= 1 && level[a] <= 2) candidates.push_back(a);
        if (candidates.empty()) continue;
        // Backwards from the level-4 organisations: who reaches them within the allowed hops.
        for (int hop = 0; hop < ctx.rules.max_referral_hops && !frontier.empty(); ++hop) {
            next.clear();
            for (auto v : frontier)
                for (auto u : hops_in[v])
                    if (seen[u] != round) {
                        seen[u] = round;
                        next.push_back(u);
                    }
            std::swap(frontier, next);
        }
        Gap g{.kind = GapKind::UNREACHABLE_INTENSIVE};
        for (auto c : candidates)
            if (seen[top(c)] != round) ctx.add_actor(g, c);
        if (g.actors.empty()) continue;
        ctx.set_area(g, s);
        g.value = static_cast<double>(g.actors.size());
        g.expected = 0;
        g.severity = static_cast<double>(g.actors.size()) / static_cast<double>(candidates.size());
        g.detail = std::to_string(ctx.rules.max_referral_hops);
        out.push_back(std::move(g));
    }
}

}  // namespace

void find_handoff_gaps(const GapContext& ctx, std::vector<Gap>& out) { handoffs(ctx, out); }

void find_network_gaps(const GapContext& ctx, std::vector<Gap>& out) {
    const bool want_silo = wanted(ctx.rules, GapKind::SILO);
    const bool want_spof = wanted(ctx.rules, GapKind::SINGLE_POINT_OF_FAILURE);
    if (want_silo || want_spof) {
        // Organisations, not their units: OT's departments are one service (part_of). The
        // scenario cache lends a network built the same way (scenario_cache.cpp).
        std::optional<Network> own;
        if (!ctx.network) own.emplace(ctx.land, NetworkOptions{.collapse_units = true});
        const Network& net = ctx.network ? *ctx.network : *own;
        if (want_silo) silos(ctx, net, out);
        if (want_spof) single_points(ctx, net, out);
    }
    if (wanted(ctx.rules, GapKind::ISOLATED_ACTOR)) isolated(ctx, out);
    if (wanted(ctx.rules, GapKind::UNREACHABLE_INTENSIVE)) unreachable(ctx, out);
}

}  // namespace samkart::detail
