// Scenarios, compare and prioritize on the hand-built landscape of tests/python/test_scenario.py,
// whose four gaps and best changes are worked out by hand there (from docs/gaps.md):
//
//   v(n) = log1p(n) / log1p(500)
//   handoff_unlinked      cw → nav, 300 a year, no link:            v(300)      = 0.918043
//   level_missing         Alfa, level 2:                            0.8
//   handoff_uncoordinated ot → nav, 40 a year, formal referral, no coordinator:
//                                                                   0.6 v(40)   = 0.358418
//   isolated_actor        youth, no measure:                        0.25
//
// Candidates (yearly costs): agreement cw → nav with coordinator, 200 000, closes v(300)
// (4.59e-6 per krone); a level-2 measure, 500 000, closes 0.8 (1.6e-6); the youth club linked
// to school and health station, 2 × 5 000, closes 0.25 (2.5e-5); a capacity, 1 000, closes
// nothing (no indicator). Greedy order: club, agreement, level2; then it stops.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "samkart/analysis/scenario.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/datasets.hpp"

using namespace samkart;

namespace {

const double V300 = std::log1p(300.0) / std::log1p(500.0);
const double V40 = std::log1p(40.0) / std::log1p(500.0);
const double TOTAL = V300 + 0.8 + 0.6 * V40 + 0.25;

Actor actor(std::string id, std::string sector, Owner owner, std::string area,
            std::optional<AgeRange> ages = {}) {
    Actor a;
    a.id = std::move(id);
    a.name = "Actor " + a.id;
    a.sector = std::move(sector);
    a.owner = owner;
    a.areas = {std::move(area)};
    a.ages = ages;
    return a;
}

Measure measure(std::string id, Level level, std::vector<std::string> providers, AgeRange ages,
                std::vector<Key> keys = {}) {
    Measure m;
    m.id = std::move(id);
    m.name = "Measure " + m.id;
    m.level = level;
    m.providers = std::move(providers);
    m.ages = ages;
    m.keys = std::move(keys);
    return m;
}

Link link(std::string s, std::string t, LinkKind kind, bool formal = false,
          std::optional<std::string> coordinator = {}) {
    Link l;
    l.source = std::move(s);
    l.target = std::move(t);
    l.kind = kind;
    l.formal = formal;
    l.coordinator = std::move(coordinator);
    return l;
}

Landscape build() {
    Landscape land("Alfa", 2024);
    land.add_area({.id = "40", .name = "Fylke", .kind = AreaKind::COUNTY});
    land.add_area({.id = "3801", .name = "Alfa", .kind = AreaKind::MUNICIPALITY, .parent = "40"});
    land.add_actor(actor("school", "upper_secondary_school", Owner::COUNTY, "40", AgeRange{16, 19}));
    land.add_actor(actor("ot", "follow_up_service", Owner::COUNTY, "40", AgeRange{16, 21}));
    land.add_actor(actor("nav", "labour_welfare", Owner::STATE, "3801", AgeRange{16, 29}));
    land.add_actor(actor("health", "health", Owner::MUNICIPAL, "3801"));
    land.add_actor(actor("cw", "child_welfare", Owner::MUNICIPAL, "3801"));
    land.add_actor(actor("youth", "leisure", Owner::VOLUNTARY, "3801"));
    auto school = measure("m-school", Level::UNIVERSAL, {"school"}, {16, 19});
    school.targets = {"all"};
    land.add_measure(school);
    auto health = measure("m-health", Level::UNIVERSAL, {"health"}, {0, 29});
    health.targets = {"all"};
    land.add_measure(health);
    land.add_measure(measure("m-ot", Level::TARGETED, {"ot"}, {16, 21}, {Key::PARTICIPATION}));
    land.add_measure(measure("m-nav", Level::INTENSIVE, {"nav"}, {16, 29}, {Key::PARTICIPATION}));
    land.add_link(link("school", "ot", LinkKind::REFERRAL));
    land.add_link(link("ot", "nav", LinkKind::REFERRAL, true));
    land.add_link(link("nav", "health", LinkKind::NETWORK));
    land.add_link(link("health", "cw", LinkKind::INFORMATION_SHARING));
    land.add_link(link("cw", "school", LinkKind::INFORMATION_SHARING));
    land.add_transition({.source = "ot", .target = "nav", .volume = 40, .reason = "age_limit"});
    land.add_transition({.source = "cw", .target = "nav", .volume = 300, .reason = "aftercare"});
    return land;
}

Candidate agreement() {
    return {"agreement", {{AddRecord{link("cw", "nav", LinkKind::AGREEMENT, true, "cw")}, 200'000, ""}}};
}
Candidate level2() {
    return {"level2",
            {{AddRecord{measure("m-l2", Level::EARLY, {"ot"}, {16, 21}, {Key::PARTICIPATION})}, 500'000, ""}}};
}
Candidate club() {
    return {"club",
            {{AddRecord{link("youth", "school", LinkKind::NETWORK)}, 5'000, ""},
             {AddRecord{link("youth", "health", LinkKind::NETWORK)}, 5'000, ""}}};
}
Candidate capacity() { return {"capacity", {{SetCapacity{"m-nav", 40.0}, 1'000, ""}}}; }

struct Key4 {
    std::string kind, area;
    int level;
    std::vector<std::string> actors;
    friend bool operator==(const Key4&, const Key4&) = default;
};
std::vector<Key4> keys(const std::vector<Gap>& gaps) {
    std::vector<Key4> out;
    for (const auto& g : gaps)
        out.push_back({std::string(gap_kind_name(g.kind)), g.area.value_or(""),
                       g.level ? static_cast<int>(*g.level) : 0, g.actors});
    return out;
}

double dbl(std::size_t i) { return static_cast<double>(i); }

bool same(const ScenarioComparison& a, const ScenarioComparison& b) {
    return a.closed == b.closed && a.opened == b.opened && a.changed == b.changed &&
           a.severity_before == b.severity_before && a.severity_after == b.severity_after &&
           a.gaps_before == b.gaps_before && a.gaps_after == b.gaps_after;
}

/// Every field of two results, exactly (the fast path must not change a bit).
void check_same(const Prioritization& fast, const Prioritization& slow) {
    REQUIRE(fast.steps.size() == slow.steps.size());
    for (std::size_t i = 0; i < fast.steps.size(); ++i) {
        const auto& a = fast.steps[i];
        const auto& b = slow.steps[i];
        CHECK(a.label == b.label);
        CHECK(a.candidate == b.candidate);
        CHECK(a.severity_reduced == b.severity_reduced);
        CHECK(a.ratio == b.ratio);
        CHECK(a.runner_up == b.runner_up);
        CHECK(a.runner_up_ratio == b.runner_up_ratio);
        CHECK(a.runner_up_severity_reduced == b.runner_up_severity_reduced);
        CHECK(a.candidates == b.candidates);
        CHECK(same(a.comparison, b.comparison));
    }
    CHECK(fast.landscape == slow.landscape);
    CHECK(fast.severity_before == slow.severity_before);
    CHECK(fast.severity_after == slow.severity_after);
    CHECK(fast.notes == slow.notes);
}

}  // namespace

TEST_CASE("scenario: the hand-built landscape has the hand-worked gaps") {
    const auto report = find_gaps(build());
    CHECK(keys(report.gaps()) == std::vector<Key4>{{"handoff_unlinked", "3801", 0, {"cw", "nav"}},
                                                   {"level_missing", "3801", 2, {}},
                                                   {"handoff_uncoordinated", "3801", 0, {"ot", "nav"}},
                                                   {"isolated_actor", "", 0, {"youth"}}});
    CHECK(report[0].severity == doctest::Approx(0.918043).epsilon(1e-6));
    CHECK(report[2].severity == doctest::Approx(0.358418).epsilon(1e-6));
}

TEST_CASE("scenario: each add_* change adds its record, the original is unchanged") {
    const auto land = build();
    Scenario s(land);
    s.add_area({.id = "3802", .name = "Beta", .parent = "40"})
        .add_actor(actor("nav-b", "labour_welfare", Owner::STATE, "3802"))
        .add_measure(measure("m-b", Level::EARLY, {"nav-b"}, {16, 29}))
        .add_link(link("nav-b", "nav", LinkKind::NETWORK))
        .add_transition({.source = "nav", .target = "nav-b", .volume = 5})
        .add_indicator({.area = "3802", .key = "neet_count_16_25", .value = 12});
    const auto after = s.apply();
    CHECK(after.areas().size() == 3);
    CHECK(after.area("3802").parent == "40");
    CHECK(after.actor("nav-b").areas == std::vector<std::string>{"3802"});
    CHECK(after.measure("m-b").level == Level::EARLY);
    CHECK(after.links().back().source == "nav-b");
    CHECK(after.transitions().back().volume == 5);
    CHECK(after.indicators().back().value == 12);
    CHECK(land == build());
    std::vector<std::string> kinds;
    for (const auto& c : s.changes()) kinds.emplace_back(c.kind());
    CHECK(kinds == std::vector<std::string>{"add_area", "add_actor", "add_measure", "add_link",
                                            "add_transition", "add_indicator"});
    CHECK(s.changes()[3].name() == "add link nav-b → nav (network)");
}

TEST_CASE("scenario: remove_link, set_link, set_capacity, add_key and set_status") {
    const auto land = build();
    Scenario s(land);
    s.set_link("ot", "nav", LinkKind::REFERRAL, {{"coordinator", std::string("ot")}, {"formal", false},
                                                 {"intensity", std::string("coordination")}, {"trust", 3.0}})
        .remove_link("school", "ot")
        .set_capacity("m-nav", 40.0)
        .add_key("m-school", Key::PARTICIPATION)
        .add_key("m-school", Key::PARTICIPATION)  // twice: still one
        .set_status("m-ot", MeasureStatus::PROPOSED);
    const auto after = s.apply();
    const auto& l = after.links()[0];  // school → ot went, so ot → nav is first
    CHECK(l.source == "ot");
    CHECK(l.coordinator == "ot");
    CHECK_FALSE(l.formal);
    CHECK(l.intensity == Intensity::COORDINATION);
    CHECK(l.trust == 3.0);
    CHECK(after.links().size() == land.links().size() - 1);
    CHECK(after.measure("m-nav").capacity == 40.0);
    CHECK(after.measure("m-school").keys == std::vector<Key>{Key::PARTICIPATION});
    CHECK(after.measure("m-ot").status == MeasureStatus::PROPOSED);
    CHECK(s.changes()[0].name() ==
          "set link ot → nav (referral): coordinator='ot', formal=False, intensity='coordination', trust=3.0");
    CHECK(s.changes()[2].name() == "set capacity of m-nav to 40.0");
    CHECK(s.changes()[5].name() == "set status of m-ot to proposed");

    // Proposed back to active, and None removes a capacity and a coordinator.
    const auto back = Scenario(after)
                          .set_status("m-ot", MeasureStatus::ACTIVE)
                          .set_capacity("m-nav", std::nullopt)
                          .set_link("ot", "nav", LinkKind::REFERRAL, {{"coordinator", std::monostate{}}})
                          .apply();
    CHECK(back.measure("m-ot").status == MeasureStatus::ACTIVE);
    CHECK_FALSE(back.measure("m-nav").capacity);
    CHECK_FALSE(back.links()[0].coordinator);
}

TEST_CASE("scenario: set_field goes through the field table of any record") {
    Measure m = measure("m", Level::UNIVERSAL, {"a"}, {0, 1});
    set_field(m, "level", 3.0);
    set_field(m, "tees", std::vector<std::string>{"early", "tailored"});
    set_field(m, "ages", AgeRange{16, 25});
    set_field(m, "status", std::string("pilot"));
    CHECK(m.level == Level::TARGETED);
    CHECK(m.tees == std::vector<Tee>{Tee::EARLY, Tee::TAILORED});
    CHECK(m.ages == AgeRange{16, 25});
    CHECK(m.status == MeasureStatus::PILOT);
    set_field(m, "status", std::monostate{});  // back to the table's default
    CHECK(m.status == MeasureStatus::ACTIVE);
    Indicator ind;
    set_field(ind, "year", 2021.0);
    CHECK(ind.year == 2021);
    CHECK_THROWS_WITH_AS(set_field(m, "colour", 1.0),
                         doctest::Contains("unknown field 'colour'; one of id, name, level"), ArgumentError);
    CHECK_THROWS_WITH_AS(set_field(m, "status", std::string("planned")),
                         "set measure field 'status' (enum): expected one of active|pilot|proposed|ended",
                         ArgumentError);
    CHECK_THROWS_WITH_AS(set_field(ind, "year", 2021.5), doctest::Contains("expected a whole number"),
                         ArgumentError);
    Link l;
    CHECK_THROWS_WITH_AS(set_field(l, "formal", std::string("yes")),
                         "set link field 'formal' (bool): expected true or false", ArgumentError);
}

TEST_CASE("scenario: remove_actor removes links, hand-overs, provider places and the measure it alone provides") {
    auto land = build();
    land.add_measure(measure("m-shared", Level::EARLY, {"ot", "nav"}, {16, 21}));
    land.add_link(link("cw", "school", LinkKind::AGREEMENT, false, "ot"));
    Scenario s(land);
    s.remove_actor("ot");
    std::vector<std::string> log;
    const auto after = s.apply(&log);
    CHECK_FALSE(after.find_actor("ot"));
    CHECK_FALSE(after.find_measure("m-ot"));
    CHECK(after.measure("m-shared").providers == std::vector<std::string>{"nav"});
    for (const auto& l : after.links()) {
        CHECK(l.source != "ot");
        CHECK(l.target != "ot");
        CHECK(l.coordinator != "ot");
    }
    CHECK(after.links().size() == land.links().size() - 2);  // school → ot, ot → nav
    CHECK(after.transitions().size() == 1);                  // ot → nav went
    CHECK(log == std::vector<std::string>{
                     "scenario change 1 (remove_actor: remove actor ot): removed 2 link(s) of 'ot'",
                     "scenario change 1 (remove_actor: remove actor ot): link cw → school (agreement) lost "
                     "its coordinator 'ot'",
                     "scenario change 1 (remove_actor: remove actor ot): removed 1 hand-over(s) of 'ot'",
                     "scenario change 1 (remove_actor: remove actor ot): measure 'm-ot' (Measure m-ot) "
                     "removed: 'ot' was its only provider"});
    // Gaps: the uncoordinated OT → NAV hand-over closes, level 3 goes missing.
    const auto c = compare(land, after);
    CHECK(keys(c.closed) == std::vector<Key4>{{"handoff_uncoordinated", "3801", 0, {"ot", "nav"}}});
    bool level3 = false;
    for (const auto& k : keys(c.opened)) level3 |= k == Key4{"level_missing", "3801", 3, {}};
    CHECK(level3);
}

TEST_CASE("scenario: remove_actor frees its units and the measures counted among its own") {
    auto land = build();
    auto unit = actor("ot-unit", "follow_up_service", Owner::COUNTY, "3801");
    unit.part_of = "ot";
    land.add_actor(unit);
    // A subset needs counts on both sides (check.cpp): 5 of m-ot's 30 participants a year.
    auto sub = measure("m-sub", Level::TARGETED, {"nav"}, {16, 21});
    sub.participants = 5;
    sub.participants_of = "m-ot";
    auto records = land.records();
    for (auto& m : records.measures)
        if (m.id == "m-ot") m.participants = 30;
    records.measures.push_back(sub);
    land = Landscape::from_records(records);
    std::vector<std::string> log;
    const auto after = Scenario(land).remove_actor("ot").apply(&log);
    CHECK_FALSE(after.actor("ot-unit").part_of);
    CHECK_FALSE(after.measure("m-sub").participants_of);
    REQUIRE(log.size() == 5);  // 2 links, 1 hand-over, m-ot, then these two
    CHECK(log[3].ends_with("measure 'm-sub' no longer counts its participants among 'm-ot', which was removed"));
    CHECK(log[4].ends_with("actor 'ot-unit' is no longer part of 'ot'"));
}

TEST_CASE("scenario: removing several actors leaves nothing dangling (synthetic)") {
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
        const auto land = datasets::synthetic(2, 6, seed);
        Scenario s(land);
        for (std::size_t i = 0; i < land.actors().size(); i += 3) s.remove_actor(land.actors()[i].id);
        const auto after = s.apply();  // from_records: throws if anything dangles
        CHECK(after.actors().size() == land.actors().size() - s.changes().size());
    }
}

TEST_CASE("scenario: an invalid change is named with its index and label") {
    const auto land = build();
    Scenario s(land);
    s.add_link(link("cw", "nav", LinkKind::REFERRAL)).add_link(link("cw", "ghost", LinkKind::NETWORK));
    try {
        (void)s.apply();
        FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        const std::string what = e.what();
        CHECK(what.starts_with("scenario change 2 (add_link: add link cw → ghost (network)): 1 problem"));
        CHECK(what.find("ghost") != std::string::npos);
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].collection == "links");
        CHECK(e.problems()[0].index == 6);
    }
    CHECK(land == build());
}

TEST_CASE("scenario: unknown ids and missing links are named") {
    const auto land = build();
    CHECK_THROWS_WITH_AS(Scenario(land).remove_actor("nobody"), "remove_actor: unknown actor 'nobody'",
                         UnknownIdError);
    CHECK_THROWS_WITH_AS(Scenario(land).set_capacity("m-x", 10.0), "set_capacity: unknown measure 'm-x'",
                         UnknownIdError);
    CHECK_THROWS_WITH_AS(Scenario(land).set_status("m-x", MeasureStatus::ACTIVE),
                         "set_status: unknown measure 'm-x'", UnknownIdError);
    // An actor the scenario adds may be removed by it.
    Scenario added(land);
    added.add_actor(actor("new", "", Owner::MUNICIPAL, "3801")).remove_actor("new");
    CHECK(added.apply().actors().size() == land.actors().size());
    // Applied to another landscape, the change is named.
    const Landscape empty("tom");
    try {
        (void)Scenario(land).remove_actor("ot").apply_to(empty);
        FAIL("expected an UnknownIdError");
    } catch (const UnknownIdError& e) {
        CHECK(std::string(e.what()) == "scenario change 1 (remove_actor: remove actor ot): unknown actor 'ot'");
        CHECK(e.collection() == "actor");
        CHECK(e.id() == "ot");
    }
    CHECK_THROWS_WITH_AS((void)Scenario(land).remove_link("nav", "ot").apply(),
                         "scenario change 1 (remove_link: remove link nav → ot): no link nav → ot (there is one "
                         "in the other direction)",
                         ArgumentError);
    CHECK_THROWS_WITH_AS(
        (void)Scenario(land).set_link("ot", "nav", LinkKind::AGREEMENT, {{"formal", true}}).apply(),
        doctest::Contains("no link ot → nav of kind agreement"), ArgumentError);
    CHECK_THROWS_WITH_AS(Scenario(land).set_link("ot", "nav", LinkKind::REFERRAL, {{"colour", true}}),
                         doctest::Contains("unknown link field(s) colour; one of formal, coordinator"),
                         ArgumentError);
    CHECK_THROWS_WITH_AS(Scenario(land).set_link("ot", "nav", LinkKind::REFERRAL, {}),
                         "set_link: give at least one field to set", ArgumentError);
    CHECK_THROWS_WITH_AS(Scenario(land).remove_actor("ot", -1), doctest::Contains("cost must be a finite number"),
                         ArgumentError);
}

TEST_CASE("scenario: compare a hand-built pair") {
    const auto land = build();
    // The agreement closes exactly the unlinked hand-over.
    const auto agreed = apply_changes(land, agreement().changes);
    const auto c = compare(land, agreed);
    CHECK(keys(c.closed) == std::vector<Key4>{{"handoff_unlinked", "3801", 0, {"cw", "nav"}}});
    CHECK(c.opened.empty());
    CHECK(c.changed.empty());
    CHECK(c.severity_before == doctest::Approx(TOTAL));
    CHECK(c.severity_reduced() == doctest::Approx(V300));
    CHECK(c.to_string().starts_with("ScenarioComparison: 1 closed, 0 opened, 0 changed; total severity 2.326"));
    // A referral without coordinator: v(300) closes, 0.6 v(300) opens, net 0.4 v(300).
    const auto referred = Scenario(land).add_link(link("cw", "nav", LinkKind::REFERRAL)).apply();
    const auto r = compare(land, referred);
    CHECK(keys(r.closed) == std::vector<Key4>{{"handoff_unlinked", "3801", 0, {"cw", "nav"}}});
    CHECK(keys(r.opened) == std::vector<Key4>{{"handoff_uncoordinated", "3801", 0, {"cw", "nav"}}});
    CHECK(r.opened[0].severity == doctest::Approx(0.6 * V300));
    CHECK(r.severity_reduced() == doctest::Approx(0.4 * V300));
    // A smaller hand-over keeps the gap with a lower severity: changed, v(300) → v(40).
    auto records = land.records();
    records.transitions[1].volume = 40;
    const auto smaller = compare(land, Landscape::from_records(records));
    CHECK(smaller.closed.empty());
    CHECK(smaller.opened.empty());
    REQUIRE(smaller.changed.size() == 1);
    CHECK(smaller.changed[0].first.severity == doctest::Approx(V300));
    CHECK(smaller.changed[0].second.severity == doctest::Approx(V40));
    CHECK(smaller.to_string().ends_with("changed handoff_unlinked | Alfa | cw, nav (0.918) → 0.597"));
    const auto none = compare(land, build());
    CHECK(none.closed.empty());
    CHECK(none.opened.empty());
    CHECK(none.changed.empty());
    CHECK(none.severity_reduced() == 0.0);
}

TEST_CASE("scenario: prioritize picks the hand-worked order, explained") {
    const auto land = build();
    const std::vector<Candidate> candidates{agreement(), level2(), capacity(), club()};
    const auto result = prioritize(land, candidates, 4);
    REQUIRE(result.steps.size() == 3);
    const auto& [s1, s2, s3] = std::tie(result.steps[0], result.steps[1], result.steps[2]);
    CHECK(s1.label == "club");
    CHECK(s1.candidate == 3);
    CHECK(s1.cost == 10'000);
    CHECK(s1.severity_reduced == doctest::Approx(0.25));
    CHECK(s1.ratio == doctest::Approx(2.5e-5));
    CHECK(keys(s1.comparison.closed) == std::vector<Key4>{{"isolated_actor", "", 0, {"youth"}}});
    CHECK(s1.runner_up == "agreement");
    CHECK(*s1.runner_up_ratio == doctest::Approx(V300 / 200'000));
    CHECK(s1.candidates == 4);
    CHECK(s2.label == "agreement");
    CHECK(s2.ratio == doctest::Approx(V300 / 200'000));
    CHECK(s2.runner_up == "level2");
    CHECK(*s2.runner_up_ratio == doctest::Approx(1.6e-6));
    CHECK(s3.label == "level2");
    CHECK(keys(s3.comparison.closed) == std::vector<Key4>{{"level_missing", "3801", 2, {}}});
    CHECK_FALSE(s3.runner_up);
    CHECK(result.severity_before == doctest::Approx(TOTAL));
    CHECK(result.severity_after == doctest::Approx(0.6 * V40));
    CHECK(result.total_cost() == 710'000);
    CHECK(result.notes ==
          std::vector<std::string>{"stopped after 3 of 4 steps: no remaining candidate reduces the total gap severity"});
    CHECK(s1.explain() ==
          "Step 1: club (cost 10000) reduces the total gap severity by 0.250 (2.5e-05 per unit cost), the best of "
          "4 candidates. It closes isolated_actor | youth (0.250). Runner-up: agreement (reduces 0.918, 4.59e-06 "
          "per unit cost).");
    CHECK(result.summary().find("Total: 3 steps, cost 710000, total gap severity 2.326 → 0.358.") !=
          std::string::npos);
    CHECK(land == build());
    // k limits the steps.
    CHECK(prioritize(land, candidates, 1).steps.size() == 1);
}

TEST_CASE("scenario: prioritize puts a free candidate first and breaks ties by label") {
    const auto land = build();
    const Candidate free{"coordinator", {{SetLink{"ot", "nav", LinkKind::REFERRAL, {{"coordinator", std::string("ot")}}}, 0, ""}}};
    const std::vector<Candidate> two{club(), free};
    const auto first = prioritize(land, two, 1);
    CHECK(first.steps[0].label == "coordinator");
    CHECK(std::isinf(first.steps[0].ratio));
    CHECK(first.steps[0].severity_reduced == doctest::Approx(0.6 * V40));
    CHECK(first.steps[0].explain().find("(costs nothing)") != std::string::npos);

    Candidate zulu{"zulu", {{AddRecord{link("cw", "nav", LinkKind::AGREEMENT, true, "nav")}, 1'000, ""}}};
    Candidate alpha = zulu;
    alpha.label = "alpha";
    const std::vector<Candidate> twins{zulu, alpha};
    const auto tie = prioritize(land, twins, 1);
    CHECK(tie.steps[0].label == "alpha");
    CHECK(tie.steps[0].runner_up == "zulu");
}

TEST_CASE("scenario: prioritize names a candidate that does not apply, drops one that no longer does") {
    const auto land = build();
    const Candidate broken{"broken", {{AddRecord{link("cw", "ghost", LinkKind::NETWORK)}, 1, ""}}};
    const std::vector<Candidate> bad{club(), broken};
    CHECK_THROWS_WITH_AS(prioritize(land, bad, 1), doctest::Contains("prioritize: candidate 'broken': scenario change 1"),
                         ValidationError);
    // Removing the youth club costs nothing and closes isolated_actor (0.25), so it is chosen
    // first; linking the club then no longer applies.
    const Candidate remove{"remove youth", {{RemoveActor{"youth"}, 0, ""}}};
    const std::vector<Candidate> order{club(), remove};
    const auto result = prioritize(land, order, 2);
    REQUIRE(result.steps.size() == 1);
    CHECK(result.steps[0].label == "remove youth");
    CHECK(result.steps[0].severity_reduced == doctest::Approx(0.25));
    REQUIRE(result.notes.size() == 2);
    CHECK(result.notes[0].starts_with("after step 1, candidate 'club' no longer applies and was dropped: "
                                      "scenario change 1 (add_link: add link youth → school (network)): 2 problems"));
    CHECK(result.notes[1] == "stopped after 1 of 2 steps: no remaining candidate reduces the total gap severity");
    CHECK_THROWS_WITH_AS(prioritize(land, order, 0), "prioritize: k must be an integer ≥ 1, got 0", ArgumentError);
    CHECK_THROWS_WITH_AS(prioritize(land, std::vector<Candidate>{}, 1), "prioritize: no candidates", ArgumentError);
    CHECK_THROWS_WITH_AS(prioritize(land, std::vector<Candidate>{Candidate{"empty", {}}}, 1),
                         "prioritize: candidate 1 has no change", ArgumentError);
}

TEST_CASE("scenario: the fast path gives exactly the slow path's result") {
    SUBCASE("hand-built") {
        const auto land = build();
        const Candidate free{"coordinator",
                             {{SetLink{"ot", "nav", LinkKind::REFERRAL, {{"coordinator", std::string("ot")}}}, 0, ""}}};
        const Candidate status{"status", {{SetStatus{"m-ot", MeasureStatus::PILOT}, 10, ""}}};
        const Candidate handover{"handover", {{AddRecord{Transition{.source = "school", .target = "ot", .volume = 80}}, 10, ""}}};
        const Candidate remove{"remove youth", {{RemoveActor{"youth"}, 50'000, ""}}};
        const std::vector<Candidate> all{agreement(), level2(), capacity(), club(), free, status, handover, remove};
        check_same(prioritize(land, all, 8, {}, true), prioritize(land, all, 8, {}, false));
    }
    SUBCASE("synthetic, every kind of change") {
        const auto land = datasets::synthetic(4, 10, 7);
        const auto& actors = land.actors();
        const auto& measures = land.measures();
        std::vector<Candidate> all;
        for (std::size_t i = 0; i + 7 < actors.size(); i += 5) {
            const auto& a = actors[i];
            const auto& b = actors[i + 7];
            all.push_back({"link " + a.id, {{AddRecord{link(a.id, b.id, LinkKind::AGREEMENT, true, a.id)}, 100.0 + dbl(i), ""}}});
            all.push_back({"remove " + b.id, {{RemoveActor{b.id}, 5'000.0 + dbl(i), ""}}});
            all.push_back({"measure " + a.id,
                           {{AddRecord{measure("new-" + a.id, static_cast<Level>(1 + i % 4), {a.id}, {16, 25})},
                             1'000.0 + dbl(i), ""}}});
        }
        for (std::size_t i = 0; i < measures.size(); i += 4) {
            all.push_back({"key " + measures[i].id, {{AddKey{measures[i].id, Key::PARTICIPATION}, 10.0 + dbl(i), ""}}});
            all.push_back({"capacity " + measures[i].id, {{SetCapacity{measures[i].id, 500.0}, 20.0 + dbl(i), ""}}});
            all.push_back({"status " + measures[i].id, {{SetStatus{measures[i].id, MeasureStatus::PILOT}, 30.0 + dbl(i), ""}}});
        }
        for (std::size_t l = 0; l < land.links().size(); l += 6) {
            const auto& link_ = land.links()[l];
            all.push_back({"unlink " + std::to_string(l), {{RemoveLink{link_.source, link_.target, link_.kind}, 1.0 + dbl(l), ""}}});
            all.push_back({"formalise " + std::to_string(l),
                           {{SetLink{link_.source, link_.target, link_.kind,
                                     {{"formal", true}, {"coordinator", link_.source}}}, 2.0 + dbl(l), ""}}});
        }
        const auto fast = prioritize(land, all, 6, {}, true);
        CHECK(fast.steps.size() == 6);
        check_same(fast, prioritize(land, all, 6, {}, false));
    }
}

TEST_CASE("scenario: an evaluator that splits each step's candidates gives prioritize's result") {
    // What an executor does (samkart._parallel): each step's candidates in chunks of two, each
    // chunk on the landscape rebuilt from the start by applying the steps chosen so far.
    const auto land = build();
    const Candidate remove{"remove youth", {{RemoveActor{"youth"}, 0, ""}}};
    const std::vector<Candidate> all{agreement(), level2(), capacity(), club(), remove};
    std::vector<std::size_t> calls;
    const CandidateEvaluator chunked = [&](const Landscape& current, std::span<const std::size_t> chosen,
                                           std::span<const std::size_t> indices) {
        Landscape rebuilt = land;
        for (const auto c : chosen) rebuilt = apply_changes(rebuilt, all[c].changes);
        CHECK(rebuilt == current);
        std::vector<std::optional<double>> out;
        for (std::size_t i = 0; i < indices.size(); i += 2) {
            const auto n = std::min<std::size_t>(2, indices.size() - i);
            const auto part = evaluate_candidates(rebuilt, all, indices.subspan(i, n), {}, true);
            out.insert(out.end(), part.begin(), part.end());
        }
        calls.push_back(indices.size());
        return out;
    };
    const auto serial = prioritize(land, all, 5);
    const auto split = prioritize(land, all, 5, {}, chunked);
    check_same(split, serial);
    CHECK(split.notes == serial.notes);
    CHECK(calls == std::vector<std::size_t>{5, 4, 2, 1});  // "club" is dropped after step 1
    // The hand-worked totals: nothing but "remove youth" touches the isolated club, which it
    // closes (0.25); a candidate that does not apply is none.
    const std::vector<std::size_t> two{3, 4};
    const auto totals = evaluate_candidates(land, all, two);
    REQUIRE(totals.size() == 2);
    CHECK(*totals[0] == doctest::Approx(TOTAL - 0.25));
    CHECK(*totals[1] == doctest::Approx(TOTAL - 0.25));
    const std::vector<Candidate> broken{{"broken", {{RemoveActor{"ghost"}, 1, ""}}}};
    const std::vector<std::size_t> first{0};
    CHECK_FALSE(evaluate_candidates(land, broken, first)[0].has_value());
    const CandidateEvaluator short_answer = [](const Landscape&, std::span<const std::size_t>,
                                               std::span<const std::size_t>) {
        return std::vector<std::optional<double>>{};
    };
    CHECK_THROWS_WITH_AS((void)prioritize(land, all, 1, {}, short_answer),
                         "prioritize: the evaluator returned 0 totals for 5 candidates", ArgumentError);
}
