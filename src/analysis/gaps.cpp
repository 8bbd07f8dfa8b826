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

namespace {

std::uint64_t pair_key(Index a, Index b) noexcept {
    if (a > b) std::swap(a, b);
    return (static_cast<std::uint64_t>(a) << 32) | b;
}

}  // namespace

bool wanted(const GapRules& rules, GapKind kind) {
    if (!rules.kinds) return true;
    const auto name = gap_kind_name(kind);
    return std::find(rules.kinds->begin(), rules.kinds->end(), name) != rules.kinds->end();
}

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
    provided.resize(n_actors);
    for (Index m = 0; m < n_measures; ++m) {
        scopes_for(land.measure_areas(m), [&](Index s) { measures[s].push_back(m); });
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
    neighbours.resize(n_actors);
    hops_out.resize(n_actors);
    const auto links = land.links();
    for (Index l = 0; l < links.size(); ++l) {
        const auto ends = land.link_ends(l);
        pairs_.insert(pair_key(ends.source, ends.target));
        neighbours[ends.source].push_back(ends.target);
        neighbours[ends.target].push_back(ends.source);
        hops_out[ends.source].push_back(ends.target);
        if (!is_directed(links[l].kind)) hops_out[ends.target].push_back(ends.source);
    }
    for (auto* lists : {&neighbours, &hops_out})
        for (auto& list : *lists) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
}

bool GapContext::linked(Index a, Index b) const noexcept { return pairs_.contains(pair_key(a, b)); }

void GapContext::set_area_index(Gap& gap, Index area) const {
    const auto& record = land.areas()[area];
    gap.area = record.id;
    gap.area_name = record.name;
}

void GapContext::set_area(Gap& gap, std::size_t s) const {
    if (scope_area[s] != npos) set_area_index(gap, scope_area[s]);
    else gap.area_name = land.name();
}

void GapContext::add_actor(Gap& gap, Index actor) const {
    const auto& record = land.actors()[actor];
    gap.actors.push_back(record.id);
    gap.actor_names.push_back(record.name);
}

void GapContext::add_measure(Gap& gap, Index measure) const {
    const auto& record = land.measures()[measure];
    gap.measures.push_back(record.id);
    gap.measure_names.push_back(record.name);
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
    detail::find_coverage_gaps(ctx, gaps);
    if (detail::wanted(rules, GapKind::CAPACITY_SHORT)) detail::find_capacity_gaps(ctx, gaps, notes);
    detail::find_handoff_gaps(ctx, gaps);
    detail::find_network_gaps(ctx, gaps);
    for (auto& gap : gaps) {
        const auto weight = rules.kind_weights.find(std::string(gap_kind_name(gap.kind)));
        if (weight != rules.kind_weights.end()) gap.severity *= weight->second;
        gap.severity = std::clamp(gap.severity, 0.0, 1.0);
    }
    return gaps;
}

// --- GapReport ------------------------------------------------------------------------------

GapReport::GapReport(std::vector<Gap> gaps, std::vector<std::string> notes)
    : gaps_(std::move(gaps)), notes_(std::move(notes)) {
    // A total order, so that reports are identical from run to run and platform to platform.
    std::stable_sort(gaps_.begin(), gaps_.end(), [](const Gap& a, const Gap& b) {
        if (a.severity != b.severity) return a.severity > b.severity;
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
        j["message"] = g.message(lang);
        gaps.push_back(std::move(j));
    }
    const nlohmann::json doc{{"gaps", std::move(gaps)}, {"notes", notes_}};
    return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace samkart
