/// @file mapping.cpp
/// The mapping analyses: coverage, role_map, age_coverage, level_shares, compare_areas. Each
/// returns plain data (numpy arrays and label lists in a dict) that samkart.mapping turns into
/// DataFrames in one go. The GIL is released while C++ computes.

#include "bindings.hpp"
#include "annotations.hpp"

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>

#include "samkart/analysis/age_coverage.hpp"
#include "samkart/analysis/compare_areas.hpp"
#include "samkart/analysis/coverage.hpp"
#include "samkart/analysis/level_shares.hpp"
#include "samkart/analysis/role_map.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart::python {
namespace {

using OptString = std::optional<std::string>;
using OptAges = std::optional<std::pair<int, int>>;

/// A name that is not one of the accepted names is a Python ValueError (the message lists them).
template <class F>
auto parse_or_value_error(F&& parse, const std::string& name) {
    try {
        return parse(name);
    } catch (const Error& e) {
        throw py::value_error(e.what());
    }
}

std::optional<AgeRange> to_ages(const OptAges& ages) {
    if (!ages) return std::nullopt;
    return AgeRange{ages->first, ages->second};
}

/// `names`: also the row and column names (else None: a table of 24,000 actors converts twice
/// the strings otherwise).
hint::Table to_python(LabelledMatrix t, bool names = true) {
    hint::Table out;
    out["row_dimension"] = t.row_dimension;
    out["col_dimension"] = t.col_dimension;
    out["row_ids"] = std::move(t.rows.ids);
    out["col_ids"] = std::move(t.cols.ids);
    out["row_names"] = names ? py::cast(std::move(t.rows.names)) : py::none();
    out["col_names"] = names ? py::cast(std::move(t.cols.names)) : py::none();
    // `missing` has the shape of `values` exactly when the value is a number measures may lack.
    const bool numeric = t.missing.rows() == t.values.rows() && t.missing.cols() == t.values.cols();
    // Moved into numpy arrays without a copy (pybind11 takes ownership of the Eigen matrix).
    out["missing"] = numeric ? py::cast(std::move(t.missing)) : py::none();
    out["values"] = py::cast(std::move(t.values));
    return out;
}

/// Runs `compute` without the GIL, then converts its table with it.
template <class F>
hint::Table released(F&& compute, bool names = true) {
    LabelledMatrix t;
    {
        py::gil_scoped_release release;
        t = compute();
    }
    return to_python(std::move(t), names);
}

}  // namespace

void register_mapping(py::module_& m) {
    m.def(
        "coverage",
        [](const Landscape& land, const std::string& rows, const std::string& cols, const std::string& value,
           bool totals, const OptString& area, bool inherit, const OptAges& ages, const std::string& missing,
           bool names) {
            const Dimension r = parse_or_value_error(parse_dimension, rows);
            const Dimension c = parse_or_value_error(parse_dimension, cols);
            CoverageOptions o;
            o.value = parse_or_value_error(parse_value, value);
            o.missing = parse_or_value_error(parse_missing_rule, missing);
            o.totals = totals;
            o.area = area;
            o.inherit = inherit;
            o.ages = to_ages(ages);
            return released([&] { return coverage(land, r, c, o); }, names);
        },
        py::arg("landscape"), py::arg("rows"), py::arg("cols"), py::arg("value") = "measures",
        py::arg("totals") = false, py::arg("area") = py::none(), py::arg("inherit") = false,
        py::arg("ages") = py::none(), py::arg("missing") = "skip", py::arg("names") = true,
        "Coverage table as a dict: values (#rows × #cols), missing (same shape, or None), row_ids, "
        "row_names, col_ids, col_names (None unless `names`), row_dimension, col_dimension. Use "
        "samkart.mapping.coverage.");

    m.def(
        "role_map",
        [](const Landscape& land, const OptString& area, bool inherit, bool ids) {
            RoleMap r;
            std::vector<std::string> joined;  // the names of each cell joined by "; "
            std::vector<std::uint64_t> offsets{0};
            std::vector<std::string> cell_ids;  // the measure ids of every cell, one after the other
            {
                py::gil_scoped_release release;
                r = role_map(land, area, inherit);
                joined.reserve(r.cells.size());
                offsets.reserve(r.cells.size() + 1);
                for (const auto& cell : r.cells) {
                    std::string text;
                    for (Index measure : cell) {
                        if (!text.empty()) text += "; ";
                        text += land.measures()[measure].name;
                    }
                    joined.push_back(std::move(text));
                    if (ids)
                        for (Index measure : cell) cell_ids.push_back(land.measures()[measure].id);
                    offsets.push_back(cell_ids.size());
                }
            }
            hint::Table out;
            out["actor_ids"] = std::move(r.actors.ids);
            out["actor_names"] = std::move(r.actors.names);
            out["level_ids"] = std::move(r.levels.ids);
            out["names"] = std::move(joined);
            // The measures of cell k are cell_ids[offsets[k]:offsets[k + 1]].
            out["offsets"] = py::array_t<std::uint64_t>(static_cast<py::ssize_t>(offsets.size()), offsets.data());
            out["cell_ids"] = ids ? py::cast(std::move(cell_ids)) : py::none();
            return out;
        },
        py::arg("landscape"), py::arg("area") = py::none(), py::arg("inherit") = true,
        py::arg("ids") = false,
        "Role map as a dict: actor_ids, actor_names, level_ids, names (#actors × 4 row-major: the "
        "measure names of each cell joined by \"; \"), and the measure ids of the cells in compressed "
        "rows (offsets, cell_ids; cell_ids is None unless `ids`). Use samkart.mapping.role_map.");

    m.def(
        "age_coverage",
        [](const Landscape& land, const std::optional<int>& level, const OptString& area,
           std::pair<int, int> ages, const std::string& value, bool inherit, const std::string& missing) {
            AgeCoverageOptions o;
            if (level) {
                o.level = level_from_int(*level);
                if (!o.level) throw py::value_error("level must be 1–4 (or a samkart.Level), not " + std::to_string(*level));
            }
            o.area = area;
            o.ages = {ages.first, ages.second};
            o.value = parse_or_value_error(parse_value, value);
            o.missing = parse_or_value_error(parse_missing_rule, missing);
            o.inherit = inherit;
            return released([&] { return age_coverage(land, o); });
        },
        py::arg("landscape"), py::arg("level") = py::none(), py::arg("area") = py::none(),
        py::arg("ages") = std::pair<int, int>{0, 29}, py::arg("value") = "measures", py::arg("inherit") = true,
        py::arg("missing") = "skip", "Age coverage (level × year of age). Use samkart.mapping.age_coverage.");

    m.def(
        "level_shares",
        [](const Landscape& land, const std::string& value, const OptString& area, bool inherit) {
            const Value v = parse_or_value_error(parse_value, value);
            return released([&] { return level_shares(land, v, area, inherit); });
        },
        py::arg("landscape"), py::arg("value") = "capacity", py::arg("area") = py::none(),
        py::arg("inherit") = false, "Share per level. Use samkart.mapping.level_shares.");

    m.def(
        "compare_areas",
        [](const Landscape& land, const std::string& kind, const std::vector<std::string>& indicators,
           const std::string& value, bool inherit, std::pair<int, int> population_ages, const std::string& missing) {
            const auto k = parse<AreaKind>(kind);
            if (!k) throw py::value_error("unknown area kind '" + kind + "'; expected one of " + accepted_names<AreaKind>());
            CompareOptions o;
            o.value = parse_or_value_error(parse_value, value);
            o.missing = parse_or_value_error(parse_missing_rule, missing);
            o.inherit = inherit;
            o.population_ages = {population_ages.first, population_ages.second};
            return released([&] { return compare_areas(land, *k, indicators, o); });
        },
        py::arg("landscape"), py::arg("kind") = "municipality", py::arg_v("indicators", std::vector<std::string>{}, "()"),
        py::arg("value") = "measures", py::arg("inherit") = false,
        py::arg("population_ages") = std::pair<int, int>{0, AgeRange::max_age}, py::arg("missing") = "skip",
        "One row per area of a kind. Use samkart.mapping.compare_areas.");
}

}  // namespace samkart::python
