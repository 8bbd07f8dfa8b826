"""Gap analysis (*hullanalyse*): where young people can fall between services.

``find_gaps(land)`` looks for the kinds of gap of ``GAP_KINDS`` in C++, per municipality:
thirteen kinds of *service* gap (levels with nothing, ages where everything ends, hand-overs
without an agreement, silos, single points of failure, ...) and two kinds of *data* gap (what
was not mapped, capacities not given), and returns a :class:`GapReport`, most severe first.
Each :class:`Gap` has a severity in [0, 1] whose formula, reasoning and sources are in
``docs/gaps.md``, a ``category`` (service or data), ``illustrative`` (it rests on an
illustrative record), the ``records`` it rests on, and ``message(lang)`` in Norwegian Bokmål,
Danish or English. :meth:`GapReport.findings` groups the gaps by cause and ranks them by the
young people affected, for a reader::

    import samkart as sk
    report = sk.find_gaps(sk.datasets.vestfold_telemark())
    report.findings().to_frame(lang="nb")

Every threshold is a field of :class:`GapRules`, with its documented default.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, overload

import pandas as pd

from samkart import _core
from samkart._core import Finding, Gap, Landscape
from samkart.errors import ArgumentError

__all__ = ["GAP_KINDS", "Finding", "Findings", "Gap", "GapReport", "GapRules", "find_gaps"]

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
    "category",
    "illustrative",
    "young_people",
    "records",
    "cause",
    "message",
)

#: Columns of :meth:`Findings.to_frame`, in order.
FINDING_COLUMNS = (
    "cause",
    "kind",
    "category",
    "severity",
    "young_people",
    "areas",
    "area_names",
    "actors",
    "gaps",
    "illustrative",
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
        needs: ``capacity_short``: ``{level: indicator}`` or ``{level: (indicator, share)}``:
            the group that needs the places of that level; the places must reach share × the
            indicator in each area that has it. None: ``{3: "need_level_3", 4: "need_level_4"}``
            (young people who need level-3 or level-4 help), each skipped with a note when no
            area has it; an explicit mapping is checked strictly (unknown indicator:
            ArgumentError). Compare like with like: never intensive places with everyone outside
            work and education.
        capacity_unknown_share: ``capacity_unknown``: a level whose share of measures without
            capacity is above this is a data gap, in [0, 1].
        capacity_levels: ``capacity_unknown``: the levels whose places matter.
        duplication_min_overlap: ``duplication``: least number of overlapping years.
        duplication_levels: ``duplication``: the levels where two measures for the same young
            people are waste; not level 2 by default (several low-threshold doors are wanted).
        statutory_coordination: a link with a legal basis (e.g. registration with OT under
            opplæringslova § 3-6) assigns coordination, so hand-overs it covers are coordinated.
        statutory_bases: the legal bases that count (a basis counts when it starts with one of
            these); empty: any legal basis.
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
    capacity_unknown_share: float = 0.5
    capacity_levels: tuple[int, ...] = (3, 4)
    duplication_levels: tuple[int, ...] = (1, 3, 4)
    statutory_coordination: bool = True
    statutory_bases: tuple[str, ...] = ()
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
            "capacity_unknown_share": float(self.capacity_unknown_share),
            "capacity_levels": [int(level) for level in self.capacity_levels],
            "duplication_levels": [int(level) for level in self.duplication_levels],
            "statutory_coordination": bool(self.statutory_coordination),
            "statutory_bases": list(self.statutory_bases),
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
    without municipalities is one scope without area). Only measures in place (active, pilot)
    cover; an absence is a service gap only where the municipality was mapped completely
    (elsewhere a ``not_mapped`` data gap says what was not mapped); links and agreements of an
    organisation cover its units (``part_of``). Runs in C++ with the GIL released.

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
        category: str | None = None,
    ) -> GapReport:
        """The gaps of some kinds, of one area (exact id), of one level, at least this severe,
        of one category ("service" or "data").

        Raises:
            ArgumentError: an unknown kind, level or category.
        """
        kinds = [kind] if isinstance(kind, str) else None if kind is None else list(kind)
        return GapReport(
            self._core.filter(
                kinds=kinds,
                area=area,
                level=None if level is None else int(level),
                min_severity=float(min_severity),
                category=category,
            )
        )

    def top(self, n: int = 10) -> GapReport:
        """The ``n`` most severe gaps."""
        if n < 0:
            raise ArgumentError(f"top: n must be ≥ 0, got {n}")
        return GapReport(self._core.top(n))

    def findings(self) -> Findings:
        """The gaps grouped by cause, ranked by the young people affected (None last), then
        severity, then the number of areas. Every gap is in exactly one finding; a finding's
        ``gaps`` are positions in this report."""
        return Findings(self._core.findings())

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
                    "category": g.category,
                    "illustrative": g.illustrative,
                    "young_people": g.young_people,
                    "records": g.records,
                    "cause": g.cause,
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
        frame["young_people"] = frame["young_people"].astype("float64")
        frame["illustrative"] = frame["illustrative"].astype("bool")
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
        """``{"findings": [...], "gaps": [...], "notes": [...]}`` with every Finding and Gap
        field and its message in ``lang``; written to ``path`` (UTF-8) when given. Returns the
        text."""
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


class Findings(Sequence[Finding]):
    """The findings of a report, ranked: a read-only list of :class:`Finding` (``cause``,
    ``kind``, ``category``, ``severity``, ``young_people``, ``areas``, ``actors``, ``gaps`` and
    ``message(lang)``), with ``to_frame(lang)`` and an HTML table in a notebook."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self._items: list[Finding] = list(findings)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Findings: ...

    def __getitem__(self, index: int | slice) -> Finding | Findings:
        if isinstance(index, slice):
            return Findings(self._items[index])
        return self._items[index]

    def __repr__(self) -> str:
        service = sum(1 for f in self._items if f.category == "service")
        return f"Findings({len(self)}: {service} service, {len(self) - service} data)"

    def filter(self, category: str | None = None, kind: str | None = None) -> Findings:
        """The findings of one category ("service" or "data") and/or one kind.

        Raises:
            ArgumentError: an unknown category or kind.
        """
        if category is not None and category not in ("service", "data"):
            raise ArgumentError(f"unknown gap category {category!r}; expected service|data")
        if kind is not None and kind not in GAP_KINDS:
            raise ArgumentError(f"unknown gap kind {kind!r}; expected one of {'|'.join(GAP_KINDS)}")
        return Findings(
            f
            for f in self._items
            if (category is None or f.category == category) and (kind is None or f.kind == kind)
        )

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per finding, in rank order, columns ``FINDING_COLUMNS``; ``message`` in
        ``lang`` ("nb", "da", "en"), ``young_people`` NaN where no gap has a count.

        Raises:
            ArgumentError: an unknown language.
        """
        rows = [
            {
                "cause": f.cause,
                "kind": f.kind,
                "category": f.category,
                "severity": f.severity,
                "young_people": f.young_people,
                "areas": f.areas,
                "area_names": f.area_names,
                "actors": f.actors,
                "gaps": tuple(f.gaps),
                "illustrative": f.illustrative,
                "message": f.message(lang),
            }
            for f in self._items
        ]
        if not rows and lang not in ("nb", "da", "en"):
            raise ArgumentError(f"unknown language {lang!r}; expected nb|da|en")
        frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
        frame["severity"] = frame["severity"].astype("float64")
        frame["young_people"] = frame["young_people"].astype("float64")
        frame["illustrative"] = frame["illustrative"].astype("bool")
        return frame

    def _repr_html_(self, lang: str = "en", limit: int = 30) -> str:
        rows = []
        for f in self._items[:limit]:
            people = "" if f.young_people is None else f"{f.young_people:,.0f}"
            mark = " (illustrative)" if f.illustrative else ""
            rows.append(
                "<tr>"
                f"<td>{html.escape(f.category)}</td>"
                f"<td>{people}</td>"
                f"<td>{f.severity:.2f}</td>"
                f"<td>{len(f.gaps)}</td>"
                f"<td>{html.escape(f.message(lang))}{mark}</td>"
                "</tr>"
            )
        more = len(self) - min(len(self), limit)
        tail = f"<p>… and {more} more findings</p>" if more > 0 else ""
        return (
            f"<p><b>Findings</b>: {len(self)}</p>"
            "<table><thead><tr><th>category</th><th>young people</th><th>severity</th>"
            f"<th>gaps</th><th>finding</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{tail}"
        )
