/// @file fuzz_json.cpp
/// libFuzzer target: arbitrary bytes → samkart::from_json_string (issue 7, docs/fuzzing.md).
///
/// Expected outcomes: a Landscape, or an exception derived from samkart::Error (SchemaError,
/// ValidationError) that says what to fix. Findings: any other exception (it escapes and
/// libFuzzer reports it as a crash), a crash, an ASan or UBSan report, or a broken invariant:
/// a landscape that was read must write to JSON, read back equal, and write the same text again.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "samkart/core/errors.hpp"
#include "samkart/core/landscape.hpp"
#include "samkart/io/json.hpp"

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_json: %s\n%s\n", what, detail.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    samkart::Landscape land;
    try {
        land = samkart::from_json_string(text, "<fuzz>");
    } catch (const samkart::Error& e) {
        // Every rejection must say something: an empty message tells the user nothing.
        if (std::string_view(e.what()).empty()) finding("an error without a message", "");
        return 0;
    }
    // Read → write → read gives the same landscape, and writing is deterministic.
    const std::string written = samkart::to_json_string(land);
    samkart::Landscape again;
    try {
        again = samkart::from_json_string(written, "<written>");
    } catch (const samkart::Error& e) {
        finding("a landscape that was read cannot read its own JSON back", e.what());
    }
    if (!(again == land)) finding("the JSON round trip changed the landscape", written);
    if (samkart::to_json_string(again) != written) finding("writing is not deterministic", written);
    // One-line output reads back the same too.
    if (!(samkart::from_json_string(samkart::to_json_string(land, -1)) == land))
        finding("the one-line JSON round trip changed the landscape", written);
    // A landscape that was read is valid: the soft checks run without throwing.
    (void)land.validate();
    return 0;
}
