#pragma once
/// @file schema.hpp
/// The one field table of every record type. Each field is declared once here: its name, type,
/// whether it is required, its default, its vocabulary, a one-line description and its labels
/// in nb/da/en, together with the member of the struct that holds it. Everything that reads,
/// writes or converts records derives from this table: the JSON reader and writer, the columnar
/// conversion behind DataFrames, the spreadsheet form, the CSV folder, HSDS import, scenario
/// changes, the bindings, the JSON Schema file and the field tables of docs/model.md.
///
/// Adding a field to a record is a change to the struct (records.hpp), its row here, and the
/// tests; nothing else.
///
/// Two views of the same table:
///  - `record_schema<R>()` / `record_schemas()`: plain data (FieldInfo rows), for code that
///    only needs names and types (docs, messages, Python's `samkart.schema`);
///  - `for_each_field<R>(f)`: calls `f(info, member)` for every field with its pointer to
///    member, for code that reads or writes values generically.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "samkart/core/level.hpp"
#include "samkart/core/records.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {

/// The kind of value a field holds, as the readers and writers see it.
enum class FieldType : std::uint8_t {
    TEXT,        ///< free text (std::string or std::optional<std::string>)
    ID,          ///< the record's own id
    REF,         ///< the id of another record (`FieldInfo::refers_to` names its collection)
    REF_LIST,    ///< a list of ids of other records
    TEXT_LIST,   ///< a list of strings from an open vocabulary (sectors, targets, owners)
    ENUM,        ///< one name of a closed vocabulary
    ENUM_LIST,   ///< a list of names of a closed vocabulary
    NUMBER,      ///< a finite number ≥ 0 where the model says so
    INTEGER,     ///< a whole number (a year)
    BOOL,        ///< true or false
    AGES,        ///< (min, max) whole years, inclusive
    LEVEL,       ///< prevention level 1–4
    DATE,        ///< an ISO date "YYYY-MM-DD"
    POPULATION,  ///< a list of (ages, count) bands
};

/// The name of a field type as written in docs and in `samkart.schema` ("ref_list").
[[nodiscard]] std::string_view to_string(FieldType type) noexcept;

/// One field of one record type.
struct FieldInfo {
    std::string_view name{};                 ///< as in JSON, frames, Python keywords
    FieldType type = FieldType::TEXT;
    bool required = false;                 ///< must be given (no default)
    std::string_view default_value{};        ///< the default as text, "" when none ("false", "[]")
    std::string_view refers_to{};            ///< REF/REF_LIST: "areas", "actors" or "measures"
    std::span<const Term> (*vocabulary)() noexcept = nullptr;  ///< ENUM*, or recommended terms
    bool open_vocabulary = false;          ///< the vocabulary is recommended, other strings allowed
    std::string_view description{};          ///< one line, English
    std::string_view nb{};                   ///< label in Norwegian bokmål
    std::string_view da{};                   ///< label in Danish
    std::string_view en{};                   ///< label in English

    /// The label in `lang` ("nb", "da", "en"). @throws ArgumentError for other languages.
    [[nodiscard]] std::string_view label(std::string_view lang) const;
};

/// One record type: its collection in a landscape and its fields, in the order the JSON
/// format lists them and the writers write them.
struct RecordSchema {
    std::string_view collection;  ///< "areas", "actors", ...
    std::string_view record;      ///< "area", "actor", ... (for messages: "an actor")
    std::string_view description{};
    std::span<const FieldInfo> fields;

    /// The field called `name`, or nullptr.
    [[nodiscard]] const FieldInfo* find(std::string_view name) const noexcept;
};

/// A field's row and the struct member that holds it.
template <class Record, class Value>
struct Field {
    using record_type = Record;
    using value_type = Value;
    FieldInfo info;
    Value Record::*member;
};

/// The field table of each record type, specialised below for Area, Actor, Measure, Link,
/// Transition, Indicator and PopulationBand.
template <class Record>
struct Schema;

/// What generic readers and writers ask of a field's C++ type (one definition for the JSON
/// layer, the columns, the scenario changes and the bindings).
namespace field_traits {
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {
    using type = T;
};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {
    using type = T;
};
/// A closed vocabulary (AreaKind, Owner, ...); Level is read and written as its number.
template <class T>
inline constexpr bool is_vocabulary = std::is_enum_v<T> && !std::is_same_v<T, Level>;
}  // namespace field_traits

/// Calls `f(const FieldInfo&, Value Record::*)` for every field of `Record`, in order.
template <class Record, class F>
constexpr void for_each_field(F&& f) {
    std::apply([&f](const auto&... field) { (f(field.info, field.member), ...); },
               Schema<Record>::fields);
}

/// The rows of `Record`'s table as plain data.
template <class Record>
[[nodiscard]] std::span<const FieldInfo> field_infos() noexcept {
    static const auto rows = std::apply(
        [](const auto&... field) { return std::array<FieldInfo, sizeof...(field)>{field.info...}; },
        Schema<Record>::fields);
    return rows;
}

/// The schema of `Record` (collection, record name, fields).
template <class Record>
[[nodiscard]] const RecordSchema& record_schema() noexcept {
    static const RecordSchema schema{Schema<Record>::collection, Schema<Record>::record,
                                     Schema<Record>::description, field_infos<Record>()};
    return schema;
}

/// Every collection's schema, in the order of a landscape: areas, actors, measures, links,
/// transitions, indicators.
[[nodiscard]] std::span<const RecordSchema> record_schemas() noexcept;
/// The schema of a collection ("actors"), or nullptr.
[[nodiscard]] const RecordSchema* find_record_schema(std::string_view collection) noexcept;
/// The schema of a population band (the elements of `Area::population`).
[[nodiscard]] const RecordSchema& population_band_schema() noexcept;

/// Calls `f(records, Schema tag)` with each collection of `LandscapeRecords` in order:
/// `f(std::vector<Area>&)`, `f(std::vector<Actor>&)`, ...
template <class Records, class F>
constexpr void for_each_collection(Records& records, F&& f) {
    f(records.areas);
    f(records.actors);
    f(records.measures);
    f(records.links);
    f(records.transitions);
    f(records.indicators);
}

}  // namespace samkart

#include "samkart/core/schema-table.hpp"
