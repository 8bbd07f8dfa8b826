#pragma once
// Shared structure of the gap analysis (src/analysis/gaps*.cpp): the municipal scopes, which
// measures cover and which actors serve each, what of each scope was mapped, the link
// structure with organisational units (part_of), built once per find_gaps call on dense
// indices.

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
    std::vector<std::vector<Index>> measures;   ///< per scope: measures in place covering it
    std::vector<std::vector<Index>> actors;     ///< per scope: actors serving it
    std::vector<std::vector<Index>> actor_scopes;    ///< per actor: scopes it serves
    std::vector<std::vector<Index>> measure_scopes;  ///< per measure in place: scopes it covers
    std::vector<std::vector<Index>> provided;   ///< per actor: measures in place it provides
    std::vector<char> in_place;                 ///< per measure: status active or pilot
    /// Per actor: itself, the actor it is part of, ..., the top of its organisation.
    std::vector<std::vector<Index>> lineage;
    std::vector<std::vector<Index>> neighbours; ///< per actor: linked actors, any kind, sorted
    /// Per actor: actors reachable by one hop (referral forward, symmetric kinds both ways).
    std::vector<std::vector<Index>> hops_out;

    [[nodiscard]] std::size_t num_scopes() const noexcept { return scope_area.size(); }
    /// Everything in the scope was mapped, so an absence there is a service gap.
    [[nodiscard]] bool scope_complete(std::size_t s) const noexcept { return complete_[s] != 0; }
    /// The actor's part of scope `s` was mapped: the municipality, every area above it and
    /// every district below it are complete, or partial with the actor's sector or owner among
    /// `mapped`. Then the actor, its measures and its links are known there.
    [[nodiscard]] bool mapped_in(Index actor, std::size_t s) const;
    /// The actor was mapped in some municipality it serves, so its links were seen.
    [[nodiscard]] bool actor_mapped(Index actor) const;
    /// A hand-over between the two was seen where it was mapped: a municipality both serve was
    /// mapped completely (or, when they share none, each was seen in a mapped one).
    [[nodiscard]] bool mapped_together(Index a, Index b) const;
    /// The two actors are linked: by a link between them or between organisations they are
    /// units of (a link counts for every pair of their units, transitively), or they are units
    /// of the same organisation.
    [[nodiscard]] bool linked(Index a, Index b) const noexcept;
    /// As `linked`, counting only links that assign coordination: a binding link (formal,
    /// agreement or shared plan) that names a coordinator, or (rules.statutory_coordination) a
    /// link with a legal basis the rules accept. Units of one organisation are coordinated.
    /// So is a hand-over between two actors that a third holds the baton with on both sides:
    /// it has such a link with each, naming itself coordinator (the Danish KUI, which keeps
    /// every under-25's education plan, between FGU and a vocational school), where its ages
    /// cover the hand-over's `ages` (unknown ages: taken as covered).
    [[nodiscard]] bool coordinated(Index a, Index b,
                                   const std::optional<AgeRange>& ages = std::nullopt) const noexcept;
    /// Some actor is part of this one.
    [[nodiscard]] bool has_units(Index a) const noexcept { return has_units_[a] != 0; }
    [[nodiscard]] bool same_organisation(Index a, Index b) const noexcept {
        return lineage[a].back() == lineage[b].back();
    }
    /// Fill a gap's area fields for scope `s` (and record the area it rests on).
    void set_area(Gap& gap, std::size_t s) const;
    void set_area_index(Gap& gap, Index area) const;
    void add_actor(Gap& gap, Index actor) const;
    void add_measure(Gap& gap, Index measure) const;
    /// Record that the gap rests on a record; `illustrative` marks the gap illustrative.
    static void rests_on(Gap& gap, std::string record, bool illustrative);
    /// The smallest area above every scope in `scopes` (the municipality itself for one),
    /// or npos (no scopes, or the landscape has no municipalities).
    [[nodiscard]] Index common_area(const std::vector<Index>& scopes) const;
    /// Highest level among the measures in place an actor provides (0 if none).
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
    std::unordered_set<std::uint64_t> pairs_, coordinated_pairs_;
    /// Per actor: the actors that hold the baton on a coordinating link with it, naming
    /// themselves coordinator (sorted, unique).
    std::vector<std::vector<Index>> batons_;
    std::vector<char> complete_;
    std::vector<std::vector<Index>> scope_areas_;  ///< per scope: the areas whose mapping counts
    std::vector<char> has_units_;
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
void find_mapping_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_coverage.cpp
void find_handoff_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_network.cpp
void find_network_gaps(const GapContext& ctx, std::vector<Gap>& out);    // gaps_network.cpp

/// Set `Gap::cause` and `Gap::subject` where the kind's finder has not (gaps_findings.cpp).
void assign_causes(const GapContext& ctx, std::vector<Gap>& gaps);

/// rules.kinds contains `kind` (or is unset).
[[nodiscard]] bool wanted(const GapRules& rules, GapKind kind);

/// a·2³² + b with a ≤ b: the key of an unordered pair of indices.
[[nodiscard]] inline std::uint64_t pair_key(Index a, Index b) noexcept {
    if (a > b) std::swap(a, b);
    return (static_cast<std::uint64_t>(a) << 32) | b;
}

}  // namespace samkart::detail
