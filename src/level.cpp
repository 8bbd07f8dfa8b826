#include "samkart/core/level.hpp"

#include <string>

#include "samkart/core/errors.hpp"

namespace samkart {

namespace {
struct LevelText {
    std::string_view name, nb, da, en, iom;
};
// Labels follow seed 002 §1.1 (nb); da and en are translations of the same terms.
constexpr std::array<LevelText, 4> level_texts{{
    {"universal", "Universelt forebyggende", "Universel forebyggelse", "Universal prevention", "universal"},
    {"early", "Tidlig innsats", "Tidlig indsats", "Early intervention", "selective"},
    {"targeted", "Målrettet innsats", "Målrettet indsats", "Targeted intervention", "indicated"},
    {"intensive", "Intensiv innsats", "Intensiv indsats", "Intensive intervention", "treatment"},
}};
const LevelText& text(Level level) noexcept { return level_texts[static_cast<std::size_t>(level) - 1]; }
}  // namespace

std::optional<Level> level_from_int(long long value) noexcept {
    if (value < 1 || value > 4) return std::nullopt;
    return static_cast<Level>(value);
}

std::string_view level_name(Level level) noexcept { return text(level).name; }

std::optional<Level> parse_level_name(std::string_view name) noexcept {
    for (Level l : all_levels)
        if (text(l).name == name) return l;
    return std::nullopt;
}

void check_language(std::string_view lang) {
    for (auto l : languages)
        if (l == lang) return;
    throw ArgumentError("unknown language '" + std::string(lang) +
                "': samkart writes labels in 'nb' (Norwegian Bokmål), 'da' (Danish) and 'en' (English)");
}

std::string_view level_label(Level level, std::string_view lang) {
    check_language(lang);
    const auto& t = text(level);
    return lang == "nb" ? t.nb : lang == "da" ? t.da : t.en;
}

std::string_view iom_term(Level level) noexcept { return text(level).iom; }

int bti_level(Level level) noexcept { return static_cast<int>(level) - 1; }

}  // namespace samkart
