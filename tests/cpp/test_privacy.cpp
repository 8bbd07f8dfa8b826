// Small-cell suppression (analysis/privacy.hpp): tables worked out by hand, cell by cell, in
// the comments; the recovery attack checked by an independent dense rank computation.
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "samkart/analysis/privacy.hpp"
#include "samkart/core/errors.hpp"

using namespace samkart;

namespace {
using Cells = std::set<std::pair<Eigen::Index, Eigen::Index>>;

Eigen::MatrixXd table(const std::vector<std::vector<double>>& rows) {
    Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
    return out;
}

Cells cells(const CellMask& mask) {
    Cells out;
    for (Eigen::Index r = 0; r < mask.rows(); ++r)
        for (Eigen::Index c = 0; c < mask.cols(); ++c)
            if (mask(r, c)) out.insert({r, c});
    return out;
}

/// Independent of the graph method: a hidden cell is linearly recoverable iff appending its
/// unit vector to the equations (one per row and column, totals with coefficient −1) leaves
/// the rank unchanged. Dense full-pivot LU, exact for these small 0/±1 matrices.
CellMask dense_recoverable(const CellMask& hidden, const TableLayout& layout) {
    std::vector<std::pair<Eigen::Index, Eigen::Index>> unknowns;
    for (Eigen::Index r = 0; r < hidden.rows(); ++r)
        for (Eigen::Index c = 0; c < hidden.cols(); ++c)
            if (hidden(r, c)) unknowns.emplace_back(r, c);
    const auto n = hidden.rows();
    const auto m = hidden.cols();
    const Eigen::Index eqs = layout.one_dimensional ? m : n + m;
    const auto k = static_cast<Eigen::Index>(unknowns.size());
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(eqs, k);
    for (Eigen::Index j = 0; j < k; ++j) {
        const auto [r, c] = unknowns[static_cast<std::size_t>(j)];
        if (!layout.one_dimensional) a(r, j) = layout.total_col == c ? -1.0 : 1.0;
        a((layout.one_dimensional ? 0 : n) + c, j) = layout.total_row == r ? -1.0 : 1.0;
    }
    CellMask out = CellMask::Zero(n, m);
    if (k == 0) return out;
    const auto rank = Eigen::FullPivLU<Eigen::MatrixXd>(a).rank();
    for (Eigen::Index j = 0; j < k; ++j) {
        Eigen::MatrixXd b(eqs + 1, k);
        b << a, Eigen::RowVectorXd::Unit(k, j);
        if (Eigen::FullPivLU<Eigen::MatrixXd>(b).rank() == rank) {
            const auto [r, c] = unknowns[static_cast<std::size_t>(j)];
            out(r, c) = true;
        }
    }
    return out;
}
}  // namespace

TEST_CASE("suppress: primary only leaves the small cell to the margins") {
    const auto t = table({{3, 10, 20}, {12, 15, 30}, {40, 8, 9}});
    const auto s = suppress_cells(t, {.threshold = 5, .secondary = false});
    CHECK(cells(s.suppressed) == Cells{{0, 0}});
    CHECK(s.primary_count() == 1);
    CHECK(s.secondary_count() == 0);
    CHECK(s.recoverable_count() == 0);  // not checked without secondary suppression
    // The attack: row 0 sums to 33, 33 - 10 - 20 = 3.
    CHECK(cells(recoverable(s.suppressed)) == Cells{{0, 0}});
}

TEST_CASE("suppress: a 2 × 2 rectangle closed with the smallest crossing cells") {
    // Row 0 has only 3 hidden: of 10 and 20 (neither column has a hidden cell) 10 goes.
    // Column 0 has only 3: of 12 and 40, 12. Column 1 has only 10: 15 (row 1 already has a
    // hidden cell) beats the smaller 8 (row 2 has none): the rectangle, not a chain.
    const auto t = table({{3, 10, 20}, {12, 15, 30}, {40, 8, 9}});
    const auto s = suppress_cells(t);
    CHECK(cells(s.suppressed) == Cells{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    CHECK(s.primary_count() == 1);
    CHECK(s.secondary_count() == 3);
    CHECK(s.recoverable_count() == 0);
    CHECK_FALSE(dense_recoverable(s.suppressed, {}).any());
}

TEST_CASE("suppress: secondary needed along the rows only, then along the columns only") {
    // 3 and 4 share column 0, which has two hidden cells: only rows 0 and 1 need a complement.
    // Row 0: 20 (smallest; no column has a hidden cell yet). Row 1: 25 (column 1 now has one)
    // beats nothing smaller, 35 has no crossing cell.
    const auto rows = table({{3, 20, 30}, {4, 25, 35}, {50, 60, 70}});
    const auto a = suppress_cells(rows);
    CHECK(cells(a.suppressed) == Cells{{0, 0}, {1, 0}, {0, 1}, {1, 1}});
    CHECK(a.secondary_count() == 2);
    // The transpose: 3 and 4 share row 0; columns 0 and 1 each take the cell below.
    const Eigen::MatrixXd cols = rows.transpose();
    const auto b = suppress_cells(cols);
    CHECK(cells(b.suppressed) == Cells{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    CHECK(b.secondary_count() == 2);
    // Two small cells in different rows and columns: 2 at (0,0), 3 at (1,2). Row 0: 8 (its
    // column already has 3 hidden) beats the smaller 7 (column 1 has none). Row 1: 9 (column 0
    // has 2) beats 6. Every line now has two: one rectangle closes both cells.
    const auto both = table({{2, 7, 8}, {9, 6, 3}, {30, 40, 50}});
    const auto c = suppress_cells(both);
    CHECK(cells(c.primary) == Cells{{0, 0}, {1, 2}});
    CHECK(cells(c.suppressed) == Cells{{0, 0}, {0, 2}, {1, 0}, {1, 2}});
    CHECK_FALSE(dense_recoverable(c.suppressed, {}).any());
}

TEST_CASE("suppress: thresholds and zeros") {
    const auto t = table({{4, 5}, {6, 7}});
    CHECK(suppress_cells(t, {.threshold = 5}).primary_count() == 1);
    CHECK(suppress_cells(t, {.threshold = 6}).primary_count() == 2);
    CHECK(suppress_cells(t, {.threshold = 8}).primary_count() == 4);
    CHECK_FALSE(suppress_cells(t, {.threshold = 0}).suppressed.any());
    // Zero is not a small cell unless asked; then a 2 × 2 table loses every cell, and the
    // hidden zero can grow in the only cycle (0 + t, 10 - t, 20 - t, 30 + t): not recovered.
    const auto z = table({{0, 10}, {20, 30}});
    CHECK_FALSE(suppress_cells(z).suppressed.any());
    const auto s = suppress_cells(z, {.suppress_zeros = true});
    CHECK(s.primary_count() == 1);
    CHECK(s.suppressed.count() == 4);
    CHECK(s.recoverable_count() == 0);
    CHECK_FALSE(suppress_cells(z, {.threshold = 0, .suppress_zeros = true}).suppressed.any());
}

TEST_CASE("suppress: explicit totals are cells of the equations, hidden last") {
    // The 3 × 3 table of the rectangle case with a total column and row: the same four
    // cells, since a total ranks after every inner cell.
    const auto t = table({{3, 10, 20, 33}, {12, 15, 30, 57}, {40, 8, 9, 57}, {55, 33, 59, 147}});
    const TableLayout layout{.total_row = 3, .total_col = 3};
    const auto s = suppress_cells(t, {}, layout);
    CHECK(cells(s.suppressed) == Cells{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    CHECK_FALSE(dense_recoverable(s.suppressed, layout).any());
    // A row whose only other cell is its total, and that total small too: 3 | 3 both primary.
    // Column 0 takes 10 (an inner cell; 13 is a total), the total column takes the 10 of row 1
    // (row 1 has a hidden cell, the grand total's row has none).
    const auto small_total = table({{3, 3}, {10, 10}, {13, 13}});
    const TableLayout col_total{.total_row = 2, .total_col = 1};
    const auto r = suppress_cells(small_total, {}, col_total);
    CHECK(cells(r.suppressed) == Cells{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    CHECK(r.recoverable_count() == 0);
    CHECK_FALSE(dense_recoverable(r.suppressed, col_total).any());
    // A small total is itself a small cell.
    const auto tiny = table({{1, 2, 3}, {20, 30, 50}, {21, 32, 53}});
    CHECK(suppress_cells(tiny, {}, {.total_row = 2, .total_col = 2}).primary(0, 2));
}

TEST_CASE("recoverable: two blocks joined by one cell give the joining cell away") {
    // Every row and column of the mask has two hidden cells, yet (0,2) is rows 0-1 minus
    // columns 0-1 of the left block: the bridge of the graph of hidden cells.
    CellMask mask = CellMask::Zero(4, 4);
    mask.block(0, 0, 2, 2).setConstant(true);
    mask.block(2, 2, 2, 2).setConstant(true);
    mask(0, 2) = true;
    CHECK(cells(recoverable(mask)) == Cells{{0, 2}});
    CHECK(cells(dense_recoverable(mask, {})) == Cells{{0, 2}});
    // suppress closes it: everything it hid before stays hidden and nothing is recoverable.
    Eigen::MatrixXd values = Eigen::MatrixXd::Constant(4, 4, 50);
    const double small[] = {2, 2, 4, 2, 2, 3, 3, 3, 3};
    int k = 0;
    for (Eigen::Index r = 0; r < 4; ++r)
        for (Eigen::Index c = 0; c < 4; ++c)
            if (mask(r, c)) values(r, c) = small[k++];
    const auto s = suppress_cells(values);
    CHECK((s.suppressed.array() && mask.array()).count() == mask.count());
    CHECK(s.secondary_count() >= 1);
    CHECK_FALSE(recoverable(s.suppressed).any());
    CHECK_FALSE(dense_recoverable(s.suppressed, {}).any());
}

TEST_CASE("suppress: hidden zeros an attacker pins with counts ≥ 0") {
    // Column 1 is all zeros: it sums to 0, so its hidden zeros are 0 and rows 0 and 1 give 3
    // and 4 back. Linear algebra alone calls the four-cell cycle safe; nothing is left to
    // hide, so the result says all four are recoverable.
    const auto z = table({{3, 0}, {4, 0}});
    const auto s = suppress_cells(z);
    CHECK(s.suppressed.count() == 4);
    CHECK_FALSE(recoverable(s.suppressed).any());
    CHECK(s.recoverable_count() == 4);
    // With a third row, the old rule stops at the rectangle 3 0 / 4 0 (column 1's hidden sum
    // is 20 - 20 = 0). The sign stage hides 10 (column 0 beats the zero left in row 0), row 2
    // then takes 20 (its column has hidden cells, 30's has none): 3 = 3 - t, 0 + t, 20 - t,
    // 10 + t moves every cell.
    const auto t = table({{3, 0, 0}, {4, 0, 0}, {10, 20, 30}});
    const auto u = suppress_cells(t);
    CHECK(cells(u.suppressed) == Cells{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}});
    CHECK(u.recoverable_count() == 0);
    CHECK(cells(recoverable(u.suppressed, t)).empty());
    // The old rectangle, checked with the values: every cell pinned.
    CellMask old = CellMask::Zero(3, 3);
    old.block(0, 0, 2, 2).setConstant(true);
    CHECK(recoverable(old, t).count() == 4);
    CHECK_FALSE(recoverable(old).any());
}

TEST_CASE("suppress: one-dimensional tables (a Series) have one equation") {
    // 3, then the smallest other cell: 10. One equation, two unknowns.
    const auto s = suppress_cells(table({{3}, {10}, {20}}), {}, {.one_dimensional = true});
    CHECK(cells(s.suppressed) == Cells{{0, 0}, {1, 0}});
    CHECK(s.secondary_count() == 1);
    // A one-cell table is its own total: nothing to hide next to it, and the result says so.
    const auto lone = suppress_cells(table({{3}}), {}, {.one_dimensional = true});
    CHECK(lone.recoverable_count() == 1);
    // As a one-column 2-D table, each row's sum is the cell itself: all recoverable.
    const auto column = suppress_cells(table({{3}, {10}, {20}}));
    CHECK(column.suppressed.count() == 3);
    CHECK(column.recoverable_count() == 3);
}

TEST_CASE("suppress: missing cells are never complements") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto s = suppress_cells(table({{3, nan, 20}, {12, 15, 30}}));
    CHECK(s.suppressed(0, 2));
    CHECK_FALSE(s.suppressed(0, 1));
}

TEST_CASE("suppress: a labelled matrix keeps its labels and hides with NaN") {
    LabelledMatrix m;
    m.row_dimension = "source";
    m.col_dimension = "target";
    for (const char* id : {"vgs-a", "vgs-b", "total"}) m.rows.push_back(id, id);
    for (const char* id : {"ot", "nav", "total"}) m.cols.push_back(id, id);
    m.values = table({{3, 10, 13}, {12, 15, 27}, {15, 25, 40}});
    const auto out = suppress(m, {}, "total", "total");
    CHECK(out.table.rows == m.rows);
    CHECK(std::isnan(out.table.at("vgs-a", "ot")));
    CHECK(out.cells.suppressed.count() == 4);
    CHECK(out.table.at("total", "total") == 40);
    CHECK_THROWS_AS((void)suppress(m, {}, "sum"), UnknownIdError);
}

TEST_CASE("suppress: bad arguments are named") {
    const auto t = table({{1, 2}});
    CHECK_THROWS_WITH_AS((void)suppress_cells(t, {.threshold = -1}), doctest::Contains("threshold"), ArgumentError);
    CHECK_THROWS_WITH_AS((void)suppress_cells(t, {.threshold = std::nan("")}), doctest::Contains("threshold"),
                         ArgumentError);
    CHECK_THROWS_WITH_AS((void)suppress_cells(table({{1, -2}})), doctest::Contains("row 0, column 1 is -2"),
                         ArgumentError);
    CHECK_THROWS_AS((void)suppress_cells(table({{1, std::numeric_limits<double>::infinity()}})), ArgumentError);
    CHECK_THROWS_WITH_AS((void)suppress_cells(t, {}, {.total_row = 1}), doctest::Contains("total row"),
                         ArgumentError);
    CHECK_THROWS_WITH_AS((void)suppress_cells(t, {}, {.one_dimensional = true}), doctest::Contains("one column"),
                         ArgumentError);
    CHECK_THROWS_AS((void)recoverable(CellMask::Zero(1, 2), Eigen::MatrixXd::Zero(2, 2)), ArgumentError);
}

TEST_CASE("recoverable: the graph check agrees with dense linear algebra on random masks") {
    std::mt19937 rng(12);
    for (int trial = 0; trial < 300; ++trial) {
        const auto n = static_cast<Eigen::Index>(1 + rng() % 6);
        const auto m = static_cast<Eigen::Index>(1 + rng() % 6);
        TableLayout layout;
        if (trial % 3 == 1 && n > 1) layout.total_row = static_cast<Eigen::Index>(rng() % static_cast<unsigned>(n));
        if (trial % 3 == 2 && m > 1) layout.total_col = static_cast<Eigen::Index>(rng() % static_cast<unsigned>(m));
        if (trial % 7 == 0) layout = {.one_dimensional = true};
        const Eigen::Index cols = layout.one_dimensional ? 1 : m;
        CellMask mask(n, cols);
        for (Eigen::Index r = 0; r < n; ++r)
            for (Eigen::Index c = 0; c < cols; ++c) mask(r, c) = rng() % 2 == 0;
        INFO("trial ", trial);
        CHECK(cells(recoverable(mask, layout)) == cells(dense_recoverable(mask, layout)));
    }
}

TEST_CASE("suppress: random tables end with every small cell hidden and none recoverable") {
    std::mt19937 rng(5);
    const double pool[] = {1, 2, 3, 4, 6, 9, 15, 40, 120};
    for (int trial = 0; trial < 200; ++trial) {
        const auto n = static_cast<Eigen::Index>(2 + rng() % 8);
        const auto m = static_cast<Eigen::Index>(2 + rng() % 8);
        Eigen::MatrixXd t(n, m);
        for (Eigen::Index r = 0; r < n; ++r)
            for (Eigen::Index c = 0; c < m; ++c) t(r, c) = pool[rng() % 9];
        const auto s = suppress_cells(t);
        INFO("trial ", trial);
        CHECK(((t.array() < 5) && !s.suppressed.array()).count() == 0);
        CHECK(s.recoverable_count() == 0);
        CHECK_FALSE(dense_recoverable(s.suppressed, {}).any());
        // Deterministic: the same table, the same cells.
        CHECK(suppress_cells(t).suppressed == s.suppressed);
    }
}
