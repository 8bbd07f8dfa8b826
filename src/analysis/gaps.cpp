// find_gaps: builds the shared context (scopes, coverage, links) once, runs every kind, then
// weights and sorts. GapReport: sorting, filtering and JSON export.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <tuple>

#include "gaps_context.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {

namespace detail {

bool wanted(const GapRules& rules, GapKind kind) {
    if (!rules.kinds) return true;
    const auto name = gap_kind_name(kind);
    return std::find(rules.kinds->begin(), rules.kinds->end(), name) != rules.kinds->end();
}

namespace {

/// The link assigns coordination by law: it names a legal basis the rules accept.
bool statutory(const Link& link, const GapRules& rules) {
    if (!rules.statutory_coordination || !link.legal_basis || link.legal_basis->empty()) return false;
    if (rules.statutory_bases.empty()) return true;
    for (const auto& basis : rules.statutory_bases)
        if (link.legal_basis->starts_with(basis)) return true;
    return false;
}

}  // namespace

GapContext::GapContext(const Landscape& landscape, const GapRules& gap_rules)
    : land(landscape), rules(gap_rules) {
    build_scopes();
    build_links();
}

void GapContext::build_scopes() {
    const auto areas = land.areas();
    const auto n_actors = land.actors().size();
    const auto n_measures = land.measures().size();

    // Scopes: every municipality; `scope_of` maps an area to the scopes it stands for (itself,
    // the municipality above a district, or every municipality below a county or country).
    std::vector<Index> scope_index(areas.size(), npos);
    for (Index a = 0; a < areas.size(); ++a)
        if (areas[a].kind == AreaKind::MUNICIPALITY) {
            scope_index[a] = static_cast<Index>(scope_area.size());
            scope_area.push_back(a);
        }
    const bool whole = scope_area.empty();
    if (whole) scope_area.push_back(npos);
    std::vector<std::vector<Index>> scopes_of(areas.size());
    if (!whole) {
        for (std::size_t s = 0; s < scope_area.size(); ++s)
            for (Index a = scope_area[s]; a != npos; a = land.area_parent(a))
                scopes_of[a].push_back(static_cast<Index>(s));
        for (Index a = 0; a < areas.size(); ++a)
            if (areas[a].kind == AreaKind::DISTRICT)
                for (Index up = land.area_parent(a); up != npos; up = land.area_parent(up))
                    if (scope_index[up] != npos) {
                        scopes_of[a].push_back(scope_index[up]);
                        break;
                    }
    }

    // What was mapped: a scope is complete when its municipality, every area above it and
    // every district below it were mapped completely.
    complete_.assign(scope_area.size(), 1);
    scope_areas_.resize(scope_area.size());
    if (!whole)
        for (std::size_t s = 0; s < scope_area.size(); ++s) {
            for (Index a = scope_area[s]; a != npos; a = land.area_parent(a)) scope_areas_[s].push_back(a);
            for (auto d : land.area_subtree(scope_area[s]))
                if (d != scope_area[s]) scope_areas_[s].push_back(d);
        }
    else
        for (Index a = 0; a < areas.size(); ++a) scope_areas_[0].push_back(a);
    for (std::size_t s = 0; s < scope_area.size(); ++s)
        for (auto a : scope_areas_[s])
            if (areas[a].mapping != MappingStatus::COMPLETE) complete_[s] = 0;

    // Scopes of a set of areas, each once (stamp array, no clearing).
    std::vector<std::size_t> stamp(scope_area.size(), 0);
    std::size_t round = 0;
    auto scopes_for = [&](std::span<const Index> item_areas, auto&& emit) {
        ++round;
        if (whole) {
            emit(Index{0});
            return;
        }
        for (auto a : item_areas)
            for (auto s : scopes_of[a])
                if (stamp[s] != round) {
                    stamp[s] = round;
                    emit(s);
                }
    };

    measures.resize(scope_area.size());
    actors.resize(scope_area.size());
    actor_scopes.resize(n_actors);
    measure_scopes.resize(n_measures);
    provided.resize(n_actors);
    in_place.resize(n_measures);
    for (Index m = 0; m < n_measures; ++m) {
        // Only measures in place cover; proposed and ended ones are for scenarios.
        in_place[m] = land.measure_in_place(m) ? 1 : 0;
        if (!in_place[m]) continue;
        scopes_for(land.measure_areas(m), [&](Index s) {
            measures[s].push_back(m);
            measure_scopes[m].push_back(s);
        });
        for (auto p : land.measure_providers(m)) provided[p].push_back(m);
    }
    for (Index a = 0; a < n_actors; ++a)
        scopes_for(land.actor_areas(a), [&](Index s) {
            actors[s].push_back(a);
            actor_scopes[a].push_back(s);
        });
}

void GapContext::build_links() {
    const auto n_actors = land.actors().size();
    lineage.resize(n_actors);
    has_units_.assign(n_actors, 0);
    for (Index a = 0; a < n_actors; ++a) {
        for (Index x = a; x != npos; x = land.actor_parent(x)) lineage[a].push_back(x);
        if (land.actor_parent(a) != npos) has_units_[land.actor_parent(a)] = 1;
    }

    neighbours.resize(n_actors);
    hops_out.resize(n_actors);
    batons_.assign(n_actors, {});
    const auto links = land.links();
    for (Index l = 0; l < links.size(); ++l) {
        const auto ends = land.link_ends(l);
        const auto& link = links[l];
        pairs_.insert(pair_key(ends.source, ends.target));
        // Who coordinates (seed 004: "the agreement defines who holds the coordinating
        // responsibility"): a binding link that names a coordinator, or a statutory duty.
        const bool binding = link.formal || link.kind == LinkKind::AGREEMENT || link.kind == LinkKind::SHARED_PLAN;
        const bool coordinating = (binding && ends.coordinator != npos) || statutory(link, rules);
        if (coordinating) coordinated_pairs_.insert(pair_key(ends.source, ends.target));
        // The coordinator is one of the two (Landscape::validate warns otherwise): it holds the
        // baton with the other, and so may between two others it holds it with.
        if (coordinating && ends.coordinator != npos) {
            if (ends.coordinator == ends.source) batons_[ends.target].push_back(ends.source);
            if (ends.coordinator == ends.target) batons_[ends.source].push_back(ends.target);
        }
        neighbours[ends.source].push_back(ends.target);
        neighbours[ends.target].push_back(ends.source);
        hops_out[ends.source].push_back(ends.target);
        if (!is_directed(link.kind)) hops_out[ends.target].push_back(ends.source);
    }
    for (auto* lists : {&neighbours, &hops_out, &batons_})
        for (auto& list : *lists) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
}

bool GapContext::mapped_in(Index actor, std::size_t s) const {
    if (complete_[s]) return true;
    const auto& record = land.actors()[actor];
    const auto owner = to_string(record.owner);
    for (auto a : scope_areas_[s]) {
        const auto& area = land.areas()[a];
        if (area.mapping == MappingStatus::COMPLETE) continue;
        if (area.mapping == MappingStatus::NONE) return false;
        const bool named = std::any_of(area.mapped.begin(), area.mapped.end(), [&](const std::string& m) {
            return m == record.sector || m == owner;
        });
        if (!named) return false;
    }
    return true;
}

bool GapContext::actor_mapped(Index actor) const {
    for (auto s : actor_scopes[actor])
        if (mapped_in(actor, s)) return true;
    // An actor that serves no area could have been seen anywhere: only where everything was
    // mapped is its absence of links known (not "the first municipality", which would make the
    // answer depend on the order of the areas; found by the order-invariance property test).
    return actor_scopes[actor].empty() &&
           std::all_of(complete_.begin(), complete_.end(), [](char c) { return c != 0; });
}

bool GapContext::mapped_together(Index a, Index b) const {
    bool share = false;
    for (auto s : actor_scopes[a])
        if (std::find(actor_scopes[b].begin(), actor_scopes[b].end(), s) != actor_scopes[b].end()) {
            if (mapped_in(a, s) && mapped_in(b, s)) return true;
            share = true;
        }
    return !share && actor_mapped(a) && actor_mapped(b);
}

bool GapContext::linked(Index a, Index b) const noexcept {
    if (same_organisation(a, b)) return true;
    for (auto x : lineage[a])
        for (auto y : lineage[b])
            if (pairs_.contains(pair_key(x, y))) return true;
    return false;
}

bool GapContext::coordinated(Index a, Index b, const std::optional<AgeRange>& ages) const noexcept {
    if (same_organisation(a, b)) return true;
    for (auto x : lineage[a])
        for (auto y : lineage[b])
            if (coordinated_pairs_.contains(pair_key(x, y))) return true;
    // A third that holds the baton with both (itself, or units of one organisation).
    const auto actors = land.actors();
    for (auto x : lineage[a])
        for (auto c : batons_[x]) {
            const auto& served = actors[c].ages;
            if (ages && served && !served->contains(*ages)) continue;
            for (auto y : lineage[b])
                for (auto d : batons_[y])
                    if (same_organisation(c, d)) return true;
        }
    return false;
}

void GapContext::rests_on(Gap& gap, std::string record, bool illustrative) {
    if (std::find(gap.records.begin(), gap.records.end(), record) == gap.records.end())
        gap.records.push_back(std::move(record));
    gap.illustrative = gap.illustrative || illustrative;
}

void GapContext::set_area_index(Gap& gap, Index area) const {
    const auto& record = land.areas()[area];
    gap.area = record.id;
    gap.area_name = record.name;
    gap.area_kind = std::string(to_string(record.kind));
    rests_on(gap, "areas:" + record.id, record.illustrative);
}

void GapContext::set_area(Gap& gap, std::size_t s) const {
    if (scope_area[s] != npos) set_area_index(gap, scope_area[s]);
    else gap.area_name = land.name();
}

void GapContext::add_actor(Gap& gap, Index actor) const {
    const auto& record = land.actors()[actor];
    gap.actors.push_back(record.id);
    gap.actor_names.push_back(record.name);
    rests_on(gap, "actors:" + record.id, record.illustrative);
}

void GapContext::add_measure(Gap& gap, Index measure) const {
    const auto& record = land.measures()[measure];
    gap.measures.push_back(record.id);
    gap.measure_names.push_back(record.name);
    rests_on(gap, "measures:" + record.id, record.illustrative);
}

Index GapContext::common_area(const std::vector<Index>& scopes) const {
    if (scopes.empty() || scope_area[scopes.front()] == npos) return npos;
    std::vector<Index> path;  // root → first municipality
    for (Index x = scope_area[scopes.front()]; x != npos; x = land.area_parent(x)) path.push_back(x);
    std::reverse(path.begin(), path.end());
    std::size_t depth = path.size();
    std::vector<Index> other;
    for (std::size_t i = 1; i < scopes.size() && depth > 0; ++i) {
        other.clear();
        for (Index x = scope_area[scopes[i]]; x != npos; x = land.area_parent(x)) other.push_back(x);
        std::reverse(other.begin(), other.end());
        std::size_t common = 0;
        while (common < std::min(depth, other.size()) && path[common] == other[common]) ++common;
        depth = common;
    }
    return depth == 0 ? npos : path[depth - 1];
}

int GapContext::highest_level(Index actor) const {
    int best = 0;
    for (auto m : provided[actor]) best = std::max(best, static_cast<int>(land.measures()[m].level));
    return best;
}

}  // namespace detail

GapReport find_gaps(const Landscape& land, const GapRules& rules) {
    rules.validate(land);
    return detail::find_gaps_in(detail::GapContext(land, rules));
}

GapReport detail::find_gaps_in(const detail::GapContext& ctx) {
    std::vector<std::string> notes;
    auto gaps = find_gap_list(ctx, notes);
    return GapReport(std::move(gaps), std::move(notes));
}

std::vector<Gap> detail::find_gap_list(const detail::GapContext& ctx, std::vector<std::string>& notes) {
    const auto& rules = ctx.rules;
    std::vector<Gap> gaps;
    if (detail::wanted(rules, GapKind::NOT_MAPPED)) detail::find_mapping_gaps(ctx, gaps);
    detail::find_coverage_gaps(ctx, gaps);
    if (detail::wanted(rules, GapKind::CAPACITY_SHORT) || detail::wanted(rules, GapKind::CAPACITY_UNKNOWN))
        detail::find_capacity_gaps(ctx, gaps, notes);
    detail::find_handoff_gaps(ctx, gaps);
    detail::find_network_gaps(ctx, gaps);
    detail::assign_causes(ctx, gaps);
    for (auto& gap : gaps) {
        const auto weight = rules.kind_weights.find(std::string(gap_kind_name(gap.kind)));
        if (weight != rules.kind_weights.end()) gap.severity *= weight->second;
        gap.severity = std::clamp(gap.severity, 0.0, 1.0);
        gap.category = gap_category(gap.kind);
    }
    return gaps;
}

// --- GapReport ------------------------------------------------------------------------------

GapReport::GapReport(std::vector<Gap> gaps, std::vector<std::string> notes)
    : gaps_(std::move(gaps)), notes_(std::move(notes)) {
    // A total order, so that reports are identical from run to run and platform to platform.
    std::stable_sort(gaps_.begin(), gaps_.end(), [](const Gap& a, const Gap& b) {
        if (a.severity != b.severity) return a.severity > b.severity;
        // Ties are broken by the young people affected (none last), not by area id.
        const double ya = a.young_people.value_or(-1), yb = b.young_people.value_or(-1);
        if (ya != yb) return ya > yb;
        return std::tie(a.kind, a.area, a.level, a.ages, a.actors, a.measures) <
               std::tie(b.kind, b.area, b.level, b.ages, b.actors, b.measures);
    });
}

GapReport GapReport::filter(const GapFilter& f) const {
    std::vector<Gap> kept;
    for (const auto& gap : gaps_) {
        if (f.kinds && std::find(f.kinds->begin(), f.kinds->end(), gap.kind) == f.kinds->end())
            continue;
        if (f.area && gap.area != f.area) continue;
        if (f.level && gap.level != f.level) continue;
        if (gap.severity < f.min_severity) continue;
        if (f.category && gap.category != *f.category) continue;
        kept.push_back(gap);
    }
    GapReport out;
    out.gaps_ = std::move(kept);  // already in order
    out.notes_ = notes_;
    return out;
}

GapReport GapReport::top(std::size_t n) const {
    GapReport out;
    out.gaps_.assign(gaps_.begin(), gaps_.begin() + static_cast<std::ptrdiff_t>(std::min(n, gaps_.size())));
    out.notes_ = notes_;
    return out;
}

std::string GapReport::to_json(std::string_view lang, int indent) const {
    check_language(lang);
    auto gaps = nlohmann::json::array();
    for (const auto& g : gaps_) {
        nlohmann::json j;
        j["kind"] = gap_kind_name(g.kind);
        j["severity"] = g.severity;
        j["area"] = g.area ? nlohmann::json(*g.area) : nlohmann::json(nullptr);
        j["area_name"] = g.area_name;
        j["level"] = g.level ? nlohmann::json(static_cast<int>(*g.level)) : nlohmann::json(nullptr);
        j["ages"] = g.ages ? nlohmann::json::array({g.ages->min, g.ages->max}) : nlohmann::json(nullptr);
        j["actors"] = g.actors;
        j["actor_names"] = g.actor_names;
        j["value"] = g.value ? nlohmann::json(*g.value) : nlohmann::json(nullptr);
        j["expected"] = g.expected ? nlohmann::json(*g.expected) : nlohmann::json(nullptr);
        j["measures"] = g.measures;
        j["measure_names"] = g.measure_names;
        j["detail"] = g.detail;
        j["value_missing"] = g.value_missing;
        j["category"] = gap_category_name(g.category);
        j["illustrative"] = g.illustrative;
        j["young_people"] = g.young_people ? nlohmann::json(*g.young_people) : nlohmann::json(nullptr);
        j["records"] = g.records;
        j["message"] = g.message(lang);
        gaps.push_back(std::move(j));
    }
    auto findings_json = nlohmann::json::array();
    for (const auto& f : findings()) {
        nlohmann::json j;
        j["cause"] = f.cause;
        j["kind"] = gap_kind_name(f.kind);
        j["category"] = gap_category_name(f.category);
        j["severity"] = f.severity;
        j["young_people"] = f.young_people ? nlohmann::json(*f.young_people) : nlohmann::json(nullptr);
        j["areas"] = f.areas;
        j["actors"] = f.actors;
        j["gaps"] = f.gaps;
        j["illustrative"] = f.illustrative;
        j["message"] = f.message(lang);
        findings_json.push_back(std::move(j));
    }
    const nlohmann::json doc{{"findings", std::move(findings_json)}, {"gaps", std::move(gaps)}, {"notes", notes_}};
    return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace samkart
