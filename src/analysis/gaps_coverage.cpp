// Gap kinds about what the measures of a municipality cover: level_missing, age_uncovered,
// age_cliff, duplication, no_participation, level_imbalance, capacity_short, and the data gaps
// not_mapped and capacity_unknown. Only measures in place (active, pilot) cover, and an absence
// is only a service gap where the scope was mapped completely. The formulas and their
// reasoning are in docs/gaps.md.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "gaps_context.hpp"

namespace samkart::detail {

namespace {

int level_of(const Measure& m) { return static_cast<int>(m.level); }
std::size_t slot(Level level) { return static_cast<std::size_t>(level); }

void level_missing(const GapContext& ctx, std::size_t s, std::vector<Gap>& out) {
    if (!ctx.scope_complete(s)) return;  // not_mapped says it
    std::array<bool, 5> present{};
    for (auto m : ctx.measures[s]) present[slot(ctx.land.measures()[m].level)] = true;
    for (auto level : all_levels) {
        if (present[slot(level)]) continue;
        Gap g{.kind = GapKind::LEVEL_MISSING, .severity = ctx.rules.level_weights[slot(level) - 1]};
        ctx.set_area(g, s);
        g.level = level;
        g.value = 0;
        g.expected = 1;
        out.push_back(std::move(g));
    }
}

void age_uncovered(const GapContext& ctx, std::size_t s, std::vector<Gap>& out) {
    if (!ctx.scope_complete(s)) return;
    const auto span = ctx.rules.ages;
    std::vector<char> covered(static_cast<std::size_t>(span.years()), 0);
    for (auto m : ctx.measures[s]) {
        const auto ages = ctx.land.measure_ages(m);
        for (int a = std::max(ages.min, span.min); a <= std::min(ages.max, span.max); ++a)
            covered[static_cast<std::size_t>(a - span.min)] = 1;
    }
    for (int a = span.min; a <= span.max;) {
        if (covered[static_cast<std::size_t>(a - span.min)]) {
            ++a;
            continue;
        }
        int b = a;
        while (b + 1 <= span.max && !covered[static_cast<std::size_t>(b + 1 - span.min)]) ++b;
        const int years = b - a + 1;
        Gap g{.kind = GapKind::AGE_UNCOVERED, .severity = std::min(1.0, years / 5.0)};
        ctx.set_area(g, s);
        g.ages = AgeRange{a, b};
        g.value = years;
        g.expected = 0;
        out.push_back(std::move(g));
        a = b + 1;
    }
}

void age_cliffs(const GapContext& ctx, std::size_t s, const std::vector<char>& covers,
                const std::vector<std::vector<Index>>& receivers,
                const std::vector<double>& age_limit_volume,
                const std::vector<std::vector<Index>>& age_limit_routes, std::vector<Gap>& out) {
    const auto measures = ctx.land.measures();
    const int min_level = static_cast<int>(ctx.rules.cliff_min_level);
    for (auto p : ctx.actors[s]) {
        // Who takes over from P is known where P (its measures and links) was mapped.
        if (!ctx.mapped_in(p, s)) continue;
        // (level, last age) → the measures of P that end there.
        std::map<std::pair<int, int>, std::vector<Index>> ends;
        for (auto m : ctx.provided[p]) {
            const int level = level_of(measures[m]);
            const int last = ctx.land.measure_ages(m).max;
            if (level < min_level || !covers[m]) continue;
            if (last >= ctx.rules.ages.max || last + 1 < ctx.rules.ages.min) continue;
            ends[{level, last}].push_back(m);
        }
        if (ends.empty()) continue;
        // Who can take over: P itself (its own measure goes on), the actors of the scope linked
        // to it (a link of the organisations they are units of counts, seed 004), and those it
        // hands young people over to.
        std::vector<Index> takers{p};
        for (auto q : ctx.actors[s])
            if (q != p && ctx.linked(p, q)) takers.push_back(q);
        takers.insert(takers.end(), receivers[p].begin(), receivers[p].end());
        const double volume = age_limit_volume[p];
        for (const auto& [key, ending] : ends) {
            const auto [level, last] = key;
            bool closed = false;
            for (auto q : takers) {
                for (auto m : ctx.provided[q])
                    if (covers[m] && level_of(measures[m]) >= level &&
                        ctx.land.measure_ages(m).contains(last + 1)) {
                        closed = true;
                        break;
                    }
                if (closed) break;
            }
            if (closed) continue;
            Gap g{.kind = GapKind::AGE_CLIFF,
                  .severity = volume >= ctx.rules.volume_reference ? 1.0 : 0.8};
            ctx.set_area(g, s);
            g.level = static_cast<Level>(level);
            g.ages = AgeRange{last + 1, last + 1};
            ctx.add_actor(g, p);
            for (auto m : ending) ctx.add_measure(g, m);
            g.value = volume;
            if (volume > 0) g.young_people = volume;
            for (auto t : age_limit_routes[p]) {
                const auto& tr = ctx.land.transitions()[t];
                GapContext::rests_on(g, "transitions:" + tr.source + " → " + tr.target, tr.illustrative);
            }
            out.push_back(std::move(g));
        }
    }
}

/// What a measure does, for `duplication`: its level, its target groups (without "all") and
/// the sectors of its providers. Two measures with the same function, for overlapping ages,
/// in a municipality both serve, by providers without a link, run side by side.
std::string function_of(const GapContext& ctx, Index m) {
    const auto& measure = ctx.land.measures()[m];
    std::vector<std::string> targets;
    for (const auto& t : measure.targets)
        if (t != "all") targets.push_back(t);
    if (targets.empty()) return {};
    std::sort(targets.begin(), targets.end());
    std::vector<std::string> sectors;
    for (auto p : ctx.land.measure_providers(m)) sectors.push_back(ctx.land.actors()[p].sector);
    std::sort(sectors.begin(), sectors.end());
    sectors.erase(std::unique(sectors.begin(), sectors.end()), sectors.end());
    std::string key = std::to_string(level_of(measure));
    for (const auto& t : targets) key += "|" + t;
    key += "#";
    for (const auto& x : sectors) key += "|" + x;
    return key;
}

/// The scopes two sorted lists share.
std::vector<Index> shared(const std::vector<Index>& a, const std::vector<Index>& b) {
    std::vector<Index> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return both;
}

void duplication(const GapContext& ctx, std::vector<Gap>& out) {
    const auto& land = ctx.land;
    const auto measures = land.measures();
    const auto& levels = ctx.rules.duplication_levels;
    // Bucket by function; pairs are looked for within a bucket, per scope, each pair once.
    std::map<std::string, std::vector<Index>> buckets;
    for (Index m = 0; m < measures.size(); ++m) {
        if (!ctx.in_place[m]) continue;
        if (std::find(levels.begin(), levels.end(), measures[m].level) == levels.end()) continue;
        auto key = function_of(ctx, m);
        if (!key.empty()) buckets[std::move(key)].push_back(m);
    }
    // Per measure: the scopes its providers serve, sorted.
    auto provider_scopes = [&](Index m) {
        std::vector<Index> list;
        for (auto p : land.measure_providers(m))
            list.insert(list.end(), ctx.actor_scopes[p].begin(), ctx.actor_scopes[p].end());
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        return list;
    };
    std::set<std::pair<Index, Index>> seen;
    std::map<Index, std::vector<Index>> by_scope;
    for (const auto& [key, list] : buckets) {
        if (list.size() < 2) continue;
        by_scope.clear();
        for (auto m : list)
            for (auto sc : ctx.measure_scopes[m]) by_scope[sc].push_back(m);
        for (const auto& [scope, here] : by_scope)
            for (std::size_t i = 0; i < here.size(); ++i)
                for (std::size_t j = i + 1; j < here.size(); ++j) {
                    const auto a = std::min(here[i], here[j]);
                    const auto b = std::max(here[i], here[j]);
                    if (!seen.insert({a, b}).second) continue;
                    const auto ra = land.measure_ages(a);
                    const auto rb = land.measure_ages(b);
                    const int overlap = std::min(ra.max, rb.max) - std::max(ra.min, rb.min) + 1;
                    if (overlap < ctx.rules.duplication_min_overlap) continue;
                    bool apart = true;
                    for (auto p : land.measure_providers(a))
                        for (auto q : land.measure_providers(b))
                            if (p == q || ctx.linked(p, q)) apart = false;
                    if (!apart) continue;
                    // Never between measures whose providers serve different municipalities.
                    if (shared(provider_scopes(a), provider_scopes(b)).empty()) continue;
                    auto sa = ctx.measure_scopes[a], sb = ctx.measure_scopes[b];
                    std::sort(sa.begin(), sa.end());
                    std::sort(sb.begin(), sb.end());
                    const auto both = shared(sa, sb);
                    Gap g{.kind = GapKind::DUPLICATION, .severity = 0.3};
                    // Once per pair, in the smallest area they share.
                    if (const auto area = ctx.common_area(both); area != npos) ctx.set_area_index(g, area);
                    else ctx.set_area(g, scope);
                    g.level = measures[a].level;
                    g.ages = AgeRange{std::max(ra.min, rb.min), std::min(ra.max, rb.max)};
                    for (auto m : {a, b}) {
                        ctx.add_measure(g, m);
                        for (auto p : land.measure_providers(m)) ctx.add_actor(g, p);
                    }
                    g.value = 2;
                    g.detail = key;
                    out.push_back(std::move(g));
                }
    }
}

void no_participation(const GapContext& ctx, std::size_t s, std::vector<Gap>& out) {
    if (!ctx.scope_complete(s)) return;
    bool any = false;
    for (auto m : ctx.measures[s]) {
        const auto& measure = ctx.land.measures()[m];
        if (level_of(measure) < 2) continue;
        any = true;
        if (std::find(measure.keys.begin(), measure.keys.end(), Key::PARTICIPATION) != measure.keys.end())
            return;
    }
    if (!any) return;
    Gap g{.kind = GapKind::NO_PARTICIPATION, .severity = 0.5};
    ctx.set_area(g, s);
    g.value = 0;
    out.push_back(std::move(g));
}

void level_imbalance(const GapContext& ctx, std::size_t s, std::vector<Gap>& out) {
    if (!ctx.scope_complete(s)) return;
    const bool by_capacity = ctx.rules.imbalance_value == ImbalanceValue::CAPACITY;
    double level1 = 0, total = 0;
    for (auto m : ctx.measures[s]) {
        const auto& measure = ctx.land.measures()[m];
        double amount = 1;
        if (by_capacity) {
            if (!measure.capacity) continue;
            amount = *measure.capacity;
        }
        total += amount;
        if (measure.level == Level::UNIVERSAL) level1 += amount;
    }
    const double minimum = ctx.rules.min_level1_share;
    if (total <= 0 || minimum <= 0) return;
    const double share = level1 / total;
    if (share >= minimum) return;
    Gap g{.kind = GapKind::LEVEL_IMBALANCE, .severity = (minimum - share) / minimum};
    ctx.set_area(g, s);
    g.level = Level::UNIVERSAL;
    g.value = share;
    g.expected = minimum;
    g.detail = by_capacity ? "capacity" : "measures";
    out.push_back(std::move(g));
}

}  // namespace

void find_coverage_gaps(const GapContext& ctx, std::vector<Gap>& out) {
    const auto& rules = ctx.rules;
    const bool cliffs = wanted(rules, GapKind::AGE_CLIFF);
    // Per actor: whom it hands young people over to, and how many leave it at its age limit.
    std::vector<std::vector<Index>> receivers(ctx.land.actors().size());
    std::vector<double> age_limit_volume(ctx.land.actors().size(), 0);
    std::vector<std::vector<Index>> age_limit_routes(ctx.land.actors().size());
    if (cliffs)
        for (Index t = 0; t < ctx.land.transitions().size(); ++t) {
            const auto ends = ctx.land.transition_ends(t);
            const auto& transition = ctx.land.transitions()[t];
            receivers[ends.source].push_back(ends.target);
            if (transition.reason == "age_limit") {
                age_limit_volume[ends.source] += transition.volume.value_or(0);
                age_limit_routes[ends.source].push_back(t);
            }
        }
    std::vector<char> covers(ctx.land.measures().size(), 0);
    for (std::size_t s = 0; s < ctx.num_scopes(); ++s) {
        if (wanted(rules, GapKind::LEVEL_MISSING)) level_missing(ctx, s, out);
        if (wanted(rules, GapKind::AGE_UNCOVERED)) age_uncovered(ctx, s, out);
        if (cliffs) {
            for (auto m : ctx.measures[s]) covers[m] = 1;
            age_cliffs(ctx, s, covers, receivers, age_limit_volume, age_limit_routes, out);
            for (auto m : ctx.measures[s]) covers[m] = 0;
        }
        if (wanted(rules, GapKind::NO_PARTICIPATION)) no_participation(ctx, s, out);
        if (wanted(rules, GapKind::LEVEL_IMBALANCE)) level_imbalance(ctx, s, out);
    }
    if (wanted(rules, GapKind::DUPLICATION)) duplication(ctx, out);
}

void find_mapping_gaps(const GapContext& ctx, std::vector<Gap>& out) {
    const auto areas = ctx.land.areas();
    for (Index a = 0; a < areas.size(); ++a) {
        const auto& area = areas[a];
        if (area.mapping == MappingStatus::COMPLETE) continue;
        const bool none = area.mapping == MappingStatus::NONE;
        Gap g{.kind = GapKind::NOT_MAPPED, .severity = none ? 0.5 : 0.3};
        ctx.set_area_index(g, a);
        g.detail = none ? "none" : "partial:";
        for (std::size_t i = 0; !none && i < area.mapped.size(); ++i)
            g.detail += (i ? "," : "") + area.mapped[i];
        g.value = static_cast<double>(area.mapped.size());
        out.push_back(std::move(g));
    }
}

void find_capacity_gaps(const GapContext& ctx, std::vector<Gap>& out, std::vector<std::string>& notes) {
    const auto& land = ctx.land;
    const bool want_short = wanted(ctx.rules, GapKind::CAPACITY_SHORT);
    const bool want_unknown = wanted(ctx.rules, GapKind::CAPACITY_UNKNOWN);
    const auto measures = land.measures();

    // The whole landscape, per level: most measures without capacity is a data gap, so that a
    // reader (and prioritize) knows places cannot be judged.
    if (want_unknown) {
        std::array<std::vector<Index>, 5> missing;
        std::array<std::size_t, 5> total{};
        bool records_places = false;
        for (Index m = 0; m < measures.size(); ++m) {
            if (!ctx.in_place[m]) continue;
            ++total[slot(measures[m].level)];
            if (!measures[m].capacity) missing[slot(measures[m].level)].push_back(m);
            else records_places = true;
        }
        // A mapping that records no places at all does not measure capacity; one that
        // records some and lacks most at a level has a data gap there.
        if (!records_places) std::fill(total.begin(), total.end(), 0);
        for (auto level : ctx.rules.capacity_levels) {
            const auto n = total[slot(level)];
            const auto& list = missing[slot(level)];
            if (n == 0 || static_cast<double>(list.size()) <= ctx.rules.capacity_unknown_share * static_cast<double>(n))
                continue;
            Gap g{.kind = GapKind::CAPACITY_UNKNOWN,
                  .severity = 0.4 * static_cast<double>(list.size()) / static_cast<double>(n)};
            // Filed under the smallest area that holds every measure of the level.
            std::vector<Index> scopes;
            for (Index m = 0; m < measures.size(); ++m)
                if (ctx.in_place[m] && measures[m].level == level)
                    scopes.insert(scopes.end(), ctx.measure_scopes[m].begin(), ctx.measure_scopes[m].end());
            std::sort(scopes.begin(), scopes.end());
            scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
            if (const auto area = ctx.common_area(scopes); area != npos) ctx.set_area_index(g, area);
            else g.area_name = land.name();
            g.level = level;
            constexpr std::size_t named = 50;  // a readable list; `value` has the count
            for (std::size_t i = 0; i < list.size() && i < named; ++i) ctx.add_measure(g, list[i]);
            g.value = static_cast<double>(list.size());
            g.expected = static_cast<double>(n);
            g.value_missing = list.size();
            out.push_back(std::move(g));
        }
    }

    const auto needs = ctx.rules.needs.value_or(GapRules::default_needs());
    // Measures in place listed at each area they name (their effective areas).
    std::vector<std::vector<Index>> at_area(land.areas().size());
    for (Index m = 0; m < measures.size(); ++m)
        if (ctx.in_place[m])
            for (auto a : land.measure_areas(m)) at_area[a].push_back(m);
    std::vector<std::size_t> stamp(measures.size(), 0);
    std::size_t round = 0;
    for (const auto& need : needs) {
        // The latest figure of each area (indicators may repeat over years).
        std::map<Index, Index> latest;
        const auto indicators = land.indicators();
        for (Index i = 0; i < indicators.size(); ++i) {
            if (indicators[i].key != need.indicator) continue;
            const auto [it, fresh] = latest.try_emplace(land.indicator_area(i), i);
            if (!fresh && indicators[i].year.value_or(0) >= indicators[it->second].year.value_or(0)) it->second = i;
        }
        if (latest.empty()) {
            notes.push_back("capacity_short: no area has the indicator '" + need.indicator +
                            "' (young people who need level " +
                            std::to_string(static_cast<int>(need.level)) +
                            "), so the places of that level were not judged; add it or set GapRules.needs");
            continue;
        }
        for (const auto& [area, i] : latest) {
            const auto& indicator = indicators[i];
            const double expected = need.share * indicator.value;
            if (expected <= 0) continue;
            // Measures covering the area (named at it or above) or any area below it.
            std::vector<Index> reach = land.area_subtree(area);
            bool mapped = true;
            for (auto a : reach) mapped = mapped && land.areas()[a].mapping == MappingStatus::COMPLETE;
            for (Index up = land.area_parent(area); up != npos; up = land.area_parent(up)) reach.push_back(up);
            ++round;
            double capacity = 0;
            std::vector<Index> counted, missing;
            for (auto a : reach)
                for (auto m : at_area[a]) {
                    if (stamp[m] == round) continue;
                    stamp[m] = round;
                    const auto& measure = measures[m];
                    if (measure.level != need.level) continue;
                    if (measure.capacity) {
                        capacity += *measure.capacity;
                        counted.push_back(m);
                    } else {
                        missing.push_back(m);
                    }
                }
            if (capacity >= expected) continue;
            // Only places known on every measure can show a shortage; otherwise it is unknown.
            const bool unknown = !missing.empty();
            if (unknown ? !want_unknown : (!want_short || !mapped)) continue;
            Gap g{.kind = unknown ? GapKind::CAPACITY_UNKNOWN : GapKind::CAPACITY_SHORT,
                  .severity = unknown ? 0.4 : (expected - capacity) / expected};
            ctx.set_area_index(g, area);
            g.level = need.level;
            g.value = capacity;
            g.expected = expected;
            g.detail = need.indicator;
            g.value_missing = missing.size();
            if (!unknown) g.young_people = expected - capacity;
            for (auto m : counted) ctx.add_measure(g, m);
            for (auto m : missing) ctx.add_measure(g, m);
            GapContext::rests_on(g,
                                 "indicators:" + indicator.area + " " + indicator.key +
                                     (indicator.year ? " " + std::to_string(*indicator.year) : ""),
                                 indicator.illustrative);
            out.push_back(std::move(g));
        }
    }
}

}  // namespace samkart::detail
