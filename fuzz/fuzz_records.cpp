/// @file fuzz_records.cpp
/// libFuzzer target: arbitrary records through the C++ API (issue 7, docs/fuzzing.md).
///
/// The input drives FuzzedDataProvider to make records with arbitrary field values, and ids
/// drawn mostly from a small pool so that references resolve (or, on purpose, do not). Two modes:
///
/// - **add**: a sequence of `add_*` calls on one Landscape. A call that throws must throw
///   ValidationError whose problems name the record's would-be index, and leave the landscape
///   exactly as it was: the same records and the same resolved structure. A call that succeeds
///   must return the next index.
/// - **batch**: the records, in any order, through `Landscape::from_records`, which either
///   throws ValidationError (every problem naming a record of the input) or succeeds.
///
/// Every landscape that was built must be valid: `from_records(land.records())` resolves to the
/// same structure, reading its JSON back gives the same landscape (unless a string is not UTF-8,
/// which writing reports as samkart::Error), and the analyses run on it without throwing
/// anything but samkart::Error where documented. Any other exception escapes to libFuzzer.

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "samkart/samkart.hpp"

namespace {

using namespace samkart;

[[noreturn]] void finding(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz_records: %s\n%s\n", what, detail.c_str());
    std::abort();
}

/// Makes records from the fuzzer's bytes.
class Maker {
public:
    explicit Maker(FuzzedDataProvider& p) : p_(p) {}

    std::string text(std::size_t max_length = 12) {
        return p_.ConsumeRandomLengthString(max_length);
    }

    /// An id from a small pool most of the time, so that references hit; else any bytes.
    std::string id(char prefix) {
        switch (p_.ConsumeIntegralInRange(0, 7)) {
            case 0:
                return text();
            case 1:
                return "";
            default:
                return std::string(1, prefix) + std::to_string(p_.ConsumeIntegralInRange(0, 5));
        }
    }
    std::optional<std::string> maybe_id(char prefix) {
        if (p_.ConsumeBool()) return std::nullopt;
        return id(prefix);
    }
    std::optional<std::string> maybe_text() {
        if (p_.ConsumeBool()) return std::nullopt;
        return text();
    }
    std::vector<std::string> ids(char prefix, int max_count = 3) {
        std::vector<std::string> out(
            static_cast<std::size_t>(p_.ConsumeIntegralInRange(0, max_count)));
        for (auto& s : out) s = id(prefix);
        return out;
    }

    double number() {
        switch (p_.ConsumeIntegralInRange(0, 7)) {
            case 0:
                return 0.0;
            case 1:
                return -1.0;
            case 2:
                return std::numeric_limits<double>::quiet_NaN();
            case 3:
                return std::numeric_limits<double>::infinity();
            case 4:
                return p_.ConsumeFloatingPoint<double>();
            case 5:
                return std::numeric_limits<double>::denorm_min();
            default:
                return p_.ConsumeFloatingPointInRange(0.0, 1000.0);
        }
    }
    std::optional<double> maybe_number() {
        if (p_.ConsumeBool()) return std::nullopt;
        return number();
    }
    int age() { return p_.ConsumeIntegralInRange(-2, 123); }
    AgeRange ages() {
        AgeRange a;
        a.min = age();
        a.max = age();
        return a;
    }
    std::optional<AgeRange> maybe_ages() {
        if (p_.ConsumeBool()) return std::nullopt;
        return ages();
    }
    std::optional<int> maybe_year() {
        if (p_.ConsumeBool()) return std::nullopt;
        return p_.ConsumeBool() ? p_.ConsumeIntegralInRange(1890, 2210) : p_.ConsumeIntegral<int>();
    }
    /// Any value of the enum's underlying type: the valid ones and, rarely, one past the end.
    template <class E>
    E enumeration() {
        const auto n = static_cast<int>(terms<E>().size());
        return static_cast<E>(p_.ConsumeIntegralInRange(0, n));
    }
    template <class E>
    std::vector<E> enumerations() {
        std::vector<E> out(static_cast<std::size_t>(p_.ConsumeIntegralInRange(0, 3)));
        for (auto& e : out) e = enumeration<E>();
        return out;
    }
    /// A sector or target: a recommended one, or any text.
    std::string term(std::span<const Term> vocabulary) {
        if (p_.ConsumeBool()) return text();
        return std::string(
            vocabulary[p_.ConsumeIntegralInRange<std::size_t>(0, vocabulary.size() - 1)].name);
    }

    Area area() {
        Area a;
        a.id = id('A');
        a.name = text();
        a.kind = enumeration<AreaKind>();
        a.parent = maybe_id('A');
        a.population.resize(static_cast<std::size_t>(p_.ConsumeIntegralInRange(0, 2)));
        for (auto& band : a.population) band = {ages(), number()};
        a.mapping = enumeration<MappingStatus>();
        a.mapped.resize(static_cast<std::size_t>(p_.ConsumeIntegralInRange(0, 2)));
        for (auto& m : a.mapped)
            m = p_.ConsumeBool() ? std::string(to_string(static_cast<Owner>(p_.ConsumeIntegralInRange(0, 4))))
                                 : term(recommended_sectors());
        a.illustrative = p_.ConsumeBool();
        a.citation = maybe_text();
        return a;
    }
    Actor actor() {
        Actor a;
        a.id = id('a');
        a.name = text();
        a.sector = term(recommended_sectors());
        a.owner = enumeration<Owner>();
        a.areas = ids('A');
        a.ages = maybe_ages();
        a.part_of = maybe_id('a');
        a.illustrative = p_.ConsumeBool();
        a.citation = maybe_text();
        return a;
    }
    Measure measure() {
        Measure m;
        m.id = id('m');
        m.name = text();
        m.level = static_cast<Level>(p_.ConsumeIntegralInRange(0, 5));
        m.providers = ids('a');
        m.areas = ids('A', 2);
        m.ages = maybe_ages();
        m.targets.resize(static_cast<std::size_t>(p_.ConsumeIntegralInRange(0, 2)));
        for (auto& t : m.targets) t = term(recommended_targets());
        m.capacity = maybe_number();
        m.participants = maybe_number();
        m.participants_kind = enumeration<CountKind>();
        m.participants_of = maybe_id('m');
        m.cost = maybe_number();
        m.keys = enumerations<Key>();
        m.tees = enumerations<Tee>();
        m.status = enumeration<MeasureStatus>();
        m.since = date();
        m.until = date();
        m.illustrative = p_.ConsumeBool();
        m.citation = maybe_text();
        return m;
    }
    std::optional<std::string> date() {
        switch (p_.ConsumeIntegralInRange(0, 3)) {
            case 0:
                return std::nullopt;
            case 1:
                return text(10);
            default: {
                char buf[16];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d",
                              p_.ConsumeIntegralInRange(1999, 2031),
                              p_.ConsumeIntegralInRange(0, 13), p_.ConsumeIntegralInRange(0, 32));
                return std::string(buf);
            }
        }
    }
    Link link() {
        Link l;
        l.source = id('a');
        l.target = id('a');
        l.kind = enumeration<LinkKind>();
        l.formal = p_.ConsumeBool();
        l.coordinator = maybe_id('a');
        l.consent = p_.ConsumeBool();
        l.legal_basis = maybe_text();
        if (p_.ConsumeBool()) l.intensity = enumeration<Intensity>();
        l.trust = maybe_number();
        l.value = maybe_number();
        l.since = date();
        l.until = date();
        l.illustrative = p_.ConsumeBool();
        l.citation = maybe_text();
        return l;
    }
    Transition transition() {
        Transition t;
        t.source = id('a');
        t.target = id('a');
        t.volume = maybe_number();
        t.reason = maybe_text();
        t.ages = maybe_ages();
        t.illustrative = p_.ConsumeBool();
        t.citation = maybe_text();
        return t;
    }
    Indicator indicator() {
        Indicator ind;
        ind.area = id('A');
        ind.key = p_.ConsumeBool() ? std::string("neet_count_16_25") : text();
        ind.value = number();
        ind.year = maybe_year();
        ind.source = maybe_text();
        if (p_.ConsumeBool()) ind.count = enumeration<CountKind>();
        if (p_.ConsumeBool()) ind.subset_of = p_.ConsumeBool() ? std::string("neet_count_16_25") : text();
        ind.illustrative = p_.ConsumeBool();
        return ind;
    }

private:
    FuzzedDataProvider& p_;
};

/// The resolved structure of a landscape, flattened, so that two landscapes can be compared
/// beyond their records (operator== compares the records only).
std::vector<std::int64_t> structure(const Landscape& land) {
    std::vector<std::int64_t> out;
    auto put = [&out](auto v) { out.push_back(static_cast<std::int64_t>(v)); };
    auto put_all = [&](auto span) {
        put(-2);
        for (auto v : span) put(v);
    };
    for (Index a = 0; a < land.areas().size(); ++a) {
        put(land.area_parent(a));
        put_all(land.area_children(a));
        put_all(land.area_subtree(a));
        put(land.find_area(land.areas()[a].id).value_or(npos));
    }
    for (Index a = 0; a < land.actors().size(); ++a) {
        put_all(land.actor_areas(a));
        put(land.actor_ages(a).min);
        put(land.actor_ages(a).max);
        put(land.find_actor(land.actors()[a].id).value_or(npos));
    }
    for (Index m = 0; m < land.measures().size(); ++m) {
        put_all(land.measure_providers(m));
        put_all(land.measure_areas(m));
        put(land.measure_ages(m).min);
        put(land.measure_ages(m).max);
        put(land.find_measure(land.measures()[m].id).value_or(npos));
    }
    for (Index l = 0; l < land.links().size(); ++l) {
        const Ends e = land.link_ends(l);
        put(e.source), put(e.target), put(e.coordinator);
    }
    for (Index t = 0; t < land.transitions().size(); ++t) {
        const Ends e = land.transition_ends(t);
        put(e.source), put(e.target), put(e.coordinator);
    }
    for (Index i = 0; i < land.indicators().size(); ++i) put(land.indicator_area(i));
    return out;
}

/// What must hold for every landscape that was built.
void check_valid(const Landscape& land) {
    // Incremental and whole-mapping resolution agree.
    const Landscape rebuilt = Landscape::from_records(land.records());
    if (!(rebuilt == land) || structure(rebuilt) != structure(land))
        finding("from_records(land.records()) resolves differently from the landscape");
    for (const auto& p : land.validate())
        if (p.severity != Severity::WARNING)
            finding("validate() reports an error on a built landscape", p.to_string());

    // JSON round trip. Writing refuses strings that are not UTF-8 (samkart::Error); nothing else.
    std::string json;
    try {
        json = to_json_string(land);
    } catch (const Error&) {
        return;
    }
    try {
        if (!(from_json_string(json, "<written>") == land))
            finding("the JSON round trip changed the landscape", json);
    } catch (const Error& e) {
        finding("a built landscape cannot read its own JSON back",
                std::string(e.what()) + "\n" + json);
    }

    // The analyses run on any valid landscape.
    (void)find_gaps(land);
    (void)coverage(land, Dimension::AREA, Dimension::LEVEL, Value::CAPACITY);
    (void)coverage(land, Dimension::SECTOR, Dimension::AGE);
    (void)coverage(land, Dimension::ACTOR, Dimension::TARGET, Value::ACTORS);
    (void)role_map(land);
    (void)compare_areas(land);
    const Network net(land);
    (void)net.betweenness();
    (void)net.closeness();
    (void)net.components();
    (void)net.articulation_points();
    (void)net.bridges();
    (void)net.k_core();
    (void)net.communities();
    (void)net.core_periphery();
    const auto groups = net.grouping("sector");
    (void)net.ei_index(groups.codes);
    (void)net.brokerage(groups.codes);
    try {
        (void)net.pagerank();
    } catch (const Error&) {
        // Documented: not converged within max_iter.
    }
}

template <class Rec, class Add>
void try_add(Landscape& land, Rec record, std::size_t next, Add add) {
    const Landscape before = land;
    const auto shape = structure(land);
    try {
        const Index i = add(land, std::move(record));
        if (i != next) finding("add_* returned an index other than the next one");
    } catch (const ValidationError& e) {
        if (e.problems().empty()) finding("ValidationError without problems");
        for (const auto& p : e.problems())
            if (p.index != static_cast<std::ptrdiff_t>(next) || p.message.empty())
                finding("a problem that does not name the rejected record", p.to_string());
        if (!(land == before) || structure(land) != shape)
            finding("a rejected add_* changed the landscape", e.what());
    }
}

void add_mode(FuzzedDataProvider& p, Maker& make) {
    Landscape land;
    try {
        land = Landscape(make.text(), make.maybe_year(), p.ConsumeBool() ? "NOK" : make.text(4));
    } catch (const ValidationError&) {
        land = Landscape("fuzz");
    }
    for (int op = 0; op < 48 && p.remaining_bytes() > 0; ++op) {
        switch (p.ConsumeIntegralInRange(0, 5)) {
            case 0:
                try_add(land, make.area(), land.areas().size(),
                        [](Landscape& l, Area r) { return l.add_area(std::move(r)); });
                break;
            case 1:
                try_add(land, make.actor(), land.actors().size(),
                        [](Landscape& l, Actor r) { return l.add_actor(std::move(r)); });
                break;
            case 2:
                try_add(land, make.measure(), land.measures().size(),
                        [](Landscape& l, Measure r) { return l.add_measure(std::move(r)); });
                break;
            case 3:
                try_add(land, make.link(), land.links().size(),
                        [](Landscape& l, Link r) { return l.add_link(std::move(r)); });
                break;
            case 4:
                try_add(land, make.transition(), land.transitions().size(),
                        [](Landscape& l, Transition r) { return l.add_transition(std::move(r)); });
                break;
            default:
                try_add(land, make.indicator(), land.indicators().size(),
                        [](Landscape& l, Indicator r) { return l.add_indicator(std::move(r)); });
                break;
        }
    }
    check_valid(land);
}

void batch_mode(FuzzedDataProvider& p, Maker& make) {
    LandscapeRecords r;
    r.name = make.text();
    r.year = make.maybe_year();
    if (p.ConsumeBool()) r.currency = make.text(4);
    for (int op = 0; op < 48 && p.remaining_bytes() > 0; ++op) {
        switch (p.ConsumeIntegralInRange(0, 5)) {
            case 0:
                r.areas.push_back(make.area());
                break;
            case 1:
                r.actors.push_back(make.actor());
                break;
            case 2:
                r.measures.push_back(make.measure());
                break;
            case 3:
                r.links.push_back(make.link());
                break;
            case 4:
                r.transitions.push_back(make.transition());
                break;
            default:
                r.indicators.push_back(make.indicator());
                break;
        }
    }
    const LandscapeRecords input = r;
    Landscape land;
    try {
        land = Landscape::from_records(std::move(r));
    } catch (const ValidationError& e) {
        if (e.problems().empty()) finding("ValidationError without problems");
        for (const auto& pr : e.problems())
            if (pr.message.empty() || pr.collection.empty())
                finding("a problem without message or collection", pr.to_string());
        return;
    }
    if (!(land.records() == input)) finding("from_records did not keep the records as given");
    check_valid(land);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider p(data, size);
    Maker make(p);
    if (p.ConsumeBool())
        add_mode(p, make);
    else
        batch_mode(p, make);
    return 0;
}
