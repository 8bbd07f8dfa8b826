#pragma once
/// @file compare.hpp
/// compare(before, after): which gaps a change closed, opened and changed.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "samkart/analysis/gaps.hpp"

namespace samkart {

/// The gaps a change closed, opened and changed. Gaps are matched by (kind, area, level,
/// sorted actors, ages); several gaps with the same key (two duplicated pairs of one level)
/// are matched most severe first.
struct ScenarioComparison {
    std::vector<Gap> closed;  ///< gaps of `before` with no match in `after`, most severe first
    std::vector<Gap> opened;  ///< gaps of `after` with no match in `before`, most severe first
    /// (before, after) pairs with the same key and a severity differing by more than 1e-12,
    /// ordered by the gap before, most severe first.
    std::vector<std::pair<Gap, Gap>> changed;
    double severity_before = 0;  ///< total severity of every gap before (compensated sum)
    double severity_after = 0;
    std::size_t gaps_before = 0;
    std::size_t gaps_after = 0;

    /// `severity_before − severity_after`: what prioritize ranks by.
    [[nodiscard]] double severity_reduced() const noexcept { return severity_before - severity_after; }
    /// A head line and one line per gap closed, opened or changed (Python `repr`).
    [[nodiscard]] std::string to_string() const;
};

/// Compare the gap reports of two landscapes. O(g log g) for g gaps in all.
[[nodiscard]] ScenarioComparison compare(const GapReport& before, const GapReport& after);

/// The gaps (`find_gaps(land, rules)`) closed, opened and changed from `before` to `after`:
/// two gap analyses and the comparison above.
/// @throws ArgumentError if a rule is invalid for either landscape.
[[nodiscard]] ScenarioComparison compare(const Landscape& before, const Landscape& after,
                                         const GapRules& rules = {});

/// One line for a gap: "kind | area | level 2 | ages 16–19 | actor, actor (0.918)".
[[nodiscard]] std::string gap_text(const Gap& gap);

}  // namespace samkart
