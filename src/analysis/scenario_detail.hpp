#pragma once
// Internals shared by src/analysis/scenario*.cpp: errors whose message names the change or
// candidate at fault (the type, problems, collection and id of the original are kept), and a
// compensated sum so that totals do not depend on the order of the gaps.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samkart/analysis/gaps/gap.hpp"
#include "samkart/core/errors.hpp"

namespace samkart::detail {

/// A ValidationError with the problems of another and a message prefixed by what made it.
class NamedValidationError final : public ValidationError {
public:
    NamedValidationError(const std::string& prefix, const ValidationError& error)
        : ValidationError(error), message_(prefix + ": " + error.what()) {}
    [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

/// An UnknownIdError with its own message (collection and id kept).
class NamedUnknownIdError final : public UnknownIdError {
public:
    NamedUnknownIdError(std::string message, std::string collection, std::string id)
        : UnknownIdError(std::move(collection), std::move(id)), message_(std::move(message)) {}
    [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

/// Rethrow the exception being handled with its message prefixed by `prefix: ` (only
/// ValidationError, UnknownIdError and ArgumentError; call inside a catch block).
[[noreturn]] void rethrow_named(const std::string& prefix);

/// Neumaier's compensated sum: the total severity of a report, the cost of a candidate.
class Sum {
public:
    void add(double x) noexcept;
    [[nodiscard]] double value() const noexcept { return sum_ + compensation_; }

private:
    double sum_ = 0;
    double compensation_ = 0;
};

/// Total severity of gaps in any order: the severities sorted, then a compensated sum, so the
/// same gaps give the same total bit for bit however they were found.
[[nodiscard]] double total_severity(std::span<const Gap> gaps);

/// Append `item` to `out`, after `separator` unless `out` is empty.
inline void append(std::string& out, std::string_view separator, std::string_view item) {
    if (!out.empty()) out += separator;
    out += item;
}

/// "%g", "%.3f", "%.3g" of a double, as Python formats it.
[[nodiscard]] std::string format_number(const char* format, double value);

}  // namespace samkart::detail
