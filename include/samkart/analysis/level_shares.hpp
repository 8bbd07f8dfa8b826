#pragma once
/// @file level_shares.hpp
/// The share of capacity (or cost, participants, measures) at each prevention level: how much
/// goes to level 1. Rose's prevention paradox says population-wide measures reduce more
/// burden than high-risk ones (DOMAIN.md), so a low level-1 share is worth a look.

#include <optional>
#include <string>

#include "samkart/analysis/coverage.hpp"

namespace samkart {

/// Shares per level.
/// @param value  what is shared out; CAPACITY by default.
/// @return 4 (levels) by 3: columns "value" (the level's total), "share" (value / the sum over
///         levels that are known; NaN for a level where no measure gives the value, and for all
///         levels when the sum is 0), "missing" (measures of the level that do
///         not give the value; 0 for MEASURES and ACTORS). The shares are of the measures that
///         give the value: read them together with "missing".
/// @throws UnknownIdError for an unknown area.
[[nodiscard]] LabelledMatrix level_shares(const Landscape& land, Value value = Value::CAPACITY,
                                          const std::optional<std::string>& area = std::nullopt,
                                          bool inherit = false);

}  // namespace samkart
