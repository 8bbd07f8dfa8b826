"""The report: one self-contained HTML file a municipal council can read and print.

``report(land, "kart.html", lang="nb")`` writes the landscape summary, the ranked gaps with
their messages, the collaboration network (inline SVG, actors coloured by owner), coverage
heatmaps (level × municipality), age bands (level × age 0–29), the hand-overs of young
people, the indicators and the role map (actor × level), in Norwegian Bokmål, Danish or
English. Nothing is fetched when the file is opened: the CSS and the figure are inline, there
are no scripts, fonts or images from elsewhere.

Every table and figure comes from the library's analyses, never from counting rules of the
report's own: the overview from :meth:`samkart.Landscape.summary`, the gaps from
:func:`samkart.find_gaps` (and :meth:`samkart.GapReport.summary`), the coverage heatmaps from
:func:`samkart.coverage`, the age bands from :func:`samkart.age_coverage`, the role map from
:func:`samkart.role_map` and the picture from :func:`samkart.network`; what a measure covers
(its areas, ages, status) is decided there. The hand-overs and indicators are listed from the
landscape's records.

Counts of young people (hand-over volumes, participants, indicator counts) pass through
:func:`samkart.privacy.suppress` first: cells under ``suppress_below`` (5) and their
complements are shown as ":" with a footnote; ``suppress_below=0`` shows every count.
The file is written atomically (:func:`samkart._util.write_atomic`).
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from samkart import _core
from samkart._core import Landscape, Level
from samkart._util import write_atomic
from samkart.analysis.mapping import age_coverage, coverage, role_map
from samkart.analysis.privacy import suppress
from samkart.errors import ArgumentError

__all__ = ["LANGUAGES", "report"]

#: The languages of the report.
LANGUAGES = ("nb", "da", "en")

#: Gap kinds whose ``value`` counts young people (a hand-over volume).
_PEOPLE_VALUE_KINDS = ("handoff_unlinked", "handoff_uncoordinated")

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in grey.
_OWNER_COLOURS = {
    "municipal": "#0072B2",
    "county": "#E69F00",
    "state": "#009E73",
    "private": "#CC79A7",
    "voluntary": "#D55E00",
    "self_governing": "#56B4E9",
}

_TEXT: dict[str, dict[str, str]] = {
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

_KIND_LABELS: dict[str, dict[str, str]] = {
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

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #ccc; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 1.5rem;
       line-height: 1.4; font-size: 15px; }
h1 { color: var(--accent); margin-bottom: 0.2rem; }
h2 { color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem;
     margin-top: 2.2rem; }
h3 { margin: 1.2rem 0 0.4rem; font-size: 1.05rem; }
.meta, .note, figcaption, caption { color: var(--muted); font-size: 0.9rem; }
caption { text-align: left; padding-bottom: 0.3rem; caption-side: top; }
nav ol { columns: 2; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; font-size: 0.88rem; }
th, td { border: 1px solid var(--rule); padding: 0.2rem 0.45rem; vertical-align: top; }
th { background: #eef2f6; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.grid { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
.heat td { text-align: center; min-width: 2.1rem; font-variant-numeric: tabular-nums; }
.heat th.col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
               font-weight: normal; }
.ages td { min-width: 1.6rem; padding: 0.2rem 0.1rem; }
.suppressed { color: #000; font-weight: bold; }
.bar { display: inline-block; height: 0.7em; background: #c0392b; margin-right: 0.3em; }
table.gaps td { white-space: nowrap; }
table.gaps td:last-child { white-space: normal; min-width: 24rem; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; font-size: 0.9rem;
          margin: 0.3rem 0; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%;
          vertical-align: -0.1em; margin-right: 0.3em; }
svg.network { width: 100%; height: auto; border: 1px solid var(--rule); background: #fff; }
svg.network text { font-size: 11px; fill: #222; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: 0.5rem; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  table.gaps, table.roles { break-inside: auto; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_SECTIONS = ("summary", "gaps", "network", "coverage", "ages", "handovers", "indicators",
             "roles")


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        msg = f"report: unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)


def _t(key: str, lang: str, **values: Any) -> str:
    text = _TEXT[key][lang]
    return text.format(**values) if values else text


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _label(vocabulary: str, name: str, lang: str) -> str:
    """The vocabulary label of a name, the name itself when it is outside the vocabulary."""
    for term in _core.terms(vocabulary):
        if term.name == name:
            return str(term.label(lang))
    return name


def _number(value: float) -> str:
    """A count as people read it: integers without decimals, others with up to two."""
    if np.isnan(value):
        return ":"
    if float(value).is_integer():
        return f"{int(value):d}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


# --- the landscape as plain tables ------------------------------------------------------------


class _Data:
    """The landscape's records and names, for the labels and listings of the sections."""

    def __init__(self, land: Landscape) -> None:
        frames = land.to_frames()
        self.land = land
        self.areas: pd.DataFrame = frames["areas"]
        self.actors: pd.DataFrame = frames["actors"]
        self.measures: pd.DataFrame = frames["measures"]
        self.links: pd.DataFrame = frames["links"]
        self.transitions: pd.DataFrame = frames["transitions"]
        self.indicators: pd.DataFrame = frames["indicators"]
        self.area_name = dict(zip(self.areas["id"], self.areas["name"], strict=True))
        self.actor_name = dict(zip(self.actors["id"], self.actors["name"], strict=True))
        self.measure_name = dict(zip(self.measures["id"], self.measures["name"], strict=True))
        kinds = dict(zip(self.areas["id"], self.areas["kind"], strict=True))
        self.municipalities = [a for a in self.areas["id"] if kinds[a] == "municipality"]


# --- HTML pieces ---------------------------------------------------------------------------


def _simple_table(head: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "",
                  numeric: Sequence[bool] = (), css: str = "") -> str:
    """A table of already-escaped cells."""
    num = list(numeric) + [False] * (len(head) - len(numeric))
    th = "".join(f'<th{" class=num" if n else ""}>{h}</th>' for h, n in zip(head, num,
                                                                           strict=True))
    body = []
    for row in rows:
        cells = "".join(f'<td{" class=num" if n else ""}>{c}</td>' for c, n in zip(row, num,
                                                                                  strict=True))
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{caption}</caption>" if caption else ""
    cls = f' class="{css}"' if css else ""
    return f"<table{cls}>{cap}<thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _colour(value: float, top: float) -> tuple[str, str]:
    """Background and text colour of a heatmap cell: white to dark blue by value / top."""
    if np.isnan(value) or top <= 0:
        return "#ffffff", "#000000"
    x = max(0.0, min(1.0, value / top))
    low, high = np.array([247, 251, 255]), np.array([8, 48, 107])
    rgb = (low + (high - low) * x).round().astype(int)
    return "#{:02x}{:02x}{:02x}".format(*rgb), ("#ffffff" if x > 0.55 else "#000000")


def _heatmap(frame: pd.DataFrame, caption: str, row_head: str, css: str = "heat",
             mask: pd.DataFrame | None = None, vertical: bool = True) -> str:
    """A table coloured by value; hidden cells (``mask``) show ":"."""
    values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
    col_class = ' class="col"' if vertical else ""
    head = "".join(f"<th{col_class}>{_e(c)}</th>" for c in frame.columns)
    rows = []
    for i, label in enumerate(frame.index):
        cells = []
        for j in range(values.shape[1]):
            v = values[i, j]
            hidden = mask is not None and bool(mask.iloc[i, j])
            if hidden:
                cells.append('<td class="suppressed" title="suppressed">:</td>')
                continue
            bg, fg = _colour(v, top)
            text = "" if np.isnan(v) else _number(v)
            cells.append(f'<td style="background:{bg};color:{fg}">{text}</td>')
        rows.append(f"<tr><th>{_e(label)}</th>{''.join(cells)}</tr>")
    return (f'<table class="{css}"><caption>{_e(caption)}</caption><thead><tr>'
            f"<th>{_e(row_head)}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


# --- sections ------------------------------------------------------------------------------


def _summary(d: _Data, lang: str) -> str:
    summary = d.land.summary(lang)
    counts = [(_t(k, lang), str(n)) for k, n in summary.counts.items()]
    tables = [_simple_table([_t("what", lang), _t("count", lang)],
                            [(_e(a), b) for a, b in counts], numeric=(False, True))]
    tables.append(_simple_table(
        [_t("owner", lang), _t("count", lang)],
        [(_e(o), str(int(n))) for o, n in summary.owners.items() if n],
        caption=_e(_t("by_owner", lang)), numeric=(False, True)))
    tables.append(_simple_table(
        [_t("sector", lang), _t("count", lang)],
        [("–" if s == "(none)" else _e(s), str(int(n))) for s, n in summary.sectors.items()],
        caption=_e(_t("by_sector", lang)), numeric=(False, True)))
    tables.append(_simple_table(
        [_t("level", lang), _t("count", lang)],
        [(_e(lv), str(int(n))) for lv, n in summary.levels.items()],
        caption=_e(_t("by_level", lang)), numeric=(False, True)))
    tables.append(_simple_table(
        [_t("kind", lang), _t("count", lang)],
        [(_e(k), str(int(n))) for k, n in summary.link_kinds.items() if n],
        caption=_e(_t("by_kind", lang)), numeric=(False, True)))
    flagged = sum(int(f["illustrative"].sum()) for f in (d.areas, d.actors, d.measures,
                                                          d.links, d.transitions, d.indicators))
    note = f'<p class="note">{_e(_t("illustrative", lang, n=flagged))}</p>' if flagged else ""
    return f'<div class="grid">{"".join(tables)}</div>{note}'


def _redact(message: str, numbers: Iterable[float]) -> str:
    """The message with each of ``numbers`` (as the message writes them) replaced by ":"."""
    for v in numbers:
        if np.isnan(v):
            continue
        text = _number(float(v))
        message = re.sub(rf"(?<![\d.,]){re.escape(text)}(?![\d]|[.,]\d)", ":", message)
    return message


def _gaps(gaps: Any, lang: str, top: int, threshold: float,
          hidden_routes: set[tuple[str, str]]) -> tuple[str, int]:
    """The gap section and how many gap messages had a count hidden."""
    frame = gaps.to_frame(lang=lang)
    if frame.empty:
        return f'<p id="no-gaps">{_e(_t("no_gaps", lang))}</p>', 0
    summary = gaps.summary().loc["kind"]
    order = [k for k in _KIND_LABELS if k in summary.index]
    order += [k for k in summary.index if k not in _KIND_LABELS]
    counts = _simple_table(
        [_t("kind", lang), _t("count", lang), _t("severity_sum", lang)],
        [(_e(_KIND_LABELS.get(k, {}).get(lang, k)), str(int(summary.loc[k, "gaps"])),
          f"{float(summary.loc[k, 'severity']):.2f}") for k in order],
        caption=_e(_t("gap_counts", lang)), numeric=(False, True, True), css="gap-counts")
    shown = frame.head(top)
    redacted = 0
    rows = []
    for rank, g in enumerate(shown.itertuples(index=False), start=1):
        message = str(g.message)
        if threshold > 0 and g.kind in _PEOPLE_VALUE_KINDS and len(g.actors) == 2:
            small = 0 < float(g.value) < threshold
            if small or (str(g.actors[0]), str(g.actors[1])) in hidden_routes:
                message = _redact(message, [float(g.value)])
                redacted += 1
        elif threshold > 0 and g.kind == "capacity_short" and 0 < float(g.expected) < threshold:
            message = _redact(message, [float(g.expected), float(g.expected) - float(g.value)])
            redacted += 1
        width = round(60 * float(g.severity))
        kind = _KIND_LABELS.get(str(g.kind), {}).get(lang, str(g.kind))
        rows.append((str(rank), f'<span class="bar" style="width:{width}px"></span>'
                                f"{float(g.severity):.2f}",
                     f'<span title="{_e(g.kind)}">{_e(kind)}</span>',
                     _e(g.area_name or ""), f'<span class="message">{_e(message)}</span>'))
    table = _simple_table(
        [_t("rank", lang), _t("severity", lang), _t("kind", lang), _t("area", lang),
         _t("message", lang)], rows,
        caption=_e(_t("gap_top", lang, n=len(shown), total=len(frame))),
        numeric=(True, True, False, False, False), css="gaps")
    table = table.replace('<table class="gaps">', '<table class="gaps" id="gap-table">', 1)
    method = f'<p class="note">{_e(_t("gaps_method", lang))}</p>'
    return counts + table + method, redacted


def _layout(n: int, edges: npt.NDArray[np.intp], seed: int = 7,
            iterations: int = 400) -> npt.NDArray[np.float64]:
    """Fruchterman–Reingold (1991) spring layout in the unit square, seeded: the same
    landscape always gives the same picture. A weak pull to the centre keeps components that
    are not connected to the rest (and isolated actors) in the frame."""
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    if n <= 1:
        return np.full((n, 2), 0.5)
    k = 2.0 / np.sqrt(n)
    temperature = 0.2
    # Each iteration costs n² pairs: keep a large landscape (thousands of actors) to seconds.
    iterations = int(min(iterations, max(40, 4e7 // (n * n))))
    for it in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        repulse = (k * k / dist**2)
        np.fill_diagonal(repulse, 0.0)
        disp = (delta * repulse[:, :, None]).sum(axis=1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-3)
            pull = d * (length / k)[:, None]
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= 0.08 * pos * np.sqrt((pos**2).sum(axis=1))[:, None] / k
        size = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        step = temperature * (1.0 - it / iterations) + 0.002
        pos += disp / size[:, None] * np.minimum(size, step)[:, None]
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    out: npt.NDArray[np.float64] = (pos - lo) / span
    return out


def _network(land: Landscape, d: _Data, lang: str) -> str:
    from samkart.analysis.network import network

    net = network(land)
    ids = list(d.actors["id"])
    index = {a: i for i, a in enumerate(ids)}
    # The network is directed (a referral has a direction); the picture draws each pair of
    # actors once, solid when any link between them is formal.
    merged: dict[tuple[int, int], bool] = {}
    edges_frame = net.edges()
    for s, t, formal in zip(edges_frame["source"], edges_frame["target"], edges_frame["formal"],
                            strict=True):
        i, j = sorted((index[s], index[t]))
        merged[(i, j)] = merged.get((i, j), False) or bool(formal)
    pairs = np.array(list(merged), dtype=np.intp).reshape(-1, 2)
    formal_flags = list(merged.values())
    pos = _layout(len(ids), pairs)
    degree = np.bincount(pairs.ravel(), minlength=len(ids)) if len(ids) else np.zeros(0)
    width, height, margin = 960, 700, 40
    xy = np.column_stack([margin + pos[:, 0] * (width - 2 * margin),
                          margin + pos[:, 1] * (height - 2 * margin)]) if len(ids) else pos
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" id="network" '
             f'viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_e(_t("network_figure", lang, n=len(ids), m=len(pairs)))}">']
    parts.append('<g class="edges" stroke="#8a8a8a" stroke-opacity="0.7">')
    for (i, j), formal in zip(pairs, formal_flags, strict=True):
        dash = "" if formal else ' stroke-dasharray="4 3"'
        w = 1.6 if formal else 1.0
        parts.append(f'<line x1="{xy[i, 0]:.1f}" y1="{xy[i, 1]:.1f}" x2="{xy[j, 0]:.1f}" '
                     f'y2="{xy[j, 1]:.1f}" stroke-width="{w}"{dash}/>')
    parts.append("</g><g class=\"actors\" stroke=\"#fff\" stroke-width=\"1\">")
    for i, (a, owner) in enumerate(zip(ids, d.actors["owner"], strict=True)):
        r = 4.0 + 1.6 * np.sqrt(degree[i])
        colour = _OWNER_COLOURS.get(str(owner), "#777777")
        title = f"{d.actor_name[a]} ({_label('owner', str(owner), lang)})"
        parts.append(f'<circle class="actor" data-id="{_e(a)}" cx="{xy[i, 0]:.1f}" '
                     f'cy="{xy[i, 1]:.1f}" r="{r:.1f}" fill="{colour}">'
                     f"<title>{_e(title)}</title></circle>")
    parts.append("</g><g class=\"labels\">")
    # Names only for the best-connected actors (a hundred labels would hide the picture),
    # and only where a label does not cover one already placed.
    placed: list[tuple[float, float, float, float]] = []
    for i in np.argsort(-degree, kind="stable")[: min(20, len(ids))]:
        if degree[i] == 0 or len(placed) >= 14:
            continue
        name = d.actor_name[ids[i]]
        short = name if len(name) <= 30 else name[:29] + "…"
        anchor = "start" if xy[i, 0] < width * 0.75 else "end"
        dx = 8 if anchor == "start" else -8
        x0 = xy[i, 0] + dx if anchor == "start" else xy[i, 0] + dx - 6.2 * len(short)
        box = (x0, xy[i, 1] - 8, x0 + 6.2 * len(short), xy[i, 1] + 6)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
               for b in placed):
            continue
        placed.append(box)
        parts.append(f'<text x="{xy[i, 0] + dx:.1f}" y="{xy[i, 1] + 4:.1f}" '
                     f'text-anchor="{anchor}" paint-order="stroke" stroke="#fff" '
                     f'stroke-width="3">{_e(short)}</text>')
    parts.append("</g></svg>")
    used = [o for o in _OWNER_COLOURS if o in set(d.actors["owner"])]
    legend = ['<div class="legend" id="network-legend">']
    for o in used:
        legend.append(f'<span><span class="swatch" style="background:{_OWNER_COLOURS[o]}">'
                      f"</span>{_e(_label('owner', o, lang))}</span>")
    legend.append('<span><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" '
                  'x2="28" y2="5" stroke="#8a8a8a" stroke-width="1.6"/></svg> '
                  f'{_e(_t("formal", lang))}</span>')
    legend.append('<span><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" '
                  'x2="28" y2="5" stroke="#8a8a8a" stroke-dasharray="4 3"/></svg> '
                  f'{_e(_t("informal", lang))}</span></div>')
    caption = _e(_t("network_figure", lang, n=len(ids), m=len(pairs)))
    return (f"<figure>{''.join(parts)}<figcaption>{caption}. "
            f"{_e(_t('network_note', lang))}</figcaption>{''.join(legend)}</figure>")


class _Suppressed:
    """The running count of hidden cells, for the footnote."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.primary = 0
        self.secondary = 0

    def apply(self, table: pd.DataFrame, totals: Any = None) -> tuple[pd.DataFrame,
                                                                        pd.DataFrame]:
        if self.threshold <= 0:
            return table, pd.DataFrame(False, index=table.index, columns=table.columns)
        out = suppress(table, self.threshold, totals=totals)
        self.primary += int(out.attrs["primary"])
        self.secondary += int(out.attrs["secondary"])
        mask: pd.DataFrame = out.attrs["suppressed"]
        return out, mask


def _level_labels(lang: str) -> list[str]:
    return [f"{lv} {Level(lv).label(lang)}" for lv in range(1, 5)]


def _level_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Levels 1–4 as the rows of ``frame`` (a table of the analyses), labelled in ``lang``."""
    out = frame.loc[[1, 2, 3, 4]].copy()
    out.index = pd.Index(_level_labels(lang))
    return out


def _coverage(d: _Data, lang: str, hide: _Suppressed) -> str:
    areas = d.municipalities or list(d.areas["id"])
    # Measures covering each municipality: samkart.coverage, a county-wide measure counting in
    # each municipality below it (inherit).
    table = coverage(d.land, "level", "area", "measures", inherit=True)
    frame = _level_rows(table.reindex(columns=areas, fill_value=0.0), lang)
    frame.columns = pd.Index([d.area_name[a] for a in areas])
    parts = [_heatmap(frame, _t("coverage_measures", lang), _t("level", lang))]
    # Participants are people: by the areas measures name (no inheritance), each measure once
    # in the total; then suppressed.
    if d.measures["participants"].isna().all():
        parts.append(f'<p class="note">{_e(_t("no_participants", lang))}</p>')
        return "".join(parts)
    people = coverage(d.land, "level", "area", "participants", totals=True, inherit=False)
    total = _t("total", lang)
    shown_areas = [a for a in areas if a in people.columns
                   and np.nansum(people.loc[[1, 2, 3, 4], a].to_numpy(dtype=float)) > 0]
    cells = people.loc[[1, 2, 3, 4, "total"], [*shown_areas, "total"]].fillna(0.0)
    # The areas shown and the rest ("several areas": county-wide measures, measures of other
    # areas) add up to the total when no measure counts in two of the shown areas; only then
    # can the reader's sums be protected against, so only then the totals are passed on.
    rest = cells["total"] - cells[shown_areas].sum(axis=1)
    additive = bool((rest >= -1e-9).all())
    if additive and bool((rest > 1e-9).any()):
        cells.insert(len(shown_areas), "several", rest)
    labels = [d.area_name.get(a, a) for a in shown_areas]
    labels += [_t("several", lang)] if "several" in cells.columns else []
    shown, mask = hide.apply(cells, totals=("total", "total") if additive else None)
    index = pd.Index([*_level_labels(lang), total])
    columns = pd.Index([*labels, total])
    shown.index, mask.index = index, index
    shown.columns, mask.columns = columns, columns
    parts.append(_heatmap(shown, _t("coverage_participants", lang), _t("level", lang),
                          mask=mask, vertical=False))
    return "".join(parts)


def _ages(d: _Data, lang: str) -> str:
    frame = _level_rows(age_coverage(d.land, ages=(0, 29)), lang)
    return _heatmap(frame, _t("ages_caption", lang), f"{_t('level', lang)} \\ "
                    f"{_t('age', lang)}", css="heat ages", vertical=False)


def _handovers(d: _Data, lang: str, hide: _Suppressed) -> tuple[str, set[tuple[str, str]]]:
    """The routes table (source × target matrix with totals, suppressed as one table) and the
    routes whose volume is hidden."""
    tr = d.transitions
    if tr.empty:
        return f'<p class="note">{_e(_t("no_transitions", lang))}</p>', set()
    # One route per (source, target): volumes summed over reasons and ages; NaN when no
    # transition of the route gives a volume.
    routes: dict[tuple[str, str], float] = {}
    for s, t, v in zip(tr["source"], tr["target"], tr["volume"], strict=True):
        key = (str(s), str(t))
        old = routes.get(key, np.nan)
        routes[key] = old if pd.isna(v) else float(np.nan_to_num(old)) + float(v)
    sources = list(dict.fromkeys(tr["source"]))
    targets = list(dict.fromkeys(tr["target"]))
    total = "\x00total"
    matrix = pd.DataFrame(0.0, index=[*sources, total], columns=[*targets, total])
    for (s, t), v in routes.items():
        matrix.loc[s, t] = 0.0 if np.isnan(v) else v
    matrix.loc[sources, total] = matrix.loc[sources, targets].sum(axis=1)
    matrix.loc[total, :] = matrix.loc[sources, :].sum(axis=0)
    shown, mask = hide.apply(matrix, totals=total)
    hidden = {(s, t) for s, t in routes if bool(mask.loc[s, t])}
    rows = []
    for (s, t), v in sorted(routes.items(), key=lambda kv: (-np.nan_to_num(kv[1]), kv[0])):
        if bool(mask.loc[s, t]):
            cell = '<span class="suppressed">:</span>'
        elif np.isnan(v):
            cell = _e(_t("unknown_volume", lang))
        else:
            cell = _number(v)
        rows.append((_e(d.actor_name.get(s, s)), _e(d.actor_name.get(t, t)), cell))
    grand = shown.loc[total, total]
    rows.append((f"<b>{_e(_t('total', lang))}</b>", "",
                 '<span class="suppressed">:</span>' if bool(mask.loc[total, total])
                 else _number(float(str(grand)))))
    table = _simple_table([_t("source", lang), _t("target", lang), _t("volume", lang)], rows,
                          numeric=(False, False, True), css="handovers")
    return table, hidden


def _counts_people(ind: pd.DataFrame) -> list[bool]:
    """Which indicators count people, for suppression: those whose ``count`` says flow or
    stock, and, erring on the side of hiding, those without ``count`` whose key does not say
    share, rate, ratio, percent or per_ and whose value is whole."""
    words = ("share", "rate", "ratio", "percent", "per_")
    guess = [not any(w in str(k) for w in words) and float(v).is_integer()
             for k, v in zip(ind["key"], ind["value"], strict=True)]
    if "count" not in ind.columns:
        return guess
    return [not pd.isna(c) or g for c, g in zip(ind["count"], guess, strict=True)]


def _indicators(d: _Data, lang: str, hide: _Suppressed) -> str:
    ind = d.indicators
    if ind.empty:
        return f'<p class="note">{_e(_t("no_indicators", lang))}</p>'
    year = ind["year"].fillna(-1)
    latest = ind.assign(_y=year).sort_values("_y").groupby(["area", "key"], sort=False).tail(1)
    people = _counts_people(latest)
    counts = latest[people]
    hidden: set[tuple[str, str]] = set()
    if not counts.empty:
        table = counts.pivot_table(index="area", columns="key", values="value", aggfunc="sum",
                                   fill_value=0.0, sort=False)
        _, mask = hide.apply(table)
        hidden = {(str(a), str(k)) for a in mask.index for k in mask.columns
                  if bool(mask.loc[a, k])}
    rows = []
    for r, is_people in zip(latest.itertuples(index=False), people, strict=True):
        if (str(r.area), str(r.key)) in hidden:
            value = '<span class="suppressed">:</span>'
        elif is_people:
            value = _number(float(r.value))
        else:
            value = f"{float(r.value):.3g}"
        yr = "" if pd.isna(r.year) else str(int(r.year))
        rows.append((_e(d.area_name.get(r.area, r.area)), f"<code>{_e(r.key)}</code>", value,
                     yr))
    return _simple_table([_t("area", lang), _t("indicator", lang), _t("value", lang),
                          _t("year", lang)], rows, numeric=(False, False, True, True),
                         css="indicators")


def _roles(d: _Data, lang: str) -> str:
    cells = role_map(d.land, lang=lang).measures
    owner = dict(zip(d.actors["id"], d.actors["owner"], strict=True))
    rows = []
    for a, levels in cells.iterrows():
        if not any(len(levels[lv]) for lv in (1, 2, 3, 4)):
            continue
        colour = _OWNER_COLOURS.get(str(owner.get(a)), "#777")
        who = (f'<span class="swatch" style="background:{colour}"></span>'
               f"{_e(d.actor_name.get(str(a), a))}")
        rows.append((who, *("<br>".join(_e(d.measure_name.get(m, m)) for m in levels[lv])
                            for lv in (1, 2, 3, 4))))
    table = _simple_table([_t("actor", lang), *(_e(x) for x in _level_labels(lang))], rows,
                          css="roles")
    left = len(d.actors) - len(rows)
    note = f'<p class="note">{_e(_t("roles_note", lang, n=left))}</p>' if left else ""
    return table + note


# --- what changed since a baseline --------------------------------------------------------

_LINK_KEY = re.compile(r"^(?P<a>.+) (?P<arrow>[–→]) (?P<b>.+) \((?P<kind>[a-z_]+)\)(?P<n> #\d+)?$")


def _signed(value: float) -> str:
    """A change as people read it: ``+2``, ``−1`` (a minus sign), blank for none."""
    if value == 0 or np.isnan(value):
        return ""
    return ("+" if value > 0 else "\u2212") + _number(abs(float(value)))


def _period_name(name: str, year: int | None) -> str:
    if name and year is not None:
        return f"{name} ({year})"
    return name or (str(year) if year is not None else "?")


def _link_text(key: str, names: dict[str, str], lang: str) -> str:
    """A link of :class:`samkart.LandscapeDiff` (``"a – b (kind)"``) with the actors' names and
    the kind's label."""
    m = _LINK_KEY.match(key)
    if m is None:
        return key
    a, b = names.get(m["a"], m["a"]), names.get(m["b"], m["b"])
    return f"{a} {m['arrow']} {b} ({_label('link_kind', m['kind'], lang)})"


def _changes(change: Any, before: Landscape, d: _Data, lang: str) -> str:
    """The section "What changed since …": what :func:`samkart.diff` found, in words and small
    tables. None of its figures counts young people (records, measures, gaps, links), so none
    is suppressed."""
    since = _period_name(change.before_name, change.before_year)
    if change.empty:
        return f'<p id="changes-lead">{_e(_t("changes_none", lang, before=since))}</p>'
    counts = change.counts()
    totals = counts.sum()
    lead = _t("changes_lead", lang, before=since, added=int(totals["added"]),
              removed=int(totals["removed"]), changed=int(totals["changed"]))
    parts = [f'<p id="changes-lead">{_e(lead)}</p>']
    label = {**{c: _t(c, lang) for c in ("areas", "actors", "measures", "links", "transitions")},
             "indicators": _t("indicators_records", lang)}
    rows = [(_e(label.get(str(c), str(c))), *(str(int(r[k])) for k in ("added", "removed",
                                                                        "changed")))
            for c, r in counts.iterrows() if int(r.sum())]
    parts.append(_simple_table(
        [_t("what", lang), _t("added", lang), _t("removed", lang), _t("changed", lang)], rows,
        caption=_e(_t("changes_records", lang)), numeric=(False, True, True, True),
        css="changes-records"))

    # coverage: measures by area × level (diff's coverage), the municipalities that changed
    cov = change.coverage_change
    names = {**dict(zip(before.to_frames()["areas"]["id"], before.to_frames()["areas"]["name"],
                        strict=True)), **d.area_name}
    kinds = {**dict(zip(before.to_frames()["areas"]["id"], before.to_frames()["areas"]["kind"],
                        strict=True)),
             **dict(zip(d.areas["id"], d.areas["kind"], strict=True))}
    municipal = [a for a in cov.index if kinds.get(a) == "municipality"] or list(cov.index)
    moved = [a for a in municipal if cov.loc[a].to_numpy().any()]
    if moved:
        levels = [lv for lv in range(1, 5) if lv in cov.columns]
        level_names = dict(zip(range(1, 5), _level_labels(lang), strict=True))
        rows = [(_e(level_names[lv]), *(_signed(float(cov.loc[a, lv])) for a in moved))
                for lv in levels]
        parts.append(_simple_table(
            [_t("level", lang), *(_e(names.get(a, a)) for a in moved)], rows,
            caption=_e(_t("changes_coverage", lang)),
            numeric=(False, *([True] * len(moved))), css="changes-coverage"))
    else:
        parts.append(f'<p class="note">{_e(_t("changes_coverage_none", lang))}</p>')

    # gaps opened and closed, by kind
    g = change.gaps
    opened = pd.Series([str(x.kind) for x in g.opened], dtype=object).value_counts()
    closed = pd.Series([str(x.kind) for x in g.closed], dtype=object).value_counts()
    present = set(opened.index) | set(closed.index)
    order = [k for k in _KIND_LABELS if k in present] + sorted(present - set(_KIND_LABELS))
    text = _t("changes_gaps_text", lang, after=g.gaps_after, before=g.gaps_before,
              opened=len(g.opened), closed=len(g.closed), sev_after=f"{g.severity_after:.2f}",
              sev_before=f"{g.severity_before:.2f}")
    parts.append(f'<p id="changes-gaps-text">{_e(text)}</p>')
    if order:
        parts.append(_simple_table(
            [_t("kind", lang), _t("opened", lang), _t("closed", lang)],
            [(_e(_KIND_LABELS.get(k, {}).get(lang, k)), str(int(opened.get(k, 0))),
              str(int(closed.get(k, 0)))) for k in order],
            caption=_e(_t("changes_gaps", lang)), numeric=(False, True, True),
            css="changes-gaps"))

    # the network
    net = change.network
    actor_names = {**dict(zip(before.to_frames()["actors"]["id"],
                              before.to_frames()["actors"]["name"], strict=True)),
                   **d.actor_name}
    text = _t("changes_network_text", lang, links=int(net.loc["links", "after"]),
              links_before=int(net.loc["links", "before"]),
              d_after=f'{float(net.loc["density", "after"]):.3f}',
              d_before=f'{float(net.loc["density", "before"]):.3f}',
              new=len(change.links_added), ended=len(change.links_ended))
    parts.append(f'<p id="changes-network-text">{_e(text)}</p>')
    for key, css, links in (("links_new", "links-new", change.links_added),
                            ("links_ended", "links-ended", change.links_ended)):
        if links:
            items = "".join(f"<li>{_e(_link_text(k, actor_names, lang))}</li>" for k in links)
            parts.append(f'<h3>{_e(_t(key, lang))}</h3><ul class="{css}">{items}</ul>')
    return "".join(parts)


# --- the document --------------------------------------------------------------------------


def render(land: Landscape, lang: str = "nb", gaps: Any = None, *, suppress_below: float = 5,
           top: int = 25, baseline: Landscape | None = None) -> str:
    """The report as an HTML string (what :func:`report` writes)."""
    _check_lang(lang)
    change = None
    if baseline is not None:
        from samkart.analysis.diff import diff

        change = diff(baseline, land)
    if not suppress_below >= 0:
        msg = f"report: suppress_below must be ≥ 0, got {suppress_below}"
        raise ArgumentError(msg)
    if top < 0:
        msg = f"report: top must be ≥ 0, got {top}"
        raise ArgumentError(msg)
    if gaps is None:
        from samkart.analysis.gaps import find_gaps

        gaps = find_gaps(land)
    d = _Data(land)
    hide = _Suppressed(float(suppress_below))
    handovers, hidden_routes = _handovers(d, lang, hide)
    coverage = _coverage(d, lang, hide)
    indicators = _indicators(d, lang, hide)
    gap_html, redacted = _gaps(gaps, lang, top, float(suppress_below), hidden_routes)
    body = {
        "summary": _summary(d, lang),
        "gaps": gap_html,
        "network": _network(land, d, lang),
        "coverage": coverage,
        "ages": _ages(d, lang),
        "handovers": handovers,
        "indicators": indicators,
        "roles": _roles(d, lang),
    }
    shown: tuple[str, ...] = _SECTIONS
    if change is not None and baseline is not None:
        body["changes"] = _changes(change, baseline, d, lang)
        shown = ("summary", "changes", *_SECTIONS[1:])
    title = f"{_t('title', lang)}: {land.name}" if land.name else _t("title", lang)
    toc = "".join(f'<li><a href="#{s}">{_e(_t(s, lang))}</a></li>' for s in shown)
    sections = "".join(f'<section id="{s}"><h2>{_e(_t(s, lang))}</h2>{body[s]}</section>'
                       for s in shown)
    if suppress_below > 0:
        note = _t("suppressed_note", lang, t=_number(float(suppress_below)),
                  p=hide.primary + redacted, s=hide.secondary)
    else:
        note = _t("not_suppressed_note", lang)
    generated = _t("generated", lang, version=_core.__version__,
                   date=_dt.date.today().isoformat())
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(title)}</h1><p class="meta">{_e(generated)}</p></header>\n'
        f'<nav><h2>{_e(_t("contents", lang))}</h2><ol>{toc}</ol></nav>\n{sections}\n'
        f'<footer><p class="note" id="suppression-note">{_e(note)}</p></footer>\n'
        "</body>\n</html>\n"
    )


def report(land: Landscape, path: str | PathLike[str], lang: str = "nb", gaps: Any = None, *,
           suppress_below: float = 5, top: int = 25, baseline: Landscape | None = None) -> Path:
    """Write one self-contained HTML report of a landscape.

    Sections: overview (counts by level, owner, sector; links by kind), the gaps (a count per
    kind and the ``top`` most severe with their messages), the collaboration network (inline
    SVG, actors coloured by owner, with a legend), coverage heatmaps (measures by level ×
    municipality; participants by level × area), age bands (level × age 0–29), the
    hand-overs, the indicators and the role map (actor × level with the measure names).

    Args:
        land: the landscape.
        path: the file to write; replaced atomically.
        lang: ``"nb"``, ``"da"`` or ``"en"``: every heading, label and gap message.
        gaps: a :class:`samkart.GapReport` (default: ``find_gaps(land)``).
        suppress_below: counts of young people under this are hidden with their
            complements (:func:`samkart.privacy.suppress`), shown as ":"; 0 shows all.
        top: how many gaps to list.
        baseline: an earlier mapping of the same place. The report then has a section "What
            changed since the last mapping" after the overview, built from
            :func:`samkart.diff` ``(baseline, land)``: records added, removed and changed
            (counts per collection), the change in measures by level and municipality, the
            gaps opened and closed (by kind, with the total severity), and the network's links
            and density with the new and ended links. Without it the report is as before.

    Returns:
        The path written.

    Raises:
        ArgumentError: an unknown language, a negative ``suppress_below`` or ``top``; a
            ``baseline`` in another currency or from a later year (:func:`samkart.diff`).
        OSError: the file cannot be written (an existing file is left as it was).
    """
    text = render(land, lang, gaps, suppress_below=suppress_below, top=top, baseline=baseline)
    return write_atomic(path, lambda f: f.write(text))
