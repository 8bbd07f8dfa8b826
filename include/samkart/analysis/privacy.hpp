#pragma once
/// @file privacy.hpp
/// Small-cell suppression (*prikking*, *diskretionering*) of a table of counts of people, so
/// that a published hand-over, participant or indicator table cannot point at a young person.
///
/// **The rule.**
/// - *Primary*: a cell with `0 < count < threshold` is hidden (a zero too with
///   `suppress_zeros`). Totals are cells like any other: a small total is hidden.
/// - *Secondary* (complementary): the reader is assumed to know every row and column sum (the
///   table's own total row/column when it has one, else margins published elsewhere), and
///   that counts are ≥ 0. While a row or column has exactly one hidden cell, the next cell of
///   that line is hidden: the smallest non-zero published inner cell, preferring one whose
///   crossing line already has a hidden cell (so that the complement closes a 2 × 2
///   rectangle), then a zero, then a total; lines are visited rows first, top to bottom, then
///   columns, left to right, and ties go to the first cell of the line. Then the result is
///   checked by linear algebra and one more cell is hidden, the same way, in the row (else
///   the column) of each cell that can still be worked out; when none can, the check is
///   repeated with the sign constraint and the first pinned cell (row-major) gets the better
///   of its row's and its column's complement. All is repeated until no cell can be worked
///   out or none is left to hide.
/// - The attack checked is exact: a hidden cell is *recoverable* when every table that agrees
///   with the published cells and sums gives it the same value. Without the sign constraint
///   that is linear algebra (the cell's unit vector lies in the row space of the row and
///   column equations). With it, hidden zeros can give a cell away: in `[[3, 0], [4, 0]]`
///   with every cell hidden, the second column sums to 0, so both zeros, hence 3 and 4, are
///   known. The pure-Python samkart.privacy this replaces checked only the linear part; the
///   sign stage runs after it, so results differ from that implementation only where its
///   output could be worked out this way, and then hide a superset of its cells.
///
/// **The method.** The hidden cells are the edges of a bipartite multigraph whose vertices
/// are the rows and the columns (a one-dimensional table: one row vertex and one column
/// vertex). Negating the total row's and total column's equations and the cells in exactly
/// one of them turns the equations into the graph's incidence matrix, whose null space is
/// spanned by its cycles (signs alternating). So a cell is linearly recoverable iff its edge
/// is a bridge (Tarjan), and, with counts ≥ 0, iff no cycle through it can be travelled with
/// every hidden zero crossed in the direction that increases it (a breadth-first search per
/// cell, only in the parts of the graph that hold a hidden zero). No floating point is
/// involved in the check.
///
/// **The cost.** For an n × m table with h hidden cells: each round of the "one hidden cell in
/// a line" rule is O(n·m); the linear check is O(n + m + h); the sign check O(h·(n + m + h))
/// when hidden zeros exist, else nothing. Memory O(n·m). A 357 × 60 table takes about a
/// millisecond (docs/performance.md). Deterministic: no randomness, no threads; the same
/// table always gives the same cells. Thread-safe: pure functions of their arguments.
///
/// Limits: the table is protected on its own two-way margins; other tables that share cells
/// or sums with it (a county table over the same municipalities, a third dimension's
/// subtotals) are not modelled, nor are protection intervals (how tightly a linear program
/// can bound a hidden cell). The threshold is a default, not legal advice (docs/report.md).

#include <Eigen/Core>
#include <optional>
#include <string>

#include "samkart/analysis/labelled_matrix.hpp"

namespace samkart {

/// A boolean mask with the shape of a table: #rows by #cols.
using CellMask = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>;

/// What is hidden.
struct SuppressionOptions {
    double threshold = 5;         ///< cells with 0 < count < threshold are hidden; 0: none
    bool secondary = true;        ///< also hide complementary cells
    bool suppress_zeros = false;  ///< hide zeros too (when threshold > 0)
};

/// Where a table's totals are and which equations hold. Totals must be additive (the sum of
/// the other cells of their line).
struct TableLayout {
    std::optional<Eigen::Index> total_row;  ///< position of the total row, if any
    std::optional<Eigen::Index> total_col;  ///< position of the total column, if any
    /// A single column whose rows are not summed across (a pandas Series): only the column's
    /// equation holds. Requires one column and no total column.
    bool one_dimensional = false;
};

/// The cells hidden in a table, each mask #rows by #cols.
struct Suppression {
    CellMask suppressed;   ///< every hidden cell (primary and secondary)
    CellMask primary;      ///< the cells hidden by the primary rule
    CellMask recoverable;  ///< hidden cells the attack still works out (only if nothing is
                           ///< left to hide, e.g. a one-cell table); all false otherwise
    [[nodiscard]] Eigen::Index primary_count() const { return primary.count(); }
    [[nodiscard]] Eigen::Index secondary_count() const { return suppressed.count() - primary.count(); }
    [[nodiscard]] Eigen::Index recoverable_count() const { return recoverable.count(); }
};

/// Small-cell suppression of a table of counts (the rule is in the file comment).
/// @param values #rows by #cols counts ≥ 0; NaN is a missing cell: never hidden, never a
///        complement, and taken as known to the reader (the cautious reading).
/// @return the masks; `values` itself is not changed.
/// @throws ArgumentError for a negative or NaN threshold, a negative or infinite count
///         (naming the cell), a total position outside the table, or a one-dimensional
///         layout on more than one column or with a total column.
[[nodiscard]] Suppression suppress_cells(const Eigen::MatrixXd& values,
                                         const SuppressionOptions& options = {},
                                         const TableLayout& layout = {});

/// A labelled table with its hidden cells NaN, and which cells they are.
struct SuppressedTable {
    LabelledMatrix table;  ///< the input with hidden cells NaN (labels and `missing` kept)
    Suppression cells;
};

/// suppress_cells on a labelled matrix, e.g. a coverage table of participants.
/// @param total_row, total_col ids of the total row and column ("" for none), e.g. "total".
/// @throws UnknownIdError for a total id that is not in the table; as suppress_cells.
[[nodiscard]] SuppressedTable suppress(const LabelledMatrix& table,
                                       const SuppressionOptions& options = {},
                                       const std::string& total_row = {},
                                       const std::string& total_col = {});

/// The hidden cells that a reader who knows the published cells and every row and column
/// sum can work out exactly. Without `values`: by linear algebra alone (the edge is a bridge).
/// With `values` (the true table, #rows by #cols): also using that counts are ≥ 0, so a
/// hidden zero may only be increased by the other solutions.
/// @throws ArgumentError when shapes or total positions do not fit.
[[nodiscard]] CellMask recoverable(const CellMask& hidden, const TableLayout& layout = {});
[[nodiscard]] CellMask recoverable(const CellMask& hidden, const Eigen::MatrixXd& values,
                                   const TableLayout& layout = {});

}  // namespace samkart
