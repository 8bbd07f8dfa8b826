#include "samkart/analysis/age_coverage.hpp"

#include <cmath>
#include <limits>

#include "samkart/analysis/level_shares.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {

LabelledMatrix age_coverage(const Landscape& land, const AgeCoverageOptions& options) {
    CoverageOptions o;
    o.value = options.value;
    o.area = options.area;
    o.inherit = options.inherit;
    o.ages = options.ages;
    o.missing = options.missing;
    LabelledMatrix t = coverage(land, Dimension::LEVEL, Dimension::AGE, o);
    if (!options.level) return t;
    const auto r = static_cast<Eigen::Index>(*options.level) - 1;
    LabelledMatrix one;
    one.row_dimension = t.row_dimension;
    one.col_dimension = t.col_dimension;
    one.rows.push_back(t.rows.ids[static_cast<std::size_t>(r)], t.rows.names[static_cast<std::size_t>(r)]);
    one.cols = std::move(t.cols);
    one.values = t.values.row(r);
    if (t.missing.size() > 0) one.missing = t.missing.row(r);
    return one;
}

LabelledMatrix level_shares(const Landscape& land, Value value, const std::optional<std::string>& area,
                            bool inherit) {
    CoverageOptions o;
    o.value = value;
    o.area = area;
    o.inherit = inherit;
    // Level × level is the diagonal; its "total" column is each level's value.
    o.totals = true;
    const LabelledMatrix t = coverage(land, Dimension::LEVEL, Dimension::LEVEL, o);
    LabelledMatrix out;
    out.row_dimension = "level";
    out.col_dimension = "share";
    for (std::size_t l = 0; l < 4; ++l) out.rows.push_back(t.rows.ids[l], t.rows.names[l]);
    out.cols.push_back("value", "Value");
    out.cols.push_back("share", "Share");
    out.cols.push_back("missing", "Measures lacking the value");
    out.values = Eigen::MatrixXd::Zero(4, 3);
    out.values.col(0) = t.values.col(4).head(4);
    // Shares of what is known: a level where no measure gives the value (NaN) has an unknown
    // share and is left out of the whole; "missing" says how much is unknown.
    double whole = 0;
    for (Eigen::Index l = 0; l < 4; ++l)
        if (std::isfinite(out.values(l, 0))) whole += out.values(l, 0);
    for (Eigen::Index l = 0; l < 4; ++l)
        out.values(l, 1) = whole > 0 ? out.values(l, 0) / whole : std::numeric_limits<double>::quiet_NaN();
    if (t.missing.size() > 0) out.values.col(2) = t.missing.col(4).head(4);
    return out;
}

}  // namespace samkart
