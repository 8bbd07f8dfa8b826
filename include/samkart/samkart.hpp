#pragma once
/// @file samkart.hpp
/// Umbrella header: the whole public C++ API of samkart.

#include "samkart/version.hpp"
#include "samkart/core/age_range.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/records.hpp"
#include "samkart/core/vocabulary.hpp"
#include "samkart/io/json.hpp"
#include "samkart/datasets.hpp"
