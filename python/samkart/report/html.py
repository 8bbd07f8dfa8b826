"""The report: one self-contained HTML file a municipal council can read and print.

``report(land, "kart.html", lang="nb")`` writes, in this order: the key figures (the
indicators that matter, as numbers with year, unit and source, ``samkart.indicators``); the
four prevention levels explained (seed 002 §1.1) with the prevention paradox; the findings
of :meth:`samkart.GapReport.findings` grouped by cause, each with its municipalities, actors,
young people affected and an "illustrative" mark naming the records it rests on; maps of the
municipalities with a table beside each; the role map and the coverage tables with the
suppression marks explained; the collaboration network; an appendix of what is not mapped,
the data gaps, every illustrative record and every indicator; the method in plain words; and,
with ``baseline=``, what changed since an earlier mapping. ``area="3807"`` writes one
municipality's report with the county-wide actors that serve it, compared with the county;
:func:`write_area_reports` writes one per municipality and an index page.

Nothing is fetched when the file is opened: the CSS and the figures are inline, there are no
scripts, fonts or images from elsewhere. Every table and figure comes from the library's
analyses (:func:`samkart.coverage`, :func:`samkart.age_coverage`, :func:`samkart.role_map`,
:func:`samkart.compare_areas`, :func:`samkart.find_gaps`, :func:`samkart.network`); the
report adds no counting rule of its own.

Counts of young people (hand-over volumes, participants, indicator counts, the young people a
finding concerns) pass through :func:`samkart.privacy.suppress` first: cells under
``suppress_below`` (5) and their complements are shown as ":" with a footnote;
``suppress_below=0`` shows every count. The file is written atomically
(:func:`samkart._util.write_atomic`).
"""

from __future__ import annotations

import datetime as _dt
import re
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from samkart import _core
from samkart._core import Landscape
from samkart._util import did_you_mean, write_atomic
from samkart.analysis.mapping import age_coverage, coverage, role_map
from samkart.errors import ArgumentError
from samkart.report import _appendix, _findings, _keyfigures, _mapsection
from samkart.report._common import LANGUAGES, check_lang, heatmap, number, simple_table
from samkart.report._common import Data as _Data
from samkart.report._common import Suppressed as _Suppressed
from samkart.report._common import e as _e
from samkart.report._common import label as _label
from samkart.report._common import level_labels as _level_labels
from samkart.report._common import level_rows as _level_rows
from samkart.report._network_svg import OWNER_COLOURS
from samkart.report._text import KIND_LABELS as _KIND_LABELS
from samkart.report._text import t as _t

__all__ = ["LANGUAGES", "render", "report"]

# The names the sections below (and the network picture) were written with.
_PEOPLE_VALUE_KINDS = _findings.PEOPLE_VALUE_KINDS
_redact = _findings.redact


def _number(value: float, lang: str = "en") -> str:
    return number(value, lang)


def _simple_table(head: Any, rows: Any, caption: str = "", numeric: Any = (),
                  css: str = "") -> str:
    return simple_table(head, rows, caption, numeric, css)


def _heatmap(frame: pd.DataFrame, caption: str, row_head: str, css: str = "heat",
             mask: pd.DataFrame | None = None, vertical: bool = True, lang: str = "en") -> str:
    return heatmap(frame, caption, row_head, css, mask, vertical, lang)


# The owners' colours of the network picture, also on the role map's swatches.
_OWNER_COLOURS = OWNER_COLOURS

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
.lead { font-size: 1.02rem; max-width: 60rem; }
.scroll { overflow-x: auto; max-width: 100%; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
         gap: 0.8rem; margin: 0.8rem 0; }
.kf { border: 1px solid var(--rule); border-top: 4px solid var(--accent); padding: 0.6rem 0.8rem;
      background: #fff; break-inside: avoid; }
.kf-value { font-size: 2rem; font-weight: 700; color: var(--accent); line-height: 1.1; }
.kf-label { font-weight: 600; margin: 0.2rem 0; }
.kf p { margin: 0.25rem 0; }
.kf-desc, .range, .compare { font-size: 0.9rem; }
.kf-meta, .kf-src, .src { color: var(--muted); font-size: 0.8rem; }
ul.parts { margin: 0.2rem 0 0.3rem; padding-left: 1.1rem; font-size: 0.9rem; }
.of-these { font-size: 0.85rem; color: var(--muted); }
ol.levels { list-style: none; padding: 0; display: grid; gap: 0.6rem;
            grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
li.level { border-left: 6px solid var(--accent); padding: 0.3rem 0.7rem; background: #f6f8fb;
           break-inside: avoid; }
li.level-1 { border-color: #c6dbef; } li.level-2 { border-color: #6baed6; }
li.level-3 { border-color: #2171b5; } li.level-4 { border-color: #08306b; }
.level-head { display: flex; justify-content: space-between; gap: 0.5rem; }
.level-n { color: var(--muted); white-space: nowrap; }
li.level p { margin: 0.3rem 0 0; font-size: 0.92rem; }
.paradox { border-left: 3px solid #E69F00; padding-left: 0.7rem; max-width: 60rem; }
article.finding { border: 1px solid var(--rule); border-radius: 4px; padding: 0.5rem 0.8rem;
                  margin: 0.6rem 0; break-inside: avoid; max-width: 62rem; }
article.finding h4 { margin: 0 0 0.3rem; }
article.finding p { margin: 0.3rem 0; }
article.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem;
                     margin: 0.3rem 0; font-size: 0.9rem; }
article.finding dt { font-weight: 600; color: var(--muted); }
article.finding dd { margin: 0; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 0.05rem 0.45rem;
         border: 1px solid #b35900; color: #b35900; border-radius: 3px; vertical-align: 0.1em; }
.rests-on { font-size: 0.85rem; color: #7a3d00; }
figure.map { margin: 1rem 0; }
.map-grid { display: grid; grid-template-columns: minmax(0, 480px) minmax(0, 1fr); gap: 1rem;
            align-items: start; }
.map-svg svg { width: 100%; height: auto; }
table.map-table td, table.map-table th { padding: 0.1rem 0.4rem; }
.area-lead { font-size: 1.02rem; }
@media (max-width: 700px) {
  body { padding: 0.8rem; }
  .map-grid { grid-template-columns: minmax(0, 1fr); }
  nav ol { columns: 1; }
  table.gaps td:last-child { min-width: 0; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  section.major { break-before: page; }
  section#keyfigures, section#levels { break-before: auto; }
  .scroll { overflow: visible; }
  .map-grid { grid-template-columns: 1fr 1fr; }
  .kf, li.level, article.finding, figure.map { break-inside: avoid; }
  table, figure { break-inside: avoid; }
  table.gaps, table.roles { break-inside: auto; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

#: The sections, in order; ``changes`` is added at the end with a baseline.
_SECTIONS = ("keyfigures", "levels", "findings", "maps", "roles", "network", "appendix",
             "method")
_HEADINGS = {"keyfigures": "keyfigures", "levels": "levels", "findings": "findings",
             "maps": "maps", "roles": "roles_coverage", "network": "network",
             "appendix": "appendix", "method": "method", "changes": "changes"}


def _check_lang(lang: str) -> None:
    check_lang(lang)


def _network(land: Landscape, d: _Data, lang: str) -> str:
    """The network picture: actors on a ring grouped by sector, units merged into their
    organisation, cut-points and brokers named (:func:`samkart.report._network_svg.network_svg`).
    """
    from samkart.report._network_svg import network_svg

    return network_svg(land, lang)




def _coverage(d: _Data, lang: str, hide: _Suppressed) -> str:
    areas = d.municipalities or list(d.areas["id"])
    if d.area is not None:
        areas = [d.area]
    # Measures covering each municipality: samkart.coverage, a county-wide measure counting in
    # each municipality below it (inherit).
    table = coverage(d.land, "level", "area", "measures", inherit=True)
    frame = _level_rows(table.reindex(columns=areas, fill_value=0.0), lang)
    frame.columns = pd.Index([d.area_name[a] for a in areas])
    parts = [_heatmap(frame, _t("coverage_measures", lang), _t("level", lang), lang=lang)]
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
                          mask=mask, vertical=False, lang=lang))
    return "".join(parts)


def _ages(d: _Data, lang: str) -> str:
    frame = _level_rows(age_coverage(d.land, ages=(0, 29), area=d.area), lang)
    return _heatmap(frame, _t("ages_caption", lang), f"{_t('level', lang)} \\ "
                    f"{_t('age', lang)}", css="heat ages", vertical=False)


def _handovers(d: _Data, lang: str, hide: _Suppressed) -> tuple[str, set[tuple[str, str]]]:
    """The routes table (source × target matrix with totals, suppressed as one table) and the
    routes whose volume is hidden."""
    tr = d.transitions
    if d.area is not None and not tr.empty:
        keep = [d.own(str(s)) or d.own(str(t_)) for s, t_ in zip(tr["source"], tr["target"],
                                                                 strict=True)]
        tr = tr[keep]
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
            cell = _number(v, lang)
        rows.append((_e(d.actor_name.get(s, s)), _e(d.actor_name.get(t, t)), cell))
    grand = shown.loc[total, total]
    rows.append((f"<b>{_e(_t('handovers_total', lang))}</b>", "",
                 '<span class="suppressed">:</span>' if bool(mask.loc[total, total])
                 else _number(float(str(grand)), lang)))
    table = _simple_table([_t("source", lang), _t("target", lang), _t("volume", lang)], rows,
                          numeric=(False, False, True), css="handovers")
    return table, hidden




def _roles(d: _Data, lang: str) -> str:
    cells = role_map(d.land, area=d.area, lang=lang).measures
    owner = dict(zip(d.actors["id"], d.actors["owner"], strict=True))
    rows = []
    for a, levels in cells.iterrows():
        if not any(len(levels[lv]) for lv in (1, 2, 3, 4)) or not d.serves(str(a)):
            continue
        colour = _OWNER_COLOURS.get(str(owner.get(a)), "#777")
        who = (f'<span class="swatch" style="background:{colour}"></span>'
               f"{_e(d.actor_name.get(str(a), a))}")
        rows.append((who, *("<br>".join(_e(d.measure_name.get(m, m)) for m in levels[lv])
                            for lv in (1, 2, 3, 4))))
    table = _simple_table([_t("actor", lang), *(_e(x) for x in _level_labels(lang))], rows,
                          css="roles")
    left = sum(d.serves(str(a)) for a in d.actors["id"]) - len(rows)
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




# --- one municipality compared with the county -----------------------------------------------


def _compare(d: _Data, lang: str) -> str:
    """The area's measures per level (county-wide ones included) beside the median, lowest and
    highest of the municipalities of the county (:func:`samkart.compare_areas` with inherit);
    per 1,000 young people where every municipality's population is known."""
    from samkart.analysis.mapping import compare_areas

    if d.area is None or d.kind.get(d.area) != "municipality":
        return ""
    table = compare_areas(d.land, "municipality", indicators=[], inherit=True)
    peers = [a for a in table.index if d.parent.get(str(a)) == d.parent.get(d.area)]
    table = table.loc[peers]
    per_1000 = bool(table["population"].notna().all())
    suffix = "_per_1000" if per_1000 else ""
    rows = []
    for lv, col in enumerate(("universal", "early", "targeted", "intensive", "total"), start=1):
        values = table[f"{col}{suffix}"].astype(float)
        here = float(values.loc[d.area])
        name = _level_labels(lang)[lv - 1] if lv <= 4 else _t("total", lang)
        rows.append((_e(name), _number(round(here, 1), lang),
                     _number(round(float(values.median()), 1), lang),
                     f"{_number(round(float(values.min()), 1), lang)}–"
                     f"{_number(round(float(values.max()), 1), lang)}"))
    head = [_t("level", lang), _e(d.area_name[d.area]), _t("median", lang),
            _t("lowest_highest", lang)]
    title = _t("compare_h", lang, area=d.area_name[d.area], parent=d.parent_name)
    return (f'<h3 id="compare">{_e(title)}</h3>'
            + _simple_table(head, rows, caption=_e(_t("compare_caption", lang)),
                            numeric=(False, True, True, True), css="compare"))


def _check_area(land: Landscape, area: str | None) -> None:
    if area is None:
        return
    ids = [a.id for a in land.areas]
    if area in ids:
        return
    names = {a.name: a.id for a in land.areas}
    guess = did_you_mean(area, [*ids, *names])
    hint = ""
    if guess is not None:
        hint = f"; did you mean {names.get(guess, guess)!r}" + (
            f" ({guess})" if guess in names else "") + "?"
    msg = f"report: unknown area {area!r}{hint}"
    raise ArgumentError(msg)


# --- the document --------------------------------------------------------------------------


def render(land: Landscape, lang: str = "nb", gaps: Any = None, *, suppress_below: float = 5,
           top: int = 25, baseline: Landscape | None = None, area: str | None = None) -> str:
    """The report as an HTML string (what :func:`report` writes)."""
    _check_lang(lang)
    _check_area(land, area)
    if not suppress_below >= 0:
        msg = f"report: suppress_below must be ≥ 0, got {suppress_below}"
        raise ArgumentError(msg)
    if top < 0:
        msg = f"report: top must be ≥ 0, got {top}"
        raise ArgumentError(msg)
    change = None
    if baseline is not None:
        from samkart.analysis.diff import diff

        change = diff(baseline, land)
    if gaps is None:
        from samkart.analysis.gaps import find_gaps

        gaps = find_gaps(land)
    d = _Data(land, area)
    hide = _Suppressed(float(suppress_below))
    handovers, hidden_routes = _handovers(d, lang, hide)
    coverage_html = _coverage(d, lang, hide)
    keyfigures = _keyfigures.key_figures(d, lang, hide)
    cards, n_service, redacted = _findings.finding_cards(gaps, d, lang, hide, hidden_routes,
                                                         "service")
    appendix, redacted_data = _appendix.appendix(gaps, d, lang, hide, hidden_routes)
    n_data = sum(1 for f in gaps.findings() if f.category == "data"
                 and _findings.relevant(f, list(gaps), d))
    # No service finding: say so plainly, and that it holds only where the services were
    # mapped (not "0 findings, grouped by cause").
    lead = (_t("findings_lead", lang, service=n_service, data=n_data) if n_service
            else _t("findings_lead_none", lang, data=n_data))
    if len(gaps) == 0:
        findings = f'<p id="no-gaps">{_e(_t("no_findings", lang))}</p>'
    else:
        findings = (f'<p class="lead" id="findings-lead">{_e(lead)}</p>{cards}'
                    f'<p class="note">{_e(_t("data_findings_note", lang))}</p>')
    if suppress_below > 0:
        note = _t("suppressed_note", lang, t=_number(float(suppress_below), lang),
                  p=hide.primary + redacted + redacted_data, s=hide.secondary)
    else:
        note = _t("not_suppressed_note", lang)
    roles = (f'<p class="lead">{_e(_t("roles_lead", lang))}</p>{_compare(d, lang)}'
             f'<h3>{_e(_t("roles", lang))}</h3>{_roles(d, lang)}'
             f'<h3>{_e(_t("coverage", lang))}</h3>{coverage_html}'
             f'<h3>{_e(_t("ages", lang))}</h3>{_ages(d, lang)}'
             f'<h3>{_e(_t("handovers", lang))}</h3>{handovers}'
             f'<h3>{_e(_t("suppression_h", lang))}</h3>'
             f'<p class="note suppression-explained">{_e(note)}</p>')
    body = {
        "keyfigures": keyfigures,
        "levels": _appendix.levels(d, lang),
        "findings": findings,
        "maps": _mapsection.maps(gaps, d, lang),
        "roles": roles,
        "network": _network(land, d, lang),
        "appendix": appendix,
        "method": _appendix.method(d, lang, float(suppress_below)),
    }
    shown: tuple[str, ...] = _SECTIONS
    if change is not None and baseline is not None:
        body["changes"] = _changes(change, baseline, d, lang)
        shown = (*_SECTIONS, "changes")
    if area is not None:
        title = _t("title_area", lang, area=d.area_name[area])
    else:
        title = f"{_t('title', lang)}: {land.name}" if land.name else _t("title", lang)
    toc = "".join(f'<li><a href="#{s}">{_e(_t(_HEADINGS[s], lang))}</a></li>' for s in shown)
    major = {"findings", "maps", "roles", "network", "appendix", "method", "changes"}
    sections = "".join(
        f'<section id="{s}"{" class=major" if s in major else ""}>'
        f"<h2>{_e(_t(_HEADINGS[s], lang))}</h2>{body[s]}</section>" for s in shown)
    generated = _t("generated", lang, version=_core.__version__,
                   date=_dt.date.today().isoformat())
    area_lead = ""
    if area is not None:
        area_lead = (f'<p class="area-lead" id="area-lead">'
                     f'{_e(_t("area_lead", lang, area=d.area_name[area], parent=d.parent_name))}'
                     "</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(title)}</h1><p class="meta">{_e(generated)}</p>{area_lead}</header>\n'
        f'<nav><h2>{_e(_t("contents", lang))}</h2><ol>{toc}</ol></nav>\n{sections}\n'
        f'<footer><p class="note" id="suppression-note">{_e(note)}</p></footer>\n'
        "</body>\n</html>\n"
    )


def report(land: Landscape, path: str | PathLike[str], lang: str = "nb", gaps: Any = None, *,
           suppress_below: float = 5, top: int = 25, baseline: Landscape | None = None,
           area: str | None = None) -> Path:
    """Write one self-contained HTML report of a landscape, for a municipal council.

    Sections, in order: key figures (the headline indicators with year, unit and source; parts
    of a figure under it, never added to it); the four prevention levels (002 §1.1) with the
    number of measures at each and the prevention paradox; the service findings grouped by
    cause (municipalities, actors, young people affected, an "illustrative" mark naming the
    records); maps of the municipalities (findings, measures, an indicator) with tables; the
    role map, coverage heatmaps, age bands and hand-overs, with the suppression marks
    explained; the collaboration network; an appendix (what was mapped where, the data gaps,
    every illustrative record, every indicator); the method; and with ``baseline`` what
    changed since then.

    Args:
        land: the landscape.
        path: the file to write; replaced atomically.
        lang: ``"nb"``, ``"da"`` or ``"en"``: every heading, label, indicator and message.
        gaps: a :class:`samkart.GapReport` (default: ``find_gaps(land)``).
        suppress_below: counts of young people under this are hidden with their
            complements (:func:`samkart.privacy.suppress`), shown as ":"; 0 shows all.
        top: kept for compatibility; every finding is shown (findings are few: 16 in
            Vestfold og Telemark for 58 gaps).
        baseline: an earlier mapping of the same place; the report then ends with "What
            changed since the last mapping" (:func:`samkart.diff` ``(baseline, land)``).
        area: the id of one area (a municipality): its report, with its own actors and the
            county-wide and state actors that serve it, its findings, and its measures per
            level compared with the other municipalities of the county; the maps highlight
            it.

    Returns:
        The path written.

    Raises:
        ArgumentError: an unknown language or area (the message suggests the closest id or
            name), a negative ``suppress_below`` or ``top``; a ``baseline`` in another
            currency or from a later year (:func:`samkart.diff`).
        OSError: the file cannot be written (an existing file is left as it was).
    """
    text = render(land, lang, gaps, suppress_below=suppress_below, top=top, baseline=baseline,
                  area=area)
    return write_atomic(path, lambda f: f.write(text))
