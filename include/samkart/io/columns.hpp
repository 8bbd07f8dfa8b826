#pragma once
/// @file columns.hpp
/// A landscape as columns: one table per collection, one column per field, built from and read
/// into `LandscapeRecords` by the field table (core/schema.hpp), never through JSON text. It is
/// what the DataFrames of the Python package (`to_frames`, `from_frames`) and pickling exchange
/// with the core; a new field of the table becomes a column with no change here.
///
/// Columns by the C++ type of the field:
///  - strings (id, text, references, dates) and the names of closed vocabularies: STRINGS,
///    `codes` (one per row, −1 = absent) into `names`. Written columns of a vocabulary list the
///    vocabulary's names in order (so codes are the enum values: a pandas Categorical); text
///    columns list each distinct string once;
///  - numbers, whole numbers, levels: NUMBERS, one double per row, NaN = absent;
///  - bools: BOOLS, one per row in `numbers` (0 or 1; NaN = absent, read as false);
///  - ages: two NUMBERS columns `age_min` and `age_max` (`<field>_min`/`_max` for another name);
///  - lists of strings or names: LISTS, `offsets` (rows + 1) into `codes`, which index `names`;
///  - population bands: BANDS, `offsets` (rows + 1) into bands stored three numbers each in
///    `numbers`: min age, max age, count.
///
/// Cost: O(records + list elements) time and memory each way, plus a hash of each string of a
/// column that repeats its strings (references, sectors; not ids, names or free text) when
/// writing. Writing walks the records in blocks of 256, every field of a block at a time, so
/// that each record is read from memory once. Thread safety: pure functions of their arguments.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samkart/core/landscape.hpp"
#include "samkart/core/schema.hpp"

namespace samkart {

/// What a Column holds (see the file comment).
enum class ColumnKind : std::uint8_t { STRINGS, NUMBERS, BOOLS, LISTS, BANDS };

/// A value of one cell that a reader could not convert (a number where text belongs): the
/// reader leaves the cell absent and records what it saw; `records_from_columns` reports it
/// with the record and field.
struct CellProblem {
    std::size_t row = 0;
    std::ptrdiff_t element = -1;  ///< position in the cell's list, −1 for the cell itself
    std::string message;          ///< e.g. "expected a string, got the number 3"
};

/// One column of a collection.
struct Column {
    std::string name;  ///< the field's name, or age_min / age_max
    ColumnKind kind = ColumnKind::STRINGS;
    std::vector<std::int32_t> codes;    ///< STRINGS: one per row; LISTS: every element
    std::vector<std::string> names;     ///< what `codes` refer to
    /// What `codes` refer to, as views into the records (to_column_views; `names` is then
    /// empty). Readers read `names` only.
    std::vector<std::string_view> views;
    std::vector<double> numbers;        ///< NUMBERS, BOOLS: one per row; BANDS: 3 per band
    std::vector<std::int64_t> offsets;  ///< LISTS, BANDS: rows + 1, from 0
    std::vector<CellProblem> problems;  ///< cells the producer could not convert
};

/// The columns of one collection ("actors"), in the order of its field table.
struct CollectionColumns {
    std::string collection;
    std::size_t rows = 0;
    std::vector<Column> columns;
    /// The column called `name`, or nullptr.
    [[nodiscard]] const Column* find(std::string_view name) const noexcept;
};

/// A whole landscape as columns: the header and one table per collection.
struct LandscapeColumns {
    std::string name;
    std::optional<int> year;
    std::string currency = "NOK";
    std::vector<CollectionColumns> collections;  ///< areas, actors, ...; any may be left out
};

/// The column names of a collection, in order: the fields of its table, ages as two columns.
/// @throws ArgumentError for an unknown collection.
[[nodiscard]] std::vector<std::string> column_names(std::string_view collection);

/// The field a column of `collection` holds (age_min and age_max: the ages field), or nullptr
/// for a column that is not one of the collection's.
[[nodiscard]] const FieldInfo* column_field(std::string_view collection,
                                            std::string_view column) noexcept;

/// Every collection of `records` as columns, all six in order, every column present.
[[nodiscard]] LandscapeColumns to_columns(const LandscapeRecords& records);

/// As to_columns, but the names of each column are left in `Column::views`, views into
/// `records` (and into the vocabularies' static tables), not copied into `names`: for a
/// converter that copies each name once into its own objects anyway (the Python bindings make
/// one str per name), which saves a copy and an allocation per distinct string. `records`
/// must outlive the result and not change while it is used.
[[nodiscard]] LandscapeColumns to_column_views(const LandscapeRecords& records);

/// The records in `columns`. Absent columns are absent fields (required ones are reported for
/// every row). Nothing of the model is checked here (references, ranges): that is
/// Landscape::from_records's job.
/// @throws SchemaError, source `source_name`, listing every problem with its pointer
/// "/actors/2/owner" (row 2 of actors, field owner; "/actors/2/ages/0" for age_min) and a
/// message "actors[2] 'x', field 'owner': unknown value 'councl'; ...": unknown columns, cells
/// of the wrong kind, unknown names, half-given ages, missing required fields.
[[nodiscard]] LandscapeRecords records_from_columns(const LandscapeColumns& columns,
                                                    std::string_view source_name = "<columns>");

/// `Landscape::from_records(records_from_columns(columns, source_name))`.
/// @throws SchemaError, ValidationError.
[[nodiscard]] Landscape from_columns(const LandscapeColumns& columns,
                                     std::string_view source_name = "<columns>");

}  // namespace samkart
