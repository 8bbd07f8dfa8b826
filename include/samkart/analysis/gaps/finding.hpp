#pragma once
/// @file finding.hpp
/// Finding: the gaps of one cause, grouped, for a reader. "OT ends at 21 and no level-3/4
/// service takes over in 9 municipalities (about 140 young people a year)" is one finding
/// made of nine `age_cliff` gaps. A report has far fewer findings than gaps; every gap is in
/// exactly one finding (docs/gaps.md, "Findings").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samkart/analysis/gaps/gap.hpp"

namespace samkart {

struct Finding {
    /// What the gaps have in common, as a stable key: "age_cliff:ot-vt:3:22",
    /// "handoff_uncoordinated:follow_up_service>labour_welfare", "not_mapped:partial:county,state".
    std::string cause;
    GapKind kind = GapKind::LEVEL_MISSING;
    GapCategory category = GapCategory::SERVICE;
    double severity = 0;                 ///< the highest severity among its gaps
    /// Young people affected: the sum over its gaps of `Gap::young_people` (different areas
    /// and routes, so different people); none when no gap has a count.
    std::optional<double> young_people;
    std::vector<std::string> areas;      ///< area ids, each once, in report order
    std::vector<std::string> area_names;
    std::vector<std::string> actors;     ///< actor ids, each once
    std::vector<std::string> actor_names;
    std::vector<std::size_t> gaps;       ///< positions of its gaps in the report
    bool illustrative = false;           ///< one of its gaps rests on an illustrative record
    /// Kind-specific words the message needs (the actor, the level, the ages, the sectors).
    std::optional<Level> level;
    std::optional<AgeRange> ages;
    std::string subject;                 ///< e.g. the organisation whose service ends
    std::string detail;                  ///< e.g. "follow_up_service>labour_welfare"
    bool municipalities = true;          ///< every area is a municipality (for the wording)
    /// Sums over its gaps of `Gap::value` and `Gap::expected` (what there is and what there
    /// should be), and of `Gap::value_missing`.
    double value = 0, expected = 0;
    std::size_t value_missing = 0;
    /// Hand-overs: the source and target names of each route, in report order.
    std::vector<std::string> route_sources, route_targets;
    Gap lead;                            ///< its first gap in report order (the most severe)

    /// One sentence or two for a reader, in "nb", "da" or "en".
    /// @throws ArgumentError for any other language.
    [[nodiscard]] std::string message(std::string_view lang = "en") const;

    friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace samkart
