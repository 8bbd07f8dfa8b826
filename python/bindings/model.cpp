/// @file model.cpp
/// Level (a real enum.IntEnum), the record classes, Problem and the vocabularies.
/// Records are read-only views copied out of a Landscape: enum fields are their names
/// ("municipal"), ages are (min, max) or None, collections are tuples. Their properties are made
/// from the field table (core/schema.hpp), so a new field needs no change here.

#include "bindings.hpp"
#include "annotations.hpp"

#include <pybind11/native_enum.h>

#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "samkart/core/errors.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/records.hpp"
#include "samkart/core/schema.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart::python {
namespace {

using field_traits::is_optional;
using field_traits::is_vocabulary;

/// Absent, false or empty: what the JSON writer leaves out (a 0 is shown).
bool is_unset(const py::object& v) {
    if (v.is_none()) return true;
    if (py::isinstance<py::bool_>(v)) return !py::cast<bool>(v);
    if (py::isinstance<py::str>(v) || py::isinstance<py::tuple>(v) || py::isinstance<py::dict>(v))
        return py::len(v) == 0;
    return false;
}

/// A text value equal to the field's default (a vocabulary's default name, "active").
bool is_default(const py::object& v, const std::string& default_text) {
    return !default_text.empty() && py::isinstance<py::str>(v) && py::cast<std::string>(v) == default_text;
}

/// A read-only record class whose __repr__ lists its fields, leaving out the ones that are
/// absent, empty or false (like the JSON writer) unless they are always shown.
template <class T>
class RecordClass {
public:
    RecordClass(py::module_& m, const char* name, const char* doc)
        : cls_(m, name, doc), fields_(std::make_shared<Fields>()) {}

    /// A read-only property; `get`'s return type names it in the signature (and the stubs).
    template <class Getter>
    RecordClass& field(const char* name, Getter get, const char* doc, bool always = false,
                       std::string_view default_text = {}) {
        cls_.def_property_readonly(name, get, doc);
        std::function<py::object(const T&)> f = [get](const T& r) -> py::object {
            auto v = get(r);
            if constexpr (std::is_base_of_v<py::handle, decltype(v)>)
                return py::object(std::move(v));
            else
                return py::cast(std::move(v));
        };
        fields_->push_back({name, f, always, std::string(default_text)});
        return *this;
    }

    void finish() {
        auto fields = fields_;
        const std::string name = py::cast<std::string>(cls_.attr("__name__"));
        cls_.def("__repr__", [fields, name](const T& r) {
            std::string out = name + "(";
            bool first = true;
            for (const auto& f : *fields) {
                const py::object v = f.get(r);
                if (!f.always && (is_unset(v) || is_default(v, f.default_text))) continue;
                if (!first) out += ", ";
                first = false;
                out += f.name;
                out += '=';
                out += py::cast<std::string>(py::repr(v));
            }
            return out + ")";
        });
        def_equals(cls_);
        cls_.def("__copy__", [](const T& r) { return r; }, "A copy of the record.");
        cls_.def("__deepcopy__", [](const T& r, const hint::Memo&) { return r; }, py::arg("memo"),
                 "A copy of the record (records hold no references).");
    }

private:
    struct Field {
        std::string name;
        std::function<py::object(const T&)> get;
        bool always;
        std::string default_text;  ///< an enum's default name ("active"): left out of the repr
    };
    using Fields = std::vector<Field>;
    py::class_<T> cls_;
    std::shared_ptr<Fields> fields_;
};

template <class E>
std::string name_of(E value) {
    return std::string(to_string(value));
}

py::typing::Dict<py::typing::Tuple<int, int>, double> population_to_python(
    const std::vector<PopulationBand>& bands) {
    py::typing::Dict<py::typing::Tuple<int, int>, double> out;
    for (const auto& b : bands) out[py::make_tuple(b.ages.min, b.ages.max)] = b.count;
    return out;
}

void register_level(py::module_& m) {
    py::native_enum<Level>(m, "Level", "enum.IntEnum",
                           "Prevention level (*forebyggingsnivå*), 1 to 4. Ints 1–4 are accepted "
                           "wherever a level is.")
        .value("UNIVERSAL", Level::UNIVERSAL, "for everyone, health-promoting (universelt)")
        .value("EARLY", Level::EARLY, "early help where someone feels concern (tidlig innsats)")
        .value("TARGETED", Level::TARGETED, "risk groups, adapted measures (målrettet)")
        .value("INTENSIVE", Level::INTENSIVE,
               "those already outside: intensified cross-agency effort (intensivt)")
        .finalize();

    // Helpers as methods of the enum class itself, so that `Level.EARLY.label("nb")` works.
    const py::object level = m.attr("Level");
    const py::object property = py::module_::import("builtins").attr("property");
    level.attr("label") = py::cpp_function(
        [](Level l, std::string_view lang) { return std::string(level_label(l, lang)); },
        py::name("label"), py::is_method(level), py::arg("lang") = "en",
        "The label for a reader in `lang` (\"nb\", \"da\" or \"en\").");
    level.attr("iom") = property(py::cpp_function(
        [](Level l) { return std::string(iom_term(l)); }, py::is_method(level),
        "The IOM prevention spectrum term: universal, selective, indicated or treatment."));
    level.attr("bti") = property(py::cpp_function(
        [](Level l) { return bti_level(l); }, py::is_method(level),
        "The level of the BTI model (Bedre tverrfaglig innsats), 0–3: this level − 1."));
}


/// A field's value as Python sees it; the C++ return type names it in the signature (and the
/// stubs): enum names as str, ages as (min, max) or None, lists as tuples, a population as a
/// dict {(min, max): count}.
template <class V>
auto to_python(const V& v) {
    if constexpr (is_vocabulary<V>) {
        return name_of(v);
    } else if constexpr (is_optional<V>::value && is_vocabulary<typename is_optional<V>::type>) {
        return v ? std::optional<std::string>(name_of(*v)) : std::nullopt;
    } else if constexpr (std::is_same_v<V, std::optional<AgeRange>>) {
        return as<hint::Ages>(ages_to_python(v));
    } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
        return as<hint::Strings>(strings_to_python(v));
    } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
        return population_to_python(v);
    } else if constexpr (requires { names_to_python(v); }) {
        return as<hint::Strings>(names_to_python(v));
    } else {
        return v;  // text, numbers, bools, Level
    }
}

/// A record class with one read-only property per field of its table, documented by the
/// table's description; required fields always show in the repr, others when set and not
/// their default.
template <class Record>
void register_record(py::module_& m, const char* name, const char* doc) {
    RecordClass<Record> cls(m, name, doc);
    for_each_field<Record>([&cls](const FieldInfo& info, auto member) {
        cls.field(info.name.data(), [member](const Record& r) { return to_python(r.*member); },
                  info.description.data(), info.required, info.default_value);
    });
    cls.finish();
}

void register_records(py::module_& m) {
    register_record<Area>(m, "Area", "An administrative area: country, county, municipality or district.");
    register_record<Actor>(m, "Actor",
                           "A service actor (aktør): an office, school, service or organisation.");
    register_record<Measure>(m, "Measure", "A measure (tiltak) provided by one or more actors at one level.");
    register_record<Link>(m, "Link", "Collaboration between two actors; referral runs source → target.");
    register_record<Transition>(m, "Transition",
                                "A hand-over of young people from one actor to another (overgang).");
    register_record<Indicator>(m, "Indicator",
                               "A figure about an area, e.g. neet_count_16_25 = 4200 in 2019.");
}

void register_problem(py::module_& m) {
    py::class_<Problem> cls(m, "Problem", "One problem with one record of the input.");
    cls.def_property_readonly("severity", [](const Problem& p) {
            return as<py::typing::Literal<"\"error\"", "\"warning\"">>(
                py::str(p.severity == Severity::ERROR ? "error" : "warning"));
        }, "\"error\" (stops a landscape from being built) or \"warning\"")
        .def_readonly("collection", &Problem::collection,
                      "\"areas\", \"actors\", ..., \"landscape\" or \"schema\"")
        .def_property_readonly("index", [](const Problem& p) -> std::optional<std::ptrdiff_t> {
            if (p.index < 0) return std::nullopt;
            return p.index;
        }, "position of the record in its collection, or None")
        .def_readonly("id", &Problem::id, "the record's id (or \"source → target\"), may be empty")
        .def_readonly("field", &Problem::field, "the field at fault, may be empty")
        .def_readonly("message", &Problem::message, "what is wrong and what to do about it")
        .def("__str__", &Problem::to_string)
        .def("__repr__", [](const Problem& p) {
            return "<Problem " + p.to_string() + ">";
        });
    def_equals(cls);
}

/// The vocabularies by name, as used by `samkart.vocabulary`.
std::span<const Term> vocabulary(std::string_view name) {
    if (name == "area_kind") return terms<AreaKind>();
    if (name == "owner") return terms<Owner>();
    if (name == "link_kind") return terms<LinkKind>();
    if (name == "intensity") return terms<Intensity>();
    if (name == "key") return terms<Key>();
    if (name == "tee") return terms<Tee>();
    if (name == "mapping_status") return terms<MappingStatus>();
    if (name == "measure_status") return terms<MeasureStatus>();
    if (name == "count_kind") return terms<CountKind>();
    if (name == "comparator") return terms<Comparator>();
    if (name == "sector") return recommended_sectors();
    if (name == "target") return recommended_targets();
    throw py::value_error("unknown vocabulary '" + std::string(name) +
                          "'; expected one of area_kind|owner|link_kind|intensity|key|tee|mapping_status|measure_status|count_kind|comparator|sector|target");
}

void register_vocabulary(py::module_& m) {
    py::class_<Term>(m, "Term", "A term of a vocabulary: its machine name and its labels.")
        .def_property_readonly("name", [](const Term& t) { return std::string(t.name); },
                               "The machine name, as stored in JSON (e.g. \"municipal\").")
        .def_property_readonly("nb", [](const Term& t) { return std::string(t.nb); },
                               "The label in Norwegian bokmål.")
        .def_property_readonly("da", [](const Term& t) { return std::string(t.da); },
                               "The label in Danish.")
        .def_property_readonly("en", [](const Term& t) { return std::string(t.en); },
                               "The label in English.")
        .def("label", [](const Term& t, std::string_view lang) { return std::string(t.label(lang)); },
             py::arg("lang") = "en", "The label in `lang` (\"nb\", \"da\" or \"en\").")
        .def("__repr__", [](const Term& t) {
            return "Term(" + py::cast<std::string>(py::repr(py::str(std::string(t.name)))) + ", en=" +
                   py::cast<std::string>(py::repr(py::str(std::string(t.en)))) + ")";
        });
    m.def("terms", [](std::string_view name) {
        const auto ts = vocabulary(name);
        py::typing::Tuple<Term, py::ellipsis> out(ts.size());
        for (std::size_t i = 0; i < ts.size(); ++i) out[i] = py::cast(ts[i]);
        return out;
    }, py::arg("vocabulary"),
          "The terms of a vocabulary: area_kind, owner, link_kind, intensity, key, tee, mapping_status, measure_status, count_kind, comparator (closed) or "
          "sector, target (recommended).");
    m.attr_with_type_hint<py::typing::Tuple<py::str, py::ellipsis>>("languages") =
        py::make_tuple("nb", "da", "en");
}

}  // namespace

void register_model(py::module_& m) {
    register_level(m);
    register_records(m);
    register_problem(m);
    register_vocabulary(m);
}

}  // namespace samkart::python
