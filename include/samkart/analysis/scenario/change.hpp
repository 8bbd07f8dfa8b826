#pragma once
/// @file change.hpp
/// One change of a scenario: a record added, an actor or link removed, a link's fields, a
/// measure's capacity, keys or status set. Changes are plain values; `apply_changes`
/// (scenario.hpp) applies them to the records of a landscape.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "samkart/core/records.hpp"

namespace samkart {

/// A value for one field of a record, as `SetLink` gives it. `std::monostate` (Python None)
/// resets the field to its default: false for a flag, absent for an optional field, empty for
/// a list. Enum fields take their name ("coordination"), a level 1–4 or its name, numbers and
/// years a double, references, text and dates a string, lists a vector of strings (enum lists
/// by name), ages an AgeRange.
using FieldValue =
    std::variant<std::monostate, bool, double, std::string, std::vector<std::string>, AgeRange>;

/// One field set to one value; the field is named as in the field table (schema.hpp).
struct FieldSetting {
    std::string field;
    FieldValue value;
    friend bool operator==(const FieldSetting&, const FieldSetting&) = default;
};

/// Any record of a landscape (what `AddRecord` adds).
using AnyRecord = std::variant<Area, Actor, Measure, Link, Transition, Indicator>;

/// Add one record to its collection (checked with the whole result).
struct AddRecord {
    AnyRecord record;
    friend bool operator==(const AddRecord&, const AddRecord&) = default;
};
/// Remove an actor with everything that hangs on it: its links and hand-overs (either end),
/// its place among providers (a measure it alone provides goes too, and so does any
/// `participants_of` naming that measure), as coordinator of other links, and as the
/// `part_of` of its units.
struct RemoveActor {
    std::string actor;
    friend bool operator==(const RemoveActor&, const RemoveActor&) = default;
};
/// Remove the links source → target (this direction), of `kind` or of any kind.
struct RemoveLink {
    std::string source;
    std::string target;
    std::optional<LinkKind> kind;
    friend bool operator==(const RemoveLink&, const RemoveLink&) = default;
};
/// Set fields of the links source → target of `kind` (any field of the link table except
/// source, target and kind, which identify it).
struct SetLink {
    std::string source;
    std::string target;
    LinkKind kind = LinkKind::NETWORK;
    std::vector<FieldSetting> fields;
    friend bool operator==(const SetLink&, const SetLink&) = default;
};
/// Set a measure's capacity (places a year); none removes it.
struct SetCapacity {
    std::string measure;
    std::optional<double> capacity;
    friend bool operator==(const SetCapacity&, const SetCapacity&) = default;
};
/// Give a measure a key (nothing if it has it already).
struct AddKey {
    std::string measure;
    Key key = Key::COLLABORATION;
    friend bool operator==(const AddKey&, const AddKey&) = default;
};
/// Set a measure's status, e.g. proposed → active.
struct SetStatus {
    std::string measure;
    MeasureStatus status = MeasureStatus::ACTIVE;
    friend bool operator==(const SetStatus&, const SetStatus&) = default;
};

/// One recorded change: what it does, what it costs and what it is called.
struct Change {
    using Action = std::variant<AddRecord, RemoveActor, RemoveLink, SetLink, SetCapacity, AddKey,
                                SetStatus>;
    Action action;
    double cost = 0;    ///< per year, in the landscape's currency; finite and ≥ 0
    std::string label;  ///< "" = made from the action (default_label)

    /// "add_area" … "add_indicator", "remove_actor", "remove_link", "set_link",
    /// "set_capacity", "add_key", "set_status" (the Python `Change.kind`).
    [[nodiscard]] std::string_view kind() const noexcept;
    /// `label`, or when empty the default label, e.g. "add link cw → nav (agreement)".
    [[nodiscard]] std::string name() const;
    friend bool operator==(const Change&, const Change&) = default;
};

/// The label made from an action, as the Python layer makes it ("remove actor ot").
[[nodiscard]] std::string default_label(const Change::Action& action);

/// Set `field` of `record` to `value`, through the field table (schema.hpp); `Record` is any
/// record type (Area … Indicator). Population bands cannot be set this way.
/// @throws ArgumentError naming the record type, the field and what it accepts: an unknown
///         field, or a value of the wrong type or outside the field's vocabulary. Nothing is
///         changed then.
template <class Record>
void set_field(Record& record, std::string_view field, const FieldValue& value);

}  // namespace samkart
