#include "samkart/analysis/compare_areas.hpp"

#include <limits>
#include <unordered_map>

namespace samkart {

LabelledMatrix compare_areas(const Landscape& land, AreaKind kind, const std::vector<std::string>& indicators,
                             const CompareOptions& options) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (!options.population_ages.valid())
        throw ArgumentError("population_ages " + options.population_ages.to_string() +
                    " is not a range of ages: expected 0 <= min <= max <= 120");
    CoverageOptions o;
    o.value = options.value;
    o.inherit = options.inherit;
    o.missing = options.missing;
    o.totals = true;
    const LabelledMatrix t = coverage(land, Dimension::AREA, Dimension::LEVEL, o);

    LabelledMatrix out;
    out.row_dimension = "area";
    out.col_dimension = "measure";
    for (std::size_t c = 0; c < 5; ++c) out.cols.push_back(t.cols.ids[c], t.cols.names[c]);
    out.cols.push_back("population", "Population " + options.population_ages.to_string());
    for (std::size_t c = 0; c < 5; ++c) out.cols.push_back(t.cols.ids[c] + "_per_1000", t.cols.names[c] + " per 1,000");
    for (const auto& key : indicators) out.cols.push_back(key, key);

    std::vector<Index> areas;
    for (Index a = 0; a < land.areas().size(); ++a)
        if (land.areas()[a].kind == kind) {
            areas.push_back(a);
            out.rows.push_back(land.areas()[a].id, land.areas()[a].name);
        }
    const auto n = static_cast<Eigen::Index>(areas.size());
    const auto n_ind = static_cast<Eigen::Index>(indicators.size());
    out.values = Eigen::MatrixXd::Constant(n, 11 + n_ind, nan);
    if (t.missing.size() > 0) out.missing = Eigen::MatrixXd::Zero(n, 11 + n_ind);

    std::unordered_map<std::string, Eigen::Index> column_of;
    for (Eigen::Index k = 0; k < n_ind; ++k) column_of.emplace(indicators[static_cast<std::size_t>(k)], k);
    std::vector<Eigen::Index> row_of(land.areas().size(), -1);
    for (Eigen::Index r = 0; r < n; ++r) row_of[areas[static_cast<std::size_t>(r)]] = r;

    for (Eigen::Index r = 0; r < n; ++r) {
        const Index a = areas[static_cast<std::size_t>(r)];
        // Area rows of the coverage table are every area in input order, so row a is area a.
        out.values.row(r).head(5) = t.values.row(a).head(5);
        if (out.missing.size() > 0) out.missing.row(r).head(5) = t.missing.row(a).head(5);
        double population = 0;
        bool known = false;
        for (const auto& band : land.areas()[a].population)
            if (options.population_ages.contains(band.ages)) {
                population += band.count;
                known = true;
            }
        if (known) {
            out.values(r, 5) = population;
            if (population > 0) out.values.row(r).segment(6, 5) = out.values.row(r).head(5) * (1000.0 / population);
        }
    }
    // Latest year per (area, key); an indicator without a year is older than any with one.
    std::vector<int> best_year(static_cast<std::size_t>(n * n_ind), std::numeric_limits<int>::min());
    for (Index i = 0; i < land.indicators().size(); ++i) {
        const auto& ind = land.indicators()[i];
        const Eigen::Index r = row_of[land.indicator_area(i)];
        const auto it = column_of.find(ind.key);
        if (r < 0 || it == column_of.end()) continue;
        const int year = ind.year.value_or(std::numeric_limits<int>::min() + 1);
        auto& best = best_year[static_cast<std::size_t>(r * n_ind + it->second)];
        if (year >= best) {
            best = year;
            out.values(r, 11 + it->second) = ind.value;
        }
    }
    return out;
}

}  // namespace samkart
