/// @file scenario.cpp
/// Scenario changes, apply_changes, compare_gaps and prioritize for the pure-Python layer
/// python/samkart/scenario.py, which keeps the public names (Scenario, Change, compare, ...).
/// A Python change is (kind, args, cost, label) with the args of `samkart.scenario.Change`:
/// for add_* the record as a dict of field values, converted here through the field table
/// (schema.hpp), so no field is spelled out. The heavy work runs with the GIL released.

#include "bindings.hpp"

#include <string_view>

#include "samkart/analysis/scenario.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/schema.hpp"

namespace samkart::python {
namespace {

/// A dict of keyword values: a change's args, the gap rules' arguments.
using Args = py::typing::Dict<py::str, py::object>;

std::string text_of(py::handle v) { return py::cast<std::string>(py::repr(v)); }

/// A Python value as the FieldValue of a field of type `type`. False counts as None (the
/// Python layer's "a field set to None or False is removed") except for flags.
FieldValue field_value(py::handle v, FieldType type, std::string_view where) {
    auto fail = [&](const std::string& expected) -> FieldValue {
        throw ArgumentError(std::string(where) + ": expected " + expected + ", got " + text_of(v));
    };
    if (v.is_none()) return std::monostate{};
    if (py::isinstance<py::bool_>(v)) {
        if (type == FieldType::BOOL) return py::cast<bool>(v);
        if (!py::cast<bool>(v)) return std::monostate{};
        return fail("not True");
    }
    switch (type) {
        case FieldType::AGES: {
            if (py::isinstance<py::str>(v) || !py::isinstance<py::sequence>(v) || py::len(v) != 2)
                return fail("(min, max) ages");
            const auto seq = py::reinterpret_borrow<py::sequence>(v);
            if (!py::isinstance<py::int_>(seq[0]) || !py::isinstance<py::int_>(seq[1]))
                return fail("(min, max) ages in whole years");
            return AgeRange{py::cast<int>(seq[0]), py::cast<int>(seq[1])};
        }
        case FieldType::REF_LIST:
        case FieldType::TEXT_LIST:
        case FieldType::ENUM_LIST: {
            if (py::isinstance<py::str>(v) || !py::isinstance<py::sequence>(v)) return fail("a list of strings");
            std::vector<std::string> out;
            for (auto item : py::reinterpret_borrow<py::sequence>(v)) {
                if (!py::isinstance<py::str>(item)) return fail("a list of strings");
                out.push_back(py::cast<std::string>(item));
            }
            return out;
        }
        default: break;
    }
    if (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)) return py::cast<double>(v);
    if (py::isinstance<py::str>(v)) return py::cast<std::string>(v);
    // An IntEnum such as samkart.Level is an int above; anything else is not a field value.
    return fail("a number, a string, a list or None");
}

/// A record from a dict {field: value} through the field table of `Record`.
template <class Record>
Record record_from(const py::dict& args, std::string_view kind) {
    Record record;
    const auto& schema = record_schema<Record>();
    for (auto [key, value] : args) {
        const auto name = py::cast<std::string>(key);
        const auto* info = schema.find(name);
        const std::string where = std::string(kind) + " field '" + name + "'";
        if (!info) {
            std::string names;
            for (const auto& f : schema.fields) {
                if (!names.empty()) names += ", ";
                names += f.name;
            }
            throw ArgumentError(std::string(kind) + ": unknown field '" + name + "'; one of " + names);
        }
        if constexpr (std::is_same_v<Record, Area>) {
            if (info->type == FieldType::POPULATION) {  // [{"ages": [a, b], "count": n}, ...]
                record.population.clear();
                if (value.is_none()) continue;
                for (auto band : py::reinterpret_borrow<py::sequence>(value)) {
                    const auto d = py::reinterpret_borrow<py::dict>(band);
                    const auto ages = std::get<AgeRange>(field_value(d["ages"], FieldType::AGES, where));
                    record.population.push_back({ages, py::cast<double>(d["count"])});
                }
                continue;
            }
        }
        set_field(record, name, field_value(value, info->type, where));
    }
    return record;
}

template <class E>
E enum_arg(const py::dict& args, const char* name, std::string_view kind) {
    const auto text = py::cast<std::string>(args[name]);
    if (auto e = parse<E>(text)) return *e;
    throw ArgumentError(std::string(kind) + ": unknown " + name + " '" + text + "'; one of " + accepted_names<E>());
}

std::string text_arg(const py::dict& args, const char* name) { return py::cast<std::string>(args[name]); }

/// One change from the Python (kind, args, cost, label).
Change make_change(const std::string& kind, const py::dict& args, double cost, const std::string& label) {
    Change change{AddRecord{}, cost, label};
    if (kind == "add_area") change.action = AddRecord{record_from<Area>(args, kind)};
    else if (kind == "add_actor") change.action = AddRecord{record_from<Actor>(args, kind)};
    else if (kind == "add_measure") change.action = AddRecord{record_from<Measure>(args, kind)};
    else if (kind == "add_link") change.action = AddRecord{record_from<Link>(args, kind)};
    else if (kind == "add_transition") change.action = AddRecord{record_from<Transition>(args, kind)};
    else if (kind == "add_indicator") change.action = AddRecord{record_from<Indicator>(args, kind)};
    else if (kind == "remove_actor") change.action = RemoveActor{text_arg(args, "id")};
    else if (kind == "remove_link") {
        RemoveLink r{text_arg(args, "source"), text_arg(args, "target"), std::nullopt};
        if (args.contains("kind") && !args["kind"].is_none()) r.kind = enum_arg<LinkKind>(args, "kind", kind);
        change.action = std::move(r);
    } else if (kind == "set_link") {
        SetLink s{text_arg(args, "source"), text_arg(args, "target"), enum_arg<LinkKind>(args, "kind", kind), {}};
        for (auto [key, value] : py::reinterpret_borrow<py::dict>(args["fields"])) {
            const auto name = py::cast<std::string>(key);
            const auto* info = record_schema<Link>().find(name);
            if (!info) throw ArgumentError("set_link: unknown link field(s) " + name);
            s.fields.push_back({name, field_value(value, info->type, "set_link field '" + name + "'")});
        }
        change.action = std::move(s);
    } else if (kind == "set_capacity") {
        std::optional<double> capacity;
        if (!args["capacity"].is_none()) capacity = py::cast<double>(args["capacity"]);
        change.action = SetCapacity{text_arg(args, "measure"), capacity};
    } else if (kind == "add_key") {
        change.action = AddKey{text_arg(args, "measure"), enum_arg<Key>(args, "key", kind)};
    } else if (kind == "set_status") {
        change.action = SetStatus{text_arg(args, "measure"), enum_arg<MeasureStatus>(args, "status", kind)};
    } else {
        throw ArgumentError("unknown change kind '" + kind + "'");
    }
    return change;
}

/// GapRules from the dict of samkart.GapRules._arguments().
GapRules rules_from(const Args& rules) {
    return make_gap_rules(
        py::cast<std::pair<int, int>>(rules["ages"]), py::cast<std::vector<double>>(rules["level_weights"]),
        py::cast<int>(rules["cliff_min_level"]),
        py::cast<std::optional<std::vector<std::tuple<int, std::string, double>>>>(rules["needs"]),
        py::cast<int>(rules["duplication_min_overlap"]), py::cast<double>(rules["capacity_unknown_share"]),
        py::cast<std::vector<int>>(rules["capacity_levels"]),
        py::cast<std::vector<int>>(rules["duplication_levels"]),
        py::cast<bool>(rules["statutory_coordination"]),
        py::cast<std::vector<std::string>>(rules["statutory_bases"]),
        py::cast<double>(rules["volume_reference"]),
        py::cast<std::vector<std::string>>(rules["silo_by"]), py::cast<int>(rules["silo_min_size"]),
        py::cast<double>(rules["silo_threshold"]), py::cast<int>(rules["spof_min_separated"]),
        py::cast<int>(rules["max_referral_hops"]), py::cast<std::string>(rules["imbalance_value"]),
        py::cast<double>(rules["min_level1_share"]),
        py::cast<std::map<std::string, double>>(rules["kind_weights"]),
        py::cast<std::optional<std::vector<std::string>>>(rules["kinds"]));
}

/// The candidates as C++ values: (label, changes) pairs.
using CandidateList = std::vector<std::pair<std::string, std::vector<Change>>>;

std::vector<Candidate> candidate_values(const CandidateList& candidates) {
    std::vector<Candidate> list;
    list.reserve(candidates.size());
    for (const auto& [label, changes] : candidates) list.push_back({label, changes});
    return list;
}

}  // namespace

void register_scenario(py::module_& m) {
    py::class_<Change>(m, "ScenarioChange", R"doc(
One scenario change converted for the C++ core (samkart::Change); made by scenario_changes from
samkart.scenario.Change values. Opaque: read its kind, cost and label.
)doc")
        .def_property_readonly("kind", [](const Change& c) { return std::string(c.kind()); },
                               "\"add_link\", \"remove_actor\", ... (samkart.scenario.CHANGE_KINDS).")
        .def_readonly("cost", &Change::cost, "Per year, in the landscape's currency.")
        .def_property_readonly("label", &Change::name, "The label given, or one made from the change.")
        .def("__repr__", [](const Change& c) { return "ScenarioChange(" + std::string(c.kind()) + ": " + c.name() + ")"; });

    m.def("scenario_changes", [](const std::vector<std::tuple<std::string, Args, double, std::string>>& specs) {
        std::vector<Change> out;
        out.reserve(specs.size());
        for (std::size_t i = 0; i < specs.size(); ++i) {
            const auto& [kind, args, cost, label] = specs[i];
            try {
                out.push_back(make_change(kind, args, cost, label));
            } catch (const ArgumentError& e) {
                throw ArgumentError("scenario change " + std::to_string(i + 1) + " (" + kind + ": " + label +
                                    "): " + e.what());
            }
        }
        return out;
    }, py::arg("changes"),
       "Convert (kind, args, cost, label) tuples into ScenarioChange values, through the field table.\n"
       "@throws ArgumentError naming the change: an unknown kind or field, a value of the wrong type.");

    m.def("apply_changes", [](const Landscape& land, const std::vector<Change>& changes) {
        std::vector<std::string> log;
        py::gil_scoped_release nogil;
        auto result = apply_changes(land, changes, &log);
        return std::pair{std::move(result), std::move(log)};
    }, py::arg("land"), py::arg("changes"),
       "The changes applied in order to the records of `land`, validated as a whole, and the log of what\n"
       "else was done. @throws UnknownIdError, ArgumentError, ValidationError naming the change.");

    py::class_<ScenarioComparison>(m, "ScenarioComparison", "The gaps a change closed, opened and changed.")
        .def_readonly("closed", &ScenarioComparison::closed, "Gaps before with no match after, most severe first.")
        .def_readonly("opened", &ScenarioComparison::opened, "Gaps after with no match before, most severe first.")
        .def_readonly("changed", &ScenarioComparison::changed, "(before, after) pairs whose severity differs.")
        .def_readonly("severity_before", &ScenarioComparison::severity_before, "Total severity before.")
        .def_readonly("severity_after", &ScenarioComparison::severity_after, "Total severity after.")
        .def_readonly("gaps_before", &ScenarioComparison::gaps_before, "Number of gaps before.")
        .def_readonly("gaps_after", &ScenarioComparison::gaps_after, "Number of gaps after.")
        .def("__repr__", &ScenarioComparison::to_string);

    m.def("compare_gaps", [](const GapReport& before, const GapReport& after) { return compare(before, after); },
          py::arg("before"), py::arg("after"), py::call_guard<py::gil_scoped_release>(),
          "Match the gaps of two reports by (kind, area, level, sorted actors, ages).");

    m.def("gap_text", &gap_text, py::arg("gap"), "One line for a gap: kind | area | level | ages | actors (severity).");

    py::class_<PriorityStep>(m, "PriorityStep", "One step of prioritize: the candidate chosen and why.")
        .def_readonly("step", &PriorityStep::step, "1-based.")
        .def_readonly("candidate", &PriorityStep::candidate, "Index of the chosen candidate in the list given.")
        .def_readonly("label", &PriorityStep::label, "The candidate's label.")
        .def_readonly("cost", &PriorityStep::cost, "The candidate's cost (sum of its changes').")
        .def_readonly("severity_reduced", &PriorityStep::severity_reduced, "Total severity before − after.")
        .def_readonly("ratio", &PriorityStep::ratio, "severity_reduced / cost; inf when free.")
        .def_readonly("comparison", &PriorityStep::comparison, "The gaps it closed, opened and changed.")
        .def_readonly("runner_up", &PriorityStep::runner_up, "Label of the next best, or None.")
        .def_readonly("runner_up_ratio", &PriorityStep::runner_up_ratio, "The runner-up's ratio, or None.")
        .def_readonly("runner_up_severity_reduced", &PriorityStep::runner_up_severity_reduced,
                      "The runner-up's severity reduced, or None.")
        .def_readonly("candidates", &PriorityStep::candidates, "Candidates evaluated at this step.")
        .def("explain", &PriorityStep::explain, "What was chosen, what it closed, what came second.");

    py::class_<Prioritization>(m, "Prioritization", "The result of prioritize.")
        .def_readonly("steps", &Prioritization::steps, "The chosen candidates, in order.")
        .def_readonly("landscape", &Prioritization::landscape, "The landscape after every step.")
        .def_readonly("severity_before", &Prioritization::severity_before, "Total severity at the start.")
        .def_readonly("severity_after", &Prioritization::severity_after, "Total severity at the end.")
        .def_readonly("notes", &Prioritization::notes, "Why fewer than k steps; candidates dropped.");

    m.def("prioritize", [](const Landscape& land, const CandidateList& candidates, std::size_t k,
                           bool reuse, const Args& rules, const py::object& evaluate) {
        const auto gap_rules = rules_from(rules);
        const auto list = candidate_values(candidates);
        if (evaluate.is_none()) {
            py::gil_scoped_release nogil;
            return prioritize(land, list, k, gap_rules, reuse);
        }
        // The choice stays here; each step's evaluations go to the Python callable (an
        // executor's map in samkart._parallel), called with the GIL held.
        const CandidateEvaluator evaluator = [&evaluate](const Landscape&, std::span<const std::size_t> chosen,
                                                         std::span<const std::size_t> indices) {
            py::gil_scoped_acquire gil;
            const std::vector<std::size_t> c(chosen.begin(), chosen.end()), i(indices.begin(), indices.end());
            return py::cast<std::vector<std::optional<double>>>(evaluate(c, i));
        };
        py::gil_scoped_release nogil;
        return prioritize(land, list, k, gap_rules, evaluator);
    }, py::arg("land"), py::arg("candidates"), py::arg("k"), py::arg("reuse"), py::arg("rules"),
       py::arg("evaluate") = py::none(),
       "Greedy prioritization of (label, changes) candidates under the gap rules given as the dict of\n"
       "samkart.GapRules._arguments(). With `evaluate`, a callable (chosen, indices) -> totals, each\n"
       "step's candidates are evaluated by it (as evaluate_candidates on the landscape after the\n"
       "chosen candidates). @throws as samkart::prioritize.");

    m.def("evaluate_candidates", [](const Landscape& current, const CandidateList& candidates,
                                    const std::vector<std::size_t>& indices, bool reuse, const Args& rules) {
        const auto gap_rules = rules_from(rules);
        const auto list = candidate_values(candidates);
        py::gil_scoped_release nogil;
        return evaluate_candidates(current, list, indices, gap_rules, reuse);
    }, py::arg("current"), py::arg("candidates"), py::arg("indices"), py::arg("reuse"), py::arg("rules"),
       "The total gap severity after each candidate indices[i] applied to `current`, or None where it\n"
       "does not apply: one step of prioritize, for a worker of an executor.");
}

}  // namespace samkart::python
