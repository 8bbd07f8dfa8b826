"""The wording of the collaboration survey form (``samkart.survey``), in nb, da and en.

The contact scale is the Levels of Collaboration Scale of Frey, Lohmeier, Lee & Tollefson
(2006), "Measuring collaboration among grant partners", American Journal of Evaluation 27(3),
383–392: 0 no interaction, 1 networking, 2 cooperation, 3 coordination, 4 coalition,
5 collaboration. The trust and value items follow the dimensions of the PARTNER tool (Varda,
Chandra, Stern & Lurie 2008; reliability, support of the mission, openness to discussion;
power/influence, level of involvement, resource contribution), rated 1–4. The wording is the
project's own, written for Norwegian and Danish public services; the English text is a
translation for readers, not a validated instrument.
"""

from __future__ import annotations

#: Contact levels 0–5 (Frey et al. 2006): label, then what it means.
CONTACT: dict[str, tuple[tuple[str, str], ...]] = {
    "nb": (
        ("Ingen kontakt", "Vi har ikke hatt kontakt det siste året."),
        ("Nettverk", "Vi kjenner til hverandre, har lite kontakt og tar alle beslutninger "
                     "hver for oss."),
        ("Samarbeid", "Vi gir hverandre informasjon og har delvis avklarte roller, men tar "
                      "beslutninger hver for oss."),
        ("Samordning", "Vi deler informasjon og ressurser, har avklarte roller, jevnlig "
                       "kontakt og tar noen beslutninger sammen."),
        ("Koalisjon", "Vi deler ideer og ressurser, har hyppig og prioritert kontakt, og "
                      "alle parter har en stemme når vi beslutter."),
        ("Samhandling", "Vi arbeider som ett system, med hyppig kontakt preget av gjensidig "
                        "tillit, og blir enige om beslutningene sammen."),
    ),
    "da": (
        ("Ingen kontakt", "Vi har ikke haft kontakt det seneste år."),
        ("Netværk", "Vi kender til hinanden, har kun lidt kontakt og træffer alle beslutninger "
                    "hver for sig."),
        ("Samarbejde", "Vi giver hinanden information og har delvist afklarede roller, men "
                       "træffer beslutninger hver for sig."),
        ("Koordinering", "Vi deler information og ressourcer, har afklarede roller, jævnlig "
                         "kontakt og træffer nogle beslutninger sammen."),
        ("Koalition", "Vi deler idéer og ressourcer, har hyppig og prioriteret kontakt, og "
                      "alle parter har en stemme, når vi beslutter."),
        ("Tæt samarbejde", "Vi arbejder som ét system, med hyppig kontakt præget af gensidig "
                           "tillid, og når til enighed om beslutningerne sammen."),
    ),
    "en": (
        ("No contact", "We have had no contact in the past year."),
        ("Networking", "We know of each other, have little contact and make every decision "
                       "on our own."),
        ("Cooperation", "We give each other information and have somewhat defined roles, but "
                        "make decisions on our own."),
        ("Coordination", "We share information and resources, have defined roles, regular "
                         "contact and make some decisions together."),
        ("Coalition", "We share ideas and resources, have frequent and prioritised contact, "
                      "and every party has a vote when we decide."),
        ("Collaboration", "We work as one system, with frequent contact marked by mutual "
                          "trust, and reach agreement on decisions together."),
    ),
}

#: The answers 1–4 of the trust and value items.
AGREEMENT: dict[str, tuple[str, str, str, str]] = {
    "nb": ("Ikke i det hele tatt", "I liten grad", "I noen grad", "I stor grad"),
    "da": ("Slet ikke", "I ringe grad", "I nogen grad", "I høj grad"),
    "en": ("Not at all", "A small amount", "A fair amount", "A great deal"),
}

DONT_KNOW: dict[str, str] = {"nb": "Vet ikke", "da": "Ved ikke", "en": "Don't know"}

#: The question of each item, as the column label of the answer sheet.
QUESTIONS: dict[str, dict[str, str]] = {
    "partner": {"nb": "Aktør (id eller navn)", "da": "Aktør (id eller navn)",
                "en": "Partner (id or name)"},
    "partner_name": {"nb": "Navn", "da": "Navn", "en": "Name"},
    "contact": {"nb": "Hvor tett samarbeider dere? (0–5) *",
                "da": "Hvor tæt samarbejder I? (0–5) *",
                "en": "How closely do you work together? (0–5) *"},
    "trust_reliable": {"nb": "Tillit: er til å stole på og følger opp det som er avtalt",
                       "da": "Tillid: er til at stole på og følger op på det aftalte",
                       "en": "Trust: is reliable and follows up what was agreed"},
    "trust_mission": {"nb": "Tillit: deler vårt mål om at unge skal komme i skole eller arbeid",
                      "da": "Tillid: deler vores mål om, at unge skal i uddannelse eller job",
                      "en": "Trust: shares our aim of getting young people into school or work"},
    "trust_open": {"nb": "Tillit: er åpen for dialog og innspill",
                   "da": "Tillid: er åben for dialog og input",
                   "en": "Trust: is open to discussion and input"},
    "value_influence": {"nb": "Verdi: har innflytelse og kan få ting til å skje for de unge",
                        "da": "Værdi: har indflydelse og kan få ting til at ske for de unge",
                        "en": "Value: has influence and can make things happen for young people"},
    "value_involvement": {"nb": "Verdi: er engasjert og deltar aktivt i samarbeidet",
                          "da": "Værdi: er engageret og deltager aktivt i samarbejdet",
                          "en": "Value: is involved and takes an active part"},
    "value_resources": {"nb": "Verdi: bidrar med ressurser (kompetanse, tid, tilbud, midler)",
                        "da": "Værdi: bidrager med ressourcer (kompetence, tid, tilbud, midler)",
                        "en": "Value: brings resources (expertise, time, services, funds)"},
}

SHEETS: dict[str, dict[str, str]] = {
    "instructions": {"nb": "Veiledning", "da": "Vejledning", "en": "Instructions"},
    "answers": {"nb": "Svar", "da": "Svar", "en": "Answers"},
}

TITLE: dict[str, str] = {
    "nb": "Spørreskjema om samarbeid",
    "da": "Spørgeskema om samarbejde",
    "en": "Collaboration survey",
}

FACTS: dict[str, tuple[str, str, str]] = {
    # respondent, mapping, date
    "nb": ("Skjemaet gjelder", "Kartlegging", "Dato for undersøkelsen"),
    "da": ("Skemaet gælder", "Kortlægning", "Dato for undersøgelsen"),
    "en": ("This form is for", "Mapping", "Survey date"),
}

#: The instruction paragraphs; {partners} is the number of actors listed.
INSTRUCTIONS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Vi kartlegger hvordan tjenestene rundt unge som står i fare for å falle utenfor "
        "skole og arbeid, samarbeider. Svar på vegne av virksomheten eller enheten din, ikke "
        "som privatperson. Skjemaet spør ikke om enkeltpersoner, og du skal ikke skrive inn "
        "opplysninger om brukere.",
        "Arket «Svar» lister {partners} aktører i samme område som dere. For hver aktør velger "
        "du i nedtrekkslisten hvor tett dere samarbeider, fra 0 (ingen kontakt) til 5 "
        "(samhandling). Svaret er påkrevd for hver aktør på listen.",
        "Har dere kontakt (1–5), svarer du også på de seks påstandene om tillit og verdi, fra "
        "1 (ikke i det hele tatt) til 4 (i stor grad). Velg «Vet ikke» hvis du ikke kan svare. "
        "Har dere ingen kontakt (0), kan påstandene stå tomme.",
        "Samarbeider dere med aktører som ikke står på listen, velger du dem i de tomme radene "
        "nederst. Ikke endre de to første radene eller kolonnen med aktørens id.",
        "Lagre filen med samme navn og send den tilbake til den som sendte deg skjemaet.",
    ),
    "da": (
        "Vi kortlægger, hvordan indsatserne omkring unge, der er i risiko for at stå uden for "
        "uddannelse og job, arbejder sammen. Svar på vegne af din organisation eller enhed, "
        "ikke som privatperson. Skemaet spørger ikke til enkeltpersoner, og du må ikke skrive "
        "oplysninger om borgere.",
        "Arket »Svar« viser {partners} aktører i samme område som jer. For hver aktør vælger du "
        "i rullelisten, hvor tæt I samarbejder, fra 0 (ingen kontakt) til 5 (tæt samarbejde). "
        "Svaret er obligatorisk for hver aktør på listen.",
        "Har I kontakt (1–5), svarer du også på de seks udsagn om tillid og værdi, fra 1 (slet "
        "ikke) til 4 (i høj grad). Vælg »Ved ikke«, hvis du ikke kan svare. Har I ingen kontakt "
        "(0), kan udsagnene stå tomme.",
        "Samarbejder I med aktører, der ikke står på listen, vælger du dem i de tomme rækker "
        "nederst. Ret ikke i de to første rækker eller i kolonnen med aktørens id.",
        "Gem filen under samme navn, og send den tilbage til den, der sendte dig skemaet.",
    ),
    "en": (
        "We are mapping how the services around young people at risk of falling outside "
        "education and work collaborate. Answer for your organisation or unit, not as a "
        "private person. The form asks about no individual, and you should not enter any "
        "information about service users.",
        "The sheet 'Answers' lists {partners} actors in your area. For each one, pick from the "
        "drop-down list how closely you work together, from 0 (no contact) to 5 "
        "(collaboration). This answer is required for every actor on the list.",
        "If you have contact (1–5), also rate the six statements on trust and value, from 1 "
        "(not at all) to 4 (a great deal). Pick 'Don't know' if you cannot answer. With no "
        "contact (0) the statements may stay empty.",
        "If you work with actors that are not on the list, pick them in the empty rows at the "
        "bottom. Do not change the first two rows or the column of actor ids.",
        "Save the file under the same name and return it to whoever sent you the form.",
    ),
}

SCALE_HEADING: dict[str, tuple[str, str]] = {
    "nb": ("Hvor tett samarbeider dere?", "Tillit og verdi"),
    "da": ("Hvor tæt samarbejder I?", "Tillid og værdi"),
    "en": ("How closely do you work together?", "Trust and value"),
}
