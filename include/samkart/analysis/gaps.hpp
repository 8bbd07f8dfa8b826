#pragma once
/// @file gaps.hpp
/// Gap analysis (*hullanalyse*): where young people can fall between services. Levels with
/// nothing, ages where everything ends, hand-overs without an agreement, silos, single points
/// of failure, ... (the thirteen kinds of GapKind), each ranked by a severity in [0, 1] whose
/// formula and sources are in docs/gaps.md.
///
/// Scope: gaps are found per municipality (districts roll into their municipality); a
/// landscape without municipalities is one scope without area. An actor serves municipality M
/// when one of its areas is M or above M; a measure covers M when one of its effective areas
/// (`Landscape::measure_areas`) is M or above M.

#include "samkart/analysis/gaps/gap.hpp"
#include "samkart/analysis/gaps/report.hpp"
#include "samkart/analysis/gaps/rules.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart {

/// Every gap of `land` under `rules`, most severe first.
/// @throws ArgumentError if a rule is invalid (GapRules::validate).
[[nodiscard]] GapReport find_gaps(const Landscape& land, const GapRules& rules = {});

}  // namespace samkart
