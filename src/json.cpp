// JSON input and output, schema version 1.
//
// Reading runs in three passes so that the user sees every problem of a kind at once:
//   1. syntax: the text must be UTF-8 and well-formed JSON (nlohmann/json), else one
//      SchemaError at the place the parser stopped;
//   2. schema: every field has the right type and name (this file), else one SchemaError
//      listing every problem with its JSON pointer and line;
//   3. model: Landscape::from_records checks ids, references and ranges, else one
//      ValidationError listing every problem, each with the line of its record.
// Nothing is returned unless all three pass, so nothing is ever half-loaded.
//
// Input beyond InputLimits (samkart/core/limits.hpp) stops the reader early, with a
// SchemaError naming the limit: a file too large before it is read, a collection, string or
// nesting too large during pass 1, which builds nothing, so before the document is allocated.
//
// Passes 1 and 2 take their fields from the field table (core/schema.hpp): for_each_field
// and a dispatch on each member's C++ type, in the reader, the writer and the fast path.
//
// Valid input, the common case, takes a fast path first (FastPass): one pass of the parser
// whose events fill the records directly, without a document tree. It gives up at the first
// thing the careful passes would report, and they then read the text again for the messages;
// so every message comes from passes 1 and 2 above, and the fast path only has to agree with
// them on valid input (tests/cpp/test_json.cpp checks both). The writer writes text straight
// from the records, in nlohmann/json's layout. Measured in docs/performance.md.

#include "samkart/io/json.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <span>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_locate.hpp"
#include "samkart/core/schema.hpp"
#include "did_you_mean.hpp"

using samkart::detail::did_you_mean;

namespace samkart {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Location = SchemaError::Location;
using Fields = std::span<const std::string_view>;

// The fields of each record, in the order the format lists them and the writer writes them.
constexpr std::string_view top_fields[] = {"samkart", "name",     "year",        "currency",
                                           "areas",   "actors",   "measures",    "links",
                                           "transitions", "indicators"};

// --- words for messages ---------------------------------------------------------------------

/// Input text quoted in a message: always valid UTF-8, whatever the input's bytes.
std::string in_quotes(std::string_view s) { return "'" + detail::valid_utf8(s) + "'"; }

std::string describe(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case json::value_t::string: return "the string " + v.dump();
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "the number " + v.dump();
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        default: return "a value of an unsupported kind";
    }
}

/// "an actor", "a measure".
std::string with_article(std::string_view noun) {
    const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(noun);
}

std::string join(Fields names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

template <class E>
std::vector<std::string_view> names_of() {
    std::vector<std::string_view> out;
    for (const auto& t : terms<E>()) out.push_back(t.name);
    return out;
}

// --- pass 1: syntax -------------------------------------------------------------------------

/// Turns the parser's "[json.exception.parse_error.101] parse error at line 3, column 5:
/// syntax error while parsing object - ..." into "syntax error while parsing object - ...".
std::string parser_reason(const std::string& what) {
    const auto at = what.find(": ", what.find("parse error"));
    std::string reason = at == std::string::npos ? what : what.substr(at + 2);
    return reason;
}

/// 1234567 → "1,234,567", for limits in messages.
std::string with_commas(std::size_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

/// "256 MiB" for a whole number of MiB, else the bytes.
std::string bytes_text(std::size_t n) {
    constexpr std::size_t mib = std::size_t{1} << 20U;
    if (n >= mib && n % mib == 0) return with_commas(n / mib) + " MiB";
    return with_commas(n) + " bytes";
}

/// The input is larger than `limits.max_input_bytes`. @throws SchemaError.
[[noreturn]] void too_large(const std::string& source, std::size_t size,
                            const InputLimits& limits) {
    throw SchemaError(
        source, {Location{"", 0, 0,
                          "the input is " + with_commas(size) + " bytes; samkart reads at most " +
                              bytes_text(limits.max_input_bytes) +
                              " of JSON (InputLimits::max_input_bytes, docs/reliability.md). "
                              "Split the mapping into several files, by area for example"}});
}

/// The syntax pass: a SAX handler that builds nothing. It records the first syntax error with
/// its byte offset, and every key that occurs twice in one object: nlohmann/json keeps the
/// last silently, which would drop data without a word. (Its parser callback could see the
/// keys too, but the callback parser rescans each array at every element's end: quadratic.)
/// It also stops at the first list, string or nesting beyond the InputLimits, so that a
/// document too large to hold is refused before pass 2 allocates it.
class SyntaxPass final : public nlohmann::json_sax<json> {
public:
    explicit SyntaxPass(const InputLimits& limits) : limits_(limits) {}

    bool null() override { return element(); }
    bool boolean(bool) override { return element(); }
    bool number_integer(number_integer_t) override { return element(); }
    bool number_unsigned(number_unsigned_t) override { return element(); }
    bool number_float(number_float_t, const string_t&) override { return element(); }
    bool string(string_t& value) override {
        if (value.size() > limits_.max_string_bytes)
            return string_too_long(here(), "string", value.size());
        return element();
    }
    bool binary(binary_t&) override { return element(); }
    bool start_object(std::size_t) override { return open(true); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& name) override {
        if (frames_.empty()) return true;
        if (name.size() > limits_.max_string_bytes)
            return string_too_long(frames_.back().pointer, "key", name.size());
        auto& f = frames_.back();
        f.key = name;
        if (!f.keys.insert(name).second)
            duplicates.push_back(f.pointer + "/" + detail::escape_pointer_token(name));
        return true;
    }

    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& e) override {
        // `position` counts bytes read, so it points just past the offending token.
        if (e.id == 406) {  // number overflow: point at the start of the number
            error_offset = position >= last_token.size() ? position - last_token.size() : 0;
            error = "the number " + last_token +
                    " is too large to represent; numbers must be finite (at most about 1.8e308)";
        } else {
            error_offset = position > 0 ? position - 1 : 0;
            error = "the text is not valid JSON: " + parser_reason(e.what());
        }
        // The parser quotes the last token it read, which may end inside a UTF-8 sequence.
        error = detail::valid_utf8(*error);
        return false;
    }

    std::vector<std::string> duplicates;  ///< JSON pointers of the repeated keys
    std::optional<std::string> error;     ///< the first syntax error
    std::size_t error_offset = 0;
    /// The first limit exceeded: the JSON pointer of the value at fault and the message.
    std::optional<std::pair<std::string, std::string>> beyond_limit;

private:
    /// The JSON pointer of the value being read now.
    [[nodiscard]] std::string here() const {
        if (frames_.empty()) return "";
        const auto& f = frames_.back();
        return f.pointer + "/" +
               (f.object ? detail::escape_pointer_token(f.key) : std::to_string(f.index));
    }
    bool string_too_long(std::string pointer, const char* what, std::size_t size) {
        beyond_limit.emplace(std::move(pointer),
                             std::string("a ") + what + " of " + with_commas(size) +
                                 " bytes; samkart reads strings of at most " +
                                 bytes_text(limits_.max_string_bytes) +
                                 " (InputLimits::max_string_bytes, docs/reliability.md). "
                                 "Shorten it: cite a long text instead of including it");
        return false;
    }

    struct Frame {
        bool object;
        std::string pointer;
        std::unordered_set<std::string> keys;
        std::string key;
        std::size_t index;
    };
    bool open(bool object) {
        std::string pointer = here();
        if (frames_.size() >= limits_.max_depth) {
            beyond_limit.emplace(std::move(pointer),
                                 "lists and objects nested more than " +
                                     with_commas(limits_.max_depth) +
                                     " deep (InputLimits::max_depth, docs/reliability.md); a "
                                     "samkart document nests 6 deep, so this is not one: check "
                                     "that the right file was given");
            return false;
        }
        frames_.push_back({object, std::move(pointer), {}, {}, 0});
        return true;
    }
    bool close() {
        if (!frames_.empty()) frames_.pop_back();
        return element();
    }
    bool element() {
        if (frames_.empty() || frames_.back().object) return true;
        auto& f = frames_.back();
        if (++f.index <= limits_.max_records) return true;
        const std::string limit = with_commas(limits_.max_records);
        // A top-level collection ("/links") is named by its records; any other list by items.
        const bool collection = frames_.size() == 2 && frames_.front().object;
        const std::string name = collection ? frames_.front().key : std::string();
        beyond_limit.emplace(
            f.pointer,
            collection
                ? "more than " + limit + " " + name + "; samkart reads at most " + limit +
                      " records per collection (InputLimits::max_records, docs/reliability.md). "
                      "Split the mapping into several files, by area for example"
                : "a list of more than " + limit + " items; samkart reads lists of at most " +
                      limit + " items (InputLimits::max_records, docs/reliability.md)");
        return false;
    }
    const InputLimits& limits_;
    std::vector<Frame> frames_;
};

// --- pass 2: schema -------------------------------------------------------------------------

/// Each look-up of a line walks the text from its start, so on a large file with very many
/// problems only the first ones get a line; the rest keep their JSON pointer.
constexpr std::size_t max_located = 100;

/// Collects schema problems with their places in the text.
class SchemaCheck {
public:
    explicit SchemaCheck(std::string_view text) : text_(text) {}

    void problem(std::string pointer, std::string message) {
        detail::TextPosition pos{0, 0};
        if (problems.size() < max_located) pos = detail::locate(text_, pointer);
        problems.push_back({std::move(pointer), pos.line, pos.column, std::move(message)});
    }

    std::vector<Location> problems;

private:
    std::string_view text_;
};

/// One JSON object being read into a record: reports wrong types, missing and unknown fields
/// in the words "actors[2] 'ot-skien', field 'owner': ...".
class ObjectReader {
public:
    ObjectReader(SchemaCheck& check, const json& object, std::string pointer, std::string label,
                 Fields fields, std::string_view what)
        : check_(check), object_(object), pointer_(std::move(pointer)), label_(std::move(label)) {
        for (const auto& [key, value] : object.items()) {
            if (std::find(fields.begin(), fields.end(), key) != fields.end()) continue;
            std::string hint = did_you_mean(key, fields);
            if (hint.empty()) hint = "; the fields of " + std::string(what) + " are " + join(fields);
            check_.problem(pointer_ + "/" + detail::escape_pointer_token(key),
                           label_ + ": unknown field " + in_quotes(key) + hint);
        }
    }

    /// The value of `key`, or nullptr when it is absent.
    [[nodiscard]] const json* get(std::string_view key) const {
        const auto it = object_.find(key);
        return it == object_.end() ? nullptr : &*it;
    }

    void problem(std::string_view key, const std::string& message) {
        check_.problem(pointer_ + "/" + detail::escape_pointer_token(key),
                       label_ + ", field " + in_quotes(key) + ": " + message);
    }
    void missing(std::string_view key, const std::string& expected) {
        check_.problem(pointer_ + "/" + detail::escape_pointer_token(key),
                       label_ + ": missing required field " + in_quotes(key) + " (" + expected + ")");
    }
    void wrong_type(std::string_view key, const json& v, const std::string& expected) {
        problem(key, "expected " + expected + ", got " + describe(v));
    }

    std::string required_string(std::string_view key, const std::string& expected) {
        const json* v = get(key);
        if (!v) {
            missing(key, expected);
            return {};
        }
        if (!v->is_string()) {
            wrong_type(key, *v, expected);
            return {};
        }
        return v->get<std::string>();
    }

    std::optional<std::string> optional_string(std::string_view key, const std::string& expected) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            wrong_type(key, *v, expected + " (or leave the field out)");
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    bool optional_bool(std::string_view key) {
        const json* v = get(key);
        if (!v) return false;
        if (!v->is_boolean()) {
            wrong_type(key, *v, "true or false");
            return false;
        }
        return v->get<bool>();
    }

    /// A finite number (checked here, as the model cannot see what the text said).
    std::optional<double> number(std::string_view key, const json& v, const std::string& expected) {
        if (!v.is_number()) {
            wrong_type(key, v, expected);
            return std::nullopt;
        }
        const double d = v.get<double>();
        if (!std::isfinite(d)) {
            problem(key, "the number is too large to represent; expected " + expected);
            return std::nullopt;
        }
        return d;
    }
    std::optional<double> optional_number(std::string_view key, const std::string& expected) {
        const json* v = get(key);
        return v ? number(key, *v, expected) : std::nullopt;
    }
    double required_number(std::string_view key, const std::string& expected) {
        const json* v = get(key);
        if (!v) {
            missing(key, expected);
            return 0;
        }
        return number(key, *v, expected).value_or(0);
    }

    /// A whole number that fits an int; 2019.0 counts as whole, as in JSON Schema.
    static std::optional<long long> whole(const json& v) {
        if (v.is_number_integer()) return v.get<long long>();
        if (v.is_number_unsigned()) {
            const auto u = v.get<unsigned long long>();
            if (u <= static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
                return static_cast<long long>(u);
            return std::nullopt;
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && std::trunc(d) == d && std::abs(d) < 9.0e15)
                return static_cast<long long>(d);
        }
        return std::nullopt;
    }
    static std::optional<int> as_int(const json& v) {
        const auto w = whole(v);
        if (!w || *w < std::numeric_limits<int>::min() || *w > std::numeric_limits<int>::max())
            return std::nullopt;
        return static_cast<int>(*w);
    }

    std::optional<int> optional_int(std::string_view key, const std::string& expected) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        const auto i = as_int(*v);
        if (!i) wrong_type(key, *v, expected);
        return i;
    }

    /// [min, max]: two whole numbers. Their range (0–120, min ≤ max) is the model's to check.
    std::optional<AgeRange> ages(std::string_view key, const json& v) {
        const std::string expected = "[min, max], two whole numbers of years such as [16, 21]";
        if (!v.is_array() || v.size() != 2) {
            wrong_type(key, v, expected);
            return std::nullopt;
        }
        const auto lo = as_int(v[0]);
        const auto hi = as_int(v[1]);
        if (!lo || !hi) {
            problem(key, "expected " + expected + ", got " + v.dump());
            return std::nullopt;
        }
        return AgeRange{*lo, *hi};
    }
    std::optional<AgeRange> optional_ages(std::string_view key) {
        const json* v = get(key);
        return v ? ages(key, *v) : std::nullopt;
    }

    std::vector<std::string> string_list(std::string_view key, const std::string& element,
                                         bool required) {
        std::vector<std::string> out;
        const std::string expected = "a list of " + element + "s";
        const json* v = get(key);
        if (!v) {
            if (required) missing(key, expected + ", at least one");
            return out;
        }
        if (!v->is_array()) {
            wrong_type(key, *v, expected);
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& e = (*v)[i];
            if (e.is_string()) {
                out.push_back(e.get<std::string>());
            } else {
                check_.problem(pointer_ + "/" + std::string(key) + "/" + std::to_string(i),
                               label_ + ", field " + in_quotes(key) + ": element " +
                                   std::to_string(i) + " should be " + with_article(element) + ", got " +
                                   describe(e));
            }
        }
        return out;
    }

    template <class E>
    std::optional<E> enum_value(std::string_view key, const json& v, const std::string& where) {
        if (v.is_string()) {
            const auto name = v.get<std::string>();
            if (auto e = parse<E>(name)) return e;
            check_.problem(where, label_ + ", field " + in_quotes(key) + ": unknown value " +
                                      in_quotes(name) + "; expected one of " + accepted_names<E>() +
                                      did_you_mean(name, names_of<E>()));
            return std::nullopt;
        }
        check_.problem(where, label_ + ", field " + in_quotes(key) + ": expected one of " +
                                  accepted_names<E>() + ", got " + describe(v));
        return std::nullopt;
    }
    template <class E>
    E required_enum(std::string_view key) {
        const json* v = get(key);
        if (!v) {
            missing(key, "one of " + accepted_names<E>());
            return E{};
        }
        return enum_value<E>(key, *v, pointer_ + "/" + std::string(key)).value_or(E{});
    }
    template <class E>
    std::optional<E> optional_enum(std::string_view key) {
        const json* v = get(key);
        return v ? enum_value<E>(key, *v, pointer_ + "/" + std::string(key)) : std::nullopt;
    }
    template <class E>
    std::vector<E> enum_list(std::string_view key) {
        std::vector<E> out;
        const json* v = get(key);
        if (!v) return out;
        if (!v->is_array()) {
            wrong_type(key, *v, "a list of names from " + accepted_names<E>());
            return out;
        }
        for (std::size_t i = 0; i < v->size(); ++i)
            if (auto e = enum_value<E>(key, (*v)[i], pointer_ + "/" + std::string(key) + "/" +
                                                         std::to_string(i)))
                out.push_back(*e);
        return out;
    }

    /// 1..4 or a level name. Whole numbers that fit the Level type go to the model, which
    /// reports a level that does not exist (0, 5) in the same words for JSON and for add_measure.
    Level level(std::string_view key) {
        constexpr const char* rule = "the level must be 1 (universal) to 4 (intensive)";
        const json* v = get(key);
        if (!v) {
            missing(key, std::string(rule) + ", or its name");
            return Level::UNIVERSAL;
        }
        if (v->is_string()) {
            const auto name = v->get<std::string>();
            if (auto l = parse_level_name(name)) return *l;
            constexpr std::string_view names[] = {"universal", "early", "targeted", "intensive"};
            problem(key, "unknown level " + in_quotes(name) + "; " + rule +
                             " or one of universal|early|targeted|intensive" +
                             did_you_mean(name, names));
            return Level::UNIVERSAL;
        }
        const auto w = whole(*v);
        if (w && *w >= 0 && *w <= std::numeric_limits<std::uint8_t>::max())
            return static_cast<Level>(*w);
        problem(key, std::string(rule) + ", got " + describe(*v));
        return Level::UNIVERSAL;
    }

    [[nodiscard]] const std::string& pointer() const { return pointer_; }
    [[nodiscard]] const std::string& label() const { return label_; }

private:
    SchemaCheck& check_;
    const json& object_;
    std::string pointer_;
    std::string label_;
};

/// "actors[2] 'ot-skien'", named as Problem::to_string names model problems.
std::string record_label(std::string_view collection, std::size_t i, const json& object) {
    std::string label = std::string(collection) + "[" + std::to_string(i) + "]";
    const auto text = [&object](const char* key) -> std::optional<std::string> {
        const auto it = object.find(key);
        if (it == object.end() || !it->is_string()) return std::nullopt;
        return it->get<std::string>();
    };
    if (auto id = text("id")) {
        label += " " + in_quotes(*id);
    } else if (auto s = text("source"), t = text("target"); s && t) {
        label += " " + in_quotes(*s + " → " + *t);
    } else if (auto a = text("area"), k = text("key"); a && k) {
        label += " " + in_quotes(*a + " " + *k);
    }
    return label;
}

// --- reading records from the field table ----------------------------------------------------

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

/// A vocabulary enum (not Level, which is read as a number or a level name).
template <class T>
constexpr bool is_vocabulary_enum = std::is_enum_v<T> && !std::is_same_v<T, Level>;
/// std::optional<E> or std::vector<E> of a vocabulary enum E.
template <class T>
constexpr bool is_optional_enum = false;
template <class E>
constexpr bool is_optional_enum<std::optional<E>> = is_vocabulary_enum<E>;
/// E of E or std::optional<E>.
template <class T>
struct enum_of {
    using type = T;
};
template <class E>
struct enum_of<std::optional<E>> {
    using type = E;
};
template <class T>
constexpr bool is_enum_list = false;
template <class E>
constexpr bool is_enum_list<std::vector<E>> = is_vocabulary_enum<E>;

/// The names of `Record`'s fields, for "unknown field" messages and hints.
template <class Record>
const std::vector<std::string_view>& field_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto& f : field_infos<Record>()) out.push_back(f.name);
        return out;
    }();
    return names;
}

/// "an actor id" for a reference to "actors".
std::string id_of(std::string_view collection) {
    std::string noun(collection);
    if (noun.ends_with('s')) noun.pop_back();
    return noun + " id";
}

/// The example of a field's description ("the actor's id, e.g. \"ot-skien\"" → ", e.g.
/// \"ot-skien\""), or "".
std::string example_of(const FieldInfo& f) {
    const auto at = f.description.find("e.g. ");
    return at == std::string_view::npos ? std::string() : ", " + std::string(f.description.substr(at));
}

/// What a list field holds, singular: "area id", "target group".
std::string element_of(const FieldInfo& f) {
    if (f.type == FieldType::REF_LIST) return id_of(f.refers_to);
    std::string e(f.en);
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (e.ends_with('s')) e.pop_back();
    return e;
}

/// What a field expects, in the words of "expected ..., got ..." messages.
std::string expected_of(const FieldInfo& f) {
    switch (f.type) {
        case FieldType::ID:
        case FieldType::TEXT: return "a string" + example_of(f);
        case FieldType::REF: return with_article(id_of(f.refers_to));
        case FieldType::DATE: return "a date \"YYYY-MM-DD\"";
        case FieldType::NUMBER: return "a number (" + std::string(f.description) + ")";
        case FieldType::INTEGER: return "a whole number (" + std::string(f.description) + ")";
        case FieldType::AGES: return "[min, max], two whole numbers of years such as [16, 21]";
        case FieldType::BOOL: return "true or false";
        case FieldType::POPULATION: return "a list of {\"ages\": [min, max], \"count\": number}";
        case FieldType::REF_LIST:
        case FieldType::TEXT_LIST: return "a list of " + element_of(f) + "s";
        default: return std::string(f.description);
    }
}

template <class Record>
Record read_record(SchemaCheck& check, ObjectReader& o);

/// The population bands of an area.
std::vector<PopulationBand> read_population(ObjectReader& area, SchemaCheck& check,
                                            const FieldInfo& info) {
    std::vector<PopulationBand> out;
    const json* v = area.get(info.name);
    if (!v) return out;
    if (!v->is_array()) {
        area.wrong_type(info.name, *v, expected_of(info));
        return out;
    }
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string pointer = area.pointer() + "/" + std::string(info.name) + "/" + std::to_string(i);
        const std::string label = area.label() + ", " + std::string(info.name) + "[" + std::to_string(i) + "]";
        const json& e = (*v)[i];
        if (!e.is_object()) {
            check.problem(pointer, label + ": expected {\"ages\": [min, max], \"count\": number}, got " +
                                       describe(e));
            continue;
        }
        ObjectReader o(check, e, pointer, label, field_names<PopulationBand>(), "a population band");
        out.push_back(read_record<PopulationBand>(check, o));
    }
    return out;
}

/// Reads one field into `value`, by the member's C++ type. An absent optional field leaves the
/// record's default.
template <class V>
void read_field(SchemaCheck& check, ObjectReader& o, const FieldInfo& f, V& value) {
    const std::string_view key = f.name;
    if constexpr (std::is_same_v<V, std::string>) {
        if (f.required) {
            value = o.required_string(key, expected_of(f));
        } else if (auto s = o.optional_string(key, expected_of(f))) {
            value = std::move(*s);
        }
    } else if constexpr (std::is_same_v<V, std::optional<std::string>>) {
        value = o.optional_string(key, expected_of(f));
    } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
        value = o.string_list(key, element_of(f), f.required);
    } else if constexpr (std::is_same_v<V, Level>) {
        value = o.level(key);
    } else if constexpr (is_vocabulary_enum<V>) {
        if (f.required) {
            value = o.template required_enum<V>(key);
        } else if (auto e = o.template optional_enum<V>(key)) {
            value = *e;
        }
    } else if constexpr (is_optional_enum<V>) {
        value = o.template optional_enum<typename V::value_type>(key);
    } else if constexpr (is_enum_list<V>) {
        value = o.template enum_list<typename V::value_type>(key);
    } else if constexpr (std::is_same_v<V, double>) {
        value = o.required_number(key, expected_of(f));
    } else if constexpr (std::is_same_v<V, std::optional<double>>) {
        value = o.optional_number(key, expected_of(f));
    } else if constexpr (std::is_same_v<V, std::optional<int>>) {
        value = o.optional_int(key, expected_of(f));
    } else if constexpr (std::is_same_v<V, bool>) {
        value = o.optional_bool(key);
    } else if constexpr (std::is_same_v<V, std::optional<AgeRange>>) {
        value = o.optional_ages(key);
    } else if constexpr (std::is_same_v<V, AgeRange>) {
        if (const json* ages = o.get(key)) {
            value = o.ages(key, *ages).value_or(AgeRange{});
        } else {
            o.missing(key, "[min, max]");
        }
    } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
        value = read_population(o, check, f);
    } else {
        static_assert(sizeof(V) == 0, "read_field: a field type the JSON reader does not know");
    }
}

template <class Record>
Record read_record(SchemaCheck& check, ObjectReader& o) {
    Record r{};
    for_each_field<Record>([&](const FieldInfo& info, auto member) {
        read_field(check, o, info, r.*member);
    });
    return r;
}

template <class Record>
std::vector<Record> read_collection(SchemaCheck& check, const json& doc) {
    const std::string_view name = Schema<Record>::collection;
    const std::string_view what = Schema<Record>::record;
    std::vector<Record> out;
    const auto it = doc.find(name);
    if (it == doc.end()) return out;
    const std::string pointer = "/" + std::string(name);
    if (!it->is_array()) {
        check.problem(pointer, "landscape, field " + in_quotes(name) + ": expected a list of " +
                                   std::string(what) + "s, got " + describe(*it));
        return out;
    }
    out.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& e = (*it)[i];
        const std::string at = pointer + "/" + std::to_string(i);
        if (!e.is_object()) {
            check.problem(at, std::string(name) + "[" + std::to_string(i) + "]: expected an object describing " +
                                  with_article(what) + ", got " + describe(e));
            continue;
        }
        ObjectReader o(check, e, at, record_label(name, i, e), field_names<Record>(), with_article(what));
        out.push_back(read_record<Record>(check, o));
    }
    return out;
}

LandscapeRecords read_document(SchemaCheck& check, const json& doc) {
    LandscapeRecords r;
    if (!doc.is_object()) {
        check.problem("", "expected a JSON object {\"samkart\": 1, \"name\": ..., \"areas\": [...], "
                          "...}, got " + describe(doc));
        return r;
    }
    // The version comes first: a document of another version is not checked field by field,
    // as its fields may legitimately differ.
    if (const auto v = doc.find("samkart"); v == doc.end()) {
        check.problem("/samkart", "landscape: missing required field 'samkart', the schema version; "
                                  "add \"samkart\": 1 at the top of the document");
    } else if (ObjectReader::whole(*v) != json_schema_version) {
        check.problem("/samkart", "landscape, field 'samkart': unsupported schema version " +
                                      v->dump() + "; this library reads schema version " +
                                      std::to_string(json_schema_version) + " (\"samkart\": " +
                                      std::to_string(json_schema_version) + ")");
        return r;
    }
    ObjectReader top(check, doc, "", "landscape", top_fields, "the landscape");
    r.name = top.required_string("name", "the landscape's name, a string");
    r.year = top.optional_int("year", "a year, a whole number");
    r.currency = top.optional_string("currency", "an ISO 4217 code such as \"NOK\"").value_or("NOK");
    for_each_collection(r, [&check, &doc](auto& records) {
        using Record = typename std::decay_t<decltype(records)>::value_type;
        records = read_collection<Record>(check, doc);
    });
    return r;
}

// --- the fast path: passes 1 and 2 in one, for valid input -----------------------------------

/// Passes 1 and 2 for input that is valid, in one pass over the text: builds the records
/// straight from the parser's events, without a document tree. At the first thing it does not
/// expect (a syntax error, an unknown or repeated key, a value of the wrong type or outside its
/// vocabulary, a missing required field, a null, input beyond a limit) it gives up, and the
/// careful passes read the text again to report every problem in their words. So it never
/// writes a message; it only has to agree with the careful passes on valid input, which the
/// tests check by reading every data set both ways (`detail::read_records_carefully`).
class FastPass final : public nlohmann::json_sax<json> {
public:
    explicit FastPass(const InputLimits& limits) : limits_(limits) {}

    LandscapeRecords records;

    bool null() override { return false; }
    bool binary(binary_t&) override { return false; }
    bool boolean(bool v) override {
        Scalar s;
        s.kind = Scalar::BOOL;
        s.b = v;
        return scalar(std::move(s));
    }
    bool number_integer(number_integer_t v) override {
        Scalar s;
        s.kind = Scalar::INTEGER;
        s.i = v;
        return scalar(std::move(s));
    }
    bool number_unsigned(number_unsigned_t v) override {
        Scalar s;
        s.kind = Scalar::UNSIGNED;
        s.u = v;
        return scalar(std::move(s));
    }
    bool number_float(number_float_t v, const string_t&) override {
        Scalar s;
        s.kind = Scalar::FLOAT;
        s.d = v;
        return scalar(std::move(s));
    }
    bool string(string_t& v) override {
        if (v.size() > limits_.max_string_bytes) return false;
        Scalar s;
        s.kind = Scalar::STRING;
        s.s = std::move(v);
        return scalar(std::move(s));
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

    bool start_object(std::size_t) override {
        if (frames_.empty()) return push(DOC, -1);
        Frame& top = frames_.back();
        if (top.kind == COLLECTION) {
            if (++top.count > limits_.max_records) return false;
            reset(top.type);
            return push(RECORD, top.type);
        }
        if (top.kind == LIST && top.population) {
            if (++top.count > limits_.max_records) return false;
            band_ = PopulationBand{};
            return push(RECORD, band_type);
        }
        return false;
    }

    bool key(string_t& name) override {
        if (frames_.empty() || name.size() > limits_.max_string_bytes) return false;
        Frame& top = frames_.back();
        int index = -1;
        if (top.kind == DOC) {
            index = top_index(name);
        } else if (top.kind == RECORD) {
            const auto fields = infos(top.type);
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (fields[i].name == name) {
                    index = static_cast<int>(i);
                    break;
                }
            }
        }
        if (index < 0) return false;
        const std::uint32_t bit = std::uint32_t{1} << static_cast<unsigned>(index);
        if (top.seen & bit) return false;  // a repeated key
        top.seen |= bit;
        top.field = index;
        return true;
    }

    bool start_array(std::size_t) override {
        if (frames_.empty()) return false;
        Frame& top = frames_.back();
        if (top.kind == DOC) {
            if (top.field < first_collection) return false;
            return push(COLLECTION, top.field - first_collection);
        }
        if (top.kind != RECORD) return false;
        const bool population = infos(top.type)[static_cast<std::size_t>(top.field)].type ==
                                FieldType::POPULATION;
        Value& v = value(top.type);
        v.items.clear();
        v.bands.clear();
        if (!push(LIST, top.type)) return false;
        frames_.back().population = population;
        return true;
    }

    bool end_array() override {
        if (frames_.empty()) return false;
        const Frame top = frames_.back();
        frames_.pop_back();
        if (top.kind == COLLECTION) return true;
        if (top.kind != LIST) return false;
        Value& v = value(top.type);
        v.list = true;
        return finish_field(frames_.back());
    }

    bool end_object() override {
        if (frames_.empty()) return false;
        const Frame top = frames_.back();
        frames_.pop_back();
        if (top.kind == DOC) return (top.seen & 0b11U) == 0b11U;  // samkart and name
        if (top.kind != RECORD || (top.seen & required(top.type)) != required(top.type))
            return false;
        if (top.type == band_type) {
            value(0).bands.push_back(band_);
            return true;
        }
        commit(top.type);
        return true;
    }

private:
    enum Kind : std::uint8_t { DOC, COLLECTION, RECORD, LIST };
    static constexpr int band_type = 6;
    static constexpr int first_collection = 4;  // after samkart, name, year, currency

    struct Frame {
        Kind kind;
        int type;                // the record type: 0 areas … 5 indicators, 6 a population band
        int field = -1;          // the field whose value comes next
        std::uint32_t seen = 0;  // the fields given so far
        std::size_t count = 0;   // the elements of a list so far
        bool population = false;
    };
    struct Scalar {
        enum Kind : std::uint8_t { STRING, INTEGER, UNSIGNED, FLOAT, BOOL } kind = STRING;
        std::string s;
        std::int64_t i = 0;
        std::uint64_t u = 0;
        double d = 0;
        bool b = false;
    };
    /// The value of the field being read: one scalar or a list.
    struct Value {
        bool list = false;
        Scalar scalar;
        std::vector<Scalar> items;
        std::vector<PopulationBand> bands;
    };

    static std::span<const FieldInfo> infos(int type) {
        static const std::array<std::span<const FieldInfo>, 7> all = {
            field_infos<Area>(),       field_infos<Actor>(),     field_infos<Measure>(),
            field_infos<Link>(),       field_infos<Transition>(), field_infos<Indicator>(),
            field_infos<PopulationBand>()};
        return all[static_cast<std::size_t>(type)];
    }
    static std::uint32_t required(int type) {
        static const std::array<std::uint32_t, 7> masks = [] {
            std::array<std::uint32_t, 7> out{};
            for (std::size_t t = 0; t < out.size(); ++t) {
                const auto fields = infos(static_cast<int>(t));
                for (std::size_t i = 0; i < fields.size(); ++i)
                    if (fields[i].required) out[t] |= std::uint32_t{1} << i;
            }
            return out;
        }();
        return masks[static_cast<std::size_t>(type)];
    }
    static int top_index(std::string_view name) {
        for (std::size_t i = 0; i < std::size(top_fields); ++i)
            if (top_fields[i] == name) return static_cast<int>(i);
        return -1;
    }

    bool push(Kind kind, int type) {
        if (frames_.size() >= limits_.max_depth) return false;
        frames_.push_back({kind, type});
        return true;
    }
    Value& value(int type) { return type == band_type ? band_value_ : record_value_; }

    bool scalar(Scalar&& s) {
        if (frames_.empty()) return false;
        Frame& top = frames_.back();
        if (top.kind == LIST) {
            if (++top.count > limits_.max_records || top.population) return false;
            value(top.type).items.push_back(std::move(s));
            return true;
        }
        if (top.kind == RECORD) {
            Value& v = value(top.type);
            v.list = false;
            v.scalar = std::move(s);
            return finish_field(top);
        }
        if (top.kind == DOC) return top_field(top.field, std::move(s));
        return false;
    }

    /// A whole number that fits a long long, as ObjectReader::whole.
    static std::optional<long long> whole(const Scalar& s) {
        switch (s.kind) {
            case Scalar::INTEGER: return s.i;
            case Scalar::UNSIGNED:
                if (s.u <= static_cast<std::uint64_t>(std::numeric_limits<long long>::max()))
                    return static_cast<long long>(s.u);
                return std::nullopt;
            case Scalar::FLOAT:
                if (std::isfinite(s.d) && std::trunc(s.d) == s.d && std::abs(s.d) < 9.0e15)
                    return static_cast<long long>(s.d);
                return std::nullopt;
            default: return std::nullopt;
        }
    }
    static std::optional<int> as_int(const Scalar& s) {
        const auto w = whole(s);
        if (!w || *w < std::numeric_limits<int>::min() || *w > std::numeric_limits<int>::max())
            return std::nullopt;
        return static_cast<int>(*w);
    }
    static std::optional<double> as_number(const Scalar& s) {
        double d = 0;
        switch (s.kind) {
            case Scalar::INTEGER: d = static_cast<double>(s.i); break;
            case Scalar::UNSIGNED: d = static_cast<double>(s.u); break;
            case Scalar::FLOAT: d = s.d; break;
            default: return std::nullopt;
        }
        if (!std::isfinite(d)) return std::nullopt;
        return d;
    }
    static std::optional<AgeRange> as_ages(const Value& v) {
        if (!v.list || v.items.size() != 2) return std::nullopt;
        const auto lo = as_int(v.items[0]);
        const auto hi = as_int(v.items[1]);
        if (!lo || !hi) return std::nullopt;
        return AgeRange{*lo, *hi};
    }
    template <class E>
    static std::optional<E> as_enum(const Scalar& s) {
        if (s.kind != Scalar::STRING) return std::nullopt;
        return parse<E>(s.s);
    }

    bool top_field(int field, Scalar&& s) {
        switch (field) {
            case 0: return whole(s) == json_schema_version;
            case 1:
                if (s.kind != Scalar::STRING) return false;
                records.name = std::move(s.s);
                return true;
            case 2:
                records.year = as_int(s);
                return records.year.has_value();
            case 3:
                if (s.kind != Scalar::STRING) return false;
                records.currency = std::move(s.s);
                return true;
            default: return false;  // a scalar where a collection belongs
        }
    }

    /// Stores `v` in `value`, by the member's type, as the careful pass would; false when the
    /// careful pass would report a problem.
    template <class V>
    static bool set(V& out, Value& v) {
        Scalar& s = v.scalar;
        if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::optional<std::string>>) {
            if (v.list || s.kind != Scalar::STRING) return false;
            out = std::move(s.s);
            return true;
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
            if (!v.list) return false;
            out.clear();
            out.reserve(v.items.size());
            for (auto& e : v.items) {
                if (e.kind != Scalar::STRING) return false;
                out.push_back(std::move(e.s));
            }
            return true;
        } else if constexpr (std::is_same_v<V, Level>) {
            if (v.list) return false;
            if (s.kind == Scalar::STRING) {
                const auto l = parse_level_name(s.s);
                if (l) out = *l;
                return l.has_value();
            }
            const auto w = whole(s);
            if (!w || *w < 0 || *w > std::numeric_limits<std::uint8_t>::max()) return false;
            out = static_cast<Level>(*w);
            return true;
        } else if constexpr (is_vocabulary_enum<V> || is_optional_enum<V>) {
            using E = typename enum_of<V>::type;
            if (v.list) return false;
            const auto e = as_enum<E>(s);
            if (e) out = *e;
            return e.has_value();
        } else if constexpr (is_enum_list<V>) {
            if (!v.list) return false;
            out.clear();
            for (const auto& item : v.items) {
                const auto e = as_enum<typename V::value_type>(item);
                if (!e) return false;
                out.push_back(*e);
            }
            return true;
        } else if constexpr (std::is_same_v<V, double> || std::is_same_v<V, std::optional<double>>) {
            if (v.list) return false;
            const auto d = as_number(s);
            if (d) out = *d;
            return d.has_value();
        } else if constexpr (std::is_same_v<V, std::optional<int>>) {
            if (v.list) return false;
            out = as_int(s);
            return out.has_value();
        } else if constexpr (std::is_same_v<V, bool>) {
            if (v.list || s.kind != Scalar::BOOL) return false;
            out = s.b;
            return true;
        } else if constexpr (std::is_same_v<V, std::optional<AgeRange>> || std::is_same_v<V, AgeRange>) {
            const auto a = as_ages(v);
            if (a) out = *a;
            return a.has_value();
        } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
            if (!v.list || !v.items.empty()) return false;
            out = std::move(v.bands);
            v.bands = {};
            return true;
        } else {
            static_assert(sizeof(V) == 0, "FastPass::set: a field type it does not know");
        }
    }

    template <class Record>
    static bool assign(Record& r, int index, Value& v) {
        bool ok = false;
        int i = 0;
        for_each_field<Record>([&](const FieldInfo&, auto member) {
            if (i++ == index) ok = set(r.*member, v);
        });
        return ok;
    }

    bool finish_field(const Frame& record) {
        Value& v = value(record.type);
        switch (record.type) {
            case 0: return assign(std::get<Area>(current_), record.field, v);
            case 1: return assign(std::get<Actor>(current_), record.field, v);
            case 2: return assign(std::get<Measure>(current_), record.field, v);
            case 3: return assign(std::get<Link>(current_), record.field, v);
            case 4: return assign(std::get<Transition>(current_), record.field, v);
            case 5: return assign(std::get<Indicator>(current_), record.field, v);
            case band_type: return assign(band_, record.field, v);
            default: return false;
        }
    }
    void reset(int type) {
        switch (type) {
            case 0: std::get<Area>(current_) = Area{}; break;
            case 1: std::get<Actor>(current_) = Actor{}; break;
            case 2: std::get<Measure>(current_) = Measure{}; break;
            case 3: std::get<Link>(current_) = Link{}; break;
            case 4: std::get<Transition>(current_) = Transition{}; break;
            case 5: std::get<Indicator>(current_) = Indicator{}; break;
            default: break;
        }
    }
    void commit(int type) {
        switch (type) {
            case 0: records.areas.push_back(std::move(std::get<Area>(current_))); break;
            case 1: records.actors.push_back(std::move(std::get<Actor>(current_))); break;
            case 2: records.measures.push_back(std::move(std::get<Measure>(current_))); break;
            case 3: records.links.push_back(std::move(std::get<Link>(current_))); break;
            case 4: records.transitions.push_back(std::move(std::get<Transition>(current_))); break;
            case 5: records.indicators.push_back(std::move(std::get<Indicator>(current_))); break;
            default: break;
        }
    }

    const InputLimits& limits_;
    std::vector<Frame> frames_;
    std::tuple<Area, Actor, Measure, Link, Transition, Indicator> current_;
    PopulationBand band_;
    Value record_value_;
    Value band_value_;
};

// --- the three passes together ---------------------------------------------------------------

[[noreturn]] void throw_at(std::string_view text, const std::string& source, std::size_t offset,
                           std::string message) {
    const auto pos = detail::position_of(text, offset);
    throw SchemaError(source, {Location{"", pos.line, pos.column, std::move(message)}});
}

/// Passes 1 and 2: the fast path when it succeeds, else the careful passes, unless `fast` is
/// false. @throws SchemaError.
LandscapeRecords parse_records(std::string_view text, const std::string& source,
                               const InputLimits& limits, bool fast = true) {
    if (text.size() > limits.max_input_bytes) too_large(source, text.size(), limits);
    if (const auto bad = detail::find_invalid_utf8(text); bad != std::string_view::npos) {
        const auto pos = detail::position_of(text, bad);
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
        throw_at(text, source, bad,
                 "the file is not UTF-8: byte " + std::string(byte) + " at line " +
                     std::to_string(pos.line) + ", column " + std::to_string(pos.column) +
                     " is not valid UTF-8 (Latin-1 or Windows-1252, perhaps); save the file as "
                     "UTF-8");
    }
    std::string_view body = text;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // the parser skips a BOM too
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw_at(text, source, 0,
                 "the document is empty; expected a JSON object {\"samkart\": 1, \"name\": ...}");

    if (fast) {
        FastPass pass(limits);
        if (json::sax_parse(text.begin(), text.end(), &pass)) return std::move(pass.records);
    }
    SyntaxPass syntax(limits);
    json::sax_parse(text.begin(), text.end(), &syntax);
    if (syntax.beyond_limit) {
        auto& [pointer, message] = *syntax.beyond_limit;
        const auto pos = detail::locate(text, pointer);
        throw SchemaError(source, {Location{pointer, pos.line, pos.column, std::move(message)}});
    }
    if (syntax.error) throw_at(text, source, syntax.error_offset, *syntax.error);
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {  // the syntax pass has seen the same text; a safeguard
        throw_at(text, source, 0, "the text cannot be read as JSON: " + detail::valid_utf8(e.what()));
    }

    SchemaCheck check(text);
    for (const auto& pointer : syntax.duplicates) {
        const auto slash = pointer.find_last_of('/');
        check.problem(pointer, "the key " + in_quotes(pointer.substr(slash + 1)) + " occurs twice in " +
                                   (slash == 0 ? std::string("the document")
                                               : pointer.substr(0, slash)) +
                                   "; JSON keeps only the last value, so remove one of them");
    }
    LandscapeRecords records = read_document(check, doc);
    if (!check.problems.empty()) throw SchemaError(source, std::move(check.problems));
    return records;
}

/// Add " (line N)" to the message of each problem of a record, N the line of its field (or of
/// the record when the field is not a key of it), so problems in a large file can be found.
void add_lines(std::vector<Problem>& problems, std::string_view text) {
    for (std::size_t k = 0; k < problems.size() && k < max_located; ++k) {
        Problem& p = problems[k];
        std::string pointer;
        if (p.index >= 0) {
            pointer = "/" + p.collection + "/" + std::to_string(p.index);
            if (!p.field.empty()) pointer += "/" + detail::escape_pointer_token(p.field);
        } else if (p.collection == "landscape" && !p.field.empty()) {
            pointer = "/" + detail::escape_pointer_token(p.field);
        } else {
            continue;
        }
        p.message += " (line " + std::to_string(detail::locate(text, pointer).line) + ")";
    }
}

/// Pass 3. @throws ValidationError, its problems with their lines.
Landscape build(LandscapeRecords records, std::string_view text) {
    try {
        return Landscape::from_records(std::move(records));
    } catch (const ValidationError& e) {
        std::vector<Problem> problems = e.problems();
        add_lines(problems, text);
        throw ValidationError(std::move(problems));
    }
}

// --- writing ---------------------------------------------------------------------------------

/// Writes JSON text straight from the records, in the layout of nlohmann/json's dump(indent)
/// (which the tests check it matches), without building a document tree first.
class TextWriter {
public:
    TextWriter(int indent, const std::string& landscape)
        : pretty_(indent >= 0), step_(indent < 0 ? 0 : static_cast<std::size_t>(indent)),
          landscape_(landscape) {}

    std::string out;

    void open(char bracket) {
        out += bracket;
        first_.push_back(true);
    }
    void close(char bracket) {
        const bool empty = first_.back();
        first_.pop_back();
        if (!empty) newline();
        out += bracket;
    }
    /// Starts an element of the open list or object.
    void item() {
        if (!first_.back()) out += ',';
        first_.back() = false;
        newline();
    }
    void key(std::string_view name) {
        item();
        string(name);
        out += pretty_ ? ": " : ":";
    }

    /// A string, escaped as nlohmann/json escapes it with ensure_ascii off.
    void string(std::string_view s) {
        if (const auto bad = detail::find_invalid_utf8(s); bad != std::string_view::npos) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X",
                          static_cast<unsigned>(static_cast<unsigned char>(s[bad])));
            throw Error("cannot write the landscape " + in_quotes(landscape_) +
                        " as JSON: a string is not valid UTF-8 (invalid UTF-8 byte at index " +
                        std::to_string(bad) + ": " + byte + " in " + in_quotes(s) + ")");
        }
        out += '"';
        std::size_t plain = 0;  // start of the run of bytes copied as they are
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(s, plain, i - plain);
            plain = i + 1;
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                }
            }
        }
        out.append(s, plain, s.size() - plain);
        out += '"';
    }

    void integer(long long v) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
        out.append(digits, end);
    }

    /// Integral values as integers (4200, not 4200.0), so files read as people write them;
    /// others as nlohmann/json writes a double (the shortest text that reads back the same).
    void number(double v) {
        if (!std::isfinite(v))
            throw Error("cannot write a landscape holding a non-finite number (" +
                        std::to_string(v) + ") as JSON");
        if (std::trunc(v) == v && std::abs(v) < 9.0e15) {
            integer(static_cast<long long>(v));
        } else {
            out += json(v).dump();
        }
    }

    /// One value, by its C++ type.
    template <class V>
    void value(const V& v) {
        if constexpr (std::is_same_v<V, std::string>) {
            string(v);
        } else if constexpr (std::is_same_v<V, Level>) {
            integer(static_cast<int>(v));
        } else if constexpr (is_vocabulary_enum<V>) {
            string(to_string(v));
        } else if constexpr (std::is_same_v<V, double>) {
            number(v);
        } else if constexpr (std::is_same_v<V, int>) {
            integer(v);
        } else if constexpr (std::is_same_v<V, bool>) {
            out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<V, AgeRange>) {
            open('[');
            item();
            integer(v.min);
            item();
            integer(v.max);
            close(']');
        } else if constexpr (std::is_same_v<V, PopulationBand>) {
            record(v);
        } else if constexpr (is_optional<V>::value) {
            value(*v);
        } else if constexpr (is_vector<V>::value) {
            open('[');
            for (const auto& e : v) {
                item();
                value(e);
            }
            close(']');
        } else {
            static_assert(sizeof(V) == 0, "TextWriter::value: a field type it does not know");
        }
    }

    /// A record as a JSON object, its fields in the table's order. A field that is not
    /// required and holds its default (absent, empty, false) is left out.
    template <class Record>
    void record(const Record& r) {
        [[maybe_unused]] static const Record defaults{};  // used in the lambda (GCC 12 warns)
        open('{');
        for_each_field<Record>([&](const FieldInfo& info, auto member) {
            const auto& v = r.*member;
            if (!info.required && v == defaults.*member) return;
            key(info.name);
            value(v);
        });
        close('}');
    }

    template <class Record>
    void collection(std::span<const Record> records) {
        if (records.empty()) return;
        key(Schema<Record>::collection);
        open('[');
        for (const auto& r : records) {
            item();
            record(r);
        }
        close(']');
    }

private:
    void newline() {
        if (!pretty_) return;
        out += '\n';
        out.append(first_.size() * step_, ' ');
    }

    bool pretty_;
    std::size_t step_;
    const std::string& landscape_;
    std::vector<bool> first_;
};

std::string errno_reason(int error) {
    return error != 0 ? std::generic_category().message(error) : std::string("unknown error");
}

/// The temporary file of an atomic write: removed unless committed.
struct TempFile {
    explicit TempFile(fs::path p) : path(std::move(p)) {}
    fs::path path;
    bool committed = false;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (!committed) {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    }
};

fs::path temporary_beside(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    std::random_device entropy;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path p = target;
        p += ".tmp-" + std::to_string(entropy()) + "-" + std::to_string(counter++);
        std::error_code ec;
        if (!fs::exists(p, ec)) return p;
    }
    throw Error("cannot write '" + target.string() + "': no free name for a temporary file");
}

void write_atomically(const fs::path& path, std::string_view text) {
    const auto fail = [&path](const std::string& reason) {
        throw Error("cannot write '" + path.string() + "': " + reason);
    };
    if (path.empty() || !path.has_filename()) fail("the path names no file");
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        fail("the directory '" + dir.string() + "' does not exist; create it first");

    TempFile tmp{temporary_beside(path)};
    {
        errno = 0;
        std::ofstream out(tmp.path, std::ios::binary | std::ios::trunc);
        if (!out) fail("cannot create a temporary file in '" + dir.string() + "': " + errno_reason(errno));
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) fail("writing failed: " + errno_reason(errno));
        out.close();
        if (out.fail()) fail("closing the file failed: " + errno_reason(errno));
    }
    // Keep the permissions of the file being replaced.
    if (const auto st = fs::status(path, ec); !ec && fs::exists(st))
        fs::permissions(tmp.path, st.permissions(), ec);
    fs::rename(tmp.path, path, ec);
    if (ec) {
        std::error_code ignored;
        fail(fs::is_directory(path, ignored) ? "a directory of that name is in the way"
                                             : "cannot replace it: " + ec.message());
    }
    tmp.committed = true;
}

std::string read_file(const fs::path& path, const InputLimits& limits) {
    const auto fail = [&path](const std::string& reason) {
        throw Error("cannot read '" + path.string() + "': " + reason);
    };
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (!fs::exists(st)) fail("no such file");
    if (fs::is_directory(st)) fail("it is a directory, not a file");
    // Refuse a file too large before reading it (a pipe or device reports no size: its text
    // is checked after reading, by parse_records).
    if (fs::is_regular_file(st)) {
        const auto size = fs::file_size(path, ec);
        if (!ec && size > limits.max_input_bytes) too_large(path.string(), size, limits);
    }
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(errno_reason(errno));
    std::string text;
    // A regular file is read in one piece; a pipe or device in chunks until its end.
    if (fs::is_regular_file(st)) {
        const auto size = fs::file_size(path, ec);
        if (!ec) text.reserve(static_cast<std::size_t>(size));
    }
    std::array<char, 1 << 16> chunk{};
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) fail("reading failed: " + errno_reason(errno));
    return text;
}

}  // namespace

namespace detail {

std::optional<LandscapeRecords> read_records_fast(std::string_view text) {
    FastPass pass(default_input_limits);
    if (!json::sax_parse(text.begin(), text.end(), &pass)) return std::nullopt;
    return std::move(pass.records);
}

LandscapeRecords read_records_carefully(std::string_view text) {
    return parse_records(text, "<string>", default_input_limits, false);
}

}  // namespace detail

Landscape from_json_string(std::string_view text, std::string_view source_name,
                           const InputLimits& limits) {
    return build(parse_records(text, std::string(source_name), limits), text);
}

Landscape read_json(const std::filesystem::path& path, const InputLimits& limits) {
    const std::string text = read_file(path, limits);
    return from_json_string(text, path.string(), limits);
}

std::string to_json_string(const Landscape& land, int indent) {
    const auto& r = land.records();
    TextWriter w(indent, r.name);
    w.out.reserve(1 << 16);
    w.open('{');
    w.key("samkart");
    w.integer(json_schema_version);
    w.key("name");
    w.string(r.name);
    if (r.year) {
        w.key("year");
        w.integer(*r.year);
    }
    w.key("currency");
    w.string(r.currency);
    w.collection(land.areas());
    w.collection(land.actors());
    w.collection(land.measures());
    w.collection(land.links());
    w.collection(land.transitions());
    w.collection(land.indicators());
    w.close('}');
    w.out += '\n';
    return std::move(w.out);
}

void write_json(const Landscape& land, const std::filesystem::path& path, int indent) {
    write_atomically(path, to_json_string(land, indent));
}

std::vector<Problem> validate_json_file(const std::filesystem::path& path,
                                        const InputLimits& limits) {
    std::vector<Problem> out;
    try {
        const std::string text = read_file(path, limits);
        const Landscape land = build(parse_records(text, path.string(), limits), text);
        out = land.validate();
        add_lines(out, text);
    } catch (const SchemaError& e) {
        for (const auto& loc : e.problems()) {
            std::string where = loc.pointer.empty() ? std::string("document") : loc.pointer;
            if (loc.line > 0) where += " (line " + std::to_string(loc.line) + ")";
            out.push_back({Severity::ERROR, "schema", -1, {}, std::move(where), loc.message});
        }
    } catch (const ValidationError& e) {
        out = e.problems();
    }
    return out;
}

}  // namespace samkart
