"""Flows of young people between states: Markov models (*overgangsmodeller*).

A :class:`FlowModel` is a discrete-time Markov chain over named states (``school``,
``dropped_out``, ``ot_follow_up``, ``nav_measure``, ``neet``, ``work``, ...), one step per
month or year. The matrix is row-stochastic: ``P[i, j]`` is the probability of being in state j
one step after being in state i; a state with ``P[i, i] == 1`` is absorbing. The compute runs in
C++ (``samkart._core``) with the GIL released; results come back as pandas objects labelled by
state name. The method, its sources and the conventions are in ``docs/flow.md``.

- :meth:`FlowModel.estimate` builds a model from person-period data (a gap in time is counted
  and reported, never bridged); :func:`bootstrap` gives percentile intervals for every result;
  :func:`dirichlet_draws` and :func:`project_draws` do probabilistic sensitivity analysis.
- :meth:`FlowModel.simulate` runs a seeded microsimulation whose result does not depend on the
  number of threads.
- Costs are money per person-step in each state, one column per payer (municipality, county,
  state); every figure is an input you supply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from samkart import _core, _parallel
from samkart.errors import ArgumentError, ValidationError

__all__ = [
    "Bootstrap",
    "FlowModel",
    "PanelReport",
    "Simulation",
    "bootstrap",
    "dirichlet_draws",
    "project_draws",
]

ArrayLike = npt.ArrayLike
#: Start of a projection or simulation: one value per state, as a mapping from state name to
#: value (missing states are 0), a Series indexed by state, or a sequence in state order.
Start = Mapping[str, float] | pd.Series | Sequence[float] | npt.NDArray[np.float64]


@dataclass(frozen=True)
class PanelReport:
    """What :meth:`FlowModel.estimate` read from a panel, including what it could not use."""

    counts: pd.DataFrame
    """Observed one-step transitions, from (rows) × to (columns)."""
    rows: int
    persons: int
    transitions: int
    gaps: int
    """Consecutive rows of a person more than one period apart: nothing is counted across them."""
    persons_with_gaps: int


class FlowModel:
    """A Markov chain over named states with a row-stochastic transition matrix.

    Parameters
    ----------
    states : sequence of str
        Distinct, non-empty names, in the order of the matrix rows and columns.
    matrix : array-like or DataFrame, #states × #states
        Transition probabilities per step: entries >= 0, each row summing to 1 within 1e-9. A
        DataFrame is reordered to ``states`` by its index and columns.
    step : str
        The length of one step (``"year"``, ``"month"``): a label for the results.

    Raises
    ------
    ValidationError
        Listing every problem: a row that does not sum to 1 (naming the state and the sum), a
        negative or missing entry, a wrong shape, duplicate or empty state names.
    """

    def __init__(self, states: Sequence[str], matrix: ArrayLike | pd.DataFrame,
                 step: str = "year") -> None:
        states = [str(s) for s in states]
        if isinstance(matrix, pd.DataFrame) and set(matrix.index) == set(states) == set(
                matrix.columns):
            matrix = matrix.loc[states, states]
        self._core = _core.FlowModel(states, _float_matrix(matrix, "matrix"), step)
        self.report: PanelReport | None = None
        """For a model from :meth:`estimate`: what the panel held (counts, gaps)."""

    @classmethod
    def _wrap(cls, core: _core.FlowModel, report: PanelReport | None = None) -> FlowModel:
        out = cls.__new__(cls)
        out._core = core
        out.report = report
        return out

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_matrix(cls, states: Sequence[str], matrix: ArrayLike | pd.DataFrame,
                    step: str = "year") -> FlowModel:
        """Same as the constructor."""
        return cls(states, matrix, step)

    @classmethod
    def from_counts(cls, states: Sequence[str], counts: ArrayLike | pd.DataFrame,
                    absorbing: Sequence[str] = (), step: str = "year") -> FlowModel:
        """Maximum-likelihood model from transition counts: each row divided by its total.

        Parameters
        ----------
        counts : array-like or DataFrame, #states × #states
            ``counts[i, j]`` = observed moves from state i to state j.
        absorbing : sequence of str
            States to make absorbing (identity rows): states that end the model, such as
            ``aged_out`` (left the service's age range), that may have no observed moves out.
            They must not have observed moves to other states.

        Raises
        ------
        ValidationError
            Naming each state that is not declared absorbing but has no observations.
        """
        states = [str(s) for s in states]
        if isinstance(counts, pd.DataFrame):
            counts = counts.reindex(index=states, columns=states, fill_value=0)
        return cls._wrap(_core.FlowModel.from_counts(
            states, _float_matrix(counts, "counts"), list(absorbing), step))

    @classmethod
    def estimate(cls, panel: pd.DataFrame, id: str, time: str, state: str, *,
                 states: Sequence[str] | None = None, absorbing: Sequence[str] = (),
                 step: str = "year") -> FlowModel:
        """Estimate a model from person-period data.

        Two rows of the same person in consecutive periods (t, t + 1) give one transition. A
        gap (t to t + 2 or later) is not bridged: it is counted in ``report.gaps``. Rows may
        come in any order.

        Parameters
        ----------
        panel : DataFrame
            One row per person and period.
        id, time, state : str
            Column names. ``time`` must hold whole numbers (years, month numbers) or pandas
            Periods; ``id`` any hashable values.
        states : sequence of str, optional
            The states in model order; a state in the panel that is not listed is an error.
            Default: the states found in the panel, sorted.
        absorbing : sequence of str
            States declared absorbing (see :meth:`from_counts`).

        Raises
        ------
        ValidationError
            For an empty panel, unknown states, missing values, or duplicate person-period rows
            (naming the person, the period and the rows).
        """
        states_list, ids, times, codes, id_names = _panel_columns(panel, id, time, state, states)
        info = _core.count_transitions(ids, times, codes, len(states_list), id_names)
        core = _core.FlowModel.from_counts(states_list, info["counts"], list(absorbing), step)
        report = PanelReport(
            counts=pd.DataFrame(info["counts"], index=pd.Index(states_list, name="from"),
                                columns=pd.Index(states_list, name="to")),
            rows=int(info["rows"]), persons=int(info["persons"]),
            transitions=int(info["transitions"]), gaps=int(info["gaps"]),
            persons_with_gaps=int(info["persons_with_gaps"]))
        return cls._wrap(core, report)

    # -- the chain -------------------------------------------------------------------------
    @property
    def states(self) -> list[str]:
        return list(self._core.states)

    @property
    def step(self) -> str:
        return str(self._core.step)

    @property
    def matrix(self) -> pd.DataFrame:
        """The transition matrix, from (rows) × to (columns)."""
        return self._frame(self._core.matrix, self.states, self.states, "from", "to")

    @property
    def absorbing(self) -> list[str]:
        """The absorbing states (P[i, i] == 1), in state order."""
        return [self.states[i] for i in self._core.absorbing]

    @property
    def transient(self) -> list[str]:
        """The other states, in state order."""
        return [self.states[i] for i in self._core.transient]

    def __repr__(self) -> str:
        return (f"FlowModel({len(self.states)} states per {self.step}, "
                f"absorbing: {', '.join(self.absorbing) or 'none'})")

    # -- results ---------------------------------------------------------------------------
    def absorption_probabilities(self) -> pd.DataFrame:
        """B = N R: the probability that a chain started in each transient state (rows) ends in
        each absorbing state (columns). Raises ArgumentError without absorbing states or when a
        transient state cannot reach one (the message names them)."""
        return self._frame(self._core.absorption_probabilities(), self.transient,
                           self.absorbing, "start", "absorbed_in")

    def expected_steps(self) -> pd.Series:
        """t = N 1: the expected number of steps before absorption, by transient start state."""
        return pd.Series(self._core.expected_steps(), index=pd.Index(self.transient, name="start"),
                         name=f"expected_{self.step}s")

    def expected_visits(self) -> pd.DataFrame:
        """N = (I − Q)^-1: expected steps spent in each transient state (columns, counting the
        start) by a chain started in each transient state (rows), before absorption."""
        return self._frame(self._core.expected_visits(), self.transient, self.transient,
                           "start", "state")

    def stationary(self) -> pd.Series:
        """The stationary distribution of a chain without absorbing states. Raises
        ArgumentError for absorbing chains and for chains with more than one closed class
        (the stationary distribution is then not unique)."""
        return pd.Series(self._core.stationary(), index=pd.Index(self.states, name="state"),
                         name="stationary")

    def project(self, start: Start, steps: int) -> pd.DataFrame:
        """Cohort projection: row t is start · P^t, for t = 0 … steps ((steps + 1) × #states)."""
        out = self._core.project(self._vector(start, "start"), int(steps))
        return self._frame(out, range(int(steps) + 1), self.states, self.step, "state")

    def with_rates(self, rates: Mapping[tuple[str, str], float]) -> FlowModel:
        """A new model with the entries ``(from, to)`` set to the given probabilities.

        In each touched row, the entries not set are rescaled proportionally so that the row
        sums to 1 again: the relative odds of the other destinations are kept. Raises
        ArgumentError if the set rates of a row sum to more than 1, for unknown states, or if
        the rest of the row is all 0 and cannot take up the remainder.
        """
        changes = [(str(f), str(t), float(p)) for (f, t), p in rates.items()]
        return FlowModel._wrap(self._core.with_rates(changes))

    def expected_cost(self, start: Start, steps: int, costs: pd.DataFrame | Mapping[str, Any],
                      discount: float = 0.0) -> pd.DataFrame:
        """Expected cost of a cohort by step and payer.

        A cost is incurred for each person-step spent in a state during steps 0 … steps − 1,
        discounted by (1 + discount)^-t.

        Parameters
        ----------
        start : counts per state
        costs : DataFrame (index: states, columns: payers) or mapping payer → {state: cost}
            Money per person-step; states left out cost 0. All figures are your inputs.

        Returns
        -------
        DataFrame
            steps × payers, with the cost in each step.
        """
        table = self._cost_table(costs)
        out = self._core.expected_cost(self._vector(start, "start"), int(steps),
                                       table.to_numpy(dtype=np.float64), float(discount))
        return pd.DataFrame(out, index=pd.RangeIndex(int(steps), name=self.step),
                            columns=pd.Index(table.columns, name="payer"))

    def simulate(self, n: int | None = None, steps: int = 1, start: Start | None = None, *,
                 seed: int = 0, threads: int = 0) -> Simulation:
        """Microsimulation of ``n`` persons for ``steps`` steps.

        Parameters
        ----------
        start : shares summing to 1 (each person draws a start state; ``n`` required) or whole
            counts (``n`` = their sum; the first persons start in the first state, ...).
        seed : int
            Person p draws from its own stream derived from (seed, p): the result depends on the
            seed only, not on ``threads`` (0 = all cores).
        """
        if start is None:
            raise ArgumentError("give start: shares per state summing to 1, or counts per state")
        values = self._vector(start, "start")
        total = float(values.sum())
        is_counts = not (n is not None and abs(total - 1.0) <= 1e-9)
        if is_counts:
            if not np.all(values == np.floor(values)):
                raise ArgumentError(
                    f"start sums to {total:g}: give shares summing to 1 (with n), or whole counts")
            if n is not None and int(n) != int(total):
                raise ArgumentError(f"start counts sum to {int(total)} but n = {n}")
            n = int(total)
        assert n is not None
        trajectories, occupancy = self._core.simulate(int(n), int(steps), values, is_counts,
                                                      int(seed), int(threads))
        return Simulation(self.states, self.step, trajectories,
                          self._frame(occupancy, range(int(steps) + 1), self.states, self.step,
                                      "state"))

    # -- helpers ---------------------------------------------------------------------------
    def _vector(self, values: Start, what: str) -> npt.NDArray[np.float64]:
        if isinstance(values, pd.Series | Mapping):
            series = pd.Series(values, dtype=np.float64)
            unknown = [str(s) for s in series.index if s not in set(self.states)]
            if unknown:
                raise ArgumentError(f"{what} names unknown states {unknown}; the model's states "
                                    f"are {self.states}")
            return np.asarray(series.reindex(self.states, fill_value=0.0), dtype=np.float64)
        return np.asarray(values, dtype=np.float64)

    def _cost_table(self, costs: pd.DataFrame | Mapping[str, Any]) -> pd.DataFrame:
        table = costs if isinstance(costs, pd.DataFrame) else pd.DataFrame(dict(costs))
        unknown = [str(s) for s in table.index if s not in set(self.states)]
        if unknown:
            raise ArgumentError(f"costs name unknown states {unknown}; the model's states are "
                                f"{self.states}")
        return table.reindex(self.states).fillna(0.0).astype(np.float64)

    @staticmethod
    def _frame(values: Any, rows: Any, cols: Any, row_name: str, col_name: str) -> pd.DataFrame:
        return pd.DataFrame(values, index=pd.Index(list(rows), name=row_name),
                            columns=pd.Index(list(cols), name=col_name))


@dataclass(frozen=True)
class Simulation:
    """Simulated trajectories and their summaries."""

    states: list[str]
    step: str
    trajectories: npt.NDArray[np.integer[Any]]
    """persons × (steps + 1) state codes (int8, or int16 beyond 127 states): index ``states``."""
    occupancy: pd.DataFrame
    """Persons in each state at each step, (steps + 1) × #states."""

    def shares(self) -> pd.DataFrame:
        """Occupancy as shares of the persons at each step."""
        return self.occupancy.div(self.occupancy.sum(axis=1), axis=0)

    def time_in_state(self) -> pd.Series:
        """Mean number of steps a person spends in each state during steps 0 … steps − 1."""
        n = max(int(self.trajectories.shape[0]), 1)
        return (self.occupancy.iloc[:-1].sum(axis=0) / n).rename(f"mean_{self.step}s")

    def labels(self) -> pd.DataFrame:
        """The trajectories as a categorical DataFrame (persons × steps); for small samples."""
        names = np.asarray(self.states, dtype=object)[self.trajectories.astype(np.intp)]
        return pd.DataFrame(names).astype(pd.CategoricalDtype(self.states))

    def costs(self, costs: pd.DataFrame | Mapping[str, Any], discount: float = 0.0) -> pd.DataFrame:
        """Cost per person by payer (persons × payers): each person-step in steps 0 … steps − 1
        costs its state's amount, discounted by (1 + discount)^-t. Computed in blocks of
        persons, so memory stays small for 10^6 persons."""
        table = costs if isinstance(costs, pd.DataFrame) else pd.DataFrame(dict(costs))
        table = table.reindex(self.states).fillna(0.0).astype(np.float64)
        steps = self.trajectories.shape[1] - 1
        factors = (1.0 + discount) ** -np.arange(steps, dtype=np.float64)
        out = np.empty((self.trajectories.shape[0], table.shape[1]), dtype=np.float64)
        block = 1 << 16
        for begin in range(0, self.trajectories.shape[0], block):
            codes = self.trajectories[begin:begin + block, :steps].astype(np.intp)
            for k in range(table.shape[1]):
                out[begin:begin + block, k] = table.iloc[:, k].to_numpy()[codes] @ factors
        return pd.DataFrame(out, columns=pd.Index(table.columns, name="payer"))


@dataclass(frozen=True)
class Bootstrap:
    """Bootstrap replicates of a model estimated from a panel (persons resampled)."""

    model: FlowModel
    """The full-sample estimate."""
    replicates: dict[str, npt.NDArray[np.float64]]
    """``matrices`` (reps × S × S), ``absorption_probabilities``, ``expected_steps``,
    ``expected_visits`` or, without absorbing states, ``stationary``: reps × rows × cols arrays,
    NaN where a replicate's chain leaves the result undefined."""
    rows_filled: int
    """Replicate rows with no observations, filled from the full-sample estimate."""

    def interval(self, result: str = "matrices", level: float = 0.95) -> tuple[Any, Any]:
        """Percentile interval (lower, upper) of a result, labelled like the result itself."""
        if result not in self.replicates:
            raise ArgumentError(f"unknown result {result!r}; choose one of {list(self.replicates)}")
        if not 0.0 < level < 1.0:
            raise ArgumentError(f"level must be between 0 and 1, got {level}")
        reps = self.replicates[result]
        lower, upper = (np.nanquantile(reps, q, axis=0) for q in ((1 - level) / 2, (1 + level) / 2))
        return self._label(result, lower), self._label(result, upper)

    def _label(self, result: str, values: npt.NDArray[np.float64]) -> Any:
        m = self.model
        if result == "matrices":
            return pd.DataFrame(values, index=pd.Index(m.states, name="from"),
                                columns=pd.Index(m.states, name="to"))
        if result == "absorption_probabilities":
            return pd.DataFrame(values, index=pd.Index(m.transient, name="start"),
                                columns=pd.Index(m.absorbing, name="absorbed_in"))
        if result == "expected_steps":
            return pd.Series(values[:, 0], index=pd.Index(m.transient, name="start"))
        if result == "expected_visits":
            return pd.DataFrame(values, index=pd.Index(m.transient, name="start"),
                                columns=pd.Index(m.transient, name="state"))
        return pd.Series(values[0, :], index=pd.Index(m.states, name="state"))


#: Replicates (bootstrap) or draws (PSA) per task on an executor. Any block size gives the
#: same result: replicate r always draws from the C++ stream (seed, r).
BLOCK = 100


def _blocks(total: int, block: int, what: str) -> list[tuple[int, int]]:
    """(first, count) of each block of ``block`` replicates, in order."""
    size: object = block  # checked at run time: callers may pass anything
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ArgumentError(f"{what}: block must be an integer >= 1, got {block!r}")
    return [(first, min(size, total - first)) for first in range(0, total, size)]


def _threads(threads: int | None, executor: object) -> int:
    """0 (every core) in this process; 1 per task on an executor, whose workers are the
    parallelism (several C++ threads per task would oversubscribe their cores)."""
    if threads is not None:
        return int(threads)
    return 0 if executor is None else 1


def _bootstrap_block(
    shared: _parallel.Shared[tuple[Any, ...]], block: tuple[int, int]
) -> dict[str, Any]:
    model, ids, times, codes, id_names, seed, threads = shared.value
    first, count = block
    out: dict[str, Any] = _core.bootstrap(model, ids, times, codes, id_names, count, seed,
                                          threads, first)
    return out


def bootstrap(panel: pd.DataFrame, id: str, time: str, state: str, *,
              reps: int = 1000, seed: int = 0, states: Sequence[str] | None = None,
              absorbing: Sequence[str] = (), step: str = "year", threads: int | None = None,
              executor: object = None, block: int = BLOCK) -> Bootstrap:
    """Nonparametric bootstrap over persons: resample the persons of ``panel`` with replacement
    ``reps`` times, re-estimate, and keep every result. Arguments as :meth:`FlowModel.estimate`.

    Replicate r resamples with its own random stream, derived from (seed, r) in C++
    (xoshiro256** seeded through splitmix64), so the result depends on the seed only: not on
    ``threads``, not on the executor, not on ``block``. With ``executor`` (a
    ``concurrent.futures`` executor or a ``dask.distributed.Client``) the replicates run in
    blocks of ``block`` (replicates [first, first + block) per task), the panel is sent to
    each worker once, and the blocks are concatenated in order: the same arrays as without.
    ``threads``: C++ threads per call, default every core here and 1 per task on an executor.
    """
    model = FlowModel.estimate(panel, id, time, state, states=states, absorbing=absorbing,
                               step=step)
    _, ids, times, codes, id_names = _panel_columns(panel, id, time, state, model.states)
    _parallel.check_executor(executor, "bootstrap")
    count = int(reps)
    workers = _threads(threads, executor)
    if executor is None:
        out = _core.bootstrap(model._core, ids, times, codes, id_names, count, int(seed), workers)
    else:
        if count < 1:
            raise ArgumentError(f"reps must be >= 1, got {count}")
        value = (model._core, ids, times, codes, id_names, int(seed), workers)
        with _parallel.Batch(executor, value, "bootstrap") as batch:
            parts = batch.map(_bootstrap_block, _blocks(count, block, "bootstrap"))
        out = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]
               if key != "rows_filled"}
        out["rows_filled"] = sum(int(p["rows_filled"]) for p in parts)
    rows_filled = int(out.pop("rows_filled"))
    replicates = {k: v for k, v in out.items() if v.size > 0 or k == "matrices"}
    return Bootstrap(model, replicates, rows_filled)


def _dirichlet_block(
    shared: _parallel.Shared[tuple[Any, ...]], block: tuple[int, int]
) -> npt.NDArray[np.float64]:
    counts, seed, prior, absorbing, threads = shared.value
    first, count = block
    draws: npt.NDArray[np.float64] = _core.dirichlet_draws(counts, count, seed, prior, absorbing,
                                                           threads, first)
    return draws


def dirichlet_draws(counts: ArrayLike | pd.DataFrame, draws: int, seed: int = 0,
                    prior: float = 1.0, *, absorbing: Sequence[int | str] = (),
                    threads: int | None = None, executor: object = None,
                    block: int = BLOCK) -> npt.NDArray[np.float64]:
    """Draws of the transition matrix for probabilistic sensitivity analysis.

    Each row i that is not absorbing is drawn from Dirichlet(counts[i, :] + prior); absorbing
    rows (given by position, or by name when ``counts`` is a DataFrame) stay identity rows.
    Returns a draws × #states × #states array. Draw d uses its own stream (seed, d), so the
    result depends on the seed only: not on ``threads``, the executor or ``block`` (with an
    executor, blocks of ``block`` draws per task, concatenated in order; see :func:`bootstrap`).
    """
    names = list(counts.index) if isinstance(counts, pd.DataFrame) else None
    index = [names.index(a) if isinstance(a, str) and names is not None else int(a)
             for a in absorbing]
    matrix = _float_matrix(counts, "counts")
    _parallel.check_executor(executor, "dirichlet_draws")
    workers = _threads(threads, executor)
    if executor is None:
        out: npt.NDArray[np.float64] = _core.dirichlet_draws(matrix, int(draws), int(seed),
                                                             float(prior), index, workers)
        return out
    if int(draws) < 1:
        raise ArgumentError(f"draws must be >= 1, got {int(draws)}")
    value = (matrix, int(seed), float(prior), index, workers)
    with _parallel.Batch(executor, value, "dirichlet_draws") as batch:
        parts = batch.map(_dirichlet_block, _blocks(int(draws), block, "dirichlet_draws"))
    return np.concatenate(parts)


def _project_block(
    shared: _parallel.Shared[tuple[Any, ...]], matrices: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    start, steps, threads = shared.value
    out: npt.NDArray[np.float64] = _core.project_draws(matrices, start, steps, threads)
    return out


def project_draws(matrices: ArrayLike, start: ArrayLike, steps: int,
                  threads: int | None = None, *, executor: object = None,
                  block: int = BLOCK) -> npt.NDArray[np.float64]:
    """Cohort projection for each matrix of a stack: draws × (steps + 1) × #states. With
    ``executor``, blocks of ``block`` matrices per task, concatenated in order (no randomness:
    the same array as without)."""
    stack = np.asarray(matrices, dtype=np.float64)
    first = np.asarray(start, dtype=np.float64)
    _parallel.check_executor(executor, "project_draws")
    workers = _threads(threads, executor)
    if executor is None or stack.ndim != 3 or len(stack) == 0:
        out: npt.NDArray[np.float64] = _core.project_draws(stack, first, int(steps), workers)
        return out
    value = (first, int(steps), workers)
    pieces = [stack[a:a + n] for a, n in _blocks(len(stack), block, "project_draws")]
    with _parallel.Batch(executor, value, "project_draws") as batch:
        parts = batch.map(_project_block, pieces)
    return np.concatenate(parts)


# -- panels ---------------------------------------------------------------------------------
def _float_matrix(values: Any, what: str) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 2:
        raise ValidationError(f"{what} must be a 2-dimensional table (#states × #states), got "
                              f"{array.ndim} dimension(s)")
    return array


def _panel_columns(panel: pd.DataFrame, id: str, time: str, state: str,
                   states: Sequence[str] | None) -> tuple[
                       list[str], npt.NDArray[np.int64], npt.NDArray[np.int64],
                       npt.NDArray[np.int32], list[str]]:
    missing = [c for c in (id, time, state) if c not in panel.columns]
    if missing:
        raise ArgumentError(f"the panel has no column(s) {missing}; its columns are "
                            f"{list(panel.columns)}")
    for column in (id, time, state):
        nulls = panel[column].isna().to_numpy()
        if nulls.any():
            raise ValidationError(f"panel column {column!r} has {int(nulls.sum())} missing "
                                  f"value(s), the first in row {int(np.argmax(nulls))}; fill or "
                                  f"drop them")
    # Ids: integers pass as they are; anything else is factorised and named in messages.
    id_values = panel[id]
    if pd.api.types.is_integer_dtype(id_values.dtype):
        ids = id_values.to_numpy(dtype=np.int64)
        id_names: list[str] = []
    else:
        codes, uniques = pd.factorize(id_values, sort=False)
        ids = codes.astype(np.int64)
        id_names = [str(u) for u in uniques]
    times = _whole_numbers(panel[time], time)
    # States: factorise first (a categorical column already is), so that only the distinct
    # labels are converted and looked up; the codes are mapped with one take.
    labels: pd.Series = panel[state]
    state_uniques: Any
    if isinstance(labels.dtype, pd.CategoricalDtype):
        label_codes = labels.cat.codes.to_numpy()
        state_uniques = labels.cat.categories
    else:
        label_codes, state_uniques = pd.factorize(labels, sort=False)
    unique_labels = [str(u) for u in state_uniques]
    states_list = sorted(set(unique_labels)) if states is None else [str(s) for s in states]
    lookup = pd.Index(states_list).get_indexer(pd.Index(unique_labels)).astype(np.int32)
    state_codes = np.take(lookup, label_codes)
    unknown = state_codes < 0
    if unknown.any():
        first = int(np.argmax(unknown))
        present = np.unique(label_codes[unknown])
        bad = sorted(unique_labels[int(k)] for k in present)
        raise ValidationError(f"panel column {state!r} holds state(s) that are not among the "
                              f"model's states {states_list}: {bad[:10]} (first in row "
                              f"{first}); add them to states or fix the rows")
    return states_list, ids, times, state_codes, id_names


def _whole_numbers(column: pd.Series, name: str) -> npt.NDArray[np.int64]:
    if isinstance(column.dtype, pd.PeriodDtype):
        return pd.PeriodIndex(column).asi8.astype(np.int64)
    if pd.api.types.is_integer_dtype(column.dtype):
        return column.to_numpy(dtype=np.int64)
    if pd.api.types.is_float_dtype(column.dtype):
        values = column.to_numpy(dtype=np.float64)
        if np.all(np.isfinite(values)) and np.all(values == np.floor(values)):
            return values.astype(np.int64)
    raise ArgumentError(f"panel column {name!r} must hold whole numbers (years, month numbers) "
                        f"or pandas Periods, got dtype {column.dtype}; convert it, e.g. "
                        f"dates with .dt.to_period('M')")
