/// @file landscape.cpp
/// The Landscape class. The add_* methods take Python values (enum names, (min, max) ages,
/// ints or samkart.Level for a level), check what the C++ types cannot hold (an unknown enum
/// name, ages that are not two whole numbers) and report those together with the Landscape's
/// own checks in one ValidationError; the landscape is unchanged when anything is wrong.
/// to_frames, summary and _repr_html_ live in Python (samkart.frames, samkart.summary) and
/// are bound here as methods so that there is one Landscape type everywhere.

#include "bindings.hpp"
#include "annotations.hpp"

#include <pybind11/stl/filesystem.h>

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string_view>
#include <utility>

#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"
#include "samkart/io/json.hpp"

namespace samkart::python {
namespace {

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

/// A function of the Python layer, imported when first called.
py::object python_layer(const char* module, const char* name) {
    return py::module_::import(module).attr(name);
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

    cls.def(
        "add_area",
        [](Landscape& land, std::string id, std::string name, const std::string& kind, OptString parent,
           const hint::PopulationIn& population, bool illustrative, OptString citation) {
            Conversion conv{"areas", static_cast<std::ptrdiff_t>(land.areas().size()), id, {}};
            Area a;
            a.kind = conv.enumeration("kind", kind, AreaKind::MUNICIPALITY);
            a.population = conv.population(population);
            a.id = std::move(id);
            a.name = std::move(name);
            a.parent = std::move(parent);
            a.illustrative = illustrative;
            a.citation = std::move(citation);
            add(land, conv, std::move(a), [](Landscape& l, Area r) { l.add_area(std::move(r)); });
        },
        py::arg("id"), py::kw_only(), py::arg("name"), py::arg("kind") = "municipality",
        py::arg("parent") = py::none(), py::arg("population") = py::none(),
        py::arg("illustrative") = false, py::arg("citation") = py::none(),
        "Add an area. `kind` is country|county|municipality|district; `parent` an area already "
        "added; `population` a dict {(min_age, max_age): count}. @throws ValidationError.");

    cls.def(
        "add_actor",
        [](Landscape& land, std::string id, std::string name, std::string sector, const std::string& owner,
           Strings areas, const hint::AgesIn& ages, bool illustrative, OptString citation) {
            Conversion conv{"actors", static_cast<std::ptrdiff_t>(land.actors().size()), id, {}};
            Actor a;
            a.owner = conv.enumeration("owner", owner, Owner::MUNICIPAL);
            a.ages = conv.ages("ages", ages);
            a.id = std::move(id);
            a.name = std::move(name);
            a.sector = std::move(sector);
            a.areas = std::move(areas);
            a.illustrative = illustrative;
            a.citation = std::move(citation);
            add(land, conv, std::move(a), [](Landscape& l, Actor r) { l.add_actor(std::move(r)); });
        },
        py::arg("id"), py::kw_only(), py::arg("name"), py::arg("sector") = "", py::arg("owner"),
        py::arg_v("areas", Strings{}, "()"), py::arg("ages") = py::none(), py::arg("illustrative") = false,
        py::arg("citation") = py::none(),
        "Add an actor. `owner` is municipal|county|state|private|voluntary; `areas` ids of areas "
        "already added; `ages` (min, max) or None. @throws ValidationError.");

    cls.def(
        "add_measure",
        [](Landscape& land, std::string id, std::string name, const hint::LevelIn& level, Strings providers,
           Strings areas, const hint::AgesIn& ages, Strings targets, OptDouble capacity,
           OptDouble participants, OptDouble cost, const Strings& keys, const Strings& tees,
           bool illustrative, OptString citation) {
            Conversion conv{"measures", static_cast<std::ptrdiff_t>(land.measures().size()), id, {}};
            Measure r;
            r.level = conv.level(level);
            r.ages = conv.ages("ages", ages);
            r.keys = conv.enumerations<Key>("keys", keys);
            r.tees = conv.enumerations<Tee>("tees", tees);
            r.id = std::move(id);
            r.name = std::move(name);
            r.providers = std::move(providers);
            r.areas = std::move(areas);
            r.targets = std::move(targets);
            r.capacity = capacity;
            r.participants = participants;
            r.cost = cost;
            r.illustrative = illustrative;
            r.citation = std::move(citation);
            add(land, conv, std::move(r), [](Landscape& l, Measure x) { l.add_measure(std::move(x)); });
        },
        py::arg("id"), py::kw_only(), py::arg("name"), py::arg("level"), py::arg("providers"),
        py::arg_v("areas", Strings{}, "()"), py::arg("ages") = py::none(), py::arg_v("targets", Strings{}, "()"),
        py::arg("capacity") = py::none(), py::arg("participants") = py::none(),
        py::arg("cost") = py::none(), py::arg_v("keys", Strings{}, "()"), py::arg_v("tees", Strings{}, "()"),
        py::arg("illustrative") = false, py::arg("citation") = py::none(),
        "Add a measure. `level` is 1–4 or a samkart.Level; `providers` at least one actor id; "
        "`keys` of collaboration|participation|innovation; `tees` of "
        "early|close_follow_up|tailored|cross_sector. @throws ValidationError.");

    cls.def(
        "add_link",
        [](Landscape& land, std::string source, std::string target, const std::string& kind, bool formal,
           OptString coordinator, bool consent, OptString legal_basis, const OptString& intensity,
           OptDouble trust, OptDouble value, OptString since, OptString until, bool illustrative,
           OptString citation) {
            Conversion conv{"links", static_cast<std::ptrdiff_t>(land.links().size()),
                            source + " → " + target, {}};
            Link r;
            r.kind = conv.enumeration("kind", kind, LinkKind::NETWORK);
            r.intensity = conv.optional_enumeration<Intensity>("intensity", intensity);
            r.source = std::move(source);
            r.target = std::move(target);
            r.formal = formal;
            r.coordinator = std::move(coordinator);
            r.consent = consent;
            r.legal_basis = std::move(legal_basis);
            r.trust = trust;
            r.value = value;
            r.since = std::move(since);
            r.until = std::move(until);
            r.illustrative = illustrative;
            r.citation = std::move(citation);
            add(land, conv, std::move(r), [](Landscape& l, Link x) { l.add_link(std::move(x)); });
        },
        py::arg("source"), py::arg("target"), py::kw_only(), py::arg("kind"), py::arg("formal") = false,
        py::arg("coordinator") = py::none(), py::arg("consent") = false,
        py::arg("legal_basis") = py::none(), py::arg("intensity") = py::none(),
        py::arg("trust") = py::none(), py::arg("value") = py::none(), py::arg("since") = py::none(),
        py::arg("until") = py::none(), py::arg("illustrative") = false, py::arg("citation") = py::none(),
        "Add a link between two actors. `kind` is agreement|referral|shared_plan|"
        "information_sharing|co_location|joint_measure|network; `intensity` "
        "awareness|cooperation|coordination|integration; `since`/`until` YYYY-MM-DD. "
        "@throws ValidationError.");

    cls.def(
        "add_transition",
        [](Landscape& land, std::string source, std::string target, OptDouble volume, OptString reason,
           const hint::AgesIn& ages, bool illustrative, OptString citation) {
            Conversion conv{"transitions", static_cast<std::ptrdiff_t>(land.transitions().size()),
                            source + " → " + target, {}};
            Transition r;
            r.ages = conv.ages("ages", ages);
            r.source = std::move(source);
            r.target = std::move(target);
            r.volume = volume;
            r.reason = std::move(reason);
            r.illustrative = illustrative;
            r.citation = std::move(citation);
            add(land, conv, std::move(r), [](Landscape& l, Transition x) { l.add_transition(std::move(x)); });
        },
        py::arg("source"), py::arg("target"), py::kw_only(), py::arg("volume") = py::none(),
        py::arg("reason") = py::none(), py::arg("ages") = py::none(), py::arg("illustrative") = false,
        py::arg("citation") = py::none(),
        "Add a hand-over of young people (volume per year) from one actor to another. "
        "@throws ValidationError.");

    cls.def(
        "add_indicator",
        [](Landscape& land, std::string area, std::string key, double value, std::optional<int> year,
           OptString source, bool illustrative) {
            Indicator ind;
            ind.area = std::move(area);
            ind.key = std::move(key);
            ind.value = value;
            ind.year = year;
            ind.source = std::move(source);
            ind.illustrative = illustrative;
            land.add_indicator(std::move(ind));
        },
        py::arg("area"), py::arg("key"), py::arg("value"), py::kw_only(), py::arg("year") = py::none(),
        py::arg("source") = py::none(), py::arg("illustrative") = false,
        "Add a figure about an area, e.g. add_indicator(\"3807\", \"neet_count_16_25\", 420, "
        "year=2019, source=\"002 §5\"). @throws ValidationError.");

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
        .def(py::pickle([](const Landscape& l) { return to_json_string(l, -1); },
                        [](const std::string& text) { return from_json_string(text, "<pickle>"); }));
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

    cls.def(
           "to_frames",
           [](const py::object& self) {
               return as<py::typing::Dict<py::str, hint::DataFrame>>(
                   python_layer("samkart.frames", "to_frames")(self));
           },
           "One pandas DataFrame per collection: a dict keyed by \"areas\", \"actors\", "
           "\"measures\", \"links\", \"transitions\", \"indicators\" (see samkart.frames).")
        .def(
            "summary",
            [](const py::object& self, const std::string& lang) {
                return as<hint::Summary>(
                    python_layer("samkart.summary", "summarize")(self, py::arg("lang") = lang));
            },
            py::arg("lang") = "en",
            "Counts of the landscape: measures by level, actors by owner and by sector, links by "
            "kind (a samkart.Summary; print it for a text block).")
        .def("_repr_html_", [](const py::object& self) {
            return as<py::str>(python_layer("samkart.summary", "landscape_html")(self));
        }, "The summary as HTML, for Jupyter.");
}

}  // namespace samkart::python
