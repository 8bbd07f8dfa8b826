// Print a summary of a landscape: measures by prevention level, actors by owner and sector,
// links by kind. Usage: samkart_summary [landscape.json]   (default: Vestfold og Telemark)
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>

#include <samkart/samkart.hpp>

namespace {
template <class Map>
void print_counts(const char* title, const Map& counts) {
    std::cout << title << '\n';
    for (const auto& [label, n] : counts) std::cout << "  " << std::left << std::setw(36) << label << n << '\n';
}
}  // namespace

int main(int argc, char** argv) try {
    const samkart::Landscape land =
        argc > 1 ? samkart::read_json(argv[1]) : samkart::datasets::vestfold_telemark();

    std::cout << land.name() << ": " << land.areas().size() << " areas, " << land.actors().size()
              << " actors, " << land.measures().size() << " measures, " << land.links().size()
              << " links, " << land.transitions().size() << " transitions\n";

    std::map<std::string, int> by_level, by_owner, by_sector, by_kind;
    for (const auto& m : land.measures())
        ++by_level[std::to_string(static_cast<int>(m.level)) + " " +
                   std::string(samkart::level_label(m.level, "nb"))];
    for (const auto& a : land.actors()) {
        ++by_owner[std::string(samkart::to_string(a.owner))];
        ++by_sector[a.sector.empty() ? "(none)" : a.sector];
    }
    for (const auto& l : land.links()) ++by_kind[std::string(samkart::to_string(l.kind))];

    print_counts("Measures by level", by_level);
    print_counts("Actors by owner", by_owner);
    print_counts("Actors by sector", by_sector);
    print_counts("Links by kind", by_kind);
    for (const auto& a : land.actors())
        if (a.sector == "follow_up_service") std::cout << "Follow-up: " << a.name << '\n';
    return EXIT_SUCCESS;
} catch (const samkart::Error& e) {
    std::cerr << "samkart_summary: " << e.what() << '\n';
    return EXIT_FAILURE;
}
