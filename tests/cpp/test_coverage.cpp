// Coverage tables on the hand-worked landscape of mapping_fixture.hpp.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "mapping_fixture.hpp"
#include "samkart/analysis/coverage.hpp"
#include "samkart/datasets.hpp"

using namespace samkart;

namespace {
using Rows = std::vector<std::vector<double>>;

void check_values(const LabelledMatrix& t, const Rows& expected) {
    REQUIRE(t.values.rows() == static_cast<Eigen::Index>(expected.size()));
    for (std::size_t r = 0; r < expected.size(); ++r) {
        REQUIRE(t.values.cols() == static_cast<Eigen::Index>(expected[r].size()));
        for (std::size_t c = 0; c < expected[r].size(); ++c) {
            const double got = t.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
            INFO("row ", t.rows.ids[r], " col ", t.cols.ids[c]);
            if (std::isnan(expected[r][c])) CHECK(std::isnan(got));
            else CHECK(got == doctest::Approx(expected[r][c]));
        }
    }
}
const std::vector<std::string> levels{"universal", "early", "targeted", "intensive"};
const double unknown = std::nan("");
}  // namespace

TEST_CASE("coverage area × level rolls municipalities up into the county") {
    const auto t = coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL);
    CHECK(t.rows.ids == std::vector<std::string>{"C", "M1", "M2"});
    CHECK(t.rows.names == std::vector<std::string>{"Fylke", "Ein", "To"});
    CHECK(t.cols.ids == levels);
    CHECK(t.cols.names[0] == "Universal prevention");
    CHECK(t.missing.size() == 0);
    // C: m1 m5 | m2 | m3 | m4.  M1: m1 | m2 | - | m4.  M2: m1 m5 | - | - | m4.
    check_values(t, {{2, 1, 1, 1}, {1, 1, 0, 1}, {2, 0, 0, 1}});
}

TEST_CASE("coverage with inherit puts a county measure in each municipality") {
    CoverageOptions o;
    o.inherit = true;
    // m3 (ot, serves C) now also belongs to M1 and M2.
    check_values(coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, o),
                 {{2, 1, 1, 1}, {1, 1, 1, 1}, {2, 0, 1, 1}});
}

TEST_CASE("totals count each measure once, not the sum of the rows") {
    CoverageOptions o;
    o.totals = true;
    const auto t = coverage(mapping_fixture(), Dimension::ACTOR, Dimension::LEVEL, o);
    CHECK(t.rows.ids == std::vector<std::string>{"school", "nav", "ot", "club", "total"});
    CHECK(t.cols.ids.back() == "total");
    // school m1 m2; nav m2 m4; ot m3 m4; club m5. m4 (nav + ot) is once in the total.
    check_values(t, {{1, 1, 0, 0, 2}, {0, 1, 0, 1, 2}, {0, 0, 1, 1, 2}, {1, 0, 0, 0, 1}, {2, 1, 1, 1, 5}});
}

TEST_CASE("provider dimensions pair provider by provider") {
    const auto t = coverage(mapping_fixture(), Dimension::ACTOR, Dimension::SECTOR);
    // Recommended sectors in vocabulary order.
    CHECK(t.cols.ids ==
          std::vector<std::string>{"upper_secondary_school", "follow_up_service", "labour_welfare", "ngo"});
    // m2 (nav + school) is under school's own sector only, not under NAV's.
    check_values(t, {{2, 0, 0, 0}, {0, 0, 2, 0}, {0, 2, 0, 0}, {0, 0, 0, 1}});
    const auto owners = coverage(mapping_fixture(), Dimension::OWNER, Dimension::LEVEL);
    CHECK(owners.rows.ids == std::vector<std::string>{"municipal", "county", "state", "private",
                                                      "voluntary", "self_governing"});
    check_values(owners,
                 {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 0, 1}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}});
}

TEST_CASE("targets, keys and tees: a measure counts under each, or under (none)") {
    const auto targets = coverage(mapping_fixture(), Dimension::TARGET, Dimension::LEVEL);
    CHECK(targets.rows.ids == std::vector<std::string>{"all", "dropout_risk", "neet", "(none)"});
    check_values(targets, {{1, 0, 0, 0}, {0, 1, 1, 0}, {0, 1, 0, 1}, {1, 0, 0, 0}});
    const auto keys = coverage(mapping_fixture(), Dimension::KEY, Dimension::LEVEL);
    CHECK(keys.rows.ids == std::vector<std::string>{"collaboration", "participation", "innovation", "(none)"});
    check_values(keys, {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 0, 1}});
    const auto tees = coverage(mapping_fixture(), Dimension::TEE, Dimension::LEVEL);
    CHECK(tees.rows.ids ==
          std::vector<std::string>{"early", "close_follow_up", "tailored", "cross_sector", "(none)"});
    check_values(tees, {{0, 1, 0, 0}, {0, 1, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {2, 0, 0, 1}});
}

TEST_CASE("level × age spans the hull of the measures' ages by default") {
    const auto t = coverage(mapping_fixture(), Dimension::LEVEL, Dimension::AGE);
    REQUIRE(t.cols.size() == 16);  // 10..25
    CHECK(t.cols.ids.front() == "10");
    CHECK(t.cols.ids.back() == "25");
    //          10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25
    check_values(t, {{1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 0, 0, 0, 0, 0, 0},
                     {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0},
                     {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
                     {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}});
}

TEST_CASE("missing numbers are not zeros") {
    CoverageOptions o;
    o.value = Value::CAPACITY;
    o.totals = true;
    auto t = coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, o);
    // C L3: m3 gives no capacity → unknown (NaN), 1 missing; M1 L3: no measure → 0.
    // Totals: C 100 + 20 + 10 + 50 = 180 with m3 missing.
    check_values(t, {{150, 20, unknown, 10, 180}, {100, 20, 0, 10, 130}, {150, 0, 0, 10, 160}, {150, 20, unknown, 10, 180}});
    REQUIRE(t.missing.rows() == 4);
    CHECK(t.missing(0, 2) == 1);
    CHECK(t.missing(0, 4) == 1);
    CHECK(t.missing(1, 2) == 0);
    CHECK(t.missing.sum() == 4);  // C L3, C total, total L3, total total
    o.missing = MissingRule::STRICT;
    t = coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, o);
    CHECK(std::isnan(t.at("C", "total")));
    CHECK(t.at("M1", "total") == 130);
}

TEST_CASE("actors value counts distinct providers of the cell") {
    const auto t = coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, Value::ACTORS);
    // C L1: m1 (school), m5 (club); C L2: m2 (nav, school); L4: m4 (nav, ot).
    check_values(t, {{2, 2, 1, 2}, {1, 2, 0, 2}, {2, 0, 0, 2}});
    const auto owners = coverage(mapping_fixture(), Dimension::OWNER, Dimension::LEVEL, Value::ACTORS);
    // county L2: m2's providers nav (state) and school (county) → school only.
    CHECK(owners.at("county", "early") == 1);
    CHECK(owners.at("state", "intensive") == 1);
    CHECK(owners.at("county", "intensive") == 1);
}

TEST_CASE("participants and cost sum the measures that give them") {
    const auto p = coverage(mapping_fixture(), Dimension::TARGET, Dimension::LEVEL, Value::PARTICIPANTS);
    CHECK(p.at("dropout_risk", "early") == 15);
    CHECK(p.at("dropout_risk", "targeted") == 30);
    CHECK(std::isnan(p.at("all", "universal")));
    const auto c = coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, Value::COST);
    CHECK(c.at("M2", "intensive") == 500000);
}

TEST_CASE("an area filter keeps the measures and rows of that area") {
    CoverageOptions o;
    o.area = "M2";
    const auto t = coverage(mapping_fixture(), Dimension::ACTOR, Dimension::LEVEL, o);
    // Measures in M2: m1, m4, m5. Actors: school, nav, ot (providers of m4), club.
    CHECK(t.rows.ids == std::vector<std::string>{"school", "nav", "ot", "club"});
    check_values(t, {{1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {1, 0, 0, 0}});
    const auto areas = coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, o);
    CHECK(areas.rows.ids == std::vector<std::string>{"M2"});
    o.area = "nowhere";
    CHECK_THROWS_AS((void)coverage(mapping_fixture(), Dimension::AREA, Dimension::LEVEL, o), UnknownIdError);
}

TEST_CASE("names of dimensions and values parse, with the accepted names on error") {
    CHECK(parse_dimension("tee") == Dimension::TEE);
    CHECK(parse_value("cost") == Value::COST);
    CHECK(dimension_name(Dimension::AGE) == "age");
    try {
        (void)parse_dimension("levl");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "unknown dimension 'levl'; expected one of area|actor|sector|owner|level|target|age|key|tee");
    }
    CHECK_THROWS_WITH_AS((void)parse_value("count"),
                         "unknown value 'count'; expected one of measures|capacity|participants|cost|actors", Error);
}

TEST_CASE("an empty landscape gives an empty table with the vocabulary's labels") {
    const Landscape empty("Empty");
    const auto t = coverage(empty, Dimension::AREA, Dimension::LEVEL);
    CHECK(t.rows.size() == 0);
    CHECK(t.cols.ids == levels);
    CHECK(t.values.rows() == 0);
    CHECK(t.values.cols() == 4);
    const auto ages = coverage(empty, Dimension::OWNER, Dimension::AGE);
    CHECK(ages.rows.size() == 6);
    CHECK(ages.cols.size() == 0);
    CoverageOptions o;
    o.totals = true;
    const auto totals = coverage(empty, Dimension::KEY, Dimension::TEE, o);
    check_values(totals, {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}});
}

TEST_CASE("on a synthetic landscape the totals equal the number of measures") {
    const Landscape land = datasets::synthetic(12, 6, 3);
    CoverageOptions o;
    o.totals = true;
    for (Dimension d : {Dimension::ACTOR, Dimension::SECTOR, Dimension::TARGET, Dimension::KEY}) {
        const auto t = coverage(land, d, Dimension::LEVEL, o);
        CHECK(t.values(t.values.rows() - 1, t.values.cols() - 1) == static_cast<double>(land.measures().size()));
        // Each level's total is the number of measures at that level.
        for (std::size_t l = 0; l < 4; ++l) {
            double n = 0;
            for (const auto& m : land.measures()) n += static_cast<std::size_t>(m.level) == l + 1;
            CHECK(t.values(t.values.rows() - 1, static_cast<Eigen::Index>(l)) == n);
        }
    }
}

TEST_CASE("participants never add a subset to its whole, a stock to a flow, or a proposal") {
    // OT 2020–21 (seed 002 §5): 858 followed up, "343 of these" in OT's own measures; 548
    // pupils in dropout prevention, another group; 454 job seekers on one day (NAV, May 2021).
    Landscape land("Fylket", 2021);
    land.add_area({.id = "F", .name = "Fylket", .kind = AreaKind::COUNTY});
    land.add_actor({.id = "ot", .name = "OT", .sector = "follow_up_service", .owner = Owner::COUNTY, .areas = {"F"}});
    land.add_actor({.id = "nav", .name = "NAV", .sector = "labour_welfare", .owner = Owner::STATE, .areas = {"F"}});
    land.add_measure({.id = "follow", .name = "Oppfølging", .level = Level::TARGETED, .providers = {"ot"},
                      .participants = 858.0});
    land.add_measure({.id = "own", .name = "OTs egne tiltak", .level = Level::INTENSIVE, .providers = {"ot"},
                      .participants = 343.0, .participants_of = "follow"});
    land.add_measure({.id = "dropout", .name = "Frafallsforebygging", .level = Level::EARLY, .providers = {"ot"},
                      .participants = 548.0});
    land.add_measure({.id = "jobs", .name = "Arbeidsmarkedstiltak", .level = Level::INTENSIVE, .providers = {"nav"},
                      .participants = 454.0, .participants_kind = CountKind::STOCK});
    land.add_measure({.id = "idea", .name = "Øremerkede læreplasser", .level = Level::EARLY, .providers = {"nav"},
                      .participants = 100.0, .status = MeasureStatus::PROPOSED});
    CoverageOptions o{.value = Value::PARTICIPANTS, .totals = true};
    const auto t = coverage(land, Dimension::LEVEL, Dimension::LEVEL, o);
    CHECK(t.at("early", "early") == 548);        // the proposal is no participant
    CHECK(t.at("targeted", "targeted") == 858);
    CHECK(t.at("intensive", "intensive") == 343);  // the subset alone in its cell: it counts there
    CHECK(t.missing(3, 3) == 1);                 // the stock is not added: it lacks a yearly count
    // In the total the subset is inside its whole, and the stock is left out: 858 + 548.
    CHECK(t.at("total", "total") == 1406);
    const auto by_actor = coverage(land, Dimension::ACTOR, Dimension::LEVEL, o);
    CHECK(by_actor.at("ot", "total") == 1406);
    CHECK(std::isnan(by_actor.at("nav", "total")));  // a stock alone: unknown, not 454
    // Measures: the proposal covers nothing.
    const auto n = coverage(land, Dimension::LEVEL, Dimension::LEVEL, CoverageOptions{.totals = true});
    CHECK(n.at("early", "early") == 1);
    CHECK(n.at("total", "total") == 4);
}
