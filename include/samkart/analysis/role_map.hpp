#pragma once
/// @file role_map.hpp
/// The role map (*rolleoversikt*): for each actor and each prevention level, the measures the
/// actor provides at that level. The overview the partnership asks every municipality to
/// make of "each actor's role at each level" (seed 002 §1.1).

#include <optional>
#include <string>
#include <vector>

#include "samkart/analysis/labelled_matrix.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"

namespace samkart {

struct RoleMap {
    Labels actors;  ///< rows: actor ids and names
    Labels levels;  ///< the four columns: level names ("universal", ...) and English labels
    /// #actors × 4 cells, row-major: the measures (indices into Landscape::measures(), in
    /// input order) the actor provides at the level. A joint measure is in each provider's row.
    std::vector<std::vector<Index>> cells;

    [[nodiscard]] const std::vector<Index>& at(std::size_t actor_row, Level level) const {
        return cells[actor_row * 4 + static_cast<std::size_t>(level) - 1];
    }
    /// The measure names of every cell, row-major (#actors × 4).
    [[nodiscard]] std::vector<std::vector<std::string>> names(const Landscape& land) const;
    /// The measure ids of every cell, row-major (#actors × 4).
    [[nodiscard]] std::vector<std::vector<std::string>> ids(const Landscape& land) const;
};

/// The role map of the whole landscape (`area` none: every actor, in input order), or of one
/// area: the actors that serve it or provide a measure in it, and the measures in it. "In the
/// area" follows the rules of coverage.hpp; with `inherit` (the default here, since the role
/// map describes what young people in the area have) a measure of an enclosing area, such as
/// a county-wide one, is in the area too.
/// @throws UnknownIdError if `area` is not an area of `land`.
[[nodiscard]] RoleMap role_map(const Landscape& land, const std::optional<std::string>& area = std::nullopt,
                               bool inherit = true);

}  // namespace samkart
