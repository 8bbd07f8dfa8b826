/// @file module.cpp
/// The extension module samkart._core: only wires the parts together (boost-histogram style).
/// The public API is the pure-Python package `samkart` over this module.

#include "bindings.hpp"

#include "samkart/version.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "The compiled core of samkart. Use the package `samkart`, not this module.";
    m.attr("__version__") = samkart::version;
    samkart::python::register_errors(m);
    samkart::python::register_model(m);
    samkart::python::register_schema(m);
    samkart::python::register_landscape(m);
    samkart::python::register_io(m);
    samkart::python::register_datasets(m);
    samkart::python::register_network(m);
    samkart::python::register_gaps(m);
    samkart::python::register_scenario(m);
    samkart::python::register_flow(m);
    samkart::python::register_mapping(m);
    samkart::python::register_privacy(m);
    samkart::python::register_columns(m);
}
