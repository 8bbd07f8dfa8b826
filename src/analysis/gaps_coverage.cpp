// Gap kinds about what the measures of a municipality cover: level_missing, age_uncovered,
// age_cliff, duplication, no_participation, level_imbalance and capacity_short. The formulas
// and their reasoning are in docs/gaps.md.
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
                const std::vector<double>& age_limit_volume, std::vector<Gap>& out) {
    const auto measures = ctx.land.measures();
    const int min_level = static_cast<int>(ctx.rules.cliff_min_level);
    for (auto p : ctx.actors[s]) {
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
        // Who can take over: P itself (its own measure goes on), the actors linked to it, and
        // those it hands young people over to.
        std::vector<Index> takers = ctx.neighbours[p];
        takers.push_back(p);
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
            out.push_back(std::move(g));
        }
    }
}

bool shares_target(const Measure& a, const Measure& b) {
    for (const auto& t : a.targets)
        if (t != "all" && std::find(b.targets.begin(), b.targets.end(), t) != b.targets.end())
            return true;
    return false;
}

void duplication(const GapContext& ctx, std::size_t s, std::vector<Gap>& out) {
    const auto measures = ctx.land.measures();
    // Bucket by (level, target): only measures sharing a target can duplicate each other.
    std::map<std::pair<int, std::string>, std::vector<Index>> buckets;
    for (auto m : ctx.measures[s])
        for (const auto& t : measures[m].targets)
            if (t != "all") buckets[{level_of(measures[m]), t}].push_back(m);
    std::set<std::pair<Index, Index>> seen;
    for (const auto& [key, list] : buckets)
        for (std::size_t i = 0; i < list.size(); ++i)
            for (std::size_t j = i + 1; j < list.size(); ++j) {
                const auto a = std::min(list[i], list[j]);
                const auto b = std::max(list[i], list[j]);
                if (a == b || seen.contains({a, b})) continue;
                const auto ra = ctx.land.measure_ages(a);
                const auto rb = ctx.land.measure_ages(b);
                const int overlap = std::min(ra.max, rb.max) - std::max(ra.min, rb.min) + 1;
                if (overlap < ctx.rules.duplication_min_overlap) continue;
                bool apart = true;
                for (auto p : ctx.land.measure_providers(a))
                    for (auto q : ctx.land.measure_providers(b))
                        if (p == q || ctx.linked(p, q)) apart = false;
                if (!apart || !shares_target(measures[a], measures[b])) continue;
                seen.insert({a, b});
                Gap g{.kind = GapKind::DUPLICATION, .severity = 0.3};
                ctx.set_area(g, s);
                g.level = measures[a].level;
                g.ages = AgeRange{std::max(ra.min, rb.min), std::min(ra.max, rb.max)};
                for (auto m : {a, b}) {
                    ctx.add_measure(g, m);
                    for (auto p : ctx.land.measure_providers(m)) ctx.add_actor(g, p);
                }
                g.value = 2;
                out.push_back(std::move(g));
            }
}

void no_participation(const GapContext& ctx, std::size_t s, std::vector<Gap>& out) {
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
    if (cliffs)
        for (Index t = 0; t < ctx.land.transitions().size(); ++t) {
            const auto ends = ctx.land.transition_ends(t);
            const auto& transition = ctx.land.transitions()[t];
            receivers[ends.source].push_back(ends.target);
            if (transition.reason == "age_limit")
                age_limit_volume[ends.source] += transition.volume.value_or(0);
        }
    std::vector<char> covers(ctx.land.measures().size(), 0);
    for (std::size_t s = 0; s < ctx.num_scopes(); ++s) {
        if (wanted(rules, GapKind::LEVEL_MISSING)) level_missing(ctx, s, out);
        if (wanted(rules, GapKind::AGE_UNCOVERED)) age_uncovered(ctx, s, out);
        if (cliffs) {
            for (auto m : ctx.measures[s]) covers[m] = 1;
            age_cliffs(ctx, s, covers, receivers, age_limit_volume, out);
            for (auto m : ctx.measures[s]) covers[m] = 0;
        }
        if (wanted(rules, GapKind::DUPLICATION)) duplication(ctx, s, out);
        if (wanted(rules, GapKind::NO_PARTICIPATION)) no_participation(ctx, s, out);
        if (wanted(rules, GapKind::LEVEL_IMBALANCE)) level_imbalance(ctx, s, out);
    }
}

void find_capacity_gaps(const GapContext& ctx, std::vector<Gap>& out, std::vector<std::string>& notes) {
    const auto& land = ctx.land;
    const auto needs = ctx.rules.needs.value_or(GapRules::default_needs());
    // Measures listed at each area they name (their effective areas).
    std::vector<std::vector<Index>> at_area(land.areas().size());
    for (Index m = 0; m < land.measures().size(); ++m)
        for (auto a : land.measure_areas(m)) at_area[a].push_back(m);
    std::vector<std::size_t> stamp(land.measures().size(), 0);
    std::size_t round = 0;
    for (const auto& need : needs) {
        // The latest figure of each area (indicators may repeat over years).
        std::map<Index, const Indicator*> latest;
        const auto indicators = land.indicators();
        for (Index i = 0; i < indicators.size(); ++i) {
            if (indicators[i].key != need.indicator) continue;
            auto& slot = latest[land.indicator_area(i)];
            if (!slot || indicators[i].year.value_or(0) >= slot->year.value_or(0)) slot = &indicators[i];
        }
        if (latest.empty()) {
            notes.push_back("capacity_short: no area has the indicator '" + need.indicator +
                            "', so the capacity of level " +
                            std::to_string(static_cast<int>(need.level)) + " was not judged");
            continue;
        }
        for (const auto& [area, indicator] : latest) {
            const double expected = need.share * indicator->value;
            if (expected <= 0) continue;
            // Measures covering the area (named at it or above) or any area below it.
            std::vector<Index> reach = land.area_subtree(area);
            for (Index up = land.area_parent(area); up != npos; up = land.area_parent(up)) reach.push_back(up);
            ++round;
            double capacity = 0;
            std::size_t missing = 0;
            for (auto a : reach)
                for (auto m : at_area[a]) {
                    if (stamp[m] == round) continue;
                    stamp[m] = round;
                    const auto& measure = land.measures()[m];
                    if (measure.level != need.level) continue;
                    if (measure.capacity) capacity += *measure.capacity;
                    else ++missing;
                }
            if (capacity >= expected) continue;
            Gap g{.kind = GapKind::CAPACITY_SHORT, .severity = (expected - capacity) / expected};
            ctx.set_area_index(g, area);
            g.level = need.level;
            g.value = capacity;
            g.expected = expected;
            g.detail = need.indicator;
            g.value_missing = missing;
            out.push_back(std::move(g));
        }
    }
}

}  // namespace samkart::detail
