// Role map, age coverage, level shares and the area comparison on mapping_fixture.hpp.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "mapping_fixture.hpp"
#include "samkart/analysis/age_coverage.hpp"
#include "samkart/analysis/compare_areas.hpp"
#include "samkart/analysis/level_shares.hpp"
#include "samkart/analysis/role_map.hpp"

using namespace samkart;
using Names = std::vector<std::string>;

TEST_CASE("role map of the whole landscape lists each provider's measures by level") {
    const Landscape land = mapping_fixture();
    const RoleMap r = role_map(land);
    CHECK(r.actors.ids == Names{"school", "nav", "ot", "club"});
    CHECK(r.levels.ids == Names{"universal", "early", "targeted", "intensive"});
    const auto names = r.names(land);
    REQUIRE(names.size() == 16);
    // school: L1 Open school, L2 Job club (joint with nav).
    CHECK(names[0] == Names{"Open school"});
    CHECK(names[1] == Names{"Job club"});
    CHECK(names[2].empty());
    // nav: L2 Job club, L4 Youth team; ot: L3 Follow-up, L4 Youth team; club: L1 Football.
    CHECK(names[4 + 1] == Names{"Job club"});
    CHECK(names[4 + 3] == Names{"Youth team"});
    CHECK(names[8 + 2] == Names{"Follow-up"});
    CHECK(names[8 + 3] == Names{"Youth team"});
    CHECK(names[12 + 0] == Names{"Football"});
    CHECK(r.at(3, Level::UNIVERSAL) == std::vector<Index>{4});
    CHECK(r.ids(land)[0] == Names{"m1"});
}

TEST_CASE("role map of a municipality takes in county-wide measures unless told not to") {
    const Landscape land = mapping_fixture();
    // M1 with inherit: m1 m2 m3 (ot serves C) m4; club serves M2 only.
    const RoleMap r = role_map(land, "M1");
    CHECK(r.actors.ids == Names{"school", "nav", "ot"});
    CHECK(r.names(land)[8 + 2] == Names{"Follow-up"});
    const RoleMap local = role_map(land, "M1", false);
    // Without inherit m3 is the county's only; ot stays, as a provider of m4 in M1.
    CHECK(local.actors.ids == Names{"school", "nav", "ot"});
    CHECK(local.names(land)[8 + 2].empty());
    CHECK(local.names(land)[8 + 3] == Names{"Youth team"});
    CHECK_THROWS_AS((void)role_map(land, "X"), UnknownIdError);
    CHECK(role_map(Landscape("Empty")).actors.size() == 0);
}

TEST_CASE("age coverage counts each level's measures by year of age") {
    const Landscape land = mapping_fixture();
    AgeCoverageOptions o;
    o.ages = {15, 26};
    const auto t = age_coverage(land, o);
    REQUIRE(t.values.rows() == 4);
    REQUIRE(t.values.cols() == 12);
    const Eigen::RowVectorXd l1{{1, 2, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0}};
    const Eigen::RowVectorXd l4{{0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0}};
    CHECK(t.values.row(0) == l1);
    CHECK(t.values.row(3) == l4);
    o.level = Level::INTENSIVE;
    o.value = Value::CAPACITY;
    const auto cap = age_coverage(land, o);
    REQUIRE(cap.values.rows() == 1);
    CHECK(cap.rows.ids == Names{"intensive"});
    CHECK(cap.values(0, 3) == 10);  // age 18: m4's 10 places
    CHECK(cap.values(0, 11) == 0);  // age 26: nothing
    // In M2 (inherit): m1, m3 (county), m4, m5; m2 (M1 only) drops out of level 2.
    o = {};
    o.area = "M2";
    CHECK(age_coverage(land, o).values.row(1).sum() == 0);
    CHECK(age_coverage(land, o).values(2, 16) == 1);
    o.ages = {5, 2};
    CHECK_THROWS_AS((void)age_coverage(land, o), Error);
}

TEST_CASE("level shares are shares of the known capacity") {
    const auto t = level_shares(mapping_fixture());
    CHECK(t.cols.ids == Names{"value", "share", "missing"});
    // Capacity: L1 100 + 50, L2 20, L3 unknown (m3 gives none), L4 10; known 180.
    CHECK(t.values(0, 0) == 150);
    CHECK(t.values(0, 1) == doctest::Approx(150.0 / 180));
    CHECK(std::isnan(t.values(2, 0)));
    CHECK(std::isnan(t.values(2, 1)));
    CHECK(t.values(2, 2) == 1);
    CHECK(t.values(3, 1) == doctest::Approx(10.0 / 180));
    const auto m = level_shares(mapping_fixture(), Value::MEASURES);
    CHECK(m.values(0, 1) == doctest::Approx(0.4));
    CHECK(m.values.col(1).sum() == doctest::Approx(1.0));
}

TEST_CASE("compare_areas: coverage per 1,000 of the population beside indicators") {
    const auto t = compare_areas(mapping_fixture(), AreaKind::MUNICIPALITY, {"neet_share", "absent"});
    CHECK(t.rows.ids == Names{"M1", "M2"});
    CHECK(t.cols.ids == Names{"universal", "early", "targeted", "intensive", "total", "population",
                              "universal_per_1000", "early_per_1000", "targeted_per_1000",
                              "intensive_per_1000", "total_per_1000", "neet_share", "absent"});
    // M1: m1 | m2 | - | m4, total 3, population 1000. M2: m1 m5 | - | - | m4, total 3, 5000.
    const Eigen::RowVectorXd m1{{1, 1, 0, 1, 3, 1000, 1, 1, 0, 1, 3}};
    const Eigen::RowVectorXd m2{{2, 0, 0, 1, 3, 5000, 0.4, 0, 0, 0.2, 0.6}};
    CHECK(t.values.row(0).head(11).isApprox(m1));
    CHECK(t.values.row(1).head(11).isApprox(m2));
    CHECK(t.values(0, 11) == 0.07);  // latest year (2020) wins
    CHECK(t.values(1, 11) == 0.10);  // no year, the only one
    CHECK(std::isnan(t.values(0, 12)));
    CompareOptions o;
    o.population_ages = {16, 25};
    o.inherit = true;
    const auto young = compare_areas(mapping_fixture(), AreaKind::MUNICIPALITY, {}, o);
    CHECK(young.values(1, 5) == 2000);
    CHECK(young.values(1, 2) == 1);  // m3 of the county, inherited
    const auto counties = compare_areas(mapping_fixture(), AreaKind::COUNTY);
    CHECK(counties.rows.ids == Names{"C"});
    CHECK(std::isnan(counties.values(0, 5)));  // no population given
    CHECK(std::isnan(counties.values(0, 6)));
}
