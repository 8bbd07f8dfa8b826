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

// --- the fields of issue 13: part_of, mapping, measure status and dates, counts and subsets ---

namespace {

/// The problem messages of building `r`, or {} when it builds.
std::vector<Problem> problems_of(const LandscapeRecords& r) {
    try {
        (void)Landscape::from_records(r);
    } catch (const ValidationError& e) {
        return e.problems();
    }
    return {};
}

bool has(const std::vector<Problem>& ps, std::string_view collection, std::string_view id,
         std::string_view field, std::string_view text) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) {
        return p.collection == collection && p.id == id && p.field == field &&
               p.message.find(text) != std::string::npos;
    });
}

}  // namespace

TEST_CASE("part_of must name another known actor and never lead round in a circle") {
    auto land = skien();
    land.add_actor({.id = "ot-vt", .name = "OT Vestfold og Telemark", .sector = "follow_up_service",
                    .owner = Owner::COUNTY, .areas = {"38"}});
    land.add_actor({.id = "ot-porsgrunn", .name = "OT Porsgrunn", .sector = "follow_up_service",
                    .owner = Owner::COUNTY, .part_of = "ot-vt"});
    CHECK(land.actor_parent(land.actor_index("ot-porsgrunn")) == land.actor_index("ot-vt"));
    CHECK(land.actor_root(land.actor_index("ot-porsgrunn")) == land.actor_index("ot-vt"));
    CHECK(land.actor_parent(land.actor_index("ot-vt")) == npos);
    try {
        land.add_actor({.id = "x", .name = "X", .part_of = "ot-vtt"});
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "actors", "part_of", "unknown actor id 'ot-vtt'"));
        CHECK(mentions(e, "actors", "part_of", "did you mean 'ot-vt'?"));
    }
    try {
        land.add_actor({.id = "y", .name = "Y", .part_of = "y"});
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "actors", "part_of", "names itself"));
    }
    CHECK_FALSE(land.find_actor("y"));

    LandscapeRecords r;
    r.name = "Cycle";
    r.actors = {{.id = "a", .name = "A", .part_of = "b"},
                {.id = "b", .name = "B", .part_of = "c"},
                {.id = "c", .name = "C", .part_of = "a"}};
    const auto ps = problems_of(r);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].field == "part_of");
    CHECK(ps[0].message.find("a → b → c → a") != std::string::npos);
}

TEST_CASE("mapped is for partly mapped areas and names sectors or owners") {
    LandscapeRecords r;
    r.name = "Mapping";
    r.areas = {{.id = "h", .name = "Horten", .mapping = MappingStatus::PARTIAL, .mapped = {"county", "labour_welfare"}},
               {.id = "c", .name = "Complete", .mapped = {"county"}},
               {.id = "w", .name = "Wrong", .mapping = MappingStatus::PARTIAL, .mapped = {"nav", "state", "state"}},
               {.id = "b", .name = "Bad", .mapping = static_cast<MappingStatus>(7)}};
    const auto ps = problems_of(r);
    CHECK_FALSE(has(ps, "areas", "h", "mapped", ""));
    CHECK(has(ps, "areas", "c", "mapped", "set mapping to 'partial'"));
    CHECK(has(ps, "areas", "w", "mapped", "'nav' is neither a recommended sector nor an owner"));
    CHECK(has(ps, "areas", "w", "mapped", "'state' is listed twice"));
    CHECK(has(ps, "areas", "b", "mapping", "expected one of complete|partial|none"));
    CHECK(ps.size() == 4);

    // Partly mapped with nothing named: a warning, not an error.
    Landscape land("x");
    land.add_area({.id = "p", .name = "P", .mapping = MappingStatus::PARTIAL});
    const auto warnings = land.validate();
    CHECK(std::any_of(warnings.begin(), warnings.end(), [](const Problem& p) {
        return p.severity == Severity::WARNING && p.field == "mapped";
    }));
}

TEST_CASE("measure dates are ISO dates in order, and status is a known status") {
    auto land = skien();
    land.add_measure({.id = "grenland", .name = "Overgangsprosjektet i Grenland", .level = Level::TARGETED,
                      .providers = {"ot-skien"}, .status = MeasureStatus::ENDED,
                      .since = "2019-08-01", .until = "2022-12-31"});
    CHECK_FALSE(land.measure_in_place(land.measure_index("grenland")));
    CHECK(land.measure_in_place(land.measure_index("m1")));
    try {
        land.add_measure({.id = "d", .name = "D", .level = Level::EARLY, .providers = {"ot-skien"},
                          .status = static_cast<MeasureStatus>(9), .since = "2022-13-01",
                          .until = "2021-01-01"});
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "measures", "since", "'2022-13-01' is not a date; write it as YYYY-MM-DD"));
        CHECK(mentions(e, "measures", "status", "expected one of active|pilot|proposed|ended"));
    }
    try {
        land.add_measure({.id = "e", .name = "E", .level = Level::EARLY, .providers = {"ot-skien"},
                          .since = "2022-01-01", .until = "2021-01-01"});
        FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "measures", "until", "the measure ends (2021-01-01) before it starts (2022-01-01)"));
    }
}

TEST_CASE("participants_of: a known measure, no cycle, never larger than its whole, same kind") {
    auto land = skien();
    // OT 2020–21 (seed 002 §5.3): 858 followed up, "343 of these" in OT's own measures.
    land.add_measure({.id = "ot-follow", .name = "Oppfølging og veiledning", .level = Level::TARGETED,
                      .providers = {"ot-skien"}, .participants = 858.0});
    land.add_measure({.id = "ot-own", .name = "OTs egne tiltak", .level = Level::TARGETED,
                      .providers = {"ot-skien"}, .participants = 343.0, .participants_of = "ot-follow"});
    CHECK(land.measure_whole(land.measure_index("ot-own")) == land.measure_index("ot-follow"));
    CHECK(land.measure_whole(land.measure_index("ot-follow")) == npos);
    auto fails = [&](Measure m, std::string_view field, std::string_view text) {
        try {
            land.add_measure(std::move(m));
        } catch (const ValidationError& e) {
            CAPTURE(e.what());
            return mentions(e, "measures", field, text);
        }
        return false;
    };
    CHECK(fails({.id = "a", .name = "A", .providers = {"ot-skien"}, .participants = 900.0,
                 .participants_of = "ot-follow"},
                "participants", "more than its 858"));
    CHECK(fails({.id = "b", .name = "B", .providers = {"ot-skien"}, .participants = 454.0,
                 .participants_kind = CountKind::STOCK, .participants_of = "ot-follow"},
                "participants_kind", "cannot be a subset of 'ot-follow'"));
    CHECK(fails({.id = "c", .name = "C", .providers = {"ot-skien"}, .participants = 4.0,
                 .participants_of = "ot-folow"},
                "participants_of", "did you mean 'ot-follow'?"));
    CHECK(fails({.id = "d", .name = "D", .providers = {"ot-skien"}, .participants = 4.0,
                 .participants_of = "d"},
                "participants_of", "names itself"));
    CHECK(fails({.id = "e", .name = "E", .providers = {"ot-skien"}, .participants_of = "ot-follow"},
                "participants_of", "gives no participants"));

    LandscapeRecords r;
    r.name = "Cycle";
    r.actors = {{.id = "p", .name = "P"}};
    r.measures = {{.id = "x", .name = "X", .providers = {"p"}, .participants = 5.0, .participants_of = "y"},
                  {.id = "y", .name = "Y", .providers = {"p"}, .participants = 5.0, .participants_of = "x"}};
    const auto ps = problems_of(r);
    CHECK(has(ps, "measures", "x", "participants_of", "form a cycle x → y → x"));
}

TEST_CASE("an indicator subset_of names an indicator of its area and year, and is not larger") {
    auto land = skien();
    land.add_indicator({.area = "38", .key = "ot_registered", .value = 2939, .year = 2021,
                        .count = CountKind::FLOW});
    land.add_indicator({.area = "38", .key = "ot_followed_up", .value = 858, .year = 2021,
                        .count = CountKind::FLOW, .subset_of = "ot_registered"});
    auto fails = [&](Indicator i, std::string_view field, std::string_view text) {
        try {
            land.add_indicator(std::move(i));
        } catch (const ValidationError& e) {
            CAPTURE(e.what());
            return mentions(e, "indicators", field, text);
        }
        return false;
    };
    CHECK(fails({.area = "38", .key = "a", .value = 3000, .year = 2021, .count = CountKind::FLOW,
                 .subset_of = "ot_registered"},
                "value", "larger than it"));
    CHECK(fails({.area = "3807", .key = "b", .value = 10, .year = 2021, .count = CountKind::FLOW,
                 .subset_of = "ot_registered"},
                "subset_of", "area '3807' has no indicator 'ot_registered' in 2021"));
    CHECK(fails({.area = "38", .key = "c", .value = 10, .year = 2020, .count = CountKind::FLOW,
                 .subset_of = "ot_registered"},
                "subset_of", "in 2020"));
    CHECK(fails({.area = "38", .key = "d", .value = 454, .year = 2021, .count = CountKind::STOCK,
                 .subset_of = "ot_registered"},
                "count", "a stock is never a subset of a flow"));
    // Without a count kind the kinds are not compared, the values are.
    CHECK(fails({.area = "38", .key = "e", .value = 4000, .year = 2021, .subset_of = "ot_registered"},
                "value", "larger than it"));
    CHECK(fails({.area = "38", .key = "f", .value = 4, .year = 2021, .count = CountKind::FLOW,
                 .subset_of = "f"},
                "subset_of", "names its own key"));
    CHECK(land.indicators().size() == 2);
}

TEST_CASE("an indicator's comparator: a part is compared with its whole only where both can be") {
    // 002 §5: "more than 2,100" under 30 on disability benefit has no top, so a part of 2,200
    // is possible; a part given as "under 3,000" may be smaller than a whole of 2,939.
    auto land = skien();
    land.add_indicator({.area = "38", .key = "disabled", .value = 2100,
                        .comparator = Comparator::MORE_THAN, .count = CountKind::STOCK});
    land.add_indicator({.area = "38", .key = "disabled_men", .value = 2200,
                        .count = CountKind::STOCK, .subset_of = "disabled"});
    land.add_indicator({.area = "38", .key = "ot_registered", .value = 2939, .year = 2021,
                        .count = CountKind::FLOW});
    land.add_indicator({.area = "38", .key = "ot_some", .value = 3000, .comparator = Comparator::LESS_THAN,
                        .year = 2021, .count = CountKind::FLOW, .subset_of = "ot_registered"});
    CHECK(land.indicators().size() == 4);
    // A whole given as at most its value, a part as at least more: an error, as without bounds.
    land.add_indicator({.area = "38", .key = "capped", .value = 100, .comparator = Comparator::AT_MOST});
    CHECK_THROWS_AS(land.add_indicator({.area = "38", .key = "over", .value = 150,
                                        .comparator = Comparator::AT_LEAST, .subset_of = "capped"}),
                    ValidationError);
    CHECK(land.indicators().size() == 5);
    // Out of its vocabulary, the comparator is named.
    try {
        land.add_indicator({.area = "38", .key = "bad", .value = 1, .comparator = static_cast<Comparator>(9)});
        FAIL("no error");
    } catch (const ValidationError& e) {
        CHECK(mentions(e, "indicators", "comparator", "expected one of more_than|at_least|less_than|at_most"));
    }
}
