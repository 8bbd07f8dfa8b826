#include "samkart/core/vocabulary.hpp"

#include "samkart/core/level.hpp"

namespace samkart {

std::string_view Term::label(std::string_view lang) const {
    check_language(lang);
    return lang == "nb" ? nb : lang == "da" ? da : en;
}

namespace {
// Order must match the enum declarations in vocabulary.hpp.
constexpr Term area_kinds[] = {
    {"country", "Land", "Land", "Country"},
    {"county", "Fylke", "Region", "County"},
    {"municipality", "Kommune", "Kommune", "Municipality"},
    {"district", "Bydel", "Bydel", "District"},
};
constexpr Term owners[] = {
    {"municipal", "Kommunal", "Kommunal", "Municipal"},
    {"county", "Fylkeskommunal", "Regional", "County"},
    {"state", "Statlig", "Statslig", "State"},
    {"private", "Privat", "Privat", "Private"},
    {"voluntary", "Frivillig", "Frivillig", "Voluntary"},
    // Danish FGU institutions, vocational schools and gymnasiums (seed 003): selvejende.
    {"self_governing", "Selveiende", "Selvejende", "Self-governing"},
};
constexpr Term link_kinds[] = {
    {"agreement", "Samarbeidsavtale", "Samarbejdsaftale", "Agreement"},
    {"referral", "Henvisning", "Henvisning", "Referral"},
    {"shared_plan", "Felles plan", "Fælles plan", "Shared plan"},
    {"information_sharing", "Informasjonsdeling", "Informationsdeling", "Information sharing"},
    {"co_location", "Samlokalisering", "Samlokalisering", "Co-location"},
    {"joint_measure", "Felles tiltak", "Fælles indsats", "Joint measure"},
    {"network", "Nettverk", "Netværk", "Network"},
};
// PARTNER scale (Varda, Chandra, Stern & Lurie 2008).
constexpr Term intensities[] = {
    {"awareness", "Kjennskap", "Kendskab", "Awareness"},
    {"cooperation", "Samarbeid", "Samarbejde", "Cooperation"},
    {"coordination", "Samordning", "Koordinering", "Coordination"},
    {"integration", "Integrering", "Integration", "Integration"},
};
// Seed 002 §3: samhandling, medvirkning, innovasjon; da as seed 003 says it (ungeinddragelse).
constexpr Term keys[] = {
    {"collaboration", "Samhandling", "Samarbejde", "Collaboration"},
    {"participation", "Medvirkning", "Ungeinddragelse", "Participation"},
    {"innovation", "Innovasjon", "Innovation", "Innovation"},
};
// Seed 002 §2: the four T's.
constexpr Term tees[] = {
    {"early", "Tidlig innsats", "Tidlig indsats", "Early intervention"},
    {"close_follow_up", "Tett oppfølging", "Tæt opfølgning", "Close follow-up"},
    {"tailored", "Tilpasning av tiltakene", "Tilpassede indsatser", "Tailored measures"},
    {"cross_sector", "Tverrgående samarbeid", "Tværgående samarbejde", "Cross-sector collaboration"},
};
constexpr Term mapping_statuses[] = {
    {"complete", "Kartlagt", "Kortlagt", "Mapped"},
    {"partial", "Delvis kartlagt", "Delvist kortlagt", "Partly mapped"},
    {"none", "Ikke kartlagt", "Ikke kortlagt", "Not mapped"},
};
constexpr Term measure_statuses[] = {
    {"active", "I drift", "I drift", "Active"},
    {"pilot", "Prøveprosjekt", "Forsøg", "Pilot"},
    {"proposed", "Foreslått", "Foreslået", "Proposed"},
    {"ended", "Avsluttet", "Afsluttet", "Ended"},
};
constexpr Term count_kinds[] = {
    {"flow", "Per år", "Pr. år", "Per year"},
    {"stock", "På én dag", "På én dag", "On one day"},
};
// The labels stand before the figure: "over 2 100", "mindst 40 %".
constexpr Term comparators[] = {
    {"more_than", "over", "over", "more than"},
    {"at_least", "minst", "mindst", "at least"},
    {"less_than", "under", "under", "less than"},
    {"at_most", "høyst", "højst", "at most"},
};
// The service actors of DOMAIN.md (Norway, seeds 002/004) and Denmark (seed 003).
constexpr Term sectors[] = {
    {"kindergarten", "Barnehage", "Dagtilbud", "Kindergarten"},
    {"primary_school", "Grunnskole", "Folkeskole", "Primary and lower-secondary school"},
    {"upper_secondary_school", "Videregående skole", "Ungdomsuddannelse", "Upper-secondary school"},
    {"apprenticeship_office", "Fagopplæring", "Lærepladsformidling", "Apprenticeship office"},
    {"follow_up_service", "Oppfølgingstjenesten", "Oppfølgingstjenesten (OT)", "Follow-up service (OT)"},
    {"youth_effort", "Ungdomsinnsats", "Kommunal ungeindsats (KUI)", "Municipal youth effort"},
    {"preparatory_education", "Forberedende opplæring", "Forberedende grunduddannelse (FGU)",
     "Preparatory basic education"},
    {"health_station", "Helsestasjon", "Sundhedspleje", "Health station"},
    {"school_health_service", "Skolehelsetjeneste", "Skolesundhedstjeneste", "School health service"},
    {"general_practice", "Fastlege", "Praktiserende læge", "General practice"},
    {"child_welfare", "Barnevern", "Børne- og ungeforvaltning", "Child welfare"},
    {"culture_leisure", "Kultur og fritid", "Kultur og fritid", "Culture and leisure"},
    {"housing", "Boligkontor", "Boligområdet", "Housing office"},
    {"mental_health", "Psykisk helse", "Psykiatri", "Mental health services"},
    {"substance_abuse", "Rustjeneste", "Misbrugsbehandling", "Drug and alcohol services"},
    {"labour_welfare", "NAV", "NAV", "Labour and welfare service (NAV)"},
    // Denmark's municipal job centre (seed 003's young people "uden uddannelse og job" on
    // benefits): not NAV, which is state and municipal at once and keeps its Norwegian name.
    {"job_centre", "Jobbsenter (Danmark)", "Jobcenter", "Job centre (Denmark)"},
    {"specialist_health", "Spesialisthelsetjeneste", "Specialiseret sundhedsvæsen",
     "Specialist health services"},
    {"public_health", "Folkehelse", "Folkesundhed", "Public health"},
    {"county_governor", "Statsforvalteren", "Statsforvalteren", "County governor (Statsforvalteren)"},
    {"directorate", "Direktorat", "Styrelse", "Directorate"},
    // A ministry itself, e.g. Børne- og Undervisningsministeriet, partner of the KL partnership
    // (seed 003): a Danish reader calls it neither a directorate nor a Styrelse.
    {"ministry", "Departement", "Ministerium", "Ministry"},
    {"association", "Interesseorganisasjon (KS)", "Interesseorganisation (KL)",
     "Association of local authorities"},
    {"research", "Forskning", "Forskning", "Research"},
    {"ngo", "Frivillig organisasjon", "Frivillig organisation", "NGO / voluntary organisation"},
    {"employer", "Arbeidsgiver", "Arbejdsgiver", "Employer"},
    {"cross_sector", "Tverrsektorielt", "Tværsektoriel", "Cross-sector"},
    {"administration", "Administrasjon og ledelse", "Administration og ledelse",
     "Administration and leadership"},
};
// Target groups named in DOMAIN.md and the seeds.
constexpr Term targets[] = {
    {"all", "Alle", "Alle", "Everyone"},
    {"dropout_risk", "Fare for frafall", "Risiko for frafald", "At risk of dropping out"},
    {"high_absence", "Høyt fravær", "Højt fravær", "High absence"},
    {"neet", "Utenfor arbeid og utdanning", "Uden for uddannelse og job", "Not in employment, education or training"},
    {"mental_health", "Psykiske plager", "Psykisk mistrivsel", "Mental health problems"},
    {"disability", "Nedsatt funksjonsevne", "Handicap", "Disability"},
    {"reduced_work_capacity", "Nedsatt arbeidsevne", "Nedsat arbejdsevne", "Reduced work capacity"},
    {"child_welfare", "Barnevernsbarn", "Anbragte unge", "Child-welfare clients"},
    {"immigrant", "Innvandrere", "Indvandrere", "Immigrants"},
    {"substance_use", "Rusproblemer", "Misbrug", "Substance use"},
    {"low_income", "Lavinntekt", "Lavindkomst", "Low income"},
};
}  // namespace

template <> std::span<const Term> terms<AreaKind>() noexcept { return area_kinds; }
template <> std::span<const Term> terms<Owner>() noexcept { return owners; }
template <> std::span<const Term> terms<LinkKind>() noexcept { return link_kinds; }
template <> std::span<const Term> terms<Intensity>() noexcept { return intensities; }
template <> std::span<const Term> terms<Key>() noexcept { return keys; }
template <> std::span<const Term> terms<Tee>() noexcept { return tees; }
template <> std::span<const Term> terms<MappingStatus>() noexcept { return mapping_statuses; }
template <> std::span<const Term> terms<MeasureStatus>() noexcept { return measure_statuses; }
template <> std::span<const Term> terms<CountKind>() noexcept { return count_kinds; }
template <> std::span<const Term> terms<Comparator>() noexcept { return comparators; }

std::span<const Term> recommended_sectors() noexcept { return sectors; }
std::span<const Term> recommended_targets() noexcept { return targets; }

const Term* find_term(std::span<const Term> vocabulary, std::string_view name) noexcept {
    for (const auto& t : vocabulary)
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace samkart
