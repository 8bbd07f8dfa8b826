#pragma once
/// @file errors.hpp
/// The error hierarchy of samkart. Every error names what to fix.
///
/// C++ `samkart::Error` arrives in Python as `samkart.SamkartError`; `ValidationError`
/// (also a Python `ValueError`) carries every problem found; `UnknownIdError` (also a
/// Python `KeyError`) names the missing id; `ArgumentError` (also a `ValueError`) names a bad
/// argument; `SchemaError` (also a `ValueError`) names the
/// JSON pointer and line.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace samkart {

/// How serious a Problem is. Errors stop a landscape from being built; warnings are
/// reported by Landscape::validate() but do not stop anything.
enum class Severity : unsigned char { ERROR, WARNING };

/// One problem with one record of the input.
struct Problem {
    Severity severity = Severity::ERROR;
    std::string collection;  ///< "areas", "actors", "measures", "links", "transitions",
                             ///< "indicators", or "landscape" for top-level fields
    std::ptrdiff_t index = -1;  ///< position of the record in its collection, -1 if none
    std::string id;             ///< the record's id (or "source → target"), may be empty
    std::string field;          ///< the field at fault, may be empty for whole-record problems
    std::string message;        ///< what is wrong and what to do about it

    /// "actors[2] 'ot-skien', field 'owner': <message>"
    [[nodiscard]] std::string to_string() const;
    friend bool operator==(const Problem&, const Problem&) = default;
};

/// Root of every exception samkart throws.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The input breaks one or more rules of the model. `problems()` lists all of them.
class ValidationError : public Error {
public:
    explicit ValidationError(std::vector<Problem> problems);
    [[nodiscard]] const std::vector<Problem>& problems() const noexcept { return problems_; }

private:
    std::vector<Problem> problems_;
};

/// An argument of a function is outside what it accepts: an unknown dimension or kind name, a
/// negative threshold, more samples than nodes. The message names the argument and what is
/// accepted. Python: `samkart.ArgumentError`, also a `ValueError`.
class ArgumentError : public Error {
public:
    using Error::Error;
};

/// An id was looked up that the landscape does not have.
class UnknownIdError : public Error {
public:
    UnknownIdError(std::string collection, std::string id);
    [[nodiscard]] const std::string& collection() const noexcept { return collection_; }
    [[nodiscard]] const std::string& id() const noexcept { return id_; }

private:
    std::string collection_;
    std::string id_;
};

/// A JSON document is not well-formed or does not follow the samkart schema.
/// `problems()` lists every schema problem found; `pointer()` and `line()` name the first.
class SchemaError : public Error {
public:
    struct Location {
        std::string pointer;  ///< JSON pointer, e.g. "/actors/3/ages"; "" for the document
        std::size_t line = 0;    ///< 1-based line in the source text, 0 if unknown
        std::size_t column = 0;  ///< 1-based column, 0 if unknown
        std::string message;
        friend bool operator==(const Location&, const Location&) = default;
    };
    SchemaError(std::string source_name, std::vector<Location> problems);
    [[nodiscard]] const std::string& source_name() const noexcept { return source_name_; }
    [[nodiscard]] const std::vector<Location>& problems() const noexcept { return problems_; }
    [[nodiscard]] const std::string& pointer() const noexcept { return problems_.front().pointer; }
    [[nodiscard]] std::size_t line() const noexcept { return problems_.front().line; }

private:
    std::string source_name_;
    std::vector<Location> problems_;
};

}  // namespace samkart
