#pragma once
/// @file prioritize.hpp
/// prioritize(land, candidates, k): the changes that close the most gap severity per cost,
/// chosen greedily one after the other, each step explained.

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "samkart/analysis/gaps.hpp"
#include "samkart/analysis/scenario/change.hpp"
#include "samkart/analysis/scenario/compare.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart {

/// One candidate: changes applied together, at the sum of their costs.
struct Candidate {
    std::string label;            ///< "" = the changes' names joined by "; "
    std::vector<Change> changes;  ///< at least one
    /// The label, or the changes' names joined by "; ".
    [[nodiscard]] std::string name() const;
    /// Compensated sum of the changes' costs.
    [[nodiscard]] double cost() const;
};

/// One step of prioritize: the candidate chosen and why.
struct PriorityStep {
    std::size_t step = 0;       ///< 1-based
    std::size_t candidate = 0;  ///< index of the candidate in the list given
    std::string label;
    double cost = 0;
    double severity_reduced = 0;  ///< total severity before − after, at this step
    double ratio = 0;             ///< severity_reduced / cost; +inf for a free candidate
    ScenarioComparison comparison;
    std::optional<std::string> runner_up;  ///< next best at this step; none if none reduced
    std::optional<double> runner_up_ratio;
    std::optional<double> runner_up_severity_reduced;
    std::size_t candidates = 0;  ///< candidates evaluated at this step

    /// A paragraph: what was chosen, what it closed, opened and changed, what came second.
    [[nodiscard]] std::string explain() const;
};

/// The result of prioritize.
struct Prioritization {
    std::vector<PriorityStep> steps;
    Landscape landscape;  ///< after every chosen step
    double severity_before = 0;
    double severity_after = 0;
    std::vector<std::string> notes;  ///< why fewer than k steps, candidates dropped

    [[nodiscard]] double total_cost() const;
    /// Every step explained, then the totals and the notes.
    [[nodiscard]] std::string summary() const;
};

/// The `k` candidates that, chosen greedily one after the other, remove the most total gap
/// severity per unit of cost.
///
/// At each step every remaining candidate is applied to the current landscape and scored by
/// severity reduced (total severity before − after) per cost. A free candidate ranks before
/// any costly one (free ones by severity reduced); a candidate reducing nothing (≤ 1e-12) is
/// never chosen; ties (relative 1e-12) go to the smaller label, then the earlier candidate.
/// Stops early, with a note, when no candidate reduces the severity or none is left. Greedy
/// is not optimal under a budget (docs/scenarios.md).
///
/// Cost: k steps × c candidates × (applying the candidate, O(records), plus one gap
/// analysis). With `reuse` (the default) each evaluation reuses what the candidate does not
/// touch: the scope tables of the gap analysis (which measures and actors serve each
/// municipality) unless it adds an area, actor or measure, removes an actor or sets a
/// status; the link structure and the collaboration network unless it adds an area or an
/// actor, removes an actor, or adds or removes a link (setting a link's fields keeps its ends
/// and kind, all the link structure holds). Evaluations only add the severities up (sorted,
/// then a compensated sum), so no report is sorted but the chosen one's. The result is
/// identical with and without `reuse`. Memory: two landscapes and two gap contexts at a time.
///
/// @param land the landscape to start from (not changed).
/// @param candidates the candidates, in the order that breaks exact ties.
/// @param k how many steps at most (≥ 1).
/// @param rules the gap rules.
/// @param reuse reuse the unchanged parts of the gap analysis (the fast path).
/// @throws ArgumentError if k < 1, no candidates, a candidate without change or a rule is
///         invalid.
/// @throws ValidationError, UnknownIdError, ArgumentError if a candidate does not apply to
///         `land`; the message starts "prioritize: candidate '<label>'". (A candidate that no
///         longer applies after an earlier step is dropped with a note.)
[[nodiscard]] Prioritization prioritize(const Landscape& land, std::span<const Candidate> candidates,
                                        std::size_t k, const GapRules& rules = {},
                                        bool reuse = true);

/// The total gap severity after each candidate `indices[i]`, applied to `current`, or none
/// when it does not apply there (ValidationError, UnknownIdError or ArgumentError; any other
/// error propagates). This is the inner loop of one step of prioritize, exposed so that the
/// candidates of a step can be split over processes or machines: every evaluation is a pure
/// function of (current, candidate, rules), so the totals do not depend on how they are split.
///
/// Cost: one gap context of `current` (with `reuse`), then per candidate one apply_changes and
/// one (partial) gap analysis. Thread-safe: reads its arguments only.
[[nodiscard]] std::vector<std::optional<double>> evaluate_candidates(
    const Landscape& current, std::span<const Candidate> candidates,
    std::span<const std::size_t> indices, const GapRules& rules = {}, bool reuse = true);

/// Evaluates the candidates `indices` at one step of prioritize, as evaluate_candidates does
/// on `current`; `chosen` lists the candidates chosen at the earlier steps, in order, so that
/// an evaluator that holds the starting landscape (a remote worker) can rebuild `current` by
/// applying them one after the other. Must return one entry per index, in order.
using CandidateEvaluator = std::function<std::vector<std::optional<double>>(
    const Landscape& current, std::span<const std::size_t> chosen,
    std::span<const std::size_t> indices)>;

/// prioritize with the evaluation of each step's candidates handed to `evaluate` (e.g. an
/// executor in the Python layer); the choice, its tie-break and the explanations are made
/// here as above, so the result is identical to prioritize's whenever `evaluate` returns
/// what evaluate_candidates does. A candidate reported as not applying is applied once more
/// here, so its error is raised or noted as above. Whether unchanged parts are reused is the
/// evaluator's to decide (evaluate_candidates' `reuse`).
[[nodiscard]] Prioritization prioritize(const Landscape& land, std::span<const Candidate> candidates,
                                        std::size_t k, const GapRules& rules,
                                        const CandidateEvaluator& evaluate);

}  // namespace samkart
