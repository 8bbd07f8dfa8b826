#pragma once
// Shared structure of the gap analysis (src/analysis/gaps*.cpp): the municipal scopes, which
// measures cover and which actors serve each, and the link structure, built once per
// find_gaps call on dense indices.

#include <cstdint>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "samkart/analysis/gaps.hpp"

namespace samkart::detail {

struct GapContext {
    GapContext(const Landscape& land, const GapRules& rules);

    const Landscape& land;
    const GapRules& rules;

    /// One scope per municipality (area order); one scope without area when there is none.
    std::vector<Index> scope_area;              ///< area index, or npos for the whole landscape
    std::vector<std::vector<Index>> measures;   ///< per scope: measures covering it
    std::vector<std::vector<Index>> actors;     ///< per scope: actors serving it
    std::vector<std::vector<Index>> actor_scopes;    ///< per actor: scopes it serves
    std::vector<std::vector<Index>> provided;   ///< per actor: measures it provides
    std::vector<std::vector<Index>> neighbours; ///< per actor: linked actors, any kind, sorted
    /// Per actor: actors reachable by one hop (referral forward, symmetric kinds both ways).
    std::vector<std::vector<Index>> hops_out;

    [[nodiscard]] std::size_t num_scopes() const noexcept { return scope_area.size(); }
    [[nodiscard]] bool linked(Index a, Index b) const noexcept;
    /// Fill a gap's area fields for scope `s`.
    void set_area(Gap& gap, std::size_t s) const;
    void set_area_index(Gap& gap, Index area) const;
    void add_actor(Gap& gap, Index actor) const;
    void add_measure(Gap& gap, Index measure) const;
    /// Highest level among the measures an actor provides (0 if none).
    [[nodiscard]] int highest_level(Index actor) const;

private:
    std::unordered_set<std::uint64_t> pairs_;
};

/// Kinds computed in each file; each appends to `out`.
void find_coverage_gaps(const GapContext& ctx, std::vector<Gap>& out);   // gaps_coverage.cpp
void find_capacity_gaps(const GapContext& ctx, std::vector<Gap>& out,
                        std::vector<std::string>& notes);                 // gaps_coverage.cpp
void find_handoff_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_network.cpp
void find_network_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_network.cpp

/// rules.kinds contains `kind` (or is unset).
[[nodiscard]] bool wanted(const GapRules& rules, GapKind kind);

}  // namespace samkart::detail
