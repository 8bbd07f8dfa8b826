#pragma once
/// @file json.hpp
/// JSON input and output, schema version 1 (docs/schema/samkart-1.schema.json).
/// Reading checks syntax and schema first (SchemaError, with JSON pointer and line), then the
/// model (ValidationError, every problem at once). Nothing is half-loaded. Writing is atomic:
/// the file is written beside the target and renamed over it, so a failed write leaves the old
/// file as it was.

#include <filesystem>
#include <string>
#include <string_view>

#include "samkart/core/landscape.hpp"
#include "samkart/core/limits.hpp"

namespace samkart {

/// The schema version this library reads and writes.
inline constexpr int json_schema_version = 1;

/// Read a landscape from a JSON file. A file beyond `limits` (see limits.hpp) is refused
/// before it is read whole.
/// @throws Error if the file cannot be read, SchemaError (also for input beyond `limits`),
/// ValidationError.
[[nodiscard]] Landscape read_json(const std::filesystem::path& path,
                                  const InputLimits& limits = default_input_limits);

/// Parse a landscape from JSON text. `source_name` is used in error messages.
/// @throws SchemaError (also for input beyond `limits`), ValidationError.
[[nodiscard]] Landscape from_json_string(std::string_view text,
                                         std::string_view source_name = "<string>",
                                         const InputLimits& limits = default_input_limits);

/// The landscape as JSON text; `indent` < 0 gives one line.
[[nodiscard]] std::string to_json_string(const Landscape& land, int indent = 2);

/// Write a landscape to a JSON file, atomically. @throws Error if it cannot be written.
void write_json(const Landscape& land, const std::filesystem::path& path, int indent = 2);

/// Every problem of a JSON file, errors and warnings, without throwing for schema or model
/// problems (for `samkart validate`). Schema problems come as Problems of collection "schema"
/// with the JSON pointer and line in `field`; so does input beyond `limits`.
/// @throws Error only if the file cannot be read.
[[nodiscard]] std::vector<Problem> validate_json_file(
    const std::filesystem::path& path, const InputLimits& limits = default_input_limits);

}  // namespace samkart
