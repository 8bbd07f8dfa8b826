#pragma once
/// @file level.hpp
/// The four prevention levels of the Vestfold og Telemark partnership (seed 002 §1.1).

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace samkart {

/// Prevention level (*forebyggingsnivå*). The integer values 1–4 are part of the API.
enum class Level : std::uint8_t {
    UNIVERSAL = 1,  ///< for everyone, health-promoting (*universelt*)
    EARLY = 2,      ///< early help where someone feels concern (*tidlig innsats*)
    TARGETED = 3,   ///< risk groups, adapted measures (*målrettet*)
    INTENSIVE = 4,  ///< those already outside: intensified cross-agency effort (*intensivt*)
};

inline constexpr std::array<Level, 4> all_levels{Level::UNIVERSAL, Level::EARLY, Level::TARGETED,
                                                 Level::INTENSIVE};

/// 1..4 → Level; std::nullopt for anything else.
[[nodiscard]] std::optional<Level> level_from_int(long long value) noexcept;

/// "universal", "early", "targeted", "intensive": the name used in JSON and Python.
[[nodiscard]] std::string_view level_name(Level level) noexcept;
[[nodiscard]] std::optional<Level> parse_level_name(std::string_view name) noexcept;

/// The label for a reader in language `lang` ("nb", "da" or "en").
/// @throws ArgumentError for any other language.
[[nodiscard]] std::string_view level_label(Level level, std::string_view lang);

/// Crosswalk to the IOM (Institute of Medicine, Mrazek & Haggerty 1994) prevention spectrum:
/// "universal", "selective", "indicated", "treatment" (DOMAIN.md table).
[[nodiscard]] std::string_view iom_term(Level level) noexcept;

/// Crosswalk to the BTI model (*Bedre tverrfaglig innsats*, Helsedirektoratet), whose levels
/// are numbered 0–3: 0 universal work, 1 concern, 2 needs beyond the ordinary, 3 complex needs
/// with coordinated cross-disciplinary follow-up. samkart level n ↔ BTI level n − 1.
[[nodiscard]] int bti_level(Level level) noexcept;

/// The languages samkart writes labels and messages in.
inline constexpr std::array<std::string_view, 3> languages{"nb", "da", "en"};
/// @throws ArgumentError naming the supported languages if `lang` is not one of them.
void check_language(std::string_view lang);

}  // namespace samkart
