// Gap::message: what is missing and what would close it, in Norwegian Bokmål, Danish and
// English. One template per kind and language; {name} placeholders are filled from the gap.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "samkart/analysis/gaps/finding.hpp"
#include "samkart/analysis/gaps/gap.hpp"
#include "samkart/core/errors.hpp"
#include "samkart/core/vocabulary.hpp"

namespace samkart {

namespace {

struct Texts {
    std::string_view nb, da, en;
    [[nodiscard]] std::string_view in(std::string_view lang) const {
        return lang == "nb" ? nb : lang == "da" ? da : en;
    }
};

// --- the templates --------------------------------------------------------------------------
// Written as a civil servant in each country would write them: "tette hullet", "gjelder til og
// med 21 år"; in Danish "tovholder" for the one who coordinates (seed 003: "en intern tovholder i
// KUI") and "inddrage de unge" for participation; numbers with a thin space between thousands,
// labels instead of keys.

constexpr Texts level_missing{
    "{area} har ingen tiltak på nivå {level} ({level_label}). Et tiltak på dette nivået, eller "
    "en avtale om at et tiltak i en nabokommune også gjelder {area}, vil tette hullet.",
    "{area} har ingen indsats på niveau {level} ({level_label}). En indsats på dette niveau "
    "eller en aftale om, at en indsats i en nabokommune også dækker {area}, vil lukke hullet.",
    "{area} has no measure at level {level} ({level_label}). A measure at this level, or an "
    "agreement that a neighbouring municipality's measure also covers {area}, would close this "
    "gap."};
constexpr Texts age_uncovered{
    "I {area} finnes det ikke noe tiltak for unge i alderen {ages} år ({value} årskull). Et "
    "tiltak for disse aldrene vil tette hullet.",
    "I {area} findes der ingen indsats for unge i alderen {ages} år ({value} årgange). En "
    "indsats for disse aldre vil lukke hullet.",
    "In {area} no measure covers young people aged {ages} ({value} years of age). A measure for "
    "these ages would close this gap."};
constexpr Texts age_cliff{
    "Tiltakene på nivå {level} hos {actors} ({measures}) gjelder til og med {last} år, og ingen "
    "tjeneste som {actors} samarbeider med eller henviser til, har tiltak på nivå {level} eller "
    "høyere i {area} fra {age} år{volume}. En avtale med en tjeneste som tar over ved {age} år, "
    "vil tette hullet.",
    "Indsatserne på niveau {level} hos {actors} ({measures}) gælder til og med {last} år, og "
    "ingen aktør, som {actors} samarbejder med eller henviser til, har indsatser på niveau "
    "{level} eller højere i {area} fra {age} år{volume}. En aftale med en aktør, der tager over "
    "ved {age} år, vil lukke hullet.",
    "The level {level} measures of {actors} ({measures}) apply up to and including age {last}, "
    "and no actor that {actors} works with or refers to offers level {level} or higher in {area} "
    "from age {age}{volume}. An agreement with a service that takes over at {age} would close "
    "this gap."};
constexpr Texts cliff_volume{" ({value} unge i året går ut på grunn av aldersgrensen)",
                             " ({value} unge om året når aldersgrænsen)",
                             " ({value} young people a year leave at the age limit)"};
constexpr Texts capacity_short{
    "I {area} har tiltakene på nivå {level} {value} plasser i året for {expected} {group}: det "
    "mangler {short} plasser. Flere plasser på nivå {level} vil tette hullet.",
    "I {area} har indsatserne på niveau {level} {value} pladser om året til {expected} {group}: "
    "der mangler {short} pladser. Flere pladser på niveau {level} vil lukke hullet.",
    "In {area} the level {level} measures have {value} places a year for {expected} {group}: "
    "{short} places are missing. More places at level {level} would close this gap."};
constexpr Texts capacity_unknown_need{
    "I {area} oppgir {missing_count} av tiltakene på nivå {level} ikke hvor mange plasser de "
    "har, så det kan ikke vurderes om plassene dekker {expected} {group} (de som oppgir plasser, "
    "har {value}). Antall plasser i året for hvert tiltak trengs for å vurdere det.",
    "I {area} oplyser {missing_count} af indsatserne på niveau {level} ikke, hvor mange pladser "
    "de har, så det kan ikke vurderes, om pladserne dækker {expected} {group} (de, der oplyser "
    "pladser, har {value}). Det kræver, at hver indsats oplyser sit antal pladser om året.",
    "In {area} {missing_count} of the level {level} measures do not say how many places they "
    "have, so whether the places cover {expected} {group} cannot be judged (those that do have "
    "{value}). The places a year of each measure are needed to judge it."};
constexpr Texts capacity_unknown{
    "{value} av {expected} tiltak på nivå {level} i {area} oppgir ikke hvor mange plasser de har "
    "({measures}). Om det er plasser nok på dette nivået, kan derfor ikke vurderes; antall "
    "plasser i året for hvert tiltak trengs.",
    "{value} af {expected} indsatser på niveau {level} i {area} oplyser ikke, hvor mange pladser "
    "de har ({measures}). Om der er pladser nok på dette niveau, kan derfor ikke vurderes; det "
    "kræver, at hver indsats oplyser sit antal pladser om året.",
    "{value} of the {expected} level {level} measures in {area} do not say how many places they "
    "have ({measures}). Whether there are enough places at this level cannot be judged; the "
    "places a year of each measure are needed."};
constexpr Texts duplication{
    "I {area} er {measures} begge tiltak på nivå {level} for samme målgruppe og alder ({ages} år), "
    "men tilbyderne ({actors}) har ingen kobling seg imellom. En kobling mellom dem, eller å slå "
    "tiltakene sammen, vil tette hullet.",
    "I {area} er {measures} begge indsatser på niveau {level} for samme målgruppe og alder "
    "({ages} år), men udbyderne ({actors}) har ingen forbindelse. En forbindelse mellem dem eller "
    "en sammenlægning af indsatserne vil lukke hullet.",
    "In {area} {measures} are both level {level} measures for the same target group and ages "
    "({ages}), but their providers ({actors}) have no link. A link between them, or merging the "
    "measures, would close this gap."};
constexpr Texts handoff_unlinked{
    "{volume} går fra {source} til {target}, men ingen avtale eller annen kobling knytter dem "
    "sammen. En samarbeidsavtale som sier hvem som koordinerer (stafettholder), vil tette "
    "hullet.",
    "{volume} går fra {source} til {target}, men ingen aftale eller anden forbindelse knytter "
    "dem sammen. En samarbejdsaftale, der fastlægger, hvem der er tovholder, vil lukke hullet.",
    "{volume} go from {source} to {target}, but no agreement or other link joins them. An "
    "agreement that says who coordinates would close this gap."};
constexpr Texts handoff_uncoordinated{
    "{volume} går fra {source} til {target}. De to samarbeider, men ingen forpliktende avtale, "
    "felles plan eller lovpålagt plikt sier hvem som koordinerer. Å avtale hvem som er "
    "stafettholder, vil tette hullet.",
    "{volume} går fra {source} til {target}. De to samarbejder, men ingen forpligtende aftale, "
    "fælles plan eller lovbestemt pligt fastlægger, hvem der koordinerer. En aftale om, hvem "
    "der er tovholder, vil lukke hullet.",
    "{volume} go from {source} to {target}. The two work together, but no binding agreement, "
    "shared plan or statutory duty says who coordinates. Agreeing who holds the baton would "
    "close this gap."};
constexpr Texts handoff_volume{"{value} unge i året", "{value} unge om året",
                               "{value} young people a year"};
constexpr Texts handoff_no_volume{"Unge (antall ikke oppgitt)", "Unge (antal ikke oplyst)",
                                  "Young people (number not given)"};
constexpr Texts silo{
    "De {count} aktørene med {attribute} «{group}» samarbeider mest seg imellom (E–I-indeks "
    "{value}, terskel {expected}). Flere koblinger til aktører utenfor gruppen vil tette hullet.",
    "De {count} aktører med {attribute} »{group}« samarbejder mest indbyrdes (E–I-indeks "
    "{value}, tærskel {expected}). Flere forbindelser til aktører uden for gruppen vil lukke "
    "hullet.",
    "The {count} actors with {attribute} '{group}' work mostly among themselves (E–I index "
    "{value}, threshold {expected}). More links to actors outside the group would close this "
    "gap."};
constexpr Texts single_point{
    "{actors} er eneste forbindelse mellom {value} {actor_word} og resten av nettverket: faller "
    "{actors} bort, blir de koblet fra. En kobling til mellom dem og resten vil tette hullet.",
    "{actors} er den eneste forbindelse mellem {value} {actor_word} og resten af netværket: "
    "falder {actors} bort, mister de forbindelsen til resten. En ekstra forbindelse mellem dem "
    "og resten vil lukke hullet.",
    "{actors} is the only link between {value} {actor_word} and the rest of the network: if "
    "{actors} drops out, they are cut off. A second link between them and the rest would close "
    "this gap."};
constexpr Texts isolated{
    "{actors} har ingen kobling til andre aktører{level_part}. En kobling (en avtale, en "
    "henvisningsrutine eller et nettverk) vil tette hullet.",
    "{actors} har ingen forbindelse til andre aktører{level_part}. En forbindelse (en aftale, "
    "en henvisningsrutine eller et netværk) vil lukke hullet.",
    "{actors} has no link to any other actor{level_part}. A link (an agreement, a referral "
    "routine or a network) would close this gap."};
constexpr Texts isolated_level{", selv om den har tiltak på nivå {level}",
                               ", selvom den har indsatser på niveau {level}",
                               ", although it provides level {level} measures"};
constexpr Texts no_participation{
    "Ingen av tiltakene på nivå 2–4 i {area} har medvirkning fra de unge selv. Medvirkning i "
    "minst ett av dem vil tette hullet.",
    "Ingen af indsatserne på niveau 2–4 i {area} inddrager de unge selv. At inddrage de unge i "
    "mindst én af dem vil lukke hullet.",
    "None of the level 2–4 measures in {area} involves the young people themselves "
    "(participation). Involving them in at least one would close this gap."};
constexpr Texts unreachable{
    "I {area} kan {value} {actor_word} med bare tiltak på nivå 1–2 ({actors}) ikke nå en tjeneste "
    "med tiltak på nivå 4 innen {detail} henvisningsledd. En henvisningsrutine eller avtale med "
    "en tjeneste på nivå 4 vil tette hullet.",
    "I {area} kan {value} {actor_word} med kun indsatser på niveau 1–2 ({actors}) ikke nå en "
    "aktør med indsatser på niveau 4 inden for {detail} henvisningsled. En henvisningsrutine "
    "eller aftale med en aktør på niveau 4 vil lukke hullet.",
    "In {area} {value} {actor_word} with only level 1–2 measures ({actors}) cannot reach an actor "
    "with level 4 measures within {detail} referral steps. A referral routine or agreement with "
    "a level 4 actor would close this gap."};
constexpr Texts imbalance{
    "I {area} er bare {share} % av {what} på nivå 1 (universelt), under minimum {minimum} %. "
    "Flere universelle tiltak vil tette hullet: de fleste som faller utenfor, kommer fra de "
    "mange med lav risiko (forebyggingsparadokset).",
    "I {area} er kun {share} % af {what} på niveau 1 (universelt), under minimum {minimum} %. "
    "Flere universelle indsatser vil lukke hullet: de fleste, der ender uden for uddannelse og "
    "job, kommer fra den store gruppe med lav risiko (forebyggelsesparadokset).",
    "In {area} only {share}% of the {what} are at level 1 (universal), below the minimum of "
    "{minimum}%. More universal measures would close this gap: most young people who fall "
    "outside come from the many at low risk (the prevention paradox)."};
constexpr Texts not_mapped_partial{
    "I {area} er bare {mapped} kartlagt. At noe ikke er kartlagt, betyr ikke at det mangler, så "
    "hull i nivåer, aldre og kapasitet meldes ikke for {area}. En kartlegging av resten av "
    "tjenestene vil gi et fullstendig bilde.",
    "I {area} er kun {mapped} kortlagt. At noget ikke er kortlagt, betyder ikke, at det mangler, "
    "så huller i niveauer, aldre og kapacitet meldes ikke for {area}. En kortlægning af resten af "
    "indsatserne vil give et fuldstændigt billede.",
    "In {area} only {mapped} were mapped. What was not mapped is not missing, so gaps in levels, "
    "ages and capacity are not reported for {area}. Mapping the other services would give the "
    "full picture."};
constexpr Texts not_mapped_none{
    "Tjenestene i {area} er ikke kartlagt. At noe ikke er kartlagt, betyr ikke at det mangler, så "
    "hull i nivåer, aldre og kapasitet meldes ikke for {area}. En kartlegging vil gi et bilde.",
    "Indsatserne i {area} er ikke kortlagt. At noget ikke er kortlagt, betyder ikke, at det "
    "mangler, så huller i niveauer, aldre og kapacitet meldes ikke for {area}. En kortlægning vil "
    "give et billede.",
    "The services of {area} were not mapped. What was not mapped is not missing, so gaps in "
    "levels, ages and capacity are not reported for {area}. Mapping them would give a picture."};

// --- formatting -----------------------------------------------------------------------------

/// 581 → "581", 4160 → "4 160" (nb, da: a narrow no-break space, U+202F, between thousands)
/// or "4,160" (en); 0.25 → "0,25" (nb, da) or "0.25" (en); −0.667 → "−0,67"; no trailing zeros.
std::string number(double x, std::string_view lang = "en", int decimals = 2) {
    const bool nordic = lang != "en";
    const bool whole = std::abs(x - std::round(x)) < 1e-9;
    char buffer[64];
    if (whole) std::snprintf(buffer, sizeof buffer, "%.0f", std::round(x));
    else std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
    std::string raw = buffer;
    if (!whole) {
        while (!raw.empty() && raw.back() == '0') raw.pop_back();
        if (!raw.empty() && raw.back() == '.') raw.pop_back();
    }
    const bool negative = !raw.empty() && raw.front() == '-';
    if (negative) raw.erase(0, 1);
    const auto dot = raw.find('.');
    std::string integer = raw.substr(0, dot), fraction = dot == std::string::npos ? "" : raw.substr(dot + 1);
    std::string grouped;
    const std::string separator = nordic ? "\u202f" : ",";
    for (std::size_t i = 0; i < integer.size(); ++i) {
        if (i > 0 && (integer.size() - i) % 3 == 0) grouped += separator;
        grouped += integer[i];
    }
    std::string out = (negative ? "−" : "") + grouped;
    if (!fraction.empty()) out += (nordic ? "," : ".") + fraction;
    return out;
}

/// A person-readable label of an indicator key; no raw key reaches a reader.
std::string indicator_group(const std::string& key, std::string_view lang) {
    static const std::map<std::string, Texts> labels{
        {"neet_count_16_25", {"unge 16–25 år utenfor arbeid og utdanning",
                              "unge 16–25 år uden for uddannelse og job",
                              "young people aged 16–25 outside work and education"}},
        {"need_level_3", {"unge som trenger hjelp på nivå 3", "unge, der har brug for hjælp på niveau 3",
                          "young people who need level 3 help"}},
        {"need_level_4", {"unge som trenger hjelp på nivå 4", "unge, der har brug for hjælp på niveau 4",
                          "young people who need level 4 help"}},
    };
    if (const auto it = labels.find(key); it != labels.end()) return std::string(it->second.in(lang));
    std::string words = key;  // a key of the user's own: its words, without underscores
    std::replace(words.begin(), words.end(), '_', ' ');
    return (lang == "en" ? "people (" : "personer (") + words + ")";
}

/// "A", "A and B", "A, B and C", "A, B, C, D, E and 3 more"; six names are all named ("and 1
/// more" would take as much room as the name).
std::string names(const std::vector<std::string>& list, std::string_view lang) {
    const std::size_t shown = list.size() == 6 ? 6 : 5;
    const std::string_view and_word = lang == "en" ? " and " : " og ";
    std::vector<std::string> parts(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(std::min(shown, list.size())));
    if (list.size() > shown) {
        const auto rest = std::to_string(list.size() - shown);
        const bool one = list.size() - shown == 1;
        parts.push_back(lang == "en" ? rest + " more"
                        : lang == "nb" ? rest + (one ? " annen" : " andre")
                                       : rest + (one ? " anden" : " andre"));
    }
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? std::string(and_word) : std::string(", ");
        out += parts[i];
    }
    return out;
}

std::string quoted(const std::vector<std::string>& list, std::string_view lang) {
    std::vector<std::string> q;
    for (const auto& s : list)
        q.push_back(lang == "nb" ? "«" + s + "»" : lang == "da" ? "»" + s + "«" : "'" + s + "'");
    return names(q, lang);
}

std::string fill(std::string_view text, const std::map<std::string, std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            const auto close = text.find('}', i);
            const auto key = std::string(text.substr(i + 1, close - i - 1));
            const auto it = values.find(key);
            out += it != values.end() ? it->second : "{" + key + "}";
            i = close;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// The label of a silo group: "owner=municipal" → ("eier", "Kommunal").
std::pair<std::string, std::string> group_label(const std::string& detail, std::string_view lang) {
    const auto eq = detail.find('=');
    const auto by = detail.substr(0, eq);
    const auto value = eq == std::string::npos ? std::string() : detail.substr(eq + 1);
    const Texts attribute = by == "owner"    ? Texts{"eier", "ejer", "owner"}
                            : by == "sector" ? Texts{"sektor", "sektor", "sector"}
                                             : Texts{"område", "område", "area"};
    std::string label = value;
    if (by == "owner") {
        if (const auto owner = parse<Owner>(value)) label = std::string(terms<Owner>()[static_cast<std::size_t>(*owner)].label(lang));
    } else if (by == "sector") {
        if (const auto* term = find_term(recommended_sectors(), value)) label = std::string(term->label(lang));
    }
    return {std::string(attribute.in(lang)), label};
}

/// A label inside a sentence: "Kommunal ungeindsats (KUI)" → "kommunal ungeindsats (KUI)", as a
/// civil servant writes it in running text; "NAV" and "KL" (capital, capital) stay as they are.
std::string in_sentence(std::string_view label) {
    std::string out(label);
    if (out.size() > 1 && out[0] >= 'A' && out[0] <= 'Z' && out[1] >= 'a' && out[1] <= 'z')
        out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

/// "fylkeskommunale og statlige tjenester og NAV": what a partly mapped area's `mapped` names.
std::string mapped_phrase(const std::string& detail, std::string_view lang) {
    const auto colon = detail.find(':');
    std::string list = colon == std::string::npos ? std::string() : detail.substr(colon + 1);
    std::vector<std::string> owners, sectors;
    static const std::map<std::string, Texts> owner_words{
        {"municipal", {"kommunale", "kommunale", "municipal"}},
        {"county", {"fylkeskommunale", "regionale", "county"}},
        {"state", {"statlige", "statslige", "state"}},
        {"private", {"private", "private", "private"}},
        {"voluntary", {"frivillige", "frivillige", "voluntary"}},
        {"self_governing", {"selveiende", "selvejende", "self-governing"}}};
    std::size_t start = 0;
    while (start < list.size()) {
        auto end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        const auto name = list.substr(start, end - start);
        if (const auto it = owner_words.find(name); it != owner_words.end())
            owners.emplace_back(it->second.in(lang));
        else if (const auto* term = find_term(recommended_sectors(), name))
            sectors.push_back(in_sentence(term->label(lang)));
        else
            sectors.push_back(name);
        start = end + 1;
    }
    std::vector<std::string> parts;
    if (!owners.empty())
        parts.push_back(names(owners, lang) + (lang == "nb" ? " tjenester" : lang == "da" ? " indsatser" : " services"));
    if (!sectors.empty()) parts.push_back(names(sectors, lang));
    if (parts.empty()) return lang == "en" ? "nothing" : "ingenting";
    return names(parts, lang);
}

}  // namespace

std::string Gap::message(std::string_view lang) const {
    check_language(lang);
    std::map<std::string, std::string> v;
    v["area"] = !area_name.empty() ? area_name
                : lang == "nb"     ? "landskapet"
                : lang == "da"     ? "landskabet"
                                   : "the landscape";
    v["actors"] = names(actor_names, lang);
    v["measures"] = quoted(measure_names, lang);
    v["detail"] = detail;
    if (level) {
        v["level"] = std::to_string(static_cast<int>(*level));
        v["level_label"] = std::string(level_label(*level, lang));
    }
    if (ages) v["ages"] = ages->to_string();
    if (value) v["value"] = number(*value, lang);
    if (expected) v["expected"] = number(*expected, lang);
    const auto actor_word = [&](double n) {
        const bool one = std::abs(n - 1) < 1e-9;
        return std::string(one ? (lang == "en" ? "actor" : "aktør") : (lang == "en" ? "actors" : "aktører"));
    };

    switch (kind) {
        case GapKind::LEVEL_MISSING: return fill(level_missing.in(lang), v);
        case GapKind::AGE_UNCOVERED: return fill(age_uncovered.in(lang), v);
        case GapKind::AGE_CLIFF:
            v["age"] = ages ? std::to_string(ages->min) : "?";
            v["last"] = ages ? std::to_string(ages->min - 1) : "?";
            v["volume"] = value && *value > 0 ? fill(cliff_volume.in(lang), v) : "";
            return fill(age_cliff.in(lang), v);
        case GapKind::CAPACITY_SHORT:
            v["short"] = number(expected.value_or(0) - value.value_or(0), lang);
            v["group"] = indicator_group(detail, lang);
            return fill(capacity_short.in(lang), v);
        case GapKind::CAPACITY_UNKNOWN:
            v["missing_count"] = number(static_cast<double>(value_missing), lang);
            if (!detail.empty()) {
                v["group"] = indicator_group(detail, lang);
                return fill(capacity_unknown_need.in(lang), v);
            }
            if (value && *value > static_cast<double>(std::min<std::size_t>(5, measure_names.size()))) {
                // Only the first measures are named on the gap; `value` has how many there are.
                const auto shown = std::min<std::size_t>(5, measure_names.size());
                v["measures"] = quoted({measure_names.begin(), measure_names.begin() + static_cast<std::ptrdiff_t>(shown)}, lang) +
                                (lang == "en" ? " and " : " og ") +
                                number(*value - static_cast<double>(shown), lang) +
                                (lang == "en" ? " more" : " andre");
            }
            return fill(capacity_unknown.in(lang), v);
        case GapKind::DUPLICATION: return fill(duplication.in(lang), v);
        case GapKind::HANDOFF_UNLINKED:
        case GapKind::HANDOFF_UNCOORDINATED:
            v["source"] = actor_names.empty() ? "?" : actor_names.front();
            v["target"] = actor_names.size() < 2 ? "?" : actor_names[1];
            v["volume"] = value ? fill(handoff_volume.in(lang), v) : std::string(handoff_no_volume.in(lang));
            return fill(kind == GapKind::HANDOFF_UNLINKED ? handoff_unlinked.in(lang)
                                                          : handoff_uncoordinated.in(lang), v);
        case GapKind::SILO: {
            const auto [attribute, group] = group_label(detail, lang);
            v["attribute"] = attribute;
            v["group"] = group;
            v["count"] = std::to_string(actors.size());
            return fill(silo.in(lang), v);
        }
        case GapKind::SINGLE_POINT_OF_FAILURE:
            v["actor_word"] = actor_word(value.value_or(0));
            return fill(single_point.in(lang), v);
        case GapKind::ISOLATED_ACTOR:
            v["level_part"] = level ? fill(isolated_level.in(lang), v) : "";
            return fill(isolated.in(lang), v);
        case GapKind::NO_PARTICIPATION: return fill(no_participation.in(lang), v);
        case GapKind::UNREACHABLE_INTENSIVE:
            v["actor_word"] = actor_word(value.value_or(0));
            return fill(unreachable.in(lang), v);
        case GapKind::LEVEL_IMBALANCE: {
            v["share"] = number(100 * value.value_or(0), lang, 0);
            v["minimum"] = number(100 * expected.value_or(0), lang, 0);
            const bool places = detail == "capacity";
            v["what"] = std::string(places ? Texts{"plassene", "pladserne", "places"}.in(lang)
                                           : Texts{"tiltakene", "indsatserne", "measures"}.in(lang));
            return fill(imbalance.in(lang), v);
        }
        case GapKind::NOT_MAPPED:
            v["mapped"] = mapped_phrase(detail, lang);
            return fill(detail == "none" ? not_mapped_none.in(lang) : not_mapped_partial.in(lang), v);
    }
    return {};
}

// --- findings -------------------------------------------------------------------------------

namespace {

constexpr Texts f_age_cliff{
    "Tiltakene på nivå {level} hos {subject} gjelder til og med {last} år, og ingen tjeneste på "
    "nivå {level} eller høyere tar over fra {age} år {where}.{young} En avtale med en tjeneste "
    "som tar over ved {age} år, vil tette hullet.",
    "Indsatserne på niveau {level} hos {subject} gælder til og med {last} år, og ingen aktør på "
    "niveau {level} eller højere tager over fra {age} år {where}.{young} En aftale med en aktør, "
    "der tager over ved {age} år, vil lukke hullet.",
    "The level {level} measures of {subject} apply up to and including age {last}, and no "
    "service at level {level} or higher takes over from age {age} {where}.{young} An agreement "
    "with a service that takes over at {age} would close the gap."};
constexpr Texts f_cliff_young{" Om lag {young_n} unge i året går ut på grunn av aldersgrensen.",
                              " Omkring {young_n} unge om året når aldersgrænsen.",
                              " About {young_n} young people a year leave at the age limit."};
constexpr Texts f_level_missing{
    "Det finnes ingen tiltak på nivå {level} ({level_label}) {where}. Et tiltak på dette nivået, "
    "eller en avtale om at et tiltak i en nabokommune også gjelder der, vil tette hullet.",
    "Der findes ingen indsats på niveau {level} ({level_label}) {where}. En indsats på dette "
    "niveau eller en aftale om, at en indsats i en nabokommune også dækker området, vil lukke "
    "hullet.",
    "There is no measure at level {level} ({level_label}) {where}. A measure at this level, or an "
    "agreement that a neighbouring municipality's measure also covers it, would close the gap."};
constexpr Texts f_age_uncovered{
    "Ingen tiltak dekker unge i alderen {ages} år {where}. Et tiltak for disse aldrene vil tette "
    "hullet.",
    "Ingen indsats dækker unge i alderen {ages} år {where}. En indsats for disse aldre vil lukke "
    "hullet.",
    "No measure covers young people aged {ages} {where}. A measure for these ages would close "
    "the gap."};
constexpr Texts f_capacity_short{
    "Det mangler {short} plasser på nivå {level} {where}: {value} plasser i året for {expected} "
    "{group}. Flere plasser på nivå {level} vil tette hullet.",
    "Der mangler {short} pladser på niveau {level} {where}: {value} pladser om året til "
    "{expected} {group}. Flere pladser på niveau {level} vil lukke hullet.",
    "{short} places are missing at level {level} {where}: {value} places a year for {expected} "
    "{group}. More places at level {level} would close the gap."};
constexpr Texts f_capacity_unknown{
    "Tiltak på nivå {level} oppgir ikke hvor mange plasser de har {where}, så om det er plasser "
    "nok, kan ikke vurderes. Antall plasser i året for hvert tiltak trengs.",
    "Indsatser på niveau {level} oplyser ikke, hvor mange pladser de har, {where}, så om der er "
    "pladser nok, kan ikke vurderes. Det kræver, at hver indsats oplyser sit antal pladser om "
    "året.",
    "Level {level} measures do not say how many places they have {where}, so whether there are "
    "enough places cannot be judged. The places a year of each measure are needed."};
constexpr Texts f_duplication{
    "{n} par av tiltak på nivå {level} for samme målgruppe og alder drives side om side av "
    "tilbydere uten kobling seg imellom {where}. En kobling mellom tilbyderne, eller å slå "
    "tiltakene sammen, vil tette hullet.",
    "{n} par af indsatser på niveau {level} for samme målgruppe og alder drives side om side af "
    "udbydere uden forbindelse {where}. En forbindelse mellem udbyderne eller en sammenlægning "
    "af indsatserne vil lukke hullet.",
    "{n} pairs of level {level} measures for the same target group and ages run side by side, by "
    "providers without a link, {where}. A link between the providers, or merging the measures, "
    "would close the gap."};
constexpr Texts f_handoff_unlinked{
    "{who} går fra {source} til {target} uten at noen avtale eller annen kobling knytter "
    "tjenestene sammen: {n_routes} {where}. En samarbeidsavtale som sier hvem som koordinerer "
    "(stafettholder), vil tette hullet.",
    "{who} går fra {source} til {target}, uden at nogen aftale eller anden forbindelse knytter "
    "dem sammen: {n_routes} {where}. En samarbejdsaftale, der fastlægger, hvem der er "
    "tovholder, vil lukke hullet.",
    "{who} go from {source} to {target} with no agreement or other link between the services: "
    "{n_routes} {where}. An agreement that says who coordinates would close the gap."};
constexpr Texts f_handoff_uncoordinated{
    "{who} går fra {source} til {target}: {n_routes} {where}. Tjenestene samarbeider, men ingen "
    "forpliktende avtale, felles plan eller lovpålagt plikt sier hvem som koordinerer. Å avtale "
    "hvem som er stafettholder, vil tette hullet.",
    "{who} går fra {source} til {target}: {n_routes} {where}. De samarbejder, men ingen "
    "forpligtende aftale, fælles plan eller lovbestemt pligt fastlægger, hvem der koordinerer. "
    "En aftale om, hvem der er tovholder, vil lukke hullet.",
    "{who} go from {source} to {target}: {n_routes} {where}. The services work together, but "
    "no binding agreement, shared plan or statutory duty says who coordinates. Agreeing who "
    "holds the baton would close the gap."};
constexpr Texts f_who{"Om lag {young_n} unge i året", "Omkring {young_n} unge om året",
                      "About {young_n} young people a year"};
constexpr Texts f_who_unknown{"Unge", "Unge", "Young people"};
constexpr Texts f_routes{"{n} overganger", "{n} overgange", "{n} routes"};
constexpr Texts f_route{"én overgang", "én overgang", "one route"};
constexpr Texts f_single_point{
    "{n} aktører innen {sector} er hver for seg eneste forbindelse mellom en del av nettverket og "
    "resten ({actors}). En kobling til rundt hver av dem vil tette hullet.",
    "{n} aktører inden for {sector} er hver for sig den eneste forbindelse mellem en del af "
    "netværket og resten ({actors}). En ekstra forbindelse uden om hver af dem vil lukke "
    "hullet.",
    "{n} actors in {sector} are each the only link between part of the network and the rest "
    "({actors}). A second link around each would close the gap."};
constexpr Texts f_isolated{
    "{n} aktører innen {sector} har ingen kobling til andre aktører ({actors}). En kobling (en "
    "avtale, en henvisningsrutine eller et nettverk) vil tette hullet.",
    "{n} aktører inden for {sector} har ingen forbindelse til andre aktører ({actors}). En "
    "forbindelse (en aftale, en henvisningsrutine eller et netværk) vil lukke hullet.",
    "{n} actors in {sector} have no link to any other actor ({actors}). A link (an agreement, a "
    "referral routine or a network) would close the gap."};
constexpr Texts f_no_participation{
    "Ingen av tiltakene på nivå 2–4 har medvirkning fra de unge selv {where}. Medvirkning i minst "
    "ett tiltak vil tette hullet.",
    "Ingen af indsatserne på niveau 2–4 inddrager de unge selv {where}. At inddrage de unge i "
    "mindst én indsats vil lukke hullet.",
    "None of the level 2–4 measures involves the young people themselves {where}. Involving them "
    "in at least one would close the gap."};
constexpr Texts f_unreachable{
    "Aktører med bare tiltak på nivå 1–2 kan ikke nå en tjeneste på nivå 4 innen {hops} "
    "henvisningsledd {where} ({n_actors} aktører). En henvisningsrutine eller avtale med en "
    "tjeneste på nivå 4 vil tette hullet.",
    "Aktører med kun indsatser på niveau 1–2 kan ikke nå en aktør på niveau 4 inden for {hops} "
    "henvisningsled {where} ({n_actors} aktører). En henvisningsrutine eller aftale med en aktør "
    "på niveau 4 vil lukke hullet.",
    "Actors with only level 1–2 measures cannot reach a level 4 service within {hops} referral "
    "steps {where} ({n_actors} actors). A referral routine or agreement with a level 4 service "
    "would close the gap."};
constexpr Texts f_imbalance{
    "Under {minimum} % av tiltakene er universelle (nivå 1) {where}. Flere universelle tiltak vil "
    "tette hullet: de fleste som faller utenfor, kommer fra de mange med lav risiko.",
    "Under {minimum} % af indsatserne er universelle (niveau 1) {where}. Flere universelle "
    "indsatser vil lukke hullet: de fleste, der ender uden for uddannelse og job, kommer fra den "
    "store gruppe med lav risiko.",
    "Under {minimum}% of the measures are universal (level 1) {where}. More universal measures "
    "would close the gap: most young people who fall outside come from the many at low risk."};
constexpr Texts f_not_mapped_partial{
    "Bare {mapped} er kartlagt {where}. At noe ikke er kartlagt, betyr ikke at det mangler, så hull "
    "i nivåer, aldre og kapasitet meldes ikke der. En kartlegging av resten av tjenestene vil gi "
    "et fullstendig bilde.",
    "Kun {mapped} er kortlagt {where}. At noget ikke er kortlagt, betyder ikke, at det mangler, så "
    "huller i niveauer, aldre og kapacitet meldes ikke der. En kortlægning af resten af "
    "indsatserne vil give et fuldstændigt billede.",
    "Only {mapped} were mapped {where}. What was not mapped is not missing, so gaps in levels, "
    "ages and capacity are not reported there. Mapping the other services would give the full "
    "picture."};
constexpr Texts f_not_mapped_none{
    "Tjenestene er ikke kartlagt {where}. At noe ikke er kartlagt, betyr ikke at det mangler, så "
    "hull i nivåer, aldre og kapasitet meldes ikke der.",
    "Indsatserne er ikke kortlagt {where}. At noget ikke er kortlagt, betyder ikke, at det "
    "mangler, så huller i niveauer, aldre og kapacitet meldes ikke der.",
    "The services were not mapped {where}. What was not mapped is not missing, so gaps in levels, "
    "ages and capacity are not reported there."};

/// "i Skien", "i 9 kommuner (Skien, Porsgrunn, ... og 4 andre)", "" without areas.
std::string where(const Finding& f, std::string_view lang) {
    if (f.area_names.empty()) return {};
    const std::string in = lang == "en" ? "in " : "i ";
    if (f.area_names.size() <= 5) return in + names(f.area_names, lang);
    const std::string count = std::to_string(f.area_names.size());
    const std::string word = f.municipalities ? (lang == "en" ? " municipalities" : " kommuner")
                                              : (lang == "nb" ? " områder" : lang == "da" ? " områder" : " areas");
    return in + count + word + " (" + names(f.area_names, lang) + ")";
}

std::string sector_label(const std::string& key, std::string_view lang) {
    if (const auto* term = find_term(recommended_sectors(), key)) return std::string(term->label(lang));
    return key;
}

/// "sector:follow_up_service" → its label; an organisation's name as it is.
std::string subject_label(const std::string& subject, std::string_view lang) {
    if (subject.starts_with("sector:")) return sector_label(subject.substr(7), lang);
    return subject;
}

}  // namespace

std::string Finding::message(std::string_view lang) const {
    check_language(lang);
    // A finding of one gap of a kind whose gaps differ in substance says it as the gap does.
    const bool single = gaps.size() == 1;
    if (single) return lead.message(lang);
    std::map<std::string, std::string> v;
    v["where"] = where(*this, lang);
    v["n"] = number(static_cast<double>(gaps.size()), lang);
    v["n_actors"] = number(static_cast<double>(actors.size()), lang);
    v["actors"] = names(actor_names, lang);
    if (level) {
        v["level"] = std::to_string(static_cast<int>(*level));
        v["level_label"] = std::string(level_label(*level, lang));
    }
    if (ages) v["ages"] = ages->to_string();
    v["young_n"] = young_people ? number(std::round(*young_people), lang) : "";
    v["value"] = number(value, lang);
    v["expected"] = number(expected, lang);
    v["subject"] = subject_label(subject, lang);
    std::string text;
    switch (kind) {
        case GapKind::AGE_CLIFF:
            v["age"] = ages ? std::to_string(ages->min) : "?";
            v["last"] = ages ? std::to_string(ages->min - 1) : "?";
            v["young"] = young_people && *young_people > 0 ? fill(f_cliff_young.in(lang), v) : "";
            text = fill(f_age_cliff.in(lang), v);
            break;
        case GapKind::LEVEL_MISSING: text = fill(f_level_missing.in(lang), v); break;
        case GapKind::AGE_UNCOVERED: text = fill(f_age_uncovered.in(lang), v); break;
        case GapKind::CAPACITY_SHORT:
            v["short"] = number(expected - value, lang);
            v["group"] = indicator_group(detail, lang);
            text = fill(f_capacity_short.in(lang), v);
            break;
        case GapKind::CAPACITY_UNKNOWN: text = fill(f_capacity_unknown.in(lang), v); break;
        case GapKind::DUPLICATION: text = fill(f_duplication.in(lang), v); break;
        case GapKind::HANDOFF_UNLINKED:
        case GapKind::HANDOFF_UNCOORDINATED: {
            const auto arrow = subject.find('>');
            v["who"] = young_people ? fill(f_who.in(lang), v) : std::string(f_who_unknown.in(lang));
            v["n_routes"] = single ? std::string(f_route.in(lang)) : fill(f_routes.in(lang), v);
            v["source"] = sector_label(subject.substr(0, arrow), lang);
            v["target"] = arrow == std::string::npos ? "?" : sector_label(subject.substr(arrow + 1), lang);
            if (route_sources.size() <= 3 || v["source"] == v["target"]) {
                // A few routes, or routes within one sector: name the services, route by route
                // ("fra BUP til DPS og fra ... til ..."), not the sectors.
                std::vector<std::string> routes;
                const std::string from = lang == "en" ? "from " : "fra ", to = lang == "en" ? " to " : " til ";
                for (std::size_t k = 0; k < route_sources.size(); ++k)
                    routes.push_back(from + route_sources[k] + to + route_targets[k]);
                text = fill(kind == GapKind::HANDOFF_UNLINKED ? f_handoff_unlinked.in(lang)
                                                              : f_handoff_uncoordinated.in(lang), v);
                const auto pattern = fill(std::string(lang == "en" ? "from {source} to {target}" : "fra {source} til {target}"), v);
                if (const auto at = text.find(pattern); at != std::string::npos && !routes.empty())
                    text.replace(at, pattern.size(), names(routes, lang));
            }
            else
                text = fill(kind == GapKind::HANDOFF_UNLINKED ? f_handoff_unlinked.in(lang)
                                                              : f_handoff_uncoordinated.in(lang), v);
            break;
        }
        case GapKind::SILO: return lead.message(lang);
        case GapKind::SINGLE_POINT_OF_FAILURE:
        case GapKind::ISOLATED_ACTOR:
            v["sector"] = subject_label(subject, lang);
            text = fill(kind == GapKind::ISOLATED_ACTOR ? f_isolated.in(lang) : f_single_point.in(lang), v);
            break;
        case GapKind::NO_PARTICIPATION: text = fill(f_no_participation.in(lang), v); break;
        case GapKind::UNREACHABLE_INTENSIVE:
            v["hops"] = lead.detail;
            text = fill(f_unreachable.in(lang), v);
            break;
        case GapKind::LEVEL_IMBALANCE:
            v["minimum"] = number(100 * lead.expected.value_or(0), lang, 0);
            text = fill(f_imbalance.in(lang), v);
            break;
        case GapKind::NOT_MAPPED:
            v["mapped"] = mapped_phrase(detail, lang);
            text = fill(detail == "none" ? f_not_mapped_none.in(lang) : f_not_mapped_partial.in(lang), v);
            break;
    }
    // Without areas "{where}" is empty: no double space before a full stop or bracket.
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' && i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '.' || text[i + 1] == ',' || text[i + 1] == ')'))
            continue;
        out += text[i];
    }
    return out;
}

}  // namespace samkart
