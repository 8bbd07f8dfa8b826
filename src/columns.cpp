// A landscape as columns and back, driven by the field table (core/schema.hpp): the conversion
// behind DataFrames and pickling. Each field's C++ type chooses its column (columns.hpp); so a
// field added to the table is a column with no change here.

#include "samkart/io/columns.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "json_locate.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/level.hpp"
#include "did_you_mean.hpp"

using samkart::detail::did_you_mean;

namespace samkart {
namespace {

using field_traits::is_optional;
using field_traits::is_vector;
using field_traits::is_vocabulary;

using Location = SchemaError::Location;


constexpr double absent = std::numeric_limits<double>::quiet_NaN();

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

/// 3, 2.5, 1e+300: the shortest text that reads back as the same number.
std::string number_text(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return {buf, end};
}

std::string age_column(std::string_view field, int half) {
    if (field == "ages") return half == 0 ? "age_min" : "age_max";
    return std::string(field) + (half == 0 ? "_min" : "_max");
}

std::string accepted(const FieldInfo& info) {
    std::string out;
    if (!info.vocabulary) return out;
    for (const auto& t : info.vocabulary()) out += (out.empty() ? "" : "|") + std::string(t.name);
    return out;
}

/// What a field expects, for messages ("a string", "one of a|b").
std::string expected(const FieldInfo& info) {
    switch (info.type) {
        case FieldType::ENUM: return "one of " + accepted(info);
        case FieldType::ENUM_LIST: return "a list of names from " + accepted(info);
        case FieldType::REF_LIST:
        case FieldType::TEXT_LIST: return "a list of strings";
        case FieldType::NUMBER: return "a number";
        case FieldType::INTEGER: return "a whole number";
        case FieldType::BOOL: return "true or false";
        case FieldType::AGES: return "[min, max], two whole numbers of years such as [16, 21]";
        case FieldType::LEVEL: return "a level, 1 (universal) to 4 (intensive)";
        case FieldType::DATE: return "a date \"YYYY-MM-DD\"";
        case FieldType::POPULATION: return "a list of {\"ages\": [min, max], \"count\": number}";
        default: return "a string";
    }
}

// --- writing ---------------------------------------------------------------------------------

/// Distinct strings, each coded once; with `unique` (ids, which never repeat), or once the first
/// 512 strings were mostly distinct, every string is its own name, without the cost of hashing.
///
/// An open-addressing table of (hash, code) slots, linear probing, at most half full: one hash
/// and usually one comparison per string, and no allocation per distinct string beyond its name
/// (std::unordered_map allocated a node for each; hashing was a third of to_columns; issue 12).
class StringCodes {
public:
    StringCodes(Column& column, std::size_t expected, bool unique = false)
        : column_(column), unique_(unique) {
        column_.views.reserve(unique ? expected : expected / 4);
        if (!unique) grow(1024);  // grows as names come; most columns stop at 512
    }
    std::int32_t code(std::string_view s) {
        const auto next = static_cast<std::int32_t>(column_.views.size());
        if (unique_) {
            column_.views.push_back(s);
            return next;
        }
        const std::uint64_t h = std::hash<std::string_view>{}(s);
        std::size_t i = h & mask_;
        std::int32_t found = -1;
        for (; slots_[i].code >= 0; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.hash == h && column_.views[static_cast<std::size_t>(slot.code)] == s) {
                found = slot.code;
                break;
            }
        }
        if (found < 0) {
            column_.views.push_back(s);
            slots_[i] = {h, next};
            found = next;
            if (2 * column_.views.size() > slots_.size()) grow(2 * slots_.size());
        }
        // Mostly distinct (names, free text): hashing saves nothing, so stop.
        if (++seen_ == 512 && column_.views.size() > seen_ / 2) {
            unique_ = true;
            slots_ = {};
        }
        return found;
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::int32_t code = -1;  ///< −1: empty
    };
    /// A table of `size` slots (a power of two) holding the names coded so far.
    void grow(std::size_t size) {
        std::size_t n = 64;
        while (n < size) n *= 2;
        std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(n));
        mask_ = n - 1;
        for (const Slot& slot : old) {
            if (slot.code < 0) continue;
            std::size_t i = slot.hash & mask_;
            while (slots_[i].code >= 0) i = (i + 1) & mask_;
            slots_[i] = slot;
        }
    }

    Column& column_;
    bool unique_;
    std::size_t seen_ = 0;
    std::size_t mask_ = 0;
    std::vector<Slot> slots_;
};

template <class E>
std::vector<std::string> names_of() {
    std::vector<std::string> out;
    for (const auto& t : terms<E>()) out.emplace_back(t.name);
    return out;
}

/// The names of a vocabulary as views of the vocabulary's static table.
template <class E>
std::vector<std::string_view> views_of() {
    std::vector<std::string_view> out;
    for (const auto& t : terms<E>()) out.push_back(t.name);
    return out;
}

/// The value type of a pointer to member.
template <class M>
struct member_value;
template <class R, class V>
struct member_value<V R::*> {
    using type = V;
};

template <class V>
constexpr bool is_text =
    std::is_same_v<V, std::string> || std::is_same_v<V, std::optional<std::string>>;

/// The column(s) of one field, empty, with their kind and vocabulary, and the string codes of
/// a text column; `write_rows` fills them.
template <class Record, class V>
void start_field(CollectionColumns& out, std::vector<std::optional<StringCodes>>& codes,
                 const FieldInfo& info, V Record::* /*member*/, std::size_t n) {
    Column& c = out.columns.emplace_back();
    c.name = std::string(info.name);
    codes.emplace_back();
    if constexpr (is_text<V>) {
        c.codes.reserve(n);
        codes.back().emplace(c, n, info.type == FieldType::ID);
    } else if constexpr (is_vocabulary<V>) {
        c.views = views_of<V>();
        c.codes.reserve(n);
    } else if constexpr (is_optional<V>::value && is_vocabulary<typename is_optional<V>::type>) {
        c.views = views_of<typename is_optional<V>::type>();
        c.codes.reserve(n);
    } else if constexpr (std::is_same_v<V, bool>) {
        c.kind = ColumnKind::BOOLS;
        c.numbers.reserve(n);
    } else if constexpr (std::is_same_v<V, std::optional<AgeRange>>) {
        c.kind = ColumnKind::NUMBERS;
        c.name = age_column(info.name, 0);
        c.numbers.reserve(n);
        Column& hi = out.columns.emplace_back();
        codes.emplace_back();
        hi.kind = ColumnKind::NUMBERS;
        hi.name = age_column(info.name, 1);
        hi.numbers.reserve(n);
    } else if constexpr (std::is_same_v<V, Level> || std::is_arithmetic_v<V> ||
                         is_optional<V>::value) {
        static_assert(std::is_same_v<V, Level> || std::is_arithmetic_v<V> ||
                          std::is_arithmetic_v<typename is_optional<V>::type>,
                      "a field type columns.cpp does not know");
        c.kind = ColumnKind::NUMBERS;
        c.numbers.reserve(n);
    } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
        c.kind = ColumnKind::BANDS;
        c.offsets.reserve(n + 1);
        c.offsets.push_back(0);
    } else {
        static_assert(is_vector<V>::value, "a field type columns.cpp does not know");
        using E = typename is_vector<V>::type;
        c.kind = ColumnKind::LISTS;
        c.offsets.reserve(n + 1);
        c.offsets.push_back(0);
        if constexpr (std::is_same_v<E, std::string>) {
            codes.back().emplace(c, n);
        } else {
            static_assert(is_vocabulary<E>, "a field type columns.cpp does not know");
            c.views = views_of<E>();
        }
    }
}

/// The cells of `rows` appended to the field's column(s), `k` the first of them.
template <class Record, class V>
void write_rows(CollectionColumns& out, std::vector<std::optional<StringCodes>>& codes,
                std::size_t k, std::span<const Record> rows, V Record::*member) {
    Column& c = out.columns[k];
    if constexpr (is_text<V>) {
        StringCodes& strings = *codes[k];
        for (const auto& r : rows) {
            const auto& v = r.*member;
            if constexpr (std::is_same_v<V, std::string>)
                c.codes.push_back(strings.code(v));
            else
                c.codes.push_back(v ? strings.code(*v) : -1);
        }
    } else if constexpr (is_vocabulary<V>) {
        for (const auto& r : rows) c.codes.push_back(static_cast<std::int32_t>(r.*member));
    } else if constexpr (is_optional<V>::value && is_vocabulary<typename is_optional<V>::type>) {
        for (const auto& r : rows)
            c.codes.push_back((r.*member) ? static_cast<std::int32_t>(*(r.*member)) : -1);
    } else if constexpr (std::is_same_v<V, bool>) {
        for (const auto& r : rows) c.numbers.push_back((r.*member) ? 1.0 : 0.0);
    } else if constexpr (std::is_same_v<V, std::optional<AgeRange>>) {
        Column& hi = out.columns[k + 1];
        for (const auto& r : rows) {
            const auto& a = r.*member;
            c.numbers.push_back(a ? a->min : absent);
            hi.numbers.push_back(a ? a->max : absent);
        }
    } else if constexpr (std::is_same_v<V, Level> || std::is_arithmetic_v<V>) {
        for (const auto& r : rows) c.numbers.push_back(static_cast<double>(r.*member));
    } else if constexpr (is_optional<V>::value) {
        for (const auto& r : rows)
            c.numbers.push_back((r.*member) ? static_cast<double>(*(r.*member)) : absent);
    } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
        for (const auto& r : rows) {
            for (const auto& band : r.*member) {
                c.numbers.push_back(band.ages.min);
                c.numbers.push_back(band.ages.max);
                c.numbers.push_back(band.count);
            }
            c.offsets.push_back(static_cast<std::int64_t>(c.numbers.size() / 3));
        }
    } else {
        using E = typename is_vector<V>::type;
        if constexpr (std::is_same_v<E, std::string>) {
            StringCodes& strings = *codes[k];
            for (const auto& r : rows) {
                for (const auto& s : r.*member) c.codes.push_back(strings.code(s));
                c.offsets.push_back(static_cast<std::int64_t>(c.codes.size()));
            }
        } else {
            for (const auto& r : rows) {
                for (const auto e : r.*member) c.codes.push_back(static_cast<std::int32_t>(e));
                c.offsets.push_back(static_cast<std::int64_t>(c.codes.size()));
            }
        }
    }
}

/// Records per block: every field of a block is written while its records are in the cache
/// (256 measures are about 110 kB). Field by field over all records instead read each record
/// from memory once per field; the blocks made to_columns about 12% faster (issue 12).
constexpr std::size_t block_rows = 256;

template <class Record>
CollectionColumns write_collection(const std::vector<Record>& records) {
    CollectionColumns out{std::string(Schema<Record>::collection), records.size(), {}};
    const std::size_t n = records.size();
    // The string codes refer to their columns, which therefore never move.
    out.columns.reserve(column_names(Schema<Record>::collection).size());
    std::vector<std::optional<StringCodes>> codes;
    codes.reserve(out.columns.capacity());
    for_each_field<Record>(
        [&](const FieldInfo& info, auto member) { start_field(out, codes, info, member, n); });
    for (std::size_t begin = 0; begin < n; begin += block_rows) {
        const std::span<const Record> rows(records.data() + begin, std::min(block_rows, n - begin));
        std::size_t k = 0;
        for_each_field<Record>([&](const FieldInfo& /*info*/, auto member) {
            write_rows(out, codes, k, rows, member);
            using V = typename member_value<decltype(member)>::type;
            k += std::is_same_v<V, std::optional<AgeRange>> ? 2 : 1;  // age_min, age_max
        });
    }
    return out;
}

// --- reading ---------------------------------------------------------------------------------

/// One problem of a record, labelled once every record of the collection is read.
struct Pending {
    std::size_t row;
    std::string pointer;  ///< after "/collection/row"
    std::string field;    ///< "" for the whole record
    std::string message;
};

/// What a cell holds, for "expected ..., got <this>".
std::string describe(const Column& c, std::size_t row) {
    switch (c.kind) {
        case ColumnKind::STRINGS: {
            const auto code = c.codes[row];
            return "the string \"" + c.names[static_cast<std::size_t>(code)] + "\"";
        }
        case ColumnKind::NUMBERS: return "the number " + number_text(c.numbers[row]);
        case ColumnKind::BOOLS: return c.numbers[row] != 0 ? "true" : "false";
        case ColumnKind::LISTS: return "a list";
        case ColumnKind::BANDS: return "a population";
    }
    return "a value";
}

/// A cell that holds a value (not absent).
bool present(const Column& c, std::size_t row) {
    switch (c.kind) {
        case ColumnKind::STRINGS: return c.codes[row] >= 0;
        case ColumnKind::NUMBERS:
        case ColumnKind::BOOLS: return !std::isnan(c.numbers[row]);
        case ColumnKind::LISTS:
        case ColumnKind::BANDS: return true;
    }
    return false;
}

/// The shape of a column is what its kind says: "" or what is wrong.
std::string shape_problem(const Column& c, std::size_t rows) {
    const auto count = [](std::size_t n) { return std::to_string(n); };
    switch (c.kind) {
        case ColumnKind::STRINGS:
            if (c.codes.size() != rows)
                return count(c.codes.size()) + " values for " + count(rows) + " rows";
            for (const auto code : c.codes)
                if (code < -1 || code >= static_cast<std::int64_t>(c.names.size()))
                    return "code " + std::to_string(code) + " is not one of its " +
                           count(c.names.size()) + " names";
            return {};
        case ColumnKind::NUMBERS:
        case ColumnKind::BOOLS:
            if (c.numbers.size() != rows)
                return count(c.numbers.size()) + " values for " + count(rows) + " rows";
            return {};
        case ColumnKind::LISTS:
        case ColumnKind::BANDS: {
            if (c.offsets.size() != rows + 1 || c.offsets.front() != 0)
                return count(c.offsets.size()) + " offsets for " + count(rows) +
                       " rows; expected rows + 1, starting at 0";
            for (std::size_t i = 1; i < c.offsets.size(); ++i)
                if (c.offsets[i] < c.offsets[i - 1]) return "its offsets decrease at row " + count(i - 1);
            const auto total = static_cast<std::size_t>(c.offsets.back());
            if (c.kind == ColumnKind::BANDS) {
                if (c.numbers.size() != 3 * total)
                    return count(c.numbers.size()) + " numbers for " + count(total) +
                           " bands; expected three per band (min age, max age, count)";
                return {};
            }
            if (c.codes.size() != total)
                return count(c.codes.size()) + " elements for offsets ending at " + count(total);
            for (const auto code : c.codes)
                if (code < 0 || code >= static_cast<std::int64_t>(c.names.size()))
                    return "code " + std::to_string(code) + " is not one of its " +
                           count(c.names.size()) + " names";
            return {};
        }
    }
    return {};
}

/// A whole number that fits an int, or nullopt.
std::optional<int> whole(double v) {
    if (!std::isfinite(v) || std::trunc(v) != v || v < std::numeric_limits<int>::min() ||
        v > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(v);
}

template <class Record>
class CollectionReader {
public:
    CollectionReader(const CollectionColumns& table, std::vector<Location>& problems)
        : table_(table), problems_(problems), records_(table.rows) {}

    std::vector<Record> read() {
        check_columns();
        for_each_field<Record>([this](const FieldInfo& info, auto member) { read_field(info, member); });
        flush();
        return std::move(records_);
    }

private:
    const CollectionColumns& table_;
    std::vector<Location>& problems_;
    std::vector<Record> records_;
    std::vector<Pending> pending_;
    std::vector<const Column*> usable_;  ///< columns whose shape is right

    std::string collection() const { return std::string(Schema<Record>::collection); }

    void check_columns() {
        std::vector<std::string> known = column_names(Schema<Record>::collection);
        std::vector<std::string_view> seen;
        for (const auto& c : table_.columns) {
            const std::string where = "/" + collection();
            if (std::find(seen.begin(), seen.end(), c.name) != seen.end()) {
                problems_.push_back({where, 0, 0, collection() + ": the column " + in_quotes(c.name) +
                                                      " is given twice; keep one"});
                continue;
            }
            seen.push_back(c.name);
            if (!column_field(Schema<Record>::collection, c.name)) {
                std::string hint = did_you_mean(c.name, known);
                if (hint.empty()) {
                    hint = "; the columns of " + collection() + " are ";
                    for (std::size_t i = 0; i < known.size(); ++i) hint += (i ? ", " : "") + known[i];
                }
                const std::string message = "unknown column " + in_quotes(c.name) + hint;
                if (table_.rows == 0)
                    problems_.push_back({where, 0, 0, collection() + ": " + message});
                else
                    pending_.push_back({0, "/" + detail::escape_pointer_token(c.name), "", message});
                continue;
            }
            if (auto shape = shape_problem(c, table_.rows); !shape.empty()) {
                problems_.push_back({where + "/" + detail::escape_pointer_token(c.name), 0, 0,
                                     collection() + ", column " + in_quotes(c.name) + ": " + shape});
                continue;
            }
            usable_.push_back(&c);
        }
    }

    const Column* find(std::string_view name) const {
        for (const Column* c : usable_)
            if (c->name == name) return c;
        return nullptr;
    }

    void problem(std::size_t row, const FieldInfo& info, std::string message, std::string sub = {}) {
        std::string pointer = "/" + detail::escape_pointer_token(info.name);
        if (!sub.empty()) pointer += "/" + sub;
        pending_.push_back({row, std::move(pointer), std::string(info.name), std::move(message)});
    }

    /// The cells the column's producer could not convert.
    void cell_problems(const Column& c, const FieldInfo& info, std::string sub = {}) {
        for (const auto& p : c.problems) {
            if (p.row >= table_.rows) continue;
            std::string at = sub;
            if (p.element >= 0) at += (at.empty() ? "" : "/") + std::to_string(p.element);
            problem(p.row, info, p.message, at);
        }
    }

    void missing(const FieldInfo& info, std::size_t row, bool column_given) {
        problem(row, info, "missing required field " + in_quotes(info.name) + " (" + expected(info) +
                               (column_given ? "; the cell is empty)" : "; no column " +
                                                                            in_quotes(info.name) + ")"));
    }

    void wrong(const FieldInfo& info, const Column& c, std::size_t row) {
        problem(row, info, "expected " + expected(info) + ", got " + describe(c, row));
    }

    /// Names from a vocabulary column: each distinct name parsed once.
    template <class E>
    std::vector<std::optional<E>> parse_names(const Column& c) {
        std::vector<std::optional<E>> out;
        out.reserve(c.names.size());
        for (const auto& n : c.names) out.push_back(parse<E>(n));
        return out;
    }

    template <class E>
    void unknown_name(const FieldInfo& info, std::size_t row, const std::string& name, std::string sub = {}) {
        problem(row, info,
                "unknown value " + in_quotes(name) + "; expected one of " + accepted_names<E>() +
                    did_you_mean(name, names_of<E>()),
                std::move(sub));
    }

    template <class V>
    void read_field(const FieldInfo& info, V Record::*member) {
        if constexpr (std::is_same_v<V, std::optional<AgeRange>>) {
            read_ages(info, member);
        } else {
            const Column* c = find(info.name);
            if (!c) {
                if (info.required)
                    for (std::size_t row = 0; row < table_.rows; ++row) missing(info, row, false);
                return;
            }
            cell_problems(*c, info);
            // A cell its producer could not convert is reported once, not as missing too.
            std::vector<bool> reported(table_.rows, false);
            for (const auto& p : c->problems)
                if (p.row < table_.rows) reported[p.row] = true;
            for (std::size_t row = 0; row < table_.rows; ++row) {
                if (!present(*c, row)) {
                    if (info.required && !is_vector<V>::value && !reported[row]) missing(info, row, true);
                    continue;
                }
                read_cell(info, *c, row, records_[row].*member);
            }
        }
    }

    template <class V>
    void read_cell(const FieldInfo& info, const Column& c, std::size_t row, V& out) {
        if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::optional<std::string>>) {
            if (c.kind != ColumnKind::STRINGS) return wrong(info, c, row);
            out = c.names[static_cast<std::size_t>(c.codes[row])];
        } else if constexpr (is_vocabulary<V> ||
                             (is_optional<V>::value && is_vocabulary<typename is_optional<V>::type>)) {
            using E = std::conditional_t<is_vocabulary<V>, V, typename is_optional<V>::type>;
            if (c.kind != ColumnKind::STRINGS) return wrong(info, c, row);
            const auto& name = c.names[static_cast<std::size_t>(c.codes[row])];
            if (auto e = parse<E>(name))
                out = *e;
            else
                unknown_name<E>(info, row, name);
        } else if constexpr (std::is_same_v<V, Level>) {
            constexpr const char* rule = "the level must be 1 (universal) to 4 (intensive)";
            if (c.kind == ColumnKind::STRINGS) {
                const auto& name = c.names[static_cast<std::size_t>(c.codes[row])];
                if (auto l = parse_level_name(name)) {
                    out = *l;
                } else {
                    problem(row, info, "unknown level " + in_quotes(name) + "; " + rule +
                                           " or one of universal|early|targeted|intensive" +
                                           did_you_mean(name, std::vector<std::string_view>{"universal", "early", "targeted", "intensive"}));
                }
                return;
            }
            if (c.kind != ColumnKind::NUMBERS) return wrong(info, c, row);
            // Whole numbers that fit the type go to the model, which names a level that does
            // not exist (0, 5) in the same words for every reader.
            const double v = c.numbers[row];
            if (auto w = whole(v); w && *w >= 0 && *w <= std::numeric_limits<std::uint8_t>::max())
                out = static_cast<Level>(*w);
            else
                problem(row, info, std::string(rule) + ", got the number " + number_text(v));
        } else if constexpr (std::is_same_v<V, bool>) {
            if (c.kind != ColumnKind::BOOLS) return wrong(info, c, row);
            out = c.numbers[row] != 0;
        } else if constexpr (std::is_same_v<V, double> || std::is_same_v<V, std::optional<double>>) {
            if (c.kind != ColumnKind::NUMBERS) return wrong(info, c, row);
            const double v = c.numbers[row];
            if (!std::isfinite(v))
                problem(row, info, "expected a finite number, got " + number_text(v));
            else
                out = v;
        } else if constexpr (std::is_same_v<V, std::optional<int>>) {
            if (c.kind != ColumnKind::NUMBERS) return wrong(info, c, row);
            if (auto w = whole(c.numbers[row]))
                out = *w;
            else
                wrong(info, c, row);
        } else if constexpr (std::is_same_v<V, std::vector<PopulationBand>>) {
            if (c.kind != ColumnKind::BANDS) return wrong(info, c, row);
            const auto begin = static_cast<std::size_t>(c.offsets[row]);
            const auto end = static_cast<std::size_t>(c.offsets[row + 1]);
            for (std::size_t b = begin; b < end; ++b) {
                const auto lo = whole(c.numbers[3 * b]);
                const auto hi = whole(c.numbers[3 * b + 1]);
                const double count = c.numbers[3 * b + 2];
                const std::string sub = std::to_string(b - begin);
                if (!lo || !hi) {
                    problem(row, info, "band " + sub + ": ages must be two whole numbers of years, got [" +
                                           number_text(c.numbers[3 * b]) + ", " +
                                           number_text(c.numbers[3 * b + 1]) + "]", sub);
                } else if (!std::isfinite(count)) {
                    problem(row, info, "band " + sub + ": expected a number of people, got " +
                                           number_text(count), sub);
                } else {
                    out.push_back({AgeRange{*lo, *hi}, count});
                }
            }
        } else {
            static_assert(is_vector<V>::value, "a field type columns.cpp does not know");
            using E = typename is_vector<V>::type;
            if (c.kind != ColumnKind::LISTS) return wrong(info, c, row);
            const auto begin = static_cast<std::size_t>(c.offsets[row]);
            const auto end = static_cast<std::size_t>(c.offsets[row + 1]);
            out.reserve(end - begin);
            for (std::size_t k = begin; k < end; ++k) {
                const auto& name = c.names[static_cast<std::size_t>(c.codes[k])];
                if constexpr (std::is_same_v<E, std::string>) {
                    out.push_back(name);
                } else if (auto e = parse<E>(name)) {
                    out.push_back(*e);
                } else {
                    unknown_name<E>(info, row, name, std::to_string(k - begin));
                }
            }
        }
    }

    void read_ages(const FieldInfo& info, std::optional<AgeRange> Record::*member) {
        const Column* lo = find(age_column(info.name, 0));
        const Column* hi = find(age_column(info.name, 1));
        for (const auto* c : {lo, hi})
            if (c) cell_problems(*c, info, c == lo ? "0" : "1");
        if (!lo && !hi) return;
        const std::string rule = expected(info);
        for (std::size_t row = 0; row < table_.rows; ++row) {
            const bool has_lo = lo && present(*lo, row);
            const bool has_hi = hi && present(*hi, row);
            if (!has_lo && !has_hi) continue;
            if (has_lo != has_hi) {
                problem(row, info, "expected " + rule + ", got only " +
                                       (has_lo ? age_column(info.name, 0) : age_column(info.name, 1)));
                continue;
            }
            if (lo->kind != ColumnKind::NUMBERS || hi->kind != ColumnKind::NUMBERS) {
                const Column& bad = lo->kind != ColumnKind::NUMBERS ? *lo : *hi;
                problem(row, info, "expected " + rule + ", got " + describe(bad, row),
                        &bad == lo ? "0" : "1");
                continue;
            }
            const auto a = whole(lo->numbers[row]);
            const auto b = whole(hi->numbers[row]);
            if (!a || !b) {
                problem(row, info, "expected " + rule + ", got [" + number_text(lo->numbers[row]) + ", " +
                                       number_text(hi->numbers[row]) + "]");
                continue;
            }
            records_[row].*member = AgeRange{*a, *b};
        }
    }

    /// "actors[2] 'x'", as the JSON reader and Problem::to_string name a record.
    std::string label(std::size_t row) const {
        std::string out = collection() + "[" + std::to_string(row) + "]";
        const Record& r = records_[row];
        if constexpr (requires(const Record& x) { x.id; }) {
            if (!r.id.empty()) out += " " + in_quotes(r.id);
        } else if constexpr (requires(const Record& x) { x.target; }) {
            if (!r.source.empty() || !r.target.empty()) out += " " + in_quotes(r.source + " → " + r.target);
        } else if constexpr (requires(const Record& x) { x.area; }) {
            if (!r.area.empty() || !r.key.empty()) out += " " + in_quotes(r.area + " " + r.key);
        }
        return out;
    }

    void flush() {
        std::stable_sort(pending_.begin(), pending_.end(),
                         [](const Pending& a, const Pending& b) { return a.row < b.row; });
        for (auto& p : pending_) {
            std::string message = label(p.row);
            message += p.field.empty() ? ": " : ", field " + in_quotes(p.field) + ": ";
            message += p.message;
            problems_.push_back({"/" + collection() + "/" + std::to_string(p.row) + p.pointer, 0, 0,
                                 std::move(message)});
        }
    }
};

template <class Record>
void read_into(std::vector<Record>& out, const LandscapeColumns& columns,
               std::vector<Location>& problems) {
    const auto name = Schema<Record>::collection;
    const CollectionColumns* table = nullptr;
    for (const auto& t : columns.collections) {
        if (t.collection != name) continue;
        if (table) {
            problems.push_back({"/" + std::string(name), 0, 0,
                                std::string(name) + ": given twice; give each collection once"});
            continue;
        }
        table = &t;
    }
    if (table) out = CollectionReader<Record>(*table, problems).read();
}

}  // namespace

const Column* CollectionColumns::find(std::string_view name) const noexcept {
    for (const auto& c : columns)
        if (c.name == name) return &c;
    return nullptr;
}

std::vector<std::string> column_names(std::string_view collection) {
    const RecordSchema* schema = find_record_schema(collection);
    if (!schema)
        throw ArgumentError("unknown collection " + in_quotes(collection) +
                            "; expected one of areas|actors|measures|links|transitions|indicators");
    std::vector<std::string> out;
    for (const auto& f : schema->fields) {
        if (f.type == FieldType::AGES) {
            out.push_back(age_column(f.name, 0));
            out.push_back(age_column(f.name, 1));
        } else {
            out.emplace_back(f.name);
        }
    }
    return out;
}

const FieldInfo* column_field(std::string_view collection, std::string_view column) noexcept {
    const RecordSchema* schema = find_record_schema(collection);
    if (!schema) return nullptr;
    for (const auto& f : schema->fields) {
        if (f.type == FieldType::AGES) {
            if (column == age_column(f.name, 0) || column == age_column(f.name, 1)) return &f;
        } else if (f.name == column) {
            return &f;
        }
    }
    return nullptr;
}

LandscapeColumns to_column_views(const LandscapeRecords& records) {
    LandscapeColumns out{records.name, records.year, records.currency, {}};
    out.collections.reserve(6);
    for_each_collection(records, [&out](const auto& collection) {
        out.collections.push_back(write_collection(collection));
    });
    return out;
}

LandscapeColumns to_columns(const LandscapeRecords& records) {
    LandscapeColumns out = to_column_views(records);
    for (auto& table : out.collections) {
        for (auto& c : table.columns) {
            c.names.assign(c.views.begin(), c.views.end());
            c.views = {};
        }
    }
    return out;
}

LandscapeRecords records_from_columns(const LandscapeColumns& columns, std::string_view source_name) {
    std::vector<Location> problems;
    for (const auto& t : columns.collections)
        if (!find_record_schema(t.collection))
            problems.push_back({"/" + detail::escape_pointer_token(t.collection), 0, 0,
                                "unknown collection " + in_quotes(t.collection) +
                                    "; expected one of areas|actors|measures|links|transitions|indicators"});
    LandscapeRecords records;
    records.name = columns.name;
    records.year = columns.year;
    records.currency = columns.currency;
    for_each_collection(records, [&](auto& collection) { read_into(collection, columns, problems); });
    if (!problems.empty()) throw SchemaError(std::string(source_name), std::move(problems));
    return records;
}

Landscape from_columns(const LandscapeColumns& columns, std::string_view source_name) {
    return Landscape::from_records(records_from_columns(columns, source_name));
}

}  // namespace samkart
