/// @file privacy.cpp
/// Small-cell suppression on plain arrays: samkart.privacy keeps the pandas labels and turns
/// the masks into DataFrames. The GIL is released while C++ computes.

#include "bindings.hpp"

#include <pybind11/eigen.h>

#include <tuple>

#include "samkart/analysis/privacy.hpp"

namespace samkart::python {
namespace {

using OptIndex = std::optional<Eigen::Index>;

TableLayout layout_of(const OptIndex& total_row, const OptIndex& total_col, bool one_dimensional) {
    return {.total_row = total_row, .total_col = total_col, .one_dimensional = one_dimensional};
}

}  // namespace

void register_privacy(py::module_& m) {
    m.def(
        "suppress_cells",
        [](const Eigen::MatrixXd& values, double threshold, bool secondary, bool suppress_zeros,
           const OptIndex& total_row, const OptIndex& total_col, bool one_dimensional) {
            const SuppressionOptions options{
                .threshold = threshold, .secondary = secondary, .suppress_zeros = suppress_zeros};
            Suppression s;
            {
                py::gil_scoped_release release;
                s = suppress_cells(values, options, layout_of(total_row, total_col, one_dimensional));
            }
            return std::make_tuple(std::move(s.suppressed), std::move(s.primary), std::move(s.recoverable));
        },
        py::arg("values"), py::arg("threshold") = 5.0, py::arg("secondary") = true,
        py::arg("suppress_zeros") = false, py::arg("total_row") = py::none(), py::arg("total_col") = py::none(),
        py::arg("one_dimensional") = false,
        "Small-cell suppression of a rows × columns array of counts (NaN: missing). Returns the\n"
        "boolean masks (suppressed, primary, recoverable). Use samkart.privacy.suppress.");
    m.def(
        "recoverable_cells",
        [](const CellMask& hidden, const std::optional<Eigen::MatrixXd>& values, const OptIndex& total_row,
           const OptIndex& total_col, bool one_dimensional) {
            const TableLayout layout = layout_of(total_row, total_col, one_dimensional);
            py::gil_scoped_release release;
            return values ? recoverable(hidden, *values, layout) : recoverable(hidden, layout);
        },
        py::arg("hidden"), py::arg("values") = py::none(), py::arg("total_row") = py::none(),
        py::arg("total_col") = py::none(), py::arg("one_dimensional") = false,
        "The hidden cells a reader of the published cells and sums can work out exactly; with\n"
        "values, also using that counts are >= 0. Use samkart.privacy.recoverable.");
}

}  // namespace samkart::python
