#pragma once
/// @file bindings.hpp
/// The parts of the extension module samkart._core, one per concept (module.cpp wires them),
/// and the conversions between samkart values and Python objects that several parts share.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "samkart/analysis/gaps/rules.hpp"
#include "samkart/core/age_range.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {
class Landscape;
}  // namespace samkart

namespace samkart::python {

namespace py = pybind11;

/// Translate samkart exceptions into the classes of `samkart.errors`.
void register_errors(py::module_& m);
/// Level (an enum.IntEnum), the record classes, Problem and the vocabularies.
void register_model(py::module_& m);
/// The field table, read-only: FieldInfo, RecordSchema, record_schemas().
void register_schema(py::module_& m);
/// The Landscape class.
void register_landscape(py::module_& m);
/// read_json, write_json, from_json_string, to_json_string, validate_json_file.
void register_io(py::module_& m);
/// vestfold_telemark(), danish_municipality() and synthetic().
void register_datasets(py::module_& m);
/// samkart._core.Network, the collaboration network.
void register_network(py::module_& m);
/// find_gaps, Gap, GapReport and gap_kinds.
void register_gaps(py::module_& m);
/// Scenario changes, apply_changes, compare_gaps and prioritize (python/samkart/scenario.py).
void register_scenario(py::module_& m);
/// FlowModel, count_transitions, bootstrap, dirichlet_draws, project_draws.
void register_flow(py::module_& m);
/// coverage, role_map, age_coverage, level_shares, compare_areas.
void register_mapping(py::module_& m);
/// suppress_cells, recoverable_cells (small-cell suppression).
void register_privacy(py::module_& m);
/// to_columns, from_columns, split_lists, frame_columns: a landscape as numpy columns and the
/// cells of its DataFrames (samkart.io.frames).
void register_columns(py::module_& m);

/// The landscape as columns (columns.cpp): the state of to_columns and, with `utf8` (names as
/// UTF-8 bytes, no Python object per string), of pickling.
py::dict landscape_state(const Landscape& land, bool utf8 = false);
/// A landscape from that state, or from 1-d numpy arrays per column; `rows` for collections
/// given without columns. @throws SchemaError, ValidationError (C++ exceptions).
Landscape landscape_from_state(const py::dict& state, const std::string& source_name,
                               const std::map<std::string, std::size_t>& rows = {});

/// GapRules from the arguments of `_core.find_gaps` (the fields of `samkart.GapRules`, as its
/// `_arguments()` gives them), checked as find_gaps checks them (gaps.cpp).
/// @throws ArgumentError naming the rule at fault.
GapRules make_gap_rules(std::pair<int, int> ages, std::vector<double> level_weights, int cliff_min_level,
                        std::optional<std::vector<std::tuple<int, std::string, double>>> needs,
                        int duplication_min_overlap, double capacity_unknown_share,
                        const std::vector<int>& capacity_levels, const std::vector<int>& duplication_levels,
                        bool statutory_coordination, std::vector<std::string> statutory_bases,
                        double volume_reference, std::vector<std::string> silo_by,
                        int silo_min_size, double silo_threshold, int spof_min_separated, int max_referral_hops,
                        const std::string& imbalance_value, double min_level1_share,
                        std::map<std::string, double> kind_weights, std::optional<std::vector<std::string>> kinds);

/// `(min, max)` or None.
inline py::object ages_to_python(const std::optional<AgeRange>& ages) {
    if (!ages) return py::none();
    return py::make_tuple(ages->min, ages->max);
}

/// A tuple of strings: record collections are immutable in Python.
inline py::tuple strings_to_python(const std::vector<std::string>& values) {
    py::tuple out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = py::str(values[i]);
    return out;
}

/// A tuple of enum names ("participation", ...).
template <class E>
py::tuple names_to_python(const std::vector<E>& values) {
    py::tuple out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = py::str(std::string(to_string(values[i])));
    return out;
}

/// An optional value as the value or None.
template <class T>
py::object optional_to_python(const std::optional<T>& value) {
    if (!value) return py::none();
    return py::cast(*value);
}

}  // namespace samkart::python
