#include <iostream>

#include <samkart/samkart.hpp>

int main() {
    samkart::Landscape land("Skien", 2021);
    land.add_area({.id = "3807", .name = "Skien"});
    std::cout << "samkart " << samkart::version << ", levels: " << samkart::all_levels.size() << '\n';
    return land.areas().size() == 1 ? 0 : 1;
}
