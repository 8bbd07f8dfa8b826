// The field table (samkart/core/schema.hpp): its rows are consistent with themselves and with
// the vocabularies. That every field reaches every reader and writer is checked where those
// are tested (round trips with every field set).

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "samkart/core/errors.hpp"
#include "samkart/core/schema.hpp"

using namespace samkart;

TEST_CASE("schema: each collection once, in landscape order") {
    const auto all = record_schemas();
    REQUIRE(all.size() == 6);
    CHECK(all[0].collection == "areas");
    CHECK(all[2].collection == "measures");
    CHECK(all[5].collection == "indicators");
    CHECK(find_record_schema("links") == &all[3]);
    CHECK(find_record_schema("link") == nullptr);
    CHECK(population_band_schema().fields.size() == 2);
}

TEST_CASE("schema: rows are well-formed") {
    std::vector<RecordSchema> all(record_schemas().begin(), record_schemas().end());
    all.push_back(population_band_schema());
    for (const auto& s : all) {
        std::set<std::string> names;
        for (const auto& f : s.fields) {
            CAPTURE(s.collection);
            CAPTURE(f.name);
            CHECK(names.insert(std::string(f.name)).second);  // unique
            CHECK(!f.description.empty());
            CHECK(!f.nb.empty());
            CHECK(!f.da.empty());
            CHECK(!f.en.empty());
            CHECK(f.label("nb") == f.nb);
            const bool ref = f.type == FieldType::REF || f.type == FieldType::REF_LIST;
            CHECK(ref == !f.refers_to.empty());
            if (ref) CHECK(find_record_schema(f.refers_to) != nullptr);
            const bool closed = f.type == FieldType::ENUM || f.type == FieldType::ENUM_LIST;
            if (closed) {
                REQUIRE(static_cast<bool>(f.vocabulary));
                CHECK(!f.open_vocabulary);
            }
            // A default of a closed vocabulary is one of its names.
            if (closed && !f.default_value.empty() && f.type == FieldType::ENUM)
                CHECK(find_term(f.vocabulary(), f.default_value) != nullptr);
            if (f.open_vocabulary) CHECK(static_cast<bool>(f.vocabulary));
        }
    }
    CHECK_THROWS_AS((void)record_schema<Actor>().fields[0].label("sv"), ArgumentError);
}

TEST_CASE("schema: for_each_field visits every row with its member") {
    Measure m;
    m.id = "m1";
    m.participants = 12;
    std::size_t n = 0;
    std::string seen;
    for_each_field<Measure>([&](const FieldInfo& f, auto member) {
        ++n;
        using V = std::remove_cvref_t<decltype(m.*member)>;
        if constexpr (std::is_same_v<V, std::string>)
            if (f.name == "id") seen = m.*member;
        if constexpr (std::is_same_v<V, std::optional<double>>)
            if (f.name == "participants") CHECK(*(m.*member) == 12);
    });
    CHECK(n == record_schema<Measure>().fields.size());
    CHECK(seen == "m1");
    CHECK(to_string(FieldType::REF_LIST) == "ref_list");
}
