#pragma once
/// @file uncertainty.hpp
/// Uncertainty of a FlowModel: the nonparametric bootstrap over persons (Efron & Tibshirani,
/// *An Introduction to the Bootstrap*, 1993), and Dirichlet draws of each row for
/// probabilistic sensitivity analysis (Briggs, Claxton & Sculpher, *Decision Modelling for
/// Health Economic Evaluation*, 2006, ch. 4). Both are deterministic for a seed and do not
/// depend on the number of threads: replicate r uses its own random stream derived from
/// (seed, r). `first` numbers the replicates of a call from `first` on, so that a block of
/// replicates [first, first + reps) computed anywhere (another process, another machine) is
/// the same as those rows of one call from 0: the blocks of an executor concatenate to the
/// serial result.

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "samkart/analysis/flow/estimate.hpp"

namespace samkart {

class FlowModel;

/// `reps` matrices of one shape, stored contiguously (replicate-major, each row-major), so that
/// Python sees a reps × rows × cols array without a copy per replicate.
struct MatrixStack {
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Index reps = 0, rows = 0, cols = 0;
    std::vector<double> data;

    MatrixStack() = default;
    MatrixStack(Eigen::Index reps_, Eigen::Index rows_, Eigen::Index cols_);
    [[nodiscard]] Eigen::Map<RowMajor> operator[](Eigen::Index r) {
        return {data.data() + r * rows * cols, rows, cols};
    }
    [[nodiscard]] Eigen::Map<const RowMajor> operator[](Eigen::Index r) const {
        return {data.data() + r * rows * cols, rows, cols};
    }
    /// Elementwise percentiles (linear interpolation between order statistics, as numpy's
    /// default), ignoring NaN: {lower, upper} of the central `level` interval (e.g. 0.95).
    [[nodiscard]] std::pair<Eigen::MatrixXd, Eigen::MatrixXd> interval(double level) const;
};

/// Bootstrap replicates of a model estimated from a panel. Every result stack has `reps`
/// entries; a result that is undefined for the chain is 0 by 0 (stationary() when there are
/// absorbing states; the absorbing results when there are none). A replicate whose chain makes
/// a result undefined (e.g. a transient state that no longer reaches an absorbing one) has NaN
/// in that result.
struct Bootstrap {
    MatrixStack matrices;                  ///< reps × #states × #states
    MatrixStack absorption_probabilities;  ///< reps × #transient × #absorbing
    MatrixStack expected_steps;            ///< reps × #transient × 1
    MatrixStack expected_visits;           ///< reps × #transient × #transient
    MatrixStack stationary;                ///< reps × 1 × #states
    /// Replicate rows that had no observations and were filled from the full-sample estimate
    /// (a state seen by few persons): reported so that a reader can judge the intervals.
    std::int64_t rows_filled = 0;
};

/// Resample persons with replacement `reps` times, re-estimate (absorbing rows as in `model`),
/// and compute every result. @param model the full-sample estimate of `panel`
/// @param threads 0 = hardware concurrency. @param first the number of the first replicate
/// (its stream is (seed, first)). @throws ValidationError as count_transitions.
[[nodiscard]] Bootstrap bootstrap(const FlowModel& model, const Panel& panel, Eigen::Index reps,
                                  std::uint64_t seed, unsigned threads = 0,
                                  std::uint64_t first = 0);

/// Draws of the transition matrix for probabilistic sensitivity analysis: each row i not in
/// `absorbing` is Dirichlet(counts(i, :) + prior); absorbing rows stay identity rows.
/// @param counts #states by #states, >= 0. @param prior > 0 added to every cell of those rows
/// @param first the number of the first draw (its stream is (seed, first)).
/// @return draws × #states × #states. @throws ArgumentError for bad shapes or values.
[[nodiscard]] MatrixStack dirichlet_draws(const Eigen::MatrixXd& counts, Eigen::Index draws,
                                          std::uint64_t seed, double prior = 1.0,
                                          const std::vector<Eigen::Index>& absorbing = {},
                                          unsigned threads = 0, std::uint64_t first = 0);

/// Cohort projection for each matrix of a stack (PSA): draws × (steps + 1) × #states.
/// @param start #states. @throws ArgumentError for a wrong length.
[[nodiscard]] MatrixStack project_draws(const MatrixStack& matrices, const Eigen::VectorXd& start,
                                        Eigen::Index steps, unsigned threads = 0);

}  // namespace samkart
