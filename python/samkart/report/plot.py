"""Plots of the mapping tables (matplotlib, the optional extra ``samkart[plot]``).

Each function computes its table with :mod:`samkart.mapping`, draws on ``ax`` (a new figure
when None), labels everything in ``lang`` (``nb``, ``da`` or ``en``, from the level labels and
vocabularies of the C++ core) and returns the Axes:

- :func:`heatmap`: actor (or any dimension) × level coverage;
- :func:`age_bands`: one band per level over the years of age, where services end;
- :func:`compare_chart`: the municipalities side by side, coverage per level;
- :func:`map`: a choropleth of any value by municipality (or county), drawn from the boundary
  files samkart ships (no GIS library).

matplotlib is imported when a function is called, not when samkart is.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from samkart._core import Landscape, Level
from samkart.analysis import mapping
from samkart.errors import ArgumentError
from samkart.report import _maps

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["age_bands", "compare_chart", "heatmap", "map"]

# Words of titles and axes, by language. Dimension and value names are the API's.
_TEXT: dict[str, dict[str, str]] = {
    "en": {"area": "Area", "actor": "Actor", "sector": "Sector", "owner": "Owner",
           "level": "Level", "target": "Target group", "age": "Age", "key": "Key", "tee": "T",
           "measures": "Measures", "capacity": "Capacity (places per year)",
           "participants": "Participants per year", "cost": "Cost per year",
           "actors": "Actors", "by": "by", "and": "and", "per_1000": "per 1,000 inhabitants",
           "coverage_by_age": "by level and age"},
    "nb": {"area": "Område", "actor": "Aktør", "sector": "Sektor", "owner": "Eier",
           "level": "Nivå", "target": "Målgruppe", "age": "Alder", "key": "Nøkkel", "tee": "T",
           "measures": "Tiltak", "capacity": "Kapasitet (plasser per år)",
           "participants": "Deltakere per år", "cost": "Kostnad per år",
           "actors": "Aktører", "by": "etter", "and": "og", "per_1000": "per 1 000 innbyggere",
           "coverage_by_age": "etter nivå og alder"},
    "da": {"area": "Område", "actor": "Aktør", "sector": "Sektor", "owner": "Ejer",
           "level": "Niveau", "target": "Målgruppe", "age": "Alder", "key": "Nøgle", "tee": "T",
           "measures": "Indsatser", "capacity": "Kapacitet (pladser pr. år)",
           "participants": "Deltagere pr. år", "cost": "Omkostning pr. år",
           "actors": "Aktører", "by": "efter", "and": "og", "per_1000": "pr. 1.000 indbyggere",
           "coverage_by_age": "efter niveau og alder"},
}
_LEVEL_COLOURS = ("#4daf4a", "#377eb8", "#ff7f00", "#e41a1c")


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the environment
        msg = ("samkart.plot needs matplotlib, an optional extra: pip install 'samkart[plot]' "
               "(or pip install matplotlib)")
        raise ImportError(msg) from err
    return plt


def _text(lang: str) -> dict[str, str]:
    if lang not in _TEXT:
        msg = f"unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)
    return _TEXT[lang]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _fig, new_ax = _pyplot().subplots(figsize=size)
    return new_ax


def heatmap(
    land: Landscape,
    rows: str = "actor",
    cols: str = "level",
    value: str = "measures",
    *,
    area: str | None = None,
    inherit: bool = False,
    lang: str = "en",
    annotate: bool = True,
    cmap: str = "Blues",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of :func:`samkart.mapping.coverage` (actor × level by default), one cell per
    pair, annotated with its value; NaN (unknown) cells are left blank and marked "?".
    """
    words = _text(lang)
    table = mapping.coverage(land, rows, cols, value, area=area, inherit=inherit,
                             labels="name", lang=lang)
    values = table.to_numpy(dtype=float)
    ax = _axes(ax, (2.0 + 1.1 * max(len(table.columns), 1),
                    1.5 + 0.3 * max(len(table.index), 1)))
    image = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap,
                      interpolation="nearest")
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], rotation=30,
                  ha="right")
    ax.set_yticks(range(len(table.index)), [str(i) for i in table.index])
    ax.set_xlabel(words[cols])
    ax.set_ylabel(words[rows])
    ax.set_title(f"{words[value]} {words['by']} {words[rows].lower()} {words['and']} "
                 f"{words[cols].lower()}")
    if annotate and values.size:
        finite = values[np.isfinite(values)]
        high = float(finite.max()) if finite.size else 0.0
        for (r, c), v in np.ndenumerate(values):
            text = "?" if not np.isfinite(v) else f"{v:g}"
            dark = np.isfinite(v) and high > 0 and v > 0.6 * high
            ax.text(c, r, text, ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")
    ax.figure.colorbar(image, ax=ax, label=words[value])
    return ax


def age_bands(
    land: Landscape,
    level: int | None = None,
    area: str | None = None,
    ages: tuple[int, int] = (0, 29),
    *,
    value: str = "measures",
    inherit: bool = True,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """One band per level over the years of age (:func:`samkart.mapping.age_coverage`): the
    band's height is the number of measures (or capacity, ...) covering that age, scaled to the
    largest; an age where a band is flat is an age no measure of that level covers.
    """
    words = _text(lang)
    table = mapping.age_coverage(land, level, area, ages, value=value, inherit=inherit)
    years = np.asarray(table.columns, dtype=float)
    values = np.nan_to_num(table.to_numpy(dtype=float))
    top = float(values.max()) if values.size else 0.0
    scale = 0.85 / top if top > 0 else 0.0
    ax = _axes(ax, (8.0, 1.2 + 0.8 * len(table.index)))
    labels = []
    for k, lv in enumerate(table.index):
        base = float(len(table.index) - 1 - k)  # level 1 on top
        colour = _LEVEL_COLOURS[int(lv) - 1]
        ax.fill_between(years, base, base + values[k] * scale, step="mid", color=colour,
                        alpha=0.75, linewidth=0, label=Level(int(lv)).label(lang))
        ax.axhline(base, color="0.6", linewidth=0.5)
        labels.append((base, Level(int(lv)).label(lang)))
    ax.set_yticks([b for b, _ in labels], [t for _, t in labels])
    if years.size:
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylim(-0.2, len(table.index) - 0.05)
    ax.set_xlabel(words["age"])
    ax.set_title(f"{words[value]} {words['coverage_by_age']}")
    return ax


def compare_chart(
    land: Landscape,
    level: str = "municipality",
    *,
    per_capita: bool = False,
    indicator: str | None = None,
    value: str = "measures",
    inherit: bool = False,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """The areas of one administrative level side by side: a horizontal bar per area, stacked
    by prevention level (:func:`samkart.mapping.compare_areas`), per 1,000 inhabitants with
    ``per_capita`` (areas without a population are left out). With ``indicator``, that
    indicator's value is drawn as a black dot on a second x axis (top), so that areas with much
    need and little coverage stand out.
    """
    words = _text(lang)
    table = mapping.compare_areas(land, level, [indicator] if indicator else [], value=value,
                                  inherit=inherit, labels="name")
    names = ["universal", "early", "targeted", "intensive"]
    columns = [f"{n}_per_1000" for n in names] if per_capita else names
    if per_capita:
        table = table[table["population"].notna()]
    ax = _axes(ax, (8.0, 1.5 + 0.35 * max(len(table.index), 1)))
    y = np.arange(len(table.index))
    left = np.zeros(len(table.index))
    for lv, column in enumerate(columns, start=1):
        widths = np.nan_to_num(table[column].to_numpy(dtype=float))
        ax.barh(y, widths, left=left, color=_LEVEL_COLOURS[lv - 1],
                label=Level(lv).label(lang))
        left += widths
    ax.set_yticks(y, [str(i) for i in table.index])
    ax.invert_yaxis()
    ax.set_xlabel(words[value] + (f" {words['per_1000']}" if per_capita else ""))
    ax.set_title(f"{words[value]} {words['by']} {words['area'].lower()} {words['and']} "
                 f"{words['level'].lower()}")
    ax.legend(loc="lower right", fontsize=8)
    if indicator:
        twin = ax.twiny()
        twin.plot(table[indicator].to_numpy(dtype=float), y, "o", color="black", label=indicator)
        twin.set_xlabel(indicator)
    return ax


def _oriented(ring: list[tuple[float, float]], counter_clockwise: bool
              ) -> list[tuple[float, float]]:
    """The ring turning the requested way: exteriors one way and holes the other fill right
    under both the non-zero and the even-odd rule."""
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))
    return ring if (twice > 0) == counter_clockwise else ring[::-1]


def map(  # the name issue 14 asks for; the builtin map is not used in this module
    land: Landscape,
    values: pd.Series | Mapping[str, float | None],
    ax: Axes | None = None,
    lang: str = "nb",
    *,
    title: str | None = None,
    cmap: str = "viridis_r",
) -> Axes:
    """A choropleth of ``values`` by area id: one filled shape per municipality (or county).

    The boundaries are Kartverket's (Norway, CC BY 4.0) and DAGI's (Denmark, CC BY 4.0),
    shipped with samkart and credited under the map. The map is chosen from the ids: Norway
    2020–2023 (``"3807"``), Norway from 2024 (``"4003"``) or Denmark (``"101"``); the
    projection is equirectangular with longitude scaled by the cosine of the middle latitude.
    Values fall into at most five classes (one per distinct value when there are at most five,
    else five equal intervals, each holding its upper bound), the same classes and colours as
    the council report's maps; None and NaN are "no data", hatched.

    Parameters
    ----------
    land : Landscape
        Gives the areas' names (the map's own names for ids it lacks).
    values : pandas.Series or Mapping[str, float | None]
        Value by area id, e.g. a column of ``samkart.coverage(land, "area", "level")``. Ids of
        a coarser kind than those drawn (the country; a county, on the map or only in
        ``land``, when municipalities are drawn) are aggregates and are skipped.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    lang : str
        ``nb``, ``da`` or ``en``: the legend's words.
    title : str, optional
        The Axes' title; without one, the legend is titled by the Series' name (if text).
    cmap : str
        A matplotlib colormap sampled light (low) to dark (high); the default matches the
        report's.

    Returns
    -------
    matplotlib.axes.Axes
        One ``PathPatch`` per area drawn, its ``gid`` the area id; equal aspect, no ticks.

    Warns
    -----
    UserWarning
        Naming the ids that have no shape on the chosen map (they are not drawn).

    Raises
    ------
    ArgumentError
        Unknown ``lang``; none of the ids has a shape.
    """
    words = _maps.words(lang)
    _pyplot()  # the helpful ImportError without matplotlib
    from matplotlib import colormaps
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.path import Path

    # The legend says what the values are when no title does: a Series' name, if it is text.
    name = values.name if isinstance(values, pd.Series) else None
    legend_title = name if title is None and isinstance(name, str) else None
    series = {str(k): _maps.number(v) for k, v in values.items()}
    chosen = _maps.layout(series)
    # An area the landscape calls coarser than the layer drawn is an aggregate of what is
    # drawn (county 38 kept after the 2024 recoding has no shape on the 2024 map): skipped.
    kinds = {a.id: str(a.kind) for a in land.areas}
    rank = _maps.RANK
    not_drawn = [i for i in chosen.not_drawn
                 if rank.get(kinds.get(i, ""), -1) <= rank[chosen.kind]]
    if not_drawn:
        shown = ", ".join(repr(i) for i in not_drawn)
        warnings.warn(f"map: {len(not_drawn)} areas not drawn, no shape on the map of "
                      f"{chosen.map.label}: {shown}", UserWarning, stacklevel=2)
    names = {a.id: a.name for a in land.areas}
    data = {i: series[i] for i in chosen.shapes}
    bounds = _maps.classes(v for v in data.values() if v is not None)
    palette = colormaps[cmap](_maps.positions(len(bounds), bounds == [(0.0, 0.0)]))
    project = _maps.plane(chosen.shapes.values())
    ax = _axes(ax, (6.0, 6.0))
    for area in sorted(chosen.shapes):
        vertices: list[tuple[float, float]] = []
        codes: list[int] = []
        for poly in chosen.shapes[area].polygons:
            for k, ring in enumerate(poly):
                pts = _oriented([project(x, y) for x, y in ring], counter_clockwise=k == 0)
                vertices.extend([*pts[:-1], pts[0]])
                codes.extend([int(Path.MOVETO)] + [int(Path.LINETO)] * (len(pts) - 2)
                             + [int(Path.CLOSEPOLY)])
        v = data[area]
        style: dict[str, Any] = (
            {"facecolor": _maps.NO_DATA_FILL, "hatch": "////"} if v is None else
            {"facecolor": palette[_maps.class_of(v, bounds)]})
        patch = PathPatch(Path(vertices, codes), edgecolor="#4d4d4d", linewidth=0.4,
                          label=names.get(area, chosen.shapes[area].name), **style)
        patch.set_gid(area)
        ax.add_patch(patch)
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    fmt = _maps.default_format(lang)
    handles = [Patch(facecolor=c, edgecolor="#4d4d4d", label=_maps.label(b, fmt))
               for c, b in zip(palette, bounds, strict=True)]
    if any(v is None for v in data.values()):
        handles.append(Patch(facecolor=_maps.NO_DATA_FILL, edgecolor="#4d4d4d", hatch="////",
                             label=words["no_data"]))
    ax.legend(handles=handles, title=legend_title, loc="upper left",
              bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    ax.text(1.0, -0.01, chosen.map.attribution, transform=ax.transAxes, ha="right", va="top",
            fontsize=6, color="0.35")
    return ax
