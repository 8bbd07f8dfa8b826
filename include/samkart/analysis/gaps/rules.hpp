#pragma once
/// @file rules.hpp
/// GapRules: every threshold of the gap analysis, each with its documented default
/// (docs/gaps.md has the table and the reasoning behind each number).

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "samkart/core/age_range.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"

namespace samkart {

/// What the capacity of one level must at least match: `share` × the value of `indicator` in
/// each area that has it (e.g. level 4 places ≥ 1.0 × `neet_count_16_25`).
struct CapacityNeed {
    Level level = Level::INTENSIVE;
    std::string indicator;
    double share = 1.0;
    friend bool operator==(const CapacityNeed&, const CapacityNeed&) = default;
};

/// What `level_imbalance` measures the level-1 share of.
enum class ImbalanceValue : unsigned char {
    MEASURES,  ///< number of measures
    CAPACITY,  ///< places, among measures that give a capacity
};

struct GapRules {
    /// The ages the services should cover together (`age_uncovered`, `age_cliff`).
    AgeRange ages{0, 29};
    /// Severity of `level_missing` by level 1..4: the prevention paradox (Rose) puts the
    /// universal level first, the intensive level next (those already outside).
    std::array<double, 4> level_weights{1.0, 0.8, 0.8, 0.9};
    /// `age_cliff` looks at measures of this level and above.
    Level cliff_min_level = Level::TARGETED;
    /// `capacity_short`: which group needs the places of each level. nullopt: the default
    /// (default_needs: level L against the indicator `need_level_L`, the young people who need
    /// level-L help), each skipped with a note when no area has it; an explicit list is checked
    /// strictly. Never compare intensive places with everyone outside work and education.
    std::optional<std::vector<CapacityNeed>> needs;
    /// `capacity_unknown`: a level whose share of measures without capacity is above this is
    /// a data gap, in [0, 1].
    double capacity_unknown_share = 0.5;
    /// `capacity_unknown`: the levels whose places matter (a universal measure has no places).
    std::vector<Level> capacity_levels{Level::TARGETED, Level::INTENSIVE};
    /// `duplication`: the least number of overlapping years.
    int duplication_min_overlap = 3;
    /// `duplication`: the levels where two measures for the same young people are a waste.
    /// Not level 2 by default: several low-threshold doors are what seed 002 asks for.
    std::vector<Level> duplication_levels{Level::UNIVERSAL, Level::TARGETED, Level::INTENSIVE};
    /// `handoff_*`: a link with a legal basis (`Link::legal_basis`) assigns coordination by law
    /// (e.g. registration with OT under opplæringslova § 3-6), so a hand-over it covers counts
    /// as coordinated.
    bool statutory_coordination = true;
    /// With `statutory_coordination`: the legal bases that count (a basis counts when it starts
    /// with one of these, e.g. "opplæringslova § 3-6"); empty = any legal basis.
    std::vector<std::string> statutory_bases;
    /// Young people per year at which a hand-over counts fully (`handoff_*`, `age_cliff`).
    double volume_reference = 500;
    /// `silo`: the actor attributes to group by ("owner", "sector", "area").
    std::vector<std::string> silo_by{"owner", "sector"};
    int silo_min_size = 2;
    /// E–I index at or below which a group is a silo, in [−1, 1].
    double silo_threshold = -0.5;
    /// `single_point_of_failure`: the least number of actors cut off.
    int spof_min_separated = 1;
    /// `unreachable_intensive`: referral hops allowed to reach a level-4 actor.
    int max_referral_hops = 3;
    ImbalanceValue imbalance_value = ImbalanceValue::MEASURES;
    /// `level_imbalance`: least share of level 1 among the measures of a municipality, in [0, 1].
    double min_level1_share = 0.25;
    /// Multiplier per kind name ("silo": 0.5); kinds not named weigh 1. Non-negative.
    std::map<std::string, double> kind_weights;
    /// Kind names to look for; nullopt = all.
    std::optional<std::vector<std::string>> kinds;

    /// The default capacity needs: level 3 against `need_level_3` and level 4 against
    /// `need_level_4`, share 1.0.
    [[nodiscard]] static std::vector<CapacityNeed> default_needs();
    /// Check every rule, and the indicator keys against `land`.
    /// @throws ArgumentError naming the rule at fault and what it accepts.
    void validate(const Landscape& land) const;

    friend bool operator==(const GapRules&, const GapRules&) = default;
};

}  // namespace samkart
