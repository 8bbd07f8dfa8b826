#pragma once
/// @file samkart.hpp
/// Umbrella header: the whole public C++ API of samkart.

#include "samkart/version.hpp"
#include "samkart/core/age_range.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/limits.hpp"
#include "samkart/core/records.hpp"
#include "samkart/core/schema.hpp"
#include "samkart/core/vocabulary.hpp"
#include "samkart/io/json.hpp"
#include "samkart/datasets.hpp"
#include "samkart/analysis/age_coverage.hpp"
#include "samkart/analysis/compare_areas.hpp"
#include "samkart/analysis/coverage.hpp"
#include "samkart/analysis/level_shares.hpp"
#include "samkart/analysis/network.hpp"
#include "samkart/analysis/role_map.hpp"
#include "samkart/analysis/gaps.hpp"
#include "samkart/analysis/scenario.hpp"
#include "samkart/analysis/flow.hpp"
