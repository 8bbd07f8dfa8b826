#pragma once
/// @file gap.hpp
/// One gap in a service system: where young people can fall between services (*hull*).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samkart/core/age_range.hpp"
#include "samkart/core/level.hpp"

namespace samkart {

/// The kinds of gap, in the order of docs/gaps.md (also the tie-break order of a report).
enum class GapKind : unsigned char {
    LEVEL_MISSING,
    AGE_UNCOVERED,
    AGE_CLIFF,
    CAPACITY_SHORT,
    DUPLICATION,
    HANDOFF_UNLINKED,
    HANDOFF_UNCOORDINATED,
    SILO,
    SINGLE_POINT_OF_FAILURE,
    ISOLATED_ACTOR,
    NO_PARTICIPATION,
    UNREACHABLE_INTENSIVE,
    LEVEL_IMBALANCE,
    NOT_MAPPED,        ///< data gap: part of an area's services was never mapped
    CAPACITY_UNKNOWN,  ///< data gap: most measures of a level give no capacity
};
inline constexpr std::size_t gap_kind_count = 15;

/// What a gap is about: the services (a service gap, *tjenestehull*) or what is known about
/// them (a data gap: something was not mapped or not recorded, so no service gap is claimed).
enum class GapCategory : unsigned char { SERVICE, DATA };

/// DATA for `not_mapped` and `capacity_unknown`, SERVICE for every other kind.
[[nodiscard]] GapCategory gap_category(GapKind kind) noexcept;
/// "service" or "data".
[[nodiscard]] std::string_view gap_category_name(GapCategory category) noexcept;

/// "level_missing", "age_uncovered", ...
[[nodiscard]] std::string_view gap_kind_name(GapKind kind) noexcept;
/// @throws ArgumentError naming the accepted kinds.
[[nodiscard]] GapKind parse_gap_kind(std::string_view name);
[[nodiscard]] const std::array<GapKind, gap_kind_count>& all_gap_kinds() noexcept;

/// A gap. Which fields are set depends on the kind (docs/gaps.md); ids are kept with the
/// names a reader needs, so that a message can be written without the landscape.
struct Gap {
    GapKind kind = GapKind::LEVEL_MISSING;
    double severity = 0;                 ///< in [0, 1], already weighted by the rules
    std::optional<std::string> area;     ///< area id; none for network-wide gaps
    std::optional<Level> level;
    std::optional<AgeRange> ages;
    std::vector<std::string> actors;     ///< actor ids
    std::optional<double> value;         ///< what there is (a volume, a share, places, ...)
    std::optional<double> expected;      ///< what there should be, when the kind has one
    std::string area_name;               ///< the area's name ("" without area)
    std::string area_kind;               ///< "municipality", "county", ... ("" without area)
    std::vector<std::string> actor_names;  ///< parallel to `actors`
    std::vector<std::string> measures;   ///< ids of the measures concerned (cliff, duplication)
    std::vector<std::string> measure_names;
    /// Kind-specific: the indicator key (capacity_short), the group "owner=municipal" (silo),
    /// the transition reason (handoff_*), else "".
    std::string detail;
    /// capacity_short: measures of the level that give no capacity (not counted as 0).
    std::size_t value_missing = 0;
    GapCategory category = GapCategory::SERVICE;  ///< gap_category(kind)
    /// The gap rests on at least one record marked illustrative (not taken from a source).
    bool illustrative = false;
    /// Young people affected, when a count says it (a hand-over's volume, those leaving at an
    /// age limit, the places missing); none when no count of the people concerned exists.
    std::optional<double> young_people;
    /// The records the gap rests on, as "collection:id" ("actors:ot-skien",
    /// "transitions:vgs-skien → ot-skien", "indicators:40 neet_count_16_25 2019").
    std::vector<std::string> records;
    /// The cause it shares with other gaps: the key of its Finding (GapReport::findings), e.g.
    /// "age_cliff:ot-vt:3:22" for every department of one OT whose level-3 measures end at 21.
    std::string cause;
    /// Who or what the cause is about, for the finding's message: the organisation whose
    /// service ends, "follow_up_service>labour_welfare" for hand-overs between two sectors.
    std::string subject;

    /// What is missing and what would close it, for a reader, in "nb", "da" or "en".
    /// @throws ArgumentError for any other language.
    [[nodiscard]] std::string message(std::string_view lang = "en") const;

    friend bool operator==(const Gap&, const Gap&) = default;
};

}  // namespace samkart
