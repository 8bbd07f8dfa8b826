// The bad-input corpus: every file of tests/data/bad/ and what reading it must report, as listed
// in tests/data/bad/expected.json (the Python tests read the same manifest). The manifest maps
// each file name to {"error": "SchemaError" | "ValidationError", "problems": minimum count,
// "contains": [substrings of the message], and for a SchemaError "pointer" and "line" of the
// first problem}.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "samkart/io/json.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path bad_dir = fs::path(SAMKART_TEST_DATA) / "bad";

nlohmann::json manifest() {
    std::ifstream in(bad_dir / "expected.json");
    REQUIRE(in);
    return nlohmann::json::parse(in);
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// What one attempt to read a file raised.
struct Outcome {
    std::string error;  ///< "SchemaError", "ValidationError", or what else happened
    std::size_t problems = 0;
    std::string message;
    std::string pointer;
    std::size_t line = 0;
};

template <class Read>
Outcome attempt(Read read) {
    Outcome out;
    try {
        read();
        out.error = "no error";
    } catch (const samkart::SchemaError& e) {
        out = {"SchemaError", e.problems().size(), e.what(), e.pointer(), e.line()};
    } catch (const samkart::ValidationError& e) {
        out = {"ValidationError", e.problems().size(), e.what(), {}, 0};
    } catch (const samkart::Error& e) {
        out = {"samkart::Error", 0, e.what(), {}, 0};
    }
    return out;
}

}  // namespace

TEST_CASE("the manifest lists every file of the bad-input corpus") {
    const auto m = manifest();
    std::set<std::string> listed;
    for (const auto& [name, entry] : m.items()) listed.insert(name);
    std::set<std::string> present;
    for (const auto& f : fs::directory_iterator(bad_dir))
        if (f.path().extension() == ".json" && f.path().filename() != "expected.json")
            present.insert(f.path().filename().string());
    CHECK(listed == present);
    CHECK(listed.size() >= 19);
}

TEST_CASE("every bad input raises the right error, naming the record, the field and the fix") {
    const auto m = manifest();
    for (const auto& [name, entry] : m.items()) {
        INFO("file: ", name);
        const fs::path path = bad_dir / name;
        const auto expected_error = entry.at("error").get<std::string>();
        const auto min_problems = entry.at("problems").get<std::size_t>();

        // Nothing half-loaded: a landscape that held data keeps it when the read fails.
        samkart::Landscape land("before");
        const Outcome got = attempt([&] { land = samkart::read_json(path); });
        INFO("message: ", got.message);
        CHECK(got.error == expected_error);
        CHECK(got.problems >= min_problems);
        for (const auto& s : entry.at("contains")) {
            const auto needle = s.get<std::string>();
            INFO("expected in the message: ", needle);
            CHECK(got.message.find(needle) != std::string::npos);
        }
        if (entry.contains("pointer")) {
            CHECK(got.pointer == entry["pointer"].get<std::string>());
            CHECK(got.line == entry["line"].get<std::size_t>());
        }
        CHECK(land.name() == "before");
        CHECK(land.empty());

        // The same text from a string raises the same error.
        const Outcome from_text = attempt([&] { (void)samkart::from_json_string(slurp(path), path.string()); });
        CHECK(from_text.error == got.error);
        CHECK(from_text.message == got.message);

        // validate_json_file reports the same problems and does not throw.
        std::vector<samkart::Problem> problems;
        REQUIRE_NOTHROW(problems = samkart::validate_json_file(path));
        std::size_t errors = 0;
        std::string all;
        for (const auto& p : problems) {
            if (p.severity == samkart::Severity::ERROR) ++errors;
            all += p.to_string() + "\n";
            if (expected_error == "SchemaError") CHECK(p.collection == "schema");
        }
        INFO("validate_json_file: ", all);
        CHECK(errors == got.problems);
        for (const auto& s : entry.at("contains")) {
            const auto needle = s.get<std::string>();
            CHECK(all.find(needle) != std::string::npos);
        }
    }
}
