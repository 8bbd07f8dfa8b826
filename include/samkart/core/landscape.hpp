#pragma once
/// @file landscape.hpp
/// The Landscape aggregate: every area, actor, measure, link, transition and indicator of a
/// mapping, with ids resolved to dense indices. A Landscape is valid at all times: each
/// `add_*` checks its record (fields and references) and either adds it whole or throws
/// ValidationError and leaves the landscape unchanged. `from_records` checks a whole mapping
/// at once, in any order, and reports every problem in one ValidationError.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "samkart/core/errors.hpp"
#include "samkart/core/records.hpp"

namespace samkart {

/// A whole mapping as plain data, in input order. What JSON, DataFrames and spreadsheets
/// are read into before a Landscape is built from it.
struct LandscapeRecords {
    std::string name;
    std::optional<int> year;
    std::string currency = "NOK";
    std::vector<Area> areas;
    std::vector<Actor> actors;
    std::vector<Measure> measures;
    std::vector<Link> links;
    std::vector<Transition> transitions;
    std::vector<Indicator> indicators;
    friend bool operator==(const LandscapeRecords&, const LandscapeRecords&) = default;
};

/// Dense index of a record in its collection.
using Index = std::uint32_t;
/// "No index" (an area without parent, a link without coordinator).
inline constexpr Index npos = static_cast<Index>(-1);

/// The resolved ends of a link or transition.
struct Ends {
    Index source = npos;
    Index target = npos;
    Index coordinator = npos;  ///< links only; npos when none
};

class Landscape {
public:
    Landscape() = default;
    explicit Landscape(std::string name, std::optional<int> year = std::nullopt,
                       std::string currency = "NOK");

    /// Build from a whole mapping, records in any order (an area may name a parent that comes
    /// later). @throws ValidationError listing every problem of every record.
    [[nodiscard]] static Landscape from_records(LandscapeRecords records);
    /// The mapping as plain data, in the order records were added.
    [[nodiscard]] const LandscapeRecords& records() const noexcept { return data_; }

    [[nodiscard]] const std::string& name() const noexcept { return data_.name; }
    [[nodiscard]] std::optional<int> year() const noexcept { return data_.year; }
    [[nodiscard]] const std::string& currency() const noexcept { return data_.currency; }
    void set_name(std::string name) { data_.name = std::move(name); }

    /// Add one record. Every reference must name a record already in the landscape.
    /// @return the new record's index.
    /// @throws ValidationError listing every problem of the record; the landscape is unchanged.
    Index add_area(Area area);
    Index add_actor(Actor actor);
    Index add_measure(Measure measure);
    Index add_link(Link link);
    Index add_transition(Transition transition);
    Index add_indicator(Indicator indicator);

    [[nodiscard]] std::span<const Area> areas() const noexcept { return data_.areas; }
    [[nodiscard]] std::span<const Actor> actors() const noexcept { return data_.actors; }
    [[nodiscard]] std::span<const Measure> measures() const noexcept { return data_.measures; }
    [[nodiscard]] std::span<const Link> links() const noexcept { return data_.links; }
    [[nodiscard]] std::span<const Transition> transitions() const noexcept { return data_.transitions; }
    [[nodiscard]] std::span<const Indicator> indicators() const noexcept { return data_.indicators; }
    [[nodiscard]] bool empty() const noexcept;

    /// Look up by id. @throws UnknownIdError naming the collection and id.
    [[nodiscard]] const Area& area(std::string_view id) const;
    [[nodiscard]] const Actor& actor(std::string_view id) const;
    [[nodiscard]] const Measure& measure(std::string_view id) const;
    /// Index of an id, or std::nullopt.
    [[nodiscard]] std::optional<Index> find_area(std::string_view id) const noexcept;
    [[nodiscard]] std::optional<Index> find_actor(std::string_view id) const noexcept;
    [[nodiscard]] std::optional<Index> find_measure(std::string_view id) const noexcept;
    /// Index of an id. @throws UnknownIdError.
    [[nodiscard]] Index area_index(std::string_view id) const;
    [[nodiscard]] Index actor_index(std::string_view id) const;
    [[nodiscard]] Index measure_index(std::string_view id) const;

    // --- Resolved structure, for analyses (dense indices, no string look-ups) ---
    [[nodiscard]] Index area_parent(Index area) const { return area_parent_[area]; }
    [[nodiscard]] std::span<const Index> area_children(Index area) const { return area_children_[area]; }
    /// `area` and every area below it, `area` first.
    [[nodiscard]] std::vector<Index> area_subtree(Index area) const;
    [[nodiscard]] std::span<const Index> actor_areas(Index actor) const { return actor_areas_[actor]; }
    /// The actor this one is a unit of (`part_of`), or npos.
    [[nodiscard]] Index actor_parent(Index actor) const { return actor_parent_[actor]; }
    /// The top of the actor's `part_of` chain (the actor itself when it is part of none).
    [[nodiscard]] Index actor_root(Index actor) const;
    /// The measure whose participants include this one's (`participants_of`), or npos.
    [[nodiscard]] Index measure_whole(Index m) const { return measure_whole_[m]; }
    /// The measure is in place (status active or pilot): only such measures count as coverage;
    /// proposed and ended ones are what scenarios are made of.
    [[nodiscard]] bool measure_in_place(Index m) const;
    [[nodiscard]] std::span<const Index> measure_providers(Index m) const { return measure_providers_[m]; }
    /// The measure's own areas, or, when it names none, the union of its providers' areas.
    [[nodiscard]] std::span<const Index> measure_areas(Index m) const { return measure_areas_[m]; }
    /// The actor's ages, or 0–120 when it names none.
    [[nodiscard]] AgeRange actor_ages(Index actor) const;
    /// The measure's own ages, or the hull of its providers' ages.
    [[nodiscard]] AgeRange measure_ages(Index m) const;
    [[nodiscard]] Ends link_ends(Index link) const { return link_ends_[link]; }
    [[nodiscard]] Ends transition_ends(Index t) const { return transition_ends_[t]; }
    [[nodiscard]] Index indicator_area(Index i) const { return indicator_area_[i]; }

    /// Soft problems that do not stop a landscape from being built (severity WARNING): a
    /// measure's ages outside all its providers' ages, a link coordinator that is not one of
    /// its two actors, a sector or target outside the recommended vocabulary, an actor that
    /// serves no area, the same link given twice, an area under an area of a smaller kind.
    [[nodiscard]] std::vector<Problem> validate() const;

    friend bool operator==(const Landscape& a, const Landscape& b) { return a.data_ == b.data_; }

private:
    using IdMap = std::unordered_map<std::string, Index>;
    void resolve_area(Index a);
    void resolve_actor(Index a);
    void resolve_measure(Index m);
    void resolve_link(Index l);
    void resolve_transition(Index t);
    void resolve_indicator(Index i);

    LandscapeRecords data_;
    IdMap area_ids_, actor_ids_, measure_ids_;
    std::vector<Index> area_parent_;
    std::vector<std::vector<Index>> area_children_;
    std::vector<std::vector<Index>> actor_areas_;
    std::vector<Index> actor_parent_;
    std::vector<Index> measure_whole_;
    std::vector<std::vector<Index>> measure_providers_;
    std::vector<std::vector<Index>> measure_areas_;
    std::vector<Ends> link_ends_;
    std::vector<Ends> transition_ends_;
    std::vector<Index> indicator_area_;
};

}  // namespace samkart
