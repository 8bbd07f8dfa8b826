#include "analysis/scope.hpp"

namespace samkart::detail {

namespace {
/// Adds `seeds`, their ancestors and (with `inherit`) their descendants to `out`, each once;
/// `stamp`/`tick` mark what is already in, so no clearing between items is needed.
void close_over(const Landscape& land, std::span<const Index> seeds, bool inherit,
                std::vector<std::size_t>& stamp, std::size_t tick, std::vector<Index>& out) {
    auto add = [&](Index a) {
        if (stamp[a] == tick) return false;
        stamp[a] = tick;
        out.push_back(a);
        return true;
    };
    for (Index a : seeds) {
        // Up: stop at the first area already in, its ancestors are in too.
        for (Index u = a; u != npos && add(u); u = land.area_parent(u)) {
        }
    }
    if (inherit) {
        for (Index a : seeds)
            for (Index d : land.area_subtree(a)) add(d);
    }
}
}  // namespace

AreaSets measure_area_sets(const Landscape& land, bool inherit) {
    AreaSets sets;
    const std::size_t n = land.measures().size();
    sets.start.reserve(n + 1);
    std::vector<std::size_t> stamp(land.areas().size(), 0);
    for (std::size_t m = 0; m < n; ++m) {
        close_over(land, land.measure_areas(static_cast<Index>(m)), inherit, stamp, m + 1, sets.index);
        sets.start.push_back(sets.index.size());
    }
    return sets;
}

Scope make_scope(const Landscape& land, const std::optional<std::string>& area, bool inherit,
                 const AreaSets& measure_sets) {
    const auto n_measures = land.measures().size();
    const auto n_actors = land.actors().size();
    if (!area) {
        Scope all{std::vector<char>(n_measures, 1), std::vector<char>(n_actors, 1),
                  std::vector<char>(land.areas().size(), 1)};
        for (std::size_t m = 0; m < n_measures; ++m)
            all.measures[m] = land.measure_in_place(static_cast<Index>(m)) ? 1 : 0;
        return all;
    }
    const Index target = land.area_index(*area);
    Scope s{std::vector<char>(n_measures, 0), std::vector<char>(n_actors, 0),
            std::vector<char>(land.areas().size(), 0)};
    for (Index a : land.area_subtree(target)) s.areas[a] = 1;
    for (std::size_t m = 0; m < n_measures; ++m) {
        if (!land.measure_in_place(static_cast<Index>(m))) continue;  // proposed, ended: no cover
        for (Index a : measure_sets.of(m))
            if (a == target) {
                s.measures[m] = 1;
                for (Index p : land.measure_providers(static_cast<Index>(m))) s.actors[p] = 1;
                break;
            }
    }
    std::vector<std::size_t> stamp(land.areas().size(), 0);
    std::vector<Index> closed;
    for (std::size_t i = 0; i < n_actors; ++i) {
        if (s.actors[i]) continue;
        closed.clear();
        close_over(land, land.actor_areas(static_cast<Index>(i)), inherit, stamp, i + 1, closed);
        for (Index a : closed)
            if (a == target) {
                s.actors[i] = 1;
                break;
            }
    }
    return s;
}

}  // namespace samkart::detail
