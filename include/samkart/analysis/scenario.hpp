#pragma once
/// @file scenario.hpp
/// Scenarios (*scenarioer*): what a change in services would do to the gaps, and what to do
/// first. A Scenario records changes to a landscape (change.hpp) without touching it;
/// `apply()` builds a new landscape from the changed records and validates it as a whole
/// (`Landscape::from_records`). `compare` (compare.hpp) says which gaps a change closes,
/// opens and changes; `prioritize` (prioritize.hpp) ranks candidate changes greedily by the
/// gap severity they remove per unit of cost. Python: `samkart.scenario`.

#include <span>
#include <string>
#include <vector>

#include "samkart/analysis/scenario/change.hpp"
#include "samkart/analysis/scenario/compare.hpp"
#include "samkart/analysis/scenario/prioritize.hpp"
#include "samkart/core/landscape.hpp"

namespace samkart {

/// Apply `changes`, in order, to the records of `land` and build the result with
/// `Landscape::from_records`. `land` is not changed.
///
/// Cost: O(records) to copy, O(records) per removal or link change, one from_records
/// (O(records) with hashing) at the end; on failure, one from_records per change to find
/// the first that makes the result invalid.
///
/// @param log if given, receives what was done beyond the changes themselves (links and
///        hand-overs removed with an actor, measures removed with their only provider,
///        coordinators and units that lost the actor).
/// @throws UnknownIdError a change names an actor or measure that is not there (any more);
///         the message names the change: "scenario change 2 (remove_actor: remove actor ot)".
/// @throws ArgumentError a remove_link or set_link finds no such link, a cost is negative or
///         not finite, a field cannot be set; the message names the change.
/// @throws ValidationError the result is invalid; the message names the first change that
///         makes it so, and `problems()` lists every problem of the result.
[[nodiscard]] Landscape apply_changes(const Landscape& land, std::span<const Change> changes,
                                      std::vector<std::string>* log = nullptr);

/// Changes to a landscape, recorded without touching it. Every recording method returns the
/// scenario, so changes chain. The landscape must outlive the scenario (it is held by
/// reference, as a view).
class Scenario {
public:
    explicit Scenario(const Landscape& land, std::string label = {});

    /// Record any change. @throws ArgumentError if its cost is negative or not finite.
    Scenario& add(Change change);
    Scenario& add_area(Area area, double cost = 0, std::string label = {});
    Scenario& add_actor(Actor actor, double cost = 0, std::string label = {});
    Scenario& add_measure(Measure measure, double cost = 0, std::string label = {});
    Scenario& add_link(Link link, double cost = 0, std::string label = {});
    Scenario& add_transition(Transition transition, double cost = 0, std::string label = {});
    Scenario& add_indicator(Indicator indicator, double cost = 0, std::string label = {});
    /// @throws UnknownIdError neither the landscape nor the scenario has the actor.
    Scenario& remove_actor(std::string actor, double cost = 0, std::string label = {});
    Scenario& remove_link(std::string source, std::string target,
                          std::optional<LinkKind> kind = {}, double cost = 0,
                          std::string label = {});
    /// @throws ArgumentError no field given, or one the link table does not have (or source,
    ///         target, kind).
    Scenario& set_link(std::string source, std::string target, LinkKind kind,
                       std::vector<FieldSetting> fields, double cost = 0, std::string label = {});
    /// @throws UnknownIdError neither the landscape nor the scenario has the measure (also
    ///         add_key and set_status).
    Scenario& set_capacity(std::string measure, std::optional<double> capacity, double cost = 0,
                           std::string label = {});
    Scenario& add_key(std::string measure, Key key, double cost = 0, std::string label = {});
    Scenario& set_status(std::string measure, MeasureStatus status, double cost = 0,
                         std::string label = {});

    [[nodiscard]] const Landscape& land() const noexcept { return *land_; }
    [[nodiscard]] const std::vector<Change>& changes() const noexcept { return changes_; }
    /// Compensated sum of the changes' costs.
    [[nodiscard]] double cost() const;
    /// The label given, else the changes' names joined by "; ", "(no change)" if none.
    [[nodiscard]] std::string label() const;
    /// The scenario as a prioritize candidate.
    [[nodiscard]] Candidate candidate() const;

    /// `apply_changes(land(), changes(), log)`.
    [[nodiscard]] Landscape apply(std::vector<std::string>* log = nullptr) const;
    /// The changes applied to another landscape. @throws as apply_changes.
    [[nodiscard]] Landscape apply_to(const Landscape& land,
                                     std::vector<std::string>* log = nullptr) const;

private:
    [[nodiscard]] bool known_actor(const std::string& id) const;
    [[nodiscard]] bool known_measure(const std::string& id) const;

    const Landscape* land_;
    std::string label_;
    std::vector<Change> changes_;
};

}  // namespace samkart
