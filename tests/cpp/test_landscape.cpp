#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "samkart/core/landscape.hpp"

using namespace samkart;

namespace {

bool mentions(const ValidationError& e, std::string_view collection, std::string_view field,
              std::string_view text) {
    return std::any_of(e.problems().begin(), e.problems().end(), [&](const Problem& p) {
        return p.collection == collection && p.field == field &&
               p.message.find(text) != std::string::npos;
    });
}

Landscape skien() {
    Landscape land("Skien", 2021, "NOK");
    land.add_area({.id = "38", .name = "Vestfold og Telemark", .kind = AreaKind::COUNTY});
    land.add_area({.id = "3807", .name = "Skien", .kind = AreaKind::MUNICIPALITY, .parent = "38"});
    land.add_actor({.id = "ot-skien", .name = "Oppfølgingstjenesten Skien", .sector = "follow_up_service",
                    .owner = Owner::COUNTY, .areas = {"3807"}, .ages = AgeRange{16, 21}});
    land.add_actor({.id = "nav-skien", .name = "NAV Skien", .sector = "labour_welfare",
                    .owner = Owner::STATE, .areas = {"3807"}, .ages = AgeRange{16, 29}});
    land.add_measure({.id = "m1", .name = "Samtalegruppe", .level = Level::EARLY,
                      .providers = {"nav-skien"}, .ages = AgeRange{16, 29}, .capacity = 40.0,
                      .keys = {Key::PARTICIPATION}, .tees = {Tee::CLOSE_FOLLOW_UP}});
    land.add_link({.source = "ot-skien", .target = "nav-skien", .kind = LinkKind::AGREEMENT,
                   .formal = true, .coordinator = "ot-skien", .consent = true});
    return land;
}

}  // namespace

TEST_CASE("a landscape built record by record resolves ids to dense indices") {
    const Landscape land = skien();
    CHECK(land.areas().size() == 2);
    CHECK(land.actor_index("nav-skien") == 1);
    CHECK(land.area_parent(1) == 0);
    CHECK(land.area_children(0).size() == 1);
    CHECK(land.area_subtree(0) == std::vector<Index>{0, 1});
    CHECK(land.measure_providers(0)[0] == 1);
    // A measure with no areas of its own covers its providers' areas.
    REQUIRE(land.measure_areas(0).size() == 1);
    CHECK(land.measure_areas(0)[0] == 1);
    CHECK(land.link_ends(0).coordinator == 0);
    CHECK(land.validate().empty());
}

TEST_CASE("measure ages default to the hull of the providers' ages") {
    Landscape land = skien();
    land.add_measure({.id = "m2", .name = "Felles", .level = Level::TARGETED,
                      .providers = {"ot-skien", "nav-skien"}});
    CHECK(land.measure_ages(1) == AgeRange{16, 29});
}

TEST_CASE("add_* rejects a bad record whole and leaves the landscape unchanged") {
    Landscape land = skien();
    const Landscape before = land;
    Measure bad{.id = "m1", .name = "", .level = static_cast<Level>(5), .providers = {"nav-skein"},
                .ages = AgeRange{30, 20}, .capacity = -3.0};
    try {
        land.add_measure(bad);
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "measures", "id", "duplicate"));
        CHECK(mentions(e, "measures", "name", "empty"));
        CHECK(mentions(e, "measures", "level", "1 (universal) to 4 (intensive)"));
        CHECK(mentions(e, "measures", "providers", "unknown actor id 'nav-skein'"));
        CHECK(mentions(e, "measures", "providers", "did you mean 'nav-skien'"));
        CHECK(mentions(e, "measures", "ages", "backwards"));
        CHECK(mentions(e, "measures", "capacity", "negative"));
        CHECK(e.problems().size() == 6);
        CHECK(std::string(e.what()).find("measures[1] 'm1', field 'capacity'") != std::string::npos);
    }
    CHECK(land == before);
    CHECK(land.measures().size() == 1);
}

TEST_CASE("links must join two different known actors") {
    Landscape land = skien();
    CHECK_THROWS_AS(land.add_link({.source = "ot-skien", .target = "ot-skien"}), ValidationError);
    try {
        land.add_link({.source = "ot-skien", .target = "nav-skien", .coordinator = "bup",
                       .trust = 7.0, .since = "2020-13-01"});
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "links", "coordinator", "unknown actor id 'bup'"));
        CHECK(mentions(e, "links", "trust", "0–4"));
        CHECK(mentions(e, "links", "since", "YYYY-MM-DD"));
    }
    CHECK(land.links().size() == 1);
}

TEST_CASE("from_records accepts forward references and reports every problem at once") {
    LandscapeRecords r;
    r.name = "Test";
    r.areas = {{.id = "3807", .name = "Skien", .parent = "38"},
               {.id = "38", .name = "VT", .kind = AreaKind::COUNTY}};
    r.actors = {{.id = "a", .name = "A", .areas = {"3807"}}, {.id = "b", .name = "B"}};
    r.links = {{.source = "a", .target = "b"}};
    const Landscape ok = Landscape::from_records(r);
    CHECK(ok.area_parent(0) == 1);
    CHECK(ok.records() == r);

    r.actors.push_back({.id = "a", .name = "Again"});
    r.links.push_back({.source = "a", .target = "zz"});
    r.transitions.push_back({.source = "b", .target = "b", .volume = -1.0});
    r.indicators.push_back({.area = "99", .key = "neet_count_16_25", .value = 4200});
    try {
        (void)Landscape::from_records(r);
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "actors", "id", "duplicate"));
        CHECK(mentions(e, "links", "target", "unknown actor id 'zz'"));
        CHECK(mentions(e, "transitions", "target", "itself"));
        CHECK(mentions(e, "transitions", "volume", "negative"));
        CHECK(mentions(e, "indicators", "area", "unknown area id '99'"));
        CHECK(e.problems().size() == 5);
    }
}

TEST_CASE("a cycle in area parents is reported once with its chain") {
    LandscapeRecords r;
    r.name = "Cycle";
    r.areas = {{.id = "a", .name = "A", .parent = "b"},
               {.id = "b", .name = "B", .parent = "c"},
               {.id = "c", .name = "C", .parent = "a"},
               {.id = "d", .name = "D", .parent = "a"}};
    try {
        (void)Landscape::from_records(r);
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].field == "parent");
        CHECK(e.problems()[0].message.find("a → b → c → a") != std::string::npos);
    }
}

TEST_CASE("an area cannot be its own parent") {
    Landscape land("x");
    CHECK_THROWS_AS(land.add_area({.id = "a", .name = "A", .parent = "a"}), ValidationError);
}

TEST_CASE("look-ups of unknown ids throw UnknownIdError naming the id") {
    const Landscape land = skien();
    CHECK_THROWS_AS((void)land.actor("nobody"), UnknownIdError);
    try {
        (void)land.area("0000");
    } catch (const UnknownIdError& e) {
        CHECK(e.id() == "0000");
        CHECK(e.collection() == "area");
        CHECK(std::string(e.what()).find("'0000'") != std::string::npos);
    }
    CHECK_FALSE(land.find_measure("m9").has_value());
}

TEST_CASE("validate() reports soft problems as warnings") {
    Landscape land = skien();
    land.add_actor({.id = "x", .name = "X", .sector = "astrology"});
    land.add_link({.source = "nav-skien", .target = "ot-skien", .kind = LinkKind::AGREEMENT,
                   .coordinator = "x"});
    const auto problems = land.validate();
    auto has = [&](std::string_view field, std::string_view text) {
        return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) {
            return p.severity == Severity::WARNING && p.field == field &&
                   p.message.find(text) != std::string::npos;
        });
    };
    CHECK(has("sector", "'astrology' is not a recommended sector"));
    CHECK(has("areas", "serves no area"));
    CHECK(has("coordinator", "neither of the two linked actors"));
    // The agreement is symmetric: nav→ot repeats ot→nav.
    CHECK(has("kind", "more than once"));
    CHECK(problems.size() == 4);
}

TEST_CASE("landscape header is checked") {
    CHECK_THROWS_AS(Landscape("x", 1066), ValidationError);
    CHECK_THROWS_AS(Landscape("x", 2021, ""), ValidationError);
}
