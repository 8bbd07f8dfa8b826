/// @file test_fuzz_regressions.cpp
/// Inputs that libFuzzer found to crash (fuzz/, docs/fuzzing.md), fixed in src/ and kept here so
/// that they stay fixed. The ASan + UBSan run of scripts/test.sh is what catches a relapse of a
/// memory error; these cases also check that the input gets the error it deserves. The raw
/// inputs are in fuzz/regressions/<target>/ and seed every fuzz run.

#include <doctest/doctest.h>

#include <string>

#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"

using namespace samkart;

namespace {

Landscape one_actor() {
    Landscape land("Regressions");
    land.add_area({.id = "M", .name = "Kommune"});
    land.add_actor({.id = "a", .name = "Aktør", .sector = "ngo", .areas = {"M"}});
    return land;
}

std::string message_of(const auto& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "no ValidationError";
}

}  // namespace

// fuzz/regressions/fuzz_records/key-out-of-range-listed-twice: a key outside the vocabulary,
// listed twice, made the duplicate check read past the end of the vocabulary table
// (global-buffer-overflow in to_string<Key>, src/check.cpp). Fixed: duplicates of an invalid
// value are named by number, and the value itself is reported as invalid.
TEST_CASE("fuzz regression: a key or tee outside the vocabulary, listed twice") {
    Landscape land = one_actor();
    const Landscape before = land;
    const auto bad_key = static_cast<Key>(7);
    const auto bad_tee = static_cast<Tee>(200);
    const Measure m{.id = "m",
                    .name = "Tiltak",
                    .providers = {"a"},
                    .keys = {bad_key, bad_key, Key::INNOVATION, Key::INNOVATION},
                    .tees = {bad_tee, bad_tee}};
    const std::string message = message_of([&] { (void)land.add_measure(m); });
    CHECK(message.find("field 'keys': invalid value; expected one of "
                       "collaboration|participation|innovation") != std::string::npos);
    CHECK(message.find("'7' is listed twice") != std::string::npos);
    CHECK(message.find("'innovation' is listed twice") != std::string::npos);
    CHECK(message.find("field 'tees': invalid value") != std::string::npos);
    CHECK(message.find("'200' is listed twice") != std::string::npos);
    CHECK(land == before);

    // The same through from_records.
    LandscapeRecords records = before.records();
    records.measures.push_back(m);
    CHECK(message_of([&] { (void)Landscape::from_records(records); }).find("'7' is listed twice") !=
          std::string::npos);
}
