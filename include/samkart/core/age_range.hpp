#pragma once
/// @file age_range.hpp
/// Inclusive ranges of whole years of age.

#include <algorithm>
#include <compare>
#include <string>

namespace samkart {

/// Ages `min`..`max` inclusive, in whole years; 0 ≤ min ≤ max ≤ max_age.
/// Plain value: the owning Landscape checks the invariant.
struct AgeRange {
    static constexpr int max_age = 120;
    int min = 0;
    int max = max_age;

    [[nodiscard]] constexpr bool valid() const noexcept {
        return 0 <= min && min <= max && max <= max_age;
    }
    [[nodiscard]] constexpr bool contains(int age) const noexcept {
        return min <= age && age <= max;
    }
    [[nodiscard]] constexpr bool contains(const AgeRange& other) const noexcept {
        return min <= other.min && other.max <= max;
    }
    [[nodiscard]] constexpr bool overlaps(const AgeRange& other) const noexcept {
        return min <= other.max && other.min <= max;
    }
    /// Number of whole years covered (max − min + 1).
    [[nodiscard]] constexpr int years() const noexcept { return max - min + 1; }
    /// "16–21"
    [[nodiscard]] std::string to_string() const;

    friend constexpr auto operator<=>(const AgeRange&, const AgeRange&) = default;
};

/// The smallest range containing both.
[[nodiscard]] constexpr AgeRange hull(const AgeRange& a, const AgeRange& b) noexcept {
    return {std::min(a.min, b.min), std::max(a.max, b.max)};
}

}  // namespace samkart
