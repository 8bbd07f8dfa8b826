#pragma once
// The one edit distance and "did you mean" of the library (the JSON reader, the columnar
// conversion and the model's checks suggest what the user probably meant with it). Python has
// its own twin in samkart/_util.py with the same rule.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace samkart::detail {

/// Levenshtein distance; `fold_case` compares ASCII letters without case (names of fields and
/// vocabularies), otherwise exactly (ids are case-sensitive).
[[nodiscard]] inline std::size_t edit_distance(std::string_view a, std::string_view b,
                                               bool fold_case = true) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    const auto fold = [fold_case](char c) {
        return fold_case ? std::tolower(static_cast<unsigned char>(c)) : static_cast<unsigned char>(c);
    };
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = fold(a[i - 1]) == fold(b[j - 1]);
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// "; did you mean 'providers'?" when one candidate is close to `given`, else "". Close: an
/// edit distance of at most max(2, |given| / 3), or `given` (3 letters or more) a prefix of it:
/// "intens" is as good a guess at "intensity" as a typo.
template <class Range>
[[nodiscard]] std::string did_you_mean(std::string_view given, const Range& candidates) {
    const std::size_t limit = std::max<std::size_t>(2, given.size() / 3);
    std::size_t best = limit + 1;
    std::string_view guess;
    for (std::string_view c : candidates) {
        const std::size_t d = edit_distance(given, c);
        const std::size_t score = given.size() >= 3 && c.starts_with(given) ? 1 : d;
        if (score < best) {
            best = score;
            guess = c;
        }
    }
    return guess.empty() ? std::string() : "; did you mean '" + std::string(guess) + "'?";
}

}  // namespace samkart::detail
