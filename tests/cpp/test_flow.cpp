/// @file test_flow.cpp
/// FlowModel: hand-worked absorbing chains, validation messages, estimation from a panel with
/// gaps and duplicates, with_rates, the stationary distribution, and the seeded procedures
/// (simulation, bootstrap, Dirichlet draws) being independent of the thread count.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "samkart/analysis/flow.hpp"
#include "samkart/core/errors.hpp"

using samkart::FlowModel;

namespace {

/// school, neet transient; work absorbing.
FlowModel three_state() {
    Eigen::MatrixXd P(3, 3);
    P << 0.5, 0.2, 0.3,  //
        0.2, 0.4, 0.4,   //
        0.0, 0.0, 1.0;
    return FlowModel({"school", "neet", "work"}, P);
}

std::string message_of(const auto& f) {
    try {
        f();
    } catch (const samkart::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("flow: hand-worked three-state absorbing chain") {
    const auto m = three_state();
    CHECK(m.absorbing() == std::vector<Eigen::Index>{2});
    CHECK(m.transient() == std::vector<Eigen::Index>{0, 1});
    // I - Q = [[0.5, -0.2], [-0.2, 0.6]], det = 0.30 - 0.04 = 0.26,
    // N = [[0.6, 0.2], [0.2, 0.5]] / 0.26 = [[30, 10], [10, 25]] / 13.
    const auto N = m.expected_visits();
    CHECK(N(0, 0) == doctest::Approx(30.0 / 13).epsilon(1e-12));
    CHECK(N(0, 1) == doctest::Approx(10.0 / 13).epsilon(1e-12));
    CHECK(N(1, 1) == doctest::Approx(25.0 / 13).epsilon(1e-12));
    // t = N 1 = [40, 35] / 13.
    const auto t = m.expected_steps();
    CHECK(t(0) == doctest::Approx(40.0 / 13).epsilon(1e-12));
    CHECK(t(1) == doctest::Approx(35.0 / 13).epsilon(1e-12));
    // One absorbing state: everyone ends there.
    const auto B = m.absorption_probabilities();
    CHECK(B.rows() == 2);
    CHECK(B.cols() == 1);
    CHECK(B(0, 0) == doctest::Approx(1.0));
}

TEST_CASE("flow: two absorbing states split by N R") {
    Eigen::MatrixXd P(3, 3);
    P << 0.6, 0.3, 0.1, 0, 1, 0, 0, 0, 1;
    const FlowModel m({"follow_up", "work", "disability"}, P);
    // N = 1 / (1 - 0.6) = 2.5, B = 2.5 [0.3, 0.1] = [0.75, 0.25], t = 2.5.
    CHECK(m.absorption_probabilities()(0, 0) == doctest::Approx(0.75));
    CHECK(m.absorption_probabilities()(0, 1) == doctest::Approx(0.25));
    CHECK(m.expected_steps()(0) == doctest::Approx(2.5));
}

TEST_CASE("flow: bad matrices name the row, the state and the sum") {
    Eigen::MatrixXd P(2, 2);
    P << 0.5, 0.4, 0, 1;
    const auto msg = message_of([&] { FlowModel({"neet", "work"}, P); });
    CHECK(msg.find("'neet'") != std::string::npos);
    CHECK(msg.find("sums to 0.9") != std::string::npos);
    P << 1.2, -0.2, 0, 1;
    CHECK(message_of([&] { FlowModel({"neet", "work"}, P); }).find("negative") !=
          std::string::npos);
    P << 0.5, 0.5, 0, 1;
    CHECK(message_of([&] { FlowModel({"a", "a"}, P); }).find("more than once") !=
          std::string::npos);
    CHECK(message_of([&] { FlowModel({"a", ""}, P); }).find("empty") != std::string::npos);
    CHECK(message_of([&] { FlowModel({"a", "b", "c"}, P); }).find("3 states") != std::string::npos);
    CHECK_NOTHROW(FlowModel({"a", "b"}, P));
    P(0, 0) = 0.6;
    CHECK_THROWS_AS(FlowModel({"a", "b"}, P), samkart::ValidationError);
}

TEST_CASE("flow: from_counts needs observations or a declared absorbing state") {
    Eigen::MatrixXd C(2, 2);
    C << 3, 1, 0, 0;
    CHECK(message_of([&] { (void)FlowModel::from_counts({"neet", "work"}, C); }).find("'work'") !=
          std::string::npos);
    const auto m = FlowModel::from_counts({"neet", "work"}, C, {"work"});
    CHECK(m.matrix()(0, 0) == doctest::Approx(0.75));
    CHECK(m.matrix()(1, 1) == 1.0);
    C << 3, 1, 2, 0;
    CHECK(message_of([&] {
              (void)FlowModel::from_counts({"neet", "work"}, C, {"work"});
          }).find("declared absorbing") != std::string::npos);
}

TEST_CASE("flow: count_transitions bridges no gaps and rejects duplicates") {
    // Person 7: 2019 a, 2020 b, 2022 a (gap), 2023 a. Person 3: 2020 b, 2021 a. Unsorted.
    const std::vector<std::int64_t> ids{7, 3, 7, 7, 3, 7};
    const std::vector<std::int64_t> times{2020, 2021, 2019, 2023, 2020, 2022};
    const std::vector<std::int32_t> states{1, 0, 0, 0, 1, 0};
    const samkart::Panel panel{ids, times, states};
    const auto c = samkart::count_transitions(panel, 2);
    CHECK(c.counts(0, 1) == 1);  // 7: a → b
    CHECK(c.counts(0, 0) == 1);  // 7: 2022 a → 2023 a
    CHECK(c.counts(1, 0) == 1);  // 3: b → a
    CHECK(c.transitions == 3);
    CHECK(c.gaps == 1);
    CHECK(c.persons_with_gaps == 1);
    CHECK(c.persons == 2);

    const std::vector<std::int64_t> dup_times{2020, 2021, 2019, 2023, 2020, 2020};
    const std::vector<std::string> names{"", "", "", "", "", "", "", "p-7"};
    const samkart::Panel dup{ids, dup_times, states, names};
    const auto msg = message_of([&] { (void)samkart::count_transitions(dup, 2); });
    CHECK(msg.find("person 'p-7' has two rows for time 2020") != std::string::npos);
    const std::vector<std::int32_t> bad{1, 0, 5, 0, 1, 0};
    CHECK(message_of([&] {
              (void)samkart::count_transitions({ids, times, bad}, 2);
          }).find("state code 5") != std::string::npos);
    CHECK(message_of([&] { (void)samkart::count_transitions({}, 2); }).find("empty") !=
          std::string::npos);
}

TEST_CASE("flow: with_rates rescales the rest of the row") {
    const auto m = three_state().with_rates({{"neet", "work", 0.6}});
    // neet row was [0.2, 0.4, 0.4]; the others (0.6 in total) now share 0.4: [0.4/3, 0.8/3].
    CHECK(m.matrix()(1, 2) == doctest::Approx(0.6));
    CHECK(m.matrix()(1, 0) == doctest::Approx(0.4 / 3));
    CHECK(m.matrix()(1, 1) == doctest::Approx(0.8 / 3));
    CHECK(three_state().matrix()(1, 2) == 0.4);  // the original is unchanged
    CHECK(message_of([] {
              (void)three_state().with_rates({{"neet", "work", 0.7}, {"neet", "school", 0.5}});
          }).find("more than 1") != std::string::npos);
    CHECK(message_of([] {
              (void)three_state().with_rates({{"nope", "work", 0.1}});
          }).find("unknown state 'nope'") != std::string::npos);
}

TEST_CASE("flow: stationary distribution and its errors") {
    Eigen::MatrixXd P(2, 2);
    P << 0.9, 0.1, 0.5, 0.5;
    // pi = [0.5, 0.1] / 0.6 = [5/6, 1/6].
    const auto pi = FlowModel({"in", "out"}, P).stationary();
    CHECK(pi(0) == doctest::Approx(5.0 / 6));
    CHECK(message_of([] { (void)three_state().stationary(); }).find("absorbing") !=
          std::string::npos);
    Eigen::MatrixXd R(3, 3);
    R << 0.5, 0.5, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5;
    CHECK(FlowModel({"a", "b", "c"}, R).stationary()(2) ==
          doctest::Approx(0.0));  // one closed class
    Eigen::MatrixXd D(2, 2);
    D << 0, 1, 1, 0;
    CHECK(FlowModel({"a", "b"}, D).stationary()(0) == doctest::Approx(0.5));  // periodic, unique
    Eigen::MatrixXd Red(4, 4);
    Red << 0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5;
    CHECK(message_of([&] {
              (void)FlowModel({"a", "b", "c", "d"}, Red).stationary();
          }).find("not unique") != std::string::npos);
}

TEST_CASE("flow: projection and expected cost") {
    const auto m = three_state();
    Eigen::VectorXd start(3);
    start << 100, 0, 0;
    const auto occ = m.project(start, 2);
    // Step 1: [50, 20, 30]; step 2: [50*0.5 + 20*0.2, 50*0.2 + 20*0.4, 30 + 15 + 8] = [29, 18, 53].
    CHECK(occ(2, 0) == doctest::Approx(29));
    CHECK(occ(2, 1) == doctest::Approx(18));
    CHECK(occ(2, 2) == doctest::Approx(53));
    Eigen::MatrixXd costs(3, 2);
    costs << 0, 10, 100, 1, 0, 0;  // municipality pays 100 per NEET-step; state 10 per school-step
    const auto cost = m.expected_cost(start, 2, costs);
    // Step 0: [100, 0, 0] → municipality 0, state 1000; step 1: [50, 20, 30] → 2000, 520.
    CHECK(cost.rows() == 2);
    CHECK(cost(1, 0) == doctest::Approx(2000));
    CHECK(cost(1, 1) == doctest::Approx(520));
    CHECK(m.expected_cost(start, 2, costs, 1.0)(1, 0) == doctest::Approx(1000));
}

TEST_CASE("flow: simulation is seeded and independent of the thread count") {
    const auto m = three_state();
    samkart::SimulationStart start{Eigen::Vector3d(0.7, 0.3, 0.0), false};
    const auto one = samkart::simulate(m, 5000, 8, start, 42, 1);
    const auto two = samkart::simulate(m, 5000, 8, start, 42, 2);
    CHECK(one.trajectories == two.trajectories);
    CHECK(one.occupancy == two.occupancy);
    const auto other = samkart::simulate(m, 5000, 8, start, 43, 2);
    CHECK(other.trajectories != one.trajectories);
    // Occupancy shares agree with the cohort projection within sampling error.
    const auto expected = m.project(start.values * 5000.0, 8);
    CHECK((one.occupancy - expected).cwiseAbs().maxCoeff() < 150);
    // Work is absorbing: no one leaves it.
    for (Eigen::Index p = 0; p < 5000; ++p)
        for (Eigen::Index t = 1; t <= 8; ++t)
            if (one.at(p, t - 1) == 2) CHECK(one.at(p, t) == 2);
    samkart::SimulationStart counts{Eigen::Vector3d(3, 2, 0), true};
    const auto c = samkart::simulate(m, 5, 1, counts, 1, 1);
    CHECK(c.at(2, 0) == 0);
    CHECK(c.at(3, 0) == 1);
    CHECK_THROWS_AS((void)samkart::simulate(m, 6, 1, counts, 1, 1), samkart::ArgumentError);
}

TEST_CASE("flow: Dirichlet draws and bootstrap are seeded and thread independent") {
    Eigen::MatrixXd C(3, 3);
    C << 50, 20, 30, 10, 40, 50, 0, 0, 0;
    const auto a = samkart::dirichlet_draws(C, 400, 7, 1.0, {2}, 1);
    const auto b = samkart::dirichlet_draws(C, 400, 7, 1.0, {2}, 2);
    CHECK(a.data == b.data);
    Eigen::MatrixXd mean = Eigen::MatrixXd::Zero(3, 3);
    for (Eigen::Index d = 0; d < a.reps; ++d) mean += a[d];
    mean /= 400.0;
    CHECK(mean(0, 0) == doctest::Approx(51.0 / 103).epsilon(0.02));
    CHECK(mean(2, 2) == 1.0);
    CHECK(a[3].row(1).sum() == doctest::Approx(1.0));

    std::vector<std::int64_t> ids, times;
    std::vector<std::int32_t> states;
    for (std::int64_t p = 0; p < 200; ++p)
        for (std::int64_t t = 0; t < 4; ++t) {
            ids.push_back(p);
            times.push_back(t);
            states.push_back(t == 3 && p % 2 == 0 ? 2 : static_cast<std::int32_t>((p + t) % 2));
        }
    const samkart::Panel panel{ids, times, states};
    const auto model = samkart::estimate(panel, {"school", "neet", "work"}, {"work"});
    const auto b1 = samkart::bootstrap(model, panel, 50, 3, 1);
    const auto b2 = samkart::bootstrap(model, panel, 50, 3, 2);
    CHECK(b1.matrices.data == b2.matrices.data);
    CHECK(b1.expected_steps.data == b2.expected_steps.data);
    const auto [lo, hi] = b1.expected_steps.interval(0.95);
    const auto t = model.expected_steps();
    CHECK(lo(0, 0) <= t(0));
    CHECK(t(0) <= hi(0, 0));
}

TEST_CASE("flow: blocks of replicates numbered from `first` concatenate to one call") {
    // Replicate r draws from the stream (seed, r): draws 0..9 of one call are draws 0..3 of a
    // call from 0 followed by draws 0..5 of a call from 4 (how an executor splits them).
    Eigen::MatrixXd C(2, 2);
    C << 5, 1, 2, 8;
    const auto whole = samkart::dirichlet_draws(C, 10, 11, 1.0, {}, 1);
    const auto head = samkart::dirichlet_draws(C, 4, 11, 1.0, {}, 2, 0);
    const auto tail = samkart::dirichlet_draws(C, 6, 11, 1.0, {}, 1, 4);
    std::vector<double> joined = head.data;
    joined.insert(joined.end(), tail.data.begin(), tail.data.end());
    CHECK(joined == whole.data);

    std::vector<std::int64_t> ids, times;
    std::vector<std::int32_t> states;
    for (std::int64_t p = 0; p < 60; ++p)
        for (std::int64_t t = 0; t < 3; ++t) {
            ids.push_back(p);
            times.push_back(t);
            states.push_back(static_cast<std::int32_t>((p * 7 + t) % 3 == 0 ? 1 : 0));
        }
    const samkart::Panel panel{ids, times, states};
    const auto model = samkart::estimate(panel, {"school", "neet"}, {});
    const auto all = samkart::bootstrap(model, panel, 9, 5, 1);
    const auto a = samkart::bootstrap(model, panel, 5, 5, 1, 0);
    const auto b = samkart::bootstrap(model, panel, 4, 5, 2, 5);
    std::vector<double> matrices = a.matrices.data;
    matrices.insert(matrices.end(), b.matrices.data.begin(), b.matrices.data.end());
    CHECK(matrices == all.matrices.data);
    CHECK(a.rows_filled + b.rows_filled == all.rows_filled);
}
