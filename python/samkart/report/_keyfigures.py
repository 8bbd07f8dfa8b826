"""Section 1, key figures: the landscape's indicators as a reader reads them.

Each headline indicator (``samkart.indicators``: ``headline``) of the report's area is a card:
the value (a share as a percentage, a count of people with thousands apart), its label and
one-line description, the year, whether it is a count on one day or over a period, and the
source. The indicators that are part of it (``subset_of``) stand under it as "of these", never
added to it (343 ⊂ 858 ⊂ 2,939); the lowest and highest municipality (``range_of``) and the
same key in other areas (the national figure) stand beside it. The area's other indicators
follow as a short list; every indicator of the landscape is in the appendix.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from samkart.analysis.privacy import suppress
from samkart.indicators import describe, format_value
from samkart.report._common import Data, Suppressed, e, t

__all__ = ["home_area", "indicator_rows", "key_figures", "latest"]


def latest(d: Data) -> pd.DataFrame:
    """The latest value of each (area, key), in the order of the records."""
    ind = d.indicators
    if ind.empty:
        return ind
    order = ind.assign(_y=ind["year"].astype("Float64").fillna(-1), _i=range(len(ind)))
    last = order.sort_values(["_y", "_i"], kind="stable").groupby(["area", "key"],
                                                                  sort=False).tail(1)
    out: pd.DataFrame = last.sort_values("_i").drop(columns=["_y", "_i"])
    return out


def home_area(d: Data, ind: pd.DataFrame) -> str | None:
    """The area whose figures lead: the report's area if it has a headline figure, else the
    nearest area above it that has; in a report of everything the area with the most headline
    figures (the county in Vestfold og Telemark)."""
    if ind.empty:
        return None
    heads = ind[[describe(str(k)).headline is not None for k in ind["key"]]]
    if d.area is not None:
        for a in (d.area, *d.above):
            if (heads["area"] == a).any():
                return a
        return None
    if heads.empty:
        return None
    counts = heads["area"].value_counts(sort=False)
    return str(counts.idxmax())


def _year(value: Any, lang: str) -> str:
    return t("year_unknown", lang) if pd.isna(value) else str(int(str(value)))


def _figure(key: str, row: pd.Series, lang: str, currency: str = "") -> str:
    """The row's value as a reader reads it, with its comparator ("over 2 100")."""
    return format_value(key, float(row["value"]), lang, currency, row.get("comparator"))


def _value(key: str, row: pd.Series, lang: str, currency: str, hide: Suppressed,
           hidden: frozenset[str] = frozenset()) -> str:
    if key in hidden or (describe(key).unit == "persons" and hide.hides(float(row["value"]))):
        return '<span class="suppressed">:</span>'
    return e(_figure(key, row, lang, currency))


def _whole_row(ind: pd.DataFrame, area: str, key: str) -> pd.Series | None:
    rows = ind[(ind["area"] == area) & (ind["key"] == key)]
    return None if rows.empty else rows.iloc[0]


def _complements(whole: pd.Series | None, parts: list[pd.Series], hide: Suppressed) -> set[str]:
    """The parts to hide besides the small ones, so that no hidden part can be worked out as
    the whole minus the parts shown (secondary suppression, samkart.suppress with the whole as
    the total). Only where the parts are counts of people that add up to the whole exactly (OT's
    four reasons, NAV's three kinds of job seeker): otherwise the difference bounds a hidden part
    but does not give it."""
    if (hide.threshold <= 0 or whole is None or len(parts) < 2
            or describe(str(whole["key"])).unit != "persons"
            or any(describe(str(r["key"])).unit != "persons" for r in parts)
            or any(isinstance(r.get("comparator"), str) for r in (whole, *parts))):
        return set()
    values = {str(r["key"]): float(r["value"]) for r in parts}
    if abs(sum(values.values()) - float(whole["value"])) > 1e-9 * max(1.0, float(whole["value"])):
        return set()
    total = "\0total"  # a label no indicator key can take
    table = pd.Series({**values, total: float(whole["value"])})
    shown = suppress(table, hide.threshold, totals=total)
    return {k for k in values if pd.isna(shown[k]) and not hide.hides(values[k])}


def _children(ind: pd.DataFrame, area: str, key: str) -> list[pd.Series]:
    rows = ind[(ind["area"] == area) & (ind.get("subset_of", pd.Series(dtype=object)) == key)]
    return [r for _, r in rows.iterrows()]


def _parts(ind: pd.DataFrame, area: str, key: str, lang: str, currency: str,
           hide: Suppressed, used: set[str], depth: int = 0) -> str:
    """The "of these" list under ``key``: its subsets, each with its own subsets below it."""
    kids = _children(ind, area, key) if "subset_of" in ind.columns else []
    if not kids or depth > 4:
        return ""
    # A partition of the whole (the four reasons for an OT registration, which add up to it)
    # is listed apart from the other subsets, so that no reader adds the two lists together.
    groups: dict[str | None, list[str]] = {}
    whole = _whole_row(ind, area, key)
    hidden = frozenset().union(*(
        _complements(whole, [r for r in kids if describe(str(r["key"])).partition == p], hide)
        for p in {describe(str(r["key"])).partition for r in kids}))
    for r in kids:
        k = str(r["key"])
        used.add(k)
        info = describe(k, lang)
        inner = _parts(ind, area, k, lang, currency, hide, used, depth + 1)
        groups.setdefault(info.partition, []).append(
            f"<li><b>{_value(k, r, lang, currency, hide, hidden)}</b> "
            f"{e(info.label)}{inner}</li>")
    out = []
    for partition, items in sorted(groups.items(), key=lambda g: g[0] is None):
        words = t("by_" + partition, lang) if partition else t("of_these", lang)
        head = f'<span class="of-these">{e(words)}</span>' if depth == 0 or partition else ""
        out.append(f'{head}<ul class="parts">{"".join(items)}</ul>')
    return "".join(out)


def key_figures(d: Data, lang: str, hide: Suppressed) -> str:
    """The key-figures section (without its heading)."""
    ind = latest(d)
    currency = str(d.land.currency or "")
    home = home_area(d, ind)
    counts = d.land.summary(lang).counts
    intro = t("mapping_counts", lang, actors=counts.get("actors", 0),
              measures=counts.get("measures", 0), links=counts.get("links", 0),
              transitions=counts.get("transitions", 0), areas=counts.get("areas", 0))
    flagged = sum(int(f["illustrative"].sum()) for f in (d.areas, d.actors, d.measures,
                                                          d.links, d.transitions, d.indicators)
                  if "illustrative" in f.columns)
    lead = [f'<p class="lead">{e(t("keyfigures_lead", lang))}</p>']
    tail = [f'<p class="note" id="mapping-counts">{e(intro)}']
    if flagged:
        tail.append(" " + e(t("illustrative_count", lang, n=flagged)))
    tail.append("</p>")
    if home is None:
        return "".join(lead) + f'<p class="note">{e(t("no_keyfigures", lang))}</p>' + \
            "".join(tail)
    if d.area is not None and home != d.area:
        lead.append(f'<p class="note" id="keyfigures-parent">'
                    f'{e(t("keyfigures_parent", lang, area=d.area_name[d.area], parent=d.area_name.get(home, home)))}'  # noqa: E501
                    "</p>")
    here = ind[ind["area"] == home]
    used: set[str] = set()
    heads = sorted((r for _, r in here.iterrows() if describe(str(r["key"])).headline),
                   key=lambda r: describe(str(r["key"])).headline or 0)
    cards = []
    for r in heads:
        key = str(r["key"])
        if key in used:
            continue
        used.add(key)
        info = describe(key, lang)
        parts = _parts(ind, home, key, lang, currency, hide, used)
        extra = []
        bounds = {describe(str(x["key"])).bound: x for _, x in here.iterrows()
                  if describe(str(x["key"])).range_of == key}
        if "min" in bounds and "max" in bounds:
            used.update(str(bounds[b]["key"]) for b in ("min", "max"))
            lo = _figure(key, bounds["min"], lang, currency)
            hi = _figure(key, bounds["max"], lang, currency)
            extra.append(f'<p class="range">{e(t("range", lang, lo=lo, hi=hi))}</p>')
        others = ind[(ind["key"] == key) & (ind["area"] != home)]
        if not others.empty:
            items = ", ".join(
                f"{d.area_name.get(str(o['area']), str(o['area']))} "
                f"{_figure(key, o, lang, currency)} "
                f"({_year(o['year'], lang)})" for _, o in others.iterrows())
            extra.append(f'<p class="compare">{e(t("elsewhere", lang, items=items))}</p>')
        meta = [d.area_name.get(home, home), _year(r["year"], lang)]
        if "count" in r.index and not pd.isna(r["count"]):
            meta.append(t(str(r["count"]), lang))
        source = f'{t("source_word", lang)}: {r["source"]}' if str(r["source"] or "") else ""
        cards.append(
            '<div class="kf">'
            f'<div class="kf-value">{_value(key, r, lang, currency, hide)}</div>'
            f'<div class="kf-label">{e(info.label)}</div>'
            f'<p class="kf-desc">{e(info.description)}</p>{parts}{"".join(extra)}'
            f'<p class="kf-meta">{e(" · ".join(meta))}</p>'
            f'<p class="kf-src">{e(source)}</p></div>')
    more = []
    rest = [r for _, r in here.iterrows() if str(r["key"]) not in used
            and not ("subset_of" in r.index and not pd.isna(r["subset_of"])
                     and str(r["subset_of"]) in set(here["key"]))]
    ranges: dict[str, dict[str, pd.Series]] = {}
    for r in rest:
        info = describe(str(r["key"]), lang)
        if info.range_of is not None and info.bound is not None:
            ranges.setdefault(info.range_of, {})[info.bound] = r
            continue
        more.append(f"<li><b>{_value(str(r['key']), r, lang, currency, hide)}"
                    f"</b> {e(info.label)} ({e(_year(r['year'], lang))}). "
                    f'<span class="src">{e(t("source_word", lang))}: {e(r["source"])}</span>'
                    "</li>")
    for base, pair in ranges.items():
        if {"min", "max"} <= set(pair):
            lo = _figure(base, pair["min"], lang, currency)
            hi = _figure(base, pair["max"], lang, currency)
            text = f"{describe(base, lang).label}: {t('range', lang, lo=lo, hi=hi)}"
            src = pair["min"]["source"]
            more.append(f"<li>{e(text)} ({e(_year(pair['min']['year'], lang))}). "
                        f'<span class="src">{e(t("source_word", lang))}: {e(src)}</span></li>')
        else:
            for r in pair.values():
                info = describe(str(r["key"]), lang)
                more.append(f"<li><b>{e(_figure(str(r['key']), r, lang))}"
                            f"</b> {e(info.label)} ({e(_year(r['year'], lang))})</li>")
    body = f'<div class="cards">{"".join(cards)}</div>'
    if more:
        body += (f'<h3>{e(t("more_figures", lang))}</h3><ul class="more-figures">'
                 f'{"".join(more)}</ul>')
    return "".join(lead) + body + "".join(tail)


def indicator_rows(d: Data, lang: str, hide: Suppressed) -> list[tuple[str, str, str, str,
                                                                        str]]:
    """Every indicator (latest year per area and key) for the appendix table: area, label,
    value, year, source; counts of people under the threshold hidden."""
    ind = latest(d)
    currency = str(d.land.currency or "")
    rows = []
    for _, r in ind.iterrows():
        key = str(r["key"])
        rows.append((e(d.area_name.get(str(r["area"]), r["area"])), e(describe(key, lang).label),
                     _value(key, r, lang, currency, hide),
                     e(_year(r["year"], lang)), e(r["source"] or "")))
    return rows
