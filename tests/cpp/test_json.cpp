// JSON input and output: round trip, the writer's form, atomic writes, error positions and the
// locator that finds them.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "samkart/core/schema.hpp"
#include "samkart/io/json.hpp"
// The locator is private to the library (src/); its behaviour on odd text is tested here.
#include "json_locate.hpp"

namespace fs = std::filesystem;
using samkart::Landscape;
using samkart::detail::locate;
using samkart::detail::TextPosition;

namespace doctest {
template <>
struct StringMaker<TextPosition> {
    static String convert(const TextPosition& p) {
        return ("line " + std::to_string(p.line) + ", column " + std::to_string(p.column)).c_str();
    }
};
}  // namespace doctest

namespace {

const fs::path test_data{SAMKART_TEST_DATA};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A fresh directory under the system's temporary directory, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("samkart-test-json-" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

std::size_t count_entries(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

/// 1-based number of the first line of `text` that contains `needle` (0 if none).
std::size_t line_containing(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    if (at == std::string::npos) return 0;
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

Landscape tiny() {
    samkart::LandscapeRecords r;
    r.name = "tiny";
    r.areas.push_back({.id = "3807", .name = "Skien", .kind = samkart::AreaKind::MUNICIPALITY});
    r.actors.push_back({.id = "a", .name = "A", .owner = samkart::Owner::COUNTY});
    r.actors.push_back({.id = "b", .name = "B", .owner = samkart::Owner::STATE});
    r.measures.push_back({.id = "m", .name = "M", .level = samkart::Level::EARLY, .providers = {"a"},
                          .capacity = 40.0, .cost = 1.5});
    r.links.push_back({.source = "a", .target = "b", .kind = samkart::LinkKind::NETWORK});
    r.indicators.push_back({.area = "3807", .key = "neet_count_16_25", .value = 4200.0});
    return Landscape::from_records(r);
}

}  // namespace

TEST_CASE("small.json round-trips through text and through a file") {
    const fs::path path = test_data / "good" / "small.json";
    const Landscape land = samkart::read_json(path);
    CHECK(land.areas().size() == 3);
    CHECK(land.actors().size() == 5);
    CHECK(land.measures().size() == 4);
    CHECK(land.links().size() == 5);
    CHECK(land.transitions().size() == 2);
    CHECK(land.indicators().size() == 3);
    CHECK(land.link_ends(0).coordinator == land.actor_index("ot-skien"));
    CHECK(land.measure("m-los").providers.size() == 2);
    CHECK(land.records().areas[1].population[1].count == doctest::Approx(6950.5));

    const std::string text = samkart::to_json_string(land);
    CHECK(samkart::from_json_string(text) == land);
    CHECK(samkart::from_json_string(samkart::to_json_string(land, -1)) == land);

    // small.json is written the way the writer writes (keys in the format's order, optionals
    // left out), so the written document equals the file, key order included.
    using ordered = nlohmann::ordered_json;
    CHECK(ordered::parse(text) == ordered::parse(slurp(path)));

    TempDir dir;
    const fs::path out = dir.path / "small-copy.json";
    samkart::write_json(land, out);
    CHECK(samkart::read_json(out) == land);
    CHECK(count_entries(dir.path) == 1);  // no temporary file left behind
}

TEST_CASE("examples/data/vestfold_telemark.json loads and round-trips") {
    const fs::path path = fs::path(SAMKART_EXAMPLE_DATA) / "vestfold_telemark.json";
    const Landscape land = samkart::read_json(path);
    CHECK_FALSE(land.empty());
    CHECK(samkart::from_json_string(samkart::to_json_string(land)) == land);
    for (const auto& p : samkart::validate_json_file(path)) {
        INFO(p.to_string());
        CHECK(p.severity == samkart::Severity::WARNING);
    }
}

TEST_CASE("the writer writes integral numbers as integers and leaves out empty optionals") {
    const std::string text = samkart::to_json_string(tiny());
    const auto doc = nlohmann::json::parse(text);
    CHECK(doc["measures"][0]["capacity"].is_number_integer());
    CHECK(doc["measures"][0]["capacity"] == 40);
    CHECK(doc["measures"][0]["cost"].is_number_float());
    CHECK(doc["indicators"][0]["value"].is_number_integer());
    CHECK(text.find("40.0") == std::string::npos);
    CHECK(text.find("4200.0") == std::string::npos);
    CHECK(doc["measures"][0]["level"] == 2);

    // Only what was given: no empty lists, no false flags, no absent optionals.
    CHECK(doc["actors"][0] == nlohmann::json{{"id", "a"}, {"name", "A"}, {"owner", "county"}});
    CHECK(doc["links"][0] == nlohmann::json{{"source", "a"}, {"target", "b"}, {"kind", "network"}});
    CHECK(doc["areas"][0].size() == 3);
    CHECK_FALSE(doc.contains("year"));
    CHECK_FALSE(doc.contains("transitions"));
    CHECK(doc["samkart"] == 1);
    CHECK(doc["currency"] == "NOK");

    // indent < 0: one line (plus the final newline).
    const std::string one_line = samkart::to_json_string(tiny(), -1);
    CHECK(one_line.find('\n') == one_line.size() - 1);
}

TEST_CASE("the reader accepts level names, whole-number floats and a byte order mark") {
    const std::string text = "\xEF\xBB\xBF" R"({"samkart": 1, "name": "n", "year": 2021.0,
        "actors": [{"id": "a", "name": "A", "owner": "municipal", "ages": [16.0, 21]}],
        "measures": [{"id": "m", "name": "M", "level": "targeted", "providers": ["a"]}]})";
    const Landscape land = samkart::from_json_string(text);
    CHECK(land.year() == 2021);
    CHECK(land.measure("m").level == samkart::Level::TARGETED);
    CHECK(land.actor("a").ages == samkart::AgeRange{16, 21});
}

TEST_CASE("write_json is atomic") {
    TempDir dir;
    const Landscape land = tiny();

    SUBCASE("a directory that does not exist: Error naming the path, nothing created") {
        const fs::path target = dir.path / "missing" / "out.json";
        try {
            samkart::write_json(land, target);
            FAIL("write_json did not throw");
        } catch (const samkart::Error& e) {
            CHECK(std::string(e.what()).find(target.string()) != std::string::npos);
            CHECK(std::string(e.what()).find("does not exist") != std::string::npos);
        }
        CHECK_FALSE(fs::exists(dir.path / "missing"));
        CHECK(count_entries(dir.path) == 0);
    }

    SUBCASE("overwriting keeps the file's permissions and leaves no temporary file") {
        const fs::path target = dir.path / "out.json";
        { std::ofstream(target) << "old"; }
        fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
        samkart::write_json(land, target);
        CHECK(samkart::read_json(target) == land);
        CHECK((fs::status(target).permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
        CHECK(count_entries(dir.path) == 1);
    }

    SUBCASE("a failed write leaves the old file intact") {
        const fs::path target = dir.path / "out.json";
        { std::ofstream(target) << "old contents"; }
        fs::permissions(dir.path, fs::perms::owner_read | fs::perms::owner_exec);
        // Root ignores directory permissions; then the read-only case cannot fail, and the
        // directory case below covers the failure path instead.
        const bool read_only_works = !std::ofstream(dir.path / "probe");
        if (read_only_works) {
            CHECK_THROWS_AS(samkart::write_json(land, target), samkart::Error);
            CHECK(slurp(target) == "old contents");
        } else {
            fs::remove(dir.path / "probe");
        }
        fs::permissions(dir.path, fs::perms::owner_all);
        CHECK(count_entries(dir.path) == 1);
    }

    SUBCASE("a directory in the way: Error, the temporary file is removed, the directory stays") {
        // The temporary file is written and only the rename fails: the clean-up path.
        const fs::path target = dir.path / "out.json";
        fs::create_directory(target);
        { std::ofstream(target / "inside.txt") << "keep"; }
        try {
            samkart::write_json(land, target);
            FAIL("write_json did not throw");
        } catch (const samkart::Error& e) {
            CHECK(std::string(e.what()).find(target.string()) != std::string::npos);
            CHECK(std::string(e.what()).find("directory") != std::string::npos);
        }
        CHECK(fs::is_directory(target));
        CHECK(slurp(target / "inside.txt") == "keep");
        CHECK(count_entries(dir.path) == 1);
    }
}

TEST_CASE("read_json names the path when the file cannot be read") {
    TempDir dir;
    const fs::path missing = dir.path / "nope.json";
    try {
        (void)samkart::read_json(missing);
        FAIL("read_json did not throw");
    } catch (const samkart::SchemaError&) {
        FAIL("a missing file is not a schema problem");
    } catch (const samkart::Error& e) {
        CHECK(std::string(e.what()).find(missing.string()) != std::string::npos);
        CHECK(std::string(e.what()).find("no such file") != std::string::npos);
    }
    CHECK_THROWS_WITH_AS((void)samkart::read_json(dir.path), doctest::Contains("directory"),
                         samkart::Error);
    CHECK_THROWS_AS((void)samkart::validate_json_file(missing), samkart::Error);
}

TEST_CASE("a SchemaError points at the line and column of the bad value") {
    const fs::path path = test_data / "bad" / "wrong_type.json";
    const std::string text = slurp(path);
    const std::size_t line = line_containing(text, R"("ages": "16-21")");
    REQUIRE(line > 0);
    try {
        (void)samkart::read_json(path);
        FAIL("read_json did not throw");
    } catch (const samkart::SchemaError& e) {
        CHECK(e.pointer() == "/actors/0/ages");
        CHECK(e.line() == line);
        // The column is that of the value, one past `"ages": `.
        const std::size_t line_start = text.rfind('\n', text.find(R"("ages": "16-21")")) + 1;
        const std::size_t value = text.find(R"("16-21")") - line_start + 1;
        CHECK(e.problems().front().column == value);
        CHECK(e.source_name() == path.string());
    }
}

TEST_CASE("validate_json_file reports warnings of a good file and no errors") {
    const auto problems = samkart::validate_json_file(test_data / "good" / "small.json");
    for (const auto& p : problems) {
        INFO(p.to_string());
        CHECK(p.severity == samkart::Severity::WARNING);
    }
}

TEST_CASE("the locator finds values through nesting and escapes") {
    const std::string text =
        "{\n"
        "  \"a\": {\"b\\\"c\": [1, [2, \"]}\\\\\"], {\"d\": 4}]},\n"  // key b"c, a string "]}\"
        "  \"e/f\": \"x\", \"g~h\": [\n"
        "    true,\n"
        "    {\"\\u00f8\": null}\n"
        "  ],\n"
        "  \"a\": {\"late\": 1}\n"  // a duplicate key: the last one counts
        "}\n";
    CHECK(locate(text, "") == TextPosition{1, 1});
    CHECK(locate(text, "/e~1f") == TextPosition{3, 10});
    CHECK(locate(text, "/g~0h") == TextPosition{3, 22});
    CHECK(locate(text, "/g~0h/0") == TextPosition{4, 5});
    CHECK(locate(text, "/g~0h/1") == TextPosition{5, 5});
    CHECK(locate(text, "/g~0h/1/ø") == TextPosition{5, 16});  // \u00f8 is ø
    CHECK(locate(text, "/a") == TextPosition{7, 8});
    CHECK(locate(text, "/a/late") == TextPosition{7, 17});

    const std::string first = "{\"a\": {\"b\\\"c\": [1, [2, \"]}\\\\\"], {\"d\": 4}]}}";
    CHECK(locate(first, "/a/b\"c") == TextPosition{1, 16});
    CHECK(locate(first, "/a/b\"c/1") == TextPosition{1, 20});
    CHECK(locate(first, "/a/b\"c/1/1") == TextPosition{1, 24});
    CHECK(locate(first, "/a/b\"c/2") == TextPosition{1, 33});
    CHECK(locate(first, "/a/b\"c/2/d") == TextPosition{1, 39});

    // What does not resolve gives the deepest value that does.
    CHECK(locate(first, "/a/missing") == TextPosition{1, 7});
    CHECK(locate(first, "/a/b\"c/9") == TextPosition{1, 16});
    CHECK(locate(first, "/a/b\"c/-") == TextPosition{1, 16});
    CHECK(locate(first, "/a/b\"c/01") == TextPosition{1, 16});
    CHECK(locate(first, "/a/b\"c/0/deeper") == TextPosition{1, 17});
    CHECK(locate(first, "no slash") == TextPosition{1, 1});
}

TEST_CASE("the locator counts columns in characters and skips a byte order mark") {
    const std::string text = "\xEF\xBB\xBF{\"navn\": \"Kragerø\", \"nr\": 3814}";
    CHECK(locate(text, "") == TextPosition{1, 1});
    CHECK(locate(text, "/nr") == TextPosition{1, 27});
    CHECK(samkart::detail::position_of("æøå\nx", 6) == TextPosition{1, 4});
    CHECK(samkart::detail::position_of("æøå\nx", 7) == TextPosition{2, 1});
    CHECK(samkart::detail::position_of("æ", 1) == TextPosition{1, 1});  // inside a character
    CHECK(samkart::detail::position_of("ab", 99) == TextPosition{1, 3});
}

TEST_CASE("the locator survives malformed text") {
    const std::string valid = slurp(test_data / "good" / "small.json");
    const char* pointers[] = {"", "/actors/4/name", "/links/0/until", "/x/y/z", "/areas/2/population/0"};
    // Every prefix of a valid document: all the ways a file can be cut short.
    for (std::size_t n = 0; n <= valid.size(); n += 7)
        for (const char* p : pointers) CHECK(locate(valid.substr(0, n), p).line >= 1);
    // Garbage and unbalanced nesting.
    const char* odd[] = {"{", "[", "}", "]]]]", "{\"a\"", "{\"a\":", "{\"a\" 1}", "[1,,,]", "\"\\",
                         "{\"a\\u12", "{\"actors\": [[[[", "{\"actors\": \"unterminated", "\\\\\\", ":::"};
    for (const char* text : odd)
        for (const char* p : pointers) CHECK(locate(text, p).line == 1);
    // Random bytes.
    std::mt19937 gen(42);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int k = 0; k < 200; ++k) {
        std::string text(64, ' ');
        for (auto& c : text) c = static_cast<char>(byte(gen));
        for (const char* p : pointers) CHECK(locate(text, p).line >= 1);
    }
}

TEST_CASE("find_invalid_utf8 follows the Unicode table of well-formed sequences") {
    using samkart::detail::find_invalid_utf8;
    constexpr auto none = std::string_view::npos;
    CHECK(find_invalid_utf8("plain ascii") == none);
    CHECK(find_invalid_utf8("Kragerø æ 日本 😀") == none);
    CHECK(find_invalid_utf8("Krager\xF8") == 6);          // Latin-1 ø
    CHECK(find_invalid_utf8("ab\xC0\x80") == 2);           // overlong NUL
    CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);         // a surrogate
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);     // above U+10FFFF
    CHECK(find_invalid_utf8("ok\xE2\x82") == 2);           // cut short
    CHECK(find_invalid_utf8("\x80") == 0);                 // a lone continuation byte
}

namespace {

/// Every field of `r` that still holds the default of a fresh record, by name.
template <class Record>
std::vector<std::string> fields_left_at_default(const Record& r) {
    const Record defaults{};
    std::vector<std::string> out;
    samkart::for_each_field<Record>([&](const samkart::FieldInfo& info, auto member) {
        if (r.*member == defaults.*member) out.emplace_back(info.name);
    });
    return out;
}

/// A landscape in which every field of every record type holds a value other than its default,
/// and the model accepts it.
samkart::LandscapeRecords every_field_set() {
    using namespace samkart;
    LandscapeRecords r;
    r.name = "every field";
    r.year = 2024;
    r.currency = "DKK";
    r.areas.push_back({.id = "40", .name = "Vestfold og Telemark", .kind = AreaKind::COUNTY,
                       .parent = "0", .population = {{.ages = {16, 25}, .count = 52000.5}},
                       .mapping = MappingStatus::PARTIAL, .mapped = {"follow_up_service"},
                       .illustrative = true, .citation = "001"});
    r.areas.push_back({.id = "0", .name = "Norge", .kind = AreaKind::COUNTRY,
                       .population = {{.ages = {0, 120}, .count = 5500000}},
                       .mapping = MappingStatus::NONE, .illustrative = true,
                       .citation = "002"});
    // The unit first, so that the first actor holds every field (part_of may refer forward).
    r.actors.push_back({.id = "ot-unit", .name = "OT Skien", .sector = "school",
                        .owner = Owner::STATE, .areas = {"0"}, .ages = AgeRange{16, 20},
                        .part_of = "ot", .illustrative = true, .citation = "x"});
    r.actors.push_back({.id = "ot", .name = "OT Vestfold og Telemark", .sector = "follow_up_service",
                        .owner = Owner::COUNTY, .areas = {"40"}, .ages = AgeRange{15, 21},
                        .illustrative = true, .citation = "002 §5.3"});
    r.measures.push_back({.id = "m1", .name = "Samtalegruppe", .level = Level::INTENSIVE,
                          .providers = {"ot"}, .areas = {"40"}, .ages = AgeRange{16, 19},
                          .targets = {"neet"}, .capacity = 40.5, .participants = 12,
                          .participants_kind = CountKind::STOCK, .participants_of = "m2",
                          .cost = 1.25e6, .keys = {Key::INNOVATION}, .tees = {Tee::TAILORED},
                          .status = MeasureStatus::PILOT, .since = "2023-01-01",
                          .until = "2025-12-31", .illustrative = true, .citation = "003"});
    r.measures.push_back({.id = "m2", .name = "Los", .level = Level::EARLY, .providers = {"ot-unit"},
                          .areas = {"0"}, .ages = AgeRange{15, 24}, .targets = {"dropout_risk"},
                          .capacity = 100, .participants = 80, .participants_kind = CountKind::STOCK,
                          .cost = 2, .keys = {Key::PARTICIPATION},
                          .tees = {Tee::EARLY}, .status = MeasureStatus::PILOT,
                          .since = "2020-02-29", .until = "2030-01-01", .illustrative = true,
                          .citation = "004"});
    r.links.push_back({.source = "ot", .target = "ot-unit", .kind = LinkKind::REFERRAL,
                       .formal = true, .coordinator = "ot", .consent = true,
                       .legal_basis = "opplæringslova § 3-6", .intensity = Intensity::INTEGRATION,
                       .trust = 3.5, .value = 2, .since = "2019-08-01", .until = "2026-06-30",
                       .illustrative = true, .citation = "005"});
    r.transitions.push_back({.source = "ot", .target = "ot-unit", .volume = 35.5, .reason = "dropout",
                             .ages = AgeRange{17, 19}, .illustrative = true, .citation = "006"});
    r.indicators.push_back({.area = "40", .key = "neet_count_16_25", .value = 4200,
                            .comparator = Comparator::MORE_THAN, .year = 2019,
                            .source = "002 §5", .count = CountKind::FLOW,
                            .subset_of = "population_16_25", .illustrative = true});
    r.indicators.push_back({.area = "40", .key = "population_16_25", .value = 52000.5, .year = 2019,
                            .source = "SSB", .count = CountKind::FLOW, .subset_of = "everyone",
                            .illustrative = true});
    r.indicators.push_back({.area = "40", .key = "everyone", .value = 5500000, .year = 2019,
                            .count = CountKind::FLOW});
    return r;
}

}  // namespace

TEST_CASE("every field of every record type survives a round trip through JSON") {
    const samkart::LandscapeRecords records = every_field_set();
    // The test sets every field in at least one record of each type: a field added to the table
    // but not here fails this first.
    const auto all_set = [](const auto& list) {
        using Record = typename std::decay_t<decltype(list)>::value_type;
        std::string left;
        for (const auto& f : samkart::field_infos<Record>()) {
            const bool everywhere = std::all_of(list.begin(), list.end(), [&f](const Record& rec) {
                const auto names = fields_left_at_default(rec);
                return std::find(names.begin(), names.end(), f.name) != names.end();
            });
            if (everywhere) left += " " + std::string(f.name);
        }
        INFO("record ", samkart::Schema<Record>::record, ", left at the default:", left);
        CHECK(left.empty());
    };
    all_set(records.areas);
    all_set(records.areas[0].population);
    all_set(records.actors);
    all_set(records.measures);
    all_set(records.links);
    all_set(records.transitions);
    all_set(records.indicators);

    const Landscape land = Landscape::from_records(records);
    for (const int indent : {2, -1}) {
        const std::string text = samkart::to_json_string(land, indent);
        const Landscape back = samkart::from_json_string(text);
        CHECK(back.records() == land.records());
        CHECK(samkart::to_json_string(back, indent) == text);
    }
    // Each field appears in the text under its name from the table.
    const auto doc = nlohmann::json::parse(samkart::to_json_string(land));
    samkart::for_each_collection(records, [&doc](const auto& list) {
        using Record = typename std::decay_t<decltype(list)>::value_type;
        const auto& written = doc.at(std::string(samkart::Schema<Record>::collection));
        for (const auto& f : samkart::field_infos<Record>()) {
            INFO(samkart::Schema<Record>::record, ".", f.name);
            CHECK(std::any_of(written.begin(), written.end(), [&f](const nlohmann::json& o) {
                return o.contains(std::string(f.name));
            }));
        }
    });
}

TEST_CASE("fields at their defaults are left out, other values of the new fields are written") {
    samkart::LandscapeRecords r = every_field_set();
    r.areas[0].mapping = samkart::MappingStatus::COMPLETE;
    r.areas[0].mapped.clear();
    r.measures[0].status = samkart::MeasureStatus::ACTIVE;
    r.measures[0].participants_kind = samkart::CountKind::FLOW;
    r.measures[0].participants_of.reset();  // a flow is no subset of m2's stock
    r.indicators[0].count.reset();
    r.indicators[0].subset_of.reset();
    const auto doc = nlohmann::json::parse(samkart::to_json_string(Landscape::from_records(r)));
    CHECK_FALSE(doc["areas"][0].contains("mapping"));
    CHECK_FALSE(doc["areas"][0].contains("mapped"));
    CHECK(doc["areas"][1]["mapping"] == "none");
    CHECK_FALSE(doc["measures"][0].contains("status"));
    CHECK_FALSE(doc["measures"][0].contains("participants_kind"));
    CHECK(doc["measures"][1]["status"] == "pilot");
    CHECK(doc["measures"][1]["participants_kind"] == "stock");
    CHECK(doc["measures"][1]["since"] == "2020-02-29");
    CHECK_FALSE(doc["indicators"][0].contains("count"));
    CHECK(doc["indicators"][1]["count"] == "flow");
    CHECK(doc["indicators"][1]["subset_of"] == "everyone");
}

TEST_CASE("the reader checks the new fields' types and vocabularies") {
    const auto schema_message = [](const std::string& text) -> std::string {
        try {
            (void)samkart::from_json_string(text);
        } catch (const samkart::SchemaError& e) {
            return e.what();
        }
        return "no SchemaError";
    };
    const std::string head = R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county"}], )";
    std::string m = schema_message(head + R"("measures": [{"id": "m", "name": "M", "level": 1, "providers": ["a"], "status": "pilott"}]})");
    CHECK(m.find("measures[0] 'm', field 'status': unknown value 'pilott'; expected one of "
                 "active|pilot|proposed|ended; did you mean 'pilot'?") != std::string::npos);
    m = schema_message(head + R"("measures": [{"id": "m", "name": "M", "level": 1, "providers": ["a"], "participants_kind": "stok"}]})");
    CHECK(m.find("did you mean 'stock'?") != std::string::npos);
    m = schema_message(head + R"("measures": [{"id": "m", "name": "M", "level": 1, "providers": ["a"], "since": 2020}]})");
    CHECK(m.find("field 'since': expected a date \"YYYY-MM-DD\" (or leave the field out), got the number 2020") != std::string::npos);
    m = schema_message(R"({"samkart": 1, "name": "x", "areas": [{"id": "1", "name": "A", "kind": "county", "mapped": "school"}]})");
    CHECK(m.find("areas[0] '1', field 'mapped': expected a list of mapped sectors, got the string \"school\"") != std::string::npos);
    m = schema_message(R"({"samkart": 1, "name": "x", "areas": [{"id": "1", "name": "A", "kind": "county", "maping": "none"}]})");
    CHECK(m.find("unknown field 'maping'; did you mean 'mapping'?") != std::string::npos);
    m = schema_message(head + R"("indicators": [{"area": "1", "key": "k", "value": 1, "count": 3}]})");
    CHECK(m.find("field 'count': expected one of flow|stock, got the number 3") != std::string::npos);
    m = schema_message(R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "part_of": ["b"]}]})");
    CHECK(m.find("actors[0] 'a', field 'part_of': expected an actor id (or leave the field out), got an array") != std::string::npos);
}

TEST_CASE("valid_utf8 replaces each ill-formed subpart with U+FFFD and keeps the rest") {
    using samkart::detail::valid_utf8;
    const std::string fffd = "\xEF\xBF\xBD";
    CHECK(valid_utf8("Kragerø") == "Kragerø");
    CHECK(valid_utf8("") == "");
    CHECK(valid_utf8("Krager\xC3") == "Krager" + fffd);             // cut after a lead byte
    CHECK(valid_utf8("\xE2\x82") == fffd);                           // 2 of 3 bytes: one subpart
    CHECK(valid_utf8("\xE2\x82x") == fffd + "x");
    CHECK(valid_utf8("\xF0\x9F\x98") == fffd);                       // 3 of 4 bytes
    CHECK(valid_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");     // U+1F600 whole
    CHECK(valid_utf8("\xC0\xAF") == fffd + fffd);                    // overlong '/': two subparts
    CHECK(valid_utf8("\xED\xA0\x80") == fffd + fffd + fffd);         // a surrogate
    CHECK(valid_utf8("a\xF8" "b") == "a" + fffd + "b");              // Latin-1 ø
    CHECK(samkart::detail::find_invalid_utf8(valid_utf8("\xFF\xC3\xE2\x82\xF4\x90")) ==
          std::string_view::npos);
}

namespace {

/// Every message of an error, whole and by problem, for checks on their text.
std::vector<std::string> messages_of(const std::string& text) {
    try {
        (void)samkart::from_json_string(text, "mutated");
    } catch (const samkart::SchemaError& e) {
        std::vector<std::string> out{e.what(), e.source_name()};
        for (const auto& p : e.problems()) {
            out.push_back(p.pointer);
            out.push_back(p.message);
        }
        return out;
    } catch (const samkart::ValidationError& e) {
        std::vector<std::string> out{e.what()};
        for (const auto& p : e.problems()) out.push_back(p.to_string());
        return out;
    }
    return {};
}

bool all_valid_utf8(const std::vector<std::string>& messages) {
    return std::all_of(messages.begin(), messages.end(), [](const std::string& m) {
        return samkart::detail::find_invalid_utf8(m) == std::string_view::npos;
    });
}

}  // namespace

TEST_CASE("a syntax error that quotes part of a UTF-8 sequence gives a message of valid UTF-8") {
    // The parser quotes the last bytes it read: here the first byte of 'ø' (0xC3 0xB8), where
    // a value should start. Before the fix the message ended inside the sequence.
    const auto messages = messages_of("{\"samkart\": 1, \"name\": \xC3\xB8}");
    REQUIRE_FALSE(messages.empty());
    CHECK(messages[0].find("not valid JSON") != std::string::npos);
    CHECK(all_valid_utf8(messages));
}

TEST_CASE("random byte mutations of the example file: valid messages, and the fast path agrees") {
    const std::string original = slurp(fs::path(SAMKART_EXAMPLE_DATA) / "vestfold_telemark.json");
    // The first bytes of the UTF-8 sequences of the file: a mutation just before one (deleting
    // the quote that opens "Øvre", say) makes the parser quote a split sequence.
    std::vector<std::size_t> multibyte;
    for (std::size_t i = 1; i < original.size(); ++i)
        if (static_cast<unsigned char>(original[i]) >= 0xC0) multibyte.push_back(i);
    REQUIRE_FALSE(multibyte.empty());
    std::mt19937 random(20261202);
    std::size_t failed = 0;
    std::size_t fast_reads = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string text = original;
        // Half at any byte, half just before or at the start of a multi-byte sequence.
        const std::size_t at = round % 2 == 0
                                   ? random() % text.size()
                                   : multibyte[random() % multibyte.size()] - random() % 2;
        const int kind = static_cast<int>(random() % 3);
        if (kind == 0) {
            text[at] = static_cast<char>(random() % 256);
        } else if (kind == 1) {
            text.erase(at, 1);
        } else {
            text.insert(at, 1, static_cast<char>(random() % 256));
        }
        // Where the fast path reads records, the careful passes read the same ones.
        if (const auto fast = samkart::detail::read_records_fast(text)) {
            ++fast_reads;
            INFO("round ", round, " at byte ", at);
            CHECK_NOTHROW(CHECK(*fast == samkart::detail::read_records_carefully(text)));
        }
        const auto messages = messages_of(text);
        if (!all_valid_utf8(messages)) {
            ++failed;
            INFO("round ", round, " at byte ", at);
            CHECK(all_valid_utf8(messages));
        }
    }
    CHECK(failed == 0);
    CHECK(fast_reads > 100);  // many mutations leave valid JSON (a changed letter of a name)
}

TEST_CASE("the fast path and the careful passes read the same records from valid input") {
    const std::vector<std::string> texts = {
        slurp(test_data / "good" / "small.json"),
        slurp(fs::path(SAMKART_EXAMPLE_DATA) / "vestfold_telemark.json"),
        samkart::to_json_string(Landscape::from_records(every_field_set())),
        samkart::to_json_string(Landscape::from_records(every_field_set()), -1),
        // Level names, whole-number floats, a byte order mark, fields in another order.
        "\xEF\xBB\xBF{\"name\": \"x\", \"samkart\": 1.0, \"year\": 2020.0, \"measures\": [], "
        "\"areas\": [{\"population\": [{\"count\": 3, \"ages\": [0.0, 5]}], \"kind\": \"county\", "
        "\"name\": \"A\", \"id\": \"1\"}], \"indicators\": [{\"value\": 18446744073709551615, "
        "\"key\": \"k\", \"area\": \"1\", \"year\": 2019}]}",
    };
    for (const auto& text : texts) {
        const auto fast = samkart::detail::read_records_fast(text);
        REQUIRE(fast.has_value());
        CHECK(*fast == samkart::detail::read_records_carefully(text));
    }
}

TEST_CASE("the fast path gives up on every file of the corpus with a schema problem") {
    const auto m = nlohmann::json::parse(slurp(test_data / "bad" / "expected.json"));
    std::size_t schema_files = 0;
    for (const auto& [name, entry] : m.items()) {
        INFO("file: ", name);
        const std::string text = slurp(test_data / "bad" / name);
        if (entry.at("error") == "SchemaError") {
            ++schema_files;
            CHECK_FALSE(samkart::detail::read_records_fast(text).has_value());
        } else {  // a model problem: the fast path reads the records the model then refuses
            const auto fast = samkart::detail::read_records_fast(text);
            REQUIRE(fast.has_value());
            CHECK(*fast == samkart::detail::read_records_carefully(text));
        }
    }
    CHECK(schema_files >= 10);
    // And on each kind of problem the careful passes report, in a valid neighbour.
    const std::string ok = R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county"}]})";
    REQUIRE(samkart::detail::read_records_fast(ok).has_value());
    for (const std::string bad : {
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "ages": null}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "owner": "state"}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "County"}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A"}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "ages": [1, 2, 3]}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "ages": [1, 2.5]}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "areas": "1"}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "areas": [1]}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "areas": [[]]}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "illustrative": 1}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "x": 1}]})",
             R"({"samkart": 1, "name": "x", "actors": [{"id": "a", "name": "A", "owner": "county", "part_of": {}}]})",
             R"({"samkart": 1, "name": "x", "actors": [1]})",
             R"({"samkart": 1, "name": "x", "actors": {}})",
             R"({"samkart": 2, "name": "x"})",
             R"({"name": "x"})",
             R"({"samkart": 1})",
             R"({"samkart": 1, "name": "x", "year": 2020.5})",
             R"({"samkart": 1, "name": "x", "currency": 3})",
             R"({"samkart": 1, "name": "x", "extra": 3})",
             R"({"samkart": 1, "name": "x", "name": "y"})",
             R"({"samkart": 1, "name": "x"} [])",
             R"([{"samkart": 1, "name": "x"}])",
             R"({"samkart": 1, "name": "x", "measures": [{"id": "m", "name": "M", "level": "intensiv", "providers": ["a"]}]})",
             R"({"samkart": 1, "name": "x", "measures": [{"id": "m", "name": "M", "level": 300, "providers": ["a"]}]})",
             R"({"samkart": 1, "name": "x", "measures": [{"id": "m", "name": "M", "level": 1, "providers": ["a"], "keys": ["x"]}]})",
             R"({"samkart": 1, "name": "x", "measures": [{"id": "m", "name": "M", "level": 1, "providers": ["a"], "cost": "3"}]})",
             R"({"samkart": 1, "name": "x", "areas": [{"id": "1", "name": "A", "kind": "county", "population": [{"ages": [0, 5]}]}]})",
             R"({"samkart": 1, "name": "x", "areas": [{"id": "1", "name": "A", "kind": "county", "population": [{"ages": [0, 5], "count": 1, "n": 2}]}]})",
             R"({"samkart": 1, "name": "x", "areas": [{"id": "1", "name": "A", "kind": "county", "population": [3]}]})",
             R"({"samkart": 1, "name": "x", "indicators": [{"area": "1", "key": "k", "value": 1, "year": 3000000000}]})",
         }) {
        INFO(bad);
        CHECK_FALSE(samkart::detail::read_records_fast(bad).has_value());
        CHECK_THROWS_AS((void)samkart::detail::read_records_carefully(bad), samkart::SchemaError);
    }
}

TEST_CASE("the writer lays text out as nlohmann/json's dump does, for every indent") {
    samkart::LandscapeRecords r = every_field_set();
    r.name = "tab\t nl\n quote\" backslash\\ slash/ ctrl\x01\x1f del\x7f ø € 😀";
    r.actors[0].citation = "\b\f\r";
    r.measures[0].cost = 0.1;
    r.measures[1].cost = 1e300;
    r.measures[1].capacity = 123456789.125;
    r.indicators[0].value = -2.5e-7;
    const Landscape every = Landscape::from_records(r);
    const Landscape small = samkart::read_json(test_data / "good" / "small.json");
    const Landscape vt = samkart::read_json(fs::path(SAMKART_EXAMPLE_DATA) / "vestfold_telemark.json");
    for (const Landscape* land : {&every, &small, &vt}) {
        for (const int indent : {2, -1, 0, 4}) {
            INFO("indent ", indent);
            const std::string text = samkart::to_json_string(*land, indent);
            CHECK(text == nlohmann::ordered_json::parse(text).dump(indent) + "\n");
        }
    }
    const auto back = samkart::from_json_string(samkart::to_json_string(every));
    CHECK(back.records() == every.records());
}

TEST_CASE("the writer refuses a string that is not UTF-8, naming the landscape") {
    samkart::LandscapeRecords r;
    r.name = "Kragerø";
    r.actors.push_back({.id = "a", .name = "Krager\xF8", .owner = samkart::Owner::COUNTY});
    const Landscape land = Landscape::from_records(r);
    try {
        (void)samkart::to_json_string(land);
        FAIL("expected an Error");
    } catch (const samkart::Error& e) {
        const std::string m = e.what();
        CHECK(m.find("cannot write the landscape 'Kragerø' as JSON: a string is not valid UTF-8") !=
              std::string::npos);
        CHECK(m.find("0xF8") != std::string::npos);
        CHECK(samkart::detail::find_invalid_utf8(m) == std::string_view::npos);
    }
}

TEST_CASE("the fast path and the careful passes agree on records with one field changed at random") {
    const auto original = nlohmann::ordered_json::parse(slurp(test_data / "good" / "small.json"));
    const std::vector<nlohmann::ordered_json> values = {
        nullptr, true, false, 0, 3, -1, 2.5, 2019.0, 4294967296LL, 1e300, "text", "", "county",
        "early", "stock", "pilot", "partial", "ot-skien", "3807", nlohmann::ordered_json::array(),
        {"a"}, {1, 2}, {16, 21}, {16.0, 21}, {16, 21, 3}, nlohmann::ordered_json::object(),
        nlohmann::ordered_json::array({{{"ages", {1, 2}}, {"count", 3}}}),
        nlohmann::ordered_json::array({{{"ages", {1, 2}}}}), {"participation", "innovation"}};
    std::mt19937 random(7);
    std::size_t valid = 0;
    std::size_t invalid = 0;
    for (int round = 0; round < 3000; ++round) {
        auto doc = original;
        const auto& schemas = samkart::record_schemas();
        const auto& rs = schemas[random() % schemas.size()];
        auto& list = doc[std::string(rs.collection)];
        if (!list.is_array() || list.empty()) continue;
        auto& record = list[random() % list.size()];
        std::string key = random() % 10 == 0 ? std::string("bogus")
                                              : std::string(rs.fields[random() % rs.fields.size()].name);
        if (random() % 8 == 0) {
            record.erase(key);
        } else {
            record[key] = values[random() % values.size()];
        }
        const std::string text = doc.dump(random() % 2 == 0 ? 2 : -1);
        INFO("round ", round, ": ", rs.collection, ".", key, " in ", text);
        const auto fast = samkart::detail::read_records_fast(text);
        try {
            const auto careful = samkart::detail::read_records_carefully(text);
            ++valid;
            REQUIRE(fast.has_value());
            CHECK(*fast == careful);
        } catch (const samkart::SchemaError&) {
            ++invalid;
            CHECK_FALSE(fast.has_value());
        }
    }
    CHECK(valid > 300);
    CHECK(invalid > 300);
}
