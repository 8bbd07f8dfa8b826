// prioritize: the greedy choice of docs/scenarios.md. Each step applies every remaining
// candidate to the current landscape and scores it; with `reuse`, the gap analysis of each
// candidate borrows what the candidate does not touch from that of the current landscape.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "samkart/analysis/scenario.hpp"
#include "scenario_cache.hpp"
#include "scenario_detail.hpp"

namespace samkart {

std::string Candidate::name() const {
    if (!label.empty()) return label;
    std::string out;
    for (const auto& c : changes) detail::append(out, "; ", c.name());
    return out;
}

double Candidate::cost() const {
    detail::Sum sum;
    for (const auto& c : changes) sum.add(c.cost);
    return sum.value();
}

namespace {

constexpr double tie_tolerance = 1e-12;  // relative, so that float noise does not decide a tie

struct Option {
    std::size_t index;
    std::string label;
    double cost;
    detail::Touched touched;
};

struct Evaluation {
    const Option* option;
    double reduced;
    [[nodiscard]] bool free() const noexcept { return option->cost == 0; }
    [[nodiscard]] double ratio() const noexcept {
        return free() ? std::numeric_limits<double>::infinity() : reduced / option->cost;
    }
};

bool close(double a, double b) {
    return std::abs(a - b) <= std::max(tie_tolerance * std::max(std::abs(a), std::abs(b)), 1e-15);
}

/// Free candidates first (by severity reduced), then by ratio; ties by label, then order.
bool ranks_before(const Evaluation& a, const Evaluation& b) {
    if (a.free() != b.free()) return a.free();
    const double sa = a.free() ? a.reduced : a.ratio();
    const double sb = b.free() ? b.reduced : b.ratio();
    if (!close(sa, sb)) return sa > sb;
    return std::tie(a.option->label, a.option->index) < std::tie(b.option->label, b.option->index);
}

double total(const GapReport& report) { return detail::total_severity(report.gaps()); }

/// The errors that mean "this candidate does not apply to this landscape".
bool does_not_apply(const Error& err) {
    return dynamic_cast<const ValidationError*>(&err) || dynamic_cast<const UnknownIdError*>(&err) ||
           dynamic_cast<const ArgumentError*>(&err);
}

}  // namespace

std::vector<std::optional<double>> evaluate_candidates(const Landscape& current,
                                                       std::span<const Candidate> candidates,
                                                       std::span<const std::size_t> indices,
                                                       const GapRules& rules, bool reuse) {
    std::optional<detail::GapCache> cache;
    if (reuse) cache.emplace(current, rules);
    std::vector<std::optional<double>> out;
    out.reserve(indices.size());
    for (const auto i : indices) {
        if (i >= candidates.size())
            throw ArgumentError("evaluate_candidates: candidate index " + std::to_string(i) +
                                " out of range (" + std::to_string(candidates.size()) + " candidates)");
        const auto& changes = candidates[i].changes;
        std::optional<Landscape> after;
        try {
            after.emplace(apply_changes(current, changes));
        } catch (const Error& err) {
            if (!does_not_apply(err)) throw;
            out.emplace_back();
            continue;
        }
        out.emplace_back(cache ? cache->total_severity(*after, detail::touched(changes))
                               : total(find_gaps(*after, rules)));
    }
    return out;
}

Prioritization prioritize(const Landscape& land, std::span<const Candidate> candidates, std::size_t k,
                          const GapRules& rules, bool reuse) {
    return prioritize(land, candidates, k, rules,
                      [&](const Landscape& current, std::span<const std::size_t>,
                          std::span<const std::size_t> indices) {
                          return evaluate_candidates(current, candidates, indices, rules, reuse);
                      });
}

Prioritization prioritize(const Landscape& land, std::span<const Candidate> candidates, std::size_t k,
                          const GapRules& rules, const CandidateEvaluator& evaluate) {
    if (k < 1) throw ArgumentError("prioritize: k must be an integer ≥ 1, got 0");
    if (candidates.empty()) throw ArgumentError("prioritize: no candidates");
    std::vector<Option> options;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].changes.empty())
            throw ArgumentError("prioritize: candidate " + std::to_string(i + 1) + " has no change");
        options.push_back({i, candidates[i].name(), candidates[i].cost(), detail::touched(candidates[i].changes)});
    }

    Landscape current = land;
    GapReport report = find_gaps(current, rules);
    Prioritization out;
    out.severity_before = total(report);
    std::vector<std::size_t> chosen_so_far;
    while (out.steps.size() < k && !options.empty()) {
        const double before = total(report);
        std::vector<std::size_t> indices;
        indices.reserve(options.size());
        for (const auto& option : options) indices.push_back(option.index);
        const auto totals = evaluate(current, chosen_so_far, indices);
        if (totals.size() != indices.size())
            throw ArgumentError("prioritize: the evaluator returned " + std::to_string(totals.size()) +
                                " totals for " + std::to_string(indices.size()) + " candidates");
        std::vector<Evaluation> evaluations;
        std::vector<std::size_t> dropped;
        for (std::size_t o = 0; o < options.size(); ++o) {
            const auto& option = options[o];
            if (!totals[o]) {
                // Applied once more here, so that the error is the one the serial path raises.
                try {
                    (void)apply_changes(current, candidates[option.index].changes);
                } catch (const Error& err) {
                    if (!does_not_apply(err)) throw;
                    if (out.steps.empty()) detail::rethrow_named("prioritize: candidate '" + option.label + "'");
                    out.notes.push_back("after step " + std::to_string(out.steps.size()) + ", candidate '" +
                                        option.label + "' no longer applies and was dropped: " + err.what());
                    dropped.push_back(o);
                    continue;
                }
                throw ArgumentError("prioritize: the evaluator reported candidate '" + option.label +
                                    "' as not applying, but it applies");
            }
            evaluations.push_back({&option, before - *totals[o]});
        }
        std::vector<Evaluation> useful;
        for (const auto& e : evaluations)
            if (e.reduced > 1e-12) useful.push_back(e);
        std::stable_sort(useful.begin(), useful.end(), ranks_before);
        if (useful.empty()) {
            out.notes.push_back("stopped after " + std::to_string(out.steps.size()) + " of " + std::to_string(k) +
                                " steps: no remaining candidate reduces the total gap severity");
            break;
        }
        const auto& best = useful.front();
        const Evaluation* second = useful.size() > 1 ? &useful[1] : nullptr;
        // The chosen candidate once more, in full: the next step starts from its landscape.
        Landscape next = apply_changes(current, candidates[best.option->index].changes);
        GapReport next_report = find_gaps(next, rules);
        PriorityStep step;
        step.step = out.steps.size() + 1;
        step.candidate = best.option->index;
        step.label = best.option->label;
        step.cost = best.option->cost;
        step.comparison = compare(report, next_report);
        step.severity_reduced = step.comparison.severity_reduced();
        step.ratio = best.free() ? std::numeric_limits<double>::infinity() : step.severity_reduced / step.cost;
        if (second) {
            step.runner_up = second->option->label;
            step.runner_up_ratio = second->ratio();
            step.runner_up_severity_reduced = second->reduced;
        }
        step.candidates = evaluations.size();
        out.steps.push_back(std::move(step));
        const std::size_t chosen = best.option->index;
        chosen_so_far.push_back(chosen);
        // Drop the chosen and the no longer applicable (pointers into `options` die here).
        std::vector<Option> kept;
        for (std::size_t o = 0; o < options.size(); ++o)
            if (options[o].index != chosen && std::find(dropped.begin(), dropped.end(), o) == dropped.end())
                kept.push_back(std::move(options[o]));
        options = std::move(kept);
        current = std::move(next);
        report = std::move(next_report);
        dropped.clear();
    }
    if (out.steps.size() < k && options.empty() &&
        (out.notes.empty() || out.notes.back().rfind("stopped", 0) != 0))
        out.notes.push_back("stopped after " + std::to_string(out.steps.size()) + " of " + std::to_string(k) +
                            " steps: no candidates left");
    out.severity_after = total(report);
    out.landscape = std::move(current);
    return out;
}

}  // namespace samkart
