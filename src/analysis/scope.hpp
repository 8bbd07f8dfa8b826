#pragma once
// The area rules shared by the mapping analyses: which areas a measure (or actor) belongs to,
// and which measures and actors an area filter keeps. One place, so coverage, role_map and
// compare_areas count the same way (docs/mapping.md, "Counting rules").

#include <optional>
#include <string>
#include <vector>

#include "samkart/core/landscape.hpp"

namespace samkart::detail {

/// Areas in compressed rows: the areas of item i are `index[start[i] .. start[i + 1])`.
struct AreaSets {
    std::vector<std::size_t> start{0};
    std::vector<Index> index;
    [[nodiscard]] std::span<const Index> of(std::size_t i) const {
        return {index.data() + start[i], index.data() + start[i + 1]};
    }
};

/// For each measure: the areas it serves, every area above them, and with `inherit` every
/// area below them; each area once.
[[nodiscard]] AreaSets measure_area_sets(const Landscape& land, bool inherit);

/// What an area filter keeps. Without a filter everything is kept.
struct Scope {
    std::vector<char> measures;  ///< #measures: 1 = kept
    std::vector<char> actors;    ///< #actors: 1 = kept
    std::vector<char> areas;     ///< #areas: 1 = the filter area or below it
};

/// Only measures in place (active, pilot) are kept: proposed and ended ones cover nothing.
/// A measure is kept when the filter area is among its area set (so it serves the area or
/// an area below it, or with `inherit` an area above it); an actor when the same holds for
/// the areas it serves, or it provides a kept measure.
/// @throws UnknownIdError if `area` is not an area of `land`.
[[nodiscard]] Scope make_scope(const Landscape& land, const std::optional<std::string>& area,
                               bool inherit, const AreaSets& measure_sets);

}  // namespace samkart::detail
