// samkart::datasets::synthetic: a deterministic landscape for scale tests and benchmarks.
//
// Every random choice comes from our own xoshiro256** generator (seeded by splitmix64) and our
// own integer distributions, and no floating-point function (log, exp, cos) is used, so the
// same arguments give the same landscape with every compiler and standard library (std::
// distributions differ between libstdc++, libc++ and MSVC). The proportions are documented in
// docs/datasets.md; keep the two in step.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "samkart/core/errors.hpp"
#include "samkart/datasets.hpp"

#include "random.hpp"

namespace samkart::datasets {

namespace {

// --- random numbers -----------------------------------------------------------------------

class Rng {
public:
    explicit Rng(std::uint64_t seed) noexcept : gen_(detail::Xoshiro256::from_seed(seed)) {}
    std::uint64_t next() noexcept { return gen_.next(); }
    /// Uniform in [0, n), n > 0, without modulo bias (rejection below 2^64 mod n).
    std::uint64_t below(std::uint64_t n) noexcept {
        const std::uint64_t threshold = (0 - n) % n;
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold) return r % n;
        }
    }
    /// Uniform in [lo, hi], lo ≤ hi.
    int between(int lo, int hi) noexcept {
        return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    /// True with probability per_mille / 1000.
    bool chance(unsigned per_mille) noexcept { return below(1000) < per_mille; }
    /// Index i with probability weights[i] / sum(weights).
    template <std::size_t N>
    std::size_t pick(const std::array<unsigned, N>& weights) noexcept {
        std::uint64_t total = 0;
        for (unsigned w : weights) total += w;
        std::uint64_t r = below(total);
        for (std::size_t i = 0; i < N; ++i) {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return N - 1;
    }

private:
    detail::Xoshiro256 gen_;
};

// --- the proportions (docs/datasets.md) -----------------------------------------------------

struct SectorSpec {
    const char* name;
    const char* label;  // Norwegian, for actor names
    Owner owner;
    unsigned weight;             // share of the sampled actors, per cent
    unsigned private_per_mille;  // chance that the actor is privately owned instead
    std::optional<AgeRange> ages;
    std::array<unsigned, 4> level_weights;  // of its measures, levels 1..4
    std::array<const char*, 3> targets;     // target groups of its measures above level 1
    bool regional;                          // may also serve the neighbouring municipality
};

// Municipal services dominate, as in a real municipality (DOMAIN.md, seed 002 §1.1); about half
// of Norwegian kindergartens are private. The weights sum to 100.
constexpr std::array<SectorSpec, 18> sectors{{
    {"kindergarten", "Barnehage", Owner::MUNICIPAL, 12, 450, AgeRange{0, 5}, {80, 15, 5, 0},
     {"child_welfare", "immigrant", nullptr}, false},
    {"primary_school", "Grunnskole", Owner::MUNICIPAL, 14, 30, AgeRange{6, 16}, {50, 25, 20, 5},
     {"dropout_risk", "high_absence", "immigrant"}, false},
    {"health_station", "Helsestasjon", Owner::MUNICIPAL, 5, 0, AgeRange{0, 20}, {40, 40, 15, 5},
     {"mental_health", "child_welfare", nullptr}, false},
    {"school_health_service", "Skolehelsetjeneste", Owner::MUNICIPAL, 5, 0, AgeRange{6, 20},
     {35, 45, 15, 5}, {"mental_health", "high_absence", nullptr}, false},
    {"child_welfare", "Barnevern", Owner::MUNICIPAL, 5, 0, AgeRange{0, 24}, {0, 25, 40, 35},
     {"child_welfare", nullptr, nullptr}, false},
    {"culture_leisure", "Kultur og fritid", Owner::MUNICIPAL, 10, 0, std::nullopt, {80, 15, 5, 0},
     {"low_income", "immigrant", nullptr}, false},
    {"housing", "Boligkontor", Owner::MUNICIPAL, 3, 0, std::nullopt, {0, 30, 50, 20},
     {"low_income", nullptr, nullptr}, false},
    {"mental_health", "Psykisk helse", Owner::MUNICIPAL, 5, 0, std::nullopt, {0, 40, 35, 25},
     {"mental_health", nullptr, nullptr}, false},
    {"substance_abuse", "Rustjeneste", Owner::MUNICIPAL, 3, 0, std::nullopt, {0, 30, 40, 30},
     {"substance_use", nullptr, nullptr}, false},
    {"public_health", "Folkehelse", Owner::MUNICIPAL, 2, 0, std::nullopt, {85, 15, 0, 0},
     {"low_income", nullptr, nullptr}, false},
    {"labour_welfare", "NAV", Owner::STATE, 4, 0, std::nullopt, {0, 20, 40, 40},
     {"neet", "reduced_work_capacity", "disability"}, false},
    {"upper_secondary_school", "Videregående skole", Owner::COUNTY, 6, 0, AgeRange{15, 24},
     {50, 30, 20, 0}, {"dropout_risk", "high_absence", nullptr}, true},
    {"follow_up_service", "Oppfølgingstjenesten", Owner::COUNTY, 2, 0, AgeRange{16, 21},
     {0, 0, 40, 60}, {"neet", "dropout_risk", nullptr}, true},
    {"apprenticeship_office", "Fagopplæring", Owner::COUNTY, 1, 0, AgeRange{16, 24},
     {40, 30, 30, 0}, {"dropout_risk", "disability", nullptr}, true},
    {"specialist_health", "Spesialisthelsetjeneste", Owner::STATE, 3, 0, std::nullopt,
     {0, 0, 30, 70}, {"mental_health", "substance_use", nullptr}, true},
    {"ngo", "Frivillig organisasjon", Owner::VOLUNTARY, 11, 0, std::nullopt, {60, 30, 10, 0},
     {"low_income", "immigrant", "mental_health"}, false},
    {"employer", "Arbeidsgiver", Owner::PRIVATE, 8, 0, AgeRange{16, 67}, {50, 20, 20, 10},
     {"neet", "disability", nullptr}, false},
    {"cross_sector", "Ungdomsteam", Owner::MUNICIPAL, 1, 0, AgeRange{16, 25}, {0, 20, 50, 30},
     {"neet", "dropout_risk", nullptr}, false},
}};

constexpr std::array<unsigned, sectors.size()> sector_weights = [] {
    std::array<unsigned, sectors.size()> w{};
    unsigned sum = 0;
    for (std::size_t i = 0; i < sectors.size(); ++i) sum += (w[i] = sectors[i].weight);
    if (sum != 100) throw "the sector weights must sum to 100";
    return w;
}();

constexpr std::size_t sector_index(std::string_view name) {
    for (std::size_t i = 0; i < sectors.size(); ++i)
        if (sectors[i].name == name) return i;
    throw "unknown sector";
}

// The first actors of every municipality: the services every municipality has.
constexpr std::array<std::size_t, 10> core_sectors{
    sector_index("primary_school"),    sector_index("kindergarten"),
    sector_index("health_station"),    sector_index("labour_welfare"),
    sector_index("child_welfare"),     sector_index("school_health_service"),
    sector_index("culture_leisure"),   sector_index("upper_secondary_school"),
    sector_index("mental_health"),     sector_index("follow_up_service")};

// Measures per actor: 1, 2 or 3 (mean 2.1).
constexpr std::array<unsigned, 3> measure_count_weights{25, 40, 35};
// Link kinds in enum order: agreement, referral, shared_plan, information_sharing, co_location,
// joint_measure, network. Mostly informal networks, referrals and information sharing.
constexpr std::array<unsigned, 7> link_kind_weights{12, 25, 4, 18, 4, 7, 30};
constexpr std::array<unsigned, 4> intensity_weights{30, 35, 25, 10};

// Total population of a municipality: size classes roughly as in Norway, uniform within a class.
struct SizeClass {
    unsigned weight;
    int lo, hi;
};
constexpr std::array<SizeClass, 6> size_classes{{{250, 500, 2000},
                                                 {250, 2000, 5000},
                                                 {200, 5000, 10000},
                                                 {150, 10000, 20000},
                                                 {100, 20000, 50000},
                                                 {50, 50000, 200000}}};
constexpr std::array<unsigned, size_classes.size()> size_weights = [] {
    std::array<unsigned, size_classes.size()> w{};
    for (std::size_t i = 0; i < size_classes.size(); ++i) w[i] = size_classes[i].weight;
    return w;
}();

constexpr std::array<const char*, 20> prefixes{
    "Aust", "Berg", "Dal", "Eid", "Fjell", "Grav", "Hol",  "Kvit",  "Lund", "Mo",
    "Nes",  "Os",   "Rød", "Sand", "Sol",  "Stor", "Tveit", "Vest", "Øy",   "Ås"};
constexpr std::array<const char*, 20> suffixes{
    "dal", "fjord", "heim", "land", "nes", "vik", "berg", "stad",   "rud",   "sund",
    "øy",  "haug",  "bø",   "li",   "mark", "våg", "strand", "hamar", "eid", "tun"};
constexpr std::array<const char*, 4> level_labels{"Universelt", "Tidlig innsats", "Målrettet",
                                                  "Intensivt"};

constexpr std::uint64_t per_county = 25;
constexpr std::uint64_t max_actors = 10'000'000;

std::string padded(std::uint64_t n, std::size_t width) {
    std::string s = std::to_string(n);
    if (s.size() < width) s.insert(0, width - s.size(), '0');
    return s;
}

std::size_t digits(std::uint64_t n) { return std::to_string(n).size(); }

std::string municipality_name(std::uint64_t i) {
    std::string name = std::string(prefixes[i % prefixes.size()]) +
                       suffixes[(i / prefixes.size()) % suffixes.size()];
    const std::uint64_t round = i / (prefixes.size() * suffixes.size());
    if (round > 0) name += " " + std::to_string(round + 1);
    return name;
}

/// Builds the records collection by collection. The order of the random draws is the order of
/// the statements below: never put two draws in one expression, whose evaluation order C++
/// leaves unspecified.
class Generator {
public:
    Generator(std::uint64_t areas, std::uint64_t per_area, std::uint64_t seed)
        : n_areas_(areas), per_area_(per_area), n_counties_((areas + per_county - 1) / per_county),
          rng_(seed) {}
    /// Over given areas: their municipalities get the actors, grouped by their parents.
    Generator(const std::vector<Area>& given, std::uint64_t municipalities, std::uint64_t per_area,
              std::uint64_t seed)
        : n_areas_(municipalities), per_area_(per_area), n_counties_(0), rng_(seed),
          given_(&given) {}

    LandscapeRecords run() {
        r_.year = 2021;
        r_.currency = "NOK";
        if (given_)
            make_given_areas();
        else
            make_areas();
        make_actors();
        make_measures();
        make_links();
        make_transitions();
        make_indicators();
        return std::move(r_);
    }

private:
    /// Where each generated actor sits, to pick partners without string look-ups.
    struct ActorInfo {
        std::size_t sector;
        std::uint32_t municipality;
    };

    std::uint32_t actor_in(std::uint64_t m, std::uint64_t k) const {
        return static_cast<std::uint32_t>(m * per_area_ + k);
    }
    std::uint64_t n_actors() const { return n_areas_ * per_area_; }

    void make_areas();
    void make_given_areas();
    void make_actors();
    void make_measures();
    void make_links();
    void make_transitions();
    void make_indicators();
    void add_link(std::uint32_t a, std::uint32_t b, LinkKind kind);
    void hand_over(std::uint32_t s, std::uint32_t t, double volume, const char* reason,
                   std::optional<AgeRange> ages);

    std::uint64_t n_areas_, per_area_, n_counties_;
    Rng rng_;
    const std::vector<Area>* given_ = nullptr;
    std::vector<std::uint32_t> county_of_;  // per municipality: its county (group) index
    LandscapeRecords r_;
    std::vector<std::string> muni_ids_, muni_names_;
    std::vector<double> youth_;  // population 16–25 per municipality
    std::vector<ActorInfo> info_;
    // County- and state-owned actors per county: the partners of cross-municipal links.
    std::vector<std::vector<std::uint32_t>> regional_;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> referrals_;
};

void Generator::make_areas() {
    const std::size_t county_width = std::max<std::size_t>(2, digits(n_counties_));
    const std::size_t muni_width = std::max<std::size_t>(4, digits(n_areas_));
    r_.areas.reserve(1 + n_counties_ + n_areas_);
    r_.areas.push_back({.id = "NO", .name = "Syntetisk land", .kind = AreaKind::COUNTRY,
                        .illustrative = true, .citation = "synthetic"});
    std::vector<std::string> county_ids(n_counties_);
    for (std::uint64_t c = 0; c < n_counties_; ++c) {
        county_ids[c] = "c" + padded(c + 1, county_width);
        r_.areas.push_back({.id = county_ids[c], .name = "Fylke " + std::to_string(c + 1),
                            .kind = AreaKind::COUNTY, .parent = "NO", .illustrative = true,
                            .citation = "synthetic"});
    }
    muni_ids_.resize(n_areas_);
    muni_names_.resize(n_areas_);
    youth_.resize(n_areas_);
    county_of_.resize(n_areas_);
    for (std::uint64_t m = 0; m < n_areas_; ++m) {
        county_of_[m] = static_cast<std::uint32_t>(m / per_county);
        muni_ids_[m] = "m" + padded(m + 1, muni_width);
        muni_names_[m] = municipality_name(m);
        const SizeClass& size = size_classes[rng_.pick(size_weights)];
        const std::int64_t population = rng_.between(size.lo, size.hi);
        // 11–13 % of the population is 16–25 years old.
        youth_[m] = static_cast<double>(population * rng_.between(110, 130) / 1000);
        r_.areas.push_back({.id = muni_ids_[m], .name = muni_names_[m],
                            .kind = AreaKind::MUNICIPALITY, .parent = county_ids[county_of_[m]],
                            .population = {{AgeRange{16, 25}, youth_[m]}}, .illustrative = true,
                            .citation = "synthetic"});
    }
}

void Generator::make_given_areas() {
    // The given areas as they are; each municipality draws its size as in make_areas, so the
    // population is synthetic and the municipality is marked illustrative.
    r_.areas = *given_;
    std::vector<std::string> parents;
    for (Area& a : r_.areas) {
        if (a.kind != AreaKind::MUNICIPALITY) continue;
        const std::string parent = a.parent.value_or("");
        auto it = std::find(parents.begin(), parents.end(), parent);
        county_of_.push_back(static_cast<std::uint32_t>(it - parents.begin()));
        if (it == parents.end()) parents.push_back(parent);
        muni_ids_.push_back(a.id);
        muni_names_.push_back(a.name);
        const SizeClass& size = size_classes[rng_.pick(size_weights)];
        const std::int64_t population = rng_.between(size.lo, size.hi);
        youth_.push_back(static_cast<double>(population * rng_.between(110, 130) / 1000));
        a.population = {{AgeRange{16, 25}, youth_.back()}};
        a.illustrative = true;
        a.citation = a.citation ? *a.citation + "; population synthetic" : "population synthetic";
    }
    n_counties_ = parents.size();
}

void Generator::make_actors() {
    const std::size_t width = std::max<std::size_t>(2, digits(per_area_));
    r_.actors.reserve(n_actors());
    info_.reserve(n_actors());
    regional_.resize(n_counties_);
    std::vector<unsigned> nth(sectors.size());
    for (std::uint64_t m = 0; m < n_areas_; ++m) {
        std::fill(nth.begin(), nth.end(), 0U);
        const bool has_neighbour = m + 1 < n_areas_ && county_of_[m + 1] == county_of_[m];
        for (std::uint64_t k = 0; k < per_area_; ++k) {
            const std::size_t s =
                k < core_sectors.size() ? core_sectors[k] : rng_.pick(sector_weights);
            const SectorSpec& spec = sectors[s];
            Actor a;
            a.id = muni_ids_[m] + "-a" + padded(k + 1, width);
            a.name = std::string(spec.label) + " " + muni_names_[m];
            if (++nth[s] > 1) {
                a.name += ' ';
                a.name += std::to_string(nth[s]);
            }
            a.sector = spec.name;
            a.owner = spec.owner;
            if (spec.private_per_mille > 0 && rng_.chance(spec.private_per_mille))
                a.owner = Owner::PRIVATE;
            a.areas.push_back(muni_ids_[m]);
            if (spec.regional && has_neighbour && rng_.chance(500))
                a.areas.push_back(muni_ids_[m + 1]);
            a.ages = spec.ages;
            a.illustrative = true;
            a.citation = "synthetic";
            if (a.owner == Owner::COUNTY || a.owner == Owner::STATE)
                regional_[county_of_[m]].push_back(static_cast<std::uint32_t>(r_.actors.size()));
            info_.push_back({s, static_cast<std::uint32_t>(m)});
            r_.actors.push_back(std::move(a));
        }
    }
}

void Generator::make_measures() {
    r_.measures.reserve(n_actors() * 21 / 10 + 16);
    for (std::uint32_t a = 0; a < n_actors(); ++a) {
        const SectorSpec& spec = sectors[info_[a].sector];
        const std::uint64_t m = info_[a].municipality;
        std::vector<const char*> pool;
        for (const char* t : spec.targets)
            if (t) pool.push_back(t);
        const int count = 1 + static_cast<int>(rng_.pick(measure_count_weights));
        for (int j = 1; j <= count; ++j) {
            Measure me;
            const auto level = 1 + rng_.pick(spec.level_weights);
            me.level = static_cast<Level>(level);
            me.id = r_.actors[a].id + "-t" + std::to_string(j);
            me.name = std::string(level_labels[level - 1]) + " tiltak " + std::to_string(j) + ", " +
                      r_.actors[a].name;
            me.providers.push_back(r_.actors[a].id);
            // About 12 % are run with one or two other actors of the municipality.
            if (per_area_ > 1 && rng_.chance(120)) {
                const int extra = rng_.chance(330) ? 2 : 1;
                for (int e = 0; e < extra; ++e) {
                    const auto& other = r_.actors[actor_in(m, rng_.below(per_area_))].id;
                    if (std::find(me.providers.begin(), me.providers.end(), other) ==
                        me.providers.end())
                        me.providers.push_back(other);
                }
            }
            if (level == 1 || pool.empty()) {
                me.targets.emplace_back("all");
                if (!pool.empty() && rng_.chance(200))
                    me.targets.emplace_back(pool[rng_.below(pool.size())]);
            } else {
                const std::size_t first = rng_.below(pool.size());
                me.targets.emplace_back(pool[first]);
                if (pool.size() > 1 && rng_.chance(300)) {
                    const std::size_t step = 1 + rng_.below(pool.size() - 1);
                    me.targets.emplace_back(pool[(first + step) % pool.size()]);
                }
            }
            if (!spec.ages && rng_.chance(300)) {
                constexpr std::array<AgeRange, 3> bands{AgeRange{13, 19}, AgeRange{16, 25},
                                                        AgeRange{18, 29}};
                me.ages = bands[rng_.below(bands.size())];
            }
            if (rng_.chance(500)) me.capacity = rng_.between(10, 200);
            if (rng_.chance(400))
                me.participants =
                    rng_.between(5, me.capacity ? static_cast<int>(*me.capacity) : 200);
            if (rng_.chance(300)) me.cost = 1000.0 * rng_.between(50, 5000);
            if (rng_.chance(350)) me.keys.push_back(Key::COLLABORATION);
            if (rng_.chance(250)) me.keys.push_back(Key::PARTICIPATION);
            if (rng_.chance(100)) me.keys.push_back(Key::INNOVATION);
            if (rng_.chance(level <= 2 ? 500 : 150)) me.tees.push_back(Tee::EARLY);
            if (rng_.chance(level >= 3 ? 600 : 50)) me.tees.push_back(Tee::CLOSE_FOLLOW_UP);
            if (rng_.chance(level >= 3 ? 500 : 100)) me.tees.push_back(Tee::TAILORED);
            if (me.providers.size() > 1 || rng_.chance(200)) me.tees.push_back(Tee::CROSS_SECTOR);
            me.illustrative = true;
            me.citation = "synthetic";
            r_.measures.push_back(std::move(me));
        }
    }
}

void Generator::make_links() {
    r_.links.reserve(n_actors() * 5 / 2 + 16);
    // (source, target, kind) packed without loss: actor indices are < 2^24 for ≤ 10^7 actors.
    auto key = [](std::uint64_t s, std::uint64_t t, LinkKind kind) {
        if (!is_directed(kind) && s > t) std::swap(s, t);
        return (s << 32) | (t << 3) | static_cast<std::uint64_t>(kind);
    };
    std::unordered_set<std::uint64_t> taken;
    taken.reserve(n_actors() * 3);
    for (std::uint32_t a = 0; a < n_actors(); ++a) {
        const std::uint64_t m = info_[a].municipality;
        const auto& partners = regional_[county_of_[m]];
        const int count = rng_.between(1, 4);
        for (int j = 0; j < count; ++j) {
            // 15 %: a county or state actor of another municipality in the county.
            std::uint32_t b = a;
            if (rng_.chance(150) && !partners.empty()) {
                b = partners[rng_.below(partners.size())];
                if (info_[b].municipality == m) b = a;
            }
            if (b == a && per_area_ > 1) b = actor_in(m, rng_.below(per_area_));
            const auto kind = static_cast<LinkKind>(rng_.pick(link_kind_weights));
            // A self-link or a repeat is dropped, not redrawn: the mean degree stays near 5.
            if (b != a && taken.insert(key(a, b, kind)).second) add_link(a, b, kind);
        }
    }
}

void Generator::add_link(std::uint32_t a, std::uint32_t b, LinkKind kind) {
    Link l;
    l.source = r_.actors[a].id;
    l.target = r_.actors[b].id;
    l.kind = kind;
    switch (kind) {
    case LinkKind::AGREEMENT:
        l.formal = rng_.chance(750);
        if (rng_.chance(400)) l.coordinator = rng_.chance(500) ? l.source : l.target;
        break;
    case LinkKind::SHARED_PLAN:
        l.formal = rng_.chance(800);
        l.coordinator = rng_.chance(500) ? l.source : l.target;
        l.consent = true;
        if (rng_.chance(300)) l.legal_basis = "helse- og omsorgstjenesteloven § 7-1";
        break;
    case LinkKind::INFORMATION_SHARING:
        l.consent = rng_.chance(600);
        l.formal = rng_.chance(300);
        break;
    case LinkKind::REFERRAL:
        l.formal = rng_.chance(300);
        l.consent = rng_.chance(400);
        referrals_.emplace_back(a, b);
        break;
    default:
        l.formal = rng_.chance(100);
        break;
    }
    if (rng_.chance(600)) l.intensity = static_cast<Intensity>(rng_.pick(intensity_weights));
    if (rng_.chance(250)) {
        l.trust = rng_.between(0, 8) / 2.0;
        l.value = rng_.between(0, 8) / 2.0;
    }
    if (rng_.chance(400)) {
        const int year = rng_.between(2010, 2021);
        const int month = rng_.between(1, 12);
        l.since = std::to_string(year) + "-" + padded(static_cast<std::uint64_t>(month), 2) + "-01";
    }
    l.illustrative = true;
    l.citation = "synthetic";
    r_.links.push_back(std::move(l));
}

void Generator::hand_over(std::uint32_t s, std::uint32_t t, double volume, const char* reason,
                          std::optional<AgeRange> ages) {
    r_.transitions.push_back({.source = r_.actors[s].id, .target = r_.actors[t].id,
                              .volume = volume, .reason = reason, .ages = ages,
                              .illustrative = true, .citation = "synthetic"});
}

void Generator::make_transitions() {
    // Along 40 % of the referrals, mostly small volumes.
    for (const auto& [s, t] : referrals_) {
        if (!rng_.chance(400)) continue;
        const std::string_view target = sectors[info_[t].sector].name;
        const char* reason = target == "follow_up_service"        ? "dropout"
                             : target == "child_welfare"          ? "concern"
                             : target == "upper_secondary_school" ? "back_to_school"
                                                                  : "referral";
        const int volume = rng_.chance(700) ? rng_.between(1, 20) : rng_.between(21, 120);
        hand_over(s, t, volume, reason, std::nullopt);
    }
    // In each municipality the yearly school cohort moves from its first primary school to its
    // first upper-secondary school, and child welfare hands some over to NAV at 18 (aftercare).
    // Neither needs a link, as in real life, so gap analyses find unlinked hand-overs.
    constexpr std::array<std::size_t, 4> roles{
        sector_index("primary_school"), sector_index("upper_secondary_school"),
        sector_index("child_welfare"), sector_index("labour_welfare")};
    for (std::uint64_t m = 0; m < n_areas_; ++m) {
        std::array<std::optional<std::uint32_t>, roles.size()> first;
        for (std::uint64_t k = 0; k < per_area_; ++k) {
            const std::uint32_t a = actor_in(m, k);
            for (std::size_t i = 0; i < roles.size(); ++i)
                if (info_[a].sector == roles[i] && !first[i]) first[i] = a;
        }
        if (first[0] && first[1])
            hand_over(*first[0], *first[1],
                      static_cast<double>(static_cast<std::int64_t>(youth_[m]) / 10),
                      "school_transition", AgeRange{15, 16});
        if (first[2] && first[3] && rng_.chance(500))
            hand_over(*first[2], *first[3], rng_.between(1, 15), "aftercare", AgeRange{18, 24});
    }
}

void Generator::make_indicators() {
    // NEET 16–25: 5–11 % of the age group.
    r_.indicators.reserve(n_areas_);
    for (std::uint64_t m = 0; m < n_areas_; ++m) {
        const std::int64_t neet =
            static_cast<std::int64_t>(youth_[m]) * rng_.between(50, 110) / 1000;
        r_.indicators.push_back({.area = muni_ids_[m], .key = "neet_count_16_25",
                                 .value = static_cast<double>(neet), .year = 2021,
                                 .source = "synthetic", .illustrative = true});
    }
}

}  // namespace

Landscape synthetic(int areas, int actors_per_area, std::uint64_t seed) {
    if (areas < 1)
        throw Error("synthetic: areas must be at least 1 (got " + std::to_string(areas) + ")");
    if (actors_per_area < 1)
        throw Error("synthetic: actors_per_area must be at least 1 (got " +
                    std::to_string(actors_per_area) + ")");
    const auto n_areas = static_cast<std::uint64_t>(areas);
    const auto per_area = static_cast<std::uint64_t>(actors_per_area);
    if (n_areas * per_area > max_actors)
        throw Error("synthetic: " + std::to_string(areas) + " areas × " +
                    std::to_string(actors_per_area) + " actors = " +
                    std::to_string(n_areas * per_area) + " actors, more than the limit of " +
                    std::to_string(max_actors));
    LandscapeRecords records = Generator(n_areas, per_area, seed).run();
    records.name = "Syntetisk: " + std::to_string(areas) + " kommuner × " +
                   std::to_string(actors_per_area) + " aktører (seed " + std::to_string(seed) + ")";
    // One check of everything at once; the generator adds nothing one record at a time.
    return Landscape::from_records(std::move(records));
}

Landscape synthetic(const std::vector<Area>& areas, int actors_per_area, std::uint64_t seed) {
    const auto municipalities = static_cast<std::uint64_t>(
        std::count_if(areas.begin(), areas.end(),
                      [](const Area& a) { return a.kind == AreaKind::MUNICIPALITY; }));
    if (municipalities == 0)
        throw Error("synthetic: the areas have no municipality; actors are placed in "
                    "municipalities (kind \"municipality\")");
    if (actors_per_area < 1)
        throw Error("synthetic: actors_per_area must be at least 1 (got " +
                    std::to_string(actors_per_area) + ")");
    const auto per_area = static_cast<std::uint64_t>(actors_per_area);
    if (municipalities * per_area > max_actors)
        throw Error("synthetic: " + std::to_string(municipalities) + " municipalities × " +
                    std::to_string(actors_per_area) + " actors = " +
                    std::to_string(municipalities * per_area) +
                    " actors, more than the limit of " + std::to_string(max_actors));
    LandscapeRecords records = Generator(areas, municipalities, per_area, seed).run();
    records.name = "Syntetisk: " + std::to_string(municipalities) + " kommuner × " +
                   std::to_string(actors_per_area) + " aktører (seed " + std::to_string(seed) + ")";
    // The given areas are checked with everything else: a bad parent or a duplicate id is a
    // ValidationError naming the area.
    return Landscape::from_records(std::move(records));
}

}  // namespace samkart::datasets
