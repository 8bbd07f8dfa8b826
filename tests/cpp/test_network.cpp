#include <doctest/doctest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "samkart/analysis/network.hpp"

using namespace samkart;

namespace {

/// Actors named by single letters, in order; links as (source, target, kind).
Landscape graph(const std::string& actors,
                const std::vector<std::tuple<char, char, LinkKind>>& links,
                const std::string& sectors = "") {
    Landscape land("test");
    land.add_area({.id = "c", .name = "County", .kind = AreaKind::COUNTY});
    land.add_area({.id = "m1", .name = "One", .kind = AreaKind::MUNICIPALITY, .parent = "c"});
    land.add_area({.id = "m2", .name = "Two", .kind = AreaKind::MUNICIPALITY, .parent = "c"});
    for (std::size_t i = 0; i < actors.size(); ++i) {
        const std::string id(1, actors[i]);
        land.add_actor({.id = id, .name = id,
                        .sector = sectors.empty() ? "school" : std::string(1, sectors[i]),
                        .areas = {i % 2 == 0 ? "m1" : "m2"}});
    }
    for (const auto& [s, t, kind] : links)
        land.add_link({.source = std::string(1, s), .target = std::string(1, t), .kind = kind});
    return land;
}

constexpr auto A = LinkKind::AGREEMENT;
constexpr auto R = LinkKind::REFERRAL;

std::vector<double> to_vector(const std::vector<std::uint32_t>& v) { return {v.begin(), v.end()}; }

}  // namespace

TEST_CASE("network: a path with an isolated actor, worked by hand") {
    const auto land = graph("abcde", {{'a', 'b', A}, {'b', 'c', A}, {'c', 'd', A}});
    const Network net(land);
    CHECK_FALSE(net.directed());
    CHECK(net.num_nodes() == 5);
    CHECK(net.edges().size() == 3);
    CHECK(net.density() == doctest::Approx(0.3));
    CHECK(net.degree().total == std::vector<double>{1, 2, 2, 1, 0});
    const auto bc = net.betweenness();  // b lies on (a,c), (a,d): 2 of 6 pairs of the others
    CHECK(bc[0] == 0.0);
    CHECK(bc[1] == doctest::Approx(1.0 / 3));
    CHECK(bc[2] == doctest::Approx(1.0 / 3));
    CHECK(net.betweenness(false)[1] == doctest::Approx(2.0));
    const auto cl = net.closeness();  // a: 3 reached at distance 6, times 3/4
    CHECK(cl[0] == doctest::Approx(0.5 * 0.75));
    CHECK(cl[4] == 0.0);
    CHECK(net.articulation_points() == std::vector<std::uint32_t>{1, 2});
    CHECK(net.bridges().size() == 3);
    CHECK(net.k_core() == std::vector<std::uint32_t>{1, 1, 1, 1, 0});
    const auto c = net.components();
    CHECK(c.weak == std::vector<std::uint32_t>{0, 0, 0, 0, 1});
    CHECK(c.weak_count == 2);
    const auto pr = net.pagerank();
    double sum = 0;
    for (auto p : pr) sum += p;
    CHECK(sum == doctest::Approx(1.0));
    CHECK(pr[1] > pr[0]);
}

TEST_CASE("network: a referral makes the network directed; symmetric links become two arcs") {
    const auto land = graph("abcd", {{'a', 'b', R}, {'b', 'c', R}, {'c', 'd', A}});
    const Network net(land);
    CHECK(net.directed());
    CHECK(net.edges().size() == 4);  // a→b, b→c, c→d, d→c
    const auto d = net.degree();
    CHECK(d.in == std::vector<double>{0, 1, 2, 1});
    CHECK(d.out == std::vector<double>{1, 1, 1, 1});
    CHECK(net.density() == doctest::Approx(4.0 / 12));
    const auto c = net.components();
    CHECK(c.weak_count == 1);
    CHECK(c.strong_count == 3);
    CHECK(c.strong[2] == 0);  // {c, d} is the largest strong component
    CHECK(c.strong[3] == 0);
    // b lies on a→c and a→d; c on a→d and b→d: 2 of (n−1)(n−2) = 6 ordered pairs each.
    const auto bc = net.betweenness();
    CHECK(bc[1] == doctest::Approx(2.0 / 6));
    CHECK(bc[2] == doctest::Approx(2.0 / 6));
    CHECK(bc[3] == 0.0);
}

TEST_CASE("network: parallel links merge into one edge listing kinds, weighted by count or intensity") {
    Landscape land = graph("ab", {{'a', 'b', A}, {'b', 'a', LinkKind::NETWORK}});
    land.add_link({.source = "a", .target = "b", .kind = LinkKind::CO_LOCATION, .formal = true,
                   .intensity = Intensity::INTEGRATION});
    const Network net(land);
    REQUIRE(net.edges().size() == 1);
    const auto& e = net.edges()[0];
    CHECK(e.links == 3);
    CHECK(e.weight == 3.0);
    CHECK(e.formal);
    CHECK(e.kinds == ((1U << int(A)) | (1U << int(LinkKind::NETWORK)) | (1U << int(LinkKind::CO_LOCATION))));
    CHECK(net.degree(true).total == std::vector<double>{3, 3});
    const Network by_intensity(land, {.weight = EdgeWeight::INTENSITY});
    CHECK(by_intensity.edges()[0].weight == 1.0 + 1.0 + 4.0);
    const Network formal(land, {.formal_only = true});
    CHECK(formal.edges()[0].links == 1);
    const Network kinds(land, {.kinds = std::vector{LinkKind::NETWORK, R}});
    CHECK(kinds.edges()[0].links == 1);
    CHECK_FALSE(kinds.directed());  // no referral is kept
    const Network none(land, {.kinds = std::vector<LinkKind>{}});
    CHECK(none.edges().empty());
    CHECK(none.num_nodes() == 2);
}

TEST_CASE("network: an area keeps the actors serving it or an area below it") {
    const auto land = graph("abcd", {{'a', 'b', A}, {'a', 'c', A}, {'b', 'd', A}});
    const Network m1(land, {.area = "m1"});  // a and c serve m1
    CHECK(m1.actors().size() == 2);
    CHECK(m1.edges().size() == 1);
    CHECK(Network(land, {.area = "c"}).num_nodes() == 4);
    CHECK_THROWS_AS(Network(land, {.area = "nowhere"}), UnknownIdError);
}

TEST_CASE("network: an actor serving the county is in each municipality's network") {
    auto land = graph("abcd", {{'a', 'b', A}, {'a', 'c', A}, {'b', 'd', A}});
    land.add_actor({.id = "k", .name = "County OT", .sector = "school", .areas = {"c"}});
    land.add_link({.source = "k", .target = "a", .kind = A});
    land.add_link({.source = "k", .target = "b", .kind = A});
    const Network m1(land, {.area = "m1"});  // a and c serve m1, k serves the county above it
    CHECK(m1.actors().size() == 3);
    CHECK(m1.edges().size() == 2);  // a–c and k–a; k–b leaves m1
    CHECK(Network(land, {.area = "m2"}).num_nodes() == 3);  // b, d and k
}

TEST_CASE("network: a graph without links gives empty results, not errors") {
    const Network net(graph("abc", {}));
    CHECK(net.edges().empty());
    CHECK(net.density() == 0.0);
    CHECK(net.betweenness() == std::vector<double>{0, 0, 0});
    CHECK(net.closeness() == std::vector<double>{0, 0, 0});
    CHECK(net.pagerank()[0] == doctest::Approx(1.0 / 3));
    CHECK(net.articulation_points().empty());
    CHECK(net.bridges().empty());
    CHECK(net.components().weak_count == 3);
    CHECK(net.communities().count == 3);
    CHECK(std::isnan(net.core_periphery().correlation));
    CHECK(net.brokerage(std::vector<std::int64_t>{0, 0, 1}).liaison == std::vector<double>{0, 0, 0});
    const Network none(Landscape("empty"));
    CHECK(none.num_nodes() == 0);
    CHECK(none.pagerank().empty());
    CHECK(none.k_core().empty());
}

TEST_CASE("network: samples must be between 1 and the number of actors") {
    const Network net(graph("abcd", {{'a', 'b', A}, {'b', 'c', A}, {'c', 'd', A}}));
    CHECK_THROWS_AS((void)net.betweenness(true, 5), samkart::ArgumentError);
    CHECK_THROWS_AS((void)net.betweenness(true, 0), samkart::ArgumentError);
    const auto exact = net.betweenness();
    const auto all = net.betweenness(true, 4, 7);
    for (std::size_t v = 0; v < 4; ++v) CHECK(all[v] == doctest::Approx(exact[v]));
    CHECK_THROWS_AS((void)net.grouping("colour"), samkart::ArgumentError);
}

TEST_CASE("network: Brandes matches Boost.Graph's brandes_betweenness_centrality, on 1 and 2 threads") {
    std::mt19937 rng(42);
    for (int trial = 0; trial < 20; ++trial) {
        const bool directed = trial % 2 == 1;
        std::string names;
        for (int i = 0; i < 26; ++i) names += static_cast<char>('a' + i);
        std::vector<std::tuple<char, char, LinkKind>> links;
        std::bernoulli_distribution edge(0.12);
        for (char s : names)
            for (char t : names)
                if (s < t && edge(rng)) links.emplace_back(s, t, directed && edge(rng) ? R : A);
        const Network net(graph(names, links));
        // Boost counts an undirected pair from both ends; NetworkX (and samkart) once.
        using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
        G g(net.num_nodes());
        for (const auto& e : net.edges()) {
            boost::add_edge(e.source, e.target, g);
            if (!net.directed()) boost::add_edge(e.target, e.source, g);
        }
        std::vector<double> expected(net.num_nodes());
        boost::brandes_betweenness_centrality(
            g, boost::make_iterator_property_map(expected.begin(), boost::get(boost::vertex_index, g)));
        const auto one = net.betweenness(false, {}, 0, 1);
        const auto two = net.betweenness(false, {}, 0, 2);
        const double halve = net.directed() ? 1.0 : 0.5;
        for (std::size_t v = 0; v < net.num_nodes(); ++v) {
            CHECK(one[v] == doctest::Approx(expected[v] * halve));
            CHECK(two[v] == doctest::Approx(one[v]));
        }
        CHECK(net.closeness(true, 2) == net.closeness(true, 1));
    }
}

TEST_CASE("network: threaded betweenness is bit-identical from call to call") {
    // Sources are assigned to workers in a fixed pattern, so the floating-point sums are
    // taken in the same order every time (a shared work queue made them vary in the last bits).
    constexpr std::size_t n = 300;
    std::vector<std::string> id;
    for (std::size_t i = 0; i < n; ++i) id.push_back(std::string("n").append(std::to_string(i)));
    Landscape land("bits");
    land.add_area({.id = "m", .name = "M", .kind = AreaKind::MUNICIPALITY});
    for (const auto& a : id) land.add_actor({.id = a, .name = a, .sector = "school", .areas = {"m"}});
    std::mt19937 rng(7);
    std::bernoulli_distribution edge(0.05);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t t = s + 1; t < n; ++t)
            if (edge(rng)) land.add_link({.source = id[s], .target = id[t], .kind = A});
    const Network net(land);
    const auto first = net.betweenness(true, {}, 0, 2);
    for (int run = 0; run < 5; ++run) CHECK(net.betweenness(true, {}, 0, 2) == first);
    CHECK(net.betweenness(true, 150, 3, 2) == net.betweenness(true, 150, 3, 2));
}

TEST_CASE("network: Gould–Fernandez brokerage of a hand-worked example") {
    // Groups x (d, e, f), y (a, b, c), z (g). Broker a: in {b, d, g}, out {c, e, f}; d → e
    // closes the two-path d → a → e.
    const auto land = graph("abcdefg",
                            {{'b', 'a', R}, {'d', 'a', R}, {'g', 'a', R}, {'a', 'c', R},
                             {'a', 'e', R}, {'a', 'f', R}, {'d', 'e', R}},
                            "yyyxxxz");
    const Network net(land);
    const auto groups = net.grouping("sector");
    const auto b = net.brokerage(groups.codes);
    CHECK(b.coordinator[0] == 1);     // b → a → c
    CHECK(b.representative[0] == 2);  // b → a → e, b → a → f
    CHECK(b.gatekeeper[0] == 2);      // d → a → c, g → a → c
    CHECK(b.itinerant[0] == 1);       // d → a → f
    CHECK(b.liaison[0] == 2);         // g → a → e, g → a → f
    for (std::size_t v = 1; v < 7; ++v)
        CHECK(b.coordinator[v] + b.representative[v] + b.gatekeeper[v] + b.itinerant[v] + b.liaison[v] == 0);
}

TEST_CASE("network: E–I index by hand") {
    // Sectors x x y y: ties a–b (internal), a–c, b–d (external), c–d (internal).
    const auto land = graph("abcd", {{'a', 'b', A}, {'a', 'c', A}, {'b', 'd', A}, {'c', 'd', A}, {'a', 'd', A}},
                            "xxyy");
    const Network net(land);
    const auto ei = net.ei_index(net.grouping("sector").codes);
    CHECK(ei.internal == 2);
    CHECK(ei.external == 3);
    CHECK(ei.index == doctest::Approx(1.0 / 5));
    CHECK(ei.group_index[0] == doctest::Approx((3.0 - 1) / 4));  // x: I = 1, E = 3
    CHECK(ei.node_index[0] == doctest::Approx((2.0 - 1) / 3));   // a: b inside; c, d outside
}

TEST_CASE("network: core–periphery of a clique with pendants is the clique, r = 1") {
    const auto land = graph("abcdefgh", {{'a', 'b', A}, {'a', 'c', A}, {'a', 'd', A}, {'b', 'c', A},
                                         {'b', 'd', A}, {'c', 'd', A}, {'a', 'e', A}, {'b', 'f', A},
                                         {'c', 'g', A}, {'d', 'h', A}});
    const auto cp = Network(land).core_periphery();
    CHECK(cp.correlation == doctest::Approx(1.0));
    CHECK(cp.core == std::vector<bool>{true, true, true, true, false, false, false, false});
}

TEST_CASE("network: two cliques joined by a bridge are two communities, Q = 12/13 − 1/2") {
    std::vector<std::tuple<char, char, LinkKind>> links;
    for (const std::string clique : {"abcd", "efgh"})
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t j = i + 1; j < 4; ++j) links.emplace_back(clique[i], clique[j], A);
    links.emplace_back('d', 'e', A);
    const Network net(graph("abcdefgh", links));
    const auto c = net.communities();
    CHECK(c.count == 2);
    CHECK(to_vector(c.membership) == std::vector<double>{0, 0, 0, 0, 1, 1, 1, 1});
    CHECK(c.modularity == doctest::Approx(12.0 / 13 - 0.5));
    CHECK(net.modularity(c.membership) == doctest::Approx(c.modularity));
    CHECK(net.bridges() == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{3, 4}});
    CHECK(net.k_core() == std::vector<std::uint32_t>(8, 3));
}
