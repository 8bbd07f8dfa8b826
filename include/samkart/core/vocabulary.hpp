#pragma once
/// @file vocabulary.hpp
/// The closed vocabularies of the model (enums with their JSON/Python names) and the
/// recommended open vocabularies for sectors and target groups, with nb/da/en labels.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace samkart {

/// Kind of administrative area.
enum class AreaKind : std::uint8_t { COUNTRY, COUNTY, MUNICIPALITY, DISTRICT };

/// Who owns (runs and funds) an actor. `SELF_GOVERNING`: a self-governing institution
/// (Danish *selvejende institution*), such as an FGU institution, a vocational school or a
/// gymnasium: state-funded, run by its own board, neither municipal nor state (seed 003).
/// Last, so that the numbers of the others stay as they were.
enum class Owner : std::uint8_t { MUNICIPAL, COUNTY, STATE, PRIVATE, VOLUNTARY, SELF_GOVERNING };

/// Form of collaboration between two actors. `REFERRAL` is directed, the rest symmetric.
enum class LinkKind : std::uint8_t {
    AGREEMENT,            ///< a written (or oral) collaboration agreement (*samarbeidsavtale*)
    REFERRAL,             ///< source refers young people to target (*henvisning*)
    SHARED_PLAN,          ///< one shared plan per young person (*én felles plan*)
    INFORMATION_SHARING,  ///< information is exchanged (*informasjonsutveksling*)
    CO_LOCATION,          ///< the actors work in the same place (*samlokalisering*)
    JOINT_MEASURE,        ///< the actors run a measure together
    NETWORK,              ///< they meet in a network or forum
};

/// Depth of collaboration on the PARTNER scale (Varda et al.), weakest first.
enum class Intensity : std::uint8_t { AWARENESS, COOPERATION, COORDINATION, INTEGRATION };

/// The three keys of inclusion work (seed 002 §3): *samhandling*, *medvirkning*, *innovasjon*.
enum class Key : std::uint8_t { COLLABORATION, PARTICIPATION, INNOVATION };

/// The four T's of what works (seed 002 §2): *tidlig innsats*, *tett oppfølging*,
/// *tilpasning av tiltakene*, *tverrgående samarbeid*.
enum class Tee : std::uint8_t { EARLY, CLOSE_FOLLOW_UP, TAILORED, CROSS_SECTOR };

/// How much of an area's services were mapped: an absence is only a gap where it was mapped.
enum class MappingStatus : std::uint8_t {
    COMPLETE,  ///< every sector and owner was mapped (the default)
    PARTIAL,   ///< only the sectors or owners listed in `Area::mapped`
    NONE,      ///< the area is in the landscape, its services were not mapped
};

/// Whether a measure is in place (*i drift*), tried out, proposed or ended.
enum class MeasureStatus : std::uint8_t { ACTIVE, PILOT, PROPOSED, ENDED };

/// What a count of people is: a yearly flow (people during a year) or a stock (people on one
/// day). A flow and a stock are never added together.
enum class CountKind : std::uint8_t { FLOW, STOCK };

/// How a figure's true value relates to the value given, where a source gives only a bound
/// ("more than 2,100", 002 §5): FHIR's Quantity.comparator (>, >=, <, <=) in words. Absent:
/// the value is the figure.
enum class Comparator : std::uint8_t { MORE_THAN, AT_LEAST, LESS_THAN, AT_MOST };

/// A term of a vocabulary: its machine name and its labels for readers.
struct Term {
    std::string_view name;
    std::string_view nb;
    std::string_view da;
    std::string_view en;
    /// The label in `lang` ("nb", "da", "en"). @throws ArgumentError for other languages.
    [[nodiscard]] std::string_view label(std::string_view lang) const;
};

/// Terms of each closed vocabulary, in enum order (so `terms<Owner>()[int(o)]`).
template <class E>
[[nodiscard]] std::span<const Term> terms() noexcept;
template <> std::span<const Term> terms<AreaKind>() noexcept;
template <> std::span<const Term> terms<Owner>() noexcept;
template <> std::span<const Term> terms<LinkKind>() noexcept;
template <> std::span<const Term> terms<Intensity>() noexcept;
template <> std::span<const Term> terms<Key>() noexcept;
template <> std::span<const Term> terms<Tee>() noexcept;
template <> std::span<const Term> terms<MappingStatus>() noexcept;
template <> std::span<const Term> terms<MeasureStatus>() noexcept;
template <> std::span<const Term> terms<CountKind>() noexcept;
template <> std::span<const Term> terms<Comparator>() noexcept;

/// The name of an enum value as used in JSON and Python ("municipal", "shared_plan", ...).
template <class E>
[[nodiscard]] std::string_view to_string(E value) noexcept {
    return terms<E>()[static_cast<std::size_t>(value)].name;
}

/// Parse a name; std::nullopt if it is not one of `terms<E>()`.
template <class E>
[[nodiscard]] std::optional<E> parse(std::string_view name) noexcept {
    const auto t = terms<E>();
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t[i].name == name) return static_cast<E>(i);
    return std::nullopt;
}

/// "a|b|c": the accepted names, for error messages.
template <class E>
[[nodiscard]] std::string accepted_names();

/// Recommended sectors (open vocabulary: other strings are allowed and reported as a
/// warning by Landscape::validate()).
[[nodiscard]] std::span<const Term> recommended_sectors() noexcept;
/// Recommended target groups (open vocabulary, as for sectors). "all" means everyone.
[[nodiscard]] std::span<const Term> recommended_targets() noexcept;
/// The term with this name in a vocabulary, or nullptr.
[[nodiscard]] const Term* find_term(std::span<const Term> vocabulary, std::string_view name) noexcept;

/// A link kind is directed (only `REFERRAL`).
[[nodiscard]] constexpr bool is_directed(LinkKind kind) noexcept { return kind == LinkKind::REFERRAL; }

}  // namespace samkart

#include <string>
namespace samkart {
template <class E>
std::string accepted_names() {
    std::string out;
    for (const auto& t : terms<E>()) {
        if (!out.empty()) out += '|';
        out += t.name;
    }
    return out;
}
}  // namespace samkart
