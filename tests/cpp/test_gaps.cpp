#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "samkart/analysis/gaps.hpp"
#include "samkart/analysis/network.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/datasets.hpp"
#include "samkart/io/json.hpp"

using namespace samkart;
using nlohmann::json;

namespace {

json load(const std::string& name) {
    std::ifstream in(std::string(SAMKART_TEST_DATA) + "/gaps/" + name);
    REQUIRE(in.good());
    return json::parse(in);
}

Landscape build(const json& doc) { return from_json_string(doc.dump()); }

/// The rules every_kind_expected.json was worked out under ("rules": the fields it sets).
GapRules fixture_rules() {
    GapRules rules;
    const auto expected = load("every_kind_expected.json");
    if (expected.contains("rules") && expected["rules"].contains("duplication_levels")) {
        rules.duplication_levels.clear();
        for (int level : expected["rules"]["duplication_levels"]) rules.duplication_levels.push_back(static_cast<Level>(level));
    }
    return rules;
}

/// The landscape with one fix of every_kind_expected.json applied.
json with_fix(json doc, const json& fix) {
    if (fix.contains("add"))
        for (const auto& [collection, records] : fix["add"].items())
            for (const auto& record : records) doc[collection].push_back(record);
    for (auto& measure : doc["measures"]) {
        const auto id = measure["id"].get<std::string>();
        if (fix.contains("set_measures") && fix["set_measures"].contains(id))
            measure.update(fix["set_measures"][id]);
        if (fix.contains("add_keys") && fix["add_keys"].contains(id))
            for (const auto& key : fix["add_keys"][id]) measure["keys"].push_back(key);
    }
    return doc;
}

/// What identifies a gap across runs: kind, area and actors (severity may move when the
/// network around it changes, e.g. a component grows).
using Signature = std::tuple<std::string, std::string, std::vector<std::string>>;
Signature signature(const Gap& g) {
    return {std::string(gap_kind_name(g.kind)), g.area.value_or(""), g.actors};
}
Signature signature(const json& g) {
    return {g["kind"].get<std::string>(), g["area"].is_null() ? "" : g["area"].get<std::string>(),
            g["actors"].get<std::vector<std::string>>()};
}
std::multiset<Signature> signatures(const GapReport& report) {
    std::multiset<Signature> out;
    for (const auto& g : report) out.insert(signature(g));
    return out;
}

}  // namespace

TEST_CASE("gaps: every kind appears exactly where expected, in the expected order") {
    const auto expected = load("every_kind_expected.json");
    const auto report = find_gaps(build(load("every_kind.json")), fixture_rules());
    REQUIRE(report.size() == expected["gaps"].size());
    std::set<GapKind> kinds;
    for (std::size_t i = 0; i < report.size(); ++i) {
        const auto& gap = report[i];
        const auto& want = expected["gaps"][i];
        CAPTURE(i);
        CAPTURE(gap.message("en"));
        CHECK(gap_kind_name(gap.kind) == want["kind"].get<std::string>());
        CHECK(signature(gap) == signature(want));
        CHECK(gap.severity == doctest::Approx(want["severity"].get<double>()).epsilon(1e-6));
        if (want["level"].is_null()) CHECK_FALSE(gap.level);
        else CHECK(static_cast<int>(gap.level.value()) == want["level"].get<int>());
        if (want["ages"].is_null()) CHECK_FALSE(gap.ages);
        else CHECK(gap.ages == AgeRange{want["ages"][0].get<int>(), want["ages"][1].get<int>()});
        kinds.insert(gap.kind);
    }
    // Every kind but not_mapped, which has its own test ("an area not mapped ...").
    CHECK(kinds.size() == gap_kind_count - 1);
    CHECK_FALSE(kinds.contains(GapKind::NOT_MAPPED));
}

TEST_CASE("gaps: adding the missing piece closes that gap and no other") {
    const auto base = load("every_kind.json");
    const auto expected = load("every_kind_expected.json");
    const auto rules = fixture_rules();
    const auto before = signatures(find_gaps(build(base), rules));
    for (const auto kind : all_gap_kinds()) {
        const std::string name(gap_kind_name(kind));
        if (!expected["fixes"].contains(name)) continue;  // not_mapped: mapping more adds gaps
        SUBCASE(name.c_str()) {
            const auto after = find_gaps(build(with_fix(base, expected["fixes"][name])), rules);
            std::multiset<Signature> want;
            for (const auto& s : before)
                if (std::get<0>(s) != name) want.insert(s);
            CHECK(signatures(after) == want);
        }
    }
}

TEST_CASE("gaps: the fields and messages of each kind") {
    const auto report = find_gaps(build(load("every_kind.json")));
    const auto only = [&](GapKind kind) {
        const auto r = report.filter({.kinds = std::vector{kind}});
        REQUIRE(r.size() == 1);
        return r[0];
    };
    SUBCASE("handoff_unlinked names both actors and the volume") {
        const auto g = only(GapKind::HANDOFF_UNLINKED);
        CHECK(g.value == 40);
        CHECK(g.detail == "referral");
        CHECK(g.message("en") ==
              "40 young people a year go from Helsestasjonen Alfa to BUP Fylket, but no agreement or "
              "other link joins them. An agreement that says who coordinates would close this gap.");
        CHECK(g.young_people == 40);
        CHECK(g.records == std::vector<std::string>{"areas:m1", "actors:helse-a", "actors:bup",
                                                    "transitions:helse-a → bup"});
        CHECK(g.illustrative);  // area m1 is illustrative
        CHECK(g.category == GapCategory::SERVICE);
        CHECK(g.message("nb").starts_with("40 unge i året går fra Helsestasjonen Alfa til BUP Fylket"));
        CHECK(g.message("da").starts_with("40 unge om året går fra Helsestasjonen Alfa til BUP Fylket"));
    }
    SUBCASE("capacity_short counts places against the indicator") {
        const auto g = only(GapKind::CAPACITY_SHORT);
        CHECK(g.value == 50);
        CHECK(g.expected == 100);
        CHECK(g.detail == "need_level_4");
        CHECK(g.value_missing == 0);
        CHECK(g.young_people == 50);
        CHECK(g.message("en").find("50 places a year for 100 young people who need level 4 help: "
                                   "50 places are missing") != std::string::npos);
        CHECK(g.message("nb").find("det mangler 50 plasser") != std::string::npos);
        CHECK(g.message("nb").find("need_level_4") == std::string::npos);
    }
    SUBCASE("age_cliff names the ending measure and the first uncovered age") {
        const auto g = only(GapKind::AGE_CLIFF);
        CHECK(g.measures == std::vector<std::string>{"ot-oppfolging"});
        CHECK(g.value == 0);
        CHECK(g.message("en").find("apply up to and including age 21") != std::string::npos);
        CHECK(g.message("nb").find("gjelder til og med 21 år") != std::string::npos);
        CHECK(g.message("nb").find("fra 22 år") != std::string::npos);
    }
    SUBCASE("silo carries the E–I index and its group") {
        const auto g = only(GapKind::SILO);
        CHECK(g.value == -1.0);
        CHECK(g.expected == -0.5);
        CHECK(g.detail == "owner=voluntary");
        CHECK(g.message("nb").find("eier «Frivillig»") != std::string::npos);
    }
    SUBCASE("single_point_of_failure counts the actors cut off") {
        const auto g = only(GapKind::SINGLE_POINT_OF_FAILURE);
        CHECK(g.value == 1);
        CHECK(g.message("en").starts_with("Helsestasjonen Alfa is the only link between 1 actor "));
    }
    SUBCASE("level_imbalance gives the share") {
        const auto g = only(GapKind::LEVEL_IMBALANCE);
        CHECK(g.value.value() == doctest::Approx(1.0 / 7));
        CHECK(g.message("en").find("only 14% of the measures") != std::string::npos);
    }
    SUBCASE("every message exists in the three languages and they differ") {
        for (const auto& g : report) {
            CAPTURE(gap_kind_name(g.kind));
            const auto nb = g.message("nb"), da = g.message("da"), en = g.message("en");
            CHECK(nb.find('{') == std::string::npos);
            CHECK(da.find('{') == std::string::npos);
            CHECK(en.find('{') == std::string::npos);
            CHECK(nb != en);
            CHECK(da != en);
        }
    }
    CHECK_THROWS_AS((void)report[0].message("sv"), ArgumentError);
}

TEST_CASE("gaps: report filter, top, JSON and kind weights") {
    const auto land = build(load("every_kind.json"));
    const auto report = find_gaps(land);
    CHECK(report.top(3).size() == 3);
    CHECK(report.top(3)[0] == report[0]);
    CHECK(report.top(100).size() == report.size());
    CHECK(report.filter({.area = "m3"}).size() == 3);
    CHECK(report.filter({.level = Level::INTENSIVE}).size() == 2);
    CHECK(report.filter({.min_severity = 0.5}).size() == 7);
    const auto doc = json::parse(report.to_json("nb"));
    CHECK(doc["gaps"].size() == report.size());
    CHECK(doc["gaps"][0]["kind"] == "age_uncovered");
    CHECK(doc["gaps"][0]["ages"] == json::array({0, 5}));
    CHECK(doc["gaps"][0]["message"].get<std::string>().starts_with("I Gamma"));
    CHECK_THROWS_AS((void)report.to_json("xx"), ArgumentError);

    GapRules rules;
    rules.kind_weights["silo"] = 0.5;
    rules.kinds = std::vector<std::string>{"silo", "isolated_actor"};
    const auto weighted = find_gaps(land, rules);
    REQUIRE(weighted.size() == 2);
    CHECK(weighted[0].kind == GapKind::SILO);
    CHECK(weighted[0].severity == doctest::Approx(0.5));
}

TEST_CASE("gaps: bad rules are ArgumentErrors naming the rule") {
    const auto land = build(load("every_kind.json"));
    const auto message = [&](const GapRules& rules) {
        try {
            (void)find_gaps(land, rules);
        } catch (const ArgumentError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    GapRules r;
    r.volume_reference = -1;
    CHECK(message(r).starts_with("rules.volume_reference"));
    r = {};
    r.min_level1_share = 1.5;
    CHECK(message(r).starts_with("rules.min_level1_share"));
    r = {};
    r.duplication_min_overlap = -2;
    CHECK(message(r).starts_with("rules.duplication_min_overlap"));
    r = {};
    r.max_referral_hops = -1;
    CHECK(message(r).starts_with("rules.max_referral_hops"));
    r = {};
    r.ages = {10, 5};
    CHECK(message(r).starts_with("rules.ages"));
    r = {};
    r.silo_by = {"colour"};
    CHECK(message(r).find("owner|sector|area") != std::string::npos);
    r = {};
    r.kind_weights["silos"] = 1;
    CHECK(message(r).find("unknown gap kind 'silos'") != std::string::npos);
    r = {};
    r.needs = std::vector{CapacityNeed{Level::INTENSIVE, "neet_count_15_29", 1.0}};
    CHECK(message(r).find("no area has the indicator 'neet_count_15_29'") != std::string::npos);
    CHECK(message(r).find("need_level_4") != std::string::npos);  // lists what there is
    r = {};
    r.capacity_unknown_share = 2;
    CHECK(message(r).starts_with("rules.capacity_unknown_share"));
    r = {};
    r.statutory_bases = {""};
    CHECK(message(r).starts_with("rules.statutory_bases"));
    r = {};
    r.needs = std::vector{CapacityNeed{Level::INTENSIVE, "neet_count_16_25", -1.0}};
    CHECK(message(r).starts_with("rules.needs[4].share"));
}

TEST_CASE("gaps: defaults stay quiet where a landscape lacks what a kind needs") {
    Landscape land("Testland");
    land.add_actor({.id = "a", .name = "A", .sector = "school"});
    land.add_actor({.id = "b", .name = "B", .sector = "school"});
    land.add_link({.source = "a", .target = "b", .kind = LinkKind::NETWORK});
    land.add_measure({.id = "m", .name = "M", .level = Level::UNIVERSAL, .providers = {"a"}});
    const auto report = find_gaps(land);
    // One scope without area: the whole landscape. Ages 0–120 of the measure cover 0–29.
    for (const auto& g : report) CHECK_FALSE(g.area);
    CHECK(report.filter({.kinds = std::vector{GapKind::LEVEL_MISSING}}).size() == 3);
    CHECK(report.filter({.kinds = std::vector{GapKind::AGE_UNCOVERED}}).empty());
    CHECK(report.filter({.kinds = std::vector{GapKind::CAPACITY_SHORT}}).empty());
    // No indicator says how many need level 3 or 4: the places are not judged, and a note says so.
    REQUIRE(report.notes().size() == 2);
    CHECK(report.notes()[0].find("need_level_3") != std::string::npos);
    CHECK(report.notes()[1].find("need_level_4") != std::string::npos);
    // Level 4 first (weight 0.9), then 2 and 3 (0.8 each), in level order.
    CHECK(report[0].message("en") ==
          "Testland has no measure at level 4 (Intensive intervention). A measure at this level, or "
          "an agreement that a neighbouring municipality's measure also covers Testland, would "
          "close this gap.");
    // Both actors are municipal: a group that is the whole network is no silo.
    CHECK(report.filter({.kinds = std::vector{GapKind::SILO}}).empty());

    const auto empty = find_gaps(Landscape("empty"));
    CHECK(empty.filter({.kinds = std::vector{GapKind::LEVEL_MISSING}}).size() == 4);
}

TEST_CASE("gaps: Vestfold og Telemark reads like the seeds") {
    const auto land = datasets::vestfold_telemark();
    const auto report = find_gaps(land);
    const auto root = [&](const std::string& id) {
        return land.actors()[land.actor_root(land.actor_index(id))].id;
    };
    for (const auto& g : report) {
        CAPTURE(g.message("en"));
        if (g.kind == GapKind::HANDOFF_UNLINKED || g.kind == GapKind::HANDOFF_UNCOORDINATED) {
            // Seed 004: the September 2020 agreement covers every OT department and NAV office.
            const auto from = root(g.actors[0]), to = root(g.actors[1]);
            CHECK_FALSE((from == "vtfk-ot" && to == "nav-vt"));
            CHECK_FALSE((from == "nav-vt" && to == "vtfk-ot"));
            // Registration with OT is a statutory duty (opplæringslova § 3-6).
            CHECK(g.actors[0] != "vtfk-inntak");
        }
        // OT ends at 21 and NAV's youth effort, in every municipality, goes on to 30.
        if (g.kind == GapKind::AGE_CLIFF) CHECK(root(g.actors[0]) != "vtfk-ot");
        // No municipality was mapped completely: no absence of a level or an age is claimed.
        CHECK(g.kind != GapKind::LEVEL_MISSING);
        CHECK(g.kind != GapKind::AGE_UNCOVERED);
        // Intensive places are never compared with everyone outside work and education.
        CHECK(g.kind != GapKind::CAPACITY_SHORT);
        // Several low-threshold doors at level 2 are what seed 002 asks for.
        CHECK_FALSE((g.kind == GapKind::DUPLICATION && g.level == Level::EARLY));
    }
    // What is not known is said: 23 municipalities partly mapped, level-4 places unknown.
    CHECK(report.filter({.kinds = std::vector{GapKind::NOT_MAPPED}}).size() == 23);
    const auto unknown = report.filter({.kinds = std::vector{GapKind::CAPACITY_UNKNOWN}, .level = Level::INTENSIVE});
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].value == 18);
    CHECK(unknown[0].expected == 19);
    CHECK(unknown[0].area == "38");
    const auto findings = report.findings();
    REQUIRE_FALSE(findings.empty());
    CHECK(findings[0].category == GapCategory::SERVICE);
    CHECK(findings[0].young_people.has_value());
}

// --- the semantics of issue 13: units, statutory duties, what is mapped, status, findings ----

namespace {

/// A county with two municipalities; OT and NAV each a parent with one unit per municipality.
/// OT's level-3 follow-up ends at 21; NAV's level-3 youth measure starts at 18. OT hands young
/// people over to NAV at the age limit (30 in A, 10 in B).
Landscape units_landscape(bool parent_agreement, int nav_from = 18) {
    Landscape land("Fylke", 2021);
    land.add_area({.id = "F", .name = "Fylket", .kind = AreaKind::COUNTY});
    land.add_area({.id = "A", .name = "Alfa", .kind = AreaKind::MUNICIPALITY, .parent = "F"});
    land.add_area({.id = "B", .name = "Beta", .kind = AreaKind::MUNICIPALITY, .parent = "F"});
    land.add_actor({.id = "ot", .name = "OT Fylket", .sector = "follow_up_service", .owner = Owner::COUNTY,
                    .areas = {"F"}, .ages = AgeRange{16, 21}});
    land.add_actor({.id = "nav", .name = "NAV Fylket", .sector = "labour_welfare", .owner = Owner::STATE,
                    .areas = {"F"}});
    for (const std::string m : {"A", "B"}) {
        land.add_actor({.id = "ot-" + m, .name = "OT " + m, .sector = "follow_up_service",
                        .owner = Owner::COUNTY, .areas = {m}, .ages = AgeRange{16, 21}, .part_of = "ot"});
        land.add_actor({.id = "nav-" + m, .name = "NAV " + m, .sector = "labour_welfare",
                        .owner = Owner::STATE, .areas = {m}, .part_of = "nav"});
        land.add_measure({.id = "ot-folg-" + m, .name = "Oppfølging " + m, .level = Level::TARGETED,
                          .providers = {"ot-" + m}, .ages = AgeRange{16, 21}, .targets = {"neet"}});
        land.add_measure({.id = "nav-ung-" + m, .name = "Ungdomsinnsats " + m, .level = Level::TARGETED,
                          .providers = {"nav-" + m}, .ages = AgeRange{nav_from, 29}, .targets = {"neet"}});
    }
    land.add_transition({.source = "ot-A", .target = "nav-A", .volume = 30, .reason = "age_limit"});
    land.add_transition({.source = "ot-B", .target = "nav-B", .volume = 10, .reason = "age_limit"});
    if (parent_agreement)
        land.add_link({.source = "ot", .target = "nav", .kind = LinkKind::AGREEMENT, .formal = true,
                       .coordinator = "ot", .consent = true});
    return land;
}

std::size_t count(const GapReport& r, GapKind kind) { return r.filter({.kinds = std::vector{kind}}).size(); }

}  // namespace

TEST_CASE("gaps: an agreement of the parents covers every pair of their units") {
    const auto without = find_gaps(units_landscape(false));
    // Without it each unit's hand-over is unlinked (both municipalities were mapped).
    CHECK(count(without, GapKind::HANDOFF_UNLINKED) == 2);
    const auto with = find_gaps(units_landscape(true));
    CHECK(count(with, GapKind::HANDOFF_UNLINKED) == 0);
    CHECK(count(with, GapKind::HANDOFF_UNCOORDINATED) == 0);
    // Linked through the parents, NAV A takes over at 22: no cliff either.
    CHECK(count(with, GapKind::AGE_CLIFF) == 0);
    // The units are part of one organisation each: not isolated although they have no link.
    CHECK(count(with, GapKind::ISOLATED_ACTOR) == 0);
}

TEST_CASE("gaps: a link between two units does not cover their parents' other units") {
    auto land = units_landscape(false);
    land.add_link({.source = "ot-A", .target = "nav-A", .kind = LinkKind::NETWORK});
    const auto r = find_gaps(land);
    const auto unlinked = r.filter({.kinds = std::vector{GapKind::HANDOFF_UNLINKED}});
    REQUIRE(unlinked.size() == 1);
    CHECK(unlinked[0].actors == std::vector<std::string>{"ot-B", "nav-B"});
    const auto uncoordinated = r.filter({.kinds = std::vector{GapKind::HANDOFF_UNCOORDINATED}});
    REQUIRE(uncoordinated.size() == 1);
    CHECK(uncoordinated[0].actors == std::vector<std::string>{"ot-A", "nav-A"});
}

namespace {

/// Denmark (DOMAIN.md, seed 003): FGU and a vocational school work together and 45 young people
/// a year move from one to the other; KUI keeps each under-25's plan. `kui_links` 0: no link of
/// KUI; 1: a shared plan with FGU only; 2: and dropout reporting from the school, both formal
/// and naming KUI coordinator.
Landscape baton_landscape(int kui_links, AgeRange move = AgeRange{16, 24}, bool unit = false) {
    Landscape land("Kommune", 2024);
    land.add_area({.id = "K", .name = "Kommunen", .kind = AreaKind::MUNICIPALITY});
    land.add_actor({.id = "kui", .name = "KUI", .sector = "youth_effort", .owner = Owner::MUNICIPAL,
                    .areas = {"K"}, .ages = AgeRange{13, 24}});
    land.add_actor({.id = "kui-vejledning", .name = "KUI vejledning", .sector = "youth_effort",
                    .owner = Owner::MUNICIPAL, .areas = {"K"}, .ages = AgeRange{13, 24}, .part_of = "kui"});
    land.add_actor({.id = "fgu", .name = "FGU", .sector = "preparatory_education",
                    .owner = Owner::SELF_GOVERNING, .areas = {"K"}});
    land.add_actor({.id = "eud", .name = "EUD", .sector = "upper_secondary_school",
                    .owner = Owner::SELF_GOVERNING, .areas = {"K"}});
    land.add_link({.source = "fgu", .target = "eud", .kind = LinkKind::NETWORK});
    land.add_transition({.source = "fgu", .target = "eud", .volume = 45, .ages = move});
    if (kui_links >= 1)
        land.add_link({.source = "kui", .target = "fgu", .kind = LinkKind::SHARED_PLAN, .formal = true,
                       .coordinator = "kui"});
    if (kui_links >= 2) {
        const std::string holder = unit ? "kui-vejledning" : "kui";
        land.add_link({.source = "eud", .target = holder, .kind = LinkKind::INFORMATION_SHARING,
                       .formal = true, .coordinator = holder});
    }
    return land;
}

}  // namespace

TEST_CASE("gaps: a third that holds the baton with both sides coordinates the hand-over") {
    // Worked by hand: FGU and EUD are linked (network), not coordinated, so the move is
    // handoff_uncoordinated unless KUI holds the baton with both of them.
    CHECK(count(find_gaps(baton_landscape(0)), GapKind::HANDOFF_UNCOORDINATED) == 1);
    // With FGU only, KUI is not between the two.
    CHECK(count(find_gaps(baton_landscape(1)), GapKind::HANDOFF_UNCOORDINATED) == 1);
    // With both: coordinated, no gap.
    CHECK(count(find_gaps(baton_landscape(2)), GapKind::HANDOFF_UNCOORDINATED) == 0);
    // KUI's unit holds it on one side: one organisation holds it on both.
    CHECK(count(find_gaps(baton_landscape(2, AgeRange{16, 24}, true)), GapKind::HANDOFF_UNCOORDINATED) == 0);
    // KUI serves up to 24: a move at 20–27 is not all within its ages, so it is not KUI's.
    CHECK(count(find_gaps(baton_landscape(2, AgeRange{20, 27})), GapKind::HANDOFF_UNCOORDINATED) == 1);
    // A link that does not name KUI coordinator does not give it the baton.
    auto informal = baton_landscape(1);
    informal.add_link({.source = "eud", .target = "kui", .kind = LinkKind::INFORMATION_SHARING, .formal = true});
    CHECK(count(find_gaps(informal), GapKind::HANDOFF_UNCOORDINATED) == 1);
}

TEST_CASE("gaps: findings group the gaps of one cause and rank them by young people") {
    // NAV's measure starts at 23: nobody takes over at 22 from the departments of OT.
    const auto r = find_gaps(units_landscape(false, 23));
    const auto findings = r.findings();
    // The two unlinked OT → NAV hand-overs are one finding: 30 + 10 young people, two areas.
    REQUIRE(findings.size() >= 2);
    // 40 young people each: the cliff (severity 0.8) before the hand-overs.
    CHECK(findings[0].kind == GapKind::AGE_CLIFF);
    const auto& top = findings[1];
    CHECK(top.kind == GapKind::HANDOFF_UNLINKED);
    CHECK(top.cause == "handoff_unlinked:follow_up_service>labour_welfare");
    CHECK(top.young_people == 40);
    CHECK(top.areas == std::vector<std::string>{"A", "B"});
    CHECK(top.gaps.size() == 2);
    for (auto i : top.gaps) CHECK(r[i].kind == GapKind::HANDOFF_UNLINKED);
    CHECK(top.message("en") ==
          "About 40 young people a year go from OT A to NAV A and from OT B to NAV B with no "
          "agreement or other link between the services: 2 routes in Alfa and Beta. An agreement "
          "that says who coordinates would close the gap.");
    CHECK(top.message("nb").starts_with("Om lag 40 unge i året går fra OT A til NAV A og fra OT B til NAV B"));
    CHECK(top.message("da").starts_with("Omkring 40 unge om året går fra OT A til NAV A og fra OT B til NAV B"));
    // With more than three routes the sectors are named.
    Finding many = top;
    for (int k = 0; k < 2; ++k) {
        many.route_sources.push_back("OT C");
        many.route_targets.push_back("NAV C");
    }
    CHECK(many.message("nb").starts_with("Om lag 40 unge i året går fra Oppfølgingstjenesten til NAV"));
    CHECK(many.message("da").starts_with("Omkring 40 unge om året går fra Oppfølgingstjenesten (OT) til NAV"));
    // Every gap is in exactly one finding.
    std::vector<int> seen(r.size(), 0);
    for (const auto& f : findings)
        for (auto i : f.gaps) ++seen[i];
    CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    // OT's two departments end at 21 and the service they hand over to starts at 23: one cliff
    // finding named after the organisation, with both municipalities.
    const auto cliff = std::find_if(findings.begin(), findings.end(),
                                    [](const Finding& f) { return f.kind == GapKind::AGE_CLIFF; });
    REQUIRE(cliff != findings.end());
    CHECK(cliff->cause == "age_cliff:follow_up_service:3:22");
    CHECK(cliff->subject == "OT Fylket");
    CHECK(cliff->areas.size() == 2);
    CHECK(cliff->young_people == 40);
    CHECK(cliff->message("nb").starts_with("Tiltakene på nivå 3 hos OT Fylket gjelder til og med 21 år"));
}

TEST_CASE("gaps: a hand-over with a statutory duty to coordinate is coordinated") {
    Landscape land("Fylke");
    land.add_area({.id = "A", .name = "Alfa"});
    land.add_actor({.id = "inntak", .name = "Inntakskontoret", .sector = "administration",
                    .owner = Owner::COUNTY, .areas = {"A"}});
    land.add_actor({.id = "ot", .name = "OT", .sector = "follow_up_service", .owner = Owner::COUNTY,
                    .areas = {"A"}});
    land.add_transition({.source = "inntak", .target = "ot", .volume = 2358, .reason = "registration"});
    land.add_link({.source = "inntak", .target = "ot", .kind = LinkKind::REFERRAL,
                   .legal_basis = "opplæringslova § 3-6"});
    const auto kinds = std::vector<std::string>{"handoff_unlinked", "handoff_uncoordinated"};
    GapRules rules;
    rules.kinds = kinds;
    CHECK(find_gaps(land, rules).empty());
    rules.statutory_bases = {"opplæringslova § 3-6"};
    CHECK(find_gaps(land, rules).empty());
    rules.statutory_bases = {"barnevernsloven"};
    CHECK(find_gaps(land, rules).size() == 1);
    rules.statutory_bases = {};
    rules.statutory_coordination = false;
    const auto r = find_gaps(land, rules);
    REQUIRE(r.size() == 1);
    CHECK(r[0].kind == GapKind::HANDOFF_UNCOORDINATED);
    CHECK(r[0].young_people == 2358);
    CHECK(r[0].message("nb").starts_with("2\u202f358 unge i året går fra Inntakskontoret til OT."));
    CHECK(r[0].message("en").starts_with("2,358 young people a year"));
}

TEST_CASE("gaps: an area not mapped raises data gaps and no service gaps") {
    Landscape land("Fylke");
    land.add_area({.id = "F", .name = "Fylket", .kind = AreaKind::COUNTY});
    land.add_area({.id = "A", .name = "Alfa", .parent = "F"});
    land.add_area({.id = "H", .name = "Horten", .parent = "F", .mapping = MappingStatus::PARTIAL,
                   .mapped = {"county", "labour_welfare"}});
    land.add_area({.id = "N", .name = "Nullby", .parent = "F", .mapping = MappingStatus::NONE});
    land.add_actor({.id = "ot", .name = "OT", .sector = "follow_up_service", .owner = Owner::COUNTY,
                    .areas = {"F"}, .ages = AgeRange{16, 21}});
    land.add_measure({.id = "m", .name = "Oppfølging", .level = Level::TARGETED, .providers = {"ot"},
                      .targets = {"neet"}});
    const auto r = find_gaps(land);
    for (const auto& g : r) {
        CAPTURE(g.message("en"));
        if (g.area == "N") {
            CHECK(g.kind == GapKind::NOT_MAPPED);
            CHECK(g.category == GapCategory::DATA);
        }
        // Horten: no absence of levels or ages is claimed; OT (county) was mapped there, so
        // whether someone OT works with takes over at 22 is known.
        if (g.area == "H") CHECK((g.kind == GapKind::NOT_MAPPED || g.kind == GapKind::AGE_CLIFF));
    }
    CHECK(r.filter({.kinds = std::vector{GapKind::AGE_CLIFF}, .area = "H"}).size() == 1);
    CHECK(r.filter({.kinds = std::vector{GapKind::AGE_CLIFF}, .area = "N"}).empty());
    // Alfa was mapped: its missing levels are service gaps.
    CHECK(r.filter({.kinds = std::vector{GapKind::LEVEL_MISSING}, .area = "A"}).size() == 3);
    const auto data = r.filter({.category = GapCategory::DATA});
    REQUIRE(data.filter({.kinds = std::vector{GapKind::NOT_MAPPED}}).size() == 2);
    const auto horten = data.filter({.area = "H"})[0];
    CHECK(horten.detail == "partial:county,labour_welfare");
    CHECK(horten.message("nb").starts_with("I Horten er bare fylkeskommunale tjenester og NAV kartlagt."));
    CHECK(horten.message("en").starts_with("In Horten only county services and labour and welfare "
                                           "service (NAV) were mapped."));
    CHECK(data.filter({.area = "N"})[0].message("nb").starts_with("Tjenestene i Nullby er ikke kartlagt."));
    const auto findings = r.findings();
    const auto mapped = std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
        return f.category == GapCategory::DATA && f.kind == GapKind::NOT_MAPPED;
    });
    CHECK(mapped == 2);  // partial and none are different causes
}

TEST_CASE("gaps: a proposed or ended measure covers nothing") {
    Landscape land("Testland");
    land.add_actor({.id = "a", .name = "A", .sector = "labour_welfare"});
    land.add_measure({.id = "m1", .name = "M1", .level = Level::UNIVERSAL, .providers = {"a"}});
    land.add_measure({.id = "p", .name = "Øremerkede læreplasser", .level = Level::EARLY,
                      .providers = {"a"}, .status = MeasureStatus::PROPOSED});
    land.add_measure({.id = "e", .name = "Overgangsprosjekt", .level = Level::TARGETED,
                      .providers = {"a"}, .status = MeasureStatus::ENDED, .since = "2019-01-01",
                      .until = "2022-12-31"});
    land.add_measure({.id = "t", .name = "Forsøk", .level = Level::INTENSIVE, .providers = {"a"},
                      .status = MeasureStatus::PILOT});
    GapRules rules;
    rules.kinds = std::vector<std::string>{"level_missing"};
    const auto r = find_gaps(land, rules);
    REQUIRE(r.size() == 2);
    CHECK(r[0].level == Level::EARLY);     // weights 0.8 and 0.8: level order
    CHECK(r[1].level == Level::TARGETED);
}

TEST_CASE("gaps: duplication once per pair, in the smallest area, never across municipalities") {
    Landscape land("Fylke");
    land.add_area({.id = "F", .name = "Fylket", .kind = AreaKind::COUNTY});
    for (const std::string m : {"A", "B", "C"}) land.add_area({.id = m, .name = "Kommune " + m, .parent = "F"});
    auto actor = [&](const std::string& id, std::vector<std::string> areas) {
        land.add_actor({.id = id, .name = id, .sector = "mental_health", .areas = std::move(areas)});
    };
    auto measure = [&](const std::string& id, const std::string& provider, Level level) {
        land.add_measure({.id = id, .name = id, .level = level, .providers = {provider},
                          .ages = AgeRange{16, 25}, .targets = {"mental_health"}});
    };
    actor("pa", {"A"});
    actor("pb", {"B"});
    actor("pab", {"A", "B"});
    actor("pf", {"F"});
    measure("ma", "pa", Level::TARGETED);
    measure("mb", "pb", Level::TARGETED);  // other municipality than ma: never a duplicate of it
    measure("mab", "pab", Level::TARGETED);
    measure("mf", "pf", Level::TARGETED);
    measure("low-a", "pa", Level::EARLY);  // level 2: several doors are wanted
    measure("low-ab", "pab", Level::EARLY);
    GapRules rules;
    rules.kinds = std::vector<std::string>{"duplication"};
    const auto r = find_gaps(land, rules);
    std::set<std::pair<std::vector<std::string>, std::string>> got;
    for (const auto& g : r) got.insert({g.measures, g.area.value_or("")});
    const std::set<std::pair<std::vector<std::string>, std::string>> want{
        {{"ma", "mab"}, "A"}, {{"ma", "mf"}, "A"}, {{"mb", "mab"}, "B"}, {{"mb", "mf"}, "B"},
        {{"mab", "mf"}, "F"},  // both cover A and B: once, in the county
    };
    CHECK(got == want);
    rules.duplication_levels = {Level::EARLY};
    const auto low = find_gaps(land, rules);
    REQUIRE(low.size() == 1);
    CHECK(low[0].measures == std::vector<std::string>{"low-a", "low-ab"});
}

TEST_CASE("network: collapse_units makes organisations the nodes") {
    const auto land = units_landscape(true);
    const Network units(land);
    CHECK(units.num_nodes() == 6);
    CHECK(units.edges().size() == 1);
    const Network orgs(land, NetworkOptions{.collapse_units = true});
    REQUIRE(orgs.num_nodes() == 2);
    CHECK(land.actors()[orgs.actors()[0]].id == "ot");
    CHECK(land.actors()[orgs.actors()[1]].id == "nav");
    CHECK(orgs.edges().size() == 1);
    // With an area, an organisation is kept when one of its units serves it.
    const Network in_a(land, NetworkOptions{.area = "A", .collapse_units = true});
    CHECK(in_a.num_nodes() == 2);
}

TEST_CASE("gaps: an actor serving no area is judged the same whatever the order of the areas") {
    // Found by the order-invariance property test: an actor without areas was "mapped" when the
    // first municipality happened to be mapped completely.
    const auto build = [](bool partial_first) {
        samkart::LandscapeRecords r;
        r.name = "order";
        r.areas.push_back({.id = "0", .name = "Land", .kind = samkart::AreaKind::COUNTRY});
        samkart::Area partial{.id = "00", .name = "A", .kind = samkart::AreaKind::MUNICIPALITY,
                              .parent = "0", .mapping = samkart::MappingStatus::PARTIAL,
                              .mapped = {"primary_school"}};
        samkart::Area complete{.id = "1", .name = "B", .kind = samkart::AreaKind::MUNICIPALITY,
                               .parent = "0"};
        if (partial_first) {
            r.areas.push_back(partial);
            r.areas.push_back(complete);
        } else {
            r.areas.push_back(complete);
            r.areas.push_back(partial);
        }
        r.actors.push_back({.id = "a", .name = "A", .owner = samkart::Owner::MUNICIPAL});
        return samkart::Landscape::from_records(r);
    };
    for (const bool partial_first : {true, false}) {
        const auto report = samkart::find_gaps(build(partial_first));
        for (const auto& gap : report.gaps())
            CHECK(gap.kind != samkart::GapKind::ISOLATED_ACTOR);  // not everything was mapped
    }
}
