"""Pieces every section of the report uses: escaping, numbers as a reader of each language
writes them, the landscape as plain tables (whole, or as seen from one municipality), tables
and heatmaps of already-escaped cells, and the running count of suppressed cells."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from samkart import _core
from samkart._core import Landscape, Level
from samkart.analysis.privacy import suppress
from samkart.errors import ArgumentError
from samkart.indicators import format_number
from samkart.report._text import t

__all__ = ["LANGUAGES", "Data", "Suppressed", "check_lang", "e", "heatmap", "label",
           "level_labels", "level_rows", "number", "simple_table", "t"]

#: The languages of the report.
LANGUAGES = ("nb", "da", "en")


def check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        msg = f"report: unknown language {lang!r}; expected one of nb|da|en"
        raise ArgumentError(msg)


def e(value: Any) -> str:
    """``value`` as HTML text: every user string passes here."""
    return html.escape(str(value), quote=True)


def label(vocabulary: str, name: str, lang: str) -> str:
    """The vocabulary label of a name, the name itself when it is outside the vocabulary."""
    for term in _core.terms(vocabulary):
        if term.name == name:
            return str(term.label(lang))
    return name


def number(value: float, lang: str = "en") -> str:
    """A count as people read it: whole numbers without decimals, others with up to two;
    thousands apart as in ``lang`` (a narrow no-break space in nb and da, as the gap messages
    write them, so that a number hidden from a message is found in it); ":" for NaN."""
    if np.isnan(value):
        return ":"
    return format_number(float(value), lang, 0 if float(value).is_integer() else 2)


def join_names(names: Sequence[str], lang: str, limit: int = 6) -> str:
    """``a, b og c`` (``og``/``og``/``and``), the rest as "and N more" beyond ``limit``."""
    items = list(names)
    if len(items) > limit:
        rest = len(items) - limit
        items = [*items[:limit], t("and_more", lang, n=rest)]
        return ", ".join(items[:-1]) + " " + items[-1]
    if len(items) <= 1:
        return "".join(items)
    word = {"nb": "og", "da": "og", "en": "and"}[lang]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


class Data:
    """The landscape's records and names, for the labels and listings of the sections.

    With ``area`` (a municipality's report) it also knows which actors serve the area: an
    actor serves it when one of the actor's areas is the area, an area above it (the county,
    the country: a county-wide actor serves each of its municipalities) or a district below
    it. ``own`` are those whose areas are the area or its districts.
    """

    def __init__(self, land: Landscape, area: str | None = None) -> None:
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
        self.kind = dict(zip(self.areas["id"], self.areas["kind"], strict=True))
        self.parent = {str(a): (None if pd.isna(p) else str(p))
                       for a, p in zip(self.areas["id"], self.areas["parent"], strict=True)}
        self.municipalities = [a for a in self.areas["id"] if self.kind[a] == "municipality"]
        # Municipalities whose own services were not mapped, or not all of them: mapping
        # "none", or "partial" without the owner "municipal" among what was mapped. There a
        # count of findings or measures covers only the rest (16 of 23 in the Vestfold og
        # Telemark example), and 0 findings does not mean no gaps.
        status = dict(zip(self.areas["id"], self.areas["mapping"].astype(str), strict=True))
        mapped = dict(zip(self.areas["id"], self.areas["mapped"], strict=True))
        self.own_unmapped: list[str] = [
            a for a in self.municipalities
            if status[a] == "none" or (status[a] == "partial"
                                       and "municipal" not in (mapped[a] or ()))]
        self.actor_areas = {str(a): tuple(str(x) for x in xs)
                            for a, xs in zip(self.actors["id"], self.actors["areas"], strict=True)}
        self.area = area
        self.above: list[str] = []
        self.below: set[str] = set()
        if area is not None:
            up = self.parent.get(area)
            while up is not None and up not in self.above:
                self.above.append(up)
                up = self.parent.get(up)
            self.below = {a for a in self.parent if area in self.ancestors(a)}

    def ancestors(self, area: str) -> list[str]:
        out: list[str] = []
        up = self.parent.get(area)
        while up is not None and up not in out:
            out.append(up)
            up = self.parent.get(up)
        return out

    def serves(self, actor: str) -> bool:
        """Whether ``actor`` serves the report's area (always, in a report of everything)."""
        if self.area is None:
            return True
        scope = {self.area, *self.above, *self.below}
        return bool(scope.intersection(self.actor_areas.get(actor, ())))

    def own(self, actor: str) -> bool:
        """Whether ``actor`` is the area's own (serves the area or its districts only there)."""
        if self.area is None:
            return True
        return bool({self.area, *self.below}.intersection(self.actor_areas.get(actor, ())))

    @property
    def parent_name(self) -> str:
        """The name of the area above the report's area (the county), or the landscape's."""
        if self.above:
            return str(self.area_name.get(self.above[0], self.above[0]))
        return str(self.land.name)


def simple_table(head: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "",
                 numeric: Sequence[bool] = (), css: str = "") -> str:
    """A table of already-escaped cells, in a box that scrolls sideways on a narrow screen."""
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
    return (f'<div class="scroll"><table{cls}>{cap}<thead><tr>{th}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def colour(value: float, top: float) -> tuple[str, str]:
    """Background and text colour of a heatmap cell: white to dark blue by value / top."""
    if np.isnan(value) or top <= 0:
        return "#ffffff", "#000000"
    x = max(0.0, min(1.0, value / top))
    low, high = np.array([247, 251, 255]), np.array([8, 48, 107])
    rgb = (low + (high - low) * x).round().astype(int)
    return "#{:02x}{:02x}{:02x}".format(*rgb), ("#ffffff" if x > 0.55 else "#000000")


def heatmap(frame: pd.DataFrame, caption: str, row_head: str, css: str = "heat",
            mask: pd.DataFrame | None = None, vertical: bool = True, lang: str = "en") -> str:
    """A table coloured by value; hidden cells (``mask``) show ":"."""
    values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
    col_class = ' class="col"' if vertical else ""
    head = "".join(f"<th{col_class}>{e(c)}</th>" for c in frame.columns)
    rows = []
    for i, row_label in enumerate(frame.index):
        cells = []
        for j in range(values.shape[1]):
            v = values[i, j]
            if mask is not None and bool(mask.iloc[i, j]):
                cells.append('<td class="suppressed" title="suppressed">:</td>')
                continue
            bg, fg = colour(v, top)
            text = "" if np.isnan(v) else number(v, lang)
            cells.append(f'<td style="background:{bg};color:{fg}">{text}</td>')
        rows.append(f"<tr><th>{e(row_label)}</th>{''.join(cells)}</tr>")
    return (f'<div class="scroll"><table class="{css}"><caption>{e(caption)}</caption><thead>'
            f"<tr><th>{e(row_head)}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>")


class Suppressed:
    """Small-cell suppression of the report's tables (:func:`samkart.privacy.suppress`), with
    the running count of hidden cells for the footnote."""

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

    def hides(self, count: float | None) -> bool:
        """Whether a single count of young people (not in a table) is too small to show."""
        return count is not None and self.threshold > 0 and 0 < float(count) < self.threshold


def level_labels(lang: str) -> list[str]:
    return [f"{lv} {Level(lv).label(lang)}" for lv in range(1, 5)]


def level_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Levels 1–4 as the rows of ``frame`` (a table of the analyses), labelled in ``lang``."""
    out = frame.loc[[1, 2, 3, 4]].copy()
    out.index = pd.Index(level_labels(lang))
    return out
