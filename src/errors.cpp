#include "samkart/core/errors.hpp"

#include <utility>

namespace samkart {

std::string Problem::to_string() const {
    std::string out;
    if (severity == Severity::WARNING) out += "warning: ";
    out += collection;
    if (index >= 0) out += '[' + std::to_string(index) + ']';
    if (!id.empty()) out += " '" + id + "'";
    if (!field.empty()) out += ", field '" + field + "'";
    out += ": ";
    out += message;
    return out;
}

namespace {
std::string join_problems(const std::vector<Problem>& problems) {
    std::string out = std::to_string(problems.size()) +
                      (problems.size() == 1 ? " problem" : " problems") + " in the landscape";
    for (const auto& p : problems) out += "\n  - " + p.to_string();
    return out;
}

std::string describe_schema(const std::string& source, const std::vector<SchemaError::Location>& ps) {
    std::string out = source + " does not follow the samkart JSON schema (" +
                      std::to_string(ps.size()) + (ps.size() == 1 ? " problem)" : " problems)");
    for (const auto& p : ps) {
        out += "\n  - ";
        out += p.pointer.empty() ? std::string("document") : p.pointer;
        if (p.line > 0) {
            out += " (line " + std::to_string(p.line);
            if (p.column > 0) out += ", column " + std::to_string(p.column);
            out += ')';
        }
        out += ": " + p.message;
    }
    return out;
}
}  // namespace

ValidationError::ValidationError(std::vector<Problem> problems)
    : Error(join_problems(problems)), problems_(std::move(problems)) {}

UnknownIdError::UnknownIdError(std::string collection, std::string id)
    : Error("no " + collection + " record with id '" + id + "' in the landscape; check the id or add the record first"),
      collection_(std::move(collection)),
      id_(std::move(id)) {}

SchemaError::SchemaError(std::string source_name, std::vector<Location> problems)
    : Error(describe_schema(source_name, problems)),
      source_name_(std::move(source_name)),
      problems_(problems.empty() ? std::vector<Location>{Location{}} : std::move(problems)) {}

}  // namespace samkart
