#pragma once
/// @file report.hpp
/// GapReport: the gaps of a landscape, most severe first.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samkart/analysis/gaps/finding.hpp"
#include "samkart/analysis/gaps/gap.hpp"

namespace samkart {

/// Which gaps `GapReport::filter` keeps; an unset field keeps everything.
struct GapFilter {
    std::optional<std::vector<GapKind>> kinds;
    std::optional<std::string> area;  ///< exact area id
    std::optional<Level> level;
    double min_severity = 0;
    std::optional<GapCategory> category;
};

class GapReport {
public:
    GapReport() = default;
    /// Sorts by severity (descending), then young people affected (descending, none last),
    /// then kind, area, level, ages and actors.
    explicit GapReport(std::vector<Gap> gaps, std::vector<std::string> notes = {});

    [[nodiscard]] const std::vector<Gap>& gaps() const noexcept { return gaps_; }
    /// What the analysis skipped or could not judge (e.g. an indicator no area has).
    [[nodiscard]] const std::vector<std::string>& notes() const noexcept { return notes_; }
    [[nodiscard]] std::size_t size() const noexcept { return gaps_.size(); }
    [[nodiscard]] bool empty() const noexcept { return gaps_.empty(); }
    [[nodiscard]] auto begin() const noexcept { return gaps_.begin(); }
    [[nodiscard]] auto end() const noexcept { return gaps_.end(); }
    [[nodiscard]] const Gap& operator[](std::size_t i) const { return gaps_[i]; }

    [[nodiscard]] GapReport filter(const GapFilter& filter) const;
    /// The `n` most severe gaps.
    [[nodiscard]] GapReport top(std::size_t n) const;
    /// The gaps grouped by cause (Finding), ranked by young people affected (none last), then
    /// severity, then the number of areas; `Finding::gaps` are positions in this report.
    [[nodiscard]] std::vector<Finding> findings() const;
    /// {"findings": [...], "gaps": [...], "notes": [...]}: every Finding and Gap field plus
    /// "message" in `lang`.
    /// @throws ArgumentError for an unknown language.
    [[nodiscard]] std::string to_json(std::string_view lang = "en", int indent = 2) const;

private:
    std::vector<Gap> gaps_;
    std::vector<std::string> notes_;
};

}  // namespace samkart
