// Landscape: one set of record checks serves add_* (one record against what is already there)
// and from_records (every record against the whole mapping), so both report the same problems
// in the same words.
#include "samkart/core/landscape.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "check.hpp"

namespace samkart {

using detail::Checker;

Landscape::Landscape(std::string name, std::optional<int> year, std::string currency) {
    data_.name = std::move(name);
    data_.year = year;
    data_.currency = std::move(currency);
    std::vector<Problem> problems;
    detail::check_header(data_, problems);
    if (!problems.empty()) throw ValidationError(std::move(problems));
}

bool Landscape::empty() const noexcept {
    return data_.areas.empty() && data_.actors.empty() && data_.measures.empty() &&
           data_.links.empty() && data_.transitions.empty() && data_.indicators.empty();
}

namespace {
template <class Map>
std::optional<Index> lookup(const Map& map, std::string_view id) noexcept {
    auto it = map.find(std::string(id));
    if (it == map.end()) return std::nullopt;
    return it->second;
}

template <class Rec>
Index checked_size(const std::vector<Rec>& v, const char* collection) {
    if (v.size() >= static_cast<std::size_t>(npos))
        throw Error(std::string("too many ") + collection + " for one landscape (limit " +
                    std::to_string(npos - 1) + ")");
    return static_cast<Index>(v.size());
}
}  // namespace

// --- add_* : check one record, then append and resolve -------------------------------------

Index Landscape::add_area(Area area) {
    const Index i = checked_size(data_.areas, "areas");
    std::vector<Problem> problems;
    Checker c{problems, area_ids_, actor_ids_};
    c.duplicate_id("areas", i, area.id, area_ids_.contains(area.id));
    c.area(area, i);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    area_ids_.emplace(area.id, i);
    data_.areas.push_back(std::move(area));
    resolve_area(i);
    return i;
}

Index Landscape::add_actor(Actor actor) {
    const Index i = checked_size(data_.actors, "actors");
    std::vector<Problem> problems;
    Checker c{problems, area_ids_, actor_ids_};
    c.duplicate_id("actors", i, actor.id, actor_ids_.contains(actor.id));
    c.actor(actor, i);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    actor_ids_.emplace(actor.id, i);
    data_.actors.push_back(std::move(actor));
    resolve_actor(i);
    return i;
}

Index Landscape::add_measure(Measure measure) {
    const Index i = checked_size(data_.measures, "measures");
    std::vector<Problem> problems;
    Checker c{problems, area_ids_, actor_ids_, &measure_ids_, &data_.measures};
    c.duplicate_id("measures", i, measure.id, measure_ids_.contains(measure.id));
    c.measure(measure, i);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    measure_ids_.emplace(measure.id, i);
    data_.measures.push_back(std::move(measure));
    resolve_measure(i);
    return i;
}

Index Landscape::add_link(Link link) {
    const Index i = checked_size(data_.links, "links");
    std::vector<Problem> problems;
    Checker{problems, area_ids_, actor_ids_}.link(link, i);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    data_.links.push_back(std::move(link));
    resolve_link(i);
    return i;
}

Index Landscape::add_transition(Transition transition) {
    const Index i = checked_size(data_.transitions, "transitions");
    std::vector<Problem> problems;
    Checker{problems, area_ids_, actor_ids_}.transition(transition, i);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    data_.transitions.push_back(std::move(transition));
    resolve_transition(i);
    return i;
}

Index Landscape::add_indicator(Indicator indicator) {
    const Index i = checked_size(data_.indicators, "indicators");
    std::vector<Problem> problems;
    Checker{problems, area_ids_, actor_ids_, nullptr, nullptr, &data_.indicators}.indicator(indicator, i);
    if (!problems.empty()) throw ValidationError(std::move(problems));
    data_.indicators.push_back(std::move(indicator));
    resolve_indicator(i);
    return i;
}

// --- from_records: index every id first, so records may refer forward ----------------------

Landscape Landscape::from_records(LandscapeRecords records) {
    Landscape land;
    std::vector<Problem> problems;
    detail::check_header(records, problems);
    checked_size(records.areas, "areas");
    checked_size(records.actors, "actors");
    checked_size(records.measures, "measures");
    checked_size(records.links, "links");
    checked_size(records.transitions, "transitions");
    checked_size(records.indicators, "indicators");

    auto index_ids = [&problems](const auto& recs, IdMap& map, const char* collection) {
        map.reserve(recs.size());
        for (Index i = 0; i < recs.size(); ++i) {
            const auto& id = recs[i].id;
            auto [it, fresh] = map.emplace(id, i);
            if (!fresh && !id.empty())
                problems.push_back({Severity::ERROR, collection, static_cast<std::ptrdiff_t>(i), id, "id",
                                    "duplicate id: " + std::string(collection) + "[" +
                                        std::to_string(it->second) +
                                        "] already has this id; give each record its own id"});
        }
    };
    index_ids(records.areas, land.area_ids_, "areas");
    index_ids(records.actors, land.actor_ids_, "actors");
    index_ids(records.measures, land.measure_ids_, "measures");

    Checker c{problems, land.area_ids_, land.actor_ids_, &land.measure_ids_, &records.measures,
              &records.indicators};
    for (Index i = 0; i < records.areas.size(); ++i) c.area(records.areas[i], i);
    c.area_cycles(records.areas);
    for (Index i = 0; i < records.actors.size(); ++i) c.actor(records.actors[i], i);
    c.actor_cycles(records.actors);
    for (Index i = 0; i < records.measures.size(); ++i) c.measure(records.measures[i], i);
    c.measure_cycles(records.measures);
    for (Index i = 0; i < records.links.size(); ++i) c.link(records.links[i], i);
    for (Index i = 0; i < records.transitions.size(); ++i) c.transition(records.transitions[i], i);
    for (Index i = 0; i < records.indicators.size(); ++i) c.indicator(records.indicators[i], i);
    if (!problems.empty()) throw ValidationError(std::move(problems));

    land.data_ = std::move(records);
    const auto n_areas = static_cast<Index>(land.data_.areas.size());
    land.area_parent_.reserve(n_areas);
    land.area_children_.reserve(n_areas);
    for (Index i = 0; i < n_areas; ++i) {
        land.area_parent_.push_back(npos);
        land.area_children_.emplace_back();
    }
    // Parents may come after their children here, so link them once all exist.
    for (Index i = 0; i < n_areas; ++i) {
        if (const auto& p = land.data_.areas[i].parent) {
            const Index pi = land.area_ids_.at(*p);
            land.area_parent_[i] = pi;
            land.area_children_[pi].push_back(i);
        }
    }
    for (Index i = 0; i < land.data_.actors.size(); ++i) land.resolve_actor(i);
    for (Index i = 0; i < land.data_.measures.size(); ++i) land.resolve_measure(i);
    for (Index i = 0; i < land.data_.links.size(); ++i) land.resolve_link(i);
    for (Index i = 0; i < land.data_.transitions.size(); ++i) land.resolve_transition(i);
    for (Index i = 0; i < land.data_.indicators.size(); ++i) land.resolve_indicator(i);
    return land;
}

// --- resolution to dense indices -------------------------------------------------------------

void Landscape::resolve_area(Index a) {
    const auto& area = data_.areas[a];
    Index parent = npos;
    if (area.parent) parent = area_ids_.at(*area.parent);
    area_parent_.push_back(parent);
    area_children_.emplace_back();
    if (parent != npos) area_children_[parent].push_back(a);
}

void Landscape::resolve_actor(Index a) {
    const auto& part_of = data_.actors[a].part_of;
    actor_parent_.push_back(part_of ? actor_ids_.at(*part_of) : npos);
    std::vector<Index> areas;
    areas.reserve(data_.actors[a].areas.size());
    for (const auto& id : data_.actors[a].areas) areas.push_back(area_ids_.at(id));
    actor_areas_.push_back(std::move(areas));
}

void Landscape::resolve_measure(Index m) {
    const auto& measure = data_.measures[m];
    std::vector<Index> providers;
    providers.reserve(measure.providers.size());
    for (const auto& id : measure.providers) providers.push_back(actor_ids_.at(id));
    std::vector<Index> areas;
    if (!measure.areas.empty()) {
        for (const auto& id : measure.areas) areas.push_back(area_ids_.at(id));
    } else {
        for (Index p : providers) {
            const auto& pa = actor_areas_[p];
            areas.insert(areas.end(), pa.begin(), pa.end());
        }
        std::sort(areas.begin(), areas.end());
        areas.erase(std::unique(areas.begin(), areas.end()), areas.end());
    }
    measure_providers_.push_back(std::move(providers));
    measure_areas_.push_back(std::move(areas));
    measure_whole_.push_back(measure.participants_of ? measure_ids_.at(*measure.participants_of) : npos);
}

void Landscape::resolve_link(Index l) {
    const auto& link = data_.links[l];
    link_ends_.push_back({actor_ids_.at(link.source), actor_ids_.at(link.target),
                          link.coordinator ? actor_ids_.at(*link.coordinator) : npos});
}

void Landscape::resolve_transition(Index t) {
    const auto& tr = data_.transitions[t];
    transition_ends_.push_back({actor_ids_.at(tr.source), actor_ids_.at(tr.target), npos});
}

void Landscape::resolve_indicator(Index i) {
    indicator_area_.push_back(area_ids_.at(data_.indicators[i].area));
}

// --- look-ups --------------------------------------------------------------------------------

std::optional<Index> Landscape::find_area(std::string_view id) const noexcept { return lookup(area_ids_, id); }
std::optional<Index> Landscape::find_actor(std::string_view id) const noexcept { return lookup(actor_ids_, id); }
std::optional<Index> Landscape::find_measure(std::string_view id) const noexcept {
    return lookup(measure_ids_, id);
}

Index Landscape::area_index(std::string_view id) const {
    if (auto i = find_area(id)) return *i;
    throw UnknownIdError("area", std::string(id));
}
Index Landscape::actor_index(std::string_view id) const {
    if (auto i = find_actor(id)) return *i;
    throw UnknownIdError("actor", std::string(id));
}
Index Landscape::measure_index(std::string_view id) const {
    if (auto i = find_measure(id)) return *i;
    throw UnknownIdError("measure", std::string(id));
}
const Area& Landscape::area(std::string_view id) const { return data_.areas[area_index(id)]; }
const Actor& Landscape::actor(std::string_view id) const { return data_.actors[actor_index(id)]; }
const Measure& Landscape::measure(std::string_view id) const { return data_.measures[measure_index(id)]; }

std::vector<Index> Landscape::area_subtree(Index area) const {
    std::vector<Index> out{area};
    for (std::size_t k = 0; k < out.size(); ++k) {
        const auto& children = area_children_[out[k]];
        out.insert(out.end(), children.begin(), children.end());
    }
    return out;
}

Index Landscape::actor_root(Index actor) const {
    // part_of chains are acyclic (checked when the landscape is built).
    while (actor_parent_[actor] != npos) actor = actor_parent_[actor];
    return actor;
}

bool Landscape::measure_in_place(Index m) const {
    const auto status = data_.measures[m].status;
    return status == MeasureStatus::ACTIVE || status == MeasureStatus::PILOT;
}

AgeRange Landscape::actor_ages(Index actor) const { return data_.actors[actor].ages.value_or(AgeRange{}); }

AgeRange Landscape::measure_ages(Index m) const {
    if (const auto& ages = data_.measures[m].ages) return *ages;
    std::optional<AgeRange> out;
    for (Index p : measure_providers_[m]) {
        const AgeRange a = actor_ages(p);
        out = out ? hull(*out, a) : a;
    }
    return out.value_or(AgeRange{});
}

// --- soft checks -----------------------------------------------------------------------------

std::vector<Problem> Landscape::validate() const {
    std::vector<Problem> out;
    auto warn = [&out](const char* collection, std::size_t i, std::string id, std::string field,
                       std::string message) {
        out.push_back({Severity::WARNING, collection, static_cast<std::ptrdiff_t>(i), std::move(id),
                       std::move(field), std::move(message)});
    };
    for (Index i = 0; i < data_.areas.size(); ++i) {
        const Index p = area_parent_[i];
        if (p != npos && static_cast<int>(data_.areas[p].kind) >= static_cast<int>(data_.areas[i].kind))
            warn("areas", i, data_.areas[i].id, "parent",
                 "a " + std::string(to_string(data_.areas[i].kind)) + " lies inside a " +
                     std::string(to_string(data_.areas[p].kind)) +
                     "; the parent should be a larger kind of area (country > county > municipality > "
                     "district)");
        if (data_.areas[i].mapping == MappingStatus::PARTIAL && data_.areas[i].mapped.empty())
            warn("areas", i, data_.areas[i].id, "mapped",
                 "the area is partly mapped but 'mapped' names nothing, so nothing in it counts as "
                 "mapped; list the sectors or owners whose services were mapped");
    }
    for (Index i = 0; i < data_.actors.size(); ++i) {
        const auto& a = data_.actors[i];
        if (a.areas.empty())
            warn("actors", i, a.id, "areas",
                 "the actor serves no area, so coverage by area leaves it out; list the areas it serves");
        if (a.sector.empty())
            warn("actors", i, a.id, "sector", "no sector given; choose one of the recommended sectors");
        else if (!find_term(recommended_sectors(), a.sector))
            warn("actors", i, a.id, "sector",
                 "'" + a.sector + "' is not a recommended sector; analyses by sector treat it as its own "
                 "group (see samkart vocabulary)");
    }
    for (Index i = 0; i < data_.measures.size(); ++i) {
        const auto& m = data_.measures[i];
        for (const auto& t : m.targets)
            if (!find_term(recommended_targets(), t))
                warn("measures", i, m.id, "targets",
                     "'" + t + "' is not a recommended target group; analyses by target treat it as its "
                     "own group");
        if (m.ages) {
            bool overlaps = false;
            for (Index p : measure_providers_[i]) overlaps = overlaps || actor_ages(p).overlaps(*m.ages);
            if (!overlaps)
                warn("measures", i, m.id, "ages",
                     "ages " + m.ages->to_string() + " lie outside the ages every provider serves");
        }
        if (m.capacity && m.participants && *m.participants > *m.capacity)
            warn("measures", i, m.id, "participants",
                 "more participants than places: check capacity and participants");
    }
    std::set<std::tuple<Index, Index, LinkKind>> seen;
    for (Index i = 0; i < data_.links.size(); ++i) {
        const auto& l = data_.links[i];
        auto e = link_ends_[i];
        const std::string id = l.source + " → " + l.target;
        if (e.coordinator != npos && e.coordinator != e.source && e.coordinator != e.target)
            warn("links", i, id, "coordinator",
                 "the coordinator '" + *l.coordinator + "' is neither of the two linked actors");
        if (!is_directed(l.kind) && e.source > e.target) std::swap(e.source, e.target);
        if (!seen.emplace(e.source, e.target, l.kind).second)
            warn("links", i, id, "kind",
                 "the same " + std::string(to_string(l.kind)) +
                     " link between these actors is given more than once");
    }
    std::set<std::tuple<Index, std::string, std::optional<int>>> seen_ind;
    for (Index i = 0; i < data_.indicators.size(); ++i) {
        const auto& ind = data_.indicators[i];
        if (!seen_ind.emplace(indicator_area_[i], ind.key, ind.year).second)
            warn("indicators", i, ind.area + " " + ind.key, "key",
                 "the same indicator for this area and year is given more than once");
    }
    return out;
}

}  // namespace samkart
