// Gap::message: what is missing and what would close it, in Norwegian Bokmål, Danish and
// English. One template per kind and language; {name} placeholders are filled from the gap.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

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

constexpr Texts level_missing{
    "{area} har ingen tiltak på nivå {level} ({level_label}). Et tiltak på dette nivået, eller "
    "en avtale om at et tiltak i en nabokommune dekker {area}, vil lukke hullet.",
    "{area} har ingen indsats på niveau {level} ({level_label}). En indsats på dette niveau, "
    "eller en aftale om at en indsats i en nabokommune dækker {area}, vil lukke hullet.",
    "{area} has no measure at level {level} ({level_label}). A measure at this level, or an "
    "agreement that a neighbouring municipality's measure covers {area}, would close this gap."};
constexpr Texts age_uncovered{
    "I {area} dekker ingen tiltak unge i alderen {ages} år ({value} årskull). Et tiltak for "
    "disse aldrene vil lukke hullet.",
    "I {area} dækker ingen indsats unge i alderen {ages} år ({value} årgange). En indsats for "
    "disse aldre vil lukke hullet.",
    "In {area} no measure covers young people aged {ages} ({value} years of age). A measure for "
    "these ages would close this gap."};
constexpr Texts age_cliff{
    "Tiltakene på nivå {level} hos {actors} ({measures}) slutter ved {last} år, og ingen aktør "
    "som {actors} samarbeider med eller overfører unge til, tilbyr nivå {level} eller høyere i "
    "{area} fra {age} år{volume}. En avtale med en aktør som tar over ved {age} år, vil lukke "
    "hullet.",
    "Indsatserne på niveau {level} hos {actors} ({measures}) slutter ved {last} år, og ingen "
    "aktør, som {actors} samarbejder med eller overdrager unge til, tilbyder niveau {level} "
    "eller højere i {area} fra {age} år{volume}. En aftale med en aktør, der tager over ved "
    "{age} år, vil lukke hullet.",
    "The level {level} measures of {actors} ({measures}) end at age {last}, and no actor that "
    "{actors} works with or hands young people over to offers level {level} or higher in {area} "
    "from age {age}{volume}. An agreement with an actor that takes over at {age} would close "
    "this gap."};
constexpr Texts cliff_volume{" ({value} unge i året går ut på grunn av aldersgrensen)",
                             " ({value} unge om året går ud på grund af aldersgrænsen)",
                             " ({value} young people a year leave at the age limit)"};
constexpr Texts capacity_short{
    "I {area} har tiltakene på nivå {level} {value} plasser i året for {expected} unge "
    "({detail}): {short} for få{missing}. Flere plasser på nivå {level} vil lukke hullet.",
    "I {area} har indsatserne på niveau {level} {value} pladser om året til {expected} unge "
    "({detail}): {short} for få{missing}. Flere pladser på niveau {level} vil lukke hullet.",
    "In {area} the level {level} measures have {value} places a year for {expected} young "
    "people ({detail}): {short} short{missing}. More places at level {level} would close this "
    "gap."};
constexpr Texts capacity_missing{"; {missing_count} av tiltakene oppgir ingen kapasitet og er ikke talt med",
                                 "; {missing_count} af indsatserne oplyser ingen kapacitet og er ikke talt med",
                                 "; {missing_count} of the measures give no capacity and are not counted"};
constexpr Texts duplication{
    "I {area} er {measures} begge tiltak på nivå {level} for de samme unge ({ages} år), men "
    "tilbyderne ({actors}) har ingen kobling. En kobling mellom dem, eller å slå sammen "
    "tiltakene, vil lukke hullet.",
    "I {area} er {measures} begge indsatser på niveau {level} for de samme unge ({ages} år), "
    "men udbyderne ({actors}) har ingen forbindelse. En forbindelse mellem dem, eller en "
    "sammenlægning af indsatserne, vil lukke hullet.",
    "In {area} {measures} are both level {level} measures for the same young people (aged "
    "{ages}), but their providers ({actors}) have no link. A link between them, or merging the "
    "measures, would close this gap."};
constexpr Texts handoff_unlinked{
    "{volume} går fra {source} til {target}, men ingen avtale knytter dem sammen: en "
    "samarbeidsavtale med en navngitt koordinator (stafettholder) vil lukke hullet.",
    "{volume} går fra {source} til {target}, men ingen aftale forbinder dem: en "
    "samarbejdsaftale med en navngiven koordinator vil lukke hullet.",
    "{volume} go from {source} to {target}, but no agreement links them: an agreement with a "
    "named coordinator would close this gap."};
constexpr Texts handoff_uncoordinated{
    "{volume} går fra {source} til {target}. De to samarbeider, men ingen forpliktende avtale "
    "eller felles plan sier hvem som koordinerer: å navngi en koordinator (stafettholder) i "
    "avtalen vil lukke hullet.",
    "{volume} går fra {source} til {target}. De to samarbejder, men ingen forpligtende aftale "
    "eller fælles plan siger, hvem der koordinerer: at udpege en koordinator i aftalen vil "
    "lukke hullet.",
    "{volume} go from {source} to {target}. The two work together, but no binding agreement or "
    "shared plan says who coordinates: naming a coordinator in the agreement would close this "
    "gap."};
constexpr Texts handoff_volume{"{value} unge i året", "{value} unge om året",
                               "{value} young people a year"};
constexpr Texts handoff_no_volume{"Unge (antall ikke oppgitt)", "Unge (antal ikke oplyst)",
                                  "Young people (number not given)"};
constexpr Texts silo{
    "De {count} aktørene med {attribute} «{group}» samarbeider mest seg imellom (E–I-indeks "
    "{value}, terskel {expected}). Flere koblinger til aktører utenfor gruppen vil lukke hullet.",
    "De {count} aktører med {attribute} »{group}« samarbejder mest indbyrdes (E–I-indeks "
    "{value}, tærskel {expected}). Flere forbindelser til aktører uden for gruppen vil lukke "
    "hullet.",
    "The {count} actors with {attribute} '{group}' work mostly among themselves (E–I index "
    "{value}, threshold {expected}). More links to actors outside the group would close this "
    "gap."};
constexpr Texts single_point{
    "{actors} er eneste forbindelse mellom {value} {actor_word} og resten av nettverket: faller "
    "{actors} bort, blir de koblet fra. En kobling til mellom dem og resten vil lukke hullet.",
    "{actors} er den eneste forbindelse mellem {value} {actor_word} og resten af netværket: "
    "falder {actors} bort, bliver de koblet fra. En forbindelse mere mellem dem og resten vil "
    "lukke hullet.",
    "{actors} is the only link between {value} {actor_word} and the rest of the network: if "
    "{actors} drops out, they are cut off. A second link between them and the rest would close "
    "this gap."};
constexpr Texts isolated{
    "{actors} har ingen kobling til andre aktører{level_part}. En kobling (en avtale, en "
    "henvisningsrutine eller et nettverk) vil lukke hullet.",
    "{actors} har ingen forbindelse til andre aktører{level_part}. En forbindelse (en aftale, "
    "en henvisningsrutine eller et netværk) vil lukke hullet.",
    "{actors} has no link to any other actor{level_part}. A link (an agreement, a referral "
    "routine or a network) would close this gap."};
constexpr Texts isolated_level{", selv om den tilbyr tiltak på nivå {level}",
                               ", selvom den tilbyder indsatser på niveau {level}",
                               ", although it provides level {level} measures"};
constexpr Texts no_participation{
    "Ingen av tiltakene på nivå 2–4 i {area} har medvirkning fra de unge selv. Medvirkning i "
    "minst ett av dem vil lukke hullet.",
    "Ingen af indsatserne på niveau 2–4 i {area} har medvirken fra de unge selv. Medvirken i "
    "mindst én af dem vil lukke hullet.",
    "None of the level 2–4 measures in {area} involves the young people themselves "
    "(participation). Involving them in at least one would close this gap."};
constexpr Texts unreachable{
    "I {area} kan {value} {actor_word} med bare tiltak på nivå 1–2 ({actors}) ikke nå en aktør "
    "med tiltak på nivå 4 innen {detail} henvisningsledd. En henvisningsrutine eller avtale med "
    "en aktør på nivå 4 vil lukke hullet.",
    "I {area} kan {value} {actor_word} med kun indsatser på niveau 1–2 ({actors}) ikke nå en "
    "aktør med indsatser på niveau 4 inden for {detail} henvisningsled. En henvisningsrutine "
    "eller aftale med en aktør på niveau 4 vil lukke hullet.",
    "In {area} {value} {actor_word} with only level 1–2 measures ({actors}) cannot reach an actor "
    "with level 4 measures within {detail} referral steps. A referral routine or agreement with "
    "a level 4 actor would close this gap."};
constexpr Texts imbalance{
    "I {area} er bare {share} % av {what} på nivå 1 (universelt), under minimum {minimum} %. "
    "Flere universelle tiltak vil lukke hullet: de fleste som faller utenfor, kommer fra de "
    "mange med lav risiko (forebyggingsparadokset).",
    "I {area} er kun {share} % af {what} på niveau 1 (universelt), under minimum {minimum} %. "
    "Flere universelle indsatser vil lukke hullet: de fleste, der falder uden for, kommer fra "
    "de mange med lav risiko (forebyggelsesparadokset).",
    "In {area} only {share}% of the {what} are at level 1 (universal), below the minimum of "
    "{minimum}%. More universal measures would close this gap: most young people who fall "
    "outside come from the many at low risk (the prevention paradox)."};

// --- formatting -----------------------------------------------------------------------------

/// 581 → "581", 0.25 → "0.25", −0.667 → "−0.67"; no trailing zeros.
std::string number(double x, int decimals = 2) {
    if (std::abs(x - std::round(x)) < 1e-9) return std::to_string(static_cast<long long>(std::round(x)));
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
    std::string out = buffer;
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

/// "A", "A and B", "A, B and C", "A, B, C, D, E and 3 more".
std::string names(const std::vector<std::string>& list, std::string_view lang) {
    constexpr std::size_t shown = 5;
    const std::string_view and_word = lang == "en" ? " and " : " og ";
    std::vector<std::string> parts(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(std::min(shown, list.size())));
    if (list.size() > shown) {
        const auto rest = std::to_string(list.size() - shown);
        parts.push_back(lang == "en" ? rest + " more" : lang == "nb" ? rest + " andre" : rest + " andre");
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
    if (value) v["value"] = number(*value);
    if (expected) v["expected"] = number(*expected);
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
            v["short"] = number(expected.value_or(0) - value.value_or(0));
            v["missing_count"] = std::to_string(value_missing);
            v["missing"] = value_missing > 0 ? fill(capacity_missing.in(lang), v) : "";
            return fill(capacity_short.in(lang), v);
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
            v["share"] = number(100 * value.value_or(0), 0);
            v["minimum"] = number(100 * expected.value_or(0), 0);
            const bool places = detail == "capacity";
            v["what"] = std::string(places ? Texts{"plassene", "pladserne", "places"}.in(lang)
                                           : Texts{"tiltakene", "indsatserne", "measures"}.in(lang));
            return fill(imbalance.in(lang), v);
        }
    }
    return {};
}

}  // namespace samkart
