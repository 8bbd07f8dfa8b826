// Input limits (samkart/core/limits.hpp): input beyond a limit ends in a SchemaError that names
// the limit, the place and the fix, before the reader builds the document; input at a limit
// reads. Most cases lower a limit so that the input stays small; the defaults are checked
// with inputs that cost little (a sparse file, a few MB of text).

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "samkart/core/errors.hpp"
#include "samkart/core/limits.hpp"
#include "samkart/io/json.hpp"

namespace fs = std::filesystem;
using samkart::InputLimits;
using samkart::SchemaError;

namespace {

/// A fresh directory under the system's temporary directory, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("samkart-test-limits-" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

/// The SchemaError `text` raises under `limits`; fails the test if it raises nothing else.
SchemaError schema_error(const std::string& text, const InputLimits& limits) {
    try {
        (void)samkart::from_json_string(text, "limits.json", limits);
    } catch (const SchemaError& e) {
        return e;
    }
    FAIL("no SchemaError for: " << text.substr(0, 80));
    return SchemaError("", {});
}

/// Two actors and `n` links between them.
std::string links_document(std::size_t n) {
    std::string text = R"({"samkart": 1, "name": "x", "actors": [)"
                       R"({"id": "a", "name": "A", "owner": "state"}, )"
                       R"({"id": "b", "name": "B", "owner": "county"}], "links": [)";
    for (std::size_t i = 0; i < n; ++i)
        text += std::string(i ? ", " : "") + R"({"source": "a", "target": "b", "kind": "network"})";
    return text + "]}";
}

}  // namespace

TEST_CASE("the default limits are far above a real mapping and name themselves") {
    constexpr InputLimits l = samkart::default_input_limits;
    CHECK(l.max_input_bytes == 256U << 20U);
    CHECK(l.max_records == 1'000'000);
    CHECK(l.max_string_bytes == 1U << 20U);
    CHECK(l.max_depth == 64);
    // A whole samkart document reads under the defaults (it nests 6 deep).
    const std::string text =
        R"({"samkart": 1, "name": "x", "areas": [{"id": "1", "name": "A", "kind": "county",)"
        R"( "population": [{"ages": [16, 25], "count": 10}]}]})";
    CHECK(samkart::from_json_string(text).areas().size() == 1);
    InputLimits six;
    six.max_depth = 6;
    CHECK(samkart::from_json_string(text, "six", six).areas().size() == 1);
    six.max_depth = 5;
    const auto e = schema_error(text, six);
    CHECK(e.pointer() == "/areas/0/population/0/ages");
}

TEST_CASE("a collection beyond max_records is refused with its name, the limit and the fix") {
    InputLimits limits;
    limits.max_records = 3;
    CHECK(samkart::from_json_string(links_document(3), "at", limits).links().size() == 3);
    const auto e = schema_error(links_document(4), limits);
    CHECK(e.pointer() == "/links");
    CHECK(e.line() == 1);
    const std::string what = e.what();
    CHECK(what.find("limits.json") != std::string::npos);
    CHECK(what.find("more than 3 links") != std::string::npos);
    CHECK(what.find("InputLimits::max_records") != std::string::npos);
    CHECK(what.find("Split the mapping") != std::string::npos);
}

TEST_CASE("any other list beyond max_records is refused at its place") {
    InputLimits limits;
    limits.max_records = 2;
    const std::string text =
        R"({"samkart": 1, "name": "x", "actors": [)"
        R"({"id": "a", "name": "A", "owner": "state"}], "measures": [)"
        R"({"id": "m", "name": "M", "level": 1, "providers": ["a", "a", "a"]}]})";
    const auto e = schema_error(text, limits);
    CHECK(e.pointer() == "/measures/0/providers");
    CHECK(std::string(e.what()).find("a list of more than 2 items") != std::string::npos);
}

TEST_CASE("the default max_records holds: a million and one records are refused early") {
    // Three bytes a record: the limit is reached in the syntax pass, which builds nothing.
    std::string text = R"({"samkart": 1, "name": "x", "links": [)";
    text.reserve(text.size() + 3 * 1'000'001 + 2);
    for (std::size_t i = 0; i <= 1'000'000; ++i) text += i ? ",{}" : "{}";
    text += "]}";
    const auto e = schema_error(text, samkart::default_input_limits);
    CHECK(e.pointer() == "/links");
    CHECK(std::string(e.what()).find("more than 1,000,000 links") != std::string::npos);
}

TEST_CASE("a string or key beyond max_string_bytes is refused with its pointer") {
    InputLimits limits;
    limits.max_string_bytes = 8;
    CHECK(samkart::from_json_string(R"({"samkart": 1, "name": "12345678"})", "ok", limits).name() ==
          "12345678");
    auto e = schema_error(R"({"samkart": 1, "name": "123456789"})", limits);
    CHECK(e.pointer() == "/name");
    CHECK(std::string(e.what()).find("a string of 9 bytes") != std::string::npos);
    CHECK(std::string(e.what()).find("InputLimits::max_string_bytes") != std::string::npos);
    e = schema_error(R"({"samkart": 1, "name": "x", "actors": [{"id_too_long": 1}]})", limits);
    CHECK(e.pointer() == "/actors/0");
    CHECK(std::string(e.what()).find("a key of 11 bytes") != std::string::npos);
}

TEST_CASE("nesting beyond max_depth is refused, also at the default limit") {
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    const auto e = schema_error(deep, samkart::default_input_limits);
    CHECK(std::string(e.what()).find("nested more than 64 deep") != std::string::npos);
    CHECK(e.pointer() == "/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/"
                         "0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0");
    // 64 deep is within the limit: the document is then refused for what it is, not its depth.
    const auto within = schema_error(std::string(64, '[') + std::string(64, ']'),
                                     samkart::default_input_limits);
    CHECK(std::string(within.what()).find("nested") == std::string::npos);
}

TEST_CASE("text beyond max_input_bytes is refused before it is parsed") {
    InputLimits limits;
    limits.max_input_bytes = 30;
    const std::string text = R"({"samkart": 1, "name": "just too long"})";
    const auto e = schema_error(text, limits);
    CHECK(e.pointer().empty());
    CHECK(std::string(e.what()).find("the input is " + std::to_string(text.size()) + " bytes") !=
          std::string::npos);
    CHECK(std::string(e.what()).find("at most 30 bytes") != std::string::npos);
}

TEST_CASE("a file beyond max_input_bytes is refused without reading it") {
    TempDir dir;
    // A sparse file one byte over the default limit: it takes no disk space, and reading it
    // would take 256 MiB of memory, so a quick SchemaError shows it was not read.
    const fs::path big = dir.path / "links.json";
    { std::ofstream(big) << R"({"samkart": 1, "name": "x", "links": [)"; }
    fs::resize_file(big, samkart::default_input_limits.max_input_bytes + 1);
    try {
        (void)samkart::read_json(big);
        FAIL("no SchemaError");
    } catch (const SchemaError& e) {
        CHECK(e.source_name() == big.string());
        const std::string what = e.what();
        CHECK(what.find("the input is 268,435,457 bytes") != std::string::npos);
        CHECK(what.find("at most 256 MiB") != std::string::npos);
    }
    // validate_json_file reports it as a schema problem instead of raising.
    const auto problems = samkart::validate_json_file(big);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].collection == "schema");
    CHECK(problems[0].message.find("InputLimits::max_input_bytes") != std::string::npos);

    // The same with a lowered limit and a small real file.
    InputLimits limits;
    limits.max_input_bytes = 16;
    const fs::path small = dir.path / "small.json";
    { std::ofstream(small) << links_document(1); }
    CHECK_THROWS_AS((void)samkart::read_json(small, limits), SchemaError);
    CHECK(samkart::read_json(small).links().size() == 1);
}
