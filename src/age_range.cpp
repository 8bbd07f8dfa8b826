#include "samkart/core/age_range.hpp"

namespace samkart {

std::string AgeRange::to_string() const { return std::to_string(min) + "–" + std::to_string(max); }

}  // namespace samkart
