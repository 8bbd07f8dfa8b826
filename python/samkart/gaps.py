"""Gap analysis (*hullanalyse*): where young people can fall between services.

``find_gaps(land)`` looks for the thirteen kinds of gap of ``GAP_KINDS`` (levels with
nothing, ages where everything ends, hand-overs without an agreement, silos, single points of
failure, ...) in C++, per municipality, and returns a :class:`GapReport`, most severe first.
Each :class:`Gap` has a severity in [0, 1] whose formula, reasoning and sources are in
``docs/gaps.md``, and ``message(lang)`` in Norwegian Bokmål, Danish or English::

    import samkart as sk
    report = sk.find_gaps(sk.datasets.vestfold_telemark())
    report.top(10).to_frame(lang="nb")

Every threshold is a field of :class:`GapRules`, with its documented default.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from samkart import _core
from samkart._core import Gap, Landscape
from samkart.errors import ArgumentError

__all__ = ["GAP_KINDS", "Gap", "GapReport", "GapRules", "find_gaps"]

#: The gap kinds, in the order that breaks ties between equally severe gaps.
GAP_KINDS: tuple[str, ...] = tuple(_core.gap_kinds())

#: Columns of :meth:`GapReport.to_frame`, in order.
FRAME_COLUMNS = (
    "kind",
    "severity",
    "area",
    "area_name",
    "level",
    "ages",
    "actors",
    "actor_names",
    "value",
    "expected",
    "measures",
    "detail",
    "value_missing",
    "message",
)


@dataclass(frozen=True)
class GapRules:
    """Every threshold of the gap analysis, each with its documented default (docs/gaps.md).

    Attributes:
        ages: the ages the services should cover together (``age_uncovered``, ``age_cliff``).
        level_weights: severity of ``level_missing`` for levels 1..4; the prevention paradox
            (Rose) puts the universal level first, then the intensive one.
        cliff_min_level: ``age_cliff`` looks at measures of this level and above.
        needs: ``capacity_short``: ``{level: indicator}`` or ``{level: (indicator, share)}``;
            the places at that level must reach share × the indicator in each area that has it.
            None: ``{4: ("neet_count_16_25", 1.0)}``, skipped with a note when no area has it;
            an explicit mapping is checked strictly (unknown indicator: ArgumentError).
        duplication_min_overlap: ``duplication``: least number of overlapping years.
        volume_reference: young people a year at which a hand-over counts fully.
        silo_by: ``silo``: actor attributes to group by ("owner", "sector", "area").
        silo_min_size: ``silo``: least number of actors in a group.
        silo_threshold: ``silo``: E–I index at or below which a group is a silo, in [−1, 1].
        spof_min_separated: ``single_point_of_failure``: least number of actors cut off.
        max_referral_hops: ``unreachable_intensive``: hops allowed to reach a level-4 actor.
        imbalance_value: ``level_imbalance`` counts "measures" or "capacity".
        min_level1_share: ``level_imbalance``: least share of level 1, in [0, 1].
        kind_weights: multiplier per kind name (kinds not named weigh 1).
        kinds: the kind names to look for; None = all.
    """

    ages: tuple[int, int] = (0, 29)
    level_weights: tuple[float, float, float, float] = (1.0, 0.8, 0.8, 0.9)
    cliff_min_level: int = 3
    needs: Mapping[int, str | tuple[str, float]] | None = None
    duplication_min_overlap: int = 3
    volume_reference: float = 500.0
    silo_by: tuple[str, ...] = ("owner", "sector")
    silo_min_size: int = 2
    silo_threshold: float = -0.5
    spof_min_separated: int = 1
    max_referral_hops: int = 3
    imbalance_value: str = "measures"
    min_level1_share: float = 0.25
    kind_weights: Mapping[str, float] = field(default_factory=dict)
    kinds: tuple[str, ...] | None = None

    def _arguments(self) -> dict[str, Any]:
        needs = None
        if self.needs is not None:
            needs = []
            for level, need in self.needs.items():
                key, share = (need, 1.0) if isinstance(need, str) else need
                needs.append((int(level), key, float(share)))
        return {
            "ages": tuple(self.ages),
            "level_weights": list(self.level_weights),
            "cliff_min_level": int(self.cliff_min_level),
            "needs": needs,
            "duplication_min_overlap": self.duplication_min_overlap,
            "volume_reference": float(self.volume_reference),
            "silo_by": list(self.silo_by),
            "silo_min_size": self.silo_min_size,
            "silo_threshold": float(self.silo_threshold),
            "spof_min_separated": self.spof_min_separated,
            "max_referral_hops": self.max_referral_hops,
            "imbalance_value": self.imbalance_value,
            "min_level1_share": float(self.min_level1_share),
            "kind_weights": dict(self.kind_weights),
            "kinds": None if self.kinds is None else list(self.kinds),
        }


def find_gaps(land: Landscape, rules: GapRules | None = None) -> GapReport:
    """Every gap of ``land`` under ``rules`` (default :class:`GapRules`), most severe first.

    Gaps are found per municipality (districts roll into their municipality; a landscape
    without municipalities is one scope without area). Runs in C++ with the GIL released.

    Raises:
        ArgumentError: a rule is invalid (negative threshold, share outside [0, 1], unknown
            kind, attribute or level, an indicator no area has); the message names the rule.
    """
    rules = GapRules() if rules is None else rules
    return GapReport(_core.find_gaps(land, **rules._arguments()))


class GapReport:
    """The gaps of a landscape, most severe first (then by kind, area, level).

    Iterate over it, index it, take ``len``; ``filter`` and ``top`` return new reports;
    ``to_frame`` and ``summary`` give pandas tables, ``to_json`` the JSON export, and a
    Jupyter notebook shows it as an HTML table.
    """

    def __init__(self, core: _core.GapReport) -> None:
        self._core = core

    @property
    def gaps(self) -> list[Gap]:
        """The gaps, most severe first."""
        return list(self._core.gaps)

    @property
    def notes(self) -> list[str]:
        """What the analysis skipped or could not judge (e.g. an indicator no area has)."""
        return list(self._core.notes)

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[Gap]:
        return iter(self._core.gaps)

    def __getitem__(self, index: int) -> Gap:
        return self._core[index]

    def __repr__(self) -> str:
        counts: dict[str, int] = (
            dict(self.to_frame(messages=False)["kind"].value_counts()) if len(self) else {}
        )
        parts = ", ".join(f"{kind}: {n}" for kind, n in counts.items())
        return f"GapReport({len(self)} gaps{': ' + parts if parts else ''})"

    def filter(
        self,
        kind: str | Iterable[str] | None = None,
        area: str | None = None,
        level: int | None = None,
        min_severity: float = 0.0,
    ) -> GapReport:
        """The gaps of some kinds, of one area (exact id), of one level, at least this severe.

        Raises:
            ArgumentError: an unknown kind or level.
        """
        kinds = [kind] if isinstance(kind, str) else None if kind is None else list(kind)
        return GapReport(
            self._core.filter(
                kinds=kinds,
                area=area,
                level=None if level is None else int(level),
                min_severity=float(min_severity),
            )
        )

    def top(self, n: int = 10) -> GapReport:
        """The ``n`` most severe gaps."""
        if n < 0:
            raise ArgumentError(f"top: n must be ≥ 0, got {n}")
        return GapReport(self._core.top(n))

    def to_frame(self, lang: str = "en", messages: bool = True) -> pd.DataFrame:
        """One row per gap, the Gap fields as columns (``FRAME_COLUMNS``), plus ``message``
        in ``lang`` ("nb", "da", "en"). ``level`` is a nullable integer, ``ages`` a tuple or
        None, ``actors`` and ``measures`` tuples of ids.

        Raises:
            ArgumentError: an unknown language.
        """
        rows = []
        for g in self._core.gaps:
            rows.append(
                {
                    "kind": g.kind,
                    "severity": g.severity,
                    "area": g.area,
                    "area_name": g.area_name,
                    "level": None if g.level is None else int(g.level),
                    "ages": g.ages,
                    "actors": g.actors,
                    "actor_names": g.actor_names,
                    "value": g.value,
                    "expected": g.expected,
                    "measures": g.measures,
                    "detail": g.detail,
                    "value_missing": g.value_missing,
                    "message": g.message(lang) if messages else None,
                }
            )
        if messages and not rows:
            self._core.to_json(lang, 0)  # still reject an unknown language
        frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
        frame["level"] = frame["level"].astype("Int64")
        frame["value"] = frame["value"].astype("float64")
        frame["expected"] = frame["expected"].astype("float64")
        frame["severity"] = frame["severity"].astype("float64")
        if not messages:
            frame = frame.drop(columns="message")
        return frame

    def summary(self) -> pd.DataFrame:
        """Counts and severity sums by kind, by area and by level: one table whose index is
        (``by``, value), ``by`` one of "kind", "area", "level"; columns ``gaps`` and
        ``severity``. Gaps without area or level are counted under "(none)"."""
        frame = self.to_frame(messages=False)
        tables = []
        for by in ("kind", "area", "level"):
            keys = frame[by].astype(object).where(frame[by].notna(), "(none)").astype(str)
            table = (
                frame.assign(key=keys)
                .groupby("key", sort=True)
                .agg(gaps=("severity", "size"), severity=("severity", "sum"))
            )
            table.index = pd.MultiIndex.from_product([[by], table.index], names=["by", "value"])
            tables.append(table)
        if not tables or all(t.empty for t in tables):
            index = pd.MultiIndex.from_tuples([], names=["by", "value"])
            columns = {"gaps": pd.Series(dtype="int64"), "severity": pd.Series(dtype="float64")}
            return pd.DataFrame(columns, index=index)
        return pd.concat(tables)

    def to_json(
        self, path: str | PathLike[str] | None = None, lang: str = "en", indent: int = 2
    ) -> str:
        """``{"gaps": [...], "notes": [...]}`` with every Gap field and its message in
        ``lang``; written to ``path`` (UTF-8) when given. Returns the text."""
        text: str = self._core.to_json(lang, indent)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    def _repr_html_(self, lang: str = "en", limit: int = 50) -> str:
        rows = []
        for g in self._core.gaps[:limit]:
            width = round(100 * g.severity)
            rows.append(
                "<tr>"
                f"<td><div style='background:#c0392b;height:0.8em;width:{width}px'></div>"
                f"{g.severity:.2f}</td>"
                f"<td>{html.escape(g.kind)}</td>"
                f"<td>{html.escape(g.area_name or '')}</td>"
                f"<td>{'' if g.level is None else int(g.level)}</td>"
                f"<td>{html.escape(g.message(lang))}</td>"
                "</tr>"
            )
        more = len(self) - min(len(self), limit)
        tail = f"<p>… and {more} more gaps</p>" if more > 0 else ""
        return (
            f"<p><b>GapReport</b>: {len(self)} gaps</p>"
            "<table><thead><tr><th>severity</th><th>kind</th><th>area</th><th>level</th>"
            f"<th>message</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{tail}"
        )
