// compare: gaps matched by (kind, area, level, sorted actors, ages), most severe first within a
// key; the texts of a comparison and of a prioritize step (the Python repr and explain()).
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "samkart/analysis/scenario.hpp"
#include "scenario_detail.hpp"

namespace samkart {

namespace {

/// (kind name, area, level, sorted actors, ages): views into the gap, built once per gap.
using GapKey = std::tuple<std::string_view, std::string_view, int, std::vector<std::string_view>,
                          std::vector<int>>;

GapKey gap_key(const Gap& gap) {
    std::vector<std::string_view> actors(gap.actors.begin(), gap.actors.end());
    std::sort(actors.begin(), actors.end());
    std::vector<int> ages;
    if (gap.ages) ages = {gap.ages->min, gap.ages->max};
    return {gap_kind_name(gap.kind), gap.area ? std::string_view(*gap.area) : std::string_view(),
            gap.level ? static_cast<int>(*gap.level) : 0, std::move(actors), std::move(ages)};
}

struct Keyed {
    const Gap* gap;
    const GapKey* key;
};

/// Most severe first, then by key (the Python order).
bool by_severity(const Keyed& a, const Keyed& b) {
    if (a.gap->severity != b.gap->severity) return a.gap->severity > b.gap->severity;
    return *a.key < *b.key;
}

}  // namespace

ScenarioComparison compare(const GapReport& before, const GapReport& after) {
    std::vector<GapKey> old_keys, new_keys;
    old_keys.reserve(before.size());
    new_keys.reserve(after.size());
    for (const auto& g : before) old_keys.push_back(gap_key(g));
    for (const auto& g : after) new_keys.push_back(gap_key(g));
    // Groups of equal keys, each in report order (most severe first).
    using Groups = std::map<const GapKey*, std::vector<std::size_t>,
                            decltype([](const GapKey* a, const GapKey* b) { return *a < *b; })>;
    Groups olds, news;
    for (std::size_t i = 0; i < old_keys.size(); ++i) olds[&old_keys[i]].push_back(i);
    for (std::size_t i = 0; i < new_keys.size(); ++i) news[&new_keys[i]].push_back(i);
    std::vector<Keyed> closed, opened;
    std::vector<std::pair<Keyed, const Gap*>> changed;
    for (const auto& [key, group] : olds) {
        const auto it = news.find(key);
        const std::size_t matched = it == news.end() ? 0 : std::min(group.size(), it->second.size());
        for (std::size_t i = 0; i < matched; ++i) {
            const auto& a = before[group[i]];
            const auto& b = after[it->second[i]];
            if (std::abs(a.severity - b.severity) > 1e-12) changed.push_back({{&a, &old_keys[group[i]]}, &b});
        }
        for (std::size_t i = matched; i < group.size(); ++i) closed.push_back({&before[group[i]], &old_keys[group[i]]});
    }
    for (const auto& [key, group] : news) {
        const auto it = olds.find(key);
        for (std::size_t i = it == olds.end() ? 0 : it->second.size(); i < group.size(); ++i)
            opened.push_back({&after[group[i]], &new_keys[group[i]]});
    }
    std::stable_sort(closed.begin(), closed.end(), by_severity);
    std::stable_sort(opened.begin(), opened.end(), by_severity);
    std::stable_sort(changed.begin(), changed.end(),
                     [](const auto& a, const auto& b) { return by_severity(a.first, b.first); });
    ScenarioComparison out;
    for (const auto& k : closed) out.closed.push_back(*k.gap);
    for (const auto& k : opened) out.opened.push_back(*k.gap);
    for (const auto& [k, b] : changed) out.changed.emplace_back(*k.gap, *b);
    out.severity_before = detail::total_severity(before.gaps());
    out.severity_after = detail::total_severity(after.gaps());
    out.gaps_before = before.size();
    out.gaps_after = after.size();
    return out;
}

ScenarioComparison compare(const Landscape& before, const Landscape& after, const GapRules& rules) {
    return compare(find_gaps(before, rules), find_gaps(after, rules));
}

std::string gap_text(const Gap& gap) {
    std::string out(gap_kind_name(gap.kind));
    if (gap.area && !gap.area->empty()) out += " | " + (gap.area_name.empty() ? *gap.area : gap.area_name);
    if (gap.level) out += " | level " + std::to_string(static_cast<int>(*gap.level));
    if (gap.ages) out += " | ages " + std::to_string(gap.ages->min) + "–" + std::to_string(gap.ages->max);
    if (!gap.actors.empty()) {
        out += " | ";
        for (std::size_t i = 0; i < gap.actors.size(); ++i) {
            if (i) out += ", ";
            out += gap.actors[i];
        }
    }
    return out + " (" + detail::format_number("%.3f", gap.severity) + ")";
}

std::string ScenarioComparison::to_string() const {
    using detail::format_number;
    std::string out = "ScenarioComparison: " + std::to_string(closed.size()) + " closed, " +
                      std::to_string(opened.size()) + " opened, " + std::to_string(changed.size()) +
                      " changed; total severity " + format_number("%.3f", severity_before) + " → " +
                      format_number("%.3f", severity_after) + " (" + std::to_string(gaps_before) + " → " +
                      std::to_string(gaps_after) + " gaps)";
    for (const auto& g : closed) out += "\n  closed  " + gap_text(g);
    for (const auto& g : opened) out += "\n  opened  " + gap_text(g);
    for (const auto& [a, b] : changed) out += "\n  changed " + gap_text(a) + " → " + format_number("%.3f", b.severity);
    return out;
}

std::string PriorityStep::explain() const {
    using detail::format_number;
    auto per_cost = [](double r) {
        return std::isinf(r) ? std::string("costs nothing") : format_number("%.3g", r) + " per unit cost";
    };
    std::string text = "Step " + std::to_string(step) + ": " + label + " (cost " + format_number("%g", cost) +
                       ") reduces the total gap severity by " + format_number("%.3f", severity_reduced) + " (" +
                       per_cost(ratio) + "), the best of " + std::to_string(candidates) + " candidates.";
    auto list = [](const std::vector<Gap>& gaps) {
        std::string out;
        for (const auto& g : gaps) detail::append(out, "; ", gap_text(g));
        return out;
    };
    const auto& c = comparison;
    if (!c.closed.empty()) text += " It closes " + list(c.closed) + ".";
    if (!c.opened.empty()) text += " It opens " + list(c.opened) + ".";
    if (!c.changed.empty()) {
        std::string shown;
        for (std::size_t i = 0; i < std::min<std::size_t>(3, c.changed.size()); ++i)
            detail::append(shown, "; ", gap_text(c.changed[i].first) + " → " +
                                            format_number("%.3f", c.changed[i].second.severity));
        if (c.changed.size() > 3) shown += " and " + std::to_string(c.changed.size() - 3) + " more";
        text += " It changes " + shown + ".";
    }
    if (!runner_up) {
        text += " No other candidate reduces the severity.";
    } else {
        text += " Runner-up: " + *runner_up + " (reduces " +
                format_number("%.3f", runner_up_severity_reduced.value_or(0)) + ", " +
                per_cost(runner_up_ratio.value_or(0)) + ").";
    }
    return text;
}

double Prioritization::total_cost() const {
    detail::Sum sum;
    for (const auto& s : steps) sum.add(s.cost);
    return sum.value();
}

std::string Prioritization::summary() const {
    using detail::format_number;
    std::string out;
    for (const auto& s : steps) out += s.explain() + "\n";
    out += "Total: " + std::to_string(steps.size()) + " steps, cost " + format_number("%g", total_cost()) +
           ", total gap severity " + format_number("%.3f", severity_before) + " → " +
           format_number("%.3f", severity_after) + ".";
    for (const auto& n : notes) out += "\nNote: " + n;
    return out;
}

}  // namespace samkart
