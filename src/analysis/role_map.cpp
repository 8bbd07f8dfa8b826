#include "samkart/analysis/role_map.hpp"

#include "analysis/scope.hpp"

namespace samkart {

RoleMap role_map(const Landscape& land, const std::optional<std::string>& area, bool inherit) {
    const detail::AreaSets sets = area ? detail::measure_area_sets(land, inherit) : detail::AreaSets{};
    const detail::Scope scope = detail::make_scope(land, area, inherit, sets);
    RoleMap out;
    for (Level l : all_levels) out.levels.push_back(std::string(level_name(l)), std::string(level_label(l, "en")));
    std::vector<Index> row_of(land.actors().size(), npos);
    for (Index a = 0; a < land.actors().size(); ++a)
        if (scope.actors[a]) {
            row_of[a] = static_cast<Index>(out.actors.size());
            out.actors.push_back(land.actors()[a].id, land.actors()[a].name);
        }
    out.cells.resize(out.actors.size() * 4);
    for (Index m = 0; m < land.measures().size(); ++m) {
        if (!scope.measures[m]) continue;
        const auto level = static_cast<std::size_t>(land.measures()[m].level) - 1;
        for (Index p : land.measure_providers(m)) {
            auto& cell = out.cells[row_of[p] * 4 + level];
            // A measure naming the same provider twice is listed once.
            if (cell.empty() || cell.back() != m) cell.push_back(m);
        }
    }
    return out;
}

std::vector<std::vector<std::string>> RoleMap::names(const Landscape& land) const {
    std::vector<std::vector<std::string>> out(cells.size());
    for (std::size_t k = 0; k < cells.size(); ++k)
        for (Index m : cells[k]) out[k].push_back(land.measures()[m].name);
    return out;
}

std::vector<std::vector<std::string>> RoleMap::ids(const Landscape& land) const {
    std::vector<std::vector<std::string>> out(cells.size());
    for (std::size_t k = 0; k < cells.size(); ++k)
        for (Index m : cells[k]) out[k].push_back(land.measures()[m].id);
    return out;
}

}  // namespace samkart
