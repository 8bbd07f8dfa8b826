#pragma once
// Shared structure of the gap analysis (src/analysis/gaps*.cpp): the municipal scopes, which
// measures cover and which actors serve each, and the link structure, built once per
// find_gaps call on dense indices.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "samkart/analysis/gaps.hpp"
#include "samkart/analysis/network.hpp"

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

    // --- Reuse, for the scenario cache (src/analysis/scenario_cache.cpp) -----------------------
    /// The collaboration network of `land`, when built elsewhere; find_network_gaps builds its
    /// own when unset.
    std::optional<Network> network;
    /// A context whose scope tables (scope_area, measures, actors, actor_scopes, provided)
    /// and link structure (neighbours, hops_out, the linked pairs) are built only when asked
    /// for, and else left empty to be swapped in from a context of a landscape with the same
    /// areas, actors and measures (resp. links). Defined in scenario_cache.cpp.
    GapContext(const Landscape& land, const GapRules& rules, bool scopes, bool links);
    /// Exchange the scope tables (resp. the link structure) with another context. Any member
    /// added to build_scopes or build_links must be exchanged here too.
    void swap_scopes(GapContext& other) noexcept;
    void swap_links(GapContext& other) noexcept;

private:
    void build_scopes();
    void build_links();
    std::unordered_set<std::uint64_t> pairs_;
};

/// Every kind, weighted and sorted, on a context built by the caller (find_gaps builds one
/// per call; the scenario cache reuses parts of one). Does not validate the rules.
[[nodiscard]] GapReport find_gaps_in(const GapContext& ctx);
/// The same gaps, weighted but in the order found (what find_gaps_in sorts into a report),
/// for callers that only add severities up; `notes` receives the report's notes.
[[nodiscard]] std::vector<Gap> find_gap_list(const GapContext& ctx, std::vector<std::string>& notes);

/// Kinds computed in each file; each appends to `out`.
void find_coverage_gaps(const GapContext& ctx, std::vector<Gap>& out);   // gaps_coverage.cpp
void find_capacity_gaps(const GapContext& ctx, std::vector<Gap>& out,
                        std::vector<std::string>& notes);                 // gaps_coverage.cpp
void find_handoff_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_network.cpp
void find_network_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_network.cpp

/// rules.kinds contains `kind` (or is unset).
[[nodiscard]] bool wanted(const GapRules& rules, GapKind kind);

}  // namespace samkart::detail
