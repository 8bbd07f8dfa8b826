"""Scenarios: what a change in services would do to the gaps, and what to do first.

A :class:`Scenario` records changes to a landscape (a new link, a new measure, an actor
removed, a capacity or a status set ...) without touching it; ``apply()`` builds a new, fully
validated landscape. :func:`compare` says which gaps (``find_gaps``) a change closes, opens and
changes; :func:`prioritize` ranks candidate changes greedily by the gap severity they remove
per unit of cost, each step explained::

    import samkart as sk
    from samkart.analysis.scenario import Scenario, compare, prioritize

    land = sk.datasets.vestfold_telemark()
    s = Scenario(land).add_link("bv-larvik", "nav-larvik", kind="agreement", formal=True,
                                coordinator="bv-larvik", cost=50_000, label="Larvik agreement")
    print(compare(land, s.apply()))

Costs are the user's own figures, per year in the landscape's currency. The work is done in
C++ (``samkart::Scenario``, ``apply_changes``, ``compare``, ``prioritize``) on the records
themselves, with the GIL released; this module records the changes and presents the results.
See ``docs/scenarios.md`` for the greedy rule and its limits.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from samkart import _core, _parallel
from samkart._core import Gap, Landscape, Level
from samkart.analysis.gaps import GapRules, find_gaps
from samkart.errors import ArgumentError, UnknownIdError
from samkart.schema import field_names
from samkart.vocabulary import names

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
    "set_status",
)

#: Link fields that ``set_link`` may change (``source``, ``target``, ``kind`` identify it),
#: from the field table.
LINK_FIELDS: tuple[str, ...] = tuple(
    n for n in field_names("links") if n not in ("source", "target", "kind")
)

#: The statuses a measure can have (``set_status``).
MEASURE_STATUSES: tuple[str, ...] = names("measure_status")


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
        args: its arguments; for ``add_*`` the record as a dict of its fields (absent
            optionals left out), named as in the field table (``samkart.schema``).
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
    if kind == "set_status":
        return f"set status of {args['measure']} to {args['status']}"
    return f"add key {args['key']} to {args['measure']}"  # add_key


def _record(**fields: Any) -> dict[str, Any]:
    """A record's fields: absent optionals (None, False, empty) left out."""
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


def _core_changes(changes: Sequence[Change]) -> list[_core.ScenarioChange]:
    """The changes converted for the C++ core (through the field table); a change that cannot
    be converted is named: ``ArgumentError("scenario change 2 (add_link: ...): ...")``."""
    return _core.scenario_changes([(c.kind, c.args, c.cost, c.label) for c in changes])


class Scenario:
    """Changes to a landscape, recorded without touching it; ``apply()`` gives a new one.

    Every recording method returns the scenario, so changes chain. Each takes ``cost`` (per
    year, in the landscape's currency; default 0) and ``label`` (default made from the
    arguments); ``add_measure``'s ``cost`` is the measure's own yearly cost and also the
    change's, unless ``change_cost`` is given.

    The changes are applied, in order, to the records of the landscape (``land`` as it is
    when ``apply`` is called, or another landscape passed to ``apply``) in C++, and the result
    is validated as a whole: nothing dangles, and an invalid scenario raises the
    ``ValidationError`` of the landscape with the first change that makes it invalid named.
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
        try:
            self._land.actor(actor)
        except UnknownIdError:
            return False
        return True

    def _known_measure(self, measure: str) -> bool:
        if measure in self._added_measures:
            return True
        try:
            self._land.measure(measure)
        except UnknownIdError:
            return False
        return True

    def _check_measure(self, method: str, measure_id: str) -> None:
        if not self._known_measure(measure_id):
            raise UnknownIdError(f"{method}: unknown measure '{measure_id}'", "measure", measure_id)

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
        status: str | None = None,
        illustrative: bool = False,
        citation: str | None = None,
        change_cost: float | None = None,
        label: str | None = None,
    ) -> Scenario:
        """Add a measure (as ``Landscape.add_measure``). ``cost`` is the measure's yearly
        cost and, unless ``change_cost`` is given, the cost of the change too. ``status``
        (default active) may be e.g. ``"proposed"``, to be set active by a later change."""
        level_value: int | str = int(level) if isinstance(level, (int, Level)) else level
        args = _record(
            id=id, name=name, level=level_value, providers=list(providers), areas=list(areas),
            ages=ages, targets=list(targets), capacity=capacity, participants=participants,
            cost=cost, keys=list(keys), tees=list(tees), status=status,
            illustrative=illustrative, citation=citation,
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
        """Remove an actor with everything that hangs on it: its links and hand-overs (either
        end), its place as provider, as coordinator of others' links and as the ``part_of``
        of its units. A measure left without provider is removed too (and a ``participants_of``
        naming it is cleared); ``log`` says so after ``apply``.

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
        self._check_measure("set_capacity", measure_id)
        return self._add("set_capacity", {"measure": measure_id, "capacity": capacity}, cost, label)

    def set_status(
        self, measure_id: str, status: str, *, cost: float = 0.0, label: str | None = None
    ) -> Scenario:
        """Set a measure's status (``active``, ``pilot``, ``proposed``, ``ended``), e.g. a
        proposed measure made active.

        Raises:
            UnknownIdError: neither the landscape nor the scenario has the measure.
            ArgumentError: an unknown status.
        """
        self._check_measure("set_status", measure_id)
        if status not in MEASURE_STATUSES:
            raise ArgumentError(
                f"set_status: unknown status {status!r}; one of {', '.join(MEASURE_STATUSES)}"
            )
        return self._add("set_status", {"measure": measure_id, "status": status}, cost, label)

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
        self._check_measure("add_key", measure_id)
        return self._add("add_key", {"measure": measure_id, "key": key}, cost, label)

    # --- applying ---------------------------------------------------------------------------

    def apply(self, land: Landscape | None = None) -> Landscape:
        """A new landscape: the changes applied in order to ``land`` (default: the scenario's
        own), validated as a whole. The landscape applied to is not changed.

        Raises:
            UnknownIdError: a change names an actor or measure that is not there (any more).
            ArgumentError: ``remove_link`` or ``set_link`` finds no such link; a value does
                not suit its field.
            ValidationError: the result is invalid; the message names the first change that
                makes it so and ``problems`` lists every problem.
        """
        base = self._land if land is None else land
        landscape, log = _core.apply_changes(base, _core_changes(self._changes))
        self.log = list(log)
        return landscape


# --- compare --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioComparison:
    """The gaps a change closed, opened and changed.

    Gaps are matched by (kind, area, level, sorted actors, ages); several gaps with the same key
    (e.g. two duplicated pairs of one level) are matched most severe first.

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

    @classmethod
    def _from_core(cls, c: _core.ScenarioComparison) -> ScenarioComparison:
        return cls(
            closed=list(c.closed),
            opened=list(c.opened),
            changed=[(a, b) for a, b in c.changed],
            severity_before=c.severity_before,
            severity_after=c.severity_after,
            gaps_before=c.gaps_before,
            gaps_after=c.gaps_after,
        )

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
        lines += [f"  closed  {_core.gap_text(g)}" for g in self.closed]
        lines += [f"  opened  {_core.gap_text(g)}" for g in self.opened]
        lines += [
            f"  changed {_core.gap_text(old)} → {new.severity:.3f}" for old, new in self.changed
        ]
        return "\n".join(lines)


def compare(
    before: Landscape, after: Landscape, rules: GapRules | None = None
) -> ScenarioComparison:
    """The gaps (``find_gaps(land, rules)``) closed, opened and changed from ``before`` to
    ``after``. Neither landscape is changed."""
    old, new = find_gaps(before, rules), find_gaps(after, rules)
    return ScenarioComparison._from_core(_core.compare_gaps(old._core, new._core))


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
    _explanation: str = field(default="", repr=False, compare=False)

    @property
    def closed(self) -> list[Gap]:
        """The gaps this step closed."""
        return self.comparison.closed

    def explain(self) -> str:
        """A paragraph saying what was chosen, what it closed, and what came second (the text
        of ``samkart::PriorityStep::explain``)."""
        return self._explanation


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
        for s in self.steps:
            cumulative += s.cost
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


def _option(candidate: Candidate, order: int) -> _Option:
    if isinstance(candidate, Scenario):
        return _Option(candidate.label, tuple(candidate.changes))
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
    return _Option("; ".join(c.label for c in changes), changes)


@dataclass(frozen=True)
class _Evaluation:
    """What every worker of a parallel :func:`prioritize` needs, sent to it once."""

    land: Landscape
    candidates: list[tuple[str, tuple[Change, ...]]]
    rules: dict[str, Any]
    reuse: bool


def _evaluate_chunk(
    shared: _parallel.Shared[_Evaluation], task: tuple[tuple[int, ...], list[int]]
) -> list[float | None]:
    """One chunk of one step, on a worker: the total severity after each candidate of the
    chunk, applied to the landscape after the steps ``chosen`` so far (None where it does not
    apply). The worker keeps the converted candidates and the last landscape it built in the
    shared value's ``memo``, so each step costs it one ``apply`` more, not a replay."""
    payload = shared.value
    chosen, indices = task
    with shared.lock:
        converted = shared.memo.get("converted")
        if converted is None:
            converted = [(label, _core_changes(changes)) for label, changes in payload.candidates]
            shared.memo["converted"] = converted
        built, current = shared.memo.get("current", ((), payload.land))
        if built != chosen[: len(built)]:
            built, current = (), payload.land
        for index in chosen[len(built) :]:
            current, _ = _core.apply_changes(current, converted[index][1])
        shared.memo["current"] = (chosen, current)
    totals: list[float | None] = _core.evaluate_candidates(
        current, converted, indices, payload.reuse, payload.rules
    )
    return totals


def prioritize(
    land: Landscape,
    candidates: Iterable[Candidate],
    k: int,
    rules: GapRules | None = None,
    *,
    reuse: bool = True,
    executor: object = None,
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

    Runs in C++ with the GIL released (``samkart::prioritize``): k steps × c candidates ×
    (applying the candidate to the records + one gap analysis), where each analysis reuses
    the scope tables, link structure and collaboration network of the current landscape
    when the candidate does not touch them.

    Args:
        land: the landscape to start from (not changed).
        candidates: Scenarios (their changes and summed cost; the landscape they were made on
            is ignored) or lists of :class:`Change`.
        k: how many steps at most (≥ 1).
        rules: the gap rules (default :class:`GapRules`).
        reuse: reuse the unchanged parts of the gap analysis (the fast path; same result).
        executor: where the candidates of each step are evaluated: None (here, one after the
            other), a ``concurrent.futures`` executor or a ``dask.distributed.Client``. The
            candidates of a step are dealt out round-robin into one chunk per worker; the
            landscape, the candidates and the rules are sent to each worker once
            (``samkart._parallel``), and each worker rebuilds the current landscape by
            applying the steps chosen so far. The choice, its tie-break and the explanations
            are made here, so the result is identical to the serial one whatever the executor
            and the number of workers (docs/national-scale.md).

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
    converted = []
    for option in options:
        try:
            converted.append((option.label, _core_changes(option.changes)))
        except ArgumentError as err:
            raise ArgumentError(f"prioritize: candidate '{option.label}': {err}") from err
    rules = GapRules() if rules is None else rules
    arguments = rules._arguments()
    _parallel.check_executor(executor, "prioritize")
    if executor is None:
        result = _core.prioritize(land, converted, count, reuse, arguments)
    else:
        payload = _Evaluation(land, [(o.label, o.changes) for o in options], arguments, reuse)
        with _parallel.Batch(executor, payload, "prioritize") as batch:

            def evaluate(chosen: list[int], indices: list[int]) -> list[float | None]:
                # Dealt out round-robin, not cut in runs: candidates of one kind cost alike
                # (a new link rebuilds the network, a new key does not) and often come together.
                n = max(1, min(batch.workers, len(indices)))
                tasks = [(tuple(chosen), indices[i::n]) for i in range(n)]
                totals: list[float | None] = [None] * len(indices)
                for i, part in enumerate(batch.map(_evaluate_chunk, tasks)):
                    totals[i::n] = part
                return totals

            result = _core.prioritize(land, converted, count, reuse, arguments, evaluate)
    steps = [
        PriorityStep(
            step=s.step,
            label=s.label,
            changes=options[s.candidate].changes,
            cost=s.cost,
            severity_reduced=s.severity_reduced,
            ratio=s.ratio,
            comparison=ScenarioComparison._from_core(s.comparison),
            runner_up=s.runner_up,
            runner_up_ratio=s.runner_up_ratio,
            runner_up_severity_reduced=s.runner_up_severity_reduced,
            candidates=s.candidates,
            _explanation=s.explain(),
        )
        for s in result.steps
    ]
    return Prioritization(
        steps=steps,
        landscape=result.landscape,
        severity_before=result.severity_before,
        severity_after=result.severity_after,
        notes=list(result.notes),
    )
