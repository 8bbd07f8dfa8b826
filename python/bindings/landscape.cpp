/// @file landscape.cpp
/// The Landscape class. The add_* methods are made from the field table (core/schema.hpp): one
/// argument per field, the first ones positional (the id; source and target; area, key and
/// value), the rest keyword-only with the table's defaults, so a new field needs no change
/// here. They take Python values (enum names, (min, max) ages, ints or samkart.Level for a
/// level, a dict for a population), check what the C++ types cannot hold (an unknown enum
/// name, ages that are not two whole numbers) and report those together with the Landscape's
/// own checks in one ValidationError; the landscape is unchanged when anything is wrong.
/// to_frames, summary and _repr_html_ are Python (samkart/_landscape.py): this module never
/// imports the package above it. Pickling uses the columns of columns.cpp.

#include "bindings.hpp"
#include "annotations.hpp"

#include <pybind11/stl/filesystem.h>

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/schema.hpp"
#include "samkart/io/json.hpp"

namespace samkart::python {
namespace {

using field_traits::is_optional;
using field_traits::is_vector;
using field_traits::is_vocabulary;

using Strings = std::vector<std::string>;
using OptString = std::optional<std::string>;
using OptDouble = std::optional<double>;

/// Problems found while converting the Python arguments of one add_* call.
struct Conversion {
    const char* collection;
    std::ptrdiff_t index;
    std::string id;
    std::vector<Problem> problems;

    void fail(std::string field, std::string message) {
        problems.push_back({Severity::ERROR, collection, index, id, std::move(field), std::move(message)});
    }

    template <class E>
    E enumeration(const char* field, const std::string& name, E fallback) {
        if (auto v = parse<E>(name)) return *v;
        fail(field, "unknown value '" + name + "'; expected one of " + accepted_names<E>());
        return fallback;
    }

    template <class E>
    std::optional<E> optional_enumeration(const char* field, const OptString& name) {
        if (!name) return std::nullopt;
        if (auto v = parse<E>(*name)) return *v;
        fail(field, "unknown value '" + *name + "'; expected one of " + accepted_names<E>());
        return std::nullopt;
    }

    template <class E>
    std::vector<E> enumerations(const char* field, const Strings& names) {
        std::vector<E> out;
        for (const auto& name : names) {
            if (auto v = parse<E>(name))
                out.push_back(*v);
            else
                fail(field, "unknown value '" + name + "'; expected names from " + accepted_names<E>());
        }
        return out;
    }

    /// A whole number of years, or std::nullopt after reporting the problem.
    std::optional<int> year_of_age(const char* field, py::handle v) {
        if (!py::isinstance<py::int_>(v) || py::isinstance<py::bool_>(v)) {
            fail(field, "ages must be whole numbers of years, not " + py::cast<std::string>(py::repr(v)));
            return std::nullopt;
        }
        const auto n = py::cast<py::int_>(v);
        // Beyond int, the Landscape's own range check could not see the number: clamp so
        // that it reports "over 120" or "negative" in its own words.
        if (n < py::int_(-1)) return -1;
        if (n > py::int_(AgeRange::max_age + 1)) return AgeRange::max_age + 1;
        return py::cast<int>(n);
    }

    /// `(min, max)` (any sequence of two whole numbers) or None.
    std::optional<AgeRange> ages(const char* field, py::handle v) {
        if (v.is_none()) return std::nullopt;
        if (py::isinstance<py::str>(v) || !py::isinstance<py::sequence>(v) || py::len(v) != 2) {
            fail(field, "ages must be (min, max), two whole numbers of years, not " +
                            py::cast<std::string>(py::repr(v)));
            return std::nullopt;
        }
        const auto seq = py::reinterpret_borrow<py::sequence>(v);
        const auto lo = year_of_age(field, seq[0]);
        const auto hi = year_of_age(field, seq[1]);
        if (!lo || !hi) return std::nullopt;
        return AgeRange{*lo, *hi};
    }

    /// `{(min, max): count}` or None.
    std::vector<PopulationBand> population(py::handle v) {
        std::vector<PopulationBand> out;
        if (v.is_none()) return out;
        if (!py::isinstance<py::dict>(v)) {
            fail("population", "population must be a dict {(min_age, max_age): count}, not " +
                                   py::cast<std::string>(py::repr(v)));
            return out;
        }
        for (auto [key, count] : py::reinterpret_borrow<py::dict>(v)) {
            const auto ages = this->ages("population", key);
            double n = 0;
            try {
                n = py::cast<double>(count);
            } catch (const py::cast_error&) {
                fail("population", "the count for " + py::cast<std::string>(py::repr(key)) +
                                       " must be a number, not " + py::cast<std::string>(py::repr(count)));
                continue;
            }
            if (ages) out.push_back({*ages, n});
        }
        return out;
    }

    /// An int 1–4, a samkart.Level, or a level name ("early").
    Level level(py::handle v) {
        std::optional<Level> out;
        if (py::isinstance<py::int_>(v) && !py::isinstance<py::bool_>(v)) {
            const auto n = py::cast<py::int_>(v);
            if (n >= py::int_(1) && n <= py::int_(4)) out = level_from_int(py::cast<long long>(n));
        } else if (py::isinstance<py::str>(v)) {
            out = parse_level_name(py::cast<std::string>(v));
        }
        if (!out)
            fail("level", "level " + py::cast<std::string>(py::repr(v)) +
                              " does not exist; give 1 (universal) to 4 (intensive), a samkart.Level "
                              "or one of universal|early|targeted|intensive");
        return out.value_or(Level::UNIVERSAL);
    }
};

/// Add a converted record, or throw one ValidationError with the conversion problems and the
/// Landscape's own problems of the record (checked on a copy, so nothing changes).
template <class Record, class Add>
void add(Landscape& land, Conversion& conv, Record record, Add add_to) {
    if (conv.problems.empty()) {
        add_to(land, std::move(record));
        return;
    }
    Landscape trial = land;
    try {
        add_to(trial, std::move(record));
    } catch (const ValidationError& e) {
        conv.problems.insert(conv.problems.end(), e.problems().begin(), e.problems().end());
    }
    throw ValidationError(std::move(conv.problems));
}

// --- add_* from the field table ------------------------------------------------------------


/// The Python-facing type of the keyword for a field of C++ type V: what pybind11 converts (and
/// names in the signature), or a hint for what the Conversion converts itself.
template <class V>
struct Input {
    using type = V;  // strings, numbers, bools, lists of strings: as they are
};
template <class E>
    requires is_vocabulary<E>
struct Input<E> {
    using type = std::string;
};
template <class E>
    requires is_vocabulary<E>
struct Input<std::optional<E>> {
    using type = OptString;
};
template <class E>
    requires is_vocabulary<E>
struct Input<std::vector<E>> {
    using type = Strings;
};
template <>
struct Input<Level> {
    using type = hint::LevelIn;
};
template <>
struct Input<std::optional<AgeRange>> {
    using type = hint::AgesIn;
};
template <>
struct Input<std::vector<PopulationBand>> {
    using type = hint::PopulationIn;
};

template <class Record, std::size_t I>
using FieldAt = std::tuple_element_t<I, std::remove_cvref_t<decltype(Schema<Record>::fields)>>;
template <class Record, std::size_t I>
using InputAt = typename Input<typename FieldAt<Record, I>::value_type>::type;

/// The C++ value of a keyword.
template <class V, class In>
V convert(Conversion& conv, const FieldInfo& info, In&& in) {
    const std::string name(info.name);
    if constexpr (std::is_same_v<V, Level>) {
        return conv.level(in);
    } else if constexpr (std::is_same_v<V, std::optional<AgeRange>>) {
        return conv.ages(name.c_str(), in);
    } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
        return conv.population(in);
    } else if constexpr (is_vocabulary<V>) {
        return conv.enumeration(name.c_str(), in, V{});
    } else if constexpr (is_optional<V>::value && is_vocabulary<typename is_optional<V>::type>) {
        return conv.template optional_enumeration<typename is_optional<V>::type>(name.c_str(), in);
    } else if constexpr (is_vector<V>::value && is_vocabulary<typename is_vector<V>::type>) {
        return conv.template enumerations<typename is_vector<V>::type>(name.c_str(), in);
    } else {
        return V(std::forward<In>(in));
    }
}

/// py::arg for field I: positional before `Positional`, then keyword-only (py::kw_only() before
/// the first), with the table's default unless the field is required and has none.
template <class Record, std::size_t Positional, std::size_t I>
auto make_arg() {
    constexpr FieldInfo info = std::get<I>(Schema<Record>::fields).info;
    using V = typename FieldAt<Record, I>::value_type;
    const char* name = info.name.data();  // the table's names are string literals
    if constexpr (I < Positional || (info.required && info.default_value.empty())) {
        return py::arg(name);
    } else if constexpr (is_vector<V>::value && !std::is_same_v<V, std::vector<PopulationBand>>) {
        return py::arg_v(name, Strings{}, "()");
    } else if constexpr (std::is_same_v<V, bool>) {
        return py::arg_v(name, info.default_value == "true");
    } else if constexpr (is_optional<V>::value || std::is_same_v<V, std::vector<PopulationBand>>) {
        return py::arg_v(name, py::none());
    } else {
        static_assert(std::is_same_v<typename Input<V>::type, std::string>,
                      "a default the bindings cannot give");
        return py::arg_v(name, std::string(info.default_value));
    }
}

/// py::arg for field I: positional before `Positional`, then keyword-only (py::kw_only() before
/// the first), with the table's default unless the field is required and has none.
template <class Record, std::size_t Positional, std::size_t I>
auto argument() {
    if constexpr (I == Positional)
        return std::make_tuple(py::kw_only(), make_arg<Record, Positional, I>());
    else
        return std::make_tuple(make_arg<Record, Positional, I>());
}

/// "ot-skien", "a → b", "3807 neet": how Problems name a record.
template <class Record>
std::string record_id(const Record& r) {
    if constexpr (requires(const Record& x) { x.id; })
        return r.id;
    else if constexpr (requires(const Record& x) { x.target; })
        return r.source + " → " + r.target;
    else
        return r.area + " " + r.key;
}

void add_record(Landscape& l, Area r) { l.add_area(std::move(r)); }
void add_record(Landscape& l, Actor r) { l.add_actor(std::move(r)); }
void add_record(Landscape& l, Measure r) { l.add_measure(std::move(r)); }
void add_record(Landscape& l, Link r) { l.add_link(std::move(r)); }
void add_record(Landscape& l, Transition r) { l.add_transition(std::move(r)); }
void add_record(Landscape& l, Indicator r) { l.add_indicator(std::move(r)); }

template <class Record>
std::size_t count_of(const Landscape& l) {
    std::size_t n = 0;
    for_each_collection(l.records(), [&n](const auto& c) {
        if constexpr (std::is_same_v<typename std::remove_cvref_t<decltype(c)>::value_type, Record>)
            n = c.size();
    });
    return n;
}

/// `add_<record>`: one argument per field of the table, converted and added, or one
/// ValidationError with every problem and the landscape unchanged.
template <class Record, std::size_t Positional, std::size_t... I>
void def_add(py::class_<Landscape>& cls, const char* name, const char* doc, std::index_sequence<I...>) {
    auto add_one = [](Landscape& land, InputAt<Record, I>... values) {
        Conversion conv{Schema<Record>::collection.data(),
                        static_cast<std::ptrdiff_t>(count_of<Record>(land)), {}, {}};
        Record r;
        ((r.*std::get<I>(Schema<Record>::fields).member =
              convert<typename FieldAt<Record, I>::value_type>(
                  conv, std::get<I>(Schema<Record>::fields).info, std::move(values))),
         ...);
        for (auto& p : conv.problems) p.id = record_id(r);
        add(land, conv, std::move(r), [](Landscape& l, Record x) { add_record(l, std::move(x)); });
    };
    const std::string text = std::string(doc) +
                             " Every field of samkart.schema.fields(\"" +
                             std::string(Schema<Record>::collection) +
                             "\") is a keyword of the same name. @throws ValidationError.";
    std::apply([&](auto&&... args) { cls.def(name, add_one, args..., text.c_str()); },
               std::tuple_cat(argument<Record, Positional, I>()...));
}

template <class Record, std::size_t Positional>
void def_add(py::class_<Landscape>& cls, const char* name, const char* doc) {
    constexpr std::size_t n = std::tuple_size_v<std::remove_cvref_t<decltype(Schema<Record>::fields)>>;
    def_add<Record, Positional>(cls, name, doc, std::make_index_sequence<n>{});
}

template <class Record>
py::typing::Tuple<Record, py::ellipsis> records_to_python(std::span<const Record> records) {
    py::typing::Tuple<Record, py::ellipsis> out(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) out[i] = py::cast(records[i]);
    return out;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string landscape_repr(const Landscape& l) {
    std::string out = "Landscape(" + py::cast<std::string>(py::repr(py::str(l.name())));
    if (l.year()) out += ", year=" + std::to_string(*l.year());
    out += ", currency=" + py::cast<std::string>(py::repr(py::str(l.currency()))) + "): ";
    out += plural(l.areas().size(), "area", "areas") + ", ";
    out += plural(l.actors().size(), "actor", "actors") + ", ";
    out += plural(l.measures().size(), "measure", "measures") + ", ";
    out += plural(l.links().size(), "link", "links") + ", ";
    out += plural(l.transitions().size(), "transition", "transitions") + ", ";
    out += plural(l.indicators().size(), "indicator", "indicators");
    return out;
}


}  // namespace

void register_landscape(py::module_& m) {
    py::class_<Landscape> cls(m, "Landscape", R"doc(
A mapping of the services around young people: areas, actors, measures, links (collaboration),
transitions (hand-overs) and indicators. A Landscape is valid at all times: each ``add_*``
checks its record and either adds it whole or raises ValidationError and changes nothing.
)doc");

    cls.def(py::init<std::string, std::optional<int>, std::string>(), py::arg("name"),
            py::arg("year") = py::none(), py::arg("currency") = "NOK",
            "An empty landscape. @throws ValidationError for an implausible year or empty currency.")
        .def_property("name", &Landscape::name, &Landscape::set_name, "The mapping's name.")
        .def_property_readonly("year", &Landscape::year, "The year the mapping describes, or None.")
        .def_property_readonly("currency", &Landscape::currency, "Currency of costs, e.g. \"NOK\".")
        .def_property_readonly("areas", [](const Landscape& l) { return records_to_python(l.areas()); },
                               "Every area, in the order added (a tuple of Area).")
        .def_property_readonly("actors", [](const Landscape& l) { return records_to_python(l.actors()); },
                               "Every actor, in the order added (a tuple of Actor).")
        .def_property_readonly("measures", [](const Landscape& l) { return records_to_python(l.measures()); },
                               "Every measure, in the order added (a tuple of Measure).")
        .def_property_readonly("links", [](const Landscape& l) { return records_to_python(l.links()); },
                               "Every link, in the order added (a tuple of Link).")
        .def_property_readonly("transitions",
                               [](const Landscape& l) { return records_to_python(l.transitions()); },
                               "Every transition, in the order added (a tuple of Transition).")
        .def_property_readonly("indicators",
                               [](const Landscape& l) { return records_to_python(l.indicators()); },
                               "Every indicator, in the order added (a tuple of Indicator).");

    def_add<Area, 1>(cls, "add_area",
        "Add an area. `kind` is country|county|municipality|district; `parent` an area already "
        "added; `population` a dict {(min_age, max_age): count}; `mapping` complete|partial|none.");
    def_add<Actor, 1>(cls, "add_actor",
        "Add an actor. `owner` is municipal|county|state|private|voluntary; `areas` ids of areas "
        "already added; `ages` (min, max) or None; `part_of` an actor already added.");
    def_add<Measure, 1>(cls, "add_measure",
        "Add a measure. `level` is 1–4 or a samkart.Level; `providers` at least one actor id; "
        "`keys` of collaboration|participation|innovation; `tees` of "
        "early|close_follow_up|tailored|cross_sector; `status` active|pilot|proposed|ended.");
    def_add<Link, 2>(cls, "add_link",
        "Add a link between two actors. `kind` is agreement|referral|shared_plan|"
        "information_sharing|co_location|joint_measure|network; `intensity` "
        "awareness|cooperation|coordination|integration; `since`/`until` YYYY-MM-DD.");
    def_add<Transition, 2>(cls, "add_transition",
        "Add a hand-over of young people (volume per year) from one actor to another.");
    def_add<Indicator, 3>(cls, "add_indicator",
        "Add a figure about an area, e.g. add_indicator(\"3807\", \"neet_count_16_25\", 420, "
        "year=2019, source=\"002 §5\"); `count` flow|stock when it counts people; `comparator` "
        "more_than|at_least|less_than|at_most where the source gives only a bound.");

    cls.def("area", [](const Landscape& l, std::string_view id) { return l.area(id); }, py::arg("id"),
            "The area with this id. @throws UnknownIdError.")
        .def("actor", [](const Landscape& l, std::string_view id) { return l.actor(id); }, py::arg("id"),
             "The actor with this id. @throws UnknownIdError.")
        .def("measure", [](const Landscape& l, std::string_view id) { return l.measure(id); },
             py::arg("id"), "The measure with this id. @throws UnknownIdError.")
        .def("validate", &Landscape::validate,
             "Soft problems (warnings) that do not stop a landscape from being built: a list of Problem.")
        .def("__repr__", &landscape_repr)
        .def("__copy__", [](const Landscape& l) { return Landscape(l); }, "A copy of the landscape.")
        .def("__deepcopy__", [](const Landscape& l, const hint::Memo&) { return Landscape(l); },
             py::arg("memo"), "A copy of the landscape (it holds no references to Python objects).")
        .def(py::pickle(
            [](const Landscape& l) { return as<hint::Table>(landscape_state(l, true)); },
            [](const hint::Table& state) { return landscape_from_state(state, "<pickle>"); }));
    def_equals(cls);

    cls.def(
           "to_json",
           // Two overloads so that the signatures say what comes back: text without a path.
           [](const Landscape& l, const py::none& /*path*/, int indent) {
               std::string text;
               {
                   py::gil_scoped_release release;
                   text = to_json_string(l, indent);
               }
               return text;
           },
           py::arg("path") = py::none(), py::arg("indent") = 2,
           "The landscape as JSON text (schema version 1). `indent` < 0 gives one line.")
        .def(
           "to_json",
           [](const Landscape& l, const std::filesystem::path& path, int indent) {
               py::gil_scoped_release release;
               write_json(l, path, indent);
           },
           py::arg("path"), py::arg("indent") = 2,
           "Write the landscape as JSON (schema version 1) to `path`, atomically. `indent` < 0 "
           "gives one line. @throws SamkartError if it cannot be written.")
        .def_static(
            "from_json",
            [](const std::string& text) {
                py::gil_scoped_release release;
                return from_json_string(text);
            },
            py::arg("text"), "Parse JSON text. @throws SchemaError, ValidationError.");

}

}  // namespace samkart::python
