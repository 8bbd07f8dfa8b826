/// @file flow_estimate.cpp
/// Transition counts from a panel, estimation, and the bootstrap over persons (which needs the
/// panel's persons and their transitions, so it lives with the scan that finds them).

#include <Eigen/LU>
#include <algorithm>
#include <limits>
#include <numeric>

#include "flow_random.hpp"
#include "samkart/analysis/flow.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {
namespace {

/// Problems beyond this many of one kind are summarised, not listed: a 10^8-row panel with a
/// systematic error should give a readable message.
constexpr std::size_t max_listed = 10;

/// The panel in (person, time) order, its persons, and each person's one-step transitions as
/// codes from * #states + to.
struct Scan {
    TransitionCounts summary;
    std::vector<std::int32_t> codes;    // transitions, person by person
    std::vector<std::int64_t> offsets;  // persons + 1 offsets into codes
};

std::string id_text(const Panel& panel, std::int64_t id) {
    if (!panel.id_names.empty() && id >= 0 && static_cast<std::size_t>(id) < panel.id_names.size())
        return "'" + panel.id_names[static_cast<std::size_t>(id)] + "'";
    return std::to_string(id);
}

Problem panel_problem(std::int64_t row, std::string field, std::string message) {
    return Problem{.collection = "panel",
                   .index = static_cast<std::ptrdiff_t>(row),
                   .field = std::move(field),
                   .message = std::move(message)};
}

void finish(std::vector<Problem>& problems, std::size_t more, const std::string& what) {
    if (more > 0)
        problems.push_back(
            {.collection = "panel", .message = "and " + std::to_string(more) + " more " + what});
}

Scan scan_panel(const Panel& panel, Eigen::Index n_states, bool keep_codes) {
    const auto n = static_cast<std::int64_t>(panel.ids.size());
    std::vector<Problem> problems;
    if (n == 0)
        throw ValidationError({panel_problem(-1, "",
                                             "the panel is empty; give one row per person "
                                             "and period")});
    if (panel.times.size() != panel.ids.size() || panel.states.size() != panel.ids.size())
        throw ValidationError({panel_problem(-1, "",
                                             "the id, time and state columns differ in "
                                             "length (" +
                                                 std::to_string(panel.ids.size()) + ", " +
                                                 std::to_string(panel.times.size()) + ", " +
                                                 std::to_string(panel.states.size()) + ")")});
    std::size_t more = 0;
    for (std::int64_t r = 0; r < n; ++r) {
        const auto s = panel.states[static_cast<std::size_t>(r)];
        if (s < 0 || s >= n_states) {
            if (problems.size() < max_listed)
                problems.push_back(panel_problem(r, "state",
                                                 "state code " + std::to_string(s) +
                                                     " is not one of the " +
                                                     std::to_string(n_states) +
                                                     " states; add the state "
                                                     "to the model's states or fix the row"));
            else
                ++more;
        }
    }
    finish(problems, more, "rows with unknown states");
    if (!problems.empty()) throw ValidationError(std::move(problems));

    // Panels usually arrive sorted by person and time: then no permutation is built.
    const auto less = [&](std::int64_t a, std::int64_t b) {
        const auto ia = panel.ids[static_cast<std::size_t>(a)];
        const auto ib = panel.ids[static_cast<std::size_t>(b)];
        return ia != ib ? ia < ib
                        : panel.times[static_cast<std::size_t>(a)] <
                              panel.times[static_cast<std::size_t>(b)];
    };
    bool sorted = true;
    for (std::int64_t r = 1; r < n && sorted; ++r) sorted = !less(r, r - 1);
    std::vector<std::int64_t> order;
    if (!sorted) {
        order.resize(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), std::int64_t{0});
        std::stable_sort(order.begin(), order.end(), less);
    }
    const auto at = [&](std::int64_t k) { return sorted ? k : order[static_cast<std::size_t>(k)]; };

    Scan scan;
    auto& out = scan.summary;
    out.rows = n;
    Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic> counts =
        Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>::Zero(n_states, n_states);
    if (keep_codes) scan.offsets.push_back(0);
    bool person_has_gap = false;
    more = 0;
    for (std::int64_t k = 0; k < n; ++k) {
        const auto r = static_cast<std::size_t>(at(k));
        const bool same_person =
            k > 0 && panel.ids[static_cast<std::size_t>(at(k - 1))] == panel.ids[r];
        if (!same_person) {
            if (k > 0 && keep_codes)
                scan.offsets.push_back(static_cast<std::int64_t>(scan.codes.size()));
            if (person_has_gap) ++out.persons_with_gaps;
            person_has_gap = false;
            ++out.persons;
            continue;
        }
        const auto p = static_cast<std::size_t>(at(k - 1));
        const std::int64_t dt = panel.times[r] - panel.times[p];
        if (dt == 0) {
            if (problems.size() < max_listed)
                problems.push_back(panel_problem(
                    static_cast<std::int64_t>(r), "time",
                    "person " + id_text(panel, panel.ids[r]) + " has two rows for time " +
                        std::to_string(panel.times[r]) + " (rows " +
                        std::to_string(std::min(p, r)) + " and " + std::to_string(std::max(p, r)) +
                        "); keep one row per person and "
                        "period"));
            else
                ++more;
        } else if (dt == 1) {
            const auto from = panel.states[p];
            const auto to = panel.states[r];
            ++counts(from, to);
            if (keep_codes) scan.codes.push_back(from * static_cast<std::int32_t>(n_states) + to);
        } else {
            ++out.gaps;
            person_has_gap = true;
        }
    }
    if (person_has_gap) ++out.persons_with_gaps;
    if (keep_codes) scan.offsets.push_back(static_cast<std::int64_t>(scan.codes.size()));
    finish(problems, more, "duplicate person-period rows");
    if (!problems.empty()) throw ValidationError(std::move(problems));
    out.counts = counts.cast<double>();
    out.transitions = counts.sum();
    return scan;
}

}  // namespace

TransitionCounts count_transitions(const Panel& panel, Eigen::Index n_states) {
    return scan_panel(panel, n_states, false).summary;
}

FlowModel estimate(const Panel& panel, std::vector<std::string> states,
                   const std::vector<std::string>& absorbing, std::string step,
                   TransitionCounts* counts) {
    auto summary = count_transitions(panel, static_cast<Eigen::Index>(states.size()));
    FlowModel model =
        FlowModel::from_counts(std::move(states), summary.counts, absorbing, std::move(step));
    if (counts != nullptr) *counts = std::move(summary);
    return model;
}

Bootstrap bootstrap(const FlowModel& model, const Panel& panel, Eigen::Index reps,
                    std::uint64_t seed, unsigned threads, std::uint64_t first) {
    if (reps < 1) throw ArgumentError("reps must be >= 1, got " + std::to_string(reps));
    const Eigen::Index S = model.size();
    const Scan scan = scan_panel(panel, S, true);
    const auto persons = scan.summary.persons;
    const auto& T = model.transient();
    const auto& A = model.absorbing();
    const auto nt = static_cast<Eigen::Index>(T.size());
    const auto na = static_cast<Eigen::Index>(A.size());
    const bool absorbing_chain = na > 0;

    Bootstrap out;
    out.matrices = MatrixStack(reps, S, S);
    if (absorbing_chain) {
        out.absorption_probabilities = MatrixStack(reps, nt, na);
        out.expected_steps = MatrixStack(reps, nt, 1);
        out.expected_visits = MatrixStack(reps, nt, nt);
    } else {
        out.stationary = MatrixStack(reps, 1, S);
    }
    std::vector<bool> is_absorbing(static_cast<std::size_t>(S), false);
    for (const auto a : A) is_absorbing[static_cast<std::size_t>(a)] = true;
    const double nan = std::numeric_limits<double>::quiet_NaN();

    const unsigned workers = detail::thread_count(threads, reps);
    std::vector<std::int64_t> filled(workers, 0);
    detail::parallel_blocks(reps, workers, [&](std::int64_t begin, std::int64_t end, unsigned w) {
        std::vector<std::int64_t> counts(static_cast<std::size_t>(S * S));
        Eigen::MatrixXd P(S, S);
        Eigen::MatrixXd I_minus_Q(nt, nt);
        Eigen::MatrixXd R(nt, na);
        for (std::int64_t r = begin; r < end; ++r) {
            detail::Xoshiro256 rng(seed, first + static_cast<std::uint64_t>(r));
            std::fill(counts.begin(), counts.end(), 0);
            for (std::int64_t k = 0; k < persons; ++k) {
                const auto p =
                    static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(persons)));
                for (auto c = scan.offsets[p]; c < scan.offsets[p + 1]; ++c)
                    ++counts[static_cast<std::size_t>(scan.codes[static_cast<std::size_t>(c)])];
            }
            for (Eigen::Index i = 0; i < S; ++i) {
                if (is_absorbing[static_cast<std::size_t>(i)]) {
                    P.row(i).setZero();
                    P(i, i) = 1.0;
                    continue;
                }
                std::int64_t total = 0;
                for (Eigen::Index j = 0; j < S; ++j)
                    total += counts[static_cast<std::size_t>(i * S + j)];
                if (total == 0) {
                    P.row(i) = model.matrix().row(i);
                    ++filled[w];
                } else {
                    for (Eigen::Index j = 0; j < S; ++j)
                        P(i, j) = static_cast<double>(counts[static_cast<std::size_t>(i * S + j)]) /
                                  static_cast<double>(total);
                }
            }
            out.matrices[r] = P;
            if (absorbing_chain) {
                // The full-sample partition into transient and absorbing keeps the shapes equal.
                for (Eigen::Index i = 0; i < nt; ++i) {
                    for (Eigen::Index j = 0; j < nt; ++j)
                        I_minus_Q(i, j) = (i == j ? 1.0 : 0.0) - P(T[static_cast<std::size_t>(i)],
                                                                   T[static_cast<std::size_t>(j)]);
                    for (Eigen::Index k = 0; k < na; ++k)
                        R(i, k) = P(T[static_cast<std::size_t>(i)], A[static_cast<std::size_t>(k)]);
                }
                Eigen::FullPivLU<Eigen::MatrixXd> lu(I_minus_Q);
                if (nt > 0 && lu.isInvertible()) {
                    const Eigen::MatrixXd N = lu.inverse();
                    out.absorption_probabilities[r] = N * R;
                    out.expected_steps[r] = N.rowwise().sum();
                    out.expected_visits[r] = N;
                } else {
                    out.absorption_probabilities[r].setConstant(nan);
                    out.expected_steps[r].setConstant(nan);
                    out.expected_visits[r].setConstant(nan);
                }
            } else {
                try {
                    out.stationary[r] =
                        FlowModel(model.states(), P, model.step()).stationary().transpose();
                } catch (const ArgumentError&) {
                    out.stationary[r].setConstant(nan);
                }
            }
        }
    });
    out.rows_filled = std::accumulate(filled.begin(), filled.end(), std::int64_t{0});
    return out;
}

}  // namespace samkart
