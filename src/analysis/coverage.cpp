// Coverage tables. Each dimension is an Axis that, for a measure (and one of its providers),
// calls back with the row/column positions the measure belongs to; the table is then one pass
// over the measures. Positions of one measure are de-duplicated before they are counted,
// which is what "once in each cell it belongs to" means (docs/mapping.md).
#include "samkart/analysis/coverage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "analysis/scope.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/level.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {

namespace {
constexpr std::array<std::string_view, 9> dimension_names{"area", "actor", "sector", "owner", "level",
                                                          "target", "age", "key", "tee"};
constexpr std::array<std::string_view, 5> value_names{"measures", "capacity", "participants", "cost",
                                                      "actors"};
constexpr std::array<std::string_view, 2> missing_names{"skip", "strict"};

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
    std::string out;
    for (auto n : names) {
        if (!out.empty()) out += '|';
        out += n;
    }
    return out;
}

template <std::size_t N>
std::size_t parse_name(const std::array<std::string_view, N>& names, std::string_view name,
                       const char* what) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return i;
    throw ArgumentError("unknown " + std::string(what) + " '" + std::string(name) + "'; expected one of " +
                joined(names));
}

bool is_provider_dimension(Dimension d) {
    return d == Dimension::ACTOR || d == Dimension::SECTOR || d == Dimension::OWNER;
}

/// Positions of the labels of an open vocabulary (sector, target): recommended names first in
/// vocabulary order, then other names in order of first appearance, then "(none)".
struct OpenLabels {
    std::unordered_map<std::string, Index> position;
    Labels labels;
    Index none = npos;

    void build(std::span<const Term> vocabulary, const std::vector<std::string>& seen, bool any_none) {
        std::unordered_map<std::string_view, char> present;
        for (const auto& s : seen) present.emplace(s, 1);
        for (const auto& t : vocabulary)
            if (present.contains(t.name)) add(std::string(t.name), std::string(t.en));
        for (const auto& s : seen)
            if (!position.contains(s)) add(s, s);
        if (any_none) {
            none = static_cast<Index>(labels.size());
            labels.push_back(std::string(none_label), std::string(none_label));
        }
    }
    void add(std::string id, std::string name) {
        position.emplace(id, static_cast<Index>(labels.size()));
        labels.push_back(std::move(id), std::move(name));
    }
};

/// One dimension of the table, resolved against the landscape.
class Axis {
public:
    Axis(const Landscape& land, Dimension dim, const detail::Scope& scope, const detail::AreaSets& sets,
         const CoverageOptions& options)
        : land_(land), dim_(dim), sets_(sets) {
        switch (dim) {
        case Dimension::AREA: {
            position_.assign(land.areas().size(), npos);
            for (Index a = 0; a < land.areas().size(); ++a)
                if (scope.areas[a]) {
                    position_[a] = static_cast<Index>(labels_.size());
                    labels_.push_back(land.areas()[a].id, land.areas()[a].name);
                }
            break;
        }
        case Dimension::ACTOR: {
            position_.assign(land.actors().size(), npos);
            for (Index a = 0; a < land.actors().size(); ++a)
                if (scope.actors[a]) {
                    position_[a] = static_cast<Index>(labels_.size());
                    labels_.push_back(land.actors()[a].id, land.actors()[a].name);
                }
            break;
        }
        case Dimension::SECTOR: {
            std::vector<std::string> seen;
            bool any_none = false;
            for (Index a = 0; a < land.actors().size(); ++a) {
                if (!scope.actors[a]) continue;
                const auto& s = land.actors()[a].sector;
                if (s.empty()) any_none = true;
                else seen.push_back(s);
            }
            OpenLabels open;
            open.build(recommended_sectors(), seen, any_none);
            position_.assign(land.actors().size(), npos);
            for (Index a = 0; a < land.actors().size(); ++a) {
                if (!scope.actors[a]) continue;
                const auto& s = land.actors()[a].sector;
                position_[a] = s.empty() ? open.none : open.position.at(s);
            }
            labels_ = std::move(open.labels);
            break;
        }
        case Dimension::OWNER:
            for (const auto& t : terms<Owner>()) labels_.push_back(std::string(t.name), std::string(t.en));
            position_.reserve(land.actors().size());
            for (const auto& a : land.actors()) position_.push_back(static_cast<Index>(a.owner));
            break;
        case Dimension::LEVEL:
            for (Level l : all_levels)
                labels_.push_back(std::string(level_name(l)), std::string(level_label(l, "en")));
            break;
        case Dimension::TARGET: {
            std::vector<std::string> seen;
            bool any_none = false;
            for (Index m = 0; m < land.measures().size(); ++m) {
                if (!scope.measures[m]) continue;
                const auto& ts = land.measures()[m].targets;
                if (ts.empty()) any_none = true;
                seen.insert(seen.end(), ts.begin(), ts.end());
            }
            OpenLabels open;
            open.build(recommended_targets(), seen, any_none);
            none_ = open.none;
            // Targets of each measure as positions, compressed rows.
            start_.reserve(land.measures().size() + 1);
            start_.push_back(0);
            for (Index m = 0; m < land.measures().size(); ++m) {
                if (scope.measures[m])
                    for (const auto& t : land.measures()[m].targets) position_.push_back(open.position.at(t));
                start_.push_back(position_.size());
            }
            labels_ = std::move(open.labels);
            break;
        }
        case Dimension::AGE: {
            std::optional<AgeRange> hull_of_measures;
            for (Index m = 0; m < land.measures().size(); ++m) {
                if (!scope.measures[m]) continue;
                const AgeRange r = land.measure_ages(m);
                hull_of_measures = hull_of_measures ? hull(*hull_of_measures, r) : r;
            }
            if (options.ages) {
                if (!options.ages->valid())
                    throw ArgumentError("ages " + options.ages->to_string() +
                                " is not a range of ages: expected 0 <= min <= max <= 120");
                ages_ = *options.ages;
            } else if (hull_of_measures) {
                ages_ = *hull_of_measures;
            } else {
                ages_ = {0, -1};  // no measures: no years
            }
            for (int y = ages_.min; y <= ages_.max; ++y) labels_.push_back(std::to_string(y), std::to_string(y));
            break;
        }
        case Dimension::KEY:
        case Dimension::TEE: {
            const auto ts = dim == Dimension::KEY ? terms<Key>() : terms<Tee>();
            for (const auto& t : ts) labels_.push_back(std::string(t.name), std::string(t.en));
            bool any_none = false;
            for (Index m = 0; m < land.measures().size(); ++m) {
                if (!scope.measures[m]) continue;
                const auto& mm = land.measures()[m];
                any_none = any_none || (dim == Dimension::KEY ? mm.keys.empty() : mm.tees.empty());
            }
            if (any_none) {
                none_ = static_cast<Index>(labels_.size());
                labels_.push_back(std::string(none_label), std::string(none_label));
            }
            break;
        }
        }
    }

    [[nodiscard]] const Labels& labels() const { return labels_; }
    [[nodiscard]] Index size() const { return static_cast<Index>(labels_.size()); }

    /// Calls f(position) for each row/column that measure m (through provider p, for the
    /// provider dimensions) belongs to. Positions may repeat; the caller de-duplicates.
    template <class F>
    void each(Index m, Index p, F&& f) const {
        switch (dim_) {
        case Dimension::AREA:
            for (Index a : sets_.of(m))
                if (position_[a] != npos) f(position_[a]);
            return;
        case Dimension::ACTOR:
        case Dimension::SECTOR:
        case Dimension::OWNER:
            if (position_[p] != npos) f(position_[p]);
            return;
        case Dimension::LEVEL:
            f(static_cast<Index>(land_.measures()[m].level) - 1);
            return;
        case Dimension::TARGET:
            if (start_[m] == start_[m + 1]) f(none_);
            for (std::size_t k = start_[m]; k < start_[m + 1]; ++k) f(position_[k]);
            return;
        case Dimension::AGE: {
            const AgeRange r = land_.measure_ages(m);
            const int lo = std::max(r.min, ages_.min), hi = std::min(r.max, ages_.max);
            for (int y = lo; y <= hi; ++y) f(static_cast<Index>(y - ages_.min));
            return;
        }
        case Dimension::KEY: {
            const auto& ks = land_.measures()[m].keys;
            if (ks.empty()) f(none_);
            for (Key k : ks) f(static_cast<Index>(k));
            return;
        }
        case Dimension::TEE: {
            const auto& ts = land_.measures()[m].tees;
            if (ts.empty()) f(none_);
            for (Tee t : ts) f(static_cast<Index>(t));
            return;
        }
        }
    }

private:
    const Landscape& land_;
    Dimension dim_;
    const detail::AreaSets& sets_;
    Labels labels_;
    std::vector<Index> position_;   // area/actor → position; or target positions (compressed)
    std::vector<std::size_t> start_;  // target: compressed-row starts per measure
    Index none_ = npos;
    AgeRange ages_{};
};

std::optional<double> measure_value(const Measure& m, Value v) {
    switch (v) {
    case Value::CAPACITY: return m.capacity;
    // Yearly flows only: a count on one day is never added to one per year (it counts as
    // lacking, so a cell of stocks alone is NaN and `missing` says how many).
    case Value::PARTICIPANTS:
        return m.participants_kind == CountKind::FLOW ? m.participants : std::nullopt;
    case Value::COST: return m.cost;
    default: return 1.0;
    }
}

}  // namespace

std::string_view dimension_name(Dimension d) noexcept { return dimension_names[static_cast<std::size_t>(d)]; }
std::string_view value_name(Value v) noexcept { return value_names[static_cast<std::size_t>(v)]; }
Dimension parse_dimension(std::string_view name) {
    return static_cast<Dimension>(parse_name(dimension_names, name, "dimension"));
}
Value parse_value(std::string_view name) { return static_cast<Value>(parse_name(value_names, name, "value")); }
MissingRule parse_missing_rule(std::string_view name) {
    return static_cast<MissingRule>(parse_name(missing_names, name, "missing rule"));
}

Eigen::Index LabelledMatrix::row(const std::string& id) const {
    const auto it = std::find(rows.ids.begin(), rows.ids.end(), id);
    if (it == rows.ids.end()) throw UnknownIdError(row_dimension + " row", id);
    return it - rows.ids.begin();
}
Eigen::Index LabelledMatrix::col(const std::string& id) const {
    const auto it = std::find(cols.ids.begin(), cols.ids.end(), id);
    if (it == cols.ids.end()) throw UnknownIdError(col_dimension + " column", id);
    return it - cols.ids.begin();
}

LabelledMatrix coverage(const Landscape& land, Dimension rows, Dimension cols, const CoverageOptions& options) {
    const bool need_sets = rows == Dimension::AREA || cols == Dimension::AREA || options.area;
    const detail::AreaSets sets = need_sets ? detail::measure_area_sets(land, options.inherit) : detail::AreaSets{};
    const detail::Scope scope = detail::make_scope(land, options.area, options.inherit, sets);
    const Axis row_axis(land, rows, scope, sets, options);
    const Axis col_axis(land, cols, scope, sets, options);

    LabelledMatrix out;
    out.row_dimension = dimension_name(rows);
    out.col_dimension = dimension_name(cols);
    out.rows = row_axis.labels();
    out.cols = col_axis.labels();
    const Index n_rows = row_axis.size(), n_cols = col_axis.size();
    if (options.totals) {
        out.rows.push_back(std::string(total_label), "Total");
        out.cols.push_back(std::string(total_label), "Total");
    }
    const auto R = static_cast<Eigen::Index>(out.rows.size());
    const auto C = static_cast<Eigen::Index>(out.cols.size());
    const bool numeric = options.value == Value::CAPACITY || options.value == Value::PARTICIPANTS ||
                         options.value == Value::COST;
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(R, C);
    Eigen::MatrixXd count = Eigen::MatrixXd::Zero(R, C);   // measures in the cell
    Eigen::MatrixXd lacking = Eigen::MatrixXd::Zero(R, C); // of them, without the value

    const bool by_provider = is_provider_dimension(rows) || is_provider_dimension(cols);
    const bool count_actors = options.value == Value::ACTORS;
    std::vector<std::uint64_t> cells;         // cell positions of one measure (col-major index)
    std::vector<std::uint64_t> actor_cells;   // (cell << 32 | actor) over all measures
    // participants: the cells of each measure, so that a subset is not added where its whole is.
    const bool subsets = options.value == Value::PARTICIPANTS;
    std::vector<std::vector<std::uint64_t>> cells_of(subsets ? land.measures().size() : 0);
    auto visit = [&](Index m, Index p, auto&& emit) {
        auto on_row = [&](Index r) {
            auto on_col = [&](Index c) { emit(static_cast<std::uint64_t>(c) * static_cast<std::uint64_t>(R) + r); };
            col_axis.each(m, p, on_col);
            if (options.totals) on_col(n_cols);
        };
        row_axis.each(m, p, on_row);
        if (options.totals) on_row(n_rows);
    };
    for (Index m = 0; m < land.measures().size(); ++m) {
        if (!scope.measures[m]) continue;
        const auto providers = land.measure_providers(m);
        cells.clear();
        if (by_provider) {
            for (Index p : providers) {
                if (count_actors)
                    visit(m, p, [&](std::uint64_t cell) { actor_cells.push_back(cell << 32 | p); });
                else
                    visit(m, p, [&](std::uint64_t cell) { cells.push_back(cell); });
            }
        } else {
            visit(m, npos, [&](std::uint64_t cell) { cells.push_back(cell); });
            if (count_actors) {
                std::sort(cells.begin(), cells.end());
                cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
                for (auto cell : cells)
                    for (Index p : providers) actor_cells.push_back(cell << 32 | p);
                continue;
            }
        }
        if (count_actors) continue;
        std::sort(cells.begin(), cells.end());
        cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
        const auto v = measure_value(land.measures()[m], options.value);
        double* s = sum.data();
        double* n = count.data();
        double* l = lacking.data();
        for (auto cell : cells) {
            n[cell] += 1;
            if (v) s[cell] += *v;
            else l[cell] += 1;
        }
        if (subsets) cells_of[m] = cells;
    }
    // A subset's participants are already in its whole's (participants_of): where the whole
    // (or a whole above it) is in the same cell, take the subset back out, as a measure that
    // adds nothing and lacks nothing.
    if (subsets)
        for (Index m = 0; m < land.measures().size(); ++m) {
            if (land.measure_whole(m) == npos || cells_of[m].empty()) continue;
            const auto v = measure_value(land.measures()[m], options.value);
            for (auto cell : cells_of[m]) {
                bool inside = false;
                for (Index w = land.measure_whole(m); w != npos && !inside; w = land.measure_whole(w))
                    inside = std::binary_search(cells_of[w].begin(), cells_of[w].end(), cell);
                if (!inside) continue;
                if (v) sum.data()[cell] -= *v;
                else lacking.data()[cell] -= 1;
                count.data()[cell] -= 1;
            }
        }
    if (count_actors) {
        std::sort(actor_cells.begin(), actor_cells.end());
        actor_cells.erase(std::unique(actor_cells.begin(), actor_cells.end()), actor_cells.end());
        for (auto ac : actor_cells) sum.data()[ac >> 32] += 1;
    }
    if (numeric) {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        for (Eigen::Index k = 0; k < sum.size(); ++k) {
            const double n = count.data()[k], l = lacking.data()[k];
            if (n > 0 && (l == n || (options.missing == MissingRule::STRICT && l > 0))) sum.data()[k] = nan;
        }
        out.missing = std::move(lacking);
    }
    out.values = std::move(sum);
    return out;
}

}  // namespace samkart
