#pragma once
/// @file labelled_matrix.hpp
/// A matrix whose rows and columns carry ids and names: the result type of the mapping
/// analyses (coverage, age_coverage, level_shares, compare_areas).

#include <Eigen/Core>
#include <string>
#include <vector>

namespace samkart {

/// Ids and display names of the rows (or columns) of a LabelledMatrix, same length.
struct Labels {
    std::vector<std::string> ids;    ///< machine ids: area/actor ids, "universal", "neet", "16"
    std::vector<std::string> names;  ///< for readers: record names, English vocabulary labels
    [[nodiscard]] std::size_t size() const noexcept { return ids.size(); }
    void push_back(std::string id, std::string name) {
        ids.push_back(std::move(id));
        names.push_back(std::move(name));
    }
    friend bool operator==(const Labels&, const Labels&) = default;
};

/// `values` is #rows.size() by #cols.size(). `missing` has the same shape when the value is a
/// number that measures may leave out (capacity, participants, cost): the count of measures
/// in each cell that do not give it; otherwise it is 0 by 0.
struct LabelledMatrix {
    std::string row_dimension;  ///< e.g. "actor"
    std::string col_dimension;  ///< e.g. "level"
    Labels rows;
    Labels cols;
    Eigen::MatrixXd values;   ///< #rows by #cols
    Eigen::MatrixXd missing;  ///< #rows by #cols, or 0 by 0 (see above)

    /// Position of a row or column id. @throws UnknownIdError naming the dimension.
    [[nodiscard]] Eigen::Index row(const std::string& id) const;
    [[nodiscard]] Eigen::Index col(const std::string& id) const;
    /// The value at (row id, column id). @throws UnknownIdError.
    [[nodiscard]] double at(const std::string& row_id, const std::string& col_id) const {
        return values(row(row_id), col(col_id));
    }
};

}  // namespace samkart
