#pragma once
/// @file coverage.hpp
/// Coverage tables (*kartlegging*): measures counted, or their capacity, participants or cost
/// summed, by any two dimensions of the mapping (seed 002 §1.1: "which measures exist at each
/// level"). The counting rules are in docs/mapping.md; in short:
///
/// - **Once per cell.** A measure that spans several ages, targets, areas, keys, tees or
///   providers counts once in each cell it belongs to, and never twice in the same cell (a
///   measure of two municipal providers counts once under owner `municipal`). Columns or rows
///   therefore do not add up to the number of measures; the totals do (see `totals`).
/// - **Providers.** For `actor`, `sector` and `owner` a measure belongs to the cells of its
///   providers; when both dimensions are of this kind the pairs are taken provider by provider
///   (actor × sector puts a joint measure under each provider's own sector only).
/// - **Areas roll up.** A measure belongs to each area it serves (its own `areas`, else its
///   providers') and to every area above them: a county row includes its municipalities and
///   the measures of the county itself. With `inherit`, a measure also belongs to every area
///   below the ones it serves (a county-wide measure is available in each municipality).
/// - **Missing numbers** are not zeros: `values` sums the measures that give the number,
///   `missing` counts those that do not; a cell with measures none of which gives the number
///   is NaN (`MissingRule::SKIP`), or any cell lacking one is NaN (`MissingRule::STRICT`).

#include <optional>
#include <string>
#include <string_view>

#include "samkart/analysis/labelled_matrix.hpp"
#include "samkart/core/age_range.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart {

/// What the rows or columns of a coverage table are.
enum class Dimension : std::uint8_t { AREA, ACTOR, SECTOR, OWNER, LEVEL, TARGET, AGE, KEY, TEE };
/// What a cell holds.
enum class Value : std::uint8_t {
    MEASURES,      ///< number of distinct measures
    CAPACITY,      ///< places per year, summed
    PARTICIPANTS,  ///< young people per year, summed
    COST,          ///< per year in the landscape's currency, summed
    ACTORS,        ///< number of distinct actors providing the cell's measures
};
/// How a cell with measures that lack the value is shown.
enum class MissingRule : std::uint8_t {
    SKIP,  ///< sum of the measures that give it; NaN only if none does
    STRICT,  ///< NaN as soon as one measure of the cell lacks it
};

/// "area", "actor", ... / "measures", "capacity", ...
[[nodiscard]] std::string_view dimension_name(Dimension d) noexcept;
[[nodiscard]] std::string_view value_name(Value v) noexcept;
/// @throws Error naming the accepted names ("area|actor|...") when `name` is not one.
[[nodiscard]] Dimension parse_dimension(std::string_view name);
[[nodiscard]] Value parse_value(std::string_view name);
[[nodiscard]] MissingRule parse_missing_rule(std::string_view name);

struct CoverageOptions {
    Value value = Value::MEASURES;
    /// Add a last row and column "total" counting each measure once (not the sum of the rows).
    bool totals = false;
    /// Only measures (and area/actor rows) in this area and the areas below it.
    std::optional<std::string> area;
    /// A measure also belongs to every area below the areas it serves.
    bool inherit = false;
    /// Years shown by the `age` dimension; default: the hull of all measures' ages.
    std::optional<AgeRange> ages;
    MissingRule missing = MissingRule::SKIP;
};

/// The coverage table of `land` by `rows` × `cols` (the same dimension twice is allowed).
/// Labels: area and actor rows are every area/actor in input order (restricted by `area`);
/// level, owner, key and tee every term of the vocabulary; sector and target the names that
/// occur (recommended ones first, in vocabulary order), then "(none)" if some actor/measure
/// gives none; age the years of `ages`.
/// @return #row labels by #col labels.
/// @throws UnknownIdError if `options.area` is not an area of `land`.
[[nodiscard]] LabelledMatrix coverage(const Landscape& land, Dimension rows, Dimension cols,
                                      const CoverageOptions& options = {});
[[nodiscard]] inline LabelledMatrix coverage(const Landscape& land, Dimension rows, Dimension cols,
                                             Value value) {
    CoverageOptions o;
    o.value = value;
    return coverage(land, rows, cols, o);
}

/// The label of the row or column of a measure or actor that gives no sector/target/key/tee.
inline constexpr std::string_view none_label = "(none)";
/// The id of the totals row and column.
inline constexpr std::string_view total_label = "total";

}  // namespace samkart
