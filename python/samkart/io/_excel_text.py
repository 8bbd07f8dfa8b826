"""The words of the mapping spreadsheet (``samkart.excel``) in Norwegian (nb), Danish (da) and
English (en): sheet and column labels, help texts and the instruction sheet.

Kept apart from the reading and writing code so that a translator can work on one file. Every
entry is a ``(nb, da, en)`` triple; :func:`pick` chooses one.
"""

from __future__ import annotations

__all__ = ["HELP", "INSTRUCTIONS", "SHARED", "SHEETS", "WORDS", "pick"]

Triple = tuple[str, str, str]

_LANG_INDEX = {"nb": 0, "da": 1, "en": 2}


def pick(triple: Triple, lang: str) -> str:
    """The text of ``triple`` in ``lang`` (nb, da or en)."""
    return triple[_LANG_INDEX[lang]]


#: What each sheet holds.
SHEETS: dict[str, Triple] = {
    "landscape": (
        "Navn, år og valuta for hele kartleggingen.",
        "Navn, år og valuta for hele kortlægningen.",
        "Name, year and currency of the whole mapping.",
    ),
    "areas": (
        "Områdene: landet, fylket, kommunene og bydelene som aktørene og tiltakene dekker.",
        "Områderne: landet, regionen, kommunerne og bydelene som aktørerne og indsatserne dækker.",
        "The areas: the country, county, municipalities and districts the actors and measures "
        "cover.",
    ),
    "population": (
        "Antall innbyggere i et område etter aldersgruppe (én rad per område og aldersgruppe).",
        "Antal indbyggere i et område efter aldersgruppe (én række per område og aldersgruppe).",
        "People living in an area by age band (one row per area and age band).",
    ),
    "actors": (
        "Aktørene: tjenester, enheter og organisasjoner som arbeider med unge (OT, NAV, skoler "
        "…).",
        "Aktørerne: tilbud, enheder og organisationer der arbejder med unge (jobcenter, skoler "
        "…).",
        "The actors: services, units and organisations that work with young people (OT, NAV, "
        "schools …).",
    ),
    "measures": (
        "Tiltakene: hva aktørene tilbyr, på hvilket forebyggingsnivå.",
        "Indsatserne: hvad aktørerne tilbyder, på hvilket forebyggelsesniveau.",
        "The measures: what the actors offer, at which prevention level.",
    ),
    "links": (
        "Samarbeidet mellom to aktører: avtaler, henvisninger, felles planer, nettverk …",
        "Samarbejdet mellem to aktører: aftaler, henvisninger, fælles planer, netværk …",
        "Collaboration between two actors: agreements, referrals, shared plans, networks …",
    ),
    "transitions": (
        "Overganger: unge som går fra én aktør til en annen (f.eks. fra skole til OT), med "
        "antall per år.",
        "Overgange: unge der går fra én aktør til en anden (f.eks. fra skole til jobcenter), "
        "med antal per år.",
        "Transitions: young people moving from one actor to another (e.g. from school to OT), "
        "with the number per year.",
    ),
    "indicators": (
        "Indikatorer for et område, f.eks. andel unge utenfor arbeid og utdanning.",
        "Indikatorer for et område, f.eks. andel unge uden for uddannelse og job.",
        "Indicators about an area, e.g. the share of young people not in work or education.",
    ),
}

#: The help text of a column, (nb, da, en), by (sheet, column): what to type, in the words of
#: the people who fill in the form. The column labels come from the field table
#: (:mod:`samkart.schema`); a column without a help text here shows the field's description.
HELP: dict[tuple[str, str], Triple] = {
    # --- areas
    ("areas", "id"): (
        "Entydig kode, f.eks. kommunenummeret 3807.",
        "Entydig kode, f.eks. kommunekoden 0101.",
        "A unique code, e.g. the municipality number 3807.",
    ),
    ("areas", "name"): (
        "Områdets navn.", "Områdets navn.", "The name of the area.",
    ),
    ("areas", "kind"): (
        "Land, fylke, kommune eller bydel (velg fra listen).",
        "Land, region, kommune eller bydel (vælg fra listen).",
        "Country, county, municipality or district (choose from the list).",
    ),
    ("areas", "parent"): (
        "Koden til området dette ligger i (kommunen ligger i fylket).",
        "Koden for det område, dette ligger i (kommunen ligger i regionen).",
        "The code of the enclosing area (a municipality lies in its county).",
    ),
    # --- population
    ("population", "area"): (
        "Koden til et område på arket areas.",
        "Koden for et område på arket areas.",
        "The code of an area on the areas sheet.",
    ),
    ("population", "count"): (
        "Antall personer i aldersgruppen som bor i området.",
        "Antal personer i aldersgruppen, der bor i området.",
        "The number of people of these ages living in the area.",
    ),
    # --- actors
    ("actors", "id"): (
        "Kort, entydig navn uten mellomrom i starten eller slutten, f.eks. ot-skien.",
        "Kort, entydigt navn uden mellemrum i starten eller slutningen, f.eks. jc-odense.",
        "A short unique name without leading or trailing spaces, e.g. ot-skien.",
    ),
    ("actors", "name"): (
        "Aktørens fulle navn.", "Aktørens fulde navn.", "The full name of the actor.",
    ),
    ("actors", "sector"): (
        "Velg fra listen; andre verdier godtas, men gir en advarsel.",
        "Vælg fra listen; andre værdier accepteres, men giver en advarsel.",
        "Choose from the list; other values are accepted with a warning.",
    ),
    ("actors", "owner"): (
        "Hvem som driver og finansierer aktøren (velg fra listen).",
        "Hvem der driver og finansierer aktøren (vælg fra listen).",
        "Who runs and funds the actor (choose from the list).",
    ),
    ("actors", "areas"): (
        "Kodene til områdene aktøren dekker, skilt med komma.",
        "Koderne for de områder, aktøren dækker, adskilt med komma.",
        "The codes of the areas the actor serves, separated by commas.",
    ),
    # --- measures
    ("measures", "id"): (
        "Kort, entydig navn på tiltaket.", "Kort, entydigt navn på indsatsen.",
        "A short unique name for the measure.",
    ),
    ("measures", "name"): (
        "Tiltakets navn.", "Indsatsens navn.", "The name of the measure.",
    ),
    ("measures", "level"): (
        "1 til 4, velg fra listen (se nivåene på veiledningsarket).",
        "1 til 4, vælg fra listen (se niveauerne på vejledningsarket).",
        "1 to 4, choose from the list (the levels are explained on the instruction sheet).",
    ),
    ("measures", "providers"): (
        "ID-ene til aktørene som tilbyr tiltaket, skilt med komma (minst én).",
        "ID'erne for de aktører, der udbyder indsatsen, adskilt med komma (mindst én).",
        "The ids of the actors that provide the measure, separated by commas (at least one).",
    ),
    ("measures", "areas"): (
        "Områdekoder skilt med komma; tomt = aktørenes områder.",
        "Områdekoder adskilt med komma; tomt = aktørernes områder.",
        "Area codes separated by commas; blank = the providers' areas.",
    ),
    ("measures", "targets"): (
        "Målgrupper skilt med komma (se listen).", "Målgrupper adskilt med komma (se listen).",
        "Target groups separated by commas (see the list).",
    ),
    ("measures", "capacity"): (
        "Bare tallet, f.eks. 40.", "Kun tallet, f.eks. 40.", "The number only, e.g. 40.",
    ),
    ("measures", "participants"): (
        "Antall unge; bare tallet (per år, eller på én dag: se participants_kind).",
        "Antal unge; kun tallet (pr. år, eller på én dag: se participants_kind).",
        "Young people; the number only (per year, or on one day: see participants_kind).",
    ),
    ("measures", "cost"): (
        "I kartleggingens valuta (arket landscape); bare tallet.",
        "I kortlægningens valuta (arket landscape); kun tallet.",
        "In the mapping's currency (the landscape sheet); the number only.",
    ),
    ("measures", "keys"): (
        "Samhandling, medvirkning, innovasjon: én eller flere, skilt med komma.",
        "Samarbejde, medinddragelse, innovation: én eller flere, adskilt med komma.",
        "Collaboration, participation, innovation: one or more, separated by commas.",
    ),
    ("measures", "tees"): (
        "Tidlig innsats, tett oppfølging, tilpasning, tverrgående samarbeid; skilt med komma.",
        "Tidlig indsats, tæt opfølgning, tilpasning, tværgående samarbejde; adskilt med komma.",
        "Early, close follow-up, tailored, cross-sector; separated by commas.",
    ),
    # --- links
    ("links", "source"): (
        "ID-en til den ene aktøren (ved henvisning: den som henviser).",
        "ID'et for den ene aktør (ved henvisning: den der henviser).",
        "The id of one actor (for a referral: the one that refers).",
    ),
    ("links", "target"): (
        "ID-en til den andre aktøren (en annen enn den første).",
        "ID'et for den anden aktør (en anden end den første).",
        "The id of the other actor (not the same as the first).",
    ),
    ("links", "kind"): (
        "Velg fra listen.", "Vælg fra listen.", "Choose from the list.",
    ),
    ("links", "formal"): (
        "TRUE hvis det er en bindende, skriftlig avtale.",
        "TRUE hvis det er en bindende, skriftlig aftale.",
        "TRUE when it is a binding written agreement.",
    ),
    ("links", "coordinator"): (
        "ID-en til aktøren som har ansvaret for å koordinere.",
        "ID'et for den aktør, der har ansvaret for at koordinere.",
        "The id of the actor that holds the coordinating responsibility.",
    ),
    ("links", "consent"): (
        "TRUE hvis informasjon deles med den unges samtykke.",
        "TRUE hvis oplysninger deles med den unges samtykke.",
        "TRUE when information is shared with the young person's consent.",
    ),
    ("links", "legal_basis"): (
        "F.eks. opplæringslova § 3-6.", "F.eks. en paragraf i en lov.",
        "E.g. a section of an act.",
    ),
    ("links", "intensity"): (
        "Kjennskap, samarbeid, samordning eller integrering.",
        "Kendskab, samarbejde, koordinering eller integration.",
        "Awareness, cooperation, coordination or integration.",
    ),
    ("links", "trust"): (
        "Skår fra en spørreundersøkelse, 0 til 4.", "Score fra en spørgeundersøgelse, 0 til 4.",
        "A survey score from 0 to 4.",
    ),
    ("links", "value"): (
        "Skår fra en spørreundersøkelse, 0 til 4.", "Score fra en spørgeundersøgelse, 0 til 4.",
        "A survey score from 0 to 4.",
    ),
    ("links", "since"): (
        "Dato, ÅÅÅÅ-MM-DD.", "Dato, ÅÅÅÅ-MM-DD.", "A date, YYYY-MM-DD.",
    ),
    ("links", "until"): (
        "Dato, ÅÅÅÅ-MM-DD, ikke før fra-datoen.", "Dato, ÅÅÅÅ-MM-DD, ikke før fra-datoen.",
        "A date, YYYY-MM-DD, not before the since date.",
    ),
    # --- transitions
    ("transitions", "source"): (
        "ID-en til aktøren de unge går fra.", "ID'et for den aktør, de unge går fra.",
        "The id of the actor the young people leave.",
    ),
    ("transitions", "target"): (
        "ID-en til aktøren de unge går til.", "ID'et for den aktør, de unge går til.",
        "The id of the actor they go to.",
    ),
    ("transitions", "volume"): (
        "Bare tallet. Små tall kan være personopplysninger (se veiledningen).",
        "Kun tallet. Små tal kan være personoplysninger (se vejledningen).",
        "The number only. Small numbers can be personal data (see the instructions).",
    ),
    ("transitions", "reason"): (
        "F.eks. dropout, did_not_apply, age_limit.", "F.eks. dropout, did_not_apply, age_limit.",
        "E.g. dropout, did_not_apply, age_limit.",
    ),
    # --- indicators
    ("indicators", "area"): (
        "Koden til et område på arket areas.", "Koden for et område på arket areas.",
        "The code of an area on the areas sheet.",
    ),
    ("indicators", "key"): (
        "Navnet på indikatoren, f.eks. neet_share_16_25.",
        "Navnet på indikatoren, f.eks. neet_share_16_25.",
        "The name of the indicator, e.g. neet_share_16_25.",
    ),
    ("indicators", "value"): (
        "Bare tallet; andeler som desimaltall (8 % = 0,08).",
        "Kun tallet; andele som decimaltal (8 % = 0,08).",
        "The number only; shares as decimals (8 % = 0.08).",
    ),
    ("indicators", "year"): (
        "Årstallet verdien gjelder.", "Det år, værdien gælder.", "The year the value is for.",
    ),
    ("indicators", "source"): (
        "Hvor tallet kommer fra.", "Hvor tallet kommer fra.", "Where the number comes from.",
    ),
    # --- fields of the findings issue (mapping status, units, measure status, counts)
    ("areas", "mapping"): (
        "Hvor mye av tjenestene i området som er kartlagt: helt (tomt), delvis eller ikke.",
        "Hvor meget af tilbuddene i området der er kortlagt: helt (tomt), delvist eller ikke.",
        "How much of the area's services was mapped: complete (blank), partial or none.",
    ),
    ("areas", "mapped"): (
        "Ved delvis kartlegging: sektorene eller eierne som er kartlagt, skilt med komma.",
        "Ved delvis kortlægning: de sektorer eller ejere, der er kortlagt, adskilt med komma.",
        "With a partial mapping: the sectors or owners that were mapped, separated by commas.",
    ),
    ("actors", "part_of"): (
        "ID-en til aktøren dette er en enhet av (OT Skien er en del av OT i fylket).",
        "ID'et for den aktør, dette er en enhed af.",
        "The id of the actor this is a unit of (OT Skien is part of the county's OT).",
    ),
    ("measures", "participants_kind"): (
        "Deltakere per år (tomt) eller antall på én dag.",
        "Deltagere pr. år (tomt) eller antal på én dag.",
        "Participants per year (blank) or the count on one day.",
    ),
    ("measures", "participants_of"): (
        "ID-en til et tiltak hvis deltakere også omfatter disse; tallene legges aldri sammen.",
        "ID'et for en indsats, hvis deltagere også omfatter disse; tallene lægges aldrig "
        "sammen.",
        "The id of a measure whose participants include these; the two are never added.",
    ),
    ("measures", "status"): (
        "I drift (tomt), pilot, foreslått eller avsluttet; bare tiltak i drift og piloter "
        "dekker.",
        "I drift (tomt), pilot, foreslået eller afsluttet; kun indsatser i drift og piloter "
        "dækker.",
        "Active (blank), pilot, proposed or ended; only active measures and pilots cover.",
    ),
    ("measures", "since"): (
        "Dato tiltaket startet, ÅÅÅÅ-MM-DD.", "Dato indsatsen startede, ÅÅÅÅ-MM-DD.",
        "The date it started, YYYY-MM-DD.",
    ),
    ("measures", "until"): (
        "Dato tiltaket sluttet eller slutter, ÅÅÅÅ-MM-DD.",
        "Dato indsatsen sluttede eller slutter, ÅÅÅÅ-MM-DD.",
        "The date it ended or ends, YYYY-MM-DD.",
    ),
    ("indicators", "comparator"): (
        "Bare når kilden gir en grense («mer enn 2100»): over, minst, under eller høyst verdien; "
        "ellers tomt.",
        "Kun når kilden giver en grænse (»mere end 2100«): over, mindst, under eller højst "
        "værdien; ellers tomt.",
        "Only where the source gives a bound (\"more than 2,100\"): more than, at least, less "
        "than or at most the value; otherwise blank.",
    ),
    ("indicators", "count"): (
        "Om tallet er personer per år eller på én dag; tomt hvis det ikke er et antall.",
        "Om tallet er personer pr. år eller på én dag; tomt hvis det ikke er et antal.",
        "Whether the figure counts people per year or on one day; blank if not a count.",
    ),
    ("indicators", "subset_of"): (
        "Indikatoren (samme område) som disse personene er en del av; legges aldri sammen.",
        "Indikatoren (samme område), som disse personer er en del af; lægges aldrig sammen.",
        "The indicator (same area) whose people include these; the two are never added.",
    ),
}

#: Help texts of the columns that mean the same on every sheet.
SHARED: dict[str, Triple] = {
    "age_min": (
        "Laveste alder i hele år; fyll ut begge alderskolonnene eller ingen.",
        "Laveste alder i hele år; udfyld begge alderskolonner eller ingen.",
        "Lowest age in whole years; fill in both age columns or neither.",
    ),
    "age_max": (
        "Høyeste alder i hele år (0–120).", "Højeste alder i hele år (0–120).",
        "Highest age in whole years (0–120).",
    ),
    "illustrative": (
        "TRUE hvis raden er et tenkt eksempel og ikke hentet fra en kilde.",
        "TRUE hvis rækken er et tænkt eksempel og ikke hentet fra en kilde.",
        "TRUE when the row is a made-up example, not taken from a source.",
    ),
    "citation": (
        "Hvor opplysningene kommer fra, f.eks. et dokument og avsnitt.",
        "Hvor oplysningerne kommer fra, f.eks. et dokument og afsnit.",
        "Where the information comes from, e.g. a document and section.",
    ),
}

#: Short words and phrases used by the writer and the reader.
WORDS: dict[str, Triple] = {
    "instructions": ("veiledning", "vejledning", "instructions"),
    "title": ("Kartlegging av tjenester for unge (samkart)",
              "Kortlægning af tilbud til unge (samkart)",
              "Mapping the services for young people (samkart)"),
    "sheet": ("Ark", "Ark", "Sheet"),
    "column": ("Kolonne", "Kolonne", "Column"),
    "label": ("Betydning", "Betydning", "Meaning"),
    "required": ("Påkrevd", "Påkrævet", "Required"),
    "yes": ("ja", "ja", "yes"),
    "no": ("nei", "nej", "no"),
    "help": ("Forklaring", "Forklaring", "Explanation"),
    "age_min": ("fra", "fra", "from"),
    "age_max": ("til", "til", "to"),
    "levels": ("Forebyggingsnivåene", "Forebyggelsesniveauerne", "The prevention levels"),
    "vocabularies": ("Lister", "Lister", "Lists"),
    "name": ("Navn på kartleggingen", "Navn på kortlægningen", "Name of the mapping"),
    "year": ("År kartleggingen gjelder", "År kortlægningen gælder", "Year of the mapping"),
    "currency": ("Valuta (ISO-kode, f.eks. NOK, DKK)", "Valuta (ISO-kode, f.eks. DKK, NOK)",
                 "Currency (ISO code, e.g. NOK, DKK)"),
}

#: The paragraphs at the top of the instruction sheet.
INSTRUCTIONS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Dette regnearket er et skjema for å kartlegge tjenestene rundt unge i en kommune eller "
        "et fylke. Fyll ut ett ark per tema. Rad 1 har kolonnenavnene (ikke endre dem), rad 2 "
        "forklarer dem på norsk; skriv dataene fra rad 3 og nedover, én rad per post.",
        "Eksempelradene er merket illustrativ (TRUE). Skriv over dem eller slett dem.",
        "Lister: kolonner som tar flere verdier (områder, tilbys av, målgrupper, nøkler, "
        "T-ene) fylles ut med verdiene skilt med komma, f.eks. «3806, 3807».",
        "Nedtrekkslister viser lovlige verdier. Du kan også skrive navnet på engelsk "
        "(f.eks. municipal) eller etiketten på norsk eller dansk.",
        "Tall skrives som tall, uten tekst: 40, ikke «40 plasser». Alder skrives i to kolonner "
        "(alder fra og alder til), i hele år.",
        "Personvern: antall unge (deltakere, overganger, innbyggere) er personopplysninger når "
        "tallet er lite, fordi enkeltpersoner kan kjennes igjen. Skriv ikke eksakte tall under "
        "5; la feltet stå tomt eller bruk et samlet tall for et større område.",
        "Flere kommuner kan fylle ut hvert sitt skjema; samkart slår dem sammen. Bruk de samme "
        "ID-ene for de samme aktørene, og beskriv hver aktør i bare ett av skjemaene.",
        "Sjekk skjemaet med kommandoen «samkart validate skjema.xlsx»: alle feil listes med ark, "
        "rad og kolonne, f.eks. «measures!C7 (level): …».",
    ),
    "da": (
        "Dette regneark er et skema til at kortlægge tilbuddene omkring unge i en kommune eller "
        "en region. Udfyld ét ark per emne. Række 1 har kolonnenavnene (ændr dem ikke), række 2 "
        "forklarer dem på dansk; skriv data fra række 3 og nedefter, én række per post.",
        "Eksempelrækkerne er markeret illustrativ (TRUE). Skriv hen over dem eller slet dem.",
        "Lister: kolonner med flere værdier (områder, udbydes af, målgrupper, nøgler, T'erne) "
        "udfyldes med værdierne adskilt med komma, f.eks. «0101, 0147».",
        "Rullelister viser de tilladte værdier. Du kan også skrive navnet på engelsk "
        "(f.eks. municipal) eller betegnelsen på dansk eller norsk.",
        "Tal skrives som tal uden tekst: 40, ikke «40 pladser». Alder skrives i to kolonner "
        "(alder fra og alder til), i hele år.",
        "Databeskyttelse: antal unge (deltagere, overgange, indbyggere) er personoplysninger, "
        "når tallet er lille, fordi enkeltpersoner kan genkendes. Skriv ikke eksakte tal under "
        "5; lad feltet stå tomt, eller brug et samlet tal for et større område.",
        "Flere kommuner kan udfylde hver sit skema; samkart lægger dem sammen. Brug de samme "
        "ID'er for de samme aktører, og beskriv hver aktør i kun ét af skemaerne.",
        "Tjek skemaet med kommandoen «samkart validate skema.xlsx»: alle fejl listes med ark, "
        "række og kolonne, f.eks. «measures!C7 (level): …».",
    ),
    "en": (
        "This workbook is a form for mapping the services around young people in a municipality "
        "or county. Fill in one sheet per topic. Row 1 holds the column names (do not change "
        "them), row 2 explains them; type the data from row 3 down, one row per record.",
        "The example rows are marked illustrative (TRUE). Type over them or delete them.",
        "Lists: columns that take several values (areas, providers, targets, keys, tees) are "
        "filled with the values separated by commas, e.g. \"3806, 3807\".",
        "Drop-down lists show the accepted values. You may also type the English name "
        "(e.g. municipal) or the Norwegian or Danish label.",
        "Numbers are typed as numbers, without words: 40, not \"40 places\". Ages take two "
        "columns (age_min and age_max), in whole years.",
        "Privacy: counts of young people (participants, transitions, population) are personal "
        "data when they are small, because individuals can be recognised. Do not type exact "
        "counts below 5; leave the cell blank or give one count for a larger area.",
        "Several municipalities can each fill in a form; samkart merges them. Use the same ids "
        "for the same actors, and describe each actor in one form only.",
        "Check the form with the command \"samkart validate form.xlsx\": every problem is listed "
        "with its sheet, row and column, e.g. \"measures!C7 (level): …\".",
    ),
}
