#pragma once
/// @file estimate.hpp
/// Transition counts from person-period data ("panel"): one row per person and period with the
/// state the person was in. Two rows of the same person in consecutive periods (t, t + 1) give
/// one transition. A gap in time (t to t + 2 or later) is not bridged: nothing is counted across
/// it, and the gaps are reported, because a move across an unobserved period is not a one-step
/// transition.

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace samkart {

class FlowModel;

/// Person-period data in columns of equal length (views; nothing is copied).
struct Panel {
    std::span<const std::int64_t> ids;     ///< person id (any integer code)
    std::span<const std::int64_t> times;   ///< period as an integer (year, month ordinal, ...)
    std::span<const std::int32_t> states;  ///< state code: index into the model's states
    /// Optional display names of the ids, used only in error messages: if not empty, the id
    /// code c is shown as id_names[c] (the Python layer passes the labels it factorised).
    std::span<const std::string> id_names = {};
};

/// Transitions in a panel, with what could not be counted.
struct TransitionCounts {
    Eigen::MatrixXd counts;        ///< #states by #states, counts(i, j) = moves from i to j
    std::int64_t rows = 0;         ///< person-period rows read
    std::int64_t persons = 0;      ///< distinct persons
    std::int64_t transitions = 0;  ///< sum of counts
    std::int64_t gaps = 0;         ///< consecutive rows of a person more than one period apart
    std::int64_t persons_with_gaps = 0;
};

/// Count the one-step transitions of a panel (in any row order).
/// @param n_states the number of states; state codes must be in [0, n_states)
/// @throws ValidationError if the panel is empty, the columns differ in length, a state code
///         is out of range (naming the row), or a person has two rows for the same period
///         (naming the person, the period and both rows).
[[nodiscard]] TransitionCounts count_transitions(const Panel& panel, Eigen::Index n_states);

/// Estimate a FlowModel from a panel: count_transitions, then FlowModel::from_counts.
/// @param absorbing states declared absorbing (they may have no observed moves out)
/// @param counts if not null, receives the counts and the gap report
[[nodiscard]] FlowModel estimate(const Panel& panel, std::vector<std::string> states,
                                 const std::vector<std::string>& absorbing = {},
                                 std::string step = "year", TransitionCounts* counts = nullptr);

}  // namespace samkart
