/// @file columns.cpp
/// A landscape as columns of numpy arrays and back (samkart/io/columns.hpp): what
/// samkart.frames builds DataFrames from and reads them into, and the pickled state of a
/// Landscape. The C++ work runs with the GIL released; Python receives one array per column.
///
/// A column is a tuple whose first item says what it holds:
///   ("strings", codes: int32[rows], names: object[k])   codes −1 = absent
///   ("numbers", values: float64[rows])                  NaN = absent
///   ("bools", values: bool[rows])
///   ("lists", offsets: int64[rows + 1], codes: int32[n], names: object[k])
///   ("bands", offsets: int64[rows + 1], bands: float64[n, 3])  min age, max age, count
///   ("strings8", codes, data: uint8[bytes], ends: int64[k + 1]), ("lists8", offsets, codes,
///   data, ends): the same with the names as UTF-8 bytes end to end (pickling's state)
/// `frame_columns` (what samkart.frames builds DataFrames from) gives the text and list columns
/// as the cells pandas holds, made here in one pass with one str object per distinct string:
///   ("text", values: object[rows], present: bool)  str per cell, numpy.nan where absent (None
///                                                   everywhere when no cell holds a value)
///   ("cells", values: object[rows])                 a new list of str per cell
/// `from_columns` takes these tuples, or a 1-d numpy array per column (what a DataFrame
/// holds): booleans, numbers, or objects converted cell by cell by the field's type, None
/// meaning absent.

#include "bindings.hpp"
#include "annotations.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"
#include "samkart/io/columns.hpp"

namespace samkart::python {
namespace {

constexpr double absent = std::numeric_limits<double>::quiet_NaN();

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& values) {
    py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
    std::copy(values.begin(), values.end(), out.mutable_data());
    return out;
}

/// The vector's buffer as a numpy array that owns it (no copy: freshly allocated megabytes
/// cost page faults as much as copying them).
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
    auto* owned = new std::vector<T>(std::move(values));
    const py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
}

/// A new 1-d object array of n empty slots (NULL, which numpy treats as None); the callers fill
/// every slot.
py::array object_array(std::size_t n) {
    return py::array(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}, nullptr);
}


/// The cyclic garbage collector paused while many containers (lists) are made: each
/// collection would walk every container made so far, which made list columns quadratic-ish.
class GcPause {
public:
    GcPause() : was_enabled_(PyGC_Disable() != 0) {}
    ~GcPause() {
        if (was_enabled_) PyGC_Enable();
    }
    GcPause(const GcPause&) = delete;
    GcPause& operator=(const GcPause&) = delete;

private:
    bool was_enabled_;
};

py::array names_to_numpy(const std::vector<std::string_view>& names) {
    py::array out = object_array(names.size());
    auto** data = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t i = 0; i < names.size(); ++i) {
        PyObject* s = PyUnicode_FromStringAndSize(names[i].data(), static_cast<Py_ssize_t>(names[i].size()));
        if (!s) throw py::error_already_set();
        Py_XDECREF(data[i]);
        data[i] = s;
    }
    return out;
}

/// The names as UTF-8 bytes end to end and their k + 1 offsets: no Python object per string.
py::tuple names_to_utf8(const std::vector<std::string_view>& names) {
    std::vector<std::int64_t> offsets;
    offsets.reserve(names.size() + 1);
    offsets.push_back(0);
    for (const auto& n : names) offsets.push_back(offsets.back() + static_cast<std::int64_t>(n.size()));
    py::array_t<std::uint8_t> data(static_cast<py::ssize_t>(offsets.back()));
    auto* out = data.mutable_data();
    for (const auto& n : names) out = std::copy(n.begin(), n.end(), out);
    return py::make_tuple(data, to_numpy(offsets));
}

/// What the strings of a column become in Python (see the file comment).
enum class Strings : std::uint8_t {
    OBJECTS,  ///< ("strings", codes, names), ("lists", offsets, codes, names): to_columns
    UTF8,     ///< ("strings8", ...), ("lists8", ...): pickling
    FRAMES,   ///< ("text", ...), ("cells", ...) except vocabularies: frame_columns
};

/// One new str per name, owned by the vector (released by the caller's array or decref'd).
class PyNames {
public:
    explicit PyNames(const std::vector<std::string_view>& names) {
        objects_.reserve(names.size());
        for (const auto& n : names) {
            PyObject* s = PyUnicode_FromStringAndSize(n.data(), static_cast<Py_ssize_t>(n.size()));
            if (!s) throw py::error_already_set();
            objects_.push_back(s);
        }
    }
    ~PyNames() {
        for (PyObject* s : objects_) Py_DECREF(s);
    }
    PyNames(const PyNames&) = delete;
    PyNames& operator=(const PyNames&) = delete;
    /// A new reference to name `code`.
    PyObject* operator[](std::int32_t code) const {
        PyObject* s = objects_[static_cast<std::size_t>(code)];
        Py_INCREF(s);
        return s;
    }

private:
    std::vector<PyObject*> objects_;
};

/// A text column as the cells of a pandas column: ("text", values, present).
py::tuple text_cells(const Column& c) {
    const PyNames names(c.views);
    const bool present =
        std::any_of(c.codes.begin(), c.codes.end(), [](std::int32_t k) { return k >= 0; });
    static const py::handle nan = py::object(py::module_::import("numpy").attr("nan")).release();
    PyObject* missing = present ? nan.ptr() : Py_None;
    py::array out = object_array(c.codes.size());
    auto** data = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t i = 0; i < c.codes.size(); ++i) {
        const std::int32_t code = c.codes[i];
        if (code >= 0) {
            data[i] = names[code];
        } else {
            Py_INCREF(missing);
            data[i] = missing;
        }
    }
    return py::make_tuple("text", out, present);
}

/// A list column as the cells of a pandas column: ("cells", values), a new list per row (users
/// may change one cell's list without changing another's), the str objects shared.
py::tuple list_cells(const Column& c) {
    const PyNames names(c.views);
    const std::size_t rows = c.offsets.empty() ? 0 : c.offsets.size() - 1;
    py::array out = object_array(rows);
    auto** data = static_cast<PyObject**>(out.mutable_data());
    const GcPause pause;  // hundreds of thousands of lists: see GcPause
    for (std::size_t i = 0; i < rows; ++i) {
        const std::int64_t begin = c.offsets[i];
        PyObject* row = PyList_New(static_cast<Py_ssize_t>(c.offsets[i + 1] - begin));
        if (!row) throw py::error_already_set();
        for (std::int64_t k = begin; k < c.offsets[i + 1]; ++k)
            PyList_SET_ITEM(row, static_cast<Py_ssize_t>(k - begin),
                            names[c.codes[static_cast<std::size_t>(k)]]);
        data[i] = row;
    }
    return py::make_tuple("cells", out);
}

py::tuple column_to_python(Column& c, Strings strings, const FieldInfo* info) {
    const bool utf8 = strings == Strings::UTF8;
    const bool vocabulary =
        info && (info->type == FieldType::ENUM || info->type == FieldType::ENUM_LIST);
    const bool cells = strings == Strings::FRAMES && !vocabulary;
    switch (c.kind) {
        case ColumnKind::STRINGS:
            if (cells) return text_cells(c);
            if (utf8) {
                const py::tuple names = names_to_utf8(c.views);
                return py::make_tuple("strings8", to_numpy(std::move(c.codes)), names[0], names[1]);
            }
            return py::make_tuple("strings", to_numpy(std::move(c.codes)), names_to_numpy(c.views));
        case ColumnKind::NUMBERS: return py::make_tuple("numbers", to_numpy(std::move(c.numbers)));
        case ColumnKind::BOOLS: {
            py::array_t<bool> out(static_cast<py::ssize_t>(c.numbers.size()));
            bool* data = out.mutable_data();
            for (std::size_t i = 0; i < c.numbers.size(); ++i) data[i] = c.numbers[i] != 0;
            return py::make_tuple("bools", out);
        }
        case ColumnKind::LISTS:
            if (strings == Strings::FRAMES) return list_cells(c);
            if (utf8) {
                const py::tuple names = names_to_utf8(c.views);
                return py::make_tuple("lists8", to_numpy(std::move(c.offsets)),
                                      to_numpy(std::move(c.codes)), names[0], names[1]);
            }
            return py::make_tuple("lists", to_numpy(std::move(c.offsets)),
                                  to_numpy(std::move(c.codes)), names_to_numpy(c.views));
        case ColumnKind::BANDS: {
            py::array_t<double> bands({static_cast<py::ssize_t>(c.numbers.size() / 3), py::ssize_t{3}});
            std::copy(c.numbers.begin(), c.numbers.end(), bands.mutable_data());
            return py::make_tuple("bands", to_numpy(std::move(c.offsets)), bands);
        }
    }
    throw std::logic_error("unknown column kind");
}

// --- Python → columns --------------------------------------------------------------------------

std::string shown(py::handle v) {
    std::string text = py::cast<std::string>(py::repr(v));
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text + " (" + py::cast<std::string>(py::type::handle_of(v).attr("__name__")) + ")";
}

/// The text of a str, or nullopt (not a str, or not encodable).
std::optional<std::string_view> text_of(py::handle v) {
    if (!PyUnicode_Check(v.ptr())) return std::nullopt;
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(v.ptr(), &size);
    if (!data) {
        PyErr_Clear();
        return std::nullopt;
    }
    return std::string_view(data, static_cast<std::size_t>(size));
}

bool is_bool(py::handle v) {
    if (PyBool_Check(v.ptr())) return true;
    static const py::handle numpy_bool = py::object(py::dtype::of<bool>().attr("type")).release();
    return PyObject_TypeCheck(v.ptr(), reinterpret_cast<PyTypeObject*>(numpy_bool.ptr())) != 0;
}

/// A real number that is not a bool, or nullopt.
std::optional<double> number_of(py::handle v) {
    if (is_bool(v) || PyUnicode_Check(v.ptr()) || !PyNumber_Check(v.ptr()) || PyComplex_Check(v.ptr()))
        return std::nullopt;
    const double d = PyFloat_AsDouble(v.ptr());
    if (d == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        return std::nullopt;
    }
    return d;
}

/// Strings into `c.codes`/`c.names`, one name per distinct Python object is not worth its
/// hashing here: each string is its own name.
void add_name(Column& c, std::string_view s) {
    c.codes.push_back(static_cast<std::int32_t>(c.names.size()));
    c.names.emplace_back(s);
}

bool is_string_field(FieldType t) {
    return t == FieldType::TEXT || t == FieldType::ID || t == FieldType::REF || t == FieldType::DATE ||
           t == FieldType::ENUM;
}
bool is_list_field(FieldType t) {
    return t == FieldType::REF_LIST || t == FieldType::TEXT_LIST || t == FieldType::ENUM_LIST;
}

/// `(min, max)` or [min, max] as two numbers, or nullopt.
std::optional<std::pair<double, double>> pair_of(py::handle v) {
    if (PyUnicode_Check(v.ptr()) || !PySequence_Check(v.ptr()) || PySequence_Size(v.ptr()) != 2) {
        PyErr_Clear();
        return std::nullopt;
    }
    const auto seq = py::reinterpret_borrow<py::sequence>(v);
    const auto lo = number_of(seq[0]);
    const auto hi = number_of(seq[1]);
    if (!lo || !hi) return std::nullopt;
    return std::pair{*lo, *hi};
}

/// One population cell: {(min, max): count} or [{"ages": [min, max], "count": n}, ...].
void add_bands(Column& c, std::size_t row, py::handle v) {
    const auto fail = [&](const std::string& message) { c.problems.push_back({row, -1, message}); };
    const auto band = [&](py::handle ages, py::handle count) {
        const auto a = pair_of(ages);
        const auto n = number_of(count);
        if (!a || !n) {
            fail("expected ages (min, max) and a number of people, got " + shown(ages) + ": " + shown(count));
            return;
        }
        c.numbers.insert(c.numbers.end(), {a->first, a->second, *n});
    };
    if (PyDict_Check(v.ptr())) {
        for (auto [ages, count] : py::reinterpret_borrow<py::dict>(v)) band(ages, count);
    } else if (!PyUnicode_Check(v.ptr()) && PySequence_Check(v.ptr())) {
        for (auto item : py::reinterpret_borrow<py::sequence>(v)) {
            if (!PyDict_Check(item.ptr()) || !item.contains("ages") || !item.contains("count")) {
                fail("expected {\"ages\": [min, max], \"count\": number}, got " + shown(item));
                continue;
            }
            band(item["ages"], item["count"]);
        }
    } else {
        fail("expected a dict {(min_age, max_age): count} or a list of {\"ages\": [min, max], "
             "\"count\": number}, got " + shown(v));
    }
    c.offsets.push_back(static_cast<std::int64_t>(c.numbers.size() / 3));
}

/// An object array converted cell by cell for `info`.
Column objects_to_column(std::string name, const FieldInfo& info, py::array array) {
    if (!(array.flags() & py::array::c_style)) array = py::array::ensure(array, py::array::c_style);
    Column c{.name = std::move(name)};
    const auto n = static_cast<std::size_t>(array.size());
    const auto* cells = static_cast<PyObject* const*>(array.data());
    const FieldType type = info.type;
    if (is_string_field(type)) {
        c.codes.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            py::handle v(cells[i]);
            if (v.is_none()) {
                c.codes.push_back(-1);
            } else if (auto s = text_of(v)) {
                add_name(c, *s);
            } else {
                c.codes.push_back(-1);
                c.problems.push_back({i, -1, "expected a string, got " + shown(v)});
            }
        }
    } else if (is_list_field(type)) {
        c.kind = ColumnKind::LISTS;
        c.offsets.reserve(n + 1);
        c.offsets.push_back(0);
        for (std::size_t i = 0; i < n; ++i) {
            py::handle v(cells[i]);
            if (!v.is_none()) {
                if (PyUnicode_Check(v.ptr()) || PyDict_Check(v.ptr()) || !py::isinstance<py::iterable>(v)) {
                    c.problems.push_back({i, -1, "expected a list of strings, got " + shown(v)});
                } else {
                    std::ptrdiff_t k = 0;
                    for (auto e : py::reinterpret_borrow<py::iterable>(v)) {
                        if (auto s = text_of(e))
                            add_name(c, *s);
                        else
                            c.problems.push_back({i, k, "expected a string, got " + shown(e)});
                        ++k;
                    }
                }
            }
            c.offsets.push_back(static_cast<std::int64_t>(c.codes.size()));
        }
    } else if (type == FieldType::POPULATION) {
        c.kind = ColumnKind::BANDS;
        c.offsets.push_back(0);
        for (std::size_t i = 0; i < n; ++i) {
            py::handle v(cells[i]);
            if (v.is_none())
                c.offsets.push_back(c.offsets.back());
            else
                add_bands(c, i, v);
        }
    } else if (type == FieldType::BOOL) {
        c.kind = ColumnKind::BOOLS;
        c.numbers.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            py::handle v(cells[i]);
            if (v.is_none()) {
                c.numbers.push_back(absent);
            } else if (is_bool(v)) {
                c.numbers.push_back(PyObject_IsTrue(v.ptr()) ? 1.0 : 0.0);
            } else {
                c.numbers.push_back(absent);
                c.problems.push_back({i, -1, "expected true or false, got " + shown(v)});
            }
        }
    } else {  // numbers, whole numbers, levels, ages
        c.kind = ColumnKind::NUMBERS;
        c.numbers.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            py::handle v(cells[i]);
            if (v.is_none()) {
                c.numbers.push_back(absent);
            } else if (auto d = number_of(v)) {
                c.numbers.push_back(*d);
            } else if (auto s = text_of(v); s && type == FieldType::LEVEL) {
                const auto level = parse_level_name(*s);
                c.numbers.push_back(level ? static_cast<double>(*level) : absent);
                if (!level)
                    c.problems.push_back({i, -1, "unknown level '" + std::string(*s) +
                                                     "'; the level must be 1 (universal) to 4 "
                                                     "(intensive) or one of universal|early|targeted|intensive"});
            } else {
                c.numbers.push_back(absent);
                c.problems.push_back({i, -1, std::string(type == FieldType::LEVEL ? "expected a level, 1 to 4"
                                                                                  : "expected a number") +
                                                 ", got " + shown(v)});
            }
        }
    }
    return c;
}

template <class T>
std::vector<T> vector_of(py::handle v) {
    const auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(v);
    if (!a) throw py::type_error("expected a numpy array of " + std::string(py::str(py::dtype::of<T>())));
    return std::vector<T>(a.data(), a.data() + a.size());
}

std::vector<std::string> names_of(py::handle v) {
    std::vector<std::string> out;
    for (auto item : py::reinterpret_borrow<py::iterable>(v)) {
        const auto s = text_of(item);
        if (!s) throw py::type_error("the names of a column must be strings, not " + shown(item));
        out.emplace_back(*s);
    }
    return out;
}

/// Names from UTF-8 bytes and their offsets (names_to_utf8).
std::vector<std::string> names_of_utf8(py::handle data, py::handle ends) {
    const auto bytes = vector_of<std::uint8_t>(data);
    const auto offsets = vector_of<std::int64_t>(ends);
    std::vector<std::string> out;
    if (offsets.empty()) return out;
    out.reserve(offsets.size() - 1);
    for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
        if (offsets[i] < 0 || offsets[i + 1] < offsets[i] || offsets[i + 1] > static_cast<std::int64_t>(bytes.size()))
            throw py::value_error("the offsets of a column's names are outside its bytes");
        out.emplace_back(reinterpret_cast<const char*>(bytes.data()) + offsets[i],
                         static_cast<std::size_t>(offsets[i + 1] - offsets[i]));
    }
    return out;
}

/// A tagged tuple made by to_columns (or by samkart.frames for a Categorical).
Column tuple_to_column(std::string name, const py::tuple& t) {
    const auto tag = py::cast<std::string>(t[0]);
    Column c{.name = std::move(name)};
    if (tag == "strings" && t.size() == 3) {
        c.codes = vector_of<std::int32_t>(t[1]);
        c.names = names_of(t[2]);
    } else if (tag == "strings8" && t.size() == 4) {
        c.codes = vector_of<std::int32_t>(t[1]);
        c.names = names_of_utf8(t[2], t[3]);
    } else if (tag == "lists8" && t.size() == 5) {
        c.kind = ColumnKind::LISTS;
        c.offsets = vector_of<std::int64_t>(t[1]);
        c.codes = vector_of<std::int32_t>(t[2]);
        c.names = names_of_utf8(t[3], t[4]);
    } else if (tag == "numbers" && t.size() == 2) {
        c.kind = ColumnKind::NUMBERS;
        c.numbers = vector_of<double>(t[1]);
    } else if (tag == "bools" && t.size() == 2) {
        c.kind = ColumnKind::BOOLS;
        for (const bool b : vector_of<bool>(t[1])) c.numbers.push_back(b ? 1.0 : 0.0);
    } else if (tag == "lists" && t.size() == 4) {
        c.kind = ColumnKind::LISTS;
        c.offsets = vector_of<std::int64_t>(t[1]);
        c.codes = vector_of<std::int32_t>(t[2]);
        c.names = names_of(t[3]);
    } else if (tag == "bands" && t.size() == 3) {
        c.kind = ColumnKind::BANDS;
        c.offsets = vector_of<std::int64_t>(t[1]);
        c.numbers = vector_of<double>(t[2]);
    } else {
        throw py::value_error("column '" + c.name + "': unknown column tuple ('" + tag + "', ...)");
    }
    return c;
}

Column to_column(const std::string& collection, std::string name, py::handle value) {
    if (py::isinstance<py::tuple>(value)) return tuple_to_column(std::move(name), py::reinterpret_borrow<py::tuple>(value));
    if (!py::isinstance<py::array>(value))
        throw py::type_error("column '" + name + "' of " + collection + " must be a numpy array or a column tuple, not " +
                             shown(value));
    const auto array = py::reinterpret_borrow<py::array>(value);
    if (array.ndim() != 1) throw py::value_error("column '" + name + "' of " + collection + " must be 1-d");
    const char kind = array.dtype().kind();
    const FieldInfo* info = column_field(collection, name);
    if (kind == 'b') {
        Column c{.name = std::move(name), .kind = ColumnKind::BOOLS};
        for (const bool b : vector_of<bool>(array)) c.numbers.push_back(b ? 1.0 : 0.0);
        return c;
    }
    if (kind == 'i' || kind == 'u' || kind == 'f')
        return {.name = std::move(name), .kind = ColumnKind::NUMBERS, .numbers = vector_of<double>(array)};
    if (!info) return {.name = std::move(name)};  // an unknown column: reported by name
    if (kind != 'O') {
        const auto objects = array.attr("astype")("object");
        return objects_to_column(std::move(name), *info, py::reinterpret_borrow<py::array>(objects));
    }
    return objects_to_column(std::move(name), *info, array);
}

std::optional<int> year_of(py::handle v) {
    if (v.is_none()) return std::nullopt;
    return py::cast<int>(v);
}

}  // namespace

namespace {

py::dict state_of(const Landscape& land, Strings strings) {
    LandscapeColumns columns;
    {
        py::gil_scoped_release release;
        columns = to_column_views(land.records());  // `land` outlives the views: see the caller
    }
    py::dict out;
    out["name"] = columns.name;
    out["year"] = columns.year ? py::object(py::int_(*columns.year)) : py::object(py::none());
    out["currency"] = columns.currency;
    for (auto& table : columns.collections) {
        py::dict cols;
        for (auto& c : table.columns)
            cols[py::str(c.name)] =
                column_to_python(c, strings, column_field(table.collection, c.name));
        out[py::str(table.collection)] = cols;
    }
    return out;
}

}  // namespace

py::dict landscape_state(const Landscape& land, bool utf8) {
    return state_of(land, utf8 ? Strings::UTF8 : Strings::OBJECTS);
}

Landscape landscape_from_state(const py::dict& state, const std::string& source_name,
                               const std::map<std::string, std::size_t>& rows) {
    LandscapeColumns columns;
    columns.name = py::cast<std::string>(state["name"]);
    columns.year = state.contains("year") ? year_of(state["year"]) : std::nullopt;
    columns.currency = state.contains("currency") ? py::cast<std::string>(state["currency"]) : "NOK";
    for (auto [key, value] : state) {
        const auto collection = py::cast<std::string>(key);
        if (collection == "name" || collection == "year" || collection == "currency") continue;
        if (value.is_none()) continue;
        CollectionColumns table{collection, 0, {}};
        bool first = true;
        for (auto [name, column] : py::cast<py::dict>(value)) {
            Column c = to_column(collection, py::cast<std::string>(name), column);
            std::size_t length = 0;
            switch (c.kind) {
                case ColumnKind::STRINGS: length = c.codes.size(); break;
                case ColumnKind::NUMBERS:
                case ColumnKind::BOOLS: length = c.numbers.size(); break;
                default: length = c.offsets.empty() ? 0 : c.offsets.size() - 1;
            }
            if (first) table.rows = length;
            first = false;
            table.columns.push_back(std::move(c));
        }
        if (const auto it = rows.find(collection); it != rows.end()) table.rows = it->second;
        columns.collections.push_back(std::move(table));
    }
    py::gil_scoped_release release;
    return from_columns(columns, source_name);
}

void register_columns(py::module_& m) {
    m.def("to_columns",
          [](const Landscape& land, bool utf8) { return as<hint::Table>(landscape_state(land, utf8)); },
          py::arg("landscape"), py::kw_only(), py::arg("utf8") = false,
          "The landscape as columns: {\"name\", \"year\", \"currency\", \"areas\": {column: "
          "tuple}, ...}, one tuple of numpy arrays per column (see samkart.frames). With `utf8`, "
          "the strings of a column are UTF-8 bytes end to end and their offsets, not str objects: "
          "the state pickling uses.");
    m.def("frame_columns",
          [](const Landscape& land) { return as<hint::Table>(state_of(land, Strings::FRAMES)); },
          py::arg("landscape"),
          "The landscape as the columns of its DataFrames (samkart.frames.to_frames): as "
          "to_columns, but text columns are (\"text\", values, present), one str or NaN per row "
          "(None when no row has a value), and list columns (\"cells\", values), a new list per "
          "row; one str object per distinct string of a column, shared by its cells.");
    m.def(
        "from_columns",
        [](const hint::Table& state, const std::map<std::string, std::size_t>& rows,
           const std::string& source) { return landscape_from_state(state, source, rows); },
        py::arg("state"), py::kw_only(), py::arg_v("rows", std::map<std::string, std::size_t>{}, "{}"),
        py::arg("source") = "<columns>",
        "A landscape from columns as to_columns makes them, or a 1-d numpy array per column. "
        "`rows` gives the rows of a collection whose columns cannot say (none given). "
        "@throws SchemaError naming collection, row and field; ValidationError.");
    m.def(
        "split_lists",
        [](const py::array_t<std::int64_t>& offsets, const hint::AnyArray& given) {
            if (!py::isinstance<py::array>(given)) throw py::type_error("values must be a numpy array");
            const auto values = py::reinterpret_borrow<py::array>(given);
            if (values.ndim() != 1 || values.dtype().kind() != 'O')
                throw py::type_error("values must be a 1-d object array");
            const auto n = offsets.size() > 0 ? static_cast<std::size_t>(offsets.size() - 1) : 0;
            const std::int64_t* o = offsets.data();
            const auto* cells = static_cast<PyObject* const*>(values.data());
            if (n > 0 && (o[0] < 0 || o[n] > values.size()))
                throw py::value_error("offsets outside the values");
            for (std::size_t i = 0; i < n; ++i)
                if (o[i + 1] < o[i]) throw py::value_error("offsets decrease");
            py::array out = object_array(n);
            auto** data = static_cast<PyObject**>(out.mutable_data());
            const GcPause pause;
            for (std::size_t i = 0; i < n; ++i) {
                PyObject* row = PyList_New(static_cast<Py_ssize_t>(o[i + 1] - o[i]));
                if (!row) throw py::error_already_set();
                for (std::int64_t k = o[i]; k < o[i + 1]; ++k) {
                    Py_INCREF(cells[k]);
                    PyList_SET_ITEM(row, static_cast<Py_ssize_t>(k - o[i]), cells[k]);
                }
                Py_XDECREF(data[i]);
                data[i] = row;
            }
            return as<hint::AnyArray>(out);
        },
        py::arg("offsets"), py::arg("values"),
        "An object array of lists: row i is values[offsets[i]:offsets[i + 1]] as a list.");
}

}  // namespace samkart::python
