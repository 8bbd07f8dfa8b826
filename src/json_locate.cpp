// The JSON locator: a small tokenizer that walks JSON text along a JSON pointer.
// It must survive any text (it runs on files that failed to parse or to validate), so every
// loop advances or stops, every read checks the end, and nesting is skipped by counting
// brackets rather than by recursion.

#include "json_locate.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace samkart::detail {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_whitespace(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_delimiter(char c) noexcept {
    return is_whitespace(c) || c == ',' || c == ':' || c == ']' || c == '}' || c == '[' ||
           c == '{' || c == '"';
}

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// A cursor over JSON text that knows just enough of the grammar to skip values.
class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {
        if (text_.starts_with(utf8_bom)) pos = utf8_bom.size();
    }

    std::size_t pos = 0;

    [[nodiscard]] bool at_end() const noexcept { return pos >= text_.size(); }
    [[nodiscard]] char peek() const noexcept { return at_end() ? '\0' : text_[pos]; }

    void skip_whitespace() noexcept {
        while (!at_end() && is_whitespace(text_[pos])) ++pos;
    }

    /// At a '"': the decoded string; leaves the cursor after the closing quote (or at the end
    /// of an unterminated string).
    std::string read_string() {
        std::string out;
        ++pos;  // opening quote
        while (!at_end()) {
            const char c = text_[pos++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (at_end()) break;
            switch (const char e = text_[pos++]) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    auto cp = read_hex4();
                    if (!cp) break;
                    // A high surrogate followed by \uDC00..\uDFFF is one code point.
                    if (*cp >= 0xD800 && *cp < 0xDC00 && text_.substr(pos, 2) == "\\u") {
                        const std::size_t saved = pos;
                        pos += 2;
                        const auto low = read_hex4();
                        if (low && *low >= 0xDC00 && *low < 0xE000)
                            cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                        else
                            pos = saved;
                    }
                    append_utf8(out, *cp);
                    break;
                }
                default: out += e; break;  // '"', '\\', '/', and anything malformed
            }
        }
        return out;
    }

    /// Skip one value of any kind; always advances unless at the end.
    void skip_value() {
        if (at_end()) return;
        const char c = text_[pos];
        if (c == '"') {
            skip_string();
        } else if (c == '{' || c == '[') {
            // Count brackets, skipping strings; mismatched kinds do not matter here.
            std::size_t depth = 0;
            while (!at_end()) {
                const char d = text_[pos];
                if (d == '"') {
                    skip_string();
                    continue;
                }
                ++pos;
                if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) return;
                }
            }
        } else {
            // A number, a literal or garbage: up to the next delimiter, at least one byte.
            do {
                ++pos;
            } while (!at_end() && !is_delimiter(text_[pos]));
        }
    }

private:
    std::optional<std::uint32_t> read_hex4() noexcept {
        if (text_.size() - pos < 4) return std::nullopt;
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const int h = hex_digit(text_[pos + i]);
            if (h < 0) return std::nullopt;
            value = value * 16 + static_cast<std::uint32_t>(h);
        }
        pos += 4;
        return value;
    }

    void skip_string() noexcept {
        ++pos;  // opening quote
        while (!at_end()) {
            const char c = text_[pos++];
            if (c == '"') return;
            if (c == '\\' && !at_end()) ++pos;
        }
    }

    std::string_view text_;
};

/// The reference tokens of a JSON pointer, unescaped; nullopt if it is malformed.
std::optional<std::vector<std::string>> split_pointer(std::string_view pointer) {
    std::vector<std::string> tokens;
    if (pointer.empty()) return tokens;
    if (pointer.front() != '/') return std::nullopt;
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(std::move(token));
            token.clear();
        } else if (pointer[i] == '~' && i + 1 < pointer.size() &&
                   (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
            token += pointer[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            token += pointer[i];
        }
    }
    return tokens;
}

/// "3" → 3; nullopt for anything that is not a plain array index.
std::optional<std::size_t> parse_index(const std::string& token) noexcept {
    if (token.empty() || token.size() > 15) return std::nullopt;
    if (token.size() > 1 && token.front() == '0') return std::nullopt;
    std::size_t value = 0;
    for (const char c : token) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return value;
}

/// Starting at a '{', the start of the value of the last member named `key`.
std::optional<std::size_t> find_member(Scanner& s, const std::string& key) {
    std::optional<std::size_t> match;
    ++s.pos;  // '{'
    while (true) {
        s.skip_whitespace();
        if (s.peek() != '"') break;  // '}' or malformed
        const std::string name = s.read_string();
        s.skip_whitespace();
        if (s.peek() != ':') break;
        ++s.pos;
        s.skip_whitespace();
        if (s.at_end()) break;
        if (name == key) match = s.pos;  // keep looking: the last duplicate wins
        s.skip_value();
        s.skip_whitespace();
        if (s.peek() != ',') break;
        ++s.pos;
    }
    return match;
}

/// Starting at a '[', the start of element `index`.
std::optional<std::size_t> find_element(Scanner& s, std::size_t index) {
    ++s.pos;  // '['
    for (std::size_t i = 0;; ++i) {
        s.skip_whitespace();
        if (s.at_end() || s.peek() == ']') return std::nullopt;
        if (i == index) return s.pos;
        s.skip_value();
        s.skip_whitespace();
        if (s.peek() != ',') return std::nullopt;
        ++s.pos;
    }
}

std::size_t locate_offset(std::string_view text, std::string_view pointer) {
    Scanner s(text);
    s.skip_whitespace();
    std::size_t found = s.pos;
    const auto tokens = split_pointer(pointer);
    if (!tokens) return found;
    for (const auto& token : *tokens) {
        std::optional<std::size_t> next;
        if (s.peek() == '{') {
            next = find_member(s, token);
        } else if (s.peek() == '[') {
            if (const auto index = parse_index(token)) next = find_element(s, *index);
        }
        if (!next) break;
        found = *next;
        s.pos = found;
    }
    return found;
}

}  // namespace

TextPosition position_of(std::string_view text, std::size_t offset) noexcept {
    if (offset > text.size()) offset = text.size();
    TextPosition p;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++p.line;
            line_start = i + 1;
        }
    }
    // A byte offset inside a multi-byte character belongs to that character.
    std::size_t column = 1;
    for (std::size_t i = line_start; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80 && i + 1 <= offset) ++column;
    }
    if (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80 &&
        column > 1)
        --column;
    // An editor does not show the byte order mark.
    if (line_start == 0 && text.starts_with(utf8_bom) && offset >= utf8_bom.size()) --column;
    p.column = column;
    return p;
}

TextPosition locate(std::string_view text, std::string_view pointer) noexcept {
    try {
        return position_of(text, locate_offset(text, pointer));
    } catch (...) {  // only std::bad_alloc can get here; a position is a courtesy, not a must
        return {};
    }
}

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (const char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

namespace {

/// The length of the well-formed UTF-8 sequence at `text[i]`, or 0 if it is ill-formed; for an
/// ill-formed one, `*bad` gets the length of its maximal subpart (at least 1).
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::size_t* bad) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b = byte(i);
    *bad = 1;
    if (b < 0x80) return 1;
    // Unicode 15, table 3-7: the well-formed byte sequences.
    std::size_t length = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + 1 >= text.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (i + k >= text.size() || (byte(i + k) & 0xC0) != 0x80) {
            *bad = k;
            return 0;
        }
    }
    return length;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    // ASCII runs dominate JSON text: skip them eight bytes at a time.
    while (i < text.size()) {
        while (i + 8 <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, 8);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= text.size()) break;
        std::size_t bad = 0;
        const std::size_t n = utf8_sequence(text, i, &bad);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::string valid_utf8(std::string_view text) {
    if (find_invalid_utf8(text) == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t bad = 0;
        const std::size_t n = utf8_sequence(text, i, &bad);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            i += bad;
        } else {
            out.append(text, i, n);
            i += n;
        }
    }
    return out;
}

}  // namespace samkart::detail
