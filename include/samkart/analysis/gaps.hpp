#pragma once
/// @file gaps.hpp
/// Gap analysis (*hullanalyse*): where young people can fall between services. Levels with
/// nothing, ages where everything ends, hand-overs without an agreement, silos, single points
/// of failure, ... (thirteen kinds of service gap), and what is not known well enough to judge
/// (two kinds of data gap: not mapped, capacity unknown), each ranked by a severity in [0, 1]
/// whose formula and sources are in docs/gaps.md; GapReport::findings groups them by cause.
///
/// Rules that keep the gaps true to the mapping (docs/gaps.md, "What a gap rests on"):
/// - only measures in place (status active or pilot) cover;
/// - an absence (a level, an age, a cliff, places, participation, a link) is a service gap
///   only where the municipality was mapped completely (Area::mapping); elsewhere the report
///   has a `not_mapped` data gap;
/// - a link, agreement or coordinator between two organisations counts for every pair of
///   their units (Actor::part_of, transitively), and units of one organisation are linked;
/// - a link with a legal basis assigns coordination (GapRules::statutory_coordination).
///
/// Scope: gaps are found per municipality (districts roll into their municipality); a
/// landscape without municipalities is one scope without area. An actor serves municipality M
/// when one of its areas is M or above M; a measure covers M when one of its effective areas
/// (`Landscape::measure_areas`) is M or above M.

#include "samkart/analysis/gaps/finding.hpp"
#include "samkart/analysis/gaps/gap.hpp"
#include "samkart/analysis/gaps/report.hpp"
#include "samkart/analysis/gaps/rules.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart {

/// Every gap of `land` under `rules`, most severe first.
/// @throws ArgumentError if a rule is invalid (GapRules::validate).
[[nodiscard]] GapReport find_gaps(const Landscape& land, const GapRules& rules = {});

}  // namespace samkart
