#pragma once
/// @file compare_areas.hpp
/// One row per area of a kind (e.g. each municipality): coverage by level, per 1,000 of the
/// population where it is known, beside indicators such as the NEET share, so that the areas
/// that stand out can be seen.

#include <string>
#include <vector>

#include "samkart/analysis/coverage.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {

struct CompareOptions {
    Value value = Value::MEASURES;
    /// A measure of an enclosing area (a county-wide one) counts in every area below it. Off
    /// by default: the comparison shows what differs between the areas.
    bool inherit = false;
    /// The population is the sum of the area's population bands that lie within these ages
    /// (bands are expected not to overlap); NaN when the area has none.
    AgeRange population_ages{0, AgeRange::max_age};
    MissingRule missing = MissingRule::SKIP;
};

/// @param indicators  indicator keys to add as columns: the value of the latest year given
///                    (an indicator without year counts as oldest), NaN when the area has none.
/// @return #areas of `kind` (input order) by 11 + #indicators: "universal", "early",
///         "targeted", "intensive", "total" (the area's coverage; total counts a measure once),
///         "population", "universal_per_1000" … "total_per_1000", then the indicator keys.
[[nodiscard]] LabelledMatrix compare_areas(const Landscape& land, AreaKind kind = AreaKind::MUNICIPALITY,
                                           const std::vector<std::string>& indicators = {},
                                           const CompareOptions& options = {});

}  // namespace samkart
