"""The words of the report in Norwegian Bokmål, Danish and English.

Written as a municipal civil servant of each country writes: Norwegian *tiltak*, Danish
*indsatser*, "kommunernes ungeindsats (KUI)", "uddannelsesparathed"; Norwegian institutions
keep their names in every language (NAV, Oppfølgingstjenesten). Level descriptions follow
seed 002 §1.1. ``TEXT[key][lang]`` is a format string; :func:`t` fills it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KIND_LABELS", "LEVEL_TEXT", "TEXT", "t"]

TEXT: dict[str, dict[str, str]] = {
    "title": {"nb": "Tjenestekart for unge", "da": "Kortlægning af indsatser for unge",
              "en": "Service map for young people"},
    "generated": {"nb": "Laget med samkart {version}, {date}.",
                  "da": "Lavet med samkart {version}, {date}.",
                  "en": "Made with samkart {version}, {date}."},
    "contents": {"nb": "Innhold", "da": "Indhold", "en": "Contents"},
    "summary": {"nb": "Oversikt", "da": "Overblik", "en": "Overview"},
    "gaps": {"nb": "Hull i tjenestetilbudet", "da": "Huller i indsatserne",
             "en": "Gaps in the services"},
    "network": {"nb": "Samarbeidsnettverket", "da": "Samarbejdsnetværket",
                "en": "The collaboration network"},
    "coverage": {"nb": "Dekning per kommune", "da": "Dækning pr. kommune",
                 "en": "Coverage by municipality"},
    "ages": {"nb": "Aldersbånd", "da": "Aldersbånd", "en": "Age bands"},
    "handovers": {"nb": "Overganger mellom aktører", "da": "Overgange mellem aktører",
                  "en": "Hand-overs between actors"},
    "indicators": {"nb": "Indikatorer", "da": "Indikatorer", "en": "Indicators"},
    "roles": {"nb": "Rollekart", "da": "Rollekort", "en": "Role map"},
    "what": {"nb": "Hva", "da": "Hvad", "en": "What"},
    "count": {"nb": "Antall", "da": "Antal", "en": "Count"},
    "areas": {"nb": "Områder", "da": "Områder", "en": "Areas"},
    "actors": {"nb": "Aktører", "da": "Aktører", "en": "Actors"},
    "measures": {"nb": "Tiltak", "da": "Indsatser", "en": "Measures"},
    "links": {"nb": "Koblinger", "da": "Forbindelser", "en": "Links"},
    "transitions": {"nb": "Overganger", "da": "Overgange", "en": "Hand-overs"},
    "by_owner": {"nb": "Aktører etter eier", "da": "Aktører efter ejer",
                 "en": "Actors by owner"},
    "by_sector": {"nb": "Aktører etter sektor", "da": "Aktører efter sektor",
                  "en": "Actors by sector"},
    "by_level": {"nb": "Tiltak etter nivå", "da": "Indsatser efter niveau",
                 "en": "Measures by level"},
    "by_kind": {"nb": "Koblinger etter type", "da": "Forbindelser efter type",
                "en": "Links by kind"},
    "owner": {"nb": "Eier", "da": "Ejer", "en": "Owner"},
    "sector": {"nb": "Sektor", "da": "Sektor", "en": "Sector"},
    "level": {"nb": "Nivå", "da": "Niveau", "en": "Level"},
    "kind": {"nb": "Type", "da": "Type", "en": "Kind"},
    "gap_counts": {"nb": "Antall hull etter type", "da": "Antal huller efter type",
                   "en": "Gaps by kind"},
    "gap_top": {"nb": "De {n} alvorligste hullene av {total}",
                "da": "De {n} alvorligste huller af {total}",
                "en": "The {n} most severe of {total} gaps"},
    "no_gaps": {"nb": "Analysen fant ingen hull.", "da": "Analysen fandt ingen huller.",
                "en": "The analysis found no gaps."},
    "rank": {"nb": "Nr.", "da": "Nr.", "en": "No."},
    "severity": {"nb": "Alvorlighet", "da": "Alvorlighed", "en": "Severity"},
    "area": {"nb": "Område", "da": "Område", "en": "Area"},
    "message": {"nb": "Beskrivelse", "da": "Beskrivelse", "en": "Description"},
    "severity_sum": {"nb": "Sum alvorlighet", "da": "Sum af alvorlighed",
                     "en": "Total severity"},
    "gaps_method": {"nb": "Alvorlighet er et tall mellom 0 og 1; formlene og kildene står i "
                          "docs/gaps.md.",
                    "da": "Alvorlighed er et tal mellem 0 og 1; formlerne og kilderne står i "
                          "docs/gaps.md.",
                    "en": "Severity is a number between 0 and 1; the formulas and their sources "
                          "are in docs/gaps.md."},
    "network_note": {"nb": "Hver sirkel er en aktør, farget etter eier; større sirkler har "
                           "flere koblinger. Hel linje: formell kobling, stiplet: uformell.",
                     "da": "Hver cirkel er en aktør, farvet efter ejer; større cirkler har "
                           "flere forbindelser. Fuld linje: formel forbindelse, stiplet: "
                           "uformel.",
                     "en": "Each circle is an actor, coloured by owner; larger circles have "
                           "more links. Solid line: formal link, dashed: informal."},
    "formal": {"nb": "Formell kobling", "da": "Formel forbindelse", "en": "Formal link"},
    "informal": {"nb": "Uformell kobling", "da": "Uformel forbindelse", "en": "Informal link"},
    "network_figure": {"nb": "Samarbeidsnettverket: {n} aktører og {m} par med koblinger",
                       "da": "Samarbejdsnetværket: {n} aktører og {m} par med forbindelser",
                       "en": "The collaboration network: {n} actors and {m} linked pairs"},
    "coverage_measures": {"nb": "Tiltak som dekker hver kommune, etter nivå (fylkesdekkende "
                                "tiltak teller i hver kommune)",
                          "da": "Indsatser der dækker hver kommune, efter niveau "
                                "(regionsdækkende indsatser tæller i hver kommune)",
                          "en": "Measures covering each municipality, by level (county-wide "
                                "measures count in each municipality)"},
    "coverage_participants": {"nb": "Deltakere etter nivå og tiltakets område",
                              "da": "Deltagere efter niveau og indsatsens område",
                              "en": "Participants by level and the measure's area"},
    "no_participants": {"nb": "Ingen tiltak oppgir deltakere.",
                        "da": "Ingen indsatser angiver deltagere.",
                        "en": "No measure gives its participants."},
    "ages_caption": {"nb": "Tiltak som dekker hvert alderstrinn, etter nivå",
                     "da": "Indsatser der dækker hvert alderstrin, efter niveau",
                     "en": "Measures covering each year of age, by level"},
    "age": {"nb": "Alder", "da": "Alder", "en": "Age"},
    "source": {"nb": "Fra", "da": "Fra", "en": "From"},
    "target": {"nb": "Til", "da": "Til", "en": "To"},
    "volume": {"nb": "Unge per år", "da": "Unge pr. år", "en": "Young people a year"},
    "several": {"nb": "Flere områder", "da": "Flere områder", "en": "Several areas"},
    "total": {"nb": "Totalt", "da": "I alt", "en": "Total"},
    # The hand-overs' sum counts moves, not people: one young person who goes from school to
    # KUI and on to the jobcenter is in two rows (seed 003's 15 % are a part of the dropouts).
    "handovers_total": {"nb": "Overganger i alt (én ung kan telles i flere)",
                        "da": "Overgange i alt (én ung kan tælle med i flere)",
                        "en": "Hand-overs in all (one young person may count in several)"},
    "no_transitions": {"nb": "Ingen overganger er registrert.",
                       "da": "Ingen overgange er registreret.",
                       "en": "No hand-overs are recorded."},
    "unknown_volume": {"nb": "ukjent", "da": "ukendt", "en": "unknown"},
    "indicator": {"nb": "Indikator", "da": "Indikator", "en": "Indicator"},
    "value": {"nb": "Verdi", "da": "Værdi", "en": "Value"},
    "year": {"nb": "År", "da": "År", "en": "Year"},
    "no_indicators": {"nb": "Ingen indikatorer.", "da": "Ingen indikatorer.",
                      "en": "No indicators."},
    "actor": {"nb": "Aktør", "da": "Aktør", "en": "Actor"},
    "roles_note": {"nb": "Aktører uten egne tiltak er ikke med ({n}).",
                   "da": "Aktører uden egne indsatser er ikke med ({n}).",
                   "en": "Actors without measures of their own are left out ({n})."},
    "changes": {"nb": "Endringer siden forrige kartlegging",
                "da": "Ændringer siden sidste kortlægning",
                "en": "What changed since the last mapping"},
    "changes_lead": {
        "nb": "Kartleggingen er sammenlignet med {before}. Siden da er {added} registreringer "
              "lagt til, {removed} fjernet og {changed} endret.",
        "da": "Kortlægningen er sammenlignet med {before}. Siden da er {added} registreringer "
              "tilføjet, {removed} fjernet og {changed} ændret.",
        "en": "This mapping is compared with {before}. Since then {added} records have been "
              "added, {removed} removed and {changed} changed."},
    "changes_none": {"nb": "Ingenting er endret siden {before}.",
                     "da": "Intet er ændret siden {before}.",
                     "en": "Nothing has changed since {before}."},
    "changes_records": {"nb": "Registreringer lagt til, fjernet og endret",
                        "da": "Registreringer tilføjet, fjernet og ændret",
                        "en": "Records added, removed and changed"},
    "added": {"nb": "Lagt til", "da": "Tilføjet", "en": "Added"},
    "removed": {"nb": "Fjernet", "da": "Fjernet", "en": "Removed"},
    "changed": {"nb": "Endret", "da": "Ændret", "en": "Changed"},
    "changes_coverage": {"nb": "Endring i antall tiltak etter nivå og kommune (tiltak som er "
                               "registrert på kommunen; + er flere enn før)",
                         "da": "Ændring i antal indsatser efter niveau og kommune (indsatser "
                               "registreret på kommunen; + er flere end før)",
                         "en": "Change in the number of measures by level and municipality "
                               "(measures recorded for the municipality; + is more than "
                               "before)"},
    "changes_coverage_none": {"nb": "Dekningen per kommune og nivå er den samme som før.",
                              "da": "Dækningen pr. kommune og niveau er den samme som før.",
                              "en": "Coverage by municipality and level is as before."},
    "changes_gaps": {"nb": "Hull som er nye og hull som er lukket, etter type",
                     "da": "Huller der er nye og huller der er lukket, efter type",
                     "en": "Gaps opened and closed, by kind"},
    "opened": {"nb": "Nye", "da": "Nye", "en": "Opened"},
    "closed": {"nb": "Lukket", "da": "Lukket", "en": "Closed"},
    "changes_gaps_text": {
        "nb": "Analysen finner {after} hull nå mot {before} før: {opened} er nye og {closed} er "
              "lukket. Samlet alvorlighet er {sev_after} mot {sev_before} før.",
        "da": "Analysen finder {after} huller nu mod {before} før: {opened} er nye og {closed} "
              "er lukket. Samlet alvorlighed er {sev_after} mod {sev_before} før.",
        "en": "The analysis finds {after} gaps now against {before} before: {opened} opened "
              "and {closed} closed. Total severity is {sev_after} against {sev_before} "
              "before."},
    "changes_network_text": {
        "nb": "Nettverket har {links} koblinger mot {links_before} før; tettheten er {d_after} "
              "mot {d_before}. {new} koblinger er nye og {ended} er avsluttet.",
        "da": "Netværket har {links} forbindelser mod {links_before} før; tætheden er "
              "{d_after} mod {d_before}. {new} forbindelser er nye og {ended} er afsluttet.",
        "en": "The network has {links} links against {links_before} before; its density is "
              "{d_after} against {d_before}. {new} links are new and {ended} have ended."},
    "links_new": {"nb": "Nye koblinger", "da": "Nye forbindelser", "en": "New links"},
    "links_ended": {"nb": "Avsluttede koblinger", "da": "Afsluttede forbindelser",
                    "en": "Ended links"},
    "indicators_records": {"nb": "Indikatorer", "da": "Indikatorer", "en": "Indicators"},
    "suppressed_note": {
        "nb": "«:» betyr at tallet er skjult for å verne enkeltpersoner: tall under {t} og "
              "så mange andre tall at de skjulte ikke kan regnes ut fra summene "
              "(prikking, {p} primært og {s} sekundært skjulte celler).",
        "da": "»:« betyder, at tallet er skjult for at beskytte enkeltpersoner: tal under {t} "
              "og så mange andre tal, at de skjulte ikke kan regnes ud fra summerne "
              "(diskretionering, {p} primært og {s} sekundært skjulte celler).",
        "en": "\":\" means the number is hidden to protect individuals: counts under {t} and "
              "enough other counts that the hidden ones cannot be worked out from the totals "
              "({p} cells hidden by the primary and {s} by the secondary rule)."},
    "not_suppressed_note": {
        "nb": "Små tall er ikke skjult i denne rapporten (suppress_below=0): ikke publiser den.",
        "da": "Små tal er ikke skjult i denne rapport (suppress_below=0): offentliggør den ikke.",
        "en": "Small counts are not hidden in this report (suppress_below=0): do not publish "
              "it."},
    "illustrative": {"nb": "{n} poster er merket som illustrerende (ikke fra en kilde).",
                     "da": "{n} poster er markeret som illustrative (ikke fra en kilde).",
                     "en": "{n} records are marked illustrative (not from a source)."},
}

_NEW: dict[str, tuple[str, str, str]] = {
    # the title of a municipality's report
    "title_area": ("Tjenestekart for unge: {area}", "Kortlægning af indsatser for unge: {area}",
                   "Service map for young people: {area}"),
    "area_lead": (
        "Denne rapporten gjelder {area}: kommunens egne tjenester og de fylkeskommunale og "
        "statlige tjenestene som også dekker kommunen, sammenlignet med resten av {parent}.",
        "Denne rapport gælder {area}: kommunens egne indsatser og de regionale og statslige "
        "aktører, der også dækker kommunen, sammenlignet med resten af {parent}.",
        "This report is about {area}: the municipality's own services and the county and state "
        "services that also serve it, compared with the rest of {parent}."),
    # 1 key figures
    "keyfigures": ("Nøkkeltall", "Nøgletal", "Key figures"),
    "keyfigures_lead": (
        "De viktigste tallene om unge utenfor arbeid og utdanning, med år og kilde. Et tall som "
        "er en del av et annet, står under det («av disse»): delene skal ikke legges sammen "
        "med helheten.",
        "De vigtigste tal om unge uden for job og uddannelse, med år og kilde. Et tal, der er en "
        "del af et andet, står under det (»heraf«): delene må ikke lægges sammen med helheden.",
        "The main figures on young people outside work and education, with year and source. A "
        "figure that is part of another stands under it (\"of these\"): never add the parts to "
        "the whole."),
    "keyfigures_parent": (
        "{area} har ingen egne nøkkeltall i kartleggingen; tallene under gjelder {parent}.",
        "{area} har ingen egne nøgletal i kortlægningen; tallene nedenfor gælder {parent}.",
        "{area} has no key figures of its own in the mapping; the figures below are for "
        "{parent}."),
    "no_keyfigures": ("Kartleggingen har ingen nøkkeltall.", "Kortlægningen har ingen nøgletal.",
                      "The mapping has no key figures."),
    "more_figures": ("Flere tall", "Flere tal", "More figures"),
    "of_these": ("Av disse:", "Heraf:", "Of these:"),
    "index_lead": ("Én rapport for hver av de {n} kommunene: kommunens egne tjenester og de "
                   "fylkeskommunale og statlige tjenestene som dekker den, sammenlignet med "
                   "resten av fylket.",
                   "Én rapport for hver af de {n} kommuner: kommunens egne indsatser og de "
                   "regionale og statslige indsatser, der dækker den, sammenlignet med resten.",
                   "One report for each of the {n} municipalities: its own services and the "
                   "county and state services that serve it, compared with the rest."),
    "index_whole": ("Hele kartleggingen:", "Hele kortlægningen:", "The whole mapping:"),
    "by_reason": ("Etter grunn til registreringen (til sammen alle):",
                  "Efter grund til registreringen (tilsammen alle):",
                  "By reason for the registration (together, all of them):"),
    "stock": ("telling på én dag", "opgjort på én dag", "a count on one day"),
    "flow": ("i løpet av perioden", "i løbet af perioden", "over the period"),
    "range": ("Mellom kommunene: fra {lo} til {hi}.", "Mellem kommunerne: fra {lo} til {hi}.",
              "Between municipalities: from {lo} to {hi}."),
    "elsewhere": ("Til sammenligning: {items}.", "Til sammenligning: {items}.",
                  "For comparison: {items}."),
    "year_unknown": ("år ikke oppgitt", "år ikke oplyst", "year not stated"),
    "source_word": ("Kilde", "Kilde", "Source"),
    "mapping_counts": (
        "Kartleggingen har {actors} aktører, {measures} tiltak, {links} samarbeidskoblinger og "
        "{transitions} registrerte overganger i {areas} områder.",
        "Kortlægningen har {actors} aktører, {measures} indsatser, {links} "
        "samarbejdsforbindelser og {transitions} registrerede overgange i {areas} områder.",
        "The mapping has {actors} actors, {measures} measures, {links} collaboration links and "
        "{transitions} recorded hand-overs in {areas} areas."),
    "illustrative_count": (
        "{n} av registreringene er illustrative: eksempler som viser hvordan kartet virker, ikke "
        "opplysninger fra kildene. De er merket og listet i vedlegget.",
        "{n} af registreringerne er illustrative: eksempler, der viser, hvordan kortlægningen "
        "virker, ikke oplysninger fra kilderne. De er markeret og listet i bilaget.",
        "{n} of the records are illustrative: examples that show how the map works, not facts "
        "from the sources. They are marked and listed in the appendix."),
    # 2 levels
    "levels": ("De fire forebyggingsnivåene", "De fire forebyggelsesniveauer",
               "The four prevention levels"),
    "levels_lead": (
        "Tiltakene er ordnet etter de fire nivåene i kunnskapsgrunnlaget for partnerskapet "
        "(002 §1.1). Tallet er antall tiltak på nivået i denne kartleggingen.",
        "Indsatserne er ordnet efter fire forebyggelsesniveauer fra den norske model, som "
        "samkart bygger på (vidensgrundlaget for partnerskabet i Vestfold og Telemark, "
        "002 §1.1). Tallet er antal indsatser på niveauet i denne kortlægning.",
        "The measures are ordered by the four prevention levels of the Norwegian model samkart "
        "uses (the knowledge base of the Vestfold og Telemark partnership, 002 §1.1). The "
        "number is how many measures of this mapping are at the level."),
    "level_measures": ("{n} tiltak", "{n} indsatser", "{n} measures"),
    "paradox": (
        "Nivå 1 er det viktigste. Forebyggingsparadokset (Rose 1992): når risikoen er utbredt, "
        "gir tiltak for hele befolkningen mer enn tiltak bare for dem med høy risiko. Likevel "
        "må alle fire nivåene finnes og henge sammen, og hver kommune bør kartlegge hvilke "
        "tiltak som finnes på hvert nivå og hvordan de kan samordnes og styrkes (002 §1.1).",
        "Niveau 1 er det vigtigste. Forebyggelsesparadokset (Rose 1992): når risikoen er "
        "udbredt, gør indsatser for hele befolkningen mere gavn end indsatser alene for dem med "
        "høj risiko. Alle fire niveauer skal dog findes og hænge sammen, og hver kommune bør "
        "kortlægge, hvilke indsatser der findes på hvert niveau, og hvordan de kan koordineres "
        "og styrkes (002 §1.1).",
        "Level 1 matters most. The prevention paradox (Rose 1992): when a risk is widespread, "
        "measures for the whole population do more good than measures only for those at high "
        "risk. Yet all four levels must exist and hang together, and each municipality should "
        "map which measures exist at each level and how they can be coordinated and "
        "strengthened (002 §1.1)."),
    # 3 findings
    "findings": ("Funn: hvor unge kan falle mellom tjenestene",
                 "Fund: hvor unge kan falde mellem indsatserne",
                 "Findings: where young people can fall between services"),
    "findings_lead": (
        "Analysen fant {service} funn om tjenestene og {data} om det som ikke er godt nok "
        "kartlagt. Funnene er gruppert etter årsak; innen hver gruppe står funnet som gjelder "
        "flest unge, først.",
        "Analysen fandt {service} fund om indsatserne og {data} om det, der ikke er kortlagt "
        "godt nok. Fundene er grupperet efter årsag; i hver gruppe står det fund, der berører "
        "flest unge, først.",
        "The analysis found {service} findings about the services and {data} about what is not "
        "mapped well enough. The findings are grouped by cause; within each group the finding "
        "that concerns the most young people comes first."),
    "findings_lead_none": (
        "Analysen fant ingen hull i tjenestene der de er kartlagt, og {data} funn om det som "
        "ikke er godt nok kartlagt.",
        "Analysen fandt ingen huller i indsatserne, hvor de er kortlagt, og {data} fund om det, "
        "der ikke er kortlagt godt nok.",
        "The analysis found no gaps in the services where they were mapped, and {data} "
        "findings about what is not mapped well enough."),
    "no_findings": ("Analysen fant ingen hull.", "Analysen fandt ingen huller.",
                    "The analysis found no gaps."),
    "service_findings": ("Funn om tjenestene", "Fund om indsatserne",
                         "Findings about the services"),
    "data_findings_note": (
        "Det som ikke er godt nok kartlagt (datahull), står i vedlegget.",
        "Det, der ikke er kortlagt godt nok (datahuller), står i bilaget.",
        "What is not mapped well enough (data gaps) is in the appendix."),
    "cause_handover": ("Overganger uten avtale eller koordinator",
                       "Overgange uden aftale eller koordinator",
                       "Hand-overs without an agreement or a coordinator"),
    "cause_age": ("Tilbud som slutter ved en alder", "Indsatser, der ophører ved en bestemt alder",
                  "Services that end at an age"),
    "cause_levels": ("Nivåer, plasser og medvirkning", "Niveauer, pladser og inddragelse",
                     "Levels, places and participation"),
    "cause_network": ("Samarbeid: hvem som er koblet til hvem",
                      "Samarbejde: hvem der er forbundet med hvem",
                      "Collaboration: who is linked to whom"),
    "cause_data": ("Det vi ikke vet nok om (datahull)", "Det, vi ikke ved nok om (datahuller)",
                   "What is not known well enough (data gaps)"),
    "cause_other": ("Andre funn", "Andre fund", "Other findings"),
    "where": ("Hvor", "Hvor", "Where"),
    "who": ("Aktører", "Aktører", "Actors"),
    "affected": ("Unge berørt", "Berørte unge", "Young people affected"),
    "affected_value": ("om lag {n} i året", "ca. {n} om året", "about {n} a year"),
    "affected_none": ("ikke tallfestet", "ikke opgjort", "not counted"),
    "whole_area": ("hele {area}", "hele {area}", "all of {area}"),
    "badge": ("Illustrativt", "Illustrativt", "Illustrative"),
    "rests_on": ("Bygger på illustrative registreringer: {records}.",
                 "Bygger på illustrative registreringer: {records}.",
                 "Rests on illustrative records: {records}."),
    "and_more": ("og {n} til", "og {n} mere", "and {n} more"),
    # 4 maps
    "maps": ("Kart", "Kort", "Maps"),
    "map_partial": (
        "Kommunens egne tjenester er ikke (alle) kartlagt: tallet gjelder bare resten",
        "Kommunens egne indsatser er ikke (alle) kortlagt: tallet gælder kun resten",
        "The municipality's own services were not (all) mapped: the figure covers the rest"),
    "map_findings": ("Funn om tjenestene per kommune", "Fund om indsatserne pr. kommune",
                     "Service findings per municipality"),
    "map_measures": ("Tiltak registrert på kommunen (uten fylkesdekkende tiltak)",
                     "Indsatser registreret på kommunen (uden regionsdækkende indsatser)",
                     "Measures recorded for the municipality (without county-wide ones)"),
    "map_per_1000": ("Tiltak per 1 000 unge (uten fylkesdekkende tiltak)",
                     "Indsatser pr. 1.000 unge (uden regionsdækkende indsatser)",
                     "Measures per 1,000 young people (without county-wide ones)"),
    "map_population_unknown": (
        "Folketallet er ikke oppgitt for kommunene, så tiltak per 1 000 unge kan ikke regnes ut; "
        "kartet viser antall tiltak.",
        "Befolkningstallet er ikke oplyst for kommunerne, så indsatser pr. 1.000 unge kan ikke "
        "beregnes; kortet viser antal indsatser.",
        "The municipalities' populations are not given, so measures per 1,000 young people "
        "cannot be worked out; the map shows the number of measures."),
    "map_no_indicator": (
        "Ingen indikator er oppgitt per kommune, så ingen indikator kan vises på kart.",
        "Ingen indikator er oplyst pr. kommune, så ingen indikator kan vises på et kort.",
        "No indicator is given per municipality, so none can be drawn on a map."),
    "map_no_shapes": ("Uten kartflate (bare i tabellen): {names}.",
                      "Uden kortflade (kun i tabellen): {names}.",
                      "Not on the map (in the table only): {names}."),
    "map_unavailable": (
        "Kartet kunne ikke tegnes for disse områdene; tabellen viser tallene.",
        "Kortet kunne ikke tegnes for disse områder; tabellen viser tallene.",
        "The map could not be drawn for these areas; the table shows the figures."),
    "municipality": ("Kommune", "Kommune", "Municipality"),
    "findings_short": ("Funn", "Fund", "Findings"),
    "level_n": ("Nivå {n}", "Niveau {n}", "Level {n}"),
    "map_levels": ("Etter nivå", "Efter niveau", "By level"),
    # 5 roles and coverage
    "roles_coverage": ("Rollekart og dekning", "Rollekort og dækning",
                       "Role map and coverage"),
    "roles_lead": (
        "Hvem gjør hva på hvilket nivå: hver aktørs tiltak etter nivå. Deretter hvor mange "
        "tiltak som dekker hver kommune og hvert alderstrinn, og overgangene mellom tjenestene.",
        "Hvem gør hvad på hvilket niveau: hver aktørs indsatser efter niveau. Derefter hvor "
        "mange indsatser der dækker hver kommune og hvert alderstrin, og overgangene mellem "
        "aktørerne.",
        "Who does what at which level: each actor's measures by level. Then how many measures "
        "cover each municipality and each year of age, and the hand-overs between services."),
    "suppression_h": ("Skjulte tall", "Skjulte tal", "Hidden numbers"),
    "compare_h": ("{area} sammenlignet med kommunene i {parent}",
                  "{area} sammenlignet med kommunerne i {parent}",
                  "{area} compared with the municipalities of {parent}"),
    "compare_caption": (
        "Tiltak som dekker kommunen, etter nivå (fylkesdekkende tiltak teller med)",
        "Indsatser, der dækker kommunen, efter niveau (regionsdækkende indsatser tæller med)",
        "Measures covering the municipality, by level (county-wide measures included)"),
    "median": ("Median for kommunene", "Median for kommunerne", "Median of the municipalities"),
    "lowest_highest": ("Lavest–høyest", "Lavest–højest", "Lowest–highest"),
    # 7 appendix
    "appendix": ("Vedlegg: det som ikke er kartlagt, og det som er illustrativt",
                 "Bilag: det, der ikke er kortlagt, og det, der er illustrativt",
                 "Appendix: what is not mapped and what is illustrative"),
    "mapped_h": ("Hva som er kartlagt i hver kommune", "Hvad der er kortlagt i hver kommune",
                 "What was mapped in each municipality"),
    "mapped_all": ("Alle tjenester", "Alle aktører", "Every service"),
    "mapped_none": ("Ikke kartlagt", "Ikke kortlagt", "Not mapped"),
    "mapped_only": ("Bare: {what}", "Kun: {what}", "Only: {what}"),
    "mapped_col": ("Kartlagt", "Kortlagt", "Mapped"),
    "data_findings_h": ("Datahull", "Datahuller", "Data gaps"),
    "illustrative_h": ("Illustrative registreringer", "Illustrative registreringer",
                       "Illustrative records"),
    "illustrative_lead": (
        "Disse {n} registreringene er eksempler lagt inn for å vise hvordan kartet virker; de "
        "står ikke i kildene. Funn som bygger på dem, er merket «Illustrativt».",
        "Disse {n} registreringer er eksempler, der er lagt ind for at vise, hvordan "
        "kortlægningen virker; de står ikke i kilderne. Fund, der bygger på dem, er markeret "
        "»Illustrativt«.",
        "These {n} records are examples added to show how the map works; they are not in the "
        "sources. Findings that rest on them are marked \"Illustrative\"."),
    "no_illustrative": ("Ingen registreringer er illustrative.",
                        "Ingen registreringer er illustrative.",
                        "No record is illustrative."),
    "record_kind": ("Type", "Type", "Kind"),
    "record": ("Registrering", "Registrering", "Record"),
    "indicators_all": ("Alle indikatorer", "Alle indikatorer", "All indicators"),
    "unknown_keys": (
        "Disse indikatorene har ingen beskrivelse i samkart; navnet er laget av nøkkelen: {keys}.",
        "Disse indikatorer har ingen beskrivelse i samkart; navnet er dannet ud fra nøglen: "
        "{keys}.",
        "These indicators have no description in samkart; the name is made from the key: {keys}."),
    "area_kind_area": ("Område", "Område", "Area"),
    # 8 method
    "method": ("Slik er tallene regnet ut", "Sådan er tallene beregnet",
               "How the figures are worked out"),
    "method_coverage": (
        "Dekning: et tiltak teller i de kommunene det gjelder (eller de kommunene aktørene som "
        "gir det, dekker). Et fylkesdekkende tiltak teller i hver kommune i fylket. Bare tiltak "
        "som er i drift eller prøves ut, teller; foreslåtte og avsluttede tiltak gjør ikke det.",
        "Dækning: en indsats tæller i de kommuner, den gælder for (eller de kommuner, som "
        "aktørerne bag den dækker). En regionsdækkende indsats tæller i hver kommune i regionen. "
        "Kun indsatser i drift eller under afprøvning tæller; foreslåede og afsluttede gør ikke.",
        "Coverage: a measure counts in the municipalities it names (or those its providers "
        "serve). A county-wide measure counts in every municipality of the county. Only "
        "measures that are running or piloted count; proposed and ended ones do not."),
    "method_gaps": (
        "Hull: samkart ser etter femten slags hull, kommune for kommune: nivåer uten tiltak, "
        "aldre der alle tilbud slutter, overganger uten avtale eller koordinator, siloer, "
        "sårbare knutepunkter og isolerte aktører, og to slags datahull. Et fravær regnes bare "
        "som et hull der kommunen er kartlagt: at noe ikke er kartlagt, betyr ikke at det "
        "mangler. Alvorlighet er et tall mellom 0 og 1 med en formel per type.",
        "Huller: samkart leder efter femten slags huller, kommune for kommune: niveauer uden "
        "indsatser, aldre hvor alle tilbud ophører, overgange uden aftale eller koordinator, "
        "siloer, sårbare knudepunkter og isolerede aktører, samt to slags datahuller. Et fravær "
        "regnes kun som et hul, hvor kommunen er kortlagt: at noget ikke er kortlagt, betyder "
        "ikke, at det mangler. Alvorlighed er et tal mellem 0 og 1 med en formel pr. type.",
        "Gaps: samkart looks for fifteen kinds of gap, municipality by municipality: levels "
        "with no measure, ages where every service ends, hand-overs without an agreement or a "
        "coordinator, silos, single points of failure and isolated actors, and two kinds of "
        "data gap. An absence is a gap only where the municipality was mapped: what was not "
        "mapped is not missing. Severity is a number between 0 and 1, with a formula per kind."),
    "method_findings": (
        "Funn: hull med samme årsak (for eksempel samme slags overgang i flere kommuner) er "
        "slått sammen til ett funn. Unge berørt er summen av overgangene i funnet (unge i året) "
        "der de er oppgitt; tall som er deler av et annet tall, legges aldri sammen med det.",
        "Fund: huller med samme årsag (for eksempel samme slags overgang i flere kommuner) er "
        "samlet i ét fund. Berørte unge er summen af overgangene i fundet (unge om året), hvor "
        "de er oplyst; tal, der er en del af et andet tal, lægges aldrig sammen med det.",
        "Findings: gaps with the same cause (for example the same kind of hand-over in several "
        "municipalities) are merged into one finding. Young people affected is the sum of the "
        "finding's hand-overs (young people a year) where given; a figure that is part of "
        "another is never added to it."),
    "method_suppression": (
        "Skjulte tall: antall unge under {t} vises som «:», og så mange andre tall at de skjulte "
        "ikke kan regnes ut fra summene (prikking).",
        "Skjulte tal: antal unge under {t} vises som »:«, og så mange andre tal, at de skjulte "
        "ikke kan regnes ud fra summerne (diskretionering).",
        "Hidden numbers: counts of young people under {t} are shown as \":\", with enough other "
        "counts that the hidden ones cannot be worked out from the totals."),
    "method_sources": ("Kilder", "Kilder", "Sources"),
    "method_more": (
        "Formlene og begrunnelsene står i samkarts dokumentasjon (gaps.md, mapping.md, "
        "report.md).",
        "Formlerne og begrundelserne står i samkarts dokumentation (gaps.md, mapping.md, "
        "report.md).",
        "The formulas and their reasons are in samkart's documentation (gaps.md, mapping.md, "
        "report.md)."),
}

#: The seeds the figures cite, by number (shown in the method section when cited).
SOURCES: dict[str, str] = {
    "000": "KS Vestfold og Telemark og fylkeskommunen: Partnerskap for inkludering og ung "
           "deltakelse i Vestfold og Telemark (orientering om initiativet, 2021)",
    "001": "Partnerskap for inkludering og ung deltakelse. Mestring, utdanning og jobb i sikte. "
           "Vestfold og Telemark (presentasjon for kommunene, 2021)",
    "002": "Partnerskap for inkludering og ung deltakelse – et kunnskapsgrunnlag. "
           "Arbeidsgruppen, juni 2021",
    "003": "KL og Børne- og Undervisningsministeriet: Invitation til partnerskabet. Partnerskab "
           "om styrket samarbejde om unge, 27. august 2024",
    "004": "Tar felles ansvar for oppfølging av ungdom (OT og NAV Vestfold og Telemark), "
           "4. september 2020",
}

for _key, (_nb, _da, _en) in _NEW.items():
    TEXT[_key] = {"nb": _nb, "da": _da, "en": _en}

#: The four levels in two lines each (002 §1.1): who the level is for, and what it is.
LEVEL_TEXT: dict[int, dict[str, tuple[str, str]]] = {
    1: {"nb": ("For alle. Helse og tilhørighet skapes der folk lever livene sine.",
               "Svangerskapsomsorg, barnehage, skole, idrettslag, kor og arbeidsplasser."),
        "da": ("For alle. Sundhed og tilhørsforhold skabes, hvor folk lever deres liv.",
               "Svangerskabsomsorg, dagtilbud, skole, idrætsforening, kor og arbejdspladser."),
        "en": ("For everyone. Health and belonging are made where people live their lives.",
               "Antenatal care, kindergarten, school, sports club, choir and workplaces.")},
    2: {"nb": ("For unge som selv kjenner bekymring, eller som omgivelsene er bekymret for.",
               "Lett tilgjengelig lavterskelhjelp for psykisk eller fysisk helse, rus, "
               "relasjoner eller arbeid."),
        "da": ("For unge, som selv er bekymrede, eller som omgivelserne er bekymrede for.",
               "Let tilgængelig hjælp med lav tærskel til psykisk eller fysisk sundhed, "
               "rusmidler, relationer eller arbejde."),
        "en": ("For young people who feel concern themselves, or whose surroundings do.",
               "Easy-to-reach, low-threshold help with mental or physical health, drugs, "
               "relationships or work.")},
    3: {"nb": ("For risikogrupper: nye eller midlertidige helseutfordringer, høyt fravær, lite "
               "støtteapparat.",
               "Tilrettelegging og tilpasning, og fellesskap som rustes til å inkludere."),
        "da": ("For risikogrupper: nye eller midlertidige helbredsudfordringer, højt fravær, "
               "lidt støtte omkring sig.",
               "Tilpasning og tilrettelæggelse og fællesskaber, der rustes til at inkludere."),
        "en": ("For risk groups: new or temporary health problems, high absence, little "
               "support.",
               "Adaptation and tailoring, and communities strengthened to include.")},
    4: {"nb": ("For unge som står utenfor, der de naturlige fellesskapene blir mindre.",
               "Tverrfaglig og tverretatlig, intensivert innsats."),
        "da": ("For unge, der står uden for, og hvis naturlige fællesskaber bliver mindre.",
               "En tværfaglig og tværsektoriel, intensiveret indsats."),
        "en": ("For young people already outside, whose natural communities shrink.",
               "Cross-disciplinary, cross-agency, intensified effort.")},
}


def t(key: str, lang: str, **values: Any) -> str:
    """The text ``key`` in ``lang``, filled with ``values``."""
    text = TEXT[key][lang]
    return text.format(**values) if values else text

KIND_LABELS: dict[str, dict[str, str]] = {
    "level_missing": {"nb": "Nivå mangler", "da": "Niveau mangler", "en": "Level missing"},
    "age_uncovered": {"nb": "Alder uten tilbud", "da": "Alder uden tilbud",
                      "en": "Age not covered"},
    "age_cliff": {"nb": "Aldersstup", "da": "Aldersgrænse uden overlevering",
                  "en": "Age cliff"},
    "capacity_short": {"nb": "For få plasser", "da": "For få pladser",
                       "en": "Capacity short"},
    "duplication": {"nb": "Dobbelttilbud", "da": "Dobbelt tilbud", "en": "Duplication"},
    "handoff_unlinked": {"nb": "Overgang uten avtale", "da": "Overgang uden aftale",
                         "en": "Hand-over without link"},
    "handoff_uncoordinated": {"nb": "Overgang uten koordinator",
                              "da": "Overgang uden koordinator",
                              "en": "Hand-over without coordinator"},
    "silo": {"nb": "Silo", "da": "Silo", "en": "Silo"},
    "single_point_of_failure": {"nb": "Sårbart knutepunkt", "da": "Sårbart knudepunkt",
                                "en": "Single point of failure"},
    "isolated_actor": {"nb": "Isolert aktør", "da": "Isoleret aktør", "en": "Isolated actor"},
    "no_participation": {"nb": "Ingen medvirkning", "da": "Ingen medinddragelse",
                         "en": "No participation"},
    "unreachable_intensive": {"nb": "Intensiv hjelp utenfor rekkevidde",
                              "da": "Intensiv hjælp uden for rækkevidde",
                              "en": "Intensive help out of reach"},
    "level_imbalance": {"nb": "Skjev nivåfordeling", "da": "Skæv niveaufordeling",
                        "en": "Level imbalance"},
    # Data gaps (issue 13): what is not known well enough to judge.
    "not_mapped": {"nb": "Ikke kartlagt", "da": "Ikke kortlagt", "en": "Not mapped"},
    "capacity_unknown": {"nb": "Kapasitet ukjent", "da": "Kapacitet ukendt",
                         "en": "Capacity unknown"},
}
