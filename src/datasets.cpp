// The data sets of examples/data/, compiled into the library by cmake/embed_text.cmake so that
// C++ and Python read the same bytes.
#include "samkart/datasets.hpp"

#include <string_view>

#include "samkart/io/json.hpp"

namespace samkart::detail {
extern const std::string_view embedded_vestfold_telemark;
extern const std::string_view embedded_danish_municipality;
}  // namespace samkart::detail

namespace samkart::datasets {

Landscape vestfold_telemark() {
    return from_json_string(detail::embedded_vestfold_telemark, "vestfold_telemark.json");
}

Landscape danish_municipality() {
    return from_json_string(detail::embedded_danish_municipality, "danish_municipality.json");
}

}  // namespace samkart::datasets
