#pragma once
// The record checks shared by Landscape::add_* and Landscape::from_records. Each check appends
// a Problem naming the record, the field and the fix; none throws.
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samkart/core/landscape.hpp"

namespace samkart::detail {

/// Ids already known to the landscape being built, and their indices.
using IdLookup = std::unordered_map<std::string, Index>;

/// Landscape-level fields: name, year, currency.
void check_header(const LandscapeRecords& records, std::vector<Problem>& out);

/// A date written YYYY-MM-DD that exists in the calendar.
[[nodiscard]] bool is_iso_date(std::string_view text) noexcept;

struct Checker {
    std::vector<Problem>& out;
    const IdLookup& areas;
    const IdLookup& actors;
    /// Measures already known (add_measure) or all of them (from_records): `participants_of`.
    const IdLookup* measures = nullptr;
    const std::vector<Measure>* measure_list = nullptr;
    /// Indicators already known (add_indicator) or all of them (from_records): `subset_of`.
    const std::vector<Indicator>* indicator_list = nullptr;

    void duplicate_id(const char* collection, Index i, const std::string& id, bool taken);
    void area(const Area& a, Index i);
    void actor(const Actor& a, Index i);
    void measure(const Measure& m, Index i);
    void link(const Link& l, Index i);
    void transition(const Transition& t, Index i);
    void indicator(const Indicator& ind, Index i);
    /// Parents that lead round in a circle (only possible when records refer forward).
    void area_cycles(const std::vector<Area>& areas);
    /// `part_of` chains that lead round in a circle (from_records only).
    void actor_cycles(const std::vector<Actor>& actors);
    /// `participants_of` chains that lead round in a circle (from_records only).
    void measure_cycles(const std::vector<Measure>& measures);
};

}  // namespace samkart::detail
