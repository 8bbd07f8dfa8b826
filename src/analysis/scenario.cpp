// Scenarios: changes applied to the records of a landscape, then one from_records for the
// whole result; on failure the first change that makes it invalid is found and named.
#include "samkart/analysis/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "samkart/core/schema.hpp"
#include "scenario_detail.hpp"

namespace samkart {

namespace {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
// Aggregate deduction needs no guide in C++20, but clang 14 (the fuzz build) still wants one.
template <class... F>
overloaded(F...) -> overloaded<F...>;

std::string python_repr(const FieldValue& value) {
    return std::visit(overloaded{
        [](std::monostate) -> std::string { return "None"; },
        [](bool b) -> std::string { return b ? "True" : "False"; },
        [](double d) -> std::string {
            if (std::trunc(d) == d && std::abs(d) < 1e16) return detail::format_number("%.1f", d);
            return detail::format_number("%.17g", d);
        },
        [](const std::string& s) -> std::string { return "'" + s + "'"; },
        [](const std::vector<std::string>& list) -> std::string {
            std::string out = "[";
            for (const auto& s : list) {
                if (out.size() > 1) out += ", ";
                out += "'";
                out += s;
                out += "'";
            }
            return out + "]";
        },
        [](const AgeRange& a) -> std::string {
            return "(" + std::to_string(a.min) + ", " + std::to_string(a.max) + ")";
        }}, value);
}

std::string arrow(const std::string& source, const std::string& target) { return source + " → " + target; }

void check_cost(double cost, const std::string& where) {
    if (!std::isfinite(cost) || cost < 0)
        throw ArgumentError(where + ": cost must be a finite number ≥ 0, got " +
                            detail::format_number("%g", cost));
}

std::string describe(std::size_t index, const Change& change) {
    return "scenario change " + std::to_string(index) + " (" + std::string(change.kind()) + ": " +
           change.name() + ")";
}

/// Applies one change to the records, in place.
class Editor {
public:
    Editor(LandscapeRecords& records, std::vector<std::string>* log) : r_(records), log_(log) {}

    void apply(const Change& change, const std::string& where) {
        where_ = &where;
        std::visit([this](const auto& action) { (*this)(action); }, change.action);
    }

    void operator()(const AddRecord& add) {
        std::visit(overloaded{
            [this](const Area& x) { r_.areas.push_back(x); },
            [this](const Actor& x) { r_.actors.push_back(x); },
            [this](const Measure& x) { r_.measures.push_back(x); },
            [this](const Link& x) { r_.links.push_back(x); },
            [this](const Transition& x) { r_.transitions.push_back(x); },
            [this](const Indicator& x) { r_.indicators.push_back(x); }}, add.record);
    }

    void operator()(const RemoveActor& remove) {
        const auto& id = remove.actor;
        const auto it = std::find_if(r_.actors.begin(), r_.actors.end(), [&](const Actor& a) { return a.id == id; });
        if (it == r_.actors.end())
            throw detail::NamedUnknownIdError(*where_ + ": unknown actor '" + id + "'", "actor", id);
        r_.actors.erase(it);
        const auto links = std::erase_if(r_.links, [&](const Link& l) { return l.source == id || l.target == id; });
        if (links > 0) note("removed " + std::to_string(links) + " link(s) of '" + id + "'");
        for (auto& link : r_.links)
            if (link.coordinator == id) {
                link.coordinator.reset();
                note("link " + arrow(link.source, link.target) + " (" + std::string(to_string(link.kind)) +
                     ") lost its coordinator '" + id + "'");
            }
        const auto handovers =
            std::erase_if(r_.transitions, [&](const Transition& t) { return t.source == id || t.target == id; });
        if (handovers > 0) note("removed " + std::to_string(handovers) + " hand-over(s) of '" + id + "'");
        std::vector<std::string> gone;
        std::erase_if(r_.measures, [&](Measure& m) {
            if (std::erase(m.providers, id) == 0 || !m.providers.empty()) return false;
            note("measure '" + m.id + "' (" + m.name + ") removed: '" + id + "' was its only provider");
            gone.push_back(m.id);
            return true;
        });
        for (auto& m : r_.measures)
            if (m.participants_of && std::find(gone.begin(), gone.end(), *m.participants_of) != gone.end()) {
                note("measure '" + m.id + "' no longer counts its participants among '" + *m.participants_of +
                     "', which was removed");
                m.participants_of.reset();
            }
        for (auto& actor : r_.actors)
            if (actor.part_of == id) {
                note("actor '" + actor.id + "' is no longer part of '" + id + "'");
                actor.part_of.reset();
            }
    }

    void operator()(const RemoveLink& remove) {
        find_links(remove.source, remove.target, remove.kind);
        std::erase_if(r_.links, [&](const Link& l) { return matches(l, remove.source, remove.target, remove.kind); });
    }

    void operator()(const SetLink& set) {
        for (auto* link : find_links(set.source, set.target, set.kind))
            for (const auto& f : set.fields) {
                check_link_field(f.field);
                try {
                    set_field(*link, f.field, f.value);
                } catch (const ArgumentError&) {
                    detail::rethrow_named(*where_);
                }
            }
    }

    void operator()(const SetCapacity& set) { measure(set.measure).capacity = set.capacity; }

    void operator()(const AddKey& add) {
        auto& keys = measure(add.measure).keys;
        if (std::find(keys.begin(), keys.end(), add.key) == keys.end()) keys.push_back(add.key);
    }

    void operator()(const SetStatus& set) { measure(set.measure).status = set.status; }

private:
    void note(std::string text) {
        if (log_) log_->push_back(*where_ + ": " + std::move(text));
    }

    static bool matches(const Link& l, const std::string& source, const std::string& target,
                        std::optional<LinkKind> kind) {
        return l.source == source && l.target == target && (!kind || l.kind == *kind);
    }

    std::vector<Link*> find_links(const std::string& source, const std::string& target,
                                  std::optional<LinkKind> kind) {
        std::vector<Link*> hits;
        for (auto& l : r_.links)
            if (matches(l, source, target, kind)) hits.push_back(&l);
        if (!hits.empty()) return hits;
        const bool reverse = std::any_of(r_.links.begin(), r_.links.end(), [&](const Link& l) {
            return l.source == target && l.target == source;
        });
        throw ArgumentError(*where_ + ": no link " + arrow(source, target) +
                            (kind ? " of kind " + std::string(to_string(*kind)) : std::string()) +
                            (reverse ? " (there is one in the other direction)" : ""));
    }

    Measure& measure(const std::string& id) {
        for (auto& m : r_.measures)
            if (m.id == id) return m;
        throw detail::NamedUnknownIdError(*where_ + ": unknown measure '" + id + "'", "measure", id);
    }

    void check_link_field(const std::string& field) const {
        if (field == "source" || field == "target" || field == "kind")
            throw ArgumentError(*where_ + ": set_link cannot change '" + field +
                                "', which identifies the link; remove it and add another");
    }

    LandscapeRecords& r_;
    std::vector<std::string>* log_;
    const std::string* where_ = nullptr;
};

}  // namespace

// --- Change ---------------------------------------------------------------------------------

std::string_view Change::kind() const noexcept {
    return std::visit(overloaded{
        [](const AddRecord& a) -> std::string_view {
            return std::visit(overloaded{
                [](const Area&) { return std::string_view("add_area"); },
                [](const Actor&) { return std::string_view("add_actor"); },
                [](const Measure&) { return std::string_view("add_measure"); },
                [](const Link&) { return std::string_view("add_link"); },
                [](const Transition&) { return std::string_view("add_transition"); },
                [](const Indicator&) { return std::string_view("add_indicator"); }}, a.record);
        },
        [](const RemoveActor&) -> std::string_view { return "remove_actor"; },
        [](const RemoveLink&) -> std::string_view { return "remove_link"; },
        [](const SetLink&) -> std::string_view { return "set_link"; },
        [](const SetCapacity&) -> std::string_view { return "set_capacity"; },
        [](const AddKey&) -> std::string_view { return "add_key"; },
        [](const SetStatus&) -> std::string_view { return "set_status"; }}, action);
}

std::string Change::name() const { return label.empty() ? default_label(action) : label; }

std::string default_label(const Change::Action& action) {
    auto link_words = [](const char* what, const std::string& s, const std::string& t,
                         std::optional<LinkKind> kind) {
        return std::string(what) + " " + arrow(s, t) +
               (kind ? " (" + std::string(to_string(*kind)) + ")" : std::string());
    };
    return std::visit(overloaded{
        [&](const AddRecord& a) {
            return std::visit(overloaded{
                [](const Area& x) { return "add area " + x.id + " (" + x.name + ")"; },
                [](const Actor& x) { return "add actor " + x.id + " (" + x.name + ")"; },
                [](const Measure& x) {
                    return "add measure " + x.id + " (" + x.name + ", level " +
                           std::to_string(static_cast<int>(x.level)) + ")";
                },
                [&](const Link& x) { return link_words("add link", x.source, x.target, x.kind); },
                [](const Transition& x) { return "add transition " + arrow(x.source, x.target); },
                [](const Indicator& x) { return "add indicator " + x.key + " in " + x.area; }}, a.record);
        },
        [](const RemoveActor& x) { return "remove actor " + x.actor; },
        [&](const RemoveLink& x) { return link_words("remove link", x.source, x.target, x.kind); },
        [&](const SetLink& x) {
            std::string out = link_words("set link", x.source, x.target, x.kind) + ": ";
            for (std::size_t i = 0; i < x.fields.size(); ++i)
                {
                if (i) out += ", ";
                out += x.fields[i].field;
                out += "=";
                out += python_repr(x.fields[i].value);
            }
            return out;
        },
        [](const SetCapacity& x) {
            return "set capacity of " + x.measure + " to " +
                   (x.capacity ? python_repr(*x.capacity) : std::string("None"));
        },
        [](const AddKey& x) { return "add key " + std::string(to_string(x.key)) + " to " + x.measure; },
        [](const SetStatus& x) {
            return "set status of " + x.measure + " to " + std::string(to_string(x.status));
        }}, action);
}

// --- apply_changes ----------------------------------------------------------------------------

Landscape apply_changes(const Landscape& land, std::span<const Change> changes, std::vector<std::string>* log) {
    LandscapeRecords records = land.records();
    std::vector<std::string> notes;
    Editor editor(records, log ? &notes : nullptr);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto where = describe(i + 1, changes[i]);
        check_cost(changes[i].cost, where);
        editor.apply(changes[i], where);
    }
    try {
        auto result = Landscape::from_records(std::move(records));
        if (log) *log = std::move(notes);
        return result;
    } catch (const ValidationError& whole) {
        // Error path only: the first prefix of the changes that no longer builds.
        LandscapeRecords prefix = land.records();
        Editor again(prefix, nullptr);
        for (std::size_t i = 0; i < changes.size(); ++i) {
            const auto where = describe(i + 1, changes[i]);
            again.apply(changes[i], where);
            try {
                (void)Landscape::from_records(prefix);
            } catch (const ValidationError&) {
                throw detail::NamedValidationError(where, whole);
            }
        }
        throw detail::NamedValidationError("the scenario", whole);  // land itself was invalid
    }
}

// --- Scenario ---------------------------------------------------------------------------------

Scenario::Scenario(const Landscape& land, std::string label) : land_(&land), label_(std::move(label)) {}

Scenario& Scenario::add(Change change) {
    check_cost(change.cost, std::string(change.kind()));
    changes_.push_back(std::move(change));
    return *this;
}

Scenario& Scenario::add_area(Area area, double cost, std::string label) {
    return add({AddRecord{std::move(area)}, cost, std::move(label)});
}
Scenario& Scenario::add_actor(Actor actor, double cost, std::string label) {
    return add({AddRecord{std::move(actor)}, cost, std::move(label)});
}
Scenario& Scenario::add_measure(Measure measure, double cost, std::string label) {
    return add({AddRecord{std::move(measure)}, cost, std::move(label)});
}
Scenario& Scenario::add_link(Link link, double cost, std::string label) {
    return add({AddRecord{std::move(link)}, cost, std::move(label)});
}
Scenario& Scenario::add_transition(Transition transition, double cost, std::string label) {
    return add({AddRecord{std::move(transition)}, cost, std::move(label)});
}
Scenario& Scenario::add_indicator(Indicator indicator, double cost, std::string label) {
    return add({AddRecord{std::move(indicator)}, cost, std::move(label)});
}

Scenario& Scenario::remove_actor(std::string actor, double cost, std::string label) {
    if (!known_actor(actor))
        throw detail::NamedUnknownIdError("remove_actor: unknown actor '" + actor + "'", "actor", actor);
    return add({RemoveActor{std::move(actor)}, cost, std::move(label)});
}

Scenario& Scenario::remove_link(std::string source, std::string target, std::optional<LinkKind> kind,
                                double cost, std::string label) {
    return add({RemoveLink{std::move(source), std::move(target), kind}, cost, std::move(label)});
}

Scenario& Scenario::set_link(std::string source, std::string target, LinkKind kind,
                             std::vector<FieldSetting> fields, double cost, std::string label) {
    if (fields.empty()) throw ArgumentError("set_link: give at least one field to set");
    for (const auto& f : fields) {
        const auto* info = record_schema<Link>().find(f.field);
        if (!info || f.field == "source" || f.field == "target" || f.field == "kind") {
            std::string names;
            for (const auto& i : field_infos<Link>())
                if (i.name != "source" && i.name != "target" && i.name != "kind")
                    detail::append(names, ", ", i.name);
            throw ArgumentError("set_link: unknown link field(s) " + f.field + "; one of " + names);
        }
        Link probe;  // the value must suit the field now, not only when applied
        set_field(probe, f.field, f.value);
    }
    return add({SetLink{std::move(source), std::move(target), kind, std::move(fields)}, cost, std::move(label)});
}

Scenario& Scenario::set_capacity(std::string measure, std::optional<double> capacity, double cost,
                                 std::string label) {
    if (!known_measure(measure))
        throw detail::NamedUnknownIdError("set_capacity: unknown measure '" + measure + "'", "measure", measure);
    return add({SetCapacity{std::move(measure), capacity}, cost, std::move(label)});
}

Scenario& Scenario::add_key(std::string measure, Key key, double cost, std::string label) {
    if (!known_measure(measure))
        throw detail::NamedUnknownIdError("add_key: unknown measure '" + measure + "'", "measure", measure);
    return add({AddKey{std::move(measure), key}, cost, std::move(label)});
}

Scenario& Scenario::set_status(std::string measure, MeasureStatus status, double cost, std::string label) {
    if (!known_measure(measure))
        throw detail::NamedUnknownIdError("set_status: unknown measure '" + measure + "'", "measure", measure);
    return add({SetStatus{std::move(measure), status}, cost, std::move(label)});
}

bool Scenario::known_actor(const std::string& id) const {
    bool known = land_->find_actor(id).has_value();
    for (const auto& c : changes_) {
        if (const auto* add = std::get_if<AddRecord>(&c.action))
            if (const auto* actor = std::get_if<Actor>(&add->record); actor && actor->id == id) known = true;
        if (const auto* remove = std::get_if<RemoveActor>(&c.action); remove && remove->actor == id) known = false;
    }
    return known;
}

bool Scenario::known_measure(const std::string& id) const {
    if (land_->find_measure(id)) return true;
    return std::any_of(changes_.begin(), changes_.end(), [&](const Change& c) {
        const auto* add = std::get_if<AddRecord>(&c.action);
        const auto* measure = add ? std::get_if<Measure>(&add->record) : nullptr;
        return measure && measure->id == id;
    });
}

double Scenario::cost() const {
    detail::Sum sum;
    for (const auto& c : changes_) sum.add(c.cost);
    return sum.value();
}

std::string Scenario::label() const {
    if (!label_.empty()) return label_;
    std::string out;
    for (const auto& c : changes_) detail::append(out, "; ", c.name());
    return out.empty() ? "(no change)" : out;
}

Candidate Scenario::candidate() const { return {label(), changes_}; }

Landscape Scenario::apply(std::vector<std::string>* log) const { return apply_changes(*land_, changes_, log); }

Landscape Scenario::apply_to(const Landscape& land, std::vector<std::string>* log) const {
    return apply_changes(land, changes_, log);
}

}  // namespace samkart
