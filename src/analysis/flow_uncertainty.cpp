/// @file flow_uncertainty.cpp
/// MatrixStack, Dirichlet draws for probabilistic sensitivity analysis, and projections of a
/// stack of matrices.

#include <algorithm>
#include <cmath>
#include <limits>

#include "flow_random.hpp"
#include "samkart/analysis/flow.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {

MatrixStack::MatrixStack(Eigen::Index reps_, Eigen::Index rows_, Eigen::Index cols_)
    : reps(reps_),
      rows(rows_),
      cols(cols_),
      data(static_cast<std::size_t>(reps_ * rows_ * cols_), 0.0) {}

std::pair<Eigen::MatrixXd, Eigen::MatrixXd> MatrixStack::interval(double level) const {
    if (!(level > 0.0 && level < 1.0))
        throw ArgumentError("the interval level must be between 0 and 1 (e.g. 0.95), got " +
                            std::to_string(level));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Eigen::MatrixXd lower(rows, cols);
    Eigen::MatrixXd upper(rows, cols);
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(reps));
    // numpy's default ("linear"): the q-quantile of sorted x[0..n-1] is at position q (n - 1).
    const auto quantile = [&](double q) {
        const double pos = q * static_cast<double>(values.size() - 1);
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const auto hi = std::min(lo + 1, values.size() - 1);
        return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
    };
    const auto cell = rows * cols;
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) {
            values.clear();
            for (Eigen::Index r = 0; r < reps; ++r) {
                const double x = data[static_cast<std::size_t>(r * cell + i * cols + j)];
                if (!std::isnan(x)) values.push_back(x);
            }
            if (values.empty()) {
                lower(i, j) = upper(i, j) = nan;
                continue;
            }
            std::sort(values.begin(), values.end());
            lower(i, j) = quantile((1.0 - level) / 2.0);
            upper(i, j) = quantile((1.0 + level) / 2.0);
        }
    return {lower, upper};
}

MatrixStack dirichlet_draws(const Eigen::MatrixXd& counts, Eigen::Index draws, std::uint64_t seed,
                            double prior, const std::vector<Eigen::Index>& absorbing,
                            unsigned threads, std::uint64_t first) {
    const Eigen::Index S = counts.rows();
    if (counts.cols() != S || S == 0)
        throw ArgumentError("counts must be a non-empty square matrix (#states by #states), got " +
                            std::to_string(counts.rows()) + " by " + std::to_string(counts.cols()));
    if (!counts.allFinite() || (counts.array() < 0.0).any())
        throw ArgumentError("counts must be finite and >= 0");
    if (!(prior > 0.0))
        throw ArgumentError("the Dirichlet prior must be > 0 (1 is the uniform prior), got " +
                            std::to_string(prior));
    if (draws < 1) throw ArgumentError("draws must be >= 1, got " + std::to_string(draws));
    std::vector<bool> is_absorbing(static_cast<std::size_t>(S), false);
    for (const auto a : absorbing) {
        if (a < 0 || a >= S)
            throw ArgumentError("absorbing state index " + std::to_string(a) + " is out of range");
        is_absorbing[static_cast<std::size_t>(a)] = true;
    }
    MatrixStack out(draws, S, S);
    detail::parallel_blocks(draws, threads, [&](std::int64_t begin, std::int64_t end, unsigned) {
        for (std::int64_t d = begin; d < end; ++d) {
            detail::Xoshiro256 rng(seed, first + static_cast<std::uint64_t>(d));
            auto P = out[d];
            for (Eigen::Index i = 0; i < S; ++i) {
                if (is_absorbing[static_cast<std::size_t>(i)]) {
                    P(i, i) = 1.0;
                    continue;
                }
                // A Dirichlet vector is independent gammas divided by their sum.
                double sum = 0.0;
                for (Eigen::Index j = 0; j < S; ++j)
                    sum += P(i, j) = rng.gamma(counts(i, j) + prior);
                P.row(i) /= sum;
            }
        }
    });
    return out;
}

MatrixStack project_draws(const MatrixStack& matrices, const Eigen::VectorXd& start,
                          Eigen::Index steps, unsigned threads) {
    const Eigen::Index S = matrices.rows;
    if (matrices.cols != S) throw ArgumentError("the matrices must be square (#states by #states)");
    if (start.size() != S)
        throw ArgumentError("start has " + std::to_string(start.size()) +
                            " values but the matrices have " + std::to_string(S) + " states");
    if (steps < 0) throw ArgumentError("steps must be >= 0, got " + std::to_string(steps));
    MatrixStack out(matrices.reps, steps + 1, S);
    // Plain loops over the row-major buffers: Eigen's product dispatch costs more than the
    // arithmetic for the 5 × 5 matrices typical of cohort models.
    const auto s = static_cast<std::size_t>(S);
    detail::parallel_blocks(
        matrices.reps, threads, [&](std::int64_t begin, std::int64_t end, unsigned) {
            for (std::int64_t d = begin; d < end; ++d) {
                const double* P = matrices.data.data() + static_cast<std::size_t>(d) * s * s;
                double* x = out.data.data() +
                            static_cast<std::size_t>(d) * s * static_cast<std::size_t>(steps + 1);
                for (std::size_t j = 0; j < s; ++j) x[j] = start(static_cast<Eigen::Index>(j));
                for (Eigen::Index t = 0; t < steps; ++t, x += s) {
                    double* next = x + s;
                    std::fill(next, next + s, 0.0);
                    for (std::size_t i = 0; i < s; ++i) {
                        const double xi = x[i];
                        if (xi == 0.0) continue;
                        const double* row = P + i * s;
                        for (std::size_t j = 0; j < s; ++j) next[j] += xi * row[j];
                    }
                }
            }
        });
    return out;
}

}  // namespace samkart
