#pragma once
/// @file datasets.hpp
/// Landscapes that ship with the library.

#include <cstdint>
#include <vector>

#include "samkart/core/landscape.hpp"

namespace samkart::datasets {

/// Vestfold og Telemark county (Norway) as the seeds describe it: the county, its 23
/// municipalities, the county's services with Oppfølgingstjenesten's five departments, NAV,
/// the two 2020 agreements, hand-overs with volumes from the OT figures and the indicators of
/// seed 002 §5, each cited. Records not in the seeds are marked `illustrative`.
/// The data is examples/data/vestfold_telemark.json, compiled into the library.
[[nodiscard]] Landscape vestfold_telemark();

/// An illustrative Danish municipality built from seed 003 (KL's partnership invitation of
/// 27 August 2024): the municipal youth effort (KUI) as the coordinating actor for young people
/// under 25, the FGU institution, a vocational school and a gymnasium (self-governing), the
/// jobcenter, the youth organisations Modstrøm and Autisme Ungdom, and the national partners
/// KL, Børne- og Undervisningsministeriet and FGU Danmark. The area (Holbæk, Region Sjælland)
/// is real so that maps draw it; every actor, measure, link and hand-over is marked
/// `illustrative` and says in its citation which part comes from 003. The one figure, about
/// 15 % of those who drop out of a youth education ending up unemployed, is 003's.
/// The data is examples/data/danish_municipality.json, compiled into the library.
[[nodiscard]] Landscape danish_municipality();

/// A deterministic synthetic landscape for scale tests: one country, counties, `areas`
/// municipalities with `actors_per_area` actors each, measures, links and transitions in
/// realistic proportions. The same arguments give the same landscape on every platform.
/// @throws Error if `areas` < 1 or `actors_per_area` < 1, or the result would exceed
/// 10^7 actors.
[[nodiscard]] Landscape synthetic(int areas, int actors_per_area, std::uint64_t seed = 0);

/// The same over real areas, e.g. Norway's 357 municipalities of 2024: `areas` are kept as
/// given, and every area of kind municipality gets `actors_per_area` actors, a synthetic
/// population 16–25 (so it is marked `illustrative`) and measures, links, transitions and a
/// NEET count drawn as above; municipalities with the same parent form a county (regional
/// actors and cross-municipal links stay within it; a municipality's neighbour is the next one
/// in `areas` with the same parent). Deterministic for the same areas, in the same order.
/// @param areas at least one municipality; parents must come before their children.
/// @throws Error if there is no municipality, `actors_per_area` < 1 or more than 10^7 actors;
/// ValidationError if the areas are not valid (a parent that is not among them, an id twice).
[[nodiscard]] Landscape synthetic(const std::vector<Area>& areas, int actors_per_area,
                                  std::uint64_t seed = 0);

}  // namespace samkart::datasets
