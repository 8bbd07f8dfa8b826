"""Compare two mappings of the same place: what changed in records, coverage, gaps and network.

``diff(before, after)`` matches the records of two landscapes (a 2021 and a 2023 mapping, say)
and returns a :class:`LandscapeDiff`::

    import samkart as sk
    d = sk.diff(land_2021, land_2023)
    print(d.summary())
    d.to_frame()              # one row per record added or removed, per field changed
    d.coverage_change         # area × level, after − before
    d.gaps.opened             # gaps (find_gaps) opened, closed and changed
    d.network                 # density, components, centralization ... before, after, change

Records are matched by id (areas, actors, measures), by ends and kind (links: either
direction for the symmetric kinds, source → target for referrals), by source and target
(transitions) and by area, key and year (indicators). Fields are compared one by one, every
field of the record's schema (``samkart.schema``) that the frames (``to_frames``) carry.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from samkart import schema
from samkart.errors import ArgumentError

if TYPE_CHECKING:
    from samkart._core import Landscape
    from samkart.analysis.network import Network
    from samkart.analysis.scenario import ScenarioComparison

__all__ = ["LandscapeDiff", "diff"]

#: The fields that identify a record of each collection (what records are matched by).
KEYS: Mapping[str, tuple[str, ...]] = {
    "areas": ("id",),
    "actors": ("id",),
    "measures": ("id",),
    "links": ("source", "target", "kind"),
    "transitions": ("source", "target"),
    "indicators": ("area", "key", "year"),
}

_RECORD_COLUMNS = ["collection", "key", "change", "field", "before", "after"]


# --- records ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A cell as a comparable Python value: missing → None, lists → tuples, numpy → Python."""
    if isinstance(value, list | tuple | np.ndarray):
        return tuple(_plain(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _field_columns(collection: str, frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each schema field of the collection → the frame columns that hold it."""
    out: dict[str, tuple[str, ...]] = {}
    for f in schema.fields(collection):
        if f.name in frame.columns:
            out[f.name] = (f.name,)
        elif f.name == "ages" and {"age_min", "age_max"} <= set(frame.columns):
            out[f.name] = ("age_min", "age_max")
    return out


def _records(collection: str, frame: pd.DataFrame, fields: Mapping[str, tuple[str, ...]]
             ) -> dict[tuple[Hashable, ...], dict[str, Any]]:
    """Records keyed by what identifies them; a key used twice gets an occurrence number."""
    columns = {c: [_plain(v) for v in frame[c].tolist()] for cols in fields.values() for c in cols}
    out: dict[tuple[Hashable, ...], dict[str, Any]] = {}
    seen: Counter[tuple[Hashable, ...]] = Counter()
    for k in range(len(frame)):
        record: dict[str, Any] = {}
        for name, cols in fields.items():
            values = tuple(columns[c][k] for c in cols)
            record[name] = (None if all(v is None for v in values) else values) if len(
                cols) > 1 else values[0]
        key = _key(collection, record)
        seen[key] += 1
        out[(*key, seen[key]) if seen[key] > 1 else key] = record
    return out


def _key(collection: str, record: Mapping[str, Any]) -> tuple[Hashable, ...]:
    values = tuple(record.get(k) for k in KEYS[collection])
    if collection == "links" and record.get("kind") != "referral":
        a, b = sorted((str(values[0]), str(values[1])))
        return (a, b, values[2])
    return values


def _key_text(collection: str, key: tuple[Hashable, ...]) -> str:
    if collection in ("areas", "actors", "measures"):
        return str(key[0]) + (f" #{key[1]}" if len(key) > 1 else "")
    if collection == "links":
        arrow = "→" if key[2] == "referral" else "–"
        return f"{key[0]} {arrow} {key[1]} ({key[2]})" + (f" #{key[3]}" if len(key) > 3 else "")
    if collection == "transitions":
        return f"{key[0]} → {key[1]}" + (f" #{key[2]}" if len(key) > 2 else "")
    year = "" if key[2] is None else f" {key[2]}"
    return f"{key[0]} {key[1]}{year}" + (f" #{key[3]}" if len(key) > 3 else "")


def _record_changes(before: Mapping[str, pd.DataFrame], after: Mapping[str, pd.DataFrame]
                    ) -> tuple[pd.DataFrame, dict[str, dict[str, set[tuple[Hashable, ...]]]]]:
    rows: list[dict[str, Any]] = []
    keys: dict[str, dict[str, set[tuple[Hashable, ...]]]] = {}
    for collection in schema.COLLECTIONS:
        fb, fa = before[collection], after[collection]
        fields_b, fields_a = _field_columns(collection, fb), _field_columns(collection, fa)
        fields = {n: c for n, c in fields_b.items() if fields_a.get(n) == c}
        rb, ra = _records(collection, fb, fields), _records(collection, fa, fields)
        added = [k for k in ra if k not in rb]
        removed = [k for k in rb if k not in ra]
        changed: set[tuple[Hashable, ...]] = set()
        keys[collection] = {"added": set(added), "removed": set(removed), "changed": changed}
        for k in removed:
            rows.append({"collection": collection, "key": _key_text(collection, k),
                         "change": "removed", "field": None, "before": None, "after": None})
        for k in added:
            rows.append({"collection": collection, "key": _key_text(collection, k),
                         "change": "added", "field": None, "before": None, "after": None})
        identity = set(KEYS[collection])
        for k, old in rb.items():
            new = ra.get(k)
            if new is None:
                continue
            for name in fields:
                if name in identity:
                    continue
                if old[name] != new[name]:
                    changed.add(k)
                    rows.append({"collection": collection, "key": _key_text(collection, k),
                                 "change": "changed", "field": name, "before": old[name],
                                 "after": new[name]})
    frame = pd.DataFrame(rows, columns=_RECORD_COLUMNS)
    return frame, keys


# --- network -----------------------------------------------------------------------------------


def _centralization(net: Network) -> float:
    n = len(net)
    if n < 3:
        return math.nan
    degree = net.degree()["total"].to_numpy(dtype=float)
    return float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))


def _mean(frame: pd.DataFrame, column: str) -> float:
    if column not in frame.columns or frame[column].isna().all():
        return math.nan
    return float(frame[column].mean())


@dataclass(frozen=True)
class _NetworkFacts:
    density: float
    components: int
    centralization: float
    cut_points: list[str]
    links: int
    trust: float
    value: float
    core: pd.Series


def _network_facts(land: Landscape, links: pd.DataFrame) -> _NetworkFacts:
    from samkart.analysis.network import network

    net = network(land)
    components = int(net.components()["weak"].max()) + 1 if len(net) else 0
    return _NetworkFacts(
        density=net.density(), components=components, centralization=_centralization(net),
        cut_points=net.articulation_points(), links=len(links),
        trust=_mean(links, "trust"), value=_mean(links, "value"),
        core=net.core_periphery().core if len(net) else pd.Series(dtype=bool))


# --- the result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LandscapeDiff:
    """What changed between two mappings (from :func:`diff`).

    Attributes:
        before_name, after_name: the landscapes' names.
        before_year, after_year: their years (None when not set).
        records: one row per record added or removed and per field changed: ``collection``,
            ``key`` (the record's id, or ``"a – b (kind)"`` for a link), ``change``
            (``added``, ``removed``, ``changed``), ``field``, ``before``, ``after`` (the
            values of a changed field; ages as ``(min, max)``, lists as tuples).
        coverage_before, coverage_after: measures by area × level (``coverage(land, "area",
            "level")``), on the union of the areas and levels of both.
        coverage_change: ``coverage_after − coverage_before``.
        gaps: the gaps closed, opened and changed (:func:`samkart.compare`).
        network: ``before``, ``after``, ``change`` of ``density``, ``components``,
            ``centralization`` (Freeman, degree), ``cut_points`` (how many),
            ``links``, ``mean_trust``, ``mean_value`` (over the links that have one).
        links_added, links_ended: links in ``after`` only; links in ``before`` only, or
            whose ``until`` was set in ``after`` (as ``key`` texts of ``records``).
        cut_points_added, cut_points_removed: actors that became or stopped being
            articulation points.
        moved_to_core, moved_to_periphery: actors in both whose Borgatti–Everett
            core–periphery class changed.
    """

    before_name: str
    after_name: str
    before_year: int | None
    after_year: int | None
    records: pd.DataFrame
    coverage_before: pd.DataFrame
    coverage_after: pd.DataFrame
    coverage_change: pd.DataFrame
    gaps: ScenarioComparison
    network: pd.DataFrame
    links_added: list[str] = field(default_factory=list)
    links_ended: list[str] = field(default_factory=list)
    cut_points_added: list[str] = field(default_factory=list)
    cut_points_removed: list[str] = field(default_factory=list)
    moved_to_core: list[str] = field(default_factory=list)
    moved_to_periphery: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing changed: no record, coverage cell, gap or network measure."""
        net = self.network["change"].dropna()
        return bool(self.records.empty and not self.coverage_change.to_numpy().any()
                    and not (self.gaps.opened or self.gaps.closed or self.gaps.changed)
                    and not net.to_numpy().any())

    def to_frame(self) -> pd.DataFrame:
        """The record changes: a copy of :attr:`records`."""
        return self.records.copy()

    def counts(self) -> pd.DataFrame:
        """Records added, removed and changed per collection (collections × changes)."""
        changes = ["added", "removed", "changed"]
        unique = self.records.drop_duplicates(["collection", "key", "change"])
        table = pd.crosstab(unique["collection"], unique["change"]) if len(unique) else (
            pd.DataFrame(dtype="int64"))
        return table.reindex(index=list(schema.COLLECTIONS), columns=changes,
                             fill_value=0).astype("int64")

    def _period(self) -> str:
        def one(name: str, year: int | None) -> str:
            return f"{name} ({year})" if year is not None else name

        before, after = one(self.before_name, self.before_year), one(self.after_name,
                                                                      self.after_year)
        return f"{before} → {after}"

    def summary(self) -> str:
        """A few lines in English: records, coverage, gaps and network."""
        lines = [f"Changes {self._period()}"]
        if self.empty:
            return lines[0] + ": none"
        counts = self.counts()
        for collection, row in counts.iterrows():
            if row.sum():
                lines.append(f"  {collection}: {row['added']} added, {row['removed']} removed, "
                             f"{row['changed']} changed")
        cov = self.coverage_change
        up, down = int((cov > 0).to_numpy().sum()), int((cov < 0).to_numpy().sum())
        lines.append(f"  coverage (area × level): {up} cells up, {down} down")
        g = self.gaps
        lines.append(f"  gaps: {len(g.opened)} opened, {len(g.closed)} closed, "
                     f"{len(g.changed)} changed; severity {g.severity_before:.2f} → "
                     f"{g.severity_after:.2f}")
        net = self.network.to_numpy(dtype=float)
        rows = list(self.network.index)
        density = net[rows.index("density")]
        parts = net[rows.index("components")].astype(int)
        lines.append(
            f"  network: density {density[0]:.3f} → {density[1]:.3f}, components "
            f"{parts[0]} → {parts[1]}, {len(self.links_added)} links new, "
            f"{len(self.links_ended)} ended")
        if self.moved_to_core:
            lines.append(f"  moved to the core: {', '.join(self.moved_to_core)}")
        if self.moved_to_periphery:
            lines.append(f"  moved to the periphery: {', '.join(self.moved_to_periphery)}")
        if self.cut_points_added or self.cut_points_removed:
            lines.append(f"  cut-points: new {', '.join(self.cut_points_added) or 'none'}; "
                         f"no longer {', '.join(self.cut_points_removed) or 'none'}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"<samkart.LandscapeDiff {self._period()}: {len(self.records)} record changes, "
                f"{len(self.gaps.opened)} gaps opened, {len(self.gaps.closed)} closed>")

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [f"<div class='samkart-diff'><strong>{esc('Changes ' + self._period())}"
                 "</strong>"]
        if self.empty:
            parts.append("<p>No change.</p></div>")
            return "".join(parts)
        parts.append("<h4>Records</h4>" + self.counts().to_html())
        parts.append("<h4>Network</h4>" + self.network.to_html(float_format=lambda v: f"{v:.3g}"))
        g = self.gaps
        parts.append(f"<h4>Gaps</h4><p>{len(g.opened)} opened, {len(g.closed)} closed, "
                     f"{len(g.changed)} changed.</p>")
        parts.append("<h4>Coverage change (measures, area × level)</h4>"
                     + self.coverage_change.to_html())
        for title, names in (("Moved to the core", self.moved_to_core),
                             ("Moved to the periphery", self.moved_to_periphery)):
            if names:
                parts.append(f"<p>{esc(title)}: {esc(', '.join(names))}</p>")
        parts.append("</div>")
        return "".join(parts)


def diff(before: Landscape, after: Landscape) -> LandscapeDiff:
    """What changed from ``before`` to ``after``: records, coverage, gaps and network.

    Parameters
    ----------
    before, after : Landscape
        Two mappings of the same place, ``before`` the earlier. Neither is changed.

    Returns
    -------
    LandscapeDiff

    Raises
    ------
    ArgumentError
        The two are in different currencies (costs would not compare), or ``before`` has a
        later year than ``after`` (swap them).
    TypeError
        One of them is not a Landscape.
    """
    from samkart._core import Landscape as _Landscape
    from samkart.analysis.mapping import coverage
    from samkart.analysis.scenario import compare

    given: tuple[tuple[str, object], ...] = (("before", before), ("after", after))
    for name, land in given:
        if not isinstance(land, _Landscape):
            msg = f"diff: {name} must be a samkart.Landscape, not {type(land).__name__}"
            raise TypeError(msg)
    if before.currency != after.currency:
        msg = (f"diff: before is in {before.currency} and after in {after.currency}; costs "
               "would not compare. Convert one mapping's costs to the other's currency first")
        raise ArgumentError(msg)
    if before.year is not None and after.year is not None and before.year > after.year:
        msg = (f"diff: before is from {before.year} and after from {after.year}; the years are "
               "reversed: call diff(earlier, later)")
        raise ArgumentError(msg)
    fb, fa = before.to_frames(), after.to_frames()
    records, keys = _record_changes(fb, fa)

    cb, ca = coverage(before, "area", "level"), coverage(after, "area", "level")
    index = cb.index.union(ca.index, sort=False)
    columns = cb.columns.union(ca.columns, sort=False)
    cb = cb.reindex(index=index, columns=columns, fill_value=0)
    ca = ca.reindex(index=index, columns=columns, fill_value=0)

    nb, na = _network_facts(before, fb["links"]), _network_facts(after, fa["links"])
    network = pd.DataFrame(
        {"before": [nb.density, nb.components, nb.centralization, len(nb.cut_points), nb.links,
                    nb.trust, nb.value],
         "after": [na.density, na.components, na.centralization, len(na.cut_points), na.links,
                   na.trust, na.value]},
        index=pd.Index(["density", "components", "centralization", "cut_points", "links",
                        "mean_trust", "mean_value"], name="measure"), dtype="float64")
    network["change"] = network["after"] - network["before"]

    added = sorted(_key_text("links", k) for k in keys["links"]["added"])
    ended = {_key_text("links", k) for k in keys["links"]["removed"]}
    until = records[(records["collection"] == "links") & (records["field"] == "until")]
    ended |= {str(k) for k, old in zip(until["key"], until["before"], strict=True)
              if _plain(old) is None}
    both = nb.core.index.intersection(na.core.index)
    moved_in = [a for a in both if not nb.core[a] and na.core[a]]
    moved_out = [a for a in both if nb.core[a] and not na.core[a]]
    cut_b, cut_a = set(nb.cut_points), set(na.cut_points)
    return LandscapeDiff(
        before_name=before.name, after_name=after.name, before_year=before.year,
        after_year=after.year, records=records, coverage_before=cb, coverage_after=ca,
        coverage_change=ca - cb, gaps=compare(before, after), network=network,
        links_added=added, links_ended=sorted(ended),
        cut_points_added=[a for a in na.cut_points if a not in cut_b],
        cut_points_removed=[a for a in nb.cut_points if a not in cut_a],
        moved_to_core=[str(a) for a in moved_in], moved_to_periphery=[str(a) for a in moved_out])
