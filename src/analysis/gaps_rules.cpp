// GapKind names and the validation of GapRules (every message names the rule at fault).
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string>

#include "samkart/analysis/gaps.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {

namespace {

constexpr std::array<std::string_view, gap_kind_count> kind_names{
    "level_missing",  "age_uncovered",          "age_cliff",      "capacity_short",
    "duplication",    "handoff_unlinked",       "handoff_uncoordinated", "silo",
    "single_point_of_failure", "isolated_actor", "no_participation",
    "unreachable_intensive",   "level_imbalance", "not_mapped", "capacity_unknown"};

std::string accepted_kinds() {
    std::string out;
    for (auto n : kind_names) out += (out.empty() ? "" : "|") + std::string(n);
    return out;
}

[[noreturn]] void bad_rule(const std::string& rule, const std::string& what) {
    throw ArgumentError("rules." + rule + ": " + what);
}

void check_range(const std::string& rule, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi))  // also rejects NaN
        bad_rule(rule, std::to_string(value) + " is outside [" + std::to_string(lo) + ", " +
                           std::to_string(hi) + "]");
}

void check_at_least(const std::string& rule, long long value, long long lo) {
    if (value < lo) bad_rule(rule, std::to_string(value) + " is below " + std::to_string(lo));
}

}  // namespace

std::string_view gap_kind_name(GapKind kind) noexcept {
    return kind_names[static_cast<std::size_t>(kind)];
}

GapKind parse_gap_kind(std::string_view name) {
    for (std::size_t i = 0; i < kind_names.size(); ++i)
        if (kind_names[i] == name) return static_cast<GapKind>(i);
    throw ArgumentError("unknown gap kind '" + std::string(name) + "'; expected one of " +
                        accepted_kinds());
}

const std::array<GapKind, gap_kind_count>& all_gap_kinds() noexcept {
    static const auto kinds = [] {
        std::array<GapKind, gap_kind_count> k{};
        for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<GapKind>(i);
        return k;
    }();
    return kinds;
}

GapCategory gap_category(GapKind kind) noexcept {
    return kind == GapKind::NOT_MAPPED || kind == GapKind::CAPACITY_UNKNOWN ? GapCategory::DATA
                                                                            : GapCategory::SERVICE;
}

std::string_view gap_category_name(GapCategory category) noexcept {
    return category == GapCategory::DATA ? "data" : "service";
}

std::vector<CapacityNeed> GapRules::default_needs() {
    return {CapacityNeed{Level::TARGETED, "need_level_3", 1.0},
            CapacityNeed{Level::INTENSIVE, "need_level_4", 1.0}};
}

void GapRules::validate(const Landscape& land) const {
    if (!ages.valid())
        bad_rule("ages", ages.to_string() + " is not a range of ages within 0–120");
    for (std::size_t i = 0; i < level_weights.size(); ++i)
        check_range("level_weights[" + std::to_string(i + 1) + "]", level_weights[i], 0, 1);
    if (static_cast<int>(cliff_min_level) < 1 || static_cast<int>(cliff_min_level) > 4)
        bad_rule("cliff_min_level", "expected a level 1–4");
    check_at_least("duplication_min_overlap", duplication_min_overlap, 1);
    check_range("capacity_unknown_share", capacity_unknown_share, 0, 1);
    for (auto level : capacity_levels)
        if (static_cast<int>(level) < 1 || static_cast<int>(level) > 4)
            bad_rule("capacity_levels", "expected levels 1–4");
    for (auto level : duplication_levels)
        if (static_cast<int>(level) < 1 || static_cast<int>(level) > 4)
            bad_rule("duplication_levels", "expected levels 1–4");
    for (const auto& basis : statutory_bases)
        if (basis.empty())
            bad_rule("statutory_bases", "an empty legal basis would match every link; name the act and "
                                        "section, e.g. 'opplæringslova § 3-6'");
    if (!(volume_reference > 0) || !std::isfinite(volume_reference))
        bad_rule("volume_reference", std::to_string(volume_reference) + " must be positive");
    for (const auto& by : silo_by)
        if (by != "owner" && by != "sector" && by != "area")
            bad_rule("silo_by", "unknown attribute '" + by + "'; expected owner|sector|area");
    check_at_least("silo_min_size", silo_min_size, 1);
    check_range("silo_threshold", silo_threshold, -1, 1);
    check_at_least("spof_min_separated", spof_min_separated, 1);
    check_at_least("max_referral_hops", max_referral_hops, 0);
    check_range("min_level1_share", min_level1_share, 0, 1);
    for (const auto& [kind, weight] : kind_weights) {
        (void)parse_gap_kind(kind);
        if (!(weight >= 0) || !std::isfinite(weight))
            bad_rule("kind_weights['" + kind + "']", std::to_string(weight) + " must be ≥ 0");
    }
    if (kinds)
        for (const auto& kind : *kinds) (void)parse_gap_kind(kind);
    if (needs) {
        std::set<std::string> keys;
        for (const auto& indicator : land.indicators()) keys.insert(indicator.key);
        for (const auto& need : *needs) {
            const auto rule = "needs[" + std::to_string(static_cast<int>(need.level)) + "]";
            if (static_cast<int>(need.level) < 1 || static_cast<int>(need.level) > 4)
                bad_rule("needs", "expected a level 1–4");
            if (!(need.share >= 0) || !std::isfinite(need.share))
                bad_rule(rule + ".share", std::to_string(need.share) + " must be ≥ 0");
            if (!keys.contains(need.indicator)) {
                std::string present;
                for (const auto& k : keys) present += (present.empty() ? "" : ", ") + k;
                bad_rule(rule, "no area has the indicator '" + need.indicator + "'" +
                                   (present.empty() ? std::string(" (the landscape has no indicators)")
                                                    : "; the landscape has: " + present));
            }
        }
    }
}

}  // namespace samkart
