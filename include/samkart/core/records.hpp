#pragma once
/// @file records.hpp
/// The value types of the model: plain structs with public fields. Their invariants are
/// checked by the Landscape that owns them (see landscape.hpp), never by the structs.

#include <optional>
#include <string>
#include <vector>

#include "samkart/core/age_range.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {

/// Number of people of some ages living in an area (e.g. 16–25: 52,000).
struct PopulationBand {
    AgeRange ages;
    double count = 0;
    friend bool operator==(const PopulationBand&, const PopulationBand&) = default;
};

/// An administrative area: country, county, municipality or district.
struct Area {
    std::string id;                     ///< e.g. "3807" (municipality number) or "40"
    std::string name;                   ///< e.g. "Skien"
    AreaKind kind = AreaKind::MUNICIPALITY;
    std::optional<std::string> parent;  ///< id of the enclosing area, if any
    std::vector<PopulationBand> population;  ///< optional, by age band
    MappingStatus mapping = MappingStatus::COMPLETE;  ///< how much of the area was mapped
    std::vector<std::string> mapped;    ///< with PARTIAL: the sectors or owners that were mapped
    bool illustrative = false;          ///< true: plausible, not taken from a source
    std::optional<std::string> citation;  ///< where the record comes from, e.g. "001"
    friend bool operator==(const Area&, const Area&) = default;
};

/// A service actor (*aktør*): an office, school, service or organisation.
struct Actor {
    std::string id;                 ///< e.g. "ot-skien"
    std::string name;               ///< e.g. "Oppfølgingstjenesten Skien"
    std::string sector;             ///< recommended: recommended_sectors()
    Owner owner = Owner::MUNICIPAL;
    std::vector<std::string> areas;  ///< ids of the areas served
    std::optional<AgeRange> ages;    ///< ages served; none = not restricted
    std::optional<std::string> part_of;  ///< the actor this is a unit of (OT Skien → OT VT)
    bool illustrative = false;
    std::optional<std::string> citation;
    friend bool operator==(const Actor&, const Actor&) = default;
};

/// A measure (*tiltak*) provided by one or more actors at one prevention level.
struct Measure {
    std::string id;
    std::string name;
    Level level = Level::UNIVERSAL;
    std::vector<std::string> providers;  ///< ≥ 1 actor ids
    std::vector<std::string> areas;      ///< empty = the providers' areas
    std::optional<AgeRange> ages;        ///< none = the providers' ages
    std::vector<std::string> targets;    ///< target groups, recommended_targets()
    std::optional<double> capacity;      ///< places per year
    std::optional<double> participants;  ///< young people (per year unless `participants_kind`)
    CountKind participants_kind = CountKind::FLOW;  ///< per year (flow) or on one day (stock)
    std::optional<std::string> participants_of;  ///< a measure whose participants include these
    std::optional<double> cost;          ///< per year, in the landscape's currency
    std::vector<Key> keys;
    std::vector<Tee> tees;
    MeasureStatus status = MeasureStatus::ACTIVE;  ///< only active and pilot measures cover
    std::optional<std::string> since;    ///< ISO date YYYY-MM-DD the measure started
    std::optional<std::string> until;    ///< ISO date YYYY-MM-DD it ended (or ends)
    bool illustrative = false;
    std::optional<std::string> citation;
    friend bool operator==(const Measure&, const Measure&) = default;
};

/// Collaboration between two actors. `REFERRAL` runs source → target; other kinds are
/// symmetric and the order of source and target carries no meaning.
struct Link {
    std::string source;
    std::string target;
    LinkKind kind = LinkKind::NETWORK;
    bool formal = false;                    ///< a binding, written agreement
    std::optional<std::string> coordinator; ///< who holds the baton (*stafettholder*)
    bool consent = false;                   ///< information flows with the young person's consent
    std::optional<std::string> legal_basis; ///< e.g. "opplæringslova § 3-6"
    std::optional<Intensity> intensity;     ///< PARTNER scale
    std::optional<double> trust;            ///< survey score 0–4
    std::optional<double> value;            ///< survey score 0–4
    std::optional<std::string> since;       ///< ISO date YYYY-MM-DD
    std::optional<std::string> until;       ///< ISO date YYYY-MM-DD
    bool illustrative = false;
    std::optional<std::string> citation;
    friend bool operator==(const Link&, const Link&) = default;
};

/// A hand-over of young people from one actor to another (*overgang*).
struct Transition {
    std::string source;
    std::string target;
    std::optional<double> volume;  ///< young people per year
    std::optional<std::string> reason;  ///< e.g. "dropout", "age_limit"
    std::optional<AgeRange> ages;
    bool illustrative = false;
    std::optional<std::string> citation;
    friend bool operator==(const Transition&, const Transition&) = default;
};

/// A figure about an area, e.g. `neet_count_16_25` = 4200 in 2019 (seed 001).
struct Indicator {
    std::string area;
    std::string key;
    double value = 0;
    std::optional<Comparator> comparator;  ///< the true figure is more / less than `value`; none = it is `value`
    std::optional<int> year;
    std::optional<std::string> source;  ///< citation, e.g. "002 §5"
    std::optional<CountKind> count;     ///< a count of people: per year or on one day; none = not a count
    std::optional<std::string> subset_of;  ///< key of an indicator of the same area that includes it
    bool illustrative = false;
    friend bool operator==(const Indicator&, const Indicator&) = default;
};

}  // namespace samkart
