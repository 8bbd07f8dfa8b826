"""Plots of the mapping tables (matplotlib, the optional extra ``samkart[plot]``).

Each function computes its table with :mod:`samkart.mapping`, draws on ``ax`` (a new figure
when None), labels everything in ``lang`` (``nb``, ``da`` or ``en``, from the level labels and
vocabularies of the C++ core) and returns the Axes:

- :func:`heatmap`: actor (or any dimension) × level coverage;
- :func:`age_bands`: one band per level over the years of age, where services end;
- :func:`compare_chart`: the municipalities side by side, coverage per level.

matplotlib is imported when a function is called, not when samkart is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from samkart._core import Landscape, Level
from samkart.analysis import mapping
from samkart.errors import ArgumentError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["age_bands", "compare_chart", "heatmap"]

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
