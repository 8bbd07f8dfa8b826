"""Section 4, maps: choropleths of the municipalities, each with a table beside it.

Three maps when the data allow: the service findings per municipality; the measures recorded
for each municipality (per 1,000 young people where the population is known,
:func:`samkart.compare_areas`); and an indicator given per municipality. The drawing is
``samkart.report._maps.choropleth_svg`` (municipality names on hover, a legend); the table
beside each map has the same numbers for print and for a reader without colour vision. Ids
without a shape are listed under the map; when no map covers the areas at all, the table
stands alone with a note, never a broken page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from samkart.analysis.mapping import compare_areas
from samkart.indicators import describe, format_value
from samkart.report._common import Data, e, number, simple_table, t
from samkart.report._findings import relevant

__all__ = ["findings_per_area", "maps"]

_LEVEL_COLUMNS = ("universal", "early", "targeted", "intensive")


def findings_per_area(gaps: Any, d: Data) -> dict[str, float]:
    """Service findings touching each municipality: a finding counts once in each
    municipality one of its gaps is in, or (for findings about actors, such as an isolated
    actor) each municipality its actors serve directly. County-wide gaps count nowhere: they
    are not about one municipality."""
    items = list(gaps)
    out = dict.fromkeys(d.municipalities, 0.0)
    for f in gaps.findings():
        if f.category != "service" or not relevant(f, items, d):
            continue
        hit = {str(items[i].area) for i in f.gaps if items[i].area in out}
        if not hit and not any(items[i].area for i in f.gaps):
            for a in f.actors:
                hit.update(x for x in d.actor_areas.get(str(a), ()) if x in out)
        for a in hit:
            out[a] += 1
    return out


def _draw(values: Mapping[str, float | None], d: Data, lang: str, title: str,
          fmt: Callable[[float], str]) -> str:
    """The map, or a note when it cannot be drawn; ids without a shape listed under it."""
    names = {a: str(d.area_name.get(a, a)) for a in values}
    try:
        from samkart.report._maps import choropleth_svg
    except ImportError:
        return f'<p class="note map-note">{e(t("map_unavailable", lang))}</p>'
    try:
        svg, missing = choropleth_svg(values, names, lang=lang, legend_title=title,
                                      number_format=fmt, highlight=d.area,
                                      partial=d.own_unmapped,
                                      partial_label=t("map_partial", lang))
    except Exception:  # no shapes for these areas (or none drawn): the table stands alone
        return f'<p class="note map-note">{e(t("map_unavailable", lang))}</p>'
    note = ""
    if missing:
        listed = ", ".join(names.get(a, a) for a in missing)
        note = f'<p class="note map-missing">{e(t("map_no_shapes", lang, names=listed))}</p>'
    return f'<div class="map-svg">{svg}</div>{note}'


def _figure(css: str, title: str, values: Mapping[str, float | None], d: Data, lang: str,
            fmt: Callable[[float], str], head: Sequence[str], rows: Sequence[Sequence[str]],
            numeric: Sequence[bool]) -> str:
    table = simple_table(head, rows, numeric=numeric, css=f"map-table {css}")
    # The table says in words what the map's stripes say (a reader of the table, or of it
    # read aloud, sees no stripes).
    if any(a in values for a in d.own_unmapped):
        table += f'<p class="note map-partial">* {e(t("map_partial", lang))}</p>'
    return (f'<figure class="map {css}"><figcaption><b>{e(title)}</b></figcaption>'
            f'<div class="map-grid"><div>{_draw(values, d, lang, title, fmt)}</div>'
            f"<div>{table}</div></div></figure>")


def _name_cell(d: Data, a: str) -> str:
    name = e(d.area_name.get(a, a)) + (" *" if a in d.own_unmapped else "")
    return f"<b>{name}</b>" if a == d.area else name


def maps(gaps: Any, d: Data, lang: str) -> str:
    """The map section (without its heading); empty text when there is no municipality."""
    munis = d.municipalities
    if not munis:
        return f'<p class="note">{e(t("map_unavailable", lang))}</p>'
    parts = []

    def fmt(v: float) -> str:
        return number(v, lang)

    # findings
    per = findings_per_area(gaps, d)
    order = sorted(munis, key=lambda a: (-per[a], str(d.area_name.get(a, a))))
    title = t("map_findings", lang)
    parts.append(_figure("map-findings", title, per, d, lang, fmt,
                         [t("municipality", lang), t("findings_short", lang)],
                         [(_name_cell(d, a), number(per[a], lang)) for a in order],
                         (False, True)))

    # measures, per 1,000 young people where the population is known
    table = compare_areas(d.land, "municipality", indicators=[])
    table = table.reindex(munis)
    per_1000 = bool(table["population"].notna().any())
    column = "total_per_1000" if per_1000 else "total"
    values = {a: (None if np.isnan(v) else float(v))
              for a, v in zip(munis, table[column].to_numpy(dtype=float), strict=True)}
    title = t("map_per_1000" if per_1000 else "map_measures", lang)
    suffix = "_per_1000" if per_1000 else ""
    levels = [t("level_n", lang, n=lv) for lv in range(1, 5)]
    head = [t("municipality", lang), *levels, t("total", lang)]
    rows = []
    for a in sorted(munis, key=lambda a: str(d.area_name.get(a, a))):
        cells = [table.loc[a, f"{c}{suffix}"] for c in (*_LEVEL_COLUMNS, "total")]
        rows.append((_name_cell(d, a), *(("" if np.isnan(v) else number(round(float(v), 1),
                                                                          lang))
                                         for v in cells)))
    fig = _figure("map-measures", title, values, d, lang, fmt, head, rows,
                  (False, True, True, True, True, True))
    if not per_1000:
        fig += f'<p class="note">{e(t("map_population_unknown", lang))}</p>'
    parts.append(fig)

    # an indicator given per municipality (the first headline one, else the first)
    ind = d.indicators
    given = ind[ind["area"].isin(munis)] if not ind.empty else ind
    keys = list(dict.fromkeys(str(k) for k in given["key"])) if not given.empty else []
    keys = [k for k in keys if (given["key"] == k).sum() >= 2]
    if keys:
        keys.sort(key=lambda k: (describe(k).headline or 99))
        key = keys[0]
        rows_k = given[given["key"] == key]
        vals: dict[str, float | None] = dict.fromkeys(munis)
        bound: dict[str, Any] = {}  # the comparator of a value given as a bound ("over 20 %")
        for _, row in rows_k.iterrows():
            vals[str(row["area"])] = float(row["value"])
            bound[str(row["area"])] = row.get("comparator")
        currency = str(d.land.currency or "")

        def kfmt(v: float) -> str:
            return format_value(key, v, lang, currency)

        info = describe(key, lang)
        krows = [(_name_cell(d, a), "" if vals[a] is None else
                  e(format_value(key, float(vals[a] or 0), lang, currency, bound.get(a))))
                 for a in sorted(munis, key=lambda a: str(d.area_name.get(a, a)))]
        parts.append(_figure("map-indicator", info.label, vals, d, lang, kfmt,
                             [t("municipality", lang), t("value", lang)], krows,
                             (False, True)))
    else:
        parts.append(f'<p class="note">{e(t("map_no_indicator", lang))}</p>')
    return "".join(parts)
