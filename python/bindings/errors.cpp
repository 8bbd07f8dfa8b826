/// @file errors.cpp
/// samkart's C++ exceptions arrive in Python as the classes of `samkart.errors`, which are
/// defined in Python (with docstrings and the extra base classes ValueError and KeyError).
/// The translator imports that module when it first translates, so one set of classes exists.
/// Any other std::exception keeps pybind11's default translation.

#include "bindings.hpp"

#include <exception>

#include "samkart/core/errors.hpp"

namespace samkart::python {
namespace {

/// Raise `samkart.errors.<name>(*args)` as the current Python error.
void raise(const char* name, const py::tuple& args) {
    try {
        const py::object cls = py::module_::import("samkart.errors").attr(name);
        const py::object error = cls(*args);
        PyErr_SetObject(cls.ptr(), error.ptr());
    } catch (py::error_already_set& failure) {
        // samkart.errors could not be imported or the class not built: report that instead.
        failure.restore();
    }
}

/// A C++ message as Python text. Messages are meant to be UTF-8, but one that is not (a path
/// of bytes that are not UTF-8, say) must still arrive as the samkart error, not as a
/// UnicodeDecodeError: bytes that are not UTF-8 become U+FFFD.
py::str text(const std::string& s) {
    PyObject* decoded = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (decoded == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(decoded);
}

py::object line_or_none(std::size_t n) {
    if (n == 0) return py::none();
    return py::int_(n);
}

}  // namespace

void register_errors(py::module_& /*m*/) {
    py::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const ValidationError& e) {
            py::list problems;
            for (const auto& problem : e.problems()) problems.append(py::cast(problem));
            raise("ValidationError", py::make_tuple(text(e.what()), problems));
        } catch (const UnknownIdError& e) {
            raise("UnknownIdError", py::make_tuple(text(e.what()), text(e.collection()), text(e.id())));
        } catch (const SchemaError& e) {
            py::list problems;
            for (const auto& loc : e.problems())
                problems.append(py::make_tuple(text(loc.pointer), line_or_none(loc.line),
                                               line_or_none(loc.column), text(loc.message)));
            raise("SchemaError", py::make_tuple(text(e.what()), problems, text(e.source_name())));
        } catch (const ArgumentError& e) {
            raise("ArgumentError", py::make_tuple(text(e.what())));
        } catch (const Error& e) {
            raise("SamkartError", py::make_tuple(text(e.what())));
        }
    });
}

}  // namespace samkart::python
