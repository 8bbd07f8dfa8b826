#pragma once
/// @file datasets.hpp
/// Landscapes that ship with the library.

#include <cstdint>

#include "samkart/core/landscape.hpp"

namespace samkart::datasets {

/// Vestfold og Telemark county (Norway) as the seeds describe it: the county, its 23
/// municipalities, the county's services with Oppfølgingstjenesten's five departments, NAV,
/// the two 2020 agreements, hand-overs with volumes from the OT figures and the indicators of
/// seed 002 §5, each cited. Records not in the seeds are marked `illustrative`.
/// The data is examples/data/vestfold_telemark.json, compiled into the library.
[[nodiscard]] Landscape vestfold_telemark();

/// A deterministic synthetic landscape for scale tests: one country, counties, `areas`
/// municipalities with `actors_per_area` actors each, measures, links and transitions in
/// realistic proportions. The same arguments give the same landscape on every platform.
/// @throws Error if `areas` < 1 or `actors_per_area` < 1, or the result would exceed
/// 10^7 actors.
[[nodiscard]] Landscape synthetic(int areas, int actors_per_area, std::uint64_t seed = 0);

}  // namespace samkart::datasets
