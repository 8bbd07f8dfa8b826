#include "check.hpp"
#include "did_you_mean.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace samkart::detail {

namespace {

struct Where {
    std::vector<Problem>& out;
    const char* collection;
    Index index;
    std::string id;
    void error(std::string field, std::string message) const {
        out.push_back({Severity::ERROR, collection, static_cast<std::ptrdiff_t>(index), id,
                       std::move(field), std::move(message)});
    }
};

void check_id(const Where& w, const std::string& id) {
    if (id.empty())
        w.error("id", "the id is empty; give every record a short unique id such as 'ot-skien'");
    else if (std::isspace(static_cast<unsigned char>(id.front())) ||
             std::isspace(static_cast<unsigned char>(id.back())))
        w.error("id", "the id '" + id + "' starts or ends with white space; remove it");
}

void check_name(const Where& w, const std::string& name, const char* what) {
    if (name.empty()) w.error("name", std::string("the name is empty; give the ") + what + " a readable name");
}

void check_ages(const Where& w, const char* field, const AgeRange& ages) {
    if (ages.min < 0)
        w.error(field, "the youngest age " + std::to_string(ages.min) + " is negative; ages are whole years from 0");
    if (ages.max > AgeRange::max_age)
        w.error(field, "the oldest age " + std::to_string(ages.max) + " is over " +
                           std::to_string(AgeRange::max_age) + "; ages run from 0 to " +
                           std::to_string(AgeRange::max_age));
    if (ages.min > ages.max)
        w.error(field, "ages " + std::to_string(ages.min) + "–" + std::to_string(ages.max) +
                           " run backwards; write them as (min, max) with min ≤ max");
}

void check_ages(const Where& w, const char* field, const std::optional<AgeRange>& ages) {
    if (ages) check_ages(w, field, *ages);
}

std::string format_number(double v) {
    std::string s = std::to_string(v);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

void check_amount(const Where& w, const char* field, const std::optional<double>& v, const char* unit) {
    if (!v) return;
    if (!std::isfinite(*v))
        w.error(field, std::string("the ") + field + " is not a finite number; give " + unit + " or leave it out");
    else if (*v < 0)
        w.error(field, std::string("the ") + field + " " + format_number(*v) +
                           " is negative; give " + unit + " (0 or more) or leave it out");
}

void check_score(const Where& w, const char* field, const std::optional<double>& v) {
    if (v && !(std::isfinite(*v) && *v >= 0 && *v <= 4))
        w.error(field, std::string("the ") + field + " score " + format_number(*v) +
                           " is outside the survey scale 0–4");
}

void check_ref(const Where& w, const std::string& field, const std::string& id, const IdLookup& lookup,
               const char* kind) {
    if (id.empty()) {
        w.error(field, std::string("the ") + kind + " id is empty; name an existing " + kind);
        return;
    }
    if (lookup.contains(id)) return;
    std::string message = std::string("unknown ") + kind + " id '" + id + "'; add the " + kind +
                          " first or correct the id";
    // A suggestion is cheap on a municipality's mapping and pointless on a national one.
    if (lookup.size() <= 5000) {
        const std::size_t limit = std::max<std::size_t>(2, id.size() / 4);
        std::size_t best = limit + 1;
        const std::string* guess = nullptr;
        for (const auto& [known, index] : lookup) {
            const std::size_t d = detail::edit_distance(id, known, /*fold_case=*/false);
            if (d < best || (d == best && guess && known < *guess)) {
                best = d;
                guess = &known;
            }
        }
        if (guess) message += " (did you mean '" + *guess + "'?)";
    }
    w.error(field, std::move(message));
}

template <class E>
void check_enum(const Where& w, const char* field, E value) {
    if (static_cast<std::size_t>(value) >= terms<E>().size())
        w.error(field, "invalid value; expected one of " + accepted_names<E>());
}

/// The name of a value, or its number if it has none (check_enum has reported it): found by
/// fuzzing, to_string read past the end of the vocabulary for an out-of-range value.
template <class E>
std::string enum_name(E value) {
    if (static_cast<std::size_t>(value) < terms<E>().size()) return std::string(to_string(value));
    return std::to_string(static_cast<int>(value));
}

template <class T, class Name>
void check_unique(const Where& w, const char* field, const std::vector<T>& values, Name name) {
    std::set<std::string> seen;
    for (const auto& v : values) {
        const std::string n{name(v)};
        if (!seen.insert(n).second) w.error(field, "'" + n + "' is listed twice; list it once");
    }
}

std::string link_id(const std::string& s, const std::string& t) { return s + " → " + t; }

void check_dates(const Where& w, const std::optional<std::string>& since,
                 const std::optional<std::string>& until, const char* what);

/// Chains of references (part_of, participants_of) that lead round in a circle: each cycle is
/// reported once, at the record where it closes. `next(i)` is the record i refers to, or npos.
template <class Next, class Id>
void report_cycles(std::size_t n, Next next, Id id, std::vector<Problem>& out, const char* collection,
                   const char* field, const char* fix) {
    std::vector<unsigned char> state(n, 0);  // 0 unvisited, 1 on the current path, 2 done
    std::vector<Index> path;
    for (Index start = 0; start < n; ++start) {
        path.clear();
        Index cur = start;
        while (cur != npos && state[cur] == 0) {
            state[cur] = 1;
            path.push_back(cur);
            cur = next(cur);
        }
        if (cur != npos && state[cur] == 1) {
            auto first = std::find(path.begin(), path.end(), cur);
            std::string chain;
            for (auto it = first; it != path.end(); ++it) chain += id(*it) + " → ";
            chain += id(cur);
            Where{out, collection, cur, id(cur)}.error(field, std::string("the ") + field +
                                                                  " references form a cycle " + chain +
                                                                  "; " + fix);
        }
        for (Index k : path) state[k] = 2;
    }
}

}  // namespace

namespace {
void check_dates(const Where& w, const std::optional<std::string>& since,
                 const std::optional<std::string>& until, const char* what) {
    if (since && !is_iso_date(*since))
        w.error("since", "'" + *since + "' is not a date; write it as YYYY-MM-DD");
    if (until && !is_iso_date(*until))
        w.error("until", "'" + *until + "' is not a date; write it as YYYY-MM-DD");
    if (since && until && is_iso_date(*since) && is_iso_date(*until) && *until < *since)
        w.error("until", std::string("the ") + what + " ends (" + *until + ") before it starts (" +
                             *since + "); check since and until");
}
}  // namespace

bool is_iso_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t k : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[k] < '0' || s[k] > '9') return false;
    const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    const int m = (s[5] - '0') * 10 + (s[6] - '0');
    const int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1) return false;
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

void check_header(const LandscapeRecords& r, std::vector<Problem>& out) {
    auto error = [&out](std::string field, std::string message) {
        out.push_back({Severity::ERROR, "landscape", -1, {}, std::move(field), std::move(message)});
    };
    if (r.year && (*r.year < 1900 || *r.year > 2200))
        error("year", "the year " + std::to_string(*r.year) + " is not a plausible year of a mapping");
    if (r.currency.empty()) error("currency", "the currency is empty; give an ISO 4217 code such as 'NOK'");
}

void Checker::duplicate_id(const char* collection, Index i, const std::string& id, bool taken) {
    if (taken)
        Where{out, collection, i, id}.error(
            "id", "duplicate id: another record of " + std::string(collection) +
                      " already has this id; give each record its own id");
}

void Checker::area(const Area& a, Index i) {
    const Where w{out, "areas", i, a.id};
    check_id(w, a.id);
    check_name(w, a.name, "area");
    check_enum(w, "kind", a.kind);
    if (a.parent) {
        if (*a.parent == a.id)
            w.error("parent", "the area names itself as parent; give the enclosing area or none");
        else
            check_ref(w, "parent", *a.parent, areas, "area");
    }
    for (const auto& band : a.population) {
        check_ages(w, "population", band.ages);
        check_amount(w, "population", band.count, "a count of people");
    }
    check_enum(w, "mapping", a.mapping);
    if (!a.mapped.empty() && a.mapping != MappingStatus::PARTIAL)
        w.error("mapped", "'mapped' lists what was mapped of a partly mapped area, but mapping is '" +
                              enum_name(a.mapping) +
                              "'; set mapping to 'partial' or leave 'mapped' out");
    for (const auto& name : a.mapped)
        if (!find_term(recommended_sectors(), name) && !parse<Owner>(name))
            w.error("mapped", "'" + name + "' is neither a recommended sector nor an owner (" +
                                  accepted_names<Owner>() +
                                  "); name the sectors or owners whose services were mapped");
    check_unique(w, "mapped", a.mapped, [](const std::string& s) { return s; });
}

void Checker::actor(const Actor& a, Index i) {
    const Where w{out, "actors", i, a.id};
    check_id(w, a.id);
    check_name(w, a.name, "actor");
    check_enum(w, "owner", a.owner);
    for (const auto& id : a.areas) check_ref(w, "areas", id, areas, "area");
    check_unique(w, "areas", a.areas, [](const std::string& s) { return s; });
    check_ages(w, "ages", a.ages);
    if (a.part_of) {
        if (*a.part_of == a.id)
            w.error("part_of", "the actor names itself in part_of; name the actor it is a unit of "
                               "(e.g. the county's follow-up service) or leave part_of out");
        else
            check_ref(w, "part_of", *a.part_of, actors, "actor");
    }
}

void Checker::measure(const Measure& m, Index i) {
    const Where w{out, "measures", i, m.id};
    check_id(w, m.id);
    check_name(w, m.name, "measure");
    if (!level_from_int(static_cast<int>(m.level)))
        w.error("level", "level " + std::to_string(static_cast<int>(m.level)) +
                             " does not exist; the level must be 1 (universal) to 4 (intensive)");
    if (m.providers.empty())
        w.error("providers", "the measure has no provider; name at least one actor that provides it");
    for (const auto& id : m.providers) check_ref(w, "providers", id, actors, "actor");
    check_unique(w, "providers", m.providers, [](const std::string& s) { return s; });
    for (const auto& id : m.areas) check_ref(w, "areas", id, areas, "area");
    check_unique(w, "areas", m.areas, [](const std::string& s) { return s; });
    check_ages(w, "ages", m.ages);
    for (const auto& t : m.targets)
        if (t.empty()) w.error("targets", "a target group is empty; remove it or name the group");
    check_unique(w, "targets", m.targets, [](const std::string& s) { return s; });
    check_amount(w, "capacity", m.capacity, "the number of places per year");
    check_amount(w, "participants", m.participants, "the number of young people per year");
    check_amount(w, "cost", m.cost, "the cost per year");
    for (Key k : m.keys) check_enum(w, "keys", k);
    for (Tee t : m.tees) check_enum(w, "tees", t);
    check_unique(w, "keys", m.keys, [](Key k) { return enum_name(k); });
    check_unique(w, "tees", m.tees, [](Tee t) { return enum_name(t); });
    check_enum(w, "status", m.status);
    check_enum(w, "participants_kind", m.participants_kind);
    check_dates(w, m.since, m.until, "measure");
    if (!m.participants_of) return;
    const auto& whole_id = *m.participants_of;
    if (whole_id == m.id) {
        w.error("participants_of", "the measure names itself in participants_of; name the measure "
                                   "whose participants include these, or leave it out");
        return;
    }
    if (!measures) return;
    check_ref(w, "participants_of", whole_id, *measures, "measure");
    const auto it = measures->find(whole_id);
    if (it == measures->end() || !measure_list || it->second >= measure_list->size()) return;
    const auto& whole = (*measure_list)[it->second];
    if (!m.participants)
        w.error("participants_of", "participants_of says these participants are part of '" + whole_id +
                                       "', but the measure gives no participants; give them or "
                                       "leave participants_of out");
    if (m.participants_kind != whole.participants_kind)
        w.error("participants_kind",
                "a count " + std::string(m.participants_kind == CountKind::STOCK ? "on one day (stock)"
                                                                                 : "per year (flow)") +
                    " cannot be a subset of '" + whole_id + "', whose count is " +
                    (whole.participants_kind == CountKind::STOCK ? "on one day (stock)" : "per year (flow)") +
                    "; give both counts the same kind or leave participants_of out");
    else if (m.participants && whole.participants && *m.participants > *whole.participants)
        w.error("participants", "the " + format_number(*m.participants) +
                                    " participants are a subset of '" + whole_id + "' but more than its " +
                                    format_number(*whole.participants) +
                                    "; check both counts or leave participants_of out");
}

void Checker::link(const Link& l, Index i) {
    const Where w{out, "links", i, link_id(l.source, l.target)};
    check_ref(w, "source", l.source, actors, "actor");
    check_ref(w, "target", l.target, actors, "actor");
    if (!l.source.empty() && l.source == l.target)
        w.error("target", "the link joins '" + l.source + "' to itself; a link needs two different actors");
    check_enum(w, "kind", l.kind);
    if (l.coordinator) check_ref(w, "coordinator", *l.coordinator, actors, "actor");
    if (l.intensity) check_enum(w, "intensity", *l.intensity);
    check_score(w, "trust", l.trust);
    check_score(w, "value", l.value);
    check_dates(w, l.since, l.until, "link");
}

void Checker::transition(const Transition& t, Index i) {
    const Where w{out, "transitions", i, link_id(t.source, t.target)};
    check_ref(w, "source", t.source, actors, "actor");
    check_ref(w, "target", t.target, actors, "actor");
    if (!t.source.empty() && t.source == t.target)
        w.error("target", "the hand-over goes from '" + t.source +
                              "' to itself; a transition needs two different actors");
    check_amount(w, "volume", t.volume, "the number of young people per year");
    check_ages(w, "ages", t.ages);
}

namespace {
/// less_than, at_most: the true figure lies at or below the value given.
bool is_upper_bound(Comparator c) { return c == Comparator::LESS_THAN || c == Comparator::AT_MOST; }
}  // namespace

void Checker::indicator(const Indicator& ind, Index i) {
    const Where w{out, "indicators", i, ind.area.empty() ? ind.key : ind.area + " " + ind.key};
    check_ref(w, "area", ind.area, areas, "area");
    if (ind.key.empty()) w.error("key", "the key is empty; name the indicator, e.g. 'neet_count_16_25'");
    if (!std::isfinite(ind.value)) w.error("value", "the value is not a finite number");
    if (ind.year && (*ind.year < 1900 || *ind.year > 2200))
        w.error("year", "the year " + std::to_string(*ind.year) + " is not plausible");
    if (ind.count) check_enum(w, "count", *ind.count);
    if (ind.comparator) check_enum(w, "comparator", *ind.comparator);
    if (!ind.subset_of) return;
    const auto& whole_key = *ind.subset_of;
    if (whole_key == ind.key) {
        w.error("subset_of", "the indicator names its own key in subset_of; name the key of the "
                             "indicator that includes it, or leave subset_of out");
        return;
    }
    if (!indicator_list) return;
    const Indicator* whole = nullptr;
    for (const auto& other : *indicator_list)
        if (&other != &ind && other.area == ind.area && other.key == whole_key && other.year == ind.year) {
            whole = &other;
            break;
        }
    const std::string year = ind.year ? " in " + std::to_string(*ind.year) : " without year";
    if (!whole) {
        w.error("subset_of", "area '" + ind.area + "' has no indicator '" + whole_key + "'" + year +
                                 "; add that indicator (same area and year) or correct subset_of");
        return;
    }
    if (ind.count && whole->count && *ind.count != *whole->count)
        w.error("count", "'" + ind.key + "' is counted " + enum_name(*ind.count) + " but its whole '" +
                             whole_key + "' is counted " + enum_name(*whole->count) +
                             "; a stock is never a subset of a flow; give both the same count kind");
    // A part larger than its whole is an error only where both values can be compared: the
    // part is at least its value and the whole at most its value ("more than 2,100" has no top).
    else if (ind.value > whole->value && !(ind.comparator && is_upper_bound(*ind.comparator)) &&
             !(whole->comparator && !is_upper_bound(*whole->comparator)))
        w.error("value", "'" + ind.key + "' = " + format_number(ind.value) + " is a subset of '" +
                             whole_key + "' = " + format_number(whole->value) +
                             " but larger than it; check both values or leave subset_of out");
}

void Checker::area_cycles(const std::vector<Area>& list) {
    // 0 unvisited, 1 on the current path, 2 done.
    std::vector<unsigned char> state(list.size(), 0);
    for (Index start = 0; start < list.size(); ++start) {
        std::vector<Index> path;
        Index cur = start;
        while (cur != npos && state[cur] == 0) {
            state[cur] = 1;
            path.push_back(cur);
            const auto& parent = list[cur].parent;
            const auto next = parent && *parent != list[cur].id ? areas.find(*parent) : areas.end();
            cur = next != areas.end() ? next->second : npos;
        }
        if (cur != npos && state[cur] == 1) {
            // A new cycle: report it once, at the area where it closes.
            auto first = std::find(path.begin(), path.end(), cur);
            std::string chain;
            for (auto it = first; it != path.end(); ++it) chain += list[*it].id + " → ";
            chain += list[cur].id;
            Where{out, "areas", cur, list[cur].id}.error(
                "parent", "the parents form a cycle " + chain +
                              "; one of these areas must have a parent outside the cycle or none");
        }
        for (Index k : path) state[k] = 2;
    }
}

void Checker::actor_cycles(const std::vector<Actor>& list) {
    report_cycles(
        list.size(),
        [&](Index i) -> Index {
            const auto& p = list[i].part_of;
            if (!p || *p == list[i].id) return npos;
            const auto it = actors.find(*p);
            return it != actors.end() ? it->second : npos;
        },
        [&](Index i) { return list[i].id; }, out, "actors", "part_of",
        "one of these actors must be part of an actor outside the cycle, or of none");
}

void Checker::measure_cycles(const std::vector<Measure>& list) {
    if (!measures) return;
    report_cycles(
        list.size(),
        [&](Index i) -> Index {
            const auto& p = list[i].participants_of;
            if (!p || *p == list[i].id) return npos;
            const auto it = measures->find(*p);
            return it != measures->end() ? it->second : npos;
        },
        [&](Index i) { return list[i].id; }, out, "measures", "participants_of",
        "a count can only be a subset of a larger one; remove participants_of from one of them");
}

}  // namespace samkart::detail
