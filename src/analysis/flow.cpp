/// @file flow.cpp
/// FlowModel: validation, the absorbing-chain results (Kemeny & Snell), the stationary
/// distribution, projections, with_rates and expected costs.

#include "samkart/analysis/flow.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>
#include <utility>

#include "samkart/core/errors.hpp"

namespace samkart {
namespace {

constexpr double row_tolerance = 1e-9;

std::string format_number(double x) {
    std::ostringstream out;
    out.precision(12);
    out << x;
    return out.str();
}

std::string quoted_list(const std::vector<std::string>& names,
                        const std::vector<Eigen::Index>& idx) {
    std::string out;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        if (k > 0) out += ", ";
        out += "'" + names[static_cast<std::size_t>(idx[k])] + "'";
    }
    return out;
}

Problem matrix_problem(Eigen::Index row, const std::string& state, std::string field,
                       std::string message) {
    return Problem{.collection = "matrix",
                   .index = static_cast<std::ptrdiff_t>(row),
                   .id = state,
                   .field = std::move(field),
                   .message = std::move(message)};
}

/// reach[i][j]: j can be reached from i in zero or more steps with positive probability.
std::vector<std::vector<bool>> reachability(const Eigen::MatrixXd& P) {
    const auto n = static_cast<std::size_t>(P.rows());
    std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
    std::vector<std::size_t> stack;
    for (std::size_t s = 0; s < n; ++s) {
        reach[s][s] = true;
        stack.assign(1, s);
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            for (std::size_t j = 0; j < n; ++j)
                if (!reach[s][j] &&
                    P(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) > 0.0) {
                    reach[s][j] = true;
                    stack.push_back(j);
                }
        }
    }
    return reach;
}

}  // namespace

FlowModel::FlowModel(std::vector<std::string> states, Eigen::MatrixXd matrix, std::string step)
    : states_(std::move(states)), matrix_(std::move(matrix)), step_(std::move(step)) {
    std::vector<Problem> problems;
    const auto n = static_cast<Eigen::Index>(states_.size());
    if (states_.empty())
        problems.push_back(
            {.collection = "states",
             .message = "a flow model needs at least one state; give the state names"});
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < states_.size(); ++i) {
        const auto& s = states_[i];
        if (s.empty())
            problems.push_back({.collection = "states",
                                .index = static_cast<std::ptrdiff_t>(i),
                                .message = "the state name is empty; give every state a name"});
        else if (!seen.insert(s).second)
            problems.push_back({.collection = "states",
                                .index = static_cast<std::ptrdiff_t>(i),
                                .id = s,
                                .message = "the state name appears more than once; state names "
                                           "must be distinct"});
    }
    if (matrix_.rows() != matrix_.cols() || matrix_.rows() != n) {
        problems.push_back({.collection = "matrix",
                            .message = "the matrix is " + std::to_string(matrix_.rows()) + " by " +
                                       std::to_string(matrix_.cols()) + " but there are " +
                                       std::to_string(n) +
                                       " states; it must be square with one row and one column "
                                       "per state, in the order of the states"});
        throw ValidationError(std::move(problems));
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& name = states_[static_cast<std::size_t>(i)];
        bool finite = true;
        for (Eigen::Index j = 0; j < n; ++j) {
            const double p = matrix_(i, j);
            const auto& to = states_[static_cast<std::size_t>(j)];
            if (!std::isfinite(p)) {
                finite = false;
                problems.push_back(matrix_problem(
                    i, name, to,
                    "P['" + name + "', '" + to + "'] is not a finite number; give a probability"));
            } else if (p < 0.0) {
                problems.push_back(matrix_problem(
                    i, name, to,
                    "P['" + name + "', '" + to + "'] = " + format_number(p) +
                        " is negative; transition probabilities must be between 0 and 1"));
            }
        }
        if (!finite) continue;
        const double sum = matrix_.row(i).sum();
        if (std::abs(sum - 1.0) > row_tolerance)
            problems.push_back(matrix_problem(
                i, name, "",
                "the row of state '" + name + "' sums to " + format_number(sum) +
                    ", not 1 (within 1e-9); each row holds the probabilities of where a person in "
                    "that state is one step later, so fix the row or divide it by its sum (from "
                    "counts, use from_counts, which does this)"));
    }
    if (!problems.empty()) throw ValidationError(std::move(problems));
    for (Eigen::Index i = 0; i < n; ++i)
        (matrix_(i, i) == 1.0 ? absorbing_ : transient_).push_back(i);
}

FlowModel FlowModel::from_matrix(std::vector<std::string> states, Eigen::MatrixXd matrix,
                                 std::string step) {
    return {std::move(states), std::move(matrix), std::move(step)};
}

FlowModel FlowModel::from_counts(std::vector<std::string> states, const Eigen::MatrixXd& counts,
                                 const std::vector<std::string>& absorbing, std::string step) {
    const auto n = static_cast<Eigen::Index>(states.size());
    if (counts.rows() != n || counts.cols() != n)
        throw ValidationError(
            {{.collection = "counts",
              .message = "the counts are " + std::to_string(counts.rows()) + " by " +
                         std::to_string(counts.cols()) + " but there are " + std::to_string(n) +
                         " states; give one row and one "
                         "column per state"}});
    std::set<Eigen::Index> absorbing_idx;
    std::vector<Problem> problems;
    for (const auto& a : absorbing) {
        const auto it = std::find(states.begin(), states.end(), a);
        if (it == states.end())
            problems.push_back({.collection = "absorbing",
                                .id = a,
                                .message = "'" + a +
                                           "' is declared absorbing but is not one of "
                                           "the states"});
        else
            absorbing_idx.insert(it - states.begin());
    }
    Eigen::MatrixXd P = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& name = states[static_cast<std::size_t>(i)];
        if ((counts.row(i).array() < 0.0).any() || !counts.row(i).allFinite()) {
            problems.push_back({.collection = "counts",
                                .index = static_cast<std::ptrdiff_t>(i),
                                .id = name,
                                .message = "the counts from '" + name +
                                           "' must be finite and "
                                           ">= 0"});
            continue;
        }
        const double total = counts.row(i).sum();
        if (absorbing_idx.contains(i)) {
            const double out = total - counts(i, i);
            if (out > 0.0)
                problems.push_back({.collection = "counts",
                                    .index = static_cast<std::ptrdiff_t>(i),
                                    .id = name,
                                    .message = "'" + name + "' is declared absorbing but has " +
                                               format_number(out) +
                                               " observed moves to other "
                                               "states; do not declare it absorbing"});
            P(i, i) = 1.0;
        } else if (total <= 0.0) {
            problems.push_back({.collection = "counts",
                                .index = static_cast<std::ptrdiff_t>(i),
                                .id = name,
                                .message = "no transitions out of '" + name +
                                           "' were observed, so "
                                           "its row cannot be estimated; declare it absorbing "
                                           "(e.g. a final state such as work) or add data"});
        } else {
            P.row(i) = counts.row(i) / total;
        }
    }
    if (!problems.empty()) throw ValidationError(std::move(problems));
    return {std::move(states), std::move(P), std::move(step)};
}

Eigen::Index FlowModel::index(const std::string& state) const {
    const auto it = std::find(states_.begin(), states_.end(), state);
    if (it != states_.end()) return it - states_.begin();
    std::string known;
    for (const auto& s : states_) known += (known.empty() ? "'" : ", '") + s + "'";
    throw ArgumentError("unknown state '" + state + "'; the model's states are " + known);
}

void FlowModel::require_absorbing() const {
    if (absorbing_.empty())
        throw ArgumentError(
            "the chain has no absorbing state (a state with P[i, i] = 1), so "
            "absorption results are undefined; use stationary() for a chain "
            "without absorbing states");
    // Transient states that never reach an absorbing state make I - Q singular.
    const auto reach = reachability(matrix_);
    std::vector<Eigen::Index> stuck;
    for (const auto i : transient_) {
        const bool reaches = std::any_of(absorbing_.begin(), absorbing_.end(), [&](Eigen::Index a) {
            return reach[static_cast<std::size_t>(i)][static_cast<std::size_t>(a)];
        });
        if (!reaches) stuck.push_back(i);
    }
    if (!stuck.empty())
        throw ArgumentError("the states " + quoted_list(states_, stuck) +
                            " never reach an absorbing state (they form a closed class), so "
                            "I - Q is singular and absorption results are undefined; make them "
                            "reach an absorbing state or analyse them with stationary()");
}

namespace {
struct Blocks {
    Eigen::MatrixXd I_minus_Q;
    Eigen::MatrixXd R;
};
Blocks blocks(const Eigen::MatrixXd& P, const std::vector<Eigen::Index>& transient,
              const std::vector<Eigen::Index>& absorbing) {
    const auto t = static_cast<Eigen::Index>(transient.size());
    const auto a = static_cast<Eigen::Index>(absorbing.size());
    Blocks b{Eigen::MatrixXd(t, t), Eigen::MatrixXd(t, a)};
    for (Eigen::Index i = 0; i < t; ++i) {
        const auto r = transient[static_cast<std::size_t>(i)];
        for (Eigen::Index j = 0; j < t; ++j)
            b.I_minus_Q(i, j) = (i == j ? 1.0 : 0.0) - P(r, transient[static_cast<std::size_t>(j)]);
        for (Eigen::Index k = 0; k < a; ++k)
            b.R(i, k) = P(r, absorbing[static_cast<std::size_t>(k)]);
    }
    return b;
}
}  // namespace

Eigen::MatrixXd FlowModel::absorption_probabilities() const {
    require_absorbing();
    const auto b = blocks(matrix_, transient_, absorbing_);
    if (transient_.empty()) return Eigen::MatrixXd(0, b.R.cols());
    return b.I_minus_Q.partialPivLu().solve(b.R);
}

Eigen::VectorXd FlowModel::expected_steps() const {
    require_absorbing();
    const auto b = blocks(matrix_, transient_, absorbing_);
    if (transient_.empty()) return {};
    return b.I_minus_Q.partialPivLu().solve(Eigen::VectorXd::Ones(b.I_minus_Q.rows()));
}

Eigen::MatrixXd FlowModel::expected_visits() const {
    require_absorbing();
    const auto b = blocks(matrix_, transient_, absorbing_);
    if (transient_.empty()) return {};
    // N itself is the result here, so the inverse is what is asked for.
    return b.I_minus_Q.partialPivLu().inverse();
}

Eigen::VectorXd FlowModel::stationary() const {
    if (!absorbing_.empty())
        throw ArgumentError("the chain has absorbing states (" + quoted_list(states_, absorbing_) +
                            "), so in the long run everyone ends in one of them and the "
                            "stationary distribution says nothing new; use "
                            "absorption_probabilities() and expected_steps()");
    const auto reach = reachability(matrix_);
    const auto n = static_cast<std::size_t>(size());
    std::vector<std::vector<Eigen::Index>> closed;
    std::vector<bool> assigned(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (assigned[i]) continue;
        std::vector<Eigen::Index> cls;
        for (std::size_t j = 0; j < n; ++j)
            if (reach[i][j] && reach[j][i]) {
                cls.push_back(static_cast<Eigen::Index>(j));
                assigned[j] = true;
            }
        // Closed: nothing outside the class is reachable from it.
        bool is_closed = true;
        for (std::size_t j = 0; j < n && is_closed; ++j)
            if (reach[i][j] && !reach[j][i]) is_closed = false;
        if (is_closed) closed.push_back(std::move(cls));
    }
    if (closed.size() > 1) {
        std::string list;
        for (const auto& c : closed)
            list += (list.empty() ? "{" : ", {") + quoted_list(states_, c) + "}";
        throw ArgumentError("the chain is reducible with " + std::to_string(closed.size()) +
                            " closed classes " + list +
                            ", so the stationary distribution is not unique (it depends on the "
                            "start); analyse each closed class as its own model");
    }
    // pi (P - I) = 0 with one equation replaced by sum(pi) = 1: nonsingular for one closed class.
    const auto m = size();
    Eigen::MatrixXd A = matrix_.transpose() - Eigen::MatrixXd::Identity(m, m);
    A.row(m - 1).setOnes();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(m);
    rhs(m - 1) = 1.0;
    Eigen::VectorXd pi = A.partialPivLu().solve(rhs);
    return pi.cwiseMax(0.0) / pi.cwiseMax(0.0).sum();  // clears round-off negatives (~1e-17)
}

Eigen::MatrixXd FlowModel::project(const Eigen::VectorXd& start, Eigen::Index steps) const {
    if (start.size() != size())
        throw ArgumentError("start has " + std::to_string(start.size()) +
                            " values but the model has " + std::to_string(size()) +
                            " states; give one value per state");
    if (steps < 0) throw ArgumentError("steps must be >= 0, got " + std::to_string(steps));
    return project_cohort(matrix_, start, steps);
}

FlowModel FlowModel::with_rates(const std::vector<RateChange>& changes) const {
    std::map<Eigen::Index, std::map<Eigen::Index, double>> rows;
    for (const auto& c : changes) {
        const auto i = index(c.from);
        const auto j = index(c.to);
        if (!(c.probability >= 0.0 && c.probability <= 1.0))
            throw ArgumentError("the rate " + c.from + " → " + c.to + " = " +
                                format_number(c.probability) + " is not a probability in [0, 1]");
        if (!rows[i].emplace(j, c.probability).second)
            throw ArgumentError("the rate " + c.from + " → " + c.to +
                                " is given twice; give it once");
    }
    Eigen::MatrixXd P = matrix_;
    for (const auto& [i, set] : rows) {
        const auto& name = states_[static_cast<std::size_t>(i)];
        double set_sum = 0.0;
        double other_sum = 0.0;
        for (const auto& [j, p] : set) set_sum += p;
        for (Eigen::Index j = 0; j < size(); ++j)
            if (!set.contains(j)) other_sum += P(i, j);
        if (set_sum > 1.0 + row_tolerance)
            throw ArgumentError("the rates set from '" + name + "' sum to " +
                                format_number(set_sum) +
                                ", more than 1; lower them so that they leave room for the rest of "
                                "the row");
        const double rest = std::max(0.0, 1.0 - set_sum);
        if (other_sum <= 0.0 && rest > row_tolerance)
            throw ArgumentError("the rates set from '" + name + "' sum to " +
                                format_number(set_sum) +
                                " and the other entries of the row are all 0, so the row cannot "
                                "be rescaled to sum to 1; also set the rate of the destination "
                                "that should take the remaining " +
                                format_number(rest));
        for (Eigen::Index j = 0; j < size(); ++j) {
            const auto it = set.find(j);
            P(i, j) =
                it != set.end() ? it->second : (other_sum > 0.0 ? P(i, j) * rest / other_sum : 0.0);
        }
    }
    return {states_, std::move(P), step_};
}

Eigen::MatrixXd FlowModel::expected_cost(const Eigen::VectorXd& start, Eigen::Index steps,
                                         const Eigen::MatrixXd& costs, double discount) const {
    if (costs.rows() != size())
        throw ArgumentError("costs has " + std::to_string(costs.rows()) +
                            " rows but the model has " + std::to_string(size()) +
                            " states; give one row per state and one "
                            "column per payer");
    if (!(discount > -1.0))
        throw ArgumentError("the discount rate must be > -1, got " + format_number(discount));
    if (steps < 0) throw ArgumentError("steps must be >= 0, got " + std::to_string(steps));
    const Eigen::MatrixXd occupancy = project(start, steps);
    Eigen::MatrixXd out = occupancy.topRows(steps) * costs;
    double factor = 1.0;
    for (Eigen::Index t = 0; t < steps; ++t) {
        out.row(t) *= factor;
        factor /= 1.0 + discount;
    }
    return out;
}

}  // namespace samkart
