/// @file datasets.cpp
/// The landscapes that ship with the library. The GIL is released while they are built.

#include "bindings.hpp"

#include <cstdint>

#include "samkart/datasets.hpp"

namespace samkart::python {

void register_datasets(py::module_& m) {
    m.def("vestfold_telemark", &datasets::vestfold_telemark, py::call_guard<py::gil_scoped_release>(),
          "Vestfold og Telemark county (Norway) as the seeds describe it; records not in the seeds "
          "are marked illustrative.");
    m.def("synthetic", &datasets::synthetic, py::arg("areas"), py::arg("actors_per_area"),
          py::arg("seed") = 0, py::call_guard<py::gil_scoped_release>(),
          "A deterministic synthetic landscape for scale tests. @throws SamkartError if areas < 1 "
          "or actors_per_area < 1.");
}

}  // namespace samkart::python
