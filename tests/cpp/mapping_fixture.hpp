#pragma once
// The small landscape whose coverage, role map and age bands tests/cpp/test_coverage.cpp,
// test_role_map.cpp and tests/python/test_mapping.py work out by hand (same records).
//
// Areas: C (county) > M1 (population 16–25: 1000), M2 (0–15: 3000, 16–25: 2000).
// Actors: school (upper_secondary_school, county, serves M1 M2, 16–19),
//         nav (labour_welfare, state, M1, 16–29), ot (follow_up_service, county, C, 16–21),
//         club (ngo, voluntary, M2, no ages).
// Measures (area sets with roll-up, without inherit):
//   m1 L1 [school]     areas from school: M1 M2 → {M1, M2, C}; ages 16–19 (school's);
//                      targets all; capacity 100; keys participation
//   m2 L2 [nav school] areas M1 → {M1, C}; ages 17–20; targets neet dropout_risk;
//                      capacity 20, participants 15; tees early close_follow_up
//   m3 L3 [ot]         areas from ot: C → {C} (inherit: {C, M1, M2}); ages 16–21 (ot's);
//                      targets dropout_risk; participants 30, no capacity; keys collaboration;
//                      tees close_follow_up
//   m4 L4 [nav ot]     areas M1 M2 → {M1, M2, C}; ages 18–25; targets neet; capacity 10,
//                      cost 500000
//   m5 L1 [club]       areas from club: M2 → {M2, C}; ages 10–18; no targets; capacity 50

#include "samkart/core/landscape.hpp"

inline samkart::Landscape mapping_fixture() {
    using namespace samkart;
    Landscape land("Fixture", 2021);
    land.add_area({.id = "C", .name = "Fylke", .kind = AreaKind::COUNTY});
    land.add_area({.id = "M1", .name = "Ein", .kind = AreaKind::MUNICIPALITY, .parent = "C",
                   .population = {{AgeRange{16, 25}, 1000}}});
    land.add_area({.id = "M2", .name = "To", .kind = AreaKind::MUNICIPALITY, .parent = "C",
                   .population = {{AgeRange{0, 15}, 3000}, {AgeRange{16, 25}, 2000}}});
    land.add_actor({.id = "school", .name = "Skule", .sector = "upper_secondary_school",
                    .owner = Owner::COUNTY, .areas = {"M1", "M2"}, .ages = AgeRange{16, 19}});
    land.add_actor({.id = "nav", .name = "NAV", .sector = "labour_welfare", .owner = Owner::STATE,
                    .areas = {"M1"}, .ages = AgeRange{16, 29}});
    land.add_actor({.id = "ot", .name = "OT", .sector = "follow_up_service", .owner = Owner::COUNTY,
                    .areas = {"C"}, .ages = AgeRange{16, 21}});
    land.add_actor({.id = "club", .name = "Klubb", .sector = "ngo", .owner = Owner::VOLUNTARY,
                    .areas = {"M2"}});
    land.add_measure({.id = "m1", .name = "Open school", .level = Level::UNIVERSAL,
                      .providers = {"school"}, .targets = {"all"}, .capacity = 100.0,
                      .keys = {Key::PARTICIPATION}});
    land.add_measure({.id = "m2", .name = "Job club", .level = Level::EARLY, .providers = {"nav", "school"},
                      .areas = {"M1"}, .ages = AgeRange{17, 20}, .targets = {"neet", "dropout_risk"},
                      .capacity = 20.0, .participants = 15.0, .tees = {Tee::EARLY, Tee::CLOSE_FOLLOW_UP}});
    land.add_measure({.id = "m3", .name = "Follow-up", .level = Level::TARGETED, .providers = {"ot"},
                      .targets = {"dropout_risk"}, .participants = 30.0, .keys = {Key::COLLABORATION},
                      .tees = {Tee::CLOSE_FOLLOW_UP}});
    land.add_measure({.id = "m4", .name = "Youth team", .level = Level::INTENSIVE, .providers = {"nav", "ot"},
                      .areas = {"M1", "M2"}, .ages = AgeRange{18, 25}, .targets = {"neet"},
                      .capacity = 10.0, .cost = 500000.0});
    land.add_measure({.id = "m5", .name = "Football", .level = Level::UNIVERSAL, .providers = {"club"},
                      .ages = AgeRange{10, 18}, .capacity = 50.0});
    land.add_indicator({.area = "M1", .key = "neet_share", .value = 0.08, .year = 2019});
    land.add_indicator({.area = "M1", .key = "neet_share", .value = 0.07, .year = 2020});
    land.add_indicator({.area = "M2", .key = "neet_share", .value = 0.10});
    land.add_indicator({.area = "C", .key = "neet_share", .value = 0.09, .year = 2020});
    return land;
}
