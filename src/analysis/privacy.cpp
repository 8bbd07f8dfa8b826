/// @file privacy.cpp
/// Small-cell suppression: the rule and the method are in include/samkart/analysis/privacy.hpp.

#include "samkart/analysis/privacy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

#include "samkart/core/errors.hpp"

namespace samkart {
namespace {

using Index = Eigen::Index;

constexpr std::size_t idx(Index i) noexcept { return static_cast<std::size_t>(i); }

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

void check_layout(Index rows, Index cols, const TableLayout& layout, const char* what) {
    const std::string w(what);
    if (layout.total_row && (*layout.total_row < 0 || *layout.total_row >= rows))
        throw ArgumentError(w + ": total row " + std::to_string(*layout.total_row) + " is outside the " +
                            std::to_string(rows) + " rows of the table");
    if (layout.total_col && (*layout.total_col < 0 || *layout.total_col >= cols))
        throw ArgumentError(w + ": total column " + std::to_string(*layout.total_col) + " is outside the " +
                            std::to_string(cols) + " columns of the table");
    if (layout.one_dimensional && cols != 1)
        throw ArgumentError(w + ": a one-dimensional table has one column, this one has " + std::to_string(cols));
    if (layout.one_dimensional && layout.total_col)
        throw ArgumentError(w + ": a one-dimensional table (a Series) has no total column");
}

/// The hidden cells as a bipartite multigraph: rows are vertices 0..n-1 and columns n..n+m-1
/// (one-dimensional: one row vertex 0 and one column vertex 1). After the sign change of the
/// file comment every equation is "the edges at a vertex sum to a known number".
struct Graph {
    struct Edge {
        Index row, col;  // the cell
        Index u, w;      // its row vertex and column vertex
        /// 0: the cell may move either way; +1: only u → w (a zero that may only grow);
        /// -1: only w → u (a zero in exactly one of the total row and column).
        int direction;
    };
    Index vertices = 0;
    std::vector<Edge> edges;
    std::vector<std::vector<Index>> incident;  // edge ids at each vertex

    Graph(const CellMask& hidden, const Eigen::MatrixXd* values, const TableLayout& layout) {
        const Index n = hidden.rows();
        vertices = layout.one_dimensional ? 2 : n + hidden.cols();
        incident.resize(idx(vertices));
        for (Index r = 0; r < n; ++r) {
            for (Index c = 0; c < hidden.cols(); ++c) {
                if (!hidden(r, c)) continue;
                const Index u = layout.one_dimensional ? 0 : r;
                const Index w = layout.one_dimensional ? 1 : n + c;
                int direction = 0;
                if (values != nullptr && (*values)(r, c) == 0.0) {
                    const bool reversed = (layout.total_row == r) != (layout.total_col == c);
                    direction = reversed ? -1 : 1;
                }
                const auto id = static_cast<Index>(edges.size());
                edges.push_back({r, c, u, w, direction});
                incident[idx(u)].push_back(id);
                incident[idx(w)].push_back(id);
            }
        }
    }

    [[nodiscard]] Index other(Index edge, Index v) const {
        const auto& e = edges[idx(edge)];
        return e.u == v ? e.w : e.u;
    }

    /// Tarjan's bridges, iteratively (tables of thousands of rows would overflow recursion).
    /// Parallel edges (a one-dimensional table) are told apart by id.
    [[nodiscard]] std::vector<char> bridges() const {
        std::vector<char> out(edges.size(), 0);
        std::vector<Index> disc(idx(vertices), -1);
        std::vector<Index> low(idx(vertices), 0);
        struct Frame {
            Index v, parent_edge;
            std::size_t next;
        };
        std::vector<Frame> stack;
        Index time = 0;
        for (Index s = 0; s < vertices; ++s) {
            if (disc[idx(s)] >= 0) continue;
            disc[idx(s)] = low[idx(s)] = time++;
            stack.push_back({s, -1, 0});
            while (!stack.empty()) {
                Frame& f = stack.back();
                const auto& inc = incident[idx(f.v)];
                if (f.next < inc.size()) {
                    const Index e = inc[f.next++];
                    if (e == f.parent_edge) continue;
                    const Index x = other(e, f.v);
                    const auto xs = idx(x);
                    if (disc[xs] < 0) {
                        disc[xs] = low[xs] = time++;
                        stack.push_back({x, e, 0});
                    } else {
                        low[idx(f.v)] = std::min(low[idx(f.v)], disc[xs]);
                    }
                    continue;
                }
                const Frame done = f;
                stack.pop_back();
                if (stack.empty()) break;
                const auto p = idx(stack.back().v);
                const auto d = idx(done.v);
                low[p] = std::min(low[p], low[d]);
                if (low[d] > disc[p]) out[idx(done.parent_edge)] = 1;
            }
        }
        return out;
    }

    /// Whether `to` is reachable from `from` along arcs the directions allow, without `skip`.
    [[nodiscard]] bool reaches(Index from, Index to, Index skip, std::vector<Index>& seen, Index mark,
                               std::vector<Index>& queue) const {
        queue.clear();
        queue.push_back(from);
        seen[idx(from)] = mark;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const Index v = queue[head];
            if (v == to) return true;
            for (const Index e : incident[idx(v)]) {
                if (e == skip) continue;
                const auto& edge = edges[idx(e)];
                if (edge.direction == 1 && v != edge.u) continue;
                if (edge.direction == -1 && v != edge.w) continue;
                const Index x = other(e, v);
                if (seen[idx(x)] == mark) continue;
                seen[idx(x)] = mark;
                queue.push_back(x);
            }
        }
        return false;
    }

    /// Edges no cycle can move (bridges), and with directions, edges no cycle that respects
    /// them goes through: the cell is then pinned by the sign constraint.
    [[nodiscard]] std::vector<char> fixed_edges() const {
        std::vector<char> out = bridges();
        bool any_directed = false;
        for (const auto& e : edges) any_directed = any_directed || e.direction != 0;
        if (!any_directed) return out;
        // Only connected parts holding a directed edge can pin a cell that is not a bridge.
        std::vector<Index> part(idx(vertices), -1);
        std::vector<char> part_directed;
        std::vector<Index> queue;
        for (Index s = 0; s < vertices; ++s) {
            if (part[idx(s)] >= 0) continue;
            const auto id = static_cast<Index>(part_directed.size());
            part_directed.push_back(0);
            part[idx(s)] = id;
            queue.assign(1, s);
            for (std::size_t head = 0; head < queue.size(); ++head) {
                for (const Index e : incident[idx(queue[head])]) {
                    if (edges[idx(e)].direction != 0) part_directed.back() = 1;
                    const Index x = other(e, queue[head]);
                    if (part[idx(x)] >= 0) continue;
                    part[idx(x)] = id;
                    queue.push_back(x);
                }
            }
        }
        std::vector<Index> seen(idx(vertices), -1);
        Index mark = 0;
        for (std::size_t k = 0; k < edges.size(); ++k) {
            const auto& e = edges[k];
            if (out[k] || !part_directed[idx(part[idx(e.u)])]) continue;
            const auto id = static_cast<Index>(k);
            // Cross the edge in an allowed direction, then come back without it.
            bool free = false;
            if (e.direction >= 0) free = reaches(e.w, e.u, id, seen, mark++, queue);
            if (!free && e.direction <= 0) free = reaches(e.u, e.w, id, seen, mark++, queue);
            if (!free) out[k] = 1;
        }
        return out;
    }

    [[nodiscard]] CellMask to_mask(const std::vector<char>& edge_flags, Index rows, Index cols) const {
        CellMask out = CellMask::Zero(rows, cols);
        for (std::size_t k = 0; k < edges.size(); ++k)
            if (edge_flags[k]) out(edges[k].row, edges[k].col) = true;
        return out;
    }
};

/// The running state of suppress_cells: the mask with hidden counts per row and column.
class Suppressor {
public:
    Suppressor(const Eigen::MatrixXd& values, const TableLayout& layout, CellMask hidden)
        : values_(values), layout_(layout), hidden_(std::move(hidden)),
          row_hidden_(idx(values.rows()), 0),
          col_hidden_(idx(values.cols()), 0) {
        for (Index r = 0; r < values.rows(); ++r)
            for (Index c = 0; c < values.cols(); ++c)
                if (hidden_(r, c)) count(r, c);
        // The equations in the order of the Python implementation: rows, then columns.
        if (!layout.one_dimensional)
            for (Index r = 0; r < values.rows(); ++r) lines_.push_back({true, r});
        for (Index c = 0; c < values.cols(); ++c) lines_.push_back({false, c});
    }

    void run() {
        while (true) {
            bool changed = false;
            for (const Line& line : lines_) {
                if (hidden_in(line) != 1) continue;
                changed = hide_complement(line) || changed;
            }
            if (changed) continue;
            // The "≥ 2 per line" rule is stable; now the exact attack. Linear first (bridges),
            // then with the sign constraint, so that a table the linear rule already protects
            // gets the same cells as before.
            const Graph linear(hidden_, nullptr, layout_);
            if (fix(linear.to_mask(linear.bridges(), hidden_.rows(), hidden_.cols()))) continue;
            const Graph signed_graph(hidden_, &values_, layout_);
            if (fix_one(signed_graph.to_mask(signed_graph.fixed_edges(), hidden_.rows(), hidden_.cols())))
                continue;
            break;
        }
    }

    [[nodiscard]] const CellMask& hidden() const { return hidden_; }

private:
    struct Line {
        bool is_row;
        Index index;
    };

    void count(Index r, Index c) {
        ++row_hidden_[idx(r)];
        ++col_hidden_[idx(c)];
    }
    [[nodiscard]] Index hidden_in(const Line& line) const {
        return line.is_row ? row_hidden_[idx(line.index)]
                           : col_hidden_[idx(line.index)];
    }

    using Key = std::tuple<int, int, double, Index>;

    /// The complement of `line` (see the rule) and its key; none when every cell is hidden
    /// or NaN.
    [[nodiscard]] std::optional<std::pair<Key, std::pair<Index, Index>>> complement(const Line& line) const {
        const Index length = line.is_row ? values_.cols() : values_.rows();
        std::optional<Key> best;
        for (Index k = 0; k < length; ++k) {
            const Index r = line.is_row ? line.index : k;
            const Index c = line.is_row ? k : line.index;
            if (hidden_(r, c)) continue;
            const double v = values_(r, c);
            if (std::isnan(v)) continue;
            const bool is_total = layout_.total_row == r || layout_.total_col == c;
            const int rank = is_total ? 2 : (v == 0.0 ? 1 : 0);
            int crossing = 0;
            if (!layout_.one_dimensional) {
                const Index across = line.is_row ? col_hidden_[idx(c)]
                                                 : row_hidden_[idx(r)];
                crossing = across > 0 ? 0 : 1;
            }
            const Key key{rank, crossing, v, k};
            if (!best || key < *best) best = key;
        }
        if (!best) return std::nullopt;
        const Index k = std::get<3>(*best);
        return std::pair{*best, line.is_row ? std::pair{line.index, k} : std::pair{k, line.index}};
    }

    void hide(std::pair<Index, Index> cell) {
        hidden_(cell.first, cell.second) = true;
        count(cell.first, cell.second);
    }

    bool hide_complement(const Line& line) {
        const auto cell = complement(line);
        if (cell) hide(cell->second);
        return cell.has_value();
    }

    /// One more complement in the row (else the column) of each solved cell, row-major.
    bool fix(const CellMask& solved) {
        bool changed = false;
        for (Index r = 0; r < solved.rows(); ++r) {
            for (Index c = 0; c < solved.cols(); ++c) {
                if (!solved(r, c)) continue;
                if (!layout_.one_dimensional && hide_complement({true, r})) {
                    changed = true;
                } else if (hide_complement({false, c})) {
                    changed = true;
                }
            }
        }
        return changed;
    }

    /// The sign stage: the first solved cell (row-major) gets the better of its row's and its
    /// column's complement (a zero next to a pinned zero rarely frees it), then the rules run
    /// again before anything else is hidden, so that no more is hidden than needed.
    bool fix_one(const CellMask& solved) {
        for (Index r = 0; r < solved.rows(); ++r) {
            for (Index c = 0; c < solved.cols(); ++c) {
                if (!solved(r, c)) continue;
                auto best = layout_.one_dimensional ? std::nullopt : complement({true, r});
                const auto down = complement({false, c});
                // The key without its last part, the position along the line: not comparable
                // across lines.
                const auto rank = [](const auto& choice) {
                    const auto& [level, crossing, value, position] = choice->first;
                    return std::tuple(level, crossing, value);
                };
                if (down && (!best || rank(down) < rank(best))) best = down;
                if (best) {
                    hide(best->second);
                    return true;
                }
            }
        }
        return false;
    }

    const Eigen::MatrixXd& values_;
    const TableLayout& layout_;
    CellMask hidden_;
    std::vector<Index> row_hidden_;
    std::vector<Index> col_hidden_;
    std::vector<Line> lines_;
};

}  // namespace

CellMask recoverable(const CellMask& hidden, const TableLayout& layout) {
    check_layout(hidden.rows(), hidden.cols(), layout, "recoverable");
    const Graph g(hidden, nullptr, layout);
    return g.to_mask(g.bridges(), hidden.rows(), hidden.cols());
}

CellMask recoverable(const CellMask& hidden, const Eigen::MatrixXd& values, const TableLayout& layout) {
    check_layout(hidden.rows(), hidden.cols(), layout, "recoverable");
    if (values.rows() != hidden.rows() || values.cols() != hidden.cols())
        throw ArgumentError("recoverable: the values are " + std::to_string(values.rows()) + " × " +
                            std::to_string(values.cols()) + ", the mask " + std::to_string(hidden.rows()) +
                            " × " + std::to_string(hidden.cols()) + ": give the table the mask was made for");
    const Graph g(hidden, &values, layout);
    return g.to_mask(g.fixed_edges(), hidden.rows(), hidden.cols());
}

Suppression suppress_cells(const Eigen::MatrixXd& values, const SuppressionOptions& options,
                           const TableLayout& layout) {
    if (!(options.threshold >= 0))
        throw ArgumentError("suppress: threshold must be ≥ 0, got " + number(options.threshold));
    check_layout(values.rows(), values.cols(), layout, "suppress");
    for (Index r = 0; r < values.rows(); ++r) {
        for (Index c = 0; c < values.cols(); ++c) {
            const double v = values(r, c);
            if (std::isnan(v)) continue;
            if (v < 0 || std::isinf(v))
                throw ArgumentError("suppress: the cell in row " + std::to_string(r) + ", column " +
                                    std::to_string(c) + " is " + number(v) +
                                    ": counts of people are finite and ≥ 0 (use NaN for a missing count)");
        }
    }
    Suppression out;
    const double t = options.threshold;
    out.primary = values.unaryExpr([&](double v) {
        return (v < t && v > 0) || (options.suppress_zeros && t > 0 && v == 0.0);
    });
    out.suppressed = out.primary;
    out.recoverable = CellMask::Zero(values.rows(), values.cols());
    if (!options.secondary || !out.primary.any()) return out;
    Suppressor s(values, layout, out.primary);
    s.run();
    out.suppressed = s.hidden();
    out.recoverable = recoverable(out.suppressed, values, layout);
    return out;
}

SuppressedTable suppress(const LabelledMatrix& table, const SuppressionOptions& options, const std::string& total_row,
                         const std::string& total_col) {
    TableLayout layout;
    if (!total_row.empty()) layout.total_row = table.row(total_row);
    if (!total_col.empty()) layout.total_col = table.col(total_col);
    SuppressedTable out{table, suppress_cells(table.values, options, layout)};
    for (Index r = 0; r < table.values.rows(); ++r)
        for (Index c = 0; c < table.values.cols(); ++c)
            if (out.cells.suppressed(r, c)) out.table.values(r, c) = std::numeric_limits<double>::quiet_NaN();
    return out;
}

}  // namespace samkart
