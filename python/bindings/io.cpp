/// @file io.cpp
/// JSON input and output. The GIL is released while C++ reads, parses and writes.

#include "bindings.hpp"

#include <pybind11/stl/filesystem.h>

#include <filesystem>

#include "samkart/io/json.hpp"

namespace samkart::python {

void register_io(py::module_& m) {
    m.attr("json_schema_version") = json_schema_version;
    m.def(
        "read_json", [](const std::filesystem::path& path) { return read_json(path); },
        py::arg("path"), py::call_guard<py::gil_scoped_release>(),
        "Read a landscape from a JSON file. @throws SamkartError if the file cannot be read, "
        "SchemaError, ValidationError.");
    m.def("write_json", &write_json, py::arg("landscape"), py::arg("path"), py::arg("indent") = 2,
          py::call_guard<py::gil_scoped_release>(),
          "Write a landscape to a JSON file, atomically. @throws SamkartError if it cannot be written.");
    m.def(
        "from_json_string",
        [](const std::string& text, const std::string& source_name) {
            py::gil_scoped_release release;
            return from_json_string(text, source_name);
        },
        py::arg("text"), py::arg("source_name") = "<string>",
        "Parse a landscape from JSON text. @throws SchemaError, ValidationError.");
    m.def("to_json_string", &to_json_string, py::arg("landscape"), py::arg("indent") = 2,
          py::call_guard<py::gil_scoped_release>(),
          "The landscape as JSON text; `indent` < 0 gives one line.");
    m.def(
        "validate_json_file",
        [](const std::filesystem::path& path) { return validate_json_file(path); },
        py::arg("path"), py::call_guard<py::gil_scoped_release>(),
        "Every problem of a JSON file, errors and warnings, as a list of Problem. Schema problems "
        "have collection \"schema\". @throws SamkartError only if the file cannot be read.");
    // The input limits (samkart/core/limits.hpp), for docs and tests; private until the
    // stubs list it.
    m.def("_input_limits", [] {
        const InputLimits& l = default_input_limits;
        py::typing::Dict<py::str, std::size_t> d;  // typed for the generated stubs
        d["max_input_bytes"] = l.max_input_bytes;
        d["max_records"] = l.max_records;
        d["max_string_bytes"] = l.max_string_bytes;
        d["max_depth"] = l.max_depth;
        return d;
    }, "The default input limits by name: max_input_bytes, max_records, max_string_bytes, max_depth.");
}

}  // namespace samkart::python
