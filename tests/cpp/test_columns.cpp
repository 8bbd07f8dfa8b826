// The columnar conversion (samkart/io/columns.hpp): every field of every record type survives
// records → columns → records, the columns have the documented shapes, and bad columns give
// problems naming the collection, the row and the field.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "samkart/core/errors.hpp"
#include "samkart/datasets.hpp"
#include "samkart/io/columns.hpp"

using namespace samkart;

namespace {

/// Every field of every record type set, each to a value other than its default.
LandscapeRecords everything() {
    LandscapeRecords r;
    r.name = "Alt";
    r.year = 2024;
    r.currency = "DKK";
    r.areas.push_back({.id = "40", .name = "Fylket", .kind = AreaKind::COUNTY});
    r.areas.push_back({.id = "3807", .name = "Skien", .kind = AreaKind::DISTRICT, .parent = "40",
                       .population = {{AgeRange{16, 25}, 52000}, {AgeRange{0, 5}, 12.5}},
                       .mapping = MappingStatus::PARTIAL, .mapped = {"primary_school", "county"},
                       .illustrative = true, .citation = "001"});
    r.actors.push_back({.id = "ot", .name = "OT", .sector = "follow_up_service",
                        .owner = Owner::VOLUNTARY, .areas = {"3807", "40"}, .ages = AgeRange{16, 21},
                        .part_of = "nav", .illustrative = true, .citation = "002 §5.3"});
    r.actors.push_back({.id = "nav", .name = "NAV", .owner = Owner::STATE});
    r.measures.push_back({.id = "m1", .name = "Samtalegruppe", .level = Level::INTENSIVE,
                          .providers = {"ot", "nav"}, .areas = {"3807"}, .ages = AgeRange{0, 120},
                          .targets = {"neet", "own target"}, .capacity = 40, .participants = 12.5,
                          .participants_kind = CountKind::STOCK, .participants_of = "m2",
                          .cost = 1e6, .keys = {Key::INNOVATION, Key::COLLABORATION},
                          .tees = {Tee::CROSS_SECTOR}, .status = MeasureStatus::ENDED,
                          .since = "2020-01-01", .until = "2024-06-30", .illustrative = true,
                          .citation = "x"});
    r.measures.push_back({.id = "m2", .name = "M2", .level = Level::UNIVERSAL, .providers = {"nav"},
                          .participants = 20, .participants_kind = CountKind::STOCK});
    r.links.push_back({.source = "ot", .target = "nav", .kind = LinkKind::CO_LOCATION, .formal = true,
                       .coordinator = "nav", .consent = true, .legal_basis = "§ 3-6",
                       .intensity = Intensity::INTEGRATION, .trust = 0, .value = 3.5,
                       .since = "2020-02-29", .until = "2021-01-01", .illustrative = true,
                       .citation = "004"});
    r.transitions.push_back({.source = "ot", .target = "nav", .volume = 0, .reason = "age_limit",
                             .ages = AgeRange{21, 21}, .illustrative = true, .citation = "c"});
    r.indicators.push_back({.area = "3807", .key = "neet", .value = -4.25,
                            .comparator = Comparator::AT_MOST, .year = 2019,
                            .source = "002 §5", .count = CountKind::FLOW, .subset_of = "young",
                            .illustrative = true});
    r.indicators.push_back({.area = "3807", .key = "young", .value = 10, .year = 2019,
                            .count = CountKind::FLOW});
    return r;
}

const Column& column(const LandscapeColumns& c, std::string_view collection, std::string_view name) {
    for (const auto& t : c.collections)
        if (t.collection == collection)
            if (const Column* col = t.find(name)) return *col;
    FAIL("no column " << collection << "." << name);
    throw 0;
}

/// The problems of reading `columns`, or an empty list.
std::vector<SchemaError::Location> problems_of(const LandscapeColumns& columns) {
    try {
        (void)records_from_columns(columns, "<test>");
    } catch (const SchemaError& e) {
        CHECK(e.source_name() == "<test>");
        return e.problems();
    }
    return {};
}

bool has(const std::vector<SchemaError::Location>& problems, std::string_view pointer,
         std::string_view text) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) {
        return p.pointer == pointer && p.message.find(text) != std::string::npos;
    });
}

LandscapeColumns actors_only(std::vector<Column> columns, std::size_t rows) {
    LandscapeColumns c{"x", std::nullopt, "NOK", {}};
    c.collections.push_back({"actors", rows, std::move(columns)});
    return c;
}

Column strings(std::string name, std::vector<std::string> values) {
    Column c{.name = std::move(name)};
    for (std::size_t i = 0; i < values.size(); ++i) c.codes.push_back(static_cast<std::int32_t>(i));
    c.names = std::move(values);
    return c;
}

Column numbers(std::string name, std::vector<double> values) {
    return {.name = std::move(name), .kind = ColumnKind::NUMBERS, .numbers = std::move(values)};
}

}  // namespace

TEST_CASE("columns: every field of every record type round-trips") {
    const LandscapeRecords records = everything();
    // The fixture really sets every field: each differs from a default-made record.
    for_each_field<Measure>([&](const FieldInfo& info, auto member) {
        CAPTURE(info.name);
        CHECK(records.measures[0].*member != Measure{}.*member);
    });
    for_each_field<Area>([&](const FieldInfo& info, auto member) {
        CAPTURE(info.name);
        CHECK(records.areas[1].*member != Area{}.*member);
    });
    for_each_field<Actor>([&](const FieldInfo& info, auto member) {
        CAPTURE(info.name);
        CHECK(records.actors[0].*member != Actor{}.*member);
    });
    for_each_field<Link>([&](const FieldInfo& info, auto member) {
        CAPTURE(info.name);
        if (info.name != "trust") CHECK(records.links[0].*member != Link{}.*member);  // 0 ≠ absent
    });
    for_each_field<Transition>([&](const FieldInfo& info, auto member) {
        CAPTURE(info.name);
        CHECK(records.transitions[0].*member != Transition{}.*member);
    });
    for_each_field<Indicator>([&](const FieldInfo& info, auto member) {
        CAPTURE(info.name);
        CHECK(records.indicators[0].*member != Indicator{}.*member);
    });
    const LandscapeColumns columns = to_columns(records);
    CHECK(records_from_columns(columns) == records);
    // And through a Landscape, which checks the model.
    CHECK(from_columns(columns).records() == records);
}

TEST_CASE("columns: the shapes the file comment documents") {
    const LandscapeColumns c = to_columns(everything());
    REQUIRE(c.collections.size() == 6);
    CHECK(c.name == "Alt");
    CHECK(c.year == 2024);
    CHECK(c.currency == "DKK");
    for (const auto& t : c.collections) {
        std::vector<std::string> names;
        for (const auto& col : t.columns) names.push_back(col.name);
        CHECK(names == column_names(t.collection));
    }
    const Column& owner = column(c, "actors", "owner");
    CHECK(owner.kind == ColumnKind::STRINGS);
    CHECK(owner.names == std::vector<std::string>{"municipal", "county", "state", "private", "voluntary",
                                                  "self_governing"});
    CHECK(owner.codes == std::vector<std::int32_t>{4, 2});
    const Column& part_of = column(c, "actors", "part_of");
    CHECK(part_of.codes == std::vector<std::int32_t>{0, -1});
    CHECK(part_of.names == std::vector<std::string>{"nav"});
    const Column& age_min = column(c, "actors", "age_min");
    CHECK(age_min.kind == ColumnKind::NUMBERS);
    CHECK(age_min.numbers[0] == 16);
    CHECK(std::isnan(age_min.numbers[1]));
    CHECK(column(c, "actors", "age_max").numbers[0] == 21);
    const Column& areas = column(c, "actors", "areas");
    CHECK(areas.kind == ColumnKind::LISTS);
    CHECK(areas.offsets == std::vector<std::int64_t>{0, 2, 2});
    CHECK(areas.names == std::vector<std::string>{"3807", "40"});
    const Column& keys = column(c, "measures", "keys");
    CHECK(keys.codes == std::vector<std::int32_t>{2, 0});
    CHECK(column(c, "measures", "level").numbers == std::vector<double>{4, 1});
    CHECK(column(c, "links", "formal").kind == ColumnKind::BOOLS);
    CHECK(column(c, "links", "formal").numbers == std::vector<double>{1});
    const Column& population = column(c, "areas", "population");
    CHECK(population.kind == ColumnKind::BANDS);
    CHECK(population.offsets == std::vector<std::int64_t>{0, 0, 2});
    CHECK(population.numbers == std::vector<double>{16, 25, 52000, 0, 5, 12.5});
    CHECK(std::isnan(column(c, "measures", "capacity").numbers[1]));
    CHECK(column(c, "indicators", "year").numbers == std::vector<double>{2019, 2019});
}

TEST_CASE("columns: the Vestfold og Telemark data set round-trips") {
    const Landscape vt = datasets::vestfold_telemark();
    CHECK(from_columns(to_columns(vt.records())) == vt);
    const Landscape synthetic = datasets::synthetic(3, 8, 7);
    CHECK(from_columns(to_columns(synthetic.records())) == synthetic);
}

TEST_CASE("columns: absent columns are absent fields, a level may be given by name") {
    LandscapeColumns c{"x", std::nullopt, "NOK", {}};
    c.collections.push_back({"actors", 1, {strings("id", {"a"}), strings("name", {"A"}), strings("owner", {"state"})}});
    c.collections.push_back({"measures", 1, {strings("id", {"m"}), strings("name", {"M"}),
                                             strings("level", {"early"})}});
    Column providers{.name = "providers", .kind = ColumnKind::LISTS, .codes = {0}, .names = {"a"},
                     .offsets = {0, 1}};
    c.collections.back().columns.push_back(providers);
    const LandscapeRecords r = records_from_columns(c);
    REQUIRE(r.actors.size() == 1);
    CHECK(r.actors[0].owner == Owner::STATE);
    CHECK(!r.actors[0].ages);
    CHECK(r.actors[0].sector.empty());
    CHECK(r.measures[0].level == Level::EARLY);
    CHECK(r.measures[0].providers == std::vector<std::string>{"a"});
    CHECK(r.measures[0].status == MeasureStatus::ACTIVE);
}

TEST_CASE("columns: bad columns name the collection, the row and the field") {
    Column owner = strings("owner", {"state", "councl", "county"});
    Column age_min = numbers("age_min", {16, std::nan(""), 16.5});
    Column age_max = numbers("age_max", {20, 25, 20});
    Column illustrative = numbers("illustrative", {1, 0, std::nan("")});  // numbers, not bools
    Column knd = strings("knd", {"x", "y", "z"});
    Column areas{.name = "areas", .kind = ColumnKind::LISTS, .codes = {0}, .names = {"3807"},
                 .offsets = {0, 1, 1, 1},
                 .problems = {{.row = 2, .element = 1, .message = "expected a string, got the number 3"}}};
    const auto problems = problems_of(actors_only(
        {strings("id", {"a", "b", "x"}), owner, age_min, age_max, illustrative, knd, areas}, 3));
    // name is required and absent: one problem per row.
    CHECK(has(problems, "/actors/0/name", "actors[0] 'a', field 'name': missing required field 'name'"));
    CHECK(has(problems, "/actors/2/name", "no column 'name'"));
    CHECK(has(problems, "/actors/1/owner",
              "actors[1] 'b', field 'owner': unknown value 'councl'; expected one of "
              "municipal|county|state|private|voluntary|self_governing; did you mean 'county'?"));
    CHECK(has(problems, "/actors/1/ages", "expected [min, max], two whole numbers of years such as "
                                          "[16, 21], got only age_max"));
    CHECK(has(problems, "/actors/2/ages", "got [16.5, 20]"));
    CHECK(has(problems, "/actors/0/illustrative", "expected true or false, got the number 1"));
    CHECK(has(problems, "/actors/0/knd", "actors[0] 'a': unknown column 'knd'"));
    CHECK(has(problems, "/actors/2/areas/1", "actors[2] 'x', field 'areas': expected a string, got the number 3"));
    // A missing bool is false, not a problem.
    CHECK(!has(problems, "/actors/2/illustrative", ""));
    CHECK(problems.size() == 10);
}

TEST_CASE("columns: wrong shapes, unknown names in lists and unknown collections") {
    LandscapeColumns c = actors_only({strings("id", {"a"}), numbers("name", {3, 4})}, 1);
    Column keys{.name = "keys", .kind = ColumnKind::LISTS, .codes = {0, 1}, .names = {"innovation", "late"},
                .offsets = {0, 2}};
    c.collections.push_back({"measures", 1, {strings("id", {"m"}), strings("name", {"M"}),
                                             numbers("level", {2.5}), keys,
                                             strings("capacity", {"many"})}});
    c.collections.push_back({"people", 0, {}});
    const auto problems = problems_of(c);
    CHECK(has(problems, "/actors/name", "actors, column 'name': 2 values for 1 rows"));
    CHECK(has(problems, "/measures/0/keys/1", "measures[0] 'm', field 'keys': unknown value 'late'"));
    CHECK(has(problems, "/measures/0/level", "the level must be 1 (universal) to 4 (intensive), got the number 2.5"));
    CHECK(has(problems, "/measures/0/capacity", "expected a number, got the string \"many\""));
    CHECK(has(problems, "/measures/0/providers", "missing required field 'providers'"));
    CHECK(has(problems, "/people", "unknown collection 'people'"));
    CHECK_THROWS_AS((void)column_names("people"), ArgumentError);
    CHECK(column_field("actors", "age_max") == record_schema<Actor>().find("ages"));
    CHECK(column_field("actors", "ages") == nullptr);
}

TEST_CASE("columns: the model's problems come from Landscape::from_records") {
    LandscapeRecords r = everything();
    r.links[0].target = "nobody";
    CHECK_THROWS_AS((void)from_columns(to_columns(r)), ValidationError);
}

TEST_CASE("columns: strings are coded once per distinct string across blocks of records") {
    // 600 links (three blocks of 256 records in the writer) between two sources and 600
    // targets: the sources are coded 0, 1, 0, 1, ... with two names, each target is its own.
    LandscapeRecords r;
    r.name = "x";
    for (int i = 0; i < 600; ++i)
        r.links.push_back({.source = i % 2 == 0 ? "a" : "b", .target = "t" + std::to_string(i),
                           .coordinator =
                               i == 599 ? std::optional<std::string>("a") : std::nullopt});
    const LandscapeColumns c = to_columns(r);
    const Column& source = column(c, "links", "source");
    CHECK(source.names == std::vector<std::string>{"a", "b"});
    REQUIRE(source.codes.size() == 600);
    for (std::size_t i = 0; i < 600; ++i)
        CHECK(source.codes[i] == static_cast<std::int32_t>(i % 2));
    const Column& target = column(c, "links", "target");
    CHECK(target.names.size() == 600);
    CHECK(target.names[300] == "t300");
    CHECK(target.codes[300] == 300);
    const Column& coordinator = column(c, "links", "coordinator");
    CHECK(coordinator.names == std::vector<std::string>{"a"});
    CHECK(std::count(coordinator.codes.begin(), coordinator.codes.end(), -1) == 599);
    CHECK(coordinator.codes[599] == 0);
    CHECK(source.views.empty());  // to_columns owns its names
}

TEST_CASE("columns: to_column_views are to_columns with the names left as views") {
    const Landscape land = datasets::synthetic(8, 40, 3);
    const LandscapeColumns owned = to_columns(land.records());
    const LandscapeColumns views = to_column_views(land.records());
    REQUIRE(owned.collections.size() == views.collections.size());
    for (std::size_t t = 0; t < owned.collections.size(); ++t) {
        const auto& a = owned.collections[t];
        const auto& b = views.collections[t];
        CHECK(a.collection == b.collection);
        CHECK(a.rows == b.rows);
        REQUIRE(a.columns.size() == b.columns.size());
        for (std::size_t k = 0; k < a.columns.size(); ++k) {
            const Column& x = a.columns[k];
            const Column& y = b.columns[k];
            INFO(a.collection << "." << x.name);
            CHECK(x.name == y.name);
            CHECK(x.kind == y.kind);
            CHECK(x.codes == y.codes);
            CHECK(y.names.empty());
            CHECK(std::vector<std::string>(y.views.begin(), y.views.end()) == x.names);
            CHECK(x.offsets == y.offsets);
            const auto same = [](double u, double v) {
                return u == v || (std::isnan(u) && std::isnan(v));
            };
            CHECK(std::equal(x.numbers.begin(), x.numbers.end(), y.numbers.begin(),
                             y.numbers.end(), same));
        }
    }
    CHECK(Landscape::from_records(records_from_columns(owned)) == land);
}
