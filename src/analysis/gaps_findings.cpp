// Findings: gaps grouped by cause (docs/gaps.md, "Findings"). The cause of each gap is set by
// find_gaps, which knows the landscape (organisations, sectors); GapReport::findings groups by
// it without the landscape, so a filtered or saved report still groups the same way.
#include <algorithm>
#include <map>
#include <numeric>

#include "gaps_context.hpp"

namespace samkart {

namespace detail {

namespace {

/// An organisation with units, or an actor serving several municipalities, is named by its
/// top; a local actor of its own is not (its finding is named by its sector), so that a
/// landscape without part_of still groups its gaps into a readable number of findings.
bool named_organisation(const GapContext& ctx, Index actor) {
    const Index top = ctx.lineage[actor].back();
    return top != actor || ctx.has_units(top) || ctx.actor_scopes[actor].size() > 1;
}

}  // namespace

void assign_causes(const GapContext& ctx, std::vector<Gap>& gaps) {
    const auto& land = ctx.land;
    for (auto& g : gaps) {
        const std::string kind(gap_kind_name(g.kind));
        const std::string level = g.level ? std::to_string(static_cast<int>(*g.level)) : "-";
        if (!g.cause.empty()) continue;
        switch (g.kind) {
            case GapKind::AGE_CLIFF: {
                // One cause per sector, level and age; the finding names the organisation when
                // all its gaps are of one (GapReport::findings), else the sector.
                const Index actor = land.actor_index(g.actors.front());
                g.subject = named_organisation(ctx, actor) ? land.actors()[ctx.lineage[actor].back()].name : "";
                g.cause = kind + ":" + land.actors()[actor].sector + ":" + level + ":" +
                          std::to_string(g.ages->min);
                break;
            }
            case GapKind::AGE_UNCOVERED: g.cause = kind + ":" + g.ages->to_string(); break;
            case GapKind::CAPACITY_SHORT:
            case GapKind::CAPACITY_UNKNOWN: g.cause = kind + ":" + level; break;
            case GapKind::DUPLICATION: {
                // Level and target groups (the part of the function before the sectors).
                g.subject = g.detail;
                g.cause = kind + ":" + g.detail.substr(0, g.detail.find('#'));
                break;
            }
            case GapKind::SINGLE_POINT_OF_FAILURE:
            case GapKind::ISOLATED_ACTOR: {
                const auto& actor = land.actor(g.actors.front());
                g.subject = "sector:" + actor.sector;
                g.cause = kind + ":" + g.subject + ":" + level;
                break;
            }
            case GapKind::SILO:
            case GapKind::NOT_MAPPED: g.cause = kind + ":" + g.detail; break;
            default: g.cause = kind + ":" + level; break;
        }
    }
}

}  // namespace detail

std::vector<Finding> GapReport::findings() const {
    std::vector<Finding> out;
    std::map<std::string, std::size_t> index;
    auto add_unique = [](std::vector<std::string>& ids, std::vector<std::string>& names,
                         const std::string& id, const std::string& name) {
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) return;
        ids.push_back(id);
        names.push_back(name);
    };
    for (std::size_t i = 0; i < gaps_.size(); ++i) {
        const auto& g = gaps_[i];
        const auto cause = g.cause.empty() ? std::string(gap_kind_name(g.kind)) : g.cause;
        auto [it, fresh] = index.try_emplace(cause, out.size());
        if (fresh) {
            Finding f;
            f.cause = cause;
            f.kind = g.kind;
            f.category = g.category;
            f.severity = g.severity;
            f.level = g.level;
            f.ages = g.ages;
            f.subject = g.subject;
            f.detail = g.detail;
            f.lead = g;
            out.push_back(std::move(f));
        }
        auto& f = out[it->second];
        if (f.subject != g.subject) f.subject.clear();  // gaps of several organisations
        f.severity = std::max(f.severity, g.severity);
        if (g.young_people) f.young_people = f.young_people.value_or(0) + *g.young_people;
        if (g.area) {
            add_unique(f.areas, f.area_names, *g.area, g.area_name);
            f.municipalities = f.municipalities && g.area_kind == "municipality";
        }
        for (std::size_t k = 0; k < g.actors.size(); ++k)
            add_unique(f.actors, f.actor_names, g.actors[k], k < g.actor_names.size() ? g.actor_names[k] : g.actors[k]);
        f.gaps.push_back(i);
        if ((g.kind == GapKind::HANDOFF_UNLINKED || g.kind == GapKind::HANDOFF_UNCOORDINATED) &&
            g.actor_names.size() == 2) {
            f.route_sources.push_back(g.actor_names[0]);
            f.route_targets.push_back(g.actor_names[1]);
        }
        f.illustrative = f.illustrative || g.illustrative;
        f.value += g.value.value_or(0);
        f.expected += g.expected.value_or(0);
        f.value_missing += g.value_missing;
    }
    // A cliff finding of several organisations (or local actors) is named by their sector.
    for (auto& f : out)
        if (f.kind == GapKind::AGE_CLIFF && f.subject.empty()) {
            const auto first = f.cause.find(':') + 1;
            f.subject = "sector:" + f.cause.substr(first, f.cause.find(':', first) - first);
        }
    // Ranked by the young people affected (none last), then severity, then reach.
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        const double ya = a.young_people.value_or(-1), yb = b.young_people.value_or(-1);
        if (ya != yb) return ya > yb;
        if (a.severity != b.severity) return a.severity > b.severity;
        if (a.gaps.size() != b.gaps.size()) return a.gaps.size() > b.gaps.size();
        return a.cause < b.cause;
    });
    return out;
}

}  // namespace samkart
