#pragma once
/// @file schema-table.hpp
/// The rows of the field table (included by schema.hpp; read that file first). One row per
/// field, in the order the JSON format lists the fields and every writer writes them.
///
/// `required`: the field must be present in a record read from a file or a frame. A required
/// field's `default_value`, if any, is only the keyword default of `Landscape.add_*` (the kind
/// of an area). An optional field's `default_value` is what an absent field means.

namespace samkart {

namespace schema_detail {
using F = FieldType;
inline constexpr std::string_view date_text = "an ISO date \"YYYY-MM-DD\"";
template <class E>
constexpr std::span<const Term> (*vocab)() noexcept = &terms<E>;
}  // namespace schema_detail

template <>
struct Schema<PopulationBand> {
    static constexpr std::string_view collection = "population";
    static constexpr std::string_view record = "population band";
    static constexpr std::string_view description = "Number of people of some ages in an area.";
    static constexpr auto fields = std::tuple{
        Field<PopulationBand, AgeRange>{{.name = "ages", .type = schema_detail::F::AGES, .required = true,
            .description = "the ages counted, (min, max) inclusive",
            .nb = "Alder", .da = "Alder", .en = "Ages"}, &PopulationBand::ages},
        Field<PopulationBand, double>{{.name = "count", .type = schema_detail::F::NUMBER, .required = true,
            .description = "people of those ages living in the area",
            .nb = "Antall", .da = "Antal", .en = "Count"}, &PopulationBand::count},
    };
};

template <>
struct Schema<Area> {
    static constexpr std::string_view collection = "areas";
    static constexpr std::string_view record = "area";
    static constexpr std::string_view description =
        "An administrative area: country, county, municipality or district.";
    static constexpr auto fields = std::tuple{
        Field<Area, std::string>{{.name = "id", .type = schema_detail::F::ID, .required = true,
            .description = "the area's id, e.g. the municipality number \"3807\"",
            .nb = "Id", .da = "Id", .en = "Id"}, &Area::id},
        Field<Area, std::string>{{.name = "name", .type = schema_detail::F::TEXT, .required = true,
            .description = "the area's name, e.g. \"Skien\"",
            .nb = "Navn", .da = "Navn", .en = "Name"}, &Area::name},
        Field<Area, AreaKind>{{.name = "kind", .type = schema_detail::F::ENUM, .required = true,
            .default_value = "municipality", .vocabulary = schema_detail::vocab<AreaKind>,
            .description = "country, county, municipality or district",
            .nb = "Type område", .da = "Type område", .en = "Kind"}, &Area::kind},
        Field<Area, std::optional<std::string>>{{.name = "parent", .type = schema_detail::F::REF,
            .refers_to = "areas", .description = "the id of the enclosing area",
            .nb = "Ligger i", .da = "Ligger i", .en = "Parent"}, &Area::parent},
        Field<Area, std::vector<PopulationBand>>{{.name = "population",
            .type = schema_detail::F::POPULATION, .default_value = "[]",
            .description = "people living in the area, by age band",
            .nb = "Befolkning", .da = "Befolkning", .en = "Population"}, &Area::population},
        Field<Area, MappingStatus>{{.name = "mapping", .type = schema_detail::F::ENUM,
            .default_value = "complete", .vocabulary = schema_detail::vocab<MappingStatus>,
            .description = "how much of the area's services was mapped: complete, partial or none",
            .nb = "Kartlagt", .da = "Kortlagt", .en = "Mapping"}, &Area::mapping},
        Field<Area, std::vector<std::string>>{{.name = "mapped", .type = schema_detail::F::TEXT_LIST,
            .default_value = "[]",
            .description = "with mapping partial: the sectors or owners that were mapped",
            .nb = "Kartlagte sektorer", .da = "Kortlagte sektorer", .en = "Mapped sectors"},
            &Area::mapped},
        Field<Area, bool>{{.name = "illustrative", .type = schema_detail::F::BOOL, .default_value = "false",
            .description = "true: plausible, not taken from a source",
            .nb = "Illustrativ", .da = "Illustrativ", .en = "Illustrative"}, &Area::illustrative},
        Field<Area, std::optional<std::string>>{{.name = "citation", .type = schema_detail::F::TEXT,
            .description = "where the record comes from, e.g. \"001\"",
            .nb = "Kilde", .da = "Kilde", .en = "Source"}, &Area::citation},
    };
};

template <>
struct Schema<Actor> {
    static constexpr std::string_view collection = "actors";
    static constexpr std::string_view record = "actor";
    static constexpr std::string_view description =
        "A service actor (aktør): an office, school, service or organisation.";
    static constexpr auto fields = std::tuple{
        Field<Actor, std::string>{{.name = "id", .type = schema_detail::F::ID, .required = true,
            .description = "the actor's id, e.g. \"ot-skien\"",
            .nb = "Id", .da = "Id", .en = "Id"}, &Actor::id},
        Field<Actor, std::string>{{.name = "name", .type = schema_detail::F::TEXT, .required = true,
            .description = "the actor's name, e.g. \"Oppfølgingstjenesten Skien\"",
            .nb = "Navn", .da = "Navn", .en = "Name"}, &Actor::name},
        Field<Actor, std::string>{{.name = "sector", .type = schema_detail::F::TEXT,
            .vocabulary = &recommended_sectors, .open_vocabulary = true,
            .description = "the kind of service, e.g. \"follow_up_service\"",
            .nb = "Sektor", .da = "Sektor", .en = "Sector"}, &Actor::sector},
        Field<Actor, Owner>{{.name = "owner", .type = schema_detail::F::ENUM, .required = true,
            .vocabulary = schema_detail::vocab<Owner>,
            .description = "who runs and funds it: municipal, county, state, private, voluntary or "
                           "self_governing",
            .nb = "Eier", .da = "Ejer", .en = "Owner"}, &Actor::owner},
        Field<Actor, std::vector<std::string>>{{.name = "areas", .type = schema_detail::F::REF_LIST,
            .default_value = "[]", .refers_to = "areas", .description = "ids of the areas served",
            .nb = "Områder", .da = "Områder", .en = "Areas"}, &Actor::areas},
        Field<Actor, std::optional<AgeRange>>{{.name = "ages", .type = schema_detail::F::AGES,
            .description = "ages served, (min, max); absent: not restricted",
            .nb = "Alder", .da = "Alder", .en = "Ages"}, &Actor::ages},
        Field<Actor, std::optional<std::string>>{{.name = "part_of", .type = schema_detail::F::REF,
            .refers_to = "actors",
            .description = "the actor this is a unit of, e.g. OT Skien of OT Vestfold og Telemark",
            .nb = "Del av", .da = "Del af", .en = "Part of"}, &Actor::part_of},
        Field<Actor, bool>{{.name = "illustrative", .type = schema_detail::F::BOOL, .default_value = "false",
            .description = "true: plausible, not taken from a source",
            .nb = "Illustrativ", .da = "Illustrativ", .en = "Illustrative"}, &Actor::illustrative},
        Field<Actor, std::optional<std::string>>{{.name = "citation", .type = schema_detail::F::TEXT,
            .description = "where the record comes from, e.g. \"002 §5.3\"",
            .nb = "Kilde", .da = "Kilde", .en = "Source"}, &Actor::citation},
    };
};

template <>
struct Schema<Measure> {
    static constexpr std::string_view collection = "measures";
    static constexpr std::string_view record = "measure";
    static constexpr std::string_view description =
        "A measure (tiltak) provided by one or more actors at one prevention level.";
    static constexpr auto fields = std::tuple{
        Field<Measure, std::string>{{.name = "id", .type = schema_detail::F::ID, .required = true,
            .description = "the measure's id", .nb = "Id", .da = "Id", .en = "Id"}, &Measure::id},
        Field<Measure, std::string>{{.name = "name", .type = schema_detail::F::TEXT, .required = true,
            .description = "the measure's name, e.g. \"Samtalegruppe\"",
            .nb = "Navn", .da = "Navn", .en = "Name"}, &Measure::name},
        Field<Measure, Level>{{.name = "level", .type = schema_detail::F::LEVEL, .required = true,
            .description = "prevention level: 1 universal, 2 early, 3 targeted, 4 intensive",
            .nb = "Nivå", .da = "Niveau", .en = "Level"}, &Measure::level},
        Field<Measure, std::vector<std::string>>{{.name = "providers", .type = schema_detail::F::REF_LIST,
            .required = true, .refers_to = "actors", .description = "ids of the providing actors, at least one",
            .nb = "Tilbydere", .da = "Udbydere", .en = "Providers"}, &Measure::providers},
        Field<Measure, std::vector<std::string>>{{.name = "areas", .type = schema_detail::F::REF_LIST,
            .default_value = "[]", .refers_to = "areas",
            .description = "ids of the areas; empty: the providers' areas",
            .nb = "Områder", .da = "Områder", .en = "Areas"}, &Measure::areas},
        Field<Measure, std::optional<AgeRange>>{{.name = "ages", .type = schema_detail::F::AGES,
            .description = "ages, (min, max); absent: the providers' ages",
            .nb = "Alder", .da = "Alder", .en = "Ages"}, &Measure::ages},
        Field<Measure, std::vector<std::string>>{{.name = "targets", .type = schema_detail::F::TEXT_LIST,
            .default_value = "[]", .vocabulary = &recommended_targets, .open_vocabulary = true,
            .description = "target groups, e.g. [\"neet\"]",
            .nb = "Målgrupper", .da = "Målgrupper", .en = "Target groups"}, &Measure::targets},
        Field<Measure, std::optional<double>>{{.name = "capacity", .type = schema_detail::F::NUMBER,
            .description = "places per year",
            .nb = "Kapasitet (plasser per år)", .da = "Kapacitet (pladser pr. år)",
            .en = "Capacity (places per year)"}, &Measure::capacity},
        Field<Measure, std::optional<double>>{{.name = "participants", .type = schema_detail::F::NUMBER,
            .description = "young people taking part (per year, or on one day: participants_kind)",
            .nb = "Deltakere", .da = "Deltagere", .en = "Participants"}, &Measure::participants},
        Field<Measure, CountKind>{{.name = "participants_kind", .type = schema_detail::F::ENUM,
            .default_value = "flow", .vocabulary = schema_detail::vocab<CountKind>,
            .description = "participants are a yearly flow or a count on one day (stock)",
            .nb = "Deltakere telt", .da = "Deltagere talt", .en = "Participants counted"},
            &Measure::participants_kind},
        Field<Measure, std::optional<std::string>>{{.name = "participants_of", .type = schema_detail::F::REF,
            .refers_to = "measures",
            .description = "a measure whose participants include these (a subset is never added to it)",
            .nb = "Deltakere blant", .da = "Deltagere blandt", .en = "Participants among"},
            &Measure::participants_of},
        Field<Measure, std::optional<double>>{{.name = "cost", .type = schema_detail::F::NUMBER,
            .description = "cost per year, in the landscape's currency",
            .nb = "Kostnad per år", .da = "Udgift pr. år", .en = "Cost per year"}, &Measure::cost},
        Field<Measure, std::vector<Key>>{{.name = "keys", .type = schema_detail::F::ENUM_LIST,
            .default_value = "[]", .vocabulary = schema_detail::vocab<Key>,
            .description = "the three keys it works with: collaboration, participation, innovation",
            .nb = "Nøkler", .da = "Nøgler", .en = "Keys"}, &Measure::keys},
        Field<Measure, std::vector<Tee>>{{.name = "tees", .type = schema_detail::F::ENUM_LIST,
            .default_value = "[]", .vocabulary = schema_detail::vocab<Tee>,
            .description = "the four T's it follows: early, close_follow_up, tailored, cross_sector",
            .nb = "De fire T-ene", .da = "De fire T'er", .en = "The four T's"}, &Measure::tees},
        Field<Measure, MeasureStatus>{{.name = "status", .type = schema_detail::F::ENUM,
            .default_value = "active", .vocabulary = schema_detail::vocab<MeasureStatus>,
            .description = "active, pilot, proposed or ended; only active and pilot measures cover",
            .nb = "Status", .da = "Status", .en = "Status"}, &Measure::status},
        Field<Measure, std::optional<std::string>>{{.name = "since", .type = schema_detail::F::DATE,
            .description = "the date it started", .nb = "Fra", .da = "Fra", .en = "Since"},
            &Measure::since},
        Field<Measure, std::optional<std::string>>{{.name = "until", .type = schema_detail::F::DATE,
            .description = "the date it ended or ends", .nb = "Til", .da = "Til", .en = "Until"},
            &Measure::until},
        Field<Measure, bool>{{.name = "illustrative", .type = schema_detail::F::BOOL, .default_value = "false",
            .description = "true: plausible, not taken from a source",
            .nb = "Illustrativ", .da = "Illustrativ", .en = "Illustrative"}, &Measure::illustrative},
        Field<Measure, std::optional<std::string>>{{.name = "citation", .type = schema_detail::F::TEXT,
            .description = "where the record comes from", .nb = "Kilde", .da = "Kilde", .en = "Source"},
            &Measure::citation},
    };
};

template <>
struct Schema<Link> {
    static constexpr std::string_view collection = "links";
    static constexpr std::string_view record = "link";
    static constexpr std::string_view description =
        "Collaboration between two actors; referral runs source → target, the other kinds are "
        "symmetric.";
    static constexpr auto fields = std::tuple{
        Field<Link, std::string>{{.name = "source", .type = schema_detail::F::REF, .required = true,
            .refers_to = "actors", .description = "an actor id", .nb = "Fra", .da = "Fra", .en = "Source"},
            &Link::source},
        Field<Link, std::string>{{.name = "target", .type = schema_detail::F::REF, .required = true,
            .refers_to = "actors", .description = "an actor id", .nb = "Til", .da = "Til", .en = "Target"},
            &Link::target},
        Field<Link, LinkKind>{{.name = "kind", .type = schema_detail::F::ENUM, .required = true,
            .vocabulary = schema_detail::vocab<LinkKind>,
            .description = "the form of collaboration", .nb = "Samarbeidsform", .da = "Samarbejdsform",
            .en = "Kind"}, &Link::kind},
        Field<Link, bool>{{.name = "formal", .type = schema_detail::F::BOOL, .default_value = "false",
            .description = "a binding, written agreement", .nb = "Formell", .da = "Formel",
            .en = "Formal"}, &Link::formal},
        Field<Link, std::optional<std::string>>{{.name = "coordinator", .type = schema_detail::F::REF,
            .refers_to = "actors", .description = "the actor who holds the baton (stafettholder)",
            .nb = "Koordinerende ansvar", .da = "Koordinerende ansvar", .en = "Coordinator"},
            &Link::coordinator},
        Field<Link, bool>{{.name = "consent", .type = schema_detail::F::BOOL, .default_value = "false",
            .description = "information flows with the young person's consent",
            .nb = "Samtykke", .da = "Samtykke", .en = "Consent"}, &Link::consent},
        Field<Link, std::optional<std::string>>{{.name = "legal_basis", .type = schema_detail::F::TEXT,
            .description = "the law that assigns it, e.g. \"opplæringslova § 3-6\"",
            .nb = "Hjemmel", .da = "Hjemmel", .en = "Legal basis"}, &Link::legal_basis},
        Field<Link, std::optional<Intensity>>{{.name = "intensity", .type = schema_detail::F::ENUM,
            .vocabulary = schema_detail::vocab<Intensity>,
            .description = "depth on the PARTNER scale: awareness, cooperation, coordination, integration",
            .nb = "Intensitet", .da = "Intensitet", .en = "Intensity"}, &Link::intensity},
        Field<Link, std::optional<double>>{{.name = "trust", .type = schema_detail::F::NUMBER,
            .description = "survey score of trust, 0–4", .nb = "Tillit", .da = "Tillid", .en = "Trust"},
            &Link::trust},
        Field<Link, std::optional<double>>{{.name = "value", .type = schema_detail::F::NUMBER,
            .description = "survey score of value, 0–4", .nb = "Verdi", .da = "Værdi", .en = "Value"},
            &Link::value},
        Field<Link, std::optional<std::string>>{{.name = "since", .type = schema_detail::F::DATE,
            .description = "the date it started", .nb = "Fra", .da = "Fra", .en = "Since"}, &Link::since},
        Field<Link, std::optional<std::string>>{{.name = "until", .type = schema_detail::F::DATE,
            .description = "the date it ended", .nb = "Til", .da = "Til", .en = "Until"}, &Link::until},
        Field<Link, bool>{{.name = "illustrative", .type = schema_detail::F::BOOL, .default_value = "false",
            .description = "true: plausible, not taken from a source",
            .nb = "Illustrativ", .da = "Illustrativ", .en = "Illustrative"}, &Link::illustrative},
        Field<Link, std::optional<std::string>>{{.name = "citation", .type = schema_detail::F::TEXT,
            .description = "where the record comes from", .nb = "Kilde", .da = "Kilde", .en = "Source"},
            &Link::citation},
    };
};

template <>
struct Schema<Transition> {
    static constexpr std::string_view collection = "transitions";
    static constexpr std::string_view record = "transition";
    static constexpr std::string_view description =
        "A hand-over of young people from one actor to another (overgang).";
    static constexpr auto fields = std::tuple{
        Field<Transition, std::string>{{.name = "source", .type = schema_detail::F::REF, .required = true,
            .refers_to = "actors", .description = "the actor handing over", .nb = "Fra", .da = "Fra",
            .en = "From"}, &Transition::source},
        Field<Transition, std::string>{{.name = "target", .type = schema_detail::F::REF, .required = true,
            .refers_to = "actors", .description = "the actor taking over", .nb = "Til", .da = "Til",
            .en = "To"}, &Transition::target},
        Field<Transition, std::optional<double>>{{.name = "volume", .type = schema_detail::F::NUMBER,
            .description = "young people handed over per year",
            .nb = "Antall per år", .da = "Antal pr. år", .en = "Young people per year"},
            &Transition::volume},
        Field<Transition, std::optional<std::string>>{{.name = "reason", .type = schema_detail::F::TEXT,
            .description = "why, e.g. \"dropout\" or \"age_limit\"", .nb = "Årsak", .da = "Årsag",
            .en = "Reason"}, &Transition::reason},
        Field<Transition, std::optional<AgeRange>>{{.name = "ages", .type = schema_detail::F::AGES,
            .description = "ages of those handed over, (min, max)", .nb = "Alder", .da = "Alder",
            .en = "Ages"}, &Transition::ages},
        Field<Transition, bool>{{.name = "illustrative", .type = schema_detail::F::BOOL,
            .default_value = "false", .description = "true: plausible, not taken from a source",
            .nb = "Illustrativ", .da = "Illustrativ", .en = "Illustrative"}, &Transition::illustrative},
        Field<Transition, std::optional<std::string>>{{.name = "citation", .type = schema_detail::F::TEXT,
            .description = "where the record comes from", .nb = "Kilde", .da = "Kilde", .en = "Source"},
            &Transition::citation},
    };
};

template <>
struct Schema<Indicator> {
    static constexpr std::string_view collection = "indicators";
    static constexpr std::string_view record = "indicator";
    static constexpr std::string_view description =
        "A figure about an area, e.g. neet_count_16_25 = 4200 in 2019.";
    static constexpr auto fields = std::tuple{
        Field<Indicator, std::string>{{.name = "area", .type = schema_detail::F::REF, .required = true,
            .refers_to = "areas", .description = "the area it describes", .nb = "Område",
            .da = "Område", .en = "Area"}, &Indicator::area},
        Field<Indicator, std::string>{{.name = "key", .type = schema_detail::F::TEXT, .required = true,
            .description = "what it measures, e.g. \"neet_count_16_25\"", .nb = "Indikator",
            .da = "Indikator", .en = "Indicator"}, &Indicator::key},
        Field<Indicator, double>{{.name = "value", .type = schema_detail::F::NUMBER, .required = true,
            .description = "the figure", .nb = "Verdi", .da = "Værdi", .en = "Value"}, &Indicator::value},
        Field<Indicator, std::optional<Comparator>>{{.name = "comparator", .type = schema_detail::F::ENUM,
            .vocabulary = schema_detail::vocab<Comparator>,
            .description = "where a source gives only a bound (\"more than 2,100\"): the figure is "
                           "more_than, at_least, less_than or at_most the value; absent: it is the value",
            .nb = "Verdien er", .da = "Værdien er", .en = "Value is"}, &Indicator::comparator},
        Field<Indicator, std::optional<int>>{{.name = "year", .type = schema_detail::F::INTEGER,
            .description = "the year it describes", .nb = "År", .da = "År", .en = "Year"},
            &Indicator::year},
        Field<Indicator, std::optional<std::string>>{{.name = "source", .type = schema_detail::F::TEXT,
            .description = "citation, e.g. \"002 §5\"", .nb = "Kilde", .da = "Kilde", .en = "Source"},
            &Indicator::source},
        Field<Indicator, std::optional<CountKind>>{{.name = "count", .type = schema_detail::F::ENUM,
            .vocabulary = schema_detail::vocab<CountKind>,
            .description = "a count of people per year (flow) or on one day (stock); absent: not a count",
            .nb = "Telling", .da = "Optælling", .en = "Count"}, &Indicator::count},
        Field<Indicator, std::optional<std::string>>{{.name = "subset_of", .type = schema_detail::F::TEXT,
            .description = "the key of an indicator of the same area whose people include these",
            .nb = "Del av", .da = "Del af", .en = "Subset of"}, &Indicator::subset_of},
        Field<Indicator, bool>{{.name = "illustrative", .type = schema_detail::F::BOOL,
            .default_value = "false", .description = "true: plausible, not taken from a source",
            .nb = "Illustrativ", .da = "Illustrativ", .en = "Illustrative"}, &Indicator::illustrative},
    };
};

}  // namespace samkart
