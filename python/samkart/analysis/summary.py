"""A landscape at a glance: counts by level, owner, sector and link kind."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from samkart import _core

if TYPE_CHECKING:
    from samkart._core import Landscape

__all__ = ["Summary", "landscape_html", "summarize"]


@dataclass(frozen=True, eq=False)
class Summary(Mapping[str, "pd.Series[int]"]):
    """Counts of one landscape, as pandas Series of ints.

    It is a read-only mapping with the keys ``"levels"`` (measures by prevention level, indexed
    by the level's label, all four levels), ``"owners"`` (actors by owner, every owner),
    ``"sectors"`` (actors by sector, most frequent first) and ``"link_kinds"`` (links by kind,
    every kind). ``str(summary)`` is a readable text block.
    """

    name: str
    year: int | None
    counts: dict[str, int]
    levels: pd.Series[int]
    owners: pd.Series[int]
    sectors: pd.Series[int]
    link_kinds: pd.Series[int]

    _KEYS = ("levels", "owners", "sectors", "link_kinds")

    def __getitem__(self, key: str) -> pd.Series[int]:
        if key not in self._KEYS:
            raise KeyError(key)
        series: pd.Series[int] = getattr(self, key)
        return series

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def __len__(self) -> int:
        return len(self._KEYS)

    def __str__(self) -> str:
        title = self.name + (f" ({self.year})" if self.year is not None else "")
        lines = [title, "=" * len(title)]
        lines.append(self._counts_text())
        for key, heading in (("levels", "Measures by level"), ("owners", "Actors by owner"),
                             ("sectors", "Actors by sector"), ("link_kinds", "Links by kind")):
            series = self[key]
            lines += ["", heading]
            if series.empty:
                lines.append("  (none)")
                continue
            width = max(len(str(label)) for label in series.index)
            lines += [f"  {label!s:<{width}}  {count:>6}" for label, count in series.items()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _counts_text(self) -> str:
        # "1 link", "2 links": the collection names are regular English plurals.
        return ", ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in self.counts.items())

    def _repr_html_(self) -> str:
        parts = [f"<h4>{html.escape(self.name)}</h4>",
                 f"<p>{html.escape(self._counts_text())}</p>"]
        parts += [self[key].to_frame().to_html() for key in self._KEYS]
        return "\n".join(parts)


def _labels(vocabulary: str, lang: str) -> dict[str, str]:
    return {t.name: t.label(lang) for t in _core.terms(vocabulary)}


def summarize(land: Landscape, lang: str = "en") -> Summary:
    """The counts of ``land``; labels of levels, owners and kinds in ``lang`` (nb, da, en)."""
    counts = {c: len(getattr(land, c)) for c in
              ("areas", "actors", "measures", "links", "transitions", "indicators")}

    by_level = Counter(int(m.level) for m in land.measures)
    levels = pd.Series(
        [by_level.get(int(lv), 0) for lv in _core.Level],
        index=pd.Index([f"{int(lv)} {lv.label(lang)}" for lv in _core.Level], name="level"),
        name="measures", dtype="int64")

    owner_labels = _labels("owner", lang)
    by_owner = Counter(a.owner for a in land.actors)
    owners = pd.Series([by_owner.get(o, 0) for o in owner_labels],
                       index=pd.Index(list(owner_labels.values()), name="owner"),
                       name="actors", dtype="int64")

    sector_labels = _labels("sector", lang)
    by_sector = Counter(a.sector for a in land.actors).most_common()
    sectors = pd.Series([n for _, n in by_sector],
                        index=pd.Index([sector_labels.get(s, s or "(none)") for s, _ in by_sector],
                                       name="sector", dtype=object),
                        name="actors", dtype="int64")

    kind_labels = _labels("link_kind", lang)
    by_kind = Counter(link.kind for link in land.links)
    link_kinds = pd.Series([by_kind.get(k, 0) for k in kind_labels],
                           index=pd.Index(list(kind_labels.values()), name="kind"),
                           name="links", dtype="int64")

    return Summary(land.name, land.year, counts, levels, owners, sectors, link_kinds)


def landscape_html(land: Landscape) -> str:
    """The HTML repr of a landscape in Jupyter: its repr and its summary."""
    return f"<p><code>{html.escape(repr(land))}</code></p>\n" + summarize(land)._repr_html_()
