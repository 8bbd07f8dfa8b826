#include "samkart/core/schema.hpp"

#include "samkart/core/level.hpp"

namespace samkart {

std::string_view to_string(FieldType type) noexcept {
    switch (type) {
        case FieldType::TEXT: return "text";
        case FieldType::ID: return "id";
        case FieldType::REF: return "ref";
        case FieldType::REF_LIST: return "ref_list";
        case FieldType::TEXT_LIST: return "text_list";
        case FieldType::ENUM: return "enum";
        case FieldType::ENUM_LIST: return "enum_list";
        case FieldType::NUMBER: return "number";
        case FieldType::INTEGER: return "integer";
        case FieldType::BOOL: return "bool";
        case FieldType::AGES: return "ages";
        case FieldType::LEVEL: return "level";
        case FieldType::DATE: return "date";
        case FieldType::POPULATION: return "population";
    }
    return "text";
}

std::string_view FieldInfo::label(std::string_view lang) const {
    check_language(lang);
    return lang == "nb" ? nb : lang == "da" ? da : en;
}

const FieldInfo* RecordSchema::find(std::string_view field) const noexcept {
    for (const auto& f : fields)
        if (f.name == field) return &f;
    return nullptr;
}

std::span<const RecordSchema> record_schemas() noexcept {
    static const std::array<RecordSchema, 6> all{record_schema<Area>(),  record_schema<Actor>(),
                                                 record_schema<Measure>(), record_schema<Link>(),
                                                 record_schema<Transition>(),
                                                 record_schema<Indicator>()};
    return all;
}

const RecordSchema* find_record_schema(std::string_view collection) noexcept {
    for (const auto& s : record_schemas())
        if (s.collection == collection) return &s;
    return nullptr;
}

const RecordSchema& population_band_schema() noexcept { return record_schema<PopulationBand>(); }

}  // namespace samkart
