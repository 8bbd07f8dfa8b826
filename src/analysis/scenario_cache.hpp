#pragma once
// The fast path of prioritize: a gap analysis of a candidate's landscape that borrows, from
// the analysis of the landscape it was made from, the parts the candidate does not touch (the
// scope tables, the link structure and the collaboration network).

#include <span>

#include "gaps_context.hpp"
#include "samkart/analysis/scenario/change.hpp"

namespace samkart::detail {

/// What a list of changes touches, for reuse.
struct Touched {
    bool scopes = false;  ///< areas, actors or measures (or a measure's status)
    bool links = false;   ///< actors or links
    bool link_fields = false;  ///< only fields of links (who coordinates): the network stays
};
[[nodiscard]] Touched touched(std::span<const Change> changes);

/// The gap context of one base landscape, kept between candidates.
class GapCache {
public:
    /// Builds the full context (and network, when silo or single_point_of_failure is wanted)
    /// of `base`; both `base` and `rules` must outlive the cache.
    GapCache(const Landscape& base, const GapRules& rules);
    /// The total severity (detail::total_severity) of `find_gaps(after, rules)` for a
    /// landscape made from the base by changes that touch no more than `what`: the same gaps,
    /// found with the borrowed parts and not sorted into a report.
    [[nodiscard]] double total_severity(const Landscape& after, Touched what);

private:
    const GapRules& rules_;
    GapContext base_;
};

}  // namespace samkart::detail
