// set_field: one field of any record set from a FieldValue, through the field table
// (schema.hpp), so that no change kind spells out the fields of a record.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "samkart/analysis/scenario/change.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/schema.hpp"
#include "scenario_detail.hpp"

namespace samkart {

namespace {

using field_traits::is_optional;
using field_traits::is_vector;


template <class E>
concept Vocabulary = std::is_enum_v<E> && !std::is_same_v<E, Level>;

/// Converts a FieldValue into the member type of one field, or throws naming the field.
class Assign {
public:
    Assign(std::string_view record, const FieldInfo& info) : record_(record), info_(info) {}

    [[noreturn]] void fail(const std::string& expected) const {
        throw ArgumentError("set " + std::string(record_) + " field '" + std::string(info_.name) +
                            "' (" + std::string(to_string(info_.type)) + "): expected " + expected);
    }

    template <class T>
    T value(const FieldValue& v) const {
        if constexpr (is_optional<T>::value) {
            if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
            return value<typename is_optional<T>::type>(v);
        } else if constexpr (std::is_same_v<T, bool>) {
            if (std::holds_alternative<std::monostate>(v)) return false;
            if (const auto* b = std::get_if<bool>(&v)) return *b;
            fail("true or false");
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (const auto* s = std::get_if<std::string>(&v)) return *s;
            if (std::holds_alternative<std::monostate>(v) && !info_.required) return {};
            fail(info_.required ? "a string (the field is required)" : "a string");
        } else if constexpr (std::is_same_v<T, double>) {
            if (const auto* d = std::get_if<double>(&v)) return *d;
            fail("a number");
        } else if constexpr (std::is_same_v<T, int>) {
            if (const auto* d = std::get_if<double>(&v);
                d && std::isfinite(*d) && std::trunc(*d) == *d && std::abs(*d) < 1e9)
                return static_cast<int>(*d);
            fail("a whole number");
        } else if constexpr (std::is_same_v<T, AgeRange>) {
            if (const auto* a = std::get_if<AgeRange>(&v)) return *a;
            fail("(min, max) ages");
        } else if constexpr (std::is_same_v<T, Level>) {
            if (const auto* d = std::get_if<double>(&v)) {
                if (std::trunc(*d) == *d && *d >= 1 && *d <= 4)
                    return *level_from_int(static_cast<long long>(*d));
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                if (auto level = parse_level_name(*s)) return *level;
            }
            fail("a level 1–4 or one of universal|early|targeted|intensive");
        } else if constexpr (Vocabulary<T>) {
            if (std::holds_alternative<std::monostate>(v) && !info_.default_value.empty())
                if (auto d = parse<T>(info_.default_value)) return *d;
            if (const auto* s = std::get_if<std::string>(&v))
                if (auto e = parse<T>(*s)) return *e;
            fail("one of " + accepted_names<T>());
        } else if constexpr (is_vector<T>::value) {
            using Item = typename is_vector<T>::type;
            if (std::holds_alternative<std::monostate>(v)) return {};
            const auto* list = std::get_if<std::vector<std::string>>(&v);
            if constexpr (std::is_same_v<Item, std::string>) {
                if (list) return *list;
                fail("a list of strings");
            } else if constexpr (Vocabulary<Item>) {
                if (!list) fail("a list of names from " + accepted_names<Item>());
                T out;
                for (const auto& name : *list) {
                    auto e = parse<Item>(name);
                    if (!e) fail("names from " + accepted_names<Item>() + ", not '" + name + "'");
                    out.push_back(*e);
                }
                return out;
            } else {
                fail("nothing: population bands cannot be set by a scenario change");
            }
        } else {
            static_assert(sizeof(T) == 0, "a member type the field table does not use");
        }
    }

private:
    std::string_view record_;
    const FieldInfo& info_;
};

}  // namespace

template <class Record>
void set_field(Record& record, std::string_view field, const FieldValue& value) {
    bool found = false;
    for_each_field<Record>([&](const FieldInfo& info, auto member) {
        if (info.name != field) return;
        found = true;
        using Value = std::remove_cvref_t<decltype(record.*member)>;
        record.*member = Assign(Schema<Record>::record, info).template value<Value>(value);
    });
    if (!found) {
        std::string names;
        for (const auto& info : field_infos<Record>()) detail::append(names, ", ", info.name);
        throw ArgumentError("set " + std::string(Schema<Record>::record) + " field: unknown field '" +
                            std::string(field) + "'; one of " + names);
    }
}

template void set_field<Area>(Area&, std::string_view, const FieldValue&);
template void set_field<Actor>(Actor&, std::string_view, const FieldValue&);
template void set_field<Measure>(Measure&, std::string_view, const FieldValue&);
template void set_field<Link>(Link&, std::string_view, const FieldValue&);
template void set_field<Transition>(Transition&, std::string_view, const FieldValue&);
template void set_field<Indicator>(Indicator&, std::string_view, const FieldValue&);

namespace detail {

void Sum::add(double x) noexcept {
    const double t = sum_ + x;
    if (std::abs(sum_) >= std::abs(x)) compensation_ += (sum_ - t) + x;
    else compensation_ += (x - t) + sum_;
    sum_ = t;
}

double total_severity(std::span<const Gap> gaps) {
    std::vector<double> severities;
    severities.reserve(gaps.size());
    for (const auto& g : gaps) severities.push_back(g.severity);
    std::sort(severities.begin(), severities.end());
    Sum sum;
    for (double s : severities) sum.add(s);
    return sum.value();
}

std::string format_number(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

void rethrow_named(const std::string& prefix) {
    try {
        throw;
    } catch (const ValidationError& e) {
        throw NamedValidationError(prefix, e);
    } catch (const UnknownIdError& e) {
        throw NamedUnknownIdError(prefix + ": " + e.what(), e.collection(), e.id());
    } catch (const ArgumentError& e) {
        throw ArgumentError(prefix + ": " + e.what());
    }
}

}  // namespace detail

}  // namespace samkart
