#pragma once
/// @file simulate.hpp
/// Microsimulation: individuals moved through a FlowModel one step at a time. Person p draws
/// from its own random stream (xoshiro256** seeded from (seed, p) through splitmix64), so the
/// trajectories depend on the seed only, never on the number of threads or the scheduling.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace samkart {

class FlowModel;

/// How the simulated persons start.
struct SimulationStart {
    /// #states. Shares summing to 1 (each person draws a start state), or whole counts (the
    /// first counts[0] persons start in state 0, the next counts[1] in state 1, ...).
    Eigen::VectorXd values;
    bool counts = false;
};

/// Simulate `persons` individuals for `steps` steps and write their states.
/// @param trajectories persons × (steps + 1) codes, row-major (person p at step t is
///        trajectories[p * (steps + 1) + t]); may be null to keep only the occupancy.
///        Code is std::int8_t (up to 127 states) or std::int16_t (up to 32767).
/// @return occupancy: (steps + 1) × #states, the number of persons in each state at each step.
/// @throws ArgumentError for a bad start (wrong length, negative, shares not summing to 1,
///         counts not whole or not summing to `persons`), too many states for Code, or
///         negative sizes.
template <class Code>
Eigen::MatrixXd simulate_into(const FlowModel& model, Eigen::Index persons, Eigen::Index steps,
                              const SimulationStart& start, std::uint64_t seed, unsigned threads,
                              Code* trajectories);

/// Trajectories and occupancy in one value (C++ convenience over simulate_into).
struct Simulation {
    Eigen::Index persons = 0, steps = 0;
    std::vector<std::int16_t> trajectories;  ///< persons × (steps + 1), row-major
    Eigen::MatrixXd occupancy;               ///< (steps + 1) × #states
    [[nodiscard]] std::int16_t at(Eigen::Index person, Eigen::Index t) const {
        return trajectories[static_cast<std::size_t>(person * (steps + 1) + t)];
    }
};

/// @param threads 0 = hardware concurrency.
[[nodiscard]] Simulation simulate(const FlowModel& model, Eigen::Index persons, Eigen::Index steps,
                                  const SimulationStart& start, std::uint64_t seed,
                                  unsigned threads = 0);

extern template Eigen::MatrixXd simulate_into<std::int8_t>(const FlowModel&, Eigen::Index,
                                                           Eigen::Index, const SimulationStart&,
                                                           std::uint64_t, unsigned, std::int8_t*);
extern template Eigen::MatrixXd simulate_into<std::int16_t>(const FlowModel&, Eigen::Index,
                                                            Eigen::Index, const SimulationStart&,
                                                            std::uint64_t, unsigned, std::int16_t*);

}  // namespace samkart
