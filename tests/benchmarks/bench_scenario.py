"""Benchmark of prioritize: 50 candidates, k = 5, on datasets.synthetic(100, 60), the C++
implementation (samkart.scenario over samkart::prioritize, with and without its fast path)
against the pure-Python implementation it replaced, measured in the same run.

Not collected by pytest (testpaths is tests/python and the file is not named test_*). Run from
the repository root with samkart installed:

    python tests/benchmarks/bench_scenario.py                 # 50 candidates, k = 5
    python tests/benchmarks/bench_scenario.py --candidates 10 --k 2 --areas 20

The candidates are made from the gaps of the landscape, ten of each kind of change: an
agreement with a coordinator for an unlinked hand-over (add_link), a coordinator named on the
link of an uncoordinated hand-over (set_link), a level-3 measure after an age cliff
(add_measure), participation for a measure (add_key), and a hand-over added (add_transition).
Prints the seconds of each implementation (best of --repeat for the C++ ones; the reference
once), the ratios, and checks that all three choose the same candidates in the same order
with the same severity reduced (to 1e-9). Results go to docs/performance.md by hand, with the
command and the machine.

The reference implementation below is python/samkart/scenario.py as it was before the C++
port (git show fd1df82:python/samkart/scenario.py), copied unchanged apart from its module
docstring: it applies each candidate by writing the landscape to JSON text, editing it in
Python and reading it back, then compares the gap reports in Python.
"""

from __future__ import annotations

# ruff: noqa

import functools
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from samkart._core import Gap, Landscape, Level
from samkart.errors import ArgumentError, SchemaError, UnknownIdError, ValidationError
from samkart.analysis.gaps import GapRules, find_gaps

__all__ = [
    "Change",
    "Prioritization",
    "PriorityStep",
    "Scenario",
    "ScenarioComparison",
    "compare",
    "prioritize",
]

_Ages = tuple[int, int] | Sequence[int]

#: The kinds of :class:`Change`, i.e. the recording methods of :class:`Scenario`.
CHANGE_KINDS: tuple[str, ...] = (
    "add_area",
    "add_actor",
    "add_measure",
    "add_link",
    "add_transition",
    "add_indicator",
    "remove_actor",
    "remove_link",
    "set_capacity",
    "set_link",
    "add_key",
)

#: Link fields that ``set_link`` may change (``source``, ``target``, ``kind`` identify it).
LINK_FIELDS: tuple[str, ...] = (
    "formal",
    "coordinator",
    "consent",
    "legal_basis",
    "intensity",
    "trust",
    "value",
    "since",
    "until",
    "illustrative",
    "citation",
)

_COLLECTION = {
    "add_area": "areas",
    "add_actor": "actors",
    "add_measure": "measures",
    "add_link": "links",
    "add_transition": "transitions",
    "add_indicator": "indicators",
}

# Relative tolerance when comparing severity-per-cost ratios, so that ties that differ only
# by floating-point noise are broken by label, as documented.
_TIE_TOLERANCE = 1e-12


def _check_cost(cost: float, where: str) -> float:
    value = float(cost)
    if not math.isfinite(value) or value < 0:
        raise ArgumentError(f"{where}: cost must be a finite number ≥ 0, got {cost!r}")
    return value


@dataclass(frozen=True)
class Change:
    """One recorded change of a :class:`Scenario`.

    Attributes:
        kind: the method that recorded it (``"add_link"``, ``"remove_actor"`` ... see
            ``CHANGE_KINDS``).
        args: its arguments; for ``add_*`` the record as it goes into the JSON document
            (absent optionals left out).
        cost: what the change costs, per year in the landscape's currency (≥ 0).
        label: a readable name, given or made from the arguments.
    """

    kind: str
    args: dict[str, Any]
    cost: float = 0.0
    label: str = ""

    def __post_init__(self) -> None:
        if self.kind not in CHANGE_KINDS:
            raise ArgumentError(
                f"Change.kind: unknown kind {self.kind!r}; one of {', '.join(CHANGE_KINDS)}"
            )
        object.__setattr__(self, "cost", _check_cost(self.cost, f"Change {self.label!r}"))
        if not self.label:
            object.__setattr__(self, "label", _default_label(self.kind, self.args))


def _default_label(kind: str, args: Mapping[str, Any]) -> str:
    if kind in ("add_area", "add_actor"):
        return f"{kind.replace('_', ' ')} {args['id']} ({args['name']})"
    if kind == "add_measure":
        return f"add measure {args['id']} ({args['name']}, level {args['level']})"
    if kind in ("add_link", "remove_link", "set_link"):
        link_kind = f" ({args['kind']})" if args.get("kind") else ""
        what = f"{kind.replace('_', ' ')} {args['source']} → {args['target']}{link_kind}"
        if kind == "set_link":
            what += ": " + ", ".join(f"{k}={v!r}" for k, v in args["fields"].items())
        return what
    if kind == "add_transition":
        return f"add transition {args['source']} → {args['target']}"
    if kind == "add_indicator":
        return f"add indicator {args['key']} in {args['area']}"
    if kind == "remove_actor":
        return f"remove actor {args['id']}"
    if kind == "set_capacity":
        return f"set capacity of {args['measure']} to {args['capacity']}"
    return f"add key {args['key']} to {args['measure']}"  # add_key


def _record(**fields: Any) -> dict[str, Any]:
    """A JSON record: absent optionals (None, False, empty) left out, as the writer does."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple)) and not value and key != "providers":
            continue
        if key == "ages":
            value = [int(value[0]), int(value[1])]
        elif isinstance(value, (list, tuple)):
            value = [str(v) for v in value]
        out[key] = value
    return out


class Scenario:
    """Changes to a landscape, recorded without touching it; ``apply()`` gives a new one.

    Every recording method returns the scenario, so changes chain. Each takes ``cost`` (per
    year, in the landscape's currency; default 0) and ``label`` (default made from the
    arguments); ``add_measure``'s ``cost`` is the measure's own yearly cost and also the
    change's, unless ``change_cost`` is given.

    The changes are applied, in order, to the JSON document of the landscape (``land`` as it
    is when ``apply`` is called, or another landscape passed to ``apply``), which is then
    read back and validated as a whole: nothing dangles, and an invalid scenario raises the
    ``ValidationError`` of the reader with the first change that makes it invalid named.
    """

    def __init__(self, land: Landscape, label: str | None = None) -> None:
        self._land = land
        self._label = label
        self._changes: list[Change] = []
        self._added_actors: set[str] = set()
        self._added_measures: set[str] = set()
        #: What the last ``apply`` did beyond the changes themselves (measures removed with
        #: their last provider, coordinators dropped ...).
        self.log: list[str] = []

    @classmethod
    def from_changes(
        cls, land: Landscape, changes: Iterable[Change], label: str | None = None
    ) -> Scenario:
        """A scenario on ``land`` made of already recorded changes (e.g. from others)."""
        scenario = cls(land, label)
        for change in changes:
            if not isinstance(change, Change):
                raise ArgumentError(
                    f"Scenario.from_changes: expected Change objects, got {type(change).__name__}"
                )
            scenario._changes.append(change)
        return scenario

    # --- what it is -----------------------------------------------------------------------

    @property
    def land(self) -> Landscape:
        """The landscape the scenario starts from."""
        return self._land

    @property
    def changes(self) -> list[Change]:
        """The recorded changes, in order."""
        return list(self._changes)

    @property
    def cost(self) -> float:
        """Sum of the changes' costs."""
        return math.fsum(c.cost for c in self._changes)

    @property
    def label(self) -> str:
        """The label given, else the changes' labels joined by "; "."""
        if self._label:
            return self._label
        return "; ".join(c.label for c in self._changes) or "(no change)"

    def __len__(self) -> int:
        return len(self._changes)

    def __repr__(self) -> str:
        lines = [f"Scenario({self.label!r}, {len(self)} changes, cost {self.cost:g})"]
        lines += [f"  {i}. {c.label} (cost {c.cost:g})" for i, c in enumerate(self._changes, 1)]
        return "\n".join(lines)

    # --- recording --------------------------------------------------------------------------

    def _add(self, kind: str, args: dict[str, Any], cost: float, label: str | None) -> Scenario:
        self._changes.append(Change(kind, args, _check_cost(cost, kind), label or ""))
        return self

    def _known_actor(self, actor: str) -> bool:
        if actor in self._added_actors:
            return True
        return any(a.id == actor for a in self._land.actors)

    def _known_measure(self, measure: str) -> bool:
        if measure in self._added_measures:
            return True
        return any(m.id == measure for m in self._land.measures)

    def add_area(
        self,
        id: str,
        *,
        name: str,
        kind: str = "municipality",
        parent: str | None = None,
        population: Mapping[tuple[int, int], float] | None = None,
        illustrative: bool = False,
        citation: str | None = None,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Add an area (as ``Landscape.add_area``)."""
        pop = None
        if population:
            pop = [{"ages": [int(a), int(b)], "count": n} for (a, b), n in population.items()]
        args = _record(
            id=id, name=name, kind=kind, parent=parent, population=pop,
            illustrative=illustrative, citation=citation,
        )  # fmt: skip
        return self._add("add_area", args, cost, label)

    def add_actor(
        self,
        id: str,
        *,
        name: str,
        sector: str = "",
        owner: str,
        areas: Sequence[str] = (),
        ages: _Ages | None = None,
        illustrative: bool = False,
        citation: str | None = None,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Add an actor (as ``Landscape.add_actor``)."""
        args = _record(
            id=id, name=name, sector=sector or None, owner=owner, areas=list(areas), ages=ages,
            illustrative=illustrative, citation=citation,
        )  # fmt: skip
        self._added_actors.add(id)
        return self._add("add_actor", args, cost, label)

    def add_measure(
        self,
        id: str,
        *,
        name: str,
        level: int | str,
        providers: Sequence[str],
        areas: Sequence[str] = (),
        ages: _Ages | None = None,
        targets: Sequence[str] = (),
        capacity: float | None = None,
        participants: float | None = None,
        cost: float | None = None,
        keys: Sequence[str] = (),
        tees: Sequence[str] = (),
        illustrative: bool = False,
        citation: str | None = None,
        change_cost: float | None = None,
        label: str | None = None,
    ) -> Scenario:
        """Add a measure (as ``Landscape.add_measure``). ``cost`` is the measure's yearly
        cost and, unless ``change_cost`` is given, the cost of the change too."""
        level_value: int | str = int(level) if isinstance(level, (int, Level)) else level
        args = _record(
            id=id, name=name, level=level_value, providers=list(providers), areas=list(areas),
            ages=ages, targets=list(targets), capacity=capacity, participants=participants,
            cost=cost, keys=list(keys), tees=list(tees), illustrative=illustrative,
            citation=citation,
        )  # fmt: skip
        self._added_measures.add(id)
        what = change_cost if change_cost is not None else cost if cost is not None else 0.0
        return self._add("add_measure", args, what, label)

    def add_link(
        self,
        source: str,
        target: str,
        *,
        kind: str,
        formal: bool = False,
        coordinator: str | None = None,
        consent: bool = False,
        legal_basis: str | None = None,
        intensity: str | None = None,
        trust: float | None = None,
        value: float | None = None,
        since: str | None = None,
        until: str | None = None,
        illustrative: bool = False,
        citation: str | None = None,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Add a link (as ``Landscape.add_link``)."""
        args = _record(
            source=source, target=target, kind=kind, formal=formal, coordinator=coordinator,
            consent=consent, legal_basis=legal_basis, intensity=intensity, trust=trust,
            value=value, since=since, until=until, illustrative=illustrative, citation=citation,
        )  # fmt: skip
        return self._add("add_link", args, cost, label)

    def add_transition(
        self,
        source: str,
        target: str,
        *,
        volume: float | None = None,
        reason: str | None = None,
        ages: _Ages | None = None,
        illustrative: bool = False,
        citation: str | None = None,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Add a hand-over (as ``Landscape.add_transition``)."""
        args = _record(
            source=source, target=target, volume=volume, reason=reason, ages=ages,
            illustrative=illustrative, citation=citation,
        )  # fmt: skip
        return self._add("add_transition", args, cost, label)

    def add_indicator(
        self,
        area: str,
        key: str,
        value: float,
        *,
        year: int | None = None,
        source: str | None = None,
        illustrative: bool = False,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Add an indicator (as ``Landscape.add_indicator``)."""
        args = _record(
            area=area, key=key, value=value, year=year, source=source, illustrative=illustrative
        )
        return self._add("add_indicator", args, cost, label)

    def remove_actor(self, id: str, *, cost: float = 0.0, label: str | None = None) -> Scenario:
        """Remove an actor with its links and hand-overs (either end), its place as provider
        and as coordinator of others' links. A measure left without provider is removed too,
        and ``log`` says so after ``apply``.

        Raises:
            UnknownIdError: neither the landscape nor the scenario has the actor.
        """
        if not self._known_actor(id):
            raise UnknownIdError(f"remove_actor: unknown actor '{id}'", "actor", id)
        self._added_actors.discard(id)
        return self._add("remove_actor", {"id": id}, cost, label)

    def remove_link(
        self,
        source: str,
        target: str,
        kind: str | None = None,
        *,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Remove the links ``source → target`` (this direction), of ``kind`` or of any kind.
        Applying raises ``ArgumentError`` if there is none."""
        args: dict[str, Any] = {"source": source, "target": target}
        if kind is not None:
            args["kind"] = kind
        return self._add("remove_link", args, cost, label)

    def set_capacity(
        self,
        measure_id: str,
        capacity: float | None,
        *,
        cost: float = 0.0,
        label: str | None = None,
    ) -> Scenario:
        """Set a measure's capacity (places a year); None removes it.

        Raises:
            UnknownIdError: neither the landscape nor the scenario has the measure.
        """
        if not self._known_measure(measure_id):
            raise UnknownIdError(
                f"set_capacity: unknown measure '{measure_id}'", "measure", measure_id
            )
        return self._add("set_capacity", {"measure": measure_id, "capacity": capacity}, cost, label)

    def set_link(
        self,
        source: str,
        target: str,
        kind: str,
        *,
        cost: float = 0.0,
        label: str | None = None,
        **fields: Any,
    ) -> Scenario:
        """Change fields of the links ``source → target`` of ``kind``, e.g.
        ``formal=True, coordinator="ot-skien"``; a field set to None or False is removed.
        Applying raises ``ArgumentError`` if there is no such link.

        Raises:
            ArgumentError: no field given, or a field links do not have (see ``LINK_FIELDS``).
        """
        if not fields:
            raise ArgumentError("set_link: give at least one field to set")
        unknown = sorted(set(fields) - set(LINK_FIELDS))
        if unknown:
            raise ArgumentError(
                f"set_link: unknown link field(s) {', '.join(unknown)}; "
                f"one of {', '.join(LINK_FIELDS)}"
            )
        args = {"source": source, "target": target, "kind": kind, "fields": dict(fields)}
        return self._add("set_link", args, cost, label)

    def add_key(
        self, measure_id: str, key: str, *, cost: float = 0.0, label: str | None = None
    ) -> Scenario:
        """Give a measure a key (``collaboration``, ``participation``, ``innovation``).

        Raises:
            UnknownIdError: neither the landscape nor the scenario has the measure.
        """
        if not self._known_measure(measure_id):
            raise UnknownIdError(f"add_key: unknown measure '{measure_id}'", "measure", measure_id)
        return self._add("add_key", {"measure": measure_id, "key": key}, cost, label)

    # --- applying ---------------------------------------------------------------------------

    def apply(self, land: Landscape | None = None) -> Landscape:
        """A new landscape: the changes applied in order to ``land`` (default: the scenario's
        own), validated as a whole. The landscape applied to is not changed.

        Raises:
            UnknownIdError: a change names an actor or measure that is not there (any more).
            ArgumentError: ``remove_link`` or ``set_link`` finds no such link.
            ValidationError, SchemaError: the result is invalid; the message names the first
                change that makes it so and lists every problem.
        """
        base = self._land if land is None else land
        landscape, log = _apply_changes(base, self._changes)
        self.log = log
        return landscape


def _describe(index: int, change: Change) -> str:
    return f"scenario change {index} ({change.kind}: {change.label})"


def _edit(doc: dict[str, Any], change: Change, where: str, log: list[str]) -> None:
    """Apply one change to the JSON document ``doc``, in place."""
    args = change.args
    kind = change.kind
    if kind in _COLLECTION:
        doc.setdefault(_COLLECTION[kind], []).append(json.loads(json.dumps(args)))
        return
    if kind == "remove_actor":
        actor = args["id"]
        actors = doc.get("actors", [])
        if not any(a["id"] == actor for a in actors):
            raise UnknownIdError(f"{where}: unknown actor '{actor}'", "actor", actor)
        doc["actors"] = [a for a in actors if a["id"] != actor]
        links = doc.get("links", [])
        kept_links = [li for li in links if actor not in (li["source"], li["target"])]
        if len(kept_links) < len(links):
            log.append(f"{where}: removed {len(links) - len(kept_links)} link(s) of '{actor}'")
        for link in kept_links:
            if link.get("coordinator") == actor:
                del link["coordinator"]
                log.append(
                    f"{where}: link {link['source']} → {link['target']} ({link['kind']}) "
                    f"lost its coordinator '{actor}'"
                )
        doc["links"] = kept_links
        transitions = doc.get("transitions", [])
        kept = [t for t in transitions if actor not in (t["source"], t["target"])]
        if len(kept) < len(transitions):
            log.append(f"{where}: removed {len(transitions) - len(kept)} hand-over(s) of '{actor}'")
        doc["transitions"] = kept
        measures = []
        for measure in doc.get("measures", []):
            if actor in measure["providers"]:
                measure["providers"] = [p for p in measure["providers"] if p != actor]
                if not measure["providers"]:
                    log.append(
                        f"{where}: measure '{measure['id']}' ({measure['name']}) removed: "
                        f"'{actor}' was its only provider"
                    )
                    continue
            measures.append(measure)
        doc["measures"] = measures
        return
    if kind in ("set_capacity", "add_key"):
        measure_id = args["measure"]
        found = [m for m in doc.get("measures", []) if m["id"] == measure_id]
        if not found:
            raise UnknownIdError(f"{where}: unknown measure '{measure_id}'", "measure", measure_id)
        for measure in found:
            if kind == "add_key":
                keys = measure.setdefault("keys", [])
                if args["key"] not in keys:
                    keys.append(args["key"])
            elif args["capacity"] is None:
                measure.pop("capacity", None)
            else:
                measure["capacity"] = args["capacity"]
        return
    # remove_link, set_link
    links = doc.get("links", [])

    def matches(link: Mapping[str, Any]) -> bool:
        return (
            link["source"] == args["source"]
            and link["target"] == args["target"]
            and ("kind" not in args or link["kind"] == args["kind"])
        )

    hits = [link for link in links if matches(link)]
    if not hits:
        kind_text = f" of kind {args['kind']}" if "kind" in args else ""
        reverse = any(
            li["source"] == args["target"] and li["target"] == args["source"] for li in links
        )
        hint = " (there is one in the other direction)" if reverse else ""
        raise ArgumentError(
            f"{where}: no link {args['source']} → {args['target']}{kind_text}{hint}"
        )
    if kind == "remove_link":
        doc["links"] = [link for link in links if not matches(link)]
        return
    for link in hits:
        for name, value in args["fields"].items():
            if value is None or value is False:
                link.pop(name, None)
            else:
                link[name] = value


def _apply_changes(land: Landscape, changes: Sequence[Change]) -> tuple[Landscape, list[str]]:
    original: dict[str, Any] = json.loads(land.to_json())
    doc: dict[str, Any] = json.loads(json.dumps(original))
    log: list[str] = []
    for index, change in enumerate(changes, 1):
        _edit(doc, change, _describe(index, change), log)
    try:
        return Landscape.from_json(json.dumps(doc)), log
    except (ValidationError, SchemaError) as err:
        raise _renamed(err, _first_invalid(original, changes)) from err


def _renamed(err: Exception, prefix: str) -> Exception:
    """The same error, its message prefixed (problems, collection and id kept)."""
    message = f"{prefix}: {err}"
    if isinstance(err, SchemaError):
        return SchemaError(message, err.problems, err.source_name)
    if isinstance(err, ValidationError):
        return ValidationError(message, err.problems)
    if isinstance(err, UnknownIdError):
        return UnknownIdError(message, err.collection, err.id)
    return ArgumentError(message)


def _first_invalid(original: dict[str, Any], changes: Sequence[Change]) -> str:
    """The first change after which the document no longer reads (only on the error path)."""
    doc: dict[str, Any] = json.loads(json.dumps(original))
    for index, change in enumerate(changes, 1):
        _edit(doc, change, _describe(index, change), [])
        try:
            Landscape.from_json(json.dumps(doc))
        except (ValidationError, SchemaError):
            return _describe(index, change)
    return "the scenario"  # pragma: no cover - the whole failed, so some prefix fails


# --- compare --------------------------------------------------------------------------------

GapKey = tuple[str, str, int, tuple[str, ...], tuple[int, ...]]


def _gap_key(gap: Gap) -> GapKey:
    return (
        gap.kind,
        gap.area or "",
        0 if gap.level is None else int(gap.level),
        tuple(sorted(gap.actors)),
        tuple(gap.ages) if gap.ages is not None else (),
    )


@dataclass(frozen=True)
class ScenarioComparison:
    """The gaps a change closed, opened and changed.

    Gaps are matched by (kind, area, level, sorted actors, ages); several gaps with the same
    key (e.g. two duplicated pairs of one level) are matched most severe first.

    Attributes:
        closed: gaps of ``before`` with no match in ``after``, most severe first.
        opened: gaps of ``after`` with no match in ``before``.
        changed: (before, after) pairs with the same key and a different severity.
        severity_before, severity_after: total severity of all gaps.
    """

    closed: list[Gap]
    opened: list[Gap]
    changed: list[tuple[Gap, Gap]]
    severity_before: float
    severity_after: float
    gaps_before: int = 0
    gaps_after: int = 0

    @property
    def severity_reduced(self) -> float:
        """``severity_before − severity_after``: what :func:`prioritize` ranks by."""
        return self.severity_before - self.severity_after

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per gap closed, opened or changed: ``status``, kind, area, area_name,
        level, ages, actors, ``severity_before``, ``severity_after`` (0 for a gap that is
        not there) and ``message`` in ``lang`` (of the gap before; after, if opened)."""
        rows: list[dict[str, Any]] = []

        def row(status: str, gap: Gap, before: float, after: float) -> None:
            rows.append(
                {
                    "status": status,
                    "kind": gap.kind,
                    "area": gap.area,
                    "area_name": gap.area_name,
                    "level": None if gap.level is None else int(gap.level),
                    "ages": gap.ages,
                    "actors": gap.actors,
                    "severity_before": before,
                    "severity_after": after,
                    "message": gap.message(lang),
                }
            )

        for gap in self.closed:
            row("closed", gap, gap.severity, 0.0)
        for gap in self.opened:
            row("opened", gap, 0.0, gap.severity)
        for old, new in self.changed:
            row("changed", old, old.severity, new.severity)
        columns = [
            "status", "kind", "area", "area_name", "level", "ages", "actors",
            "severity_before", "severity_after", "message",
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns)
        frame["level"] = frame["level"].astype("Int64")
        frame["severity_before"] = frame["severity_before"].astype("float64")
        frame["severity_after"] = frame["severity_after"].astype("float64")
        return frame

    def summary(self) -> pd.DataFrame:
        """Per gap kind: how many gaps were ``closed``, ``opened``, ``changed``, and the
        total severity ``before``, ``after`` and ``reduced`` (kinds with any change only)."""
        table: dict[str, dict[str, float]] = defaultdict(
            lambda: dict.fromkeys(("closed", "opened", "changed", "before", "after"), 0.0)
        )
        for gap in self.closed:
            table[gap.kind]["closed"] += 1
            table[gap.kind]["before"] += gap.severity
        for gap in self.opened:
            table[gap.kind]["opened"] += 1
            table[gap.kind]["after"] += gap.severity
        for old, new in self.changed:
            table[old.kind]["changed"] += 1
            table[old.kind]["before"] += old.severity
            table[old.kind]["after"] += new.severity
        frame = pd.DataFrame.from_dict(
            table, orient="index", columns=["closed", "opened", "changed", "before", "after"]
        ).sort_index()
        frame.index.name = "kind"
        for column in ("closed", "opened", "changed"):
            frame[column] = frame[column].astype("int64")
        frame["reduced"] = frame["before"] - frame["after"]
        return frame

    def __repr__(self) -> str:
        head = (
            f"ScenarioComparison: {len(self.closed)} closed, {len(self.opened)} opened, "
            f"{len(self.changed)} changed; total severity {self.severity_before:.3f} → "
            f"{self.severity_after:.3f} ({self.gaps_before} → {self.gaps_after} gaps)"
        )
        lines = [head]
        lines += [f"  closed  {_gap_text(g)}" for g in self.closed]
        lines += [f"  opened  {_gap_text(g)}" for g in self.opened]
        lines += [f"  changed {_gap_text(old)} → {new.severity:.3f}" for old, new in self.changed]
        return "\n".join(lines)


def _gap_text(gap: Gap) -> str:
    parts = [gap.kind]
    if gap.area:
        parts.append(gap.area_name or gap.area)
    if gap.level is not None:
        parts.append(f"level {int(gap.level)}")
    if gap.ages is not None:
        parts.append(f"ages {gap.ages[0]}–{gap.ages[1]}")
    if gap.actors:
        parts.append(", ".join(gap.actors))
    return f"{' | '.join(parts)} ({gap.severity:.3f})"


def compare(
    before: Landscape, after: Landscape, rules: GapRules | None = None
) -> ScenarioComparison:
    """The gaps (``find_gaps(land, rules)``) closed, opened and changed from ``before`` to
    ``after``. Neither landscape is changed."""
    return _compare_gaps(find_gaps(before, rules).gaps, find_gaps(after, rules).gaps)


def _compare_gaps(old: Sequence[Gap], new: Sequence[Gap]) -> ScenarioComparison:
    def grouped(gaps: Sequence[Gap]) -> dict[GapKey, list[Gap]]:
        groups: dict[GapKey, list[Gap]] = defaultdict(list)
        for gap in gaps:  # reports are most severe first, so each group is too
            groups[_gap_key(gap)].append(gap)
        return groups

    old_groups, new_groups = grouped(old), grouped(new)
    closed: list[Gap] = []
    opened: list[Gap] = []
    changed: list[tuple[Gap, Gap]] = []
    for key, olds in old_groups.items():
        news = new_groups.get(key, [])
        for a, b in zip(olds, news, strict=False):
            if not math.isclose(a.severity, b.severity, rel_tol=0.0, abs_tol=1e-12):
                changed.append((a, b))
        closed.extend(olds[len(news) :])
    for key, news in new_groups.items():
        opened.extend(news[len(old_groups.get(key, [])) :])
    by_severity = functools.cmp_to_key(_by_severity)
    return ScenarioComparison(
        closed=sorted(closed, key=by_severity),
        opened=sorted(opened, key=by_severity),
        changed=sorted(changed, key=lambda pair: by_severity(pair[0])),
        severity_before=math.fsum(g.severity for g in old),
        severity_after=math.fsum(g.severity for g in new),
        gaps_before=len(old),
        gaps_after=len(new),
    )


def _by_severity(a: Gap, b: Gap) -> int:
    ka, kb = (-a.severity, _gap_key(a)), (-b.severity, _gap_key(b))
    return -1 if ka < kb else 1 if ka > kb else 0


# --- prioritize -----------------------------------------------------------------------------

Candidate = Scenario | Sequence[Change]


@dataclass(frozen=True)
class PriorityStep:
    """One step of :func:`prioritize`: the candidate chosen and why.

    Attributes:
        step: 1-based.
        label: the candidate's label.
        changes: its changes.
        cost: its cost (sum of its changes' costs).
        severity_reduced: total gap severity before − after applying it at this step.
        ratio: ``severity_reduced / cost``; ``inf`` for a candidate that costs nothing.
        comparison: the gaps it closed, opened and changed at this step.
        runner_up: label of the next best candidate at this step (None if none reduced
            severity); ``runner_up_ratio`` and ``runner_up_severity_reduced`` its figures.
        candidates: how many candidates were evaluated at this step.
    """

    step: int
    label: str
    changes: tuple[Change, ...]
    cost: float
    severity_reduced: float
    ratio: float
    comparison: ScenarioComparison
    runner_up: str | None
    runner_up_ratio: float | None
    runner_up_severity_reduced: float | None
    candidates: int

    @property
    def closed(self) -> list[Gap]:
        """The gaps this step closed."""
        return self.comparison.closed

    def explain(self) -> str:
        """A paragraph saying what was chosen, what it closed, and what came second."""
        ratio = "costs nothing" if math.isinf(self.ratio) else f"{self.ratio:.3g} per unit cost"
        text = (
            f"Step {self.step}: {self.label} (cost {self.cost:g}) reduces the total gap "
            f"severity by {self.severity_reduced:.3f} ({ratio}), the best of "
            f"{self.candidates} candidates."
        )
        c = self.comparison
        if c.closed:
            text += " It closes " + "; ".join(_gap_text(g) for g in c.closed) + "."
        if c.opened:
            text += " It opens " + "; ".join(_gap_text(g) for g in c.opened) + "."
        if c.changed:
            shown = "; ".join(f"{_gap_text(a)} → {b.severity:.3f}" for a, b in c.changed[:3])
            more = f" and {len(c.changed) - 3} more" if len(c.changed) > 3 else ""
            text += f" It changes {shown}{more}."
        if self.runner_up is None:
            text += " No other candidate reduces the severity."
        else:
            assert self.runner_up_ratio is not None
            second = (
                "costs nothing"
                if math.isinf(self.runner_up_ratio)
                else f"{self.runner_up_ratio:.3g} per unit cost"
            )
            text += (
                f" Runner-up: {self.runner_up} (reduces {self.runner_up_severity_reduced:.3f},"
                f" {second})."
            )
        return text


@dataclass(frozen=True)
class Prioritization:
    """The result of :func:`prioritize`.

    Attributes:
        steps: the chosen candidates, in order, each explained (:class:`PriorityStep`).
        landscape: the landscape after every chosen step.
        severity_before, severity_after: total gap severity at the start and the end.
        notes: why fewer than ``k`` steps were taken, candidates dropped on the way.
    """

    steps: list[PriorityStep]
    landscape: Landscape
    severity_before: float
    severity_after: float
    notes: list[str] = field(default_factory=list)

    @property
    def total_cost(self) -> float:
        """Sum of the chosen steps' costs."""
        return math.fsum(s.cost for s in self.steps)

    def to_frame(self) -> pd.DataFrame:
        """One row per step: ``step``, ``label``, ``cost``, ``severity_reduced``, ``ratio``,
        ``closed``/``opened``/``changed`` (counts), ``closed_kinds``, ``cumulative_cost``,
        ``severity_after``, ``runner_up``, ``runner_up_ratio``."""
        rows = []
        cumulative = 0.0
        remaining = self.severity_before
        for s in self.steps:
            cumulative += s.cost
            remaining -= s.severity_reduced
            rows.append(
                {
                    "step": s.step,
                    "label": s.label,
                    "cost": s.cost,
                    "severity_reduced": s.severity_reduced,
                    "ratio": s.ratio,
                    "closed": len(s.comparison.closed),
                    "opened": len(s.comparison.opened),
                    "changed": len(s.comparison.changed),
                    "closed_kinds": ", ".join(sorted({g.kind for g in s.comparison.closed})),
                    "cumulative_cost": cumulative,
                    "severity_after": s.comparison.severity_after,
                    "runner_up": s.runner_up,
                    "runner_up_ratio": s.runner_up_ratio,
                }
            )
        columns = [
            "step", "label", "cost", "severity_reduced", "ratio", "closed", "opened", "changed",
            "closed_kinds", "cumulative_cost", "severity_after", "runner_up", "runner_up_ratio",
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns).set_index("step")
        for column in ("cost", "severity_reduced", "ratio", "cumulative_cost", "severity_after"):
            frame[column] = frame[column].astype("float64")
        return frame

    def summary(self) -> str:
        """Every step explained, then the totals and notes."""
        lines = [s.explain() for s in self.steps]
        lines.append(
            f"Total: {len(self.steps)} steps, cost {self.total_cost:g}, total gap severity "
            f"{self.severity_before:.3f} → {self.severity_after:.3f}."
        )
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        head = (
            f"Prioritization: {len(self.steps)} steps, cost {self.total_cost:g}, "
            f"severity {self.severity_before:.3f} → {self.severity_after:.3f}"
        )
        lines = [head] + [
            f"  {s.step}. {s.label}: −{s.severity_reduced:.3f} for {s.cost:g}" for s in self.steps
        ]
        return "\n".join(lines)


@dataclass
class _Option:
    label: str
    changes: tuple[Change, ...]
    cost: float
    order: int


@dataclass
class _Evaluation:
    option: _Option
    landscape: Landscape
    comparison: ScenarioComparison

    @property
    def reduced(self) -> float:
        return self.comparison.severity_reduced

    @property
    def ratio(self) -> float:
        return math.inf if self.option.cost == 0 else self.reduced / self.option.cost


def _rank(a: _Evaluation, b: _Evaluation) -> int:
    """Free candidates first (by severity reduced), then by ratio; ties by label, then by
    the order given."""
    free_a, free_b = a.option.cost == 0, b.option.cost == 0
    if free_a != free_b:
        return -1 if free_a else 1
    score_a = a.reduced if free_a else a.ratio
    score_b = b.reduced if free_b else b.ratio
    if not math.isclose(score_a, score_b, rel_tol=_TIE_TOLERANCE, abs_tol=1e-15):
        return -1 if score_a > score_b else 1
    ka, kb = (a.option.label, a.option.order), (b.option.label, b.option.order)
    return -1 if ka < kb else 1 if ka > kb else 0


def _option(candidate: Candidate, order: int) -> _Option:
    if isinstance(candidate, Scenario):
        return _Option(candidate.label, tuple(candidate.changes), candidate.cost, order)
    given: object = candidate  # checked at run time: callers may pass anything
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence):
        raise ArgumentError(
            f"prioritize: candidate {order + 1} must be a Scenario or a list of Change, "
            f"got {type(candidate).__name__}"
        )
    changes = tuple(given)
    for change in changes:
        if not isinstance(change, Change):
            raise ArgumentError(
                f"prioritize: candidate {order + 1} must be a Scenario or a list of Change; "
                f"it holds a {type(change).__name__}"
            )
    if not changes:
        raise ArgumentError(f"prioritize: candidate {order + 1} has no change")
    label = "; ".join(c.label for c in changes)
    return _Option(label, changes, math.fsum(c.cost for c in changes), order)


def prioritize(
    land: Landscape,
    candidates: Iterable[Candidate],
    k: int,
    rules: GapRules | None = None,
) -> Prioritization:
    """The ``k`` candidates that, chosen greedily one after the other, remove the most total
    gap severity per unit of cost.

    At each step every remaining candidate is applied to the current landscape and scored by
    ``severity reduced = total severity before − after`` (gaps closed, minus gaps opened,
    plus severity lost by gaps that stay) divided by its cost. A candidate that costs nothing
    ranks before every one that costs something (among themselves by severity reduced); a
    candidate that reduces nothing (≤ 0) is never chosen; ties go to the smaller label. The
    best is applied and the search goes on from the new landscape, so a later step is judged
    on what the earlier ones left. Stops early, with a note, when no candidate reduces the
    severity. Greedy is not optimal for choices under a budget (see docs/scenarios.md).

    Args:
        land: the landscape to start from (not changed).
        candidates: Scenarios (their changes and summed cost; the landscape they were made on
            is ignored) or lists of :class:`Change`.
        k: how many steps at most (≥ 1).
        rules: the gap rules (default :class:`GapRules`).

    Raises:
        ArgumentError: ``k`` < 1, no candidates, a candidate of another type or without change.
        ValidationError, UnknownIdError ...: a candidate cannot be applied to ``land``; the
            message names it. (One that can no longer be applied after earlier steps is
            dropped with a note.)
    """
    count: object = k  # checked at run time: callers may pass anything
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ArgumentError(f"prioritize: k must be an integer ≥ 1, got {k!r}")
    options = [_option(c, i) for i, c in enumerate(candidates)]
    if not options:
        raise ArgumentError("prioritize: no candidates")
    current = land
    gaps = find_gaps(current, rules).gaps
    start = math.fsum(g.severity for g in gaps)
    steps: list[PriorityStep] = []
    notes: list[str] = []
    rank = functools.cmp_to_key(_rank)
    while len(steps) < k and options:
        evaluations: list[_Evaluation] = []
        for option in list(options):
            try:
                after, _ = _apply_changes(current, option.changes)
            except (ValidationError, SchemaError, UnknownIdError, ArgumentError) as err:
                if not steps:
                    raise _renamed(err, f"prioritize: candidate '{option.label}'") from err
                notes.append(
                    f"after step {len(steps)}, candidate '{option.label}' no longer applies "
                    f"and was dropped: {err}"
                )
                options.remove(option)
                continue
            new_gaps = find_gaps(after, rules).gaps
            evaluations.append(_Evaluation(option, after, _compare_gaps(gaps, new_gaps)))
        useful = sorted((e for e in evaluations if e.reduced > 1e-12), key=rank)
        if not useful:
            notes.append(
                f"stopped after {len(steps)} of {k} steps: no remaining candidate reduces the "
                "total gap severity"
            )
            break
        best = useful[0]
        second = useful[1] if len(useful) > 1 else None
        steps.append(
            PriorityStep(
                step=len(steps) + 1,
                label=best.option.label,
                changes=best.option.changes,
                cost=best.option.cost,
                severity_reduced=best.reduced,
                ratio=best.ratio,
                comparison=best.comparison,
                runner_up=None if second is None else second.option.label,
                runner_up_ratio=None if second is None else second.ratio,
                runner_up_severity_reduced=None if second is None else second.reduced,
                candidates=len(evaluations),
            )
        )
        options.remove(best.option)
        current = best.landscape
        gaps = find_gaps(current, rules).gaps
    if len(steps) < k and not options and (not notes or not notes[-1].startswith("stopped")):
        notes.append(f"stopped after {len(steps)} of {k} steps: no candidates left")
    return Prioritization(
        steps=steps,
        landscape=current,
        severity_before=start,
        severity_after=math.fsum(g.severity for g in gaps),
        notes=notes,
    )


# --- the benchmark ------------------------------------------------------------------------------

import argparse  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402

import samkart as sk  # noqa: E402
import samkart.analysis.scenario as cpp  # noqa: E402

Spec = tuple[str, list[tuple[str, dict[str, Any], float]]]


def candidate_specs(land: Landscape, per_kind: int) -> list[Spec]:
    """``per_kind`` candidates of each of five kinds of change, from the gaps of ``land``."""
    gaps = find_gaps(land).gaps
    links: dict[frozenset[str], Any] = {}
    for link in land.links:
        links.setdefault(frozenset((link.source, link.target)), link)
    specs: list[Spec] = []
    unlinked = [g for g in gaps if g.kind == "handoff_unlinked"][:per_kind]
    for i, g in enumerate(unlinked):
        a, b = g.actors
        args = {"source": a, "target": b, "kind": "agreement", "formal": True, "coordinator": a}
        specs.append((f"agreement {a}–{b}", [("add_link", args, 50_000.0 + 1_000 * i)]))
    uncoordinated = [g for g in gaps if g.kind == "handoff_uncoordinated"][:per_kind]
    for i, g in enumerate(uncoordinated):
        link = links[frozenset(g.actors)]
        args = {"source": link.source, "target": link.target, "kind": link.kind,
                "fields": {"coordinator": link.source, "formal": True}}
        specs.append((f"coordinator {link.source}", [("set_link", args, 10_000.0 + 500 * i)]))
    cliffs = [g for g in gaps if g.kind == "age_cliff"][:per_kind]
    for i, g in enumerate(cliffs):
        args = {"id": f"bench-m{i}", "name": "Oppfølging videre", "level": 3,
                "providers": [g.actors[0]], "ages": [18, 29], "keys": ["participation"]}
        specs.append((f"measure after {g.actors[0]}", [("add_measure", args, 150_000.0 + 2_000 * i)]))
    measures = [m for m in land.measures if "participation" not in m.keys][:per_kind]
    for i, m in enumerate(measures):
        args = {"measure": m.id, "key": "participation"}
        specs.append((f"participation {m.id}", [("add_key", args, 5_000.0 + 100 * i)]))
    for i, g in enumerate(unlinked[:per_kind]):
        a, b = g.actors
        args = {"source": b, "target": a, "volume": 10.0, "reason": "return"}
        specs.append((f"hand-over {b}→{a}", [("add_transition", args, 1_000.0 + 10 * i)]))
    return specs


def make(change_type: Any, specs: list[Spec]) -> list[list[Any]]:
    return [[change_type(kind, args, cost, "") for kind, args, cost in changes]
            for _, changes in specs]


def timed(fn: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def choices(result: Any) -> list[tuple[str, float]]:
    return [(s.label, s.severity_reduced) for s in result.steps]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=100)
    parser.add_argument("--actors-per-area", type=int, default=60)
    parser.add_argument("--candidates", type=int, default=50, help="a multiple of 5")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="for the C++ runs")
    args = parser.parse_args()

    land = sk.datasets.synthetic(args.areas, args.actors_per_area)
    specs = candidate_specs(land, args.candidates // 5)
    print(f"# {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}")
    print(f"# synthetic({args.areas}, {args.actors_per_area}): {len(land.actors):,} actors, "
          f"{len(land.measures):,} measures, {len(land.links):,} links, "
          f"{len(find_gaps(land).gaps):,} gaps; {len(specs)} candidates, k = {args.k}")
    fast_s, fast = timed(lambda: cpp.prioritize(land, make(cpp.Change, specs), args.k), args.repeat)
    slow_s, slow = timed(
        lambda: cpp.prioritize(land, make(cpp.Change, specs), args.k, reuse=False), args.repeat
    )
    ref_s, ref = timed(lambda: prioritize(land, make(Change, specs), args.k), 1)
    print("| implementation | seconds | × faster than the reference |")
    print("|---|---:|---:|")
    print(f"| reference (Python, JSON round trip) | {ref_s:.2f} | 1.0 |")
    print(f"| C++, reuse=False | {slow_s:.2f} | {ref_s / slow_s:.1f} |")
    print(f"| C++, reuse=True (default) | {fast_s:.2f} | {ref_s / fast_s:.1f} |")
    for name, result in (("reuse=True", fast), ("reuse=False", slow)):
        same = [label for label, _ in choices(result)] == [label for label, _ in choices(ref)]
        close = all(
            abs(a - b) <= 1e-9 for (_, a), (_, b) in zip(choices(result), choices(ref))
        )
        if not (same and close):
            raise SystemExit(f"{name} chose differently:\n{choices(result)}\n{choices(ref)}")
    print(f"Same choices in all three: {[label for label, _ in choices(ref)]}")


if __name__ == "__main__":
    main()
