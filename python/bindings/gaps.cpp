/// @file gaps.cpp
/// samkart._core gap analysis: find_gaps (rules as keyword arguments), Gap and GapReport.
/// The public face (GapRules dataclass, pandas, HTML) is python/samkart/gaps.py.

#include "bindings.hpp"
#include "annotations.hpp"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "samkart/analysis/gaps.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart::python {
namespace {

Level to_level(int value, const char* rule) {
    const auto level = level_from_int(value);
    if (!level)
        throw ArgumentError(std::string("rules.") + rule + ": " + std::to_string(value) +
                            " is not a level; expected 1–4");
    return *level;
}

/// A gap as a tuple of its fields (the kind by name), for pickling: reports travel between
/// the processes of an executor (samkart._parallel) and are cached on disk.
using GapState = py::typing::Tuple<hint::Any, py::ellipsis>;
using ReportState = py::typing::Tuple<py::typing::List<GapState>, py::typing::List<py::str>>;

GapState gap_state(const Gap& g) {
    return as<GapState>(py::make_tuple(
        std::string(gap_kind_name(g.kind)), g.severity, g.area, g.level, ages_to_python(g.ages), g.actors,
        g.value, g.expected, g.area_name, g.area_kind, g.actor_names, g.measures, g.measure_names, g.detail,
        g.value_missing, g.illustrative, g.young_people, g.records, g.cause, g.subject));
}

Gap gap_from_state(const GapState& t) {
    if (t.size() != 20) throw ArgumentError("Gap: unpickling needs the 20 fields of gap_state");
    Gap g;
    g.kind = parse_gap_kind(py::cast<std::string>(t[0]));
    g.category = gap_category(g.kind);
    g.severity = py::cast<double>(t[1]);
    g.area = py::cast<std::optional<std::string>>(t[2]);
    g.level = py::cast<std::optional<Level>>(t[3]);
    if (!t[4].is_none()) {
        const auto ages = py::cast<std::pair<int, int>>(t[4]);
        g.ages = AgeRange{ages.first, ages.second};
    }
    g.actors = py::cast<std::vector<std::string>>(t[5]);
    g.value = py::cast<std::optional<double>>(t[6]);
    g.expected = py::cast<std::optional<double>>(t[7]);
    g.area_name = py::cast<std::string>(t[8]);
    g.area_kind = py::cast<std::string>(t[9]);
    g.actor_names = py::cast<std::vector<std::string>>(t[10]);
    g.measures = py::cast<std::vector<std::string>>(t[11]);
    g.measure_names = py::cast<std::vector<std::string>>(t[12]);
    g.detail = py::cast<std::string>(t[13]);
    g.value_missing = py::cast<std::size_t>(t[14]);
    g.illustrative = py::cast<bool>(t[15]);
    g.young_people = py::cast<std::optional<double>>(t[16]);
    g.records = py::cast<std::vector<std::string>>(t[17]);
    g.cause = py::cast<std::string>(t[18]);
    g.subject = py::cast<std::string>(t[19]);
    return g;
}

}  // namespace

GapRules make_gap_rules(std::pair<int, int> ages, std::vector<double> level_weights, int cliff_min_level,
                        std::optional<std::vector<std::tuple<int, std::string, double>>> needs,
                        int duplication_min_overlap, double capacity_unknown_share,
                        const std::vector<int>& capacity_levels, const std::vector<int>& duplication_levels,
                        bool statutory_coordination, std::vector<std::string> statutory_bases,
                        double volume_reference, std::vector<std::string> silo_by,
                        int silo_min_size, double silo_threshold, int spof_min_separated, int max_referral_hops,
                        const std::string& imbalance_value, double min_level1_share,
                        std::map<std::string, double> kind_weights, std::optional<std::vector<std::string>> kinds) {
    GapRules rules;
    rules.ages = {ages.first, ages.second};
    if (level_weights.size() != 4)
        throw ArgumentError("rules.level_weights: expected 4 weights (levels 1–4), got " +
                            std::to_string(level_weights.size()));
    for (std::size_t i = 0; i < 4; ++i) rules.level_weights[i] = level_weights[i];
    rules.cliff_min_level = to_level(cliff_min_level, "cliff_min_level");
    if (needs) {
        rules.needs.emplace();
        for (const auto& [level, key, share] : *needs)
            rules.needs->push_back({to_level(level, "needs"), key, share});
    }
    rules.duplication_min_overlap = duplication_min_overlap;
    rules.capacity_unknown_share = capacity_unknown_share;
    rules.capacity_levels.clear();
    for (int level : capacity_levels) rules.capacity_levels.push_back(to_level(level, "capacity_levels"));
    rules.duplication_levels.clear();
    for (int level : duplication_levels)
        rules.duplication_levels.push_back(to_level(level, "duplication_levels"));
    rules.statutory_coordination = statutory_coordination;
    rules.statutory_bases = std::move(statutory_bases);
    rules.volume_reference = volume_reference;
    rules.silo_by = std::move(silo_by);
    rules.silo_min_size = silo_min_size;
    rules.silo_threshold = silo_threshold;
    rules.spof_min_separated = spof_min_separated;
    rules.max_referral_hops = max_referral_hops;
    if (imbalance_value == "measures") rules.imbalance_value = ImbalanceValue::MEASURES;
    else if (imbalance_value == "capacity") rules.imbalance_value = ImbalanceValue::CAPACITY;
    else throw ArgumentError("rules.imbalance_value: unknown '" + imbalance_value + "'; expected measures|capacity");
    rules.min_level1_share = min_level1_share;
    rules.kind_weights = std::move(kind_weights);
    rules.kinds = std::move(kinds);
    return rules;
}

void register_gaps(py::module_& m) {
    py::class_<Gap> gap(m, "Gap", R"doc(
One gap: where young people can fall between services. Which fields are set depends on the
kind (docs/gaps.md). ``message(lang)`` says what is missing and what would close it.
)doc");
    gap.def_property_readonly("kind", [](const Gap& g) { return std::string(gap_kind_name(g.kind)); },
                               "The kind of gap, one of gap_kinds().")
        .def_readonly("severity", &Gap::severity, "In [0, 1], already weighted by the rules.")
        .def_readonly("area", &Gap::area, "Area id; None for network-wide gaps.")
        .def_readonly("area_name", &Gap::area_name, "The area's name (\"\" without area).")
        .def_readonly("level", &Gap::level, "The level concerned, or None.")
        .def_property_readonly("ages", [](const Gap& g) { return as<hint::Ages>(ages_to_python(g.ages)); },
                               "(min, max) ages concerned, or None.")
        .def_property_readonly("actors", [](const Gap& g) { return as<hint::Strings>(strings_to_python(g.actors)); },
                               "Actor ids.")
        .def_property_readonly("actor_names",
                               [](const Gap& g) { return as<hint::Strings>(strings_to_python(g.actor_names)); },
                               "The actors' names, parallel to `actors`.")
        .def_readonly("value", &Gap::value, "What there is (a volume, a share, places, ...), or None.")
        .def_readonly("expected", &Gap::expected, "What there should be, when the kind has one.")
        .def_property_readonly("measures",
                               [](const Gap& g) { return as<hint::Strings>(strings_to_python(g.measures)); },
                               "Ids of the measures concerned (cliff, duplication).")
        .def_property_readonly("measure_names",
                               [](const Gap& g) { return as<hint::Strings>(strings_to_python(g.measure_names)); },
                               "The measures' names, parallel to `measures`.")
        .def_readonly("detail", &Gap::detail,
                      "Kind-specific: the indicator key (capacity_short), the group "
                      "\"owner=municipal\" (silo), the transition reason (handoff_*), else \"\".")
        .def_readonly("value_missing", &Gap::value_missing,
                      "capacity_unknown: measures of the level that give no capacity (not counted as 0).")
        .def_property_readonly("category", [](const Gap& g) { return std::string(gap_category_name(g.category)); },
                               "\"service\" (a gap in the services) or \"data\" (not mapped, capacity "
                               "unknown: what is not known well enough to judge).")
        .def_readonly("illustrative", &Gap::illustrative,
                      "True when the gap rests on at least one record marked illustrative.")
        .def_readonly("young_people", &Gap::young_people,
                      "Young people affected when a count says it (a hand-over's volume, those "
                      "leaving at an age limit, places missing), else None.")
        .def_property_readonly("records", [](const Gap& g) { return as<hint::Strings>(strings_to_python(g.records)); },
                               "The records the gap rests on, as \"collection:id\" "
                               "(\"actors:ot-skien\", \"transitions:a → b\").")
        .def_readonly("cause", &Gap::cause, "The key of the finding it belongs to (GapReport.findings).")
        .def_readonly("area_kind", &Gap::area_kind, "The area's kind (\"municipality\", ...), \"\" without area.")
        .def("message", &Gap::message, py::arg("lang") = "en",
             "What is missing and what would close it, in 'nb', 'da' or 'en'.")
        .def("__repr__", [](const Gap& g) {
            return "Gap(" + std::string(gap_kind_name(g.kind)) + ", severity=" +
                   std::to_string(g.severity).substr(0, 5) + ", area=" + g.area.value_or("None") + ")";
        });
    def_equals(gap);
    gap.def(py::pickle(&gap_state, &gap_from_state));

    py::class_<Finding> finding(m, "Finding", R"doc(
The gaps of one cause, grouped for a reader: e.g. every department of OT whose level-3
measures end at 21 with no service taking over. ``gaps`` are positions in the report.
)doc");
    finding.def_readonly("cause", &Finding::cause, "What its gaps have in common, as a stable key.")
        .def_property_readonly("kind", [](const Finding& f) { return std::string(gap_kind_name(f.kind)); },
                               "The kind of its gaps.")
        .def_property_readonly("category", [](const Finding& f) { return std::string(gap_category_name(f.category)); },
                               "\"service\" or \"data\".")
        .def_readonly("severity", &Finding::severity, "The highest severity among its gaps.")
        .def_readonly("young_people", &Finding::young_people,
                      "Young people affected: the sum over its gaps (different areas and routes), or "
                      "None when no gap has a count.")
        .def_property_readonly("areas", [](const Finding& f) { return as<hint::Strings>(strings_to_python(f.areas)); },
                               "Area ids, each once.")
        .def_property_readonly("area_names", [](const Finding& f) { return as<hint::Strings>(strings_to_python(f.area_names)); },
                               "The areas' names, parallel to `areas`.")
        .def_property_readonly("actors", [](const Finding& f) { return as<hint::Strings>(strings_to_python(f.actors)); },
                               "Actor ids, each once.")
        .def_property_readonly("actor_names", [](const Finding& f) { return as<hint::Strings>(strings_to_python(f.actor_names)); },
                               "The actors' names, parallel to `actors`.")
        .def_readonly("gaps", &Finding::gaps, "Positions of its gaps in the report.")
        .def_readonly("illustrative", &Finding::illustrative,
                      "True when one of its gaps rests on an illustrative record.")
        .def("message", &Finding::message, py::arg("lang") = "en",
             "One or two sentences for a reader, in 'nb', 'da' or 'en'.")
        .def("__repr__", [](const Finding& f) {
            return "Finding(" + f.cause + ", gaps=" + std::to_string(f.gaps.size()) + ", young_people=" +
                   (f.young_people ? std::to_string(static_cast<long long>(*f.young_people)) : std::string("None")) + ")";
        });
    def_equals(finding);

    py::class_<GapReport>(m, "GapReport", "The gaps of a landscape, most severe first.")
        .def_property_readonly("gaps", [](const GapReport& r) { return r.gaps(); },
                               "The gaps, most severe first (a list of Gap).")
        .def_property_readonly("notes", [](const GapReport& r) { return r.notes(); },
                               "What the analysis skipped or could not judge (e.g. an indicator no "
                               "area has).")
        .def("__len__", &GapReport::size, "The number of gaps.")
        .def("__getitem__", [](const GapReport& r, std::ptrdiff_t i) {
            const auto n = static_cast<std::ptrdiff_t>(r.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("gap index out of range");
            return r[static_cast<std::size_t>(i)];
        }, py::arg("i"), "The gap at position `i` (negative counts from the end). @throws IndexError.")
        .def("filter", [](const GapReport& r, std::optional<std::vector<std::string>> kinds,
                          std::optional<std::string> area, std::optional<int> level, double min_severity,
                          std::optional<std::string> category) {
            GapFilter f{.area = std::move(area), .min_severity = min_severity};
            if (category) {
                if (*category == "service") f.category = GapCategory::SERVICE;
                else if (*category == "data") f.category = GapCategory::DATA;
                else throw ArgumentError("unknown gap category '" + *category + "'; expected service|data");
            }
            if (kinds) {
                f.kinds.emplace();
                for (const auto& k : *kinds) f.kinds->push_back(parse_gap_kind(k));
            }
            if (level) f.level = to_level(*level, "level");
            return r.filter(f);
        }, py::arg("kinds") = py::none(), py::arg("area") = py::none(), py::arg("level") = py::none(),
           py::arg("min_severity") = 0.0, py::arg("category") = py::none(),
           "The gaps of `kinds`, in `area` (exact id), at `level` (1–4) with at least `min_severity`, "
           "of `category` (service|data); None keeps everything.")
        .def("top", &GapReport::top, py::arg("n"), "The `n` most severe gaps.")
        .def("findings", &GapReport::findings,
             "The gaps grouped by cause (Finding), ranked by young people affected (None last), then "
             "severity, then the number of areas.")
        .def("to_json", &GapReport::to_json, py::arg("lang") = "en", py::arg("indent") = 2,
             "{\"gaps\": [...], \"notes\": [...]} as JSON text: every Gap field plus \"message\" in "
             "`lang`. @throws ArgumentError for an unknown language.")
        // Pickled from its gaps and notes; the report's order is total, so re-sorting the
        // sorted gaps in the constructor keeps it.
        .def(py::pickle(
            [](const GapReport& r) {
                py::list gaps;
                for (const auto& g : r.gaps()) gaps.append(gap_state(g));
                return as<ReportState>(py::make_tuple(gaps, r.notes()));
            },
            [](const ReportState& t) {
                if (t.size() != 2) throw ArgumentError("GapReport: unpickling needs (gaps, notes)");
                std::vector<Gap> gaps;
                for (auto g : py::reinterpret_borrow<py::list>(t[0]))
                    gaps.push_back(gap_from_state(py::reinterpret_borrow<GapState>(g)));
                return GapReport(std::move(gaps), py::cast<std::vector<std::string>>(t[1]));
            }));

    m.def("gap_kinds", [] {
        std::vector<std::string> out;
        for (auto k : all_gap_kinds()) out.emplace_back(gap_kind_name(k));
        return out;
    }, "The names of the gap kinds, in report tie-break order.");

    m.def("find_gaps", [](const Landscape& land, std::pair<int, int> ages, std::vector<double> level_weights,
                          int cliff_min_level,
                          std::optional<std::vector<std::tuple<int, std::string, double>>> needs,
                          int duplication_min_overlap, double capacity_unknown_share,
                          std::vector<int> capacity_levels, std::vector<int> duplication_levels,
                          bool statutory_coordination, std::vector<std::string> statutory_bases,
                          double volume_reference,
                          std::vector<std::string> silo_by, int silo_min_size, double silo_threshold,
                          int spof_min_separated, int max_referral_hops, const std::string& imbalance_value,
                          double min_level1_share, std::map<std::string, double> kind_weights,
                          std::optional<std::vector<std::string>> kinds) {
        const auto rules = make_gap_rules(
            ages, std::move(level_weights), cliff_min_level, std::move(needs), duplication_min_overlap,
            capacity_unknown_share, capacity_levels, duplication_levels, statutory_coordination,
            std::move(statutory_bases), volume_reference, std::move(silo_by), silo_min_size, silo_threshold,
            spof_min_separated, max_referral_hops, imbalance_value, min_level1_share, std::move(kind_weights),
            std::move(kinds));
        py::gil_scoped_release nogil;
        return find_gaps(land, rules);
    }, py::arg("land"), py::kw_only(), py::arg("ages") = std::pair{0, 29},
       py::arg_v("level_weights", std::vector<double>{1.0, 0.8, 0.8, 0.9}, "(1.0, 0.8, 0.8, 0.9)"), py::arg("cliff_min_level") = 3,
       py::arg("needs") = py::none(), py::arg("duplication_min_overlap") = 3,
       py::arg("capacity_unknown_share") = 0.5,
       py::arg_v("capacity_levels", std::vector<int>{3, 4}, "(3, 4)"),
       py::arg_v("duplication_levels", std::vector<int>{1, 3, 4}, "(1, 3, 4)"),
       py::arg("statutory_coordination") = true,
       py::arg_v("statutory_bases", std::vector<std::string>{}, "()"),
       py::arg("volume_reference") = 500.0,
       py::arg_v("silo_by", std::vector<std::string>{"owner", "sector"}, "('owner', 'sector')"), py::arg("silo_min_size") = 2,
       py::arg("silo_threshold") = -0.5, py::arg("spof_min_separated") = 1,
       py::arg("max_referral_hops") = 3, py::arg("imbalance_value") = "measures",
       py::arg("min_level1_share") = 0.25, py::arg("kind_weights") = std::map<std::string, double>{},
       py::arg("kinds") = py::none(),
       "Every gap of a landscape under the given rules (see samkart.GapRules), most severe first.");
}

}  // namespace samkart::python
