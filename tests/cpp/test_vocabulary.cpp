#include <doctest/doctest.h>

#include <string>

#include "samkart/core/age_range.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/vocabulary.hpp"

using namespace samkart;

TEST_CASE("levels are 1..4 with names, labels and crosswalks") {
    CHECK(static_cast<int>(Level::UNIVERSAL) == 1);
    CHECK_FALSE(level_from_int(0).has_value());
    CHECK_FALSE(level_from_int(5).has_value());
    CHECK(level_from_int(4) == Level::INTENSIVE);
    CHECK(level_name(Level::EARLY) == "early");
    CHECK(parse_level_name("targeted") == Level::TARGETED);
    CHECK(level_label(Level::EARLY, "nb") == "Tidlig innsats");
    CHECK(level_label(Level::EARLY, "da") == "Tidlig indsats");
    CHECK(iom_term(Level::EARLY) == "selective");
    CHECK(iom_term(Level::INTENSIVE) == "treatment");
    CHECK(bti_level(Level::UNIVERSAL) == 0);
    CHECK(bti_level(Level::INTENSIVE) == 3);
    CHECK_THROWS_WITH_AS((void)level_label(Level::EARLY, "sv"),
                         doctest::Contains("'nb' (Norwegian Bokmål)"), ArgumentError);
}

TEST_CASE("closed vocabularies parse their names and list them") {
    CHECK(parse<Owner>("county") == Owner::COUNTY);
    CHECK_FALSE(parse<Owner>("kommune").has_value());
    CHECK(to_string(LinkKind::SHARED_PLAN) == "shared_plan");
    CHECK(accepted_names<Intensity>() == "awareness|cooperation|coordination|integration");
    CHECK(terms<Tee>().size() == 4);
    CHECK(terms<Key>()[1].label("nb") == "Medvirkning");
    CHECK(is_directed(LinkKind::REFERRAL));
    CHECK_FALSE(is_directed(LinkKind::AGREEMENT));
    CHECK(find_term(recommended_sectors(), "follow_up_service") != nullptr);
    CHECK(find_term(recommended_targets(), "neet") != nullptr);
}

TEST_CASE("Danish terms: self-governing institutions, the jobcenter and the ministry (seed 003)") {
    // FGU, vocational schools and gymnasiums are selvejende: neither municipal nor state.
    CHECK(parse<Owner>("self_governing") == Owner::SELF_GOVERNING);
    CHECK(to_string(Owner::SELF_GOVERNING) == "self_governing");
    const auto& owner = terms<Owner>()[static_cast<std::size_t>(Owner::SELF_GOVERNING)];
    CHECK(owner.label("da") == "Selvejende");
    CHECK(owner.label("nb") == "Selveiende");
    CHECK(owner.label("en") == "Self-governing");
    // The numbers of the owners that were there before stay as they were.
    CHECK(static_cast<int>(Owner::VOLUNTARY) == 4);
    // A Danish jobcenter is not NAV, and a ministry is not a Styrelse.
    CHECK(find_term(recommended_sectors(), "job_centre")->label("da") == "Jobcenter");
    CHECK(find_term(recommended_sectors(), "labour_welfare")->label("da") == "NAV");
    CHECK(find_term(recommended_sectors(), "ministry")->label("da") == "Ministerium");
    // Participation as seed 003 says it: inddragelse af unge.
    CHECK(terms<Key>()[static_cast<std::size_t>(Key::PARTICIPATION)].label("da") == "Ungeinddragelse");
}

TEST_CASE("age ranges") {
    constexpr AgeRange ot{16, 21};
    CHECK(ot.valid());
    CHECK(ot.contains(21));
    CHECK_FALSE(ot.contains(22));
    CHECK(ot.overlaps({21, 29}));
    CHECK_FALSE(ot.overlaps({22, 29}));
    CHECK(ot.years() == 6);
    CHECK(hull(ot, {18, 29}) == AgeRange{16, 29});
    CHECK(ot.to_string() == "16–21");
    CHECK_FALSE(AgeRange{5, 3}.valid());
}
