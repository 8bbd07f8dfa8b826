#pragma once
/// @file limits.hpp
/// The largest input samkart reads. Input beyond a limit is refused with a SchemaError that
/// names the limit, the place in the document and what to do, before the reader allocates
/// memory in proportion to it, instead of running the process out of memory.
///
/// Every reader goes through the JSON reader (`read_json`, `from_json_string`): the
/// spreadsheet, CSV, HSDS and DataFrame readers of the Python package and the scenario code
/// build a JSON document and parse it, so the same limits hold everywhere (see
/// docs/reliability.md). The defaults are far above any real mapping of services for young
/// people (Vestfold og Telemark: 102 actors, 141 kB of JSON; `datasets::synthetic(400, 60)`,
/// the largest benchmark: 24,000 actors, 50,279 measures, 58,869 links, 25 MiB of JSON).

#include <cstddef>

namespace samkart {

/// The limits the JSON reader enforces. The defaults are `default_input_limits`; tests and
/// embedders with other needs pass their own to `read_json` / `from_json_string`.
struct InputLimits {
    /// Bytes of JSON text (file or string). A file larger than this is not read at all.
    std::size_t max_input_bytes = std::size_t{256} << 20U;  // 256 MiB
    /// Records in one collection (areas, actors, measures, links, transitions, indicators),
    /// and items in any other list (a measure's providers, an area's population bands).
    std::size_t max_records = 1'000'000;
    /// Bytes of one string (a name, an id, a citation) or key, in UTF-8.
    std::size_t max_string_bytes = std::size_t{1} << 20U;  // 1 MiB
    /// Nesting depth of objects and lists; a samkart document needs 6 (an area's population
    /// band's ages: document, areas, area, population, band, ages).
    std::size_t max_depth = 64;
};

/// The limits `read_json` and `from_json_string` use unless given others.
inline constexpr InputLimits default_input_limits{};

}  // namespace samkart
