// The fast path of prioritize (scenario_cache.hpp) and the reuse constructor of GapContext.
#include "scenario_cache.hpp"

#include <utility>

#include "scenario_detail.hpp"

namespace samkart {

namespace detail {

GapContext::GapContext(const Landscape& landscape, const GapRules& gap_rules, bool scopes, bool links)
    : land(landscape), rules(gap_rules) {
    if (scopes) build_scopes();
    if (links) build_links();
}

void GapContext::swap_scopes(GapContext& other) noexcept {
    scope_area.swap(other.scope_area);
    measures.swap(other.measures);
    actors.swap(other.actors);
    actor_scopes.swap(other.actor_scopes);
    measure_scopes.swap(other.measure_scopes);
    provided.swap(other.provided);
    in_place.swap(other.in_place);
    complete_.swap(other.complete_);
    scope_areas_.swap(other.scope_areas_);
}

void GapContext::swap_links(GapContext& other) noexcept {
    lineage.swap(other.lineage);
    has_units_.swap(other.has_units_);
    neighbours.swap(other.neighbours);
    hops_out.swap(other.hops_out);
    pairs_.swap(other.pairs_);
    coordinated_pairs_.swap(other.coordinated_pairs_);
    batons_.swap(other.batons_);
}

Touched touched(std::span<const Change> changes) {
    Touched t;
    for (const auto& change : changes) {
        if (const auto* add = std::get_if<AddRecord>(&change.action)) {
            const bool area = std::holds_alternative<Area>(add->record);
            const bool actor = std::holds_alternative<Actor>(add->record);
            t.scopes |= area || actor || std::holds_alternative<Measure>(add->record);
            t.links |= area || actor || std::holds_alternative<Link>(add->record);
        } else if (std::holds_alternative<RemoveActor>(change.action)) {
            t.scopes = t.links = true;
        } else if (std::holds_alternative<RemoveLink>(change.action)) {
            t.links = true;
        } else if (std::holds_alternative<SetStatus>(change.action)) {
            t.scopes = true;  // whether a measure covers may depend on its status
        } else if (std::holds_alternative<SetLink>(change.action)) {
            // Formal, coordinator and legal basis decide which pairs are coordinated (the link
            // structure); the network holds only ends and kinds, which SetLink cannot change,
            // and the gap analysis reads no weights of its edges, so it is still lent.
            t.link_fields = true;
        }
        // SetCapacity, AddKey, transitions and indicators touch neither.
    }
    return t;
}

GapCache::GapCache(const Landscape& base, const GapRules& rules) : rules_(rules), base_(base, rules) {
    if (wanted(rules, GapKind::SILO) || wanted(rules, GapKind::SINGLE_POINT_OF_FAILURE))
        base_.network.emplace(base, NetworkOptions{.collapse_units = true});  // as gaps_network.cpp
}

double GapCache::total_severity(const Landscape& after, Touched what) {
    rules_.validate(after);
    GapContext ctx(after, rules_, what.scopes, what.links || what.link_fields);
    // Borrow the untouched parts for this one analysis and give them back, even on error.
    struct Lend {
        GapContext& from;
        GapContext& to;
        Touched what;
        Lend(GapContext& f, GapContext& t, Touched w) : from(f), to(t), what(w) { exchange(); }
        ~Lend() { exchange(); }
        Lend(const Lend&) = delete;
        Lend& operator=(const Lend&) = delete;
        void exchange() noexcept {
            if (!what.scopes) to.swap_scopes(from);
            if (!what.links && !what.link_fields) to.swap_links(from);
            if (!what.links) to.network.swap(from.network);
        }
    } lend(base_, ctx, what);
    std::vector<std::string> notes;
    return detail::total_severity(find_gap_list(ctx, notes));
}

}  // namespace detail

}  // namespace samkart
