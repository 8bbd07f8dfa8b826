#pragma once
/// @file flow.hpp
/// FlowModel: a discrete-time Markov chain of how young people move between states (school,
/// dropped out, OT follow-up, NAV measure, NEET, work, ...), one step per month or year.
///
/// The matrix is row-stochastic: `P(i, j)` is the probability of being in state j one step
/// after being in state i. A state with `P(i, i) == 1` is absorbing. The absorbing-chain
/// results follow Kemeny & Snell, *Finite Markov Chains* (1960), ch. III: with the transient
/// block Q and the transient-to-absorbing block R, the fundamental matrix is N = (I - Q)^-1.
/// Estimation, uncertainty and microsimulation are in flow/estimate.hpp, flow/uncertainty.hpp
/// and flow/simulate.hpp.

#include <Eigen/Core>
#include <string>
#include <vector>

namespace samkart {

/// One entry set by FlowModel::with_rates: P(from, to) = probability.
struct RateChange {
    std::string from;
    std::string to;
    double probability = 0.0;
};

/// A Markov chain over named states. Always valid: the constructor checks everything.
class FlowModel {
public:
    /// @param states distinct, non-empty names, one per row/column of `matrix`
    /// @param matrix #states by #states, entries >= 0, every row summing to 1 within 1e-9
    /// @param step the length of one step, e.g. "year" or "month" (a label for results)
    /// @throws ValidationError listing every problem (the row, its state and its sum)
    FlowModel(std::vector<std::string> states, Eigen::MatrixXd matrix, std::string step = "year");

    /// Same as the constructor.
    static FlowModel from_matrix(std::vector<std::string> states, Eigen::MatrixXd matrix,
                                 std::string step = "year");

    /// Maximum-likelihood matrix from transition counts: each row divided by its total.
    /// @param counts #states by #states, counts[i, j] = observed moves from i to j, >= 0
    /// @param absorbing states to make absorbing (identity row); they may have no
    ///        observations but must not have observed moves to other states
    /// @throws ValidationError naming each non-absorbing state whose row has no observations
    static FlowModel from_counts(std::vector<std::string> states, const Eigen::MatrixXd& counts,
                                 const std::vector<std::string>& absorbing = {},
                                 std::string step = "year");

    [[nodiscard]] const std::vector<std::string>& states() const noexcept { return states_; }
    [[nodiscard]] const Eigen::MatrixXd& matrix() const noexcept { return matrix_; }
    [[nodiscard]] const std::string& step() const noexcept { return step_; }
    [[nodiscard]] Eigen::Index size() const noexcept { return matrix_.rows(); }
    /// Indices of the absorbing states (P(i, i) == 1) and of the others, in state order.
    [[nodiscard]] const std::vector<Eigen::Index>& absorbing() const noexcept { return absorbing_; }
    [[nodiscard]] const std::vector<Eigen::Index>& transient() const noexcept { return transient_; }
    /// Position of a state. @throws ArgumentError naming the state and listing the states.
    [[nodiscard]] Eigen::Index index(const std::string& state) const;

    /// B = N R: #transient by #absorbing, B(i, k) = probability that a chain started in
    /// transient state i ends in absorbing state k.
    /// @throws ArgumentError if there is no absorbing state or some transient state cannot
    ///         reach one (then I - Q is singular); the message names those states.
    [[nodiscard]] Eigen::MatrixXd absorption_probabilities() const;
    /// t = N 1: #transient, the expected number of steps before absorption by start state.
    [[nodiscard]] Eigen::VectorXd expected_steps() const;
    /// N: #transient by #transient, N(i, j) = expected number of steps spent in j (counting
    /// the start) by a chain started in i, before absorption.
    [[nodiscard]] Eigen::MatrixXd expected_visits() const;
    /// The stationary distribution pi (pi P = pi, sum 1): #states.
    /// @throws ArgumentError if the chain has absorbing states, or has more than one closed
    ///         class (then the stationary distribution is not unique); the message names them.
    [[nodiscard]] Eigen::VectorXd stationary() const;

    /// Cohort projection: row t is start P^t. @param start #states (counts or shares)
    /// @return (steps + 1) by #states. @throws ArgumentError for a wrong length or steps < 0.
    [[nodiscard]] Eigen::MatrixXd project(const Eigen::VectorXd& start, Eigen::Index steps) const;

    /// A new model with the given entries set. In each touched row, the entries not set are
    /// rescaled proportionally so that the row sums to 1 again (the relative odds of the other
    /// destinations are kept). @throws ArgumentError for unknown states, probabilities
    /// outside [0, 1], set rates of a row summing to more than 1, or a row whose other
    /// entries are all 0 while the set rates sum to less than 1.
    [[nodiscard]] FlowModel with_rates(const std::vector<RateChange>& changes) const;

    /// Expected cost of a cohort: costs are incurred for each person-step spent in a state, in
    /// steps 0 .. steps-1 (the state occupied during the step), discounted by (1 + discount)^-t.
    /// @param start #states (counts), @param costs #states by #payers (money per person-step)
    /// @return steps by #payers: the cost in each step by payer.
    [[nodiscard]] Eigen::MatrixXd expected_cost(const Eigen::VectorXd& start, Eigen::Index steps,
                                                const Eigen::MatrixXd& costs,
                                                double discount = 0.0) const;

private:
    void require_absorbing() const;

    std::vector<std::string> states_;
    Eigen::MatrixXd matrix_;
    std::string step_;
    std::vector<Eigen::Index> absorbing_;
    std::vector<Eigen::Index> transient_;
};

/// Cohort projection kernel: row t of the result is start P^t.
/// @param P #states by #states, @param start #states. @return (steps + 1) by #states.
template <class DerivedP, class DerivedS>
Eigen::MatrixXd project_cohort(const Eigen::MatrixBase<DerivedP>& P,
                               const Eigen::MatrixBase<DerivedS>& start, Eigen::Index steps) {
    Eigen::MatrixXd out(steps + 1, P.rows());
    out.row(0) = start.transpose();
    for (Eigen::Index t = 1; t <= steps; ++t) out.row(t).noalias() = out.row(t - 1) * P;
    return out;
}

}  // namespace samkart

#include "samkart/analysis/flow/estimate.hpp"
#include "samkart/analysis/flow/simulate.hpp"
#include "samkart/analysis/flow/uncertainty.hpp"
