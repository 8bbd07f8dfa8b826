/// @file datasets.cpp
/// The landscapes that ship with the library. The GIL is released while they are built.

#include "bindings.hpp"

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "samkart/core/errors.hpp"
#include "samkart/datasets.hpp"

namespace samkart::python {

namespace {

/// (id, name, kind, parent) → Area; `kind` checked here, everything else by the landscape.
using AreaRow = std::tuple<std::string, std::string, std::string, std::optional<std::string>>;

std::vector<Area> to_areas(const std::vector<AreaRow>& rows) {
    std::vector<Area> out;
    out.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& [id, name, kind, parent] = rows[i];
        const auto k = parse<AreaKind>(kind);
        if (!k)
            throw ArgumentError("synthetic: areas[" + std::to_string(i) + "] '" + id +
                                "', field 'kind': '" + kind +
                                "' is not country, county, municipality or district");
        Area a;
        a.id = id;
        a.name = name;
        a.kind = *k;
        a.parent = parent;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace

void register_datasets(py::module_& m) {
    m.def("vestfold_telemark", &datasets::vestfold_telemark, py::call_guard<py::gil_scoped_release>(),
          "Vestfold og Telemark county (Norway) as the seeds describe it; records not in the seeds "
          "are marked illustrative.");
    m.def("danish_municipality", &datasets::danish_municipality,
          py::call_guard<py::gil_scoped_release>(),
          "An illustrative Danish municipality (Holbæk) built from seed 003: KUI coordinates for "
          "young people under 25; every actor, measure, link and hand-over is illustrative.");
    m.def("synthetic", py::overload_cast<int, int, std::uint64_t>(&datasets::synthetic),
          py::arg("areas"), py::arg("actors_per_area"), py::arg("seed") = 0,
          py::call_guard<py::gil_scoped_release>(),
          "A deterministic synthetic landscape for scale tests. @throws SamkartError if areas < 1 "
          "or actors_per_area < 1.");
    m.def(
        "synthetic",
        [](const std::vector<AreaRow>& rows, int actors_per_area, std::uint64_t seed) {
            std::vector<Area> areas = to_areas(rows);
            py::gil_scoped_release release;
            return datasets::synthetic(areas, actors_per_area, seed);
        },
        py::arg("areas"), py::arg("actors_per_area"), py::arg("seed") = 0,
        "A deterministic synthetic landscape over given areas, a list of (id, name, kind, parent): "
        "every municipality gets actors_per_area actors. @throws ArgumentError for an unknown "
        "kind, SamkartError without a municipality, ValidationError for invalid areas.");
}

}  // namespace samkart::python
