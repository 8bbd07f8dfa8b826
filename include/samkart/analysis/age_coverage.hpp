#pragma once
/// @file age_coverage.hpp
/// Coverage by year of age for each level: where services end (an age where every measure
/// stops, e.g. OT at 21) shows as a cliff in a row.

#include <optional>
#include <string>

#include "samkart/analysis/coverage.hpp"

namespace samkart {

struct AgeCoverageOptions {
    std::optional<Level> level;         ///< only this level's row; none = all four
    std::optional<std::string> area;    ///< only measures in this area
    AgeRange ages{0, 29};               ///< the years shown
    Value value = Value::MEASURES;      ///< or CAPACITY, PARTICIPANTS, COST, ACTORS
    bool inherit = true;                ///< county-wide measures count in a municipality
    MissingRule missing = MissingRule::SKIP;
};

/// Measures (or capacity, ...) covering each year of age, by level. A measure counts in every
/// year of its ages (its own, else the hull of its providers').
/// @return #levels (4, or 1 with `level`) by #years (`ages.years()`); column ids "0", "1", ...
/// @throws UnknownIdError for an unknown area; Error for an invalid age range.
[[nodiscard]] LabelledMatrix age_coverage(const Landscape& land, const AgeCoverageOptions& options = {});

}  // namespace samkart
