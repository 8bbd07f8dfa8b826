"""Mapping: which measures exist at each level, for whom, where and by whom.

The tables the partnership asks every municipality to make (seed 002 §1.1), computed in C++
and returned as pandas objects built in one go:

- :func:`coverage`: measures (or capacity, participants, cost, actors) by any two of
  ``area, actor, sector, owner, level, target, age, key, tee``;
- :func:`role_map`: actor × level with the measures in each cell;
- :func:`age_coverage`: level × year of age, where services end;
- :func:`level_shares`: the share of capacity at each level (the prevention paradox);
- :func:`compare_areas`: one row per municipality, coverage per 1,000 beside indicators.

Counting rules (docs/mapping.md): a measure counts once in each cell it belongs to (so rows
do not add up; ``totals=True`` adds a "total" row and column that count each measure once);
a measure belongs to its providers' rows; areas roll up (a county row includes its
municipalities), and with ``inherit=True`` a county-wide measure also counts in each area below;
a number a measure does not give is not a zero (see ``missing``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from samkart import _core
from samkart._core import Landscape, Level
from samkart.errors import ArgumentError

__all__ = [
    "DIMENSIONS",
    "VALUES",
    "RoleMap",
    "age_coverage",
    "compare_areas",
    "coverage",
    "level_shares",
    "role_map",
]

#: The dimensions of a coverage table.
DIMENSIONS = ("area", "actor", "sector", "owner", "level", "target", "age", "key", "tee")
#: What a cell of a coverage table can hold.
VALUES = ("measures", "capacity", "participants", "cost", "actors")

_LEVEL_IDS = {"universal": 1, "early": 2, "targeted": 3, "intensive": 4}
_VOCABULARY = {"sector": "sector", "owner": "owner", "target": "target", "key": "key", "tee": "tee"}
_TOTAL = {"en": "Total", "nb": "Totalt", "da": "I alt"}
_NONE = {"en": "(none)", "nb": "(ingen)", "da": "(ingen)"}


def _check_lang(lang: str) -> None:
    if lang not in ("nb", "da", "en"):
        msg = f"unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)


def _check_labels(labels: str) -> None:
    if labels not in ("id", "name"):
        msg = f"labels must be 'id' or 'name', not {labels!r}"
        raise ArgumentError(msg)


def _axis(dimension: str, ids: Sequence[str], names: Sequence[str] | None, labels: str,
          lang: str) -> pd.Index:
    """The index of one side of a table: ids (ints for level and age) or labels in ``lang``."""
    if labels == "id" or names is None:
        if dimension == "level":
            keys: list[Any] = [_LEVEL_IDS.get(i, i) for i in ids]
        elif dimension == "age":
            keys = [int(i) if i.isdigit() else i for i in ids]
        else:
            keys = list(ids)
        index: pd.Index = pd.Index(keys, name=dimension)
        return index
    terms = {}
    if dimension in _VOCABULARY:
        terms = {t.name: t.label(lang) for t in _core.terms(_VOCABULARY[dimension])}
    out = []
    for i, n in zip(ids, names, strict=True):
        if i == "total":
            out.append(_TOTAL[lang])
        elif i == "(none)":
            out.append(_NONE[lang])
        elif dimension == "level" and i in _LEVEL_IDS:
            out.append(Level(_LEVEL_IDS[i]).label(lang))
        else:
            out.append(terms.get(i, n))
    named: pd.Index = pd.Index(out, name=dimension)
    return named


#: Values that count things; their tables hold whole numbers.
_COUNT_VALUES = frozenset({"measures", "actors"})


def _whole_counts(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """Counts of measures or actors as whole numbers (the core computes in doubles)."""
    values = frame.to_numpy()
    if value in _COUNT_VALUES and values.size and np.isfinite(values).all():
        return frame.astype(np.int64)
    return frame


def _frame(table: dict[str, Any], labels: str = "id", lang: str = "en",
           value: str | None = None) -> pd.DataFrame:
    index = _axis(table["row_dimension"], table["row_ids"], table["row_names"], labels, lang)
    columns = _axis(table["col_dimension"], table["col_ids"], table["col_names"], labels, lang)
    frame: pd.DataFrame = pd.DataFrame(table["values"], index=index, columns=columns, copy=False)
    missing = table["missing"]
    if value is not None:
        frame.attrs["value"] = value
    if missing is not None and missing.size:
        rows, cols = np.nonzero(missing)
        frame.attrs["missing"] = {(index[int(r)], columns[int(c)]): int(missing[r, c])
                                  for r, c in zip(rows, cols, strict=True)}
    elif missing is not None:
        frame.attrs["missing"] = {}
    return frame


def _ages(ages: tuple[int, int] | None) -> tuple[int, int] | None:
    if ages is None:
        return None
    lo, hi = ages
    return int(lo), int(hi)


def coverage(
    land: Landscape,
    rows: str,
    cols: str,
    value: str = "measures",
    *,
    totals: bool = False,
    area: str | None = None,
    inherit: bool = False,
    ages: tuple[int, int] | None = None,
    missing: str = "skip",
    labels: str = "id",
    lang: str = "en",
) -> pd.DataFrame:
    """Coverage table: ``rows`` × ``cols``, valued by ``value``.

    Args:
        land: the landscape.
        rows, cols: one of ``area, actor, sector, owner, level, target, age, key, tee``.
        value: ``measures`` (distinct measures), ``capacity``, ``participants``, ``cost``
            (summed over the cell's measures) or ``actors`` (distinct providers). Only
            measures in place (status active or pilot) count; proposed and ended ones cover
            nothing. ``participants`` never adds a subset to its whole (a measure whose
            ``participants_of`` whole is in the same cell adds nothing there) nor a count on
            one day to yearly counts (a stock counts as lacking the value, so a cell of stocks
            alone is NaN).
        totals: add a last row and column ``"total"`` that count each measure once (not the
            sum of the rows, which counts a measure in two rows twice).
        area: only the measures (and area/actor rows) in this area and the areas below it.
        inherit: a measure also belongs to every area below the ones it serves, so a
            county-wide measure counts in each municipality.
        ages: the years of the ``age`` dimension, ``(min, max)``; default the hull of the
            measures' ages.
        missing: for capacity, participants and cost: ``"skip"`` sums the measures that give
            the number and is NaN only where none of the cell's measures does; ``"strict"`` is
            NaN wherever one measure lacks it. Either way ``frame.attrs["missing"]`` maps
            ``(row, col)`` to the number of measures in the cell that lack it.
        labels: ``"id"`` (area/actor ids, vocabulary names; levels and ages as ints) or
            ``"name"`` (record names and vocabulary labels in ``lang``).
        lang: ``nb``, ``da`` or ``en``, for ``labels="name"``.

    Returns:
        A DataFrame (#row labels × #col labels, floats). Rows of level, owner, key and tee list
        every term; sector and target the names that occur (recommended first), and
        ``"(none)"`` for actors or measures that give none. ``attrs["value"]`` is ``value``.

    Raises:
        ValueError: an unknown dimension, value or missing rule (the message lists the names).
        UnknownIdError: ``area`` is not an area of ``land``.
    """
    _check_labels(labels)
    _check_lang(lang)
    table = _core.coverage(land, rows, cols, value, totals=totals, area=area, inherit=inherit,
                           ages=_ages(ages), missing=missing, names=labels == "name")
    return _whole_counts(_frame(table, labels, lang, value), value)


def age_coverage(
    land: Landscape,
    level: int | None = None,
    area: str | None = None,
    ages: tuple[int, int] = (0, 29),
    *,
    value: str = "measures",
    inherit: bool = True,
    missing: str = "skip",
    labels: str = "id",
    lang: str = "en",
) -> pd.DataFrame:
    """Measures (or capacity, ...) covering each year of age, by level: level × age.

    A measure counts in every year of its ages (its own, else the span of its providers').
    A row that drops to 0 at some age shows where every service of that level ends.

    Args:
        level: only this level (1–4 or a :class:`samkart.Level`); default all four.
        area: only the measures in this area; with ``inherit`` (the default here) measures of
            an enclosing area (the county's) count too, since they serve the area's young people.
        ages: the years shown, inclusive.
        value, missing, labels, lang: as for :func:`coverage`.

    Returns:
        A DataFrame with one row per level and one column per year (ints with ``labels="id"``).

    Raises:
        ValueError: a level outside 1–4, an unknown value. SamkartError: an invalid age range.
        UnknownIdError: an unknown area.
    """
    _check_labels(labels)
    _check_lang(lang)
    lo, hi = ages
    table = _core.age_coverage(land, level=None if level is None else int(level), area=area,
                               ages=(int(lo), int(hi)), value=value, inherit=inherit,
                               missing=missing)
    return _frame(table, labels, lang, value)


def level_shares(
    land: Landscape,
    value: str = "capacity",
    area: str | None = None,
    *,
    inherit: bool = False,
    labels: str = "id",
    lang: str = "en",
) -> pd.DataFrame:
    """The share of ``value`` (capacity by default) at each prevention level.

    Rose's prevention paradox: population-wide (level 1) measures reduce more burden than
    high-risk ones, so how much goes to level 1 matters. Shares are of what is known: a level
    where no measure gives the value has a NaN value and share, and is left out of the whole.

    Returns:
        A DataFrame indexed by level with columns ``value`` (the level's sum), ``share`` (of
        the known sum over levels) and ``missing`` (the level's measures that lack the value).
    """
    _check_labels(labels)
    _check_lang(lang)
    table = _core.level_shares(land, value=value, area=area, inherit=inherit)
    frame = _frame(table, labels, lang, value)
    frame.columns = pd.Index(["value", "share", "missing"])
    frame.attrs.pop("missing", None)
    return frame


def compare_areas(
    land: Landscape,
    level: str = "municipality",
    indicators: Sequence[str] | None = None,
    *,
    value: str = "measures",
    inherit: bool = False,
    population_ages: tuple[int, int] | None = None,
    missing: str = "skip",
    labels: str = "id",
) -> pd.DataFrame:
    """One row per area of an administrative level (each municipality, by default).

    Columns: coverage per prevention level (``universal`` … ``intensive``) and ``total`` (each
    measure once); ``population`` (the sum of the area's population bands within
    ``population_ages``, NaN when the area gives none); the same five per 1,000 of that
    population (``universal_per_1000`` …); then one column per indicator key, the value of its
    latest year.

    Args:
        level: the kind of area: ``country``, ``county``, ``municipality`` or ``district``.
        indicators: indicator keys; default every key given for areas of that kind.
        inherit: count a county-wide measure in each municipality. Off by default, so that
            the rows show what differs between the areas.
        labels: ``"id"`` indexes by area id, ``"name"`` by area name.

    Raises:
        ValueError: an unknown area kind or value.
    """
    _check_labels(labels)
    if indicators is None:
        kinds = {a.id for a in land.areas if a.kind == level}
        seen: dict[str, None] = {}
        for ind in land.indicators:
            if ind.area in kinds:
                seen.setdefault(ind.key, None)
        indicators = list(seen)
    table = _core.compare_areas(
        land, kind=level, indicators=list(indicators), value=value, inherit=inherit,
        population_ages=_ages(population_ages) or (0, 120), missing=missing)
    index = pd.Index(table["row_ids"] if labels == "id" else table["row_names"], name="area")
    frame: pd.DataFrame = pd.DataFrame(table["values"], index=index,
                                       columns=pd.Index(table["col_ids"]), copy=False)
    frame.attrs["value"] = value
    return frame


class RoleMap:
    """Actor × level: the measures each actor provides at each prevention level.

    ``frame`` is a DataFrame indexed by actor id with a ``name`` column and one column per
    level (1–4) holding the measure names joined by ``"; "`` (empty where the actor has none);
    ``measures`` has the same shape with tuples of measure ids. In Jupyter it shows as a
    table with one measure per line, labelled in ``lang``.
    """

    def __init__(self, frame: pd.DataFrame, land: Landscape, area: str | None, inherit: bool,
                 lang: str = "en") -> None:
        self.frame = frame
        self.lang = lang
        self._query = (land, area, inherit)

    @property
    def measures(self) -> pd.DataFrame:
        """The measure ids of each cell, as tuples (built when first asked for)."""
        land, area, inherit = self._query
        r = _core.role_map(land, area=area, inherit=inherit, ids=True)
        ids = r["cell_ids"]
        o = r["offsets"].tolist()
        flat = [tuple(ids[o[k]:o[k + 1]]) for k in range(len(o) - 1)]
        cells = np.empty(len(flat), dtype=object)
        cells[:] = flat
        n = len(self.frame.index)
        out: pd.DataFrame = pd.DataFrame(cells.reshape(n, 4), index=self.frame.index,
                                         columns=pd.Index([1, 2, 3, 4], name="level"))
        return out

    def to_frame(self, labels: str = "id") -> pd.DataFrame:
        """The table; with ``labels="name"`` indexed by actor name with level labels."""
        _check_labels(labels)
        if labels == "id":
            copy: pd.DataFrame = self.frame.copy()
            return copy
        out: pd.DataFrame = self.frame.set_index("name")
        out.index.name = "actor"
        out.columns = pd.Index([Level(int(c)).label(self.lang) for c in out.columns])
        return out

    def __repr__(self) -> str:
        return repr(self.to_frame("name"))

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(Level(lv).label(self.lang))}</th>" for lv in range(1, 5))
        actor = {"nb": "Aktør", "da": "Aktør", "en": "Actor"}[self.lang]
        rows = []
        for actor_id, row in self.frame.iterrows():
            cells = []
            for lv in range(1, 5):
                text = row[lv]
                if text:
                    items = "<br>".join(html.escape(s) for s in text.split("; "))
                    cells.append(f"<td>{items}</td>")
                else:
                    cells.append('<td class="samkart-empty" style="background:#f3f3f3"></td>')
            title = html.escape(str(actor_id))
            rows.append(f'<tr><th title="{title}">{html.escape(row["name"])}</th>'
                        + "".join(cells) + "</tr>")
        return (f'<table class="samkart-role-map"><thead><tr><th>{actor}</th>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")


def role_map(land: Landscape, area: str | None = None, *, inherit: bool = True,
             lang: str = "en") -> RoleMap:
    """Which actor does what at which level: actor × level with the measures' names.

    Args:
        area: the role map of one area (a municipality): the actors that serve it or provide
            a measure in it, and the measures in it. With ``inherit`` (the default) a measure
            of an enclosing area, such as a county-wide one, is in the area too. Default: the
            whole landscape, every actor.
        lang: the language of the level labels in the HTML view and ``to_frame("name")``.

    A measure with several providers is listed in each provider's row.

    Raises:
        UnknownIdError: ``area`` is not an area of ``land``.
    """
    _check_lang(lang)
    r = _core.role_map(land, area=area, inherit=inherit)
    index = pd.Index(r["actor_ids"], name="actor")
    names = np.empty(len(r["names"]), dtype=object)
    names[:] = r["names"]
    frame = pd.DataFrame(names.reshape(len(index), 4), index=index,
                         columns=pd.Index([1, 2, 3, 4], name="level"))
    frame.insert(0, "name", pd.Series(r["actor_names"], index=index, dtype=object))
    return RoleMap(frame, land, area, inherit, lang)
