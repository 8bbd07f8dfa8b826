/// @file flow_simulate.cpp
/// Microsimulation of a FlowModel. Each row of the matrix becomes a Walker alias table (Vose's
/// construction), so one 64-bit random number moves one person one step in O(1) whatever the
/// number of states: the high 32 bits pick a column, the low 32 bits accept it or its alias.

#include <algorithm>
#include <cmath>
#include <limits>

#include "flow_random.hpp"
#include "samkart/analysis/flow.hpp"
#include "samkart/core/errors.hpp"

namespace samkart {
namespace {

struct AliasTable {
    std::vector<std::uint64_t> threshold;  // accept column k if low 32 bits < threshold[k]
    std::vector<std::int32_t> alias;

    explicit AliasTable(const Eigen::VectorXd& p) {
        const auto n = static_cast<std::size_t>(p.size());
        threshold.assign(n, 0);
        alias.assign(n, 0);
        std::vector<double> scaled(n);
        const double total = p.sum();
        std::vector<std::size_t> small;
        std::vector<std::size_t> large;
        for (std::size_t k = 0; k < n; ++k) {
            scaled[k] = p(static_cast<Eigen::Index>(k)) / total * static_cast<double>(n);
            (scaled[k] < 1.0 ? small : large).push_back(k);
        }
        std::vector<double> prob(n, 1.0);
        for (std::size_t k = 0; k < n; ++k) alias[k] = static_cast<std::int32_t>(k);
        while (!small.empty() && !large.empty()) {
            const auto s = small.back();
            small.pop_back();
            const auto l = large.back();
            prob[s] = scaled[s];
            alias[s] = static_cast<std::int32_t>(l);
            scaled[l] -= 1.0 - scaled[s];
            if (scaled[l] < 1.0) {
                large.pop_back();
                small.push_back(l);
            }
        }
        // Leftovers are 1 up to round-off.
        for (std::size_t k = 0; k < n; ++k)
            threshold[k] = static_cast<std::uint64_t>(
                std::llround(std::clamp(prob[k], 0.0, 1.0) * 4294967296.0));
    }

    [[nodiscard]] std::int32_t draw(std::uint64_t r) const noexcept {
        const auto n = static_cast<std::uint64_t>(threshold.size());
        const auto k = static_cast<std::size_t>(((r >> 32U) * n) >> 32U);
        return (r & 0xffffffffULL) < threshold[k] ? static_cast<std::int32_t>(k) : alias[k];
    }
};

}  // namespace

template <class Code>
Eigen::MatrixXd simulate_into(const FlowModel& model, Eigen::Index persons, Eigen::Index steps,
                              const SimulationStart& start, std::uint64_t seed, unsigned threads,
                              Code* trajectories) {
    const Eigen::Index S = model.size();
    if (persons < 0 || steps < 0)
        throw ArgumentError("persons and steps must be >= 0, got " + std::to_string(persons) +
                            " and " + std::to_string(steps));
    if (S - 1 > std::numeric_limits<Code>::max())
        throw ArgumentError("too many states (" + std::to_string(S) + ") for the state code type");
    const Eigen::VectorXd& v = start.values;
    if (v.size() != S)
        throw ArgumentError("start has " + std::to_string(v.size()) + " values but the model has " +
                            std::to_string(S) + " states; give one value per state");
    if (!v.allFinite() || (v.array() < 0.0).any())
        throw ArgumentError("start values must be finite and >= 0");
    std::vector<std::int64_t> cumulative;  // for counts: persons before state k's block end
    if (start.counts) {
        std::int64_t total = 0;
        for (Eigen::Index k = 0; k < S; ++k) {
            if (v(k) != std::floor(v(k)))
                throw ArgumentError("start counts must be whole numbers; '" +
                                    model.states()[static_cast<std::size_t>(k)] + "' has " +
                                    std::to_string(v(k)));
            total += static_cast<std::int64_t>(v(k));
            cumulative.push_back(total);
        }
        if (total != persons)
            throw ArgumentError("start counts sum to " + std::to_string(total) + " but " +
                                std::to_string(persons) + " persons are simulated");
    } else if (std::abs(v.sum() - 1.0) > 1e-9) {
        throw ArgumentError("start shares sum to " + std::to_string(v.sum()) +
                            ", not 1; give shares that sum to 1, or counts");
    }

    std::vector<AliasTable> rows;
    rows.reserve(static_cast<std::size_t>(S));
    for (Eigen::Index i = 0; i < S; ++i) rows.emplace_back(model.matrix().row(i).transpose());
    const AliasTable start_table =
        start.counts ? AliasTable(Eigen::VectorXd::Ones(S)) : AliasTable(v);
    std::vector<bool> absorbing(static_cast<std::size_t>(S), false);
    for (const auto a : model.absorbing()) absorbing[static_cast<std::size_t>(a)] = true;

    const unsigned workers = detail::thread_count(threads, persons);
    const auto width = static_cast<std::size_t>(steps + 1);
    using Counts = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;
    std::vector<Counts> occupancy(workers, Counts::Zero(steps + 1, S));
    detail::parallel_blocks(
        persons, workers, [&](std::int64_t begin, std::int64_t end, unsigned w) {
            Counts& occ = occupancy[w];
            std::vector<Code> local(trajectories == nullptr ? width : 0);
            for (std::int64_t p = begin; p < end; ++p) {
                Code* row = trajectories != nullptr
                                ? trajectories + static_cast<std::size_t>(p) * width
                                : local.data();
                detail::Xoshiro256 rng(seed, static_cast<std::uint64_t>(p));
                std::int32_t s = 0;
                if (start.counts)
                    s = static_cast<std::int32_t>(
                        std::upper_bound(cumulative.begin(), cumulative.end(), p) -
                        cumulative.begin());
                else
                    s = start_table.draw(rng.next());
                row[0] = static_cast<Code>(s);
                ++occ(0, s);
                for (Eigen::Index t = 1; t <= steps; ++t) {
                    if (absorbing[static_cast<std::size_t>(s)]) {
                        // Absorbed: the rest of the row is s; the counts are added in one go.
                        std::fill(row + t, row + steps + 1, static_cast<Code>(s));
                        for (Eigen::Index u = t; u <= steps; ++u) ++occ(u, s);
                        break;
                    }
                    s = rows[static_cast<std::size_t>(s)].draw(rng.next());
                    row[t] = static_cast<Code>(s);
                    ++occ(t, s);
                }
            }
        });
    Counts total = Counts::Zero(steps + 1, S);
    for (const auto& occ : occupancy) total += occ;
    return total.cast<double>();
}

template Eigen::MatrixXd simulate_into<std::int8_t>(const FlowModel&, Eigen::Index, Eigen::Index,
                                                    const SimulationStart&, std::uint64_t, unsigned,
                                                    std::int8_t*);
template Eigen::MatrixXd simulate_into<std::int16_t>(const FlowModel&, Eigen::Index, Eigen::Index,
                                                     const SimulationStart&, std::uint64_t,
                                                     unsigned, std::int16_t*);

Simulation simulate(const FlowModel& model, Eigen::Index persons, Eigen::Index steps,
                    const SimulationStart& start, std::uint64_t seed, unsigned threads) {
    Simulation out;
    out.persons = persons;
    out.steps = steps;
    out.trajectories.resize(static_cast<std::size_t>(std::max<Eigen::Index>(0, persons) *
                                                     (std::max<Eigen::Index>(0, steps) + 1)));
    out.occupancy = simulate_into<std::int16_t>(model, persons, steps, start, seed, threads,
                                                out.trajectories.data());
    return out;
}

}  // namespace samkart
