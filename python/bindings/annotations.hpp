#pragma once
/// @file annotations.hpp
/// Type names for the signatures of samkart._core, from which scripts/stubs.sh generates
/// python/samkart/_core.pyi (pybind11-stubgen). pybind11 derives most names from the C++
/// types; the aliases here name what it cannot see: Python values that the bindings convert
/// themselves (ages, a level, a population), numpy arrays and the shapes of returned tuples and
/// dicts. (Values built by the pure-Python layer, such as DataFrames, are returned only by the
/// Python methods of samkart/_landscape.py: the extension never imports the package.)

#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <utility>

namespace samkart::python {

namespace py = pybind11;

/// Any Python object, named `Name` in signatures. Nothing is checked when it is passed in
/// (the function converts it and reports a wrong value in its own words), so it suits
/// arguments; py::typing::Optional and friends check through PyObject_Type, which returns a
/// new reference on every call.
template <py::typing::StringLiteral Name>
class Hint : public py::object {
    static bool any(PyObject* /*unused*/) { return true; }

public:
    PYBIND11_OBJECT_DEFAULT(Hint, object, any)
};

/// View `value` as the annotated type `T` (no conversion, no check): for return values.
template <class T>
T as(py::object value) {
    return py::reinterpret_steal<T>(value.release());
}

namespace hint {
using Strings = py::typing::Tuple<py::str, py::ellipsis>;  ///< tuple[str, ...]
using Ages = py::typing::Optional<py::typing::Tuple<int, int>>;  ///< tuple[int, int] | None
using AgesIn = Hint<"tuple[int, int] | collections.abc.Sequence[int] | None">;
using LevelIn = Hint<"samkart._core.Level | int | str">;
using PopulationIn = Hint<"collections.abc.Mapping[tuple[int, int], float] | None">;
using Any = Hint<"typing.Any">;
using AnyArray = Hint<"numpy.typing.NDArray[typing.Any]">;
using Memo = Hint<"dict[int, typing.Any]">;
/// Columns or fields by name, as the Python layer reads them (dict[str, typing.Any]).
using Table = py::typing::Dict<py::str, Any>;
}  // namespace hint

/// `__eq__` of a value class: `other` is any object (as object.__eq__ declares it); another
/// type gives NotImplemented, like py::is_operator().
template <class T>
py::object equals(const T& self, const py::object& other) {
    if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(self == other.cast<const T&>());
}

/// Binds `equals<T>` as `__eq__(self, other) -> bool` (pybind11-stubgen prints an object
/// argument as typing.Any).
template <class Class>
void def_equals(Class& cls) {
    using T = typename Class::type;
    cls.def(
        "__eq__",
        [](const T& self, const py::object& other) {
            return as<Hint<"bool">>(equals(self, other));
        },
        py::arg("other"), "Equal when every field is equal; NotImplemented for another type.");
}

}  // namespace samkart::python

namespace pybind11::detail {
template <typing::StringLiteral Name>
struct handle_type_name<samkart::python::Hint<Name>> {
    static constexpr auto name = const_name(sanitize_string_literal<Name>().name);
};
}  // namespace pybind11::detail
