/// @file test_concurrency.cpp
/// Thread safety (issue 7): analyses take `const Landscape&` and a built Network is immutable,
/// so several threads may query one landscape or one network at the same time, each query may
/// use worker threads of its own, and every result must equal the serial one. scripts/test.sh
/// runs these cases (names "concurrency: ...") under ThreadSanitizer as well, which reports any
/// data race even when the results happen to come out right (docs/fuzzing.md).

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <fstream>
#include <latch>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "samkart/samkart.hpp"

using namespace samkart;

namespace {

/// Callers that run the same query at once.
constexpr int callers = 4;

/// Run `query()` on `callers` threads released together, and return their results in caller
/// order. An exception in a caller is rethrown here, on the test's thread.
template <class Query>
auto from_threads(Query query) {
    using Result = decltype(query());
    std::vector<std::optional<Result>> results(callers);
    std::vector<std::exception_ptr> errors(callers);
    std::latch start(callers);
    std::vector<std::thread> pool;
    for (int c = 0; c < callers; ++c)
        pool.emplace_back([&, c] {
            start.arrive_and_wait();
            try {
                results[static_cast<std::size_t>(c)] = query();
            } catch (...) {
                errors[static_cast<std::size_t>(c)] = std::current_exception();
            }
        });
    for (auto& t : pool) t.join();
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    std::vector<Result> out;
    for (auto& r : results) out.push_back(std::move(*r));
    return out;
}

/// Equal values, NaN equal to NaN (coverage cells without data are NaN).
bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        const double x = a.data()[i], y = b.data()[i];
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
    }
    return true;
}

bool same(const std::vector<double>& a, const std::vector<double>& b) {
    return same(
        Eigen::Map<const Eigen::MatrixXd>(a.data(), static_cast<Eigen::Index>(a.size()), 1),
        Eigen::Map<const Eigen::MatrixXd>(b.data(), static_cast<Eigen::Index>(b.size()), 1));
}

/// Equal within rounding: worker threads sum partial results in an order that may change.
bool close(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > 1e-12 * std::max(1.0, std::abs(a[i]))) return false;
    return true;
}

/// Every query of a Network, some with worker threads of their own.
struct NetworkResults {
    std::vector<double> betweenness, betweenness_threads, betweenness_sampled, closeness,
        closeness_threads, pagerank, degree;
    Components components;
    Communities communities;
    std::vector<std::uint32_t> articulation, k_core;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges;
    CorePeriphery core_periphery;
    EIIndex ei;
    Brokerage brokerage;
};

NetworkResults query_all(const Network& net) {
    NetworkResults r;
    r.betweenness = net.betweenness(true, std::nullopt, 0, 1);
    r.betweenness_threads = net.betweenness(true, std::nullopt, 0, 3);
    r.betweenness_sampled = net.betweenness(true, std::size_t{10}, 7, 2);
    r.closeness = net.closeness(true, 1);
    r.closeness_threads = net.closeness(true, 2);
    r.pagerank = net.pagerank();
    r.degree = net.degree(true).total;
    r.components = net.components();
    r.communities = net.communities(1.0, 5, 2);
    r.articulation = net.articulation_points();
    r.k_core = net.k_core();
    r.bridges = net.bridges();
    r.core_periphery = net.core_periphery();
    const auto groups = net.grouping("owner");
    r.ei = net.ei_index(groups.codes);
    r.brokerage = net.brokerage(groups.codes);
    return r;
}

void check_same(const NetworkResults& got, const NetworkResults& want) {
    CHECK(got.betweenness == want.betweenness);
    CHECK(close(got.betweenness_threads, want.betweenness));
    CHECK(close(got.betweenness_sampled, want.betweenness_sampled));
    CHECK(got.closeness == want.closeness);
    CHECK(close(got.closeness_threads, want.closeness));
    CHECK(got.pagerank == want.pagerank);
    CHECK(got.degree == want.degree);
    CHECK(got.components.weak == want.components.weak);
    CHECK(got.components.strong == want.components.strong);
    CHECK(got.communities.membership == want.communities.membership);
    CHECK(got.communities.modularity == want.communities.modularity);
    CHECK(got.articulation == want.articulation);
    CHECK(got.k_core == want.k_core);
    CHECK(got.bridges == want.bridges);
    CHECK(got.core_periphery.core == want.core_periphery.core);
    CHECK(got.ei.node_index.size() == want.ei.node_index.size());
    CHECK(
        (got.ei.index == want.ei.index || (std::isnan(got.ei.index) && std::isnan(want.ei.index))));
    CHECK(got.brokerage.liaison == want.brokerage.liaison);
    CHECK(got.brokerage.gatekeeper == want.brokerage.gatekeeper);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// school, neet transient; work absorbing (as in test_flow.cpp).
FlowModel three_state() {
    Eigen::MatrixXd P(3, 3);
    P << 0.5, 0.2, 0.3,  //
        0.2, 0.4, 0.4,   //
        0.0, 0.0, 1.0;
    return FlowModel({"school", "neet", "work"}, P);
}

}  // namespace

TEST_CASE("concurrency: one Network queried from several threads gives the serial results") {
    const Landscape land = datasets::synthetic(6, 5, 3);
    const Network net(land);
    REQUIRE(net.num_nodes() >= 30);
    REQUIRE(!net.edges().empty());
    const NetworkResults serial = query_all(net);
    // The threaded and sampled betweenness really differ from nothing: guard against zeros.
    CHECK(*std::max_element(serial.betweenness.begin(), serial.betweenness.end()) > 0);
    for (const auto& got : from_threads([&net] { return query_all(net); })) check_same(got, serial);
}

TEST_CASE("concurrency: networks built at once from one Landscape equal the serial one") {
    const Landscape land = datasets::vestfold_telemark();
    NetworkOptions referrals;
    referrals.kinds = std::vector<LinkKind>{LinkKind::REFERRAL, LinkKind::AGREEMENT};
    const NetworkResults serial = query_all(Network(land));
    const NetworkResults serial_referrals = query_all(Network(land, referrals));
    const auto results = from_threads([&land, &referrals] {
        return std::pair{query_all(Network(land)), query_all(Network(land, referrals))};
    });
    for (const auto& [all, some] : results) {
        check_same(all, serial);
        check_same(some, serial_referrals);
    }
}

TEST_CASE(
    "concurrency: mapping analyses, gaps and JSON of one const Landscape from several threads") {
    const Landscape land = datasets::vestfold_telemark();
    struct Mapping {
        std::string gaps, json;
        std::vector<Eigen::MatrixXd> tables;
        std::vector<std::vector<std::string>> roles;
        std::size_t warnings = 0;
    };
    auto run = [&land] {
        Mapping m;
        m.gaps = find_gaps(land).to_json();
        m.json = to_json_string(land);
        m.tables.push_back(
            coverage(land, Dimension::AREA, Dimension::LEVEL, Value::CAPACITY).values);
        m.tables.push_back(coverage(land, Dimension::SECTOR, Dimension::AGE).values);
        CoverageOptions inherit;
        inherit.inherit = true;
        inherit.totals = true;
        m.tables.push_back(coverage(land, Dimension::ACTOR, Dimension::TARGET, inherit).values);
        m.tables.push_back(age_coverage(land).values);
        m.tables.push_back(level_shares(land).values);
        m.tables.push_back(compare_areas(land).values);
        m.roles = role_map(land).ids(land);
        m.warnings = land.validate().size();
        return m;
    };
    const Mapping serial = run();
    REQUIRE(serial.gaps.size() > 2);
    for (const auto& got : from_threads(run)) {
        CHECK(got.gaps == serial.gaps);
        CHECK(got.json == serial.json);
        REQUIRE(got.tables.size() == serial.tables.size());
        for (std::size_t t = 0; t < got.tables.size(); ++t)
            CHECK(same(got.tables[t], serial.tables[t]));
        CHECK(got.roles == serial.roles);
        CHECK(got.warnings == serial.warnings);
    }
}

TEST_CASE("concurrency: JSON read from several threads at once gives the same landscape") {
    const std::string path = SAMKART_EXAMPLE_DATA "/vestfold_telemark.json";
    const std::string text = read_text(path);
    const Landscape serial = from_json_string(text);
    for (const auto& [from_text, from_file, embedded] : from_threads([&] {
             return std::tuple{from_json_string(text), read_json(path),
                               datasets::vestfold_telemark()};
         })) {
        CHECK(from_text == serial);
        CHECK(from_file == serial);
        CHECK(embedded == serial);
    }
    // Invalid input from several threads: each caller gets its own complete error.
    const auto messages = from_threads([] {
        try {
            (void)from_json_string(R"({"samkart": 1, "name": "x", "actors": [{"id": ""}]})");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    });
    for (const auto& m : messages) {
        CHECK(m == messages.front());
        CHECK(m != "no error");
    }
}

TEST_CASE("concurrency: flow simulation, bootstrap and draws from several threads, each threaded") {
    const FlowModel model = three_state();
    const SimulationStart start{Eigen::Vector3d(0.7, 0.3, 0.0), false};
    std::vector<std::int64_t> ids, times;
    std::vector<std::int32_t> states;
    for (std::int64_t p = 0; p < 120; ++p)
        for (std::int64_t t = 0; t < 4; ++t) {
            ids.push_back(p);
            times.push_back(t);
            states.push_back(t == 3 && p % 2 == 0 ? 2 : static_cast<std::int32_t>((p + t) % 2));
        }
    const Panel panel{ids, times, states};
    const FlowModel estimated = estimate(panel, {"school", "neet", "work"}, {"work"});
    Eigen::MatrixXd counts(3, 3);
    counts << 50, 20, 30, 10, 40, 50, 0, 0, 0;

    struct Flow {
        Simulation simulation;
        Bootstrap bootstrap;
        MatrixStack draws, projected;
        Eigen::MatrixXd absorption;
    };
    auto run = [&] {
        Flow f;
        f.simulation = simulate(model, 1500, 6, start, 42, 3);
        f.bootstrap = bootstrap(estimated, panel, 24, 3, 2);
        f.draws = dirichlet_draws(counts, 60, 7, 1.0, {2}, 2);
        f.projected = project_draws(f.draws, Eigen::Vector3d(100, 0, 0), 4, 2);
        f.absorption = model.absorption_probabilities();
        return f;
    };
    const Flow serial = run();
    // The seeded procedures do not depend on the thread count, so one worker gives the same.
    CHECK(simulate(model, 1500, 6, start, 42, 1).trajectories == serial.simulation.trajectories);
    for (const auto& got : from_threads(run)) {
        CHECK(got.simulation.trajectories == serial.simulation.trajectories);
        CHECK(got.simulation.occupancy == serial.simulation.occupancy);
        CHECK(same(got.bootstrap.matrices.data, serial.bootstrap.matrices.data));
        CHECK(same(got.bootstrap.expected_steps.data, serial.bootstrap.expected_steps.data));
        CHECK(same(got.bootstrap.absorption_probabilities.data,
                   serial.bootstrap.absorption_probabilities.data));
        CHECK(got.draws.data == serial.draws.data);
        CHECK(got.projected.data == serial.projected.data);
        CHECK(got.absorption == serial.absorption);
    }
}
