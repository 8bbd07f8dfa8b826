"""Sections 2, 7 and 8: the four levels, the appendix (what is not mapped, the data gaps,
every illustrative record by name, every indicator) and the method in plain words."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from samkart._core import Level
from samkart.analysis.mapping import coverage
from samkart.indicators import describe
from samkart.report._common import Data, Suppressed, e, label, simple_table, t
from samkart.report._findings import finding_cards
from samkart.report._keyfigures import indicator_rows, latest
from samkart.report._text import LEVEL_TEXT, SOURCES

__all__ = ["appendix", "levels", "method"]


def _rows(frame: pd.DataFrame) -> list[Any]:
    """The rows of a record table as named tuples (typed loosely: columns hold lists)."""
    return list(frame.itertuples(index=False))


def levels(d: Data, lang: str) -> str:
    """The four levels in two lines each (002 §1.1), with the number of measures of the
    report's area at each (:func:`samkart.coverage`), and the prevention paradox."""
    if d.area is None:
        table = coverage(d.land, "level", "area", "measures", totals=True)
        counts = {lv: float(str(table.loc[lv, "total"])) if lv in table.index else 0.0
                  for lv in range(1, 5)}
    else:
        table = coverage(d.land, "level", "area", "measures", inherit=True, area=d.area)
        counts = {lv: float(str(table.loc[lv, d.area])) if lv in table.index
                  and d.area in table.columns else 0.0 for lv in range(1, 5)}
    items = []
    for lv in range(1, 5):
        who, what = LEVEL_TEXT[lv][lang]
        n = t("level_measures", lang, n=int(counts[lv]))
        items.append(f'<li class="level level-{lv}"><div class="level-head"><b>{lv} '
                     f'{e(Level(lv).label(lang))}</b><span class="level-n">{e(n)}</span></div>'
                     f"<p>{e(who)}<br>{e(what)}</p></li>")
    return (f'<p class="lead">{e(t("levels_lead", lang))}</p><ol class="levels">'
            f'{"".join(items)}</ol><p class="paradox">{e(t("paradox", lang))}</p>')


def _mapped(d: Data, lang: str) -> str:
    areas = [a for a in _rows(d.areas)
             if a.kind == "municipality" and (d.area is None or a.id == d.area)]
    rows = []
    for a in areas:
        status = str(a.mapping)
        if status == "complete":
            text = t("mapped_all", lang)
        elif status == "none":
            text = t("mapped_none", lang)
        else:
            words = [label("owner", str(x), lang).lower() if str(x) in
                     {"municipal", "county", "state", "private", "voluntary"}
                     else label("sector", str(x), lang) for x in a.mapped]
            text = t("mapped_only", lang, what=", ".join(words))
        rows.append((e(a.name), e(text)))
    if not rows:
        return ""
    return (f'<h3>{e(t("mapped_h", lang))}</h3>'
            + simple_table([t("municipality", lang), t("mapped_col", lang)], rows,
                           css="mapped"))


def _record_rows(d: Data, lang: str) -> list[tuple[str, str, str]]:
    """Every illustrative record: what it is, its name, its citation; in a municipality's
    report the records about the actors that serve it."""
    rows: list[tuple[str, str, str]] = []

    def cite(r: Any) -> str:
        value = getattr(r, "citation", "") or ""
        return "" if pd.isna(value) else str(value)

    for r in _rows(d.areas):
        if r.illustrative and (d.area is None or r.id in {d.area, *d.above, *d.below}):
            rows.append((t("areas", lang), str(r.name), cite(r)))
    for r in _rows(d.actors):
        if r.illustrative and d.serves(str(r.id)):
            rows.append((t("actors", lang), str(r.name), cite(r)))
    for r in _rows(d.measures):
        if r.illustrative and any(d.serves(str(p)) for p in r.providers):
            rows.append((t("measures", lang), str(r.name), cite(r)))
    for r in _rows(d.links):
        if r.illustrative and (d.serves(str(r.source)) and d.serves(str(r.target))):
            name = (f"{d.actor_name.get(r.source, r.source)} – "
                    f"{d.actor_name.get(r.target, r.target)} ({label('link_kind', r.kind, lang)})")
            rows.append((t("links", lang), name, cite(r)))
    for r in _rows(d.transitions):
        if r.illustrative and (d.serves(str(r.source)) or d.serves(str(r.target))):
            name = (f"{d.actor_name.get(r.source, r.source)} → "
                    f"{d.actor_name.get(r.target, r.target)}")
            rows.append((t("transitions", lang), name, cite(r)))
    for r in _rows(d.indicators):
        if r.illustrative:
            rows.append((t("indicators_records", lang), describe(str(r.key), lang).label,
                         str(r.source or "")))
    return rows


def appendix(gaps: Any, d: Data, lang: str, hide: Suppressed,
             hidden_routes: set[tuple[str, str]]) -> tuple[str, int]:
    """The appendix and how many data-gap messages had a count hidden."""
    parts = [_mapped(d, lang)]
    cards, n, redacted = finding_cards(gaps, d, lang, hide, hidden_routes, "data")
    if n:
        parts.append(f'<h3 id="data-gaps">{e(t("data_findings_h", lang))}</h3>{cards}')
    rows = _record_rows(d, lang)
    parts.append(f'<h3 id="illustrative-records">{e(t("illustrative_h", lang))}</h3>')
    if rows:
        parts.append(f'<p>{e(t("illustrative_lead", lang, n=len(rows)))}</p>')
        parts.append(simple_table([t("record_kind", lang), t("record", lang),
                                   t("source_word", lang)],
                                  [(e(a), e(b), e(c)) for a, b, c in rows],
                                  css="illustrative-records"))
    else:
        parts.append(f'<p class="note">{e(t("no_illustrative", lang))}</p>')
    ind = latest(d)
    if not ind.empty:
        if d.area is not None:
            ind = ind[ind["area"].isin({d.area, *d.above, *d.below})]
        parts.append(f'<h3 id="all-indicators">{e(t("indicators_all", lang))}</h3>')
        parts.append(simple_table(
            [t("area", lang), t("indicator", lang), t("value", lang), t("year", lang),
             t("source_word", lang)],
            [r for r, area in zip(indicator_rows(d, lang, hide), latest(d)["area"],
                                  strict=True) if area in set(ind["area"])],
            numeric=(False, False, True, True, False), css="indicators"))
        unknown = sorted({str(k) for k in ind["key"] if not describe(str(k)).known})
        if unknown:
            listed = ", ".join(describe(k, lang).label for k in unknown)
            parts.append(f'<p class="note" id="unknown-indicators">'
                         f'{e(t("unknown_keys", lang, keys=listed))}</p>')
    return "".join(parts), redacted


def _cited(d: Data) -> list[str]:
    """The seed numbers the records cite (``002 §5`` → ``002``), in order."""
    texts: list[str] = []
    for frame, column in ((d.areas, "citation"), (d.actors, "citation"),
                          (d.measures, "citation"), (d.links, "citation"),
                          (d.transitions, "citation"), (d.indicators, "source")):
        if column in frame.columns:
            texts.extend(str(x) for x in frame[column] if isinstance(x, str))
    found = {m for s in texts for m in re.findall(r"(?<!\d)(00\d)(?!\d)", s)}
    return sorted(found & set(SOURCES))


def method(d: Data, lang: str, threshold: float) -> str:
    """How coverage, gaps and findings are worked out, in plain words, and the sources."""
    paragraphs = [t("method_coverage", lang), t("method_gaps", lang), t("method_findings", lang)]
    if threshold > 0:
        paragraphs.append(t("method_suppression", lang, t=int(threshold)
                            if float(threshold).is_integer() else threshold))
    body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    cited = _cited(d)
    if cited:
        items = "".join(f"<li><b>{e(s)}</b> {e(SOURCES[s])}</li>" for s in cited)
        body += f'<h3>{e(t("method_sources", lang))}</h3><ul class="sources">{items}</ul>'
    return body + f'<p class="note">{e(t("method_more", lang))}</p>'
