/// @file schema.cpp
/// The field table (samkart/core/schema.hpp), read-only: `samkart._core.record_schemas()` and
/// the vocabulary names behind each field. The Python layer (`samkart.schema`) wraps it.

#include "bindings.hpp"

#include <string>
#include <string_view>

#include "samkart/core/schema.hpp"

namespace samkart::python {
namespace {

/// The name under which `samkart.vocabulary.terms()` knows a field's vocabulary, or None.
std::optional<std::string> vocabulary_name(const FieldInfo& f) {
    using Vocabulary = std::span<const Term> (*)() noexcept;
    struct Named {
        Vocabulary vocabulary;
        const char* name;
    };
    static const Named named[] = {
        {&terms<AreaKind>, "area_kind"},   {&terms<Owner>, "owner"},
        {&terms<LinkKind>, "link_kind"},   {&terms<Intensity>, "intensity"},
        {&terms<Key>, "key"},              {&terms<Tee>, "tee"},
        {&terms<MappingStatus>, "mapping_status"}, {&terms<MeasureStatus>, "measure_status"},
        {&terms<CountKind>, "count_kind"}, {&terms<Comparator>, "comparator"}, {&recommended_sectors, "sector"},
        {&recommended_targets, "target"},
    };
    if (!f.vocabulary) return std::nullopt;
    for (const auto& n : named)
        if (n.vocabulary == f.vocabulary) return n.name;
    return std::nullopt;
}

std::string text(std::string_view s) { return std::string(s); }

}  // namespace

void register_schema(py::module_& m) {
    py::class_<FieldInfo>(m, "FieldInfo", "One field of one record type (samkart/core/schema.hpp).")
        .def_property_readonly("name", [](const FieldInfo& f) { return text(f.name); },
                               "The field's name, as in JSON, frames and Python keywords.")
        .def_property_readonly("type", [](const FieldInfo& f) { return text(to_string(f.type)); },
                               "text, id, ref, ref_list, text_list, enum, enum_list, number, "
                               "integer, bool, ages, level, date or population.")
        .def_readonly("required", &FieldInfo::required, "True: a record must give it.")
        .def_property_readonly("default", [](const FieldInfo& f) -> std::optional<std::string> {
            if (f.default_value.empty()) return std::nullopt;
            return text(f.default_value);
        }, "The default as JSON text (\"false\", \"[]\", \"active\"), or None.")
        .def_property_readonly("refers_to", [](const FieldInfo& f) -> std::optional<std::string> {
            if (f.refers_to.empty()) return std::nullopt;
            return text(f.refers_to);
        }, "For ref and ref_list: the collection the ids belong to, else None.")
        .def_property_readonly("vocabulary", &vocabulary_name,
                               "The name of its vocabulary (see samkart.vocabulary), or None.")
        .def_readonly("open_vocabulary", &FieldInfo::open_vocabulary,
                      "True: the vocabulary is recommended; other strings are allowed.")
        .def_property_readonly("description", [](const FieldInfo& f) { return text(f.description); },
                               "One line of English.")
        .def("label", [](const FieldInfo& f, std::string_view lang) { return text(f.label(lang)); },
             py::arg("lang") = "en", "The field's label in `lang` (\"nb\", \"da\" or \"en\").")
        .def("__repr__", [](const FieldInfo& f) {
            return "FieldInfo('" + text(f.name) + "', " + text(to_string(f.type)) +
                   (f.required ? ", required" : "") + ")";
        });

    py::class_<RecordSchema>(m, "RecordSchema", "The fields of one record type, in order.")
        .def_property_readonly("collection", [](const RecordSchema& s) { return text(s.collection); },
                               "\"areas\", \"actors\", \"measures\", \"links\", \"transitions\", "
                               "\"indicators\" (or \"population\" for population bands).")
        .def_property_readonly("record", [](const RecordSchema& s) { return text(s.record); },
                               "The record's name in the singular (\"actor\").")
        .def_property_readonly("description", [](const RecordSchema& s) { return text(s.description); },
                               "One line of English.")
        .def_property_readonly("fields", [](const RecordSchema& s) {
            py::typing::Tuple<FieldInfo, py::ellipsis> out(s.fields.size());
            for (std::size_t i = 0; i < s.fields.size(); ++i)
                out[i] = py::cast(s.fields[i], py::return_value_policy::reference);
            return out;
        }, "The fields, in the order of the JSON format.")
        .def("__repr__", [](const RecordSchema& s) {
            return "RecordSchema('" + text(s.collection) + "', " + std::to_string(s.fields.size()) +
                   " fields)";
        });

    m.def("record_schemas", [] {
        const auto all = record_schemas();
        py::typing::Tuple<RecordSchema, py::ellipsis> out(all.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            out[i] = py::cast(all[i], py::return_value_policy::reference);
        return out;
    }, "The schema of every collection, in landscape order (areas … indicators).");
    m.def("population_band_schema", [] { return population_band_schema(); },
          py::return_value_policy::reference, "The fields of a population band of an area.");
}

}  // namespace samkart::python
