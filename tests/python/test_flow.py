"""samkart.flow: Markov models of flows between states.

Cross-checks against a numpy implementation of the fundamental matrix on hundreds of random
chains and against a pandas count of transitions; a hand-worked example; bootstrap coverage in
a seeded simulation study; seeded, thread-independent simulation; clear errors for bad input.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import samkart as sk
from samkart import flow
from samkart.analysis.flow import FlowModel

# -- numpy reference -------------------------------------------------------------------------


Chain = tuple[list[int], list[int], np.ndarray, np.ndarray, np.ndarray]


def numpy_absorbing(P: np.ndarray) -> Chain:
    """Kemeny & Snell with an explicit inverse: transient, absorbing, N, B = N R, t = N 1."""
    absorbing = [i for i in range(len(P)) if P[i, i] == 1.0]
    transient = [i for i in range(len(P)) if P[i, i] != 1.0]
    Q = P[np.ix_(transient, transient)]
    R = P[np.ix_(transient, absorbing)]
    N = np.linalg.inv(np.eye(len(transient)) - Q)
    return transient, absorbing, N, N @ R, N.sum(axis=1)


def reaches_absorbing(P: np.ndarray, absorbing: list[int]) -> bool:
    reach = (P > 0) | np.eye(len(P), dtype=bool)
    for _ in range(len(P)):
        reach = reach | ((reach.astype(int) @ reach.astype(int)) > 0)
    return bool(all(reach[i, absorbing].any() for i in range(len(P))))


def random_absorbing_chain(rng: np.random.Generator) -> np.ndarray:
    n = int(rng.integers(2, 10))
    n_abs = int(rng.integers(1, n))
    P = rng.random((n, n)) * (rng.random((n, n)) > 0.35)
    P[:n_abs] = 0.0
    P[np.arange(n_abs), np.arange(n_abs)] = 1.0
    for i in range(n_abs, n):
        if P[i].sum() == 0.0:
            P[i, i] = 0.5
            P[i, 0] = 0.5
    P /= P.sum(axis=1, keepdims=True)
    perm = rng.permutation(n)  # absorbing states anywhere in the order
    return P[np.ix_(perm, perm)]


def test_agrees_with_numpy_fundamental_matrix_on_random_chains() -> None:
    rng = np.random.default_rng(20240601)
    checked = singular = 0
    for _ in range(400):
        P = random_absorbing_chain(rng)
        states = [f"s{i}" for i in range(len(P))]
        m = FlowModel(states, P)
        absorbing = [i for i in range(len(P)) if P[i, i] == 1.0]
        if not reaches_absorbing(P, absorbing):
            with pytest.raises(sk.ArgumentError, match="never reach an absorbing state"):
                m.expected_steps()
            singular += 1
            continue
        transient, absorbing, N, B, t = numpy_absorbing(P)
        assert m.transient == [states[i] for i in transient]
        assert m.absorbing == [states[i] for i in absorbing]
        np.testing.assert_allclose(m.expected_visits().to_numpy(), N, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(m.absorption_probabilities().to_numpy(), B, rtol=1e-9,
                                   atol=1e-9)
        np.testing.assert_allclose(m.expected_steps().to_numpy(), t, rtol=1e-9, atol=1e-9)
        checked += 1
    assert checked + singular == 400
    assert checked >= 300


def test_stationary_agrees_with_numpy_eigenvector() -> None:
    rng = np.random.default_rng(7)
    for _ in range(100):
        n = int(rng.integers(2, 8))
        P = rng.random((n, n)) + 0.01
        P /= P.sum(axis=1, keepdims=True)
        values, vectors = np.linalg.eig(P.T)
        pi = np.real(vectors[:, np.argmin(np.abs(values - 1.0))])
        pi /= pi.sum()
        got = FlowModel([f"s{i}" for i in range(n)], P).stationary()
        np.testing.assert_allclose(got.to_numpy(), pi, atol=1e-9)


def test_hand_worked_three_state_example() -> None:
    # school and neet are transient, work absorbing:
    #   Q = [[0.5, 0.2], [0.2, 0.4]], R = [[0.3], [0.4]]
    #   I - Q = [[0.5, -0.2], [-0.2, 0.6]], det = 0.5 * 0.6 - 0.2 * 0.2 = 0.26
    #   N = (1 / 0.26) [[0.6, 0.2], [0.2, 0.5]] = [[30/13, 10/13], [10/13, 25/13]]
    #   t = N 1 = [40/13, 35/13] ≈ [3.077, 2.692] years
    #   B = N R = [30/13 * 0.3 + 10/13 * 0.4, 10/13 * 0.3 + 25/13 * 0.4] = [13/13, 13/13] = [1, 1]
    m = FlowModel(["school", "neet", "work"],
                  [[0.5, 0.2, 0.3], [0.2, 0.4, 0.4], [0.0, 0.0, 1.0]])
    assert m.absorbing == ["work"]
    N = m.expected_visits()
    assert N.loc["school", "school"] == pytest.approx(30 / 13, abs=1e-12)
    assert N.loc["school", "neet"] == pytest.approx(10 / 13, abs=1e-12)
    assert N.loc["neet", "neet"] == pytest.approx(25 / 13, abs=1e-12)
    t = m.expected_steps()
    assert t["school"] == pytest.approx(40 / 13, abs=1e-12)
    assert t["neet"] == pytest.approx(35 / 13, abs=1e-12)
    assert m.absorption_probabilities().loc["neet", "work"] == pytest.approx(1.0)
    # Projection of 100 pupils: step 1 = [50, 20, 30];
    # step 2 = [50*0.5 + 20*0.2, 50*0.2 + 20*0.4, 30 + 50*0.3 + 20*0.4] = [29, 18, 53].
    proj = m.project({"school": 100}, 2)
    assert proj.loc[2].tolist() == pytest.approx([29, 18, 53])
    # with_rates: neet → work raised to 0.6; the rest of the row (school 0.2, neet 0.4, total
    # 0.6) shares the remaining 0.4 in proportion: school 0.2 * 0.4/0.6 = 0.1333, neet 0.2667.
    m2 = m.with_rates({("neet", "work"): 0.6})
    assert m2.matrix.loc["neet"].tolist() == pytest.approx([0.4 / 3, 0.8 / 3, 0.6])
    assert m.matrix.loc["neet", "work"] == 0.4  # a new model; the old one is unchanged
    # Costs: the municipality pays 100 per person-year in neet. Step 0: 0 in neet; step 1: 20
    # → 2000; with discount 1.0 (halving per step): 1000.
    cost = m.expected_cost({"school": 100}, 2, {"municipality": {"neet": 100.0}})
    assert cost["municipality"].tolist() == pytest.approx([0.0, 2000.0])
    cost = m.expected_cost({"school": 100}, 2, {"municipality": {"neet": 100.0}}, discount=1.0)
    assert cost["municipality"].tolist() == pytest.approx([0.0, 1000.0])


def test_two_absorbing_states_and_labels() -> None:
    # N = 1 / (1 - 0.6) = 2.5, B = 2.5 * [0.3, 0.1] = [0.75, 0.25].
    m = FlowModel(["work", "follow_up", "disability"],
                  [[1, 0, 0], [0.3, 0.6, 0.1], [0, 0, 1]], step="month")
    b = m.absorption_probabilities()
    assert list(b.index) == ["follow_up"]
    assert list(b.columns) == ["work", "disability"]
    assert b.loc["follow_up"].tolist() == pytest.approx([0.75, 0.25])
    assert m.expected_steps().name == "expected_months"


# -- estimation ------------------------------------------------------------------------------


def random_panel(rng: np.random.Generator, persons: int = 300) -> pd.DataFrame:
    rows = []
    states = ["school", "neet", "work", "ot"]
    for p in range(persons):
        start = int(rng.integers(2000, 2005))
        length = int(rng.integers(1, 8))
        times = start + np.sort(rng.choice(10, size=length, replace=False))  # gaps happen
        rows += [(f"p{p}", int(t), states[int(rng.integers(0, 4))]) for t in times]
    frame = pd.DataFrame(rows, columns=["person", "year", "status"])
    return frame.sample(frac=1.0, random_state=1).reset_index(drop=True)  # any row order


def pandas_counts(panel: pd.DataFrame, states: list[str]) -> tuple[pd.DataFrame, int, int]:
    p = panel.sort_values(["person", "year"])
    nxt = p.groupby("person").shift(-1)
    step = nxt["year"] - p["year"]
    ok = step == 1
    counts = pd.crosstab(p.loc[ok, "status"], nxt.loc[ok, "status"]).reindex(
        index=states, columns=states, fill_value=0)
    gaps = step > 1
    return counts, int(gaps.sum()), int(p.loc[gaps, "person"].nunique())


def test_estimate_agrees_with_pandas_count() -> None:
    rng = np.random.default_rng(3)
    panel = random_panel(rng)
    states = ["ot", "neet", "school", "work"]
    m = FlowModel.estimate(panel, "person", "year", "status", states=states)
    expected, gaps, persons_with_gaps = pandas_counts(panel, states)
    assert m.report is not None
    np.testing.assert_array_equal(m.report.counts.to_numpy(), expected.to_numpy())
    assert m.report.gaps == gaps > 0
    assert m.report.persons_with_gaps == persons_with_gaps
    assert m.report.persons == panel["person"].nunique()
    assert m.report.transitions == int(expected.to_numpy().sum())
    np.testing.assert_allclose(m.matrix.to_numpy(),
                               expected.div(expected.sum(axis=1), axis=0).to_numpy(), atol=1e-15)
    # A categorical state column gives the same counts.
    m_cat = FlowModel.estimate(panel.astype({"status": "category"}), "person", "year", "status",
                               states=states)
    assert m_cat.report is not None
    assert m_cat.report.counts.equals(m.report.counts)
    # Default states: sorted names found in the panel. Periods work as times.
    m2 = FlowModel.estimate(panel.assign(year=pd.PeriodIndex(panel["year"].astype(str), freq="Y")),
                            "person", "year", "status")
    assert m2.states == sorted(states)
    assert m2.report is not None
    assert m2.report.gaps == gaps


def test_gap_is_not_bridged() -> None:
    panel = pd.DataFrame({"id": [1, 1, 1, 2, 2], "t": [2019, 2020, 2022, 2019, 2020],
                          "s": ["neet", "neet", "work", "neet", "work"]})
    m = FlowModel.estimate(panel, "id", "t", "s", absorbing=["work"])
    assert m.report is not None
    # neet → neet (person 1) and neet → work (person 2); 2020 → 2022 is a gap, not a move.
    assert m.report.counts.loc["neet"].tolist() == [1, 1]
    assert (m.report.gaps, m.report.persons_with_gaps) == (1, 1)
    assert m.matrix.loc["neet", "work"] == 0.5


# -- bad input -------------------------------------------------------------------------------


def test_rows_not_summing_to_one_name_the_state_and_sum() -> None:
    with pytest.raises(sk.ValidationError, match=r"'neet' sums to 0\.9.*divide it by its sum"):
        FlowModel(["neet", "work"], [[0.5, 0.4], [0, 1]])


def test_negative_probabilities() -> None:
    with pytest.raises(sk.ValidationError, match=r"P\['neet', 'work'\] = -0\.2 is negative"):
        FlowModel(["neet", "work"], [[1.2, -0.2], [0, 1]])


def test_bad_states_and_shapes() -> None:
    with pytest.raises(sk.ValidationError, match="more than once"):
        FlowModel(["a", "a"], [[1, 0], [0, 1]])
    with pytest.raises(sk.ValidationError, match="empty"):
        FlowModel(["a", ""], [[1, 0], [0, 1]])
    with pytest.raises(sk.ValidationError, match="3 states"):
        FlowModel(["a", "b", "c"], [[1, 0], [0, 1]])
    with pytest.raises(sk.ValidationError,
                       match=r"no transitions out of 'work'.*declare it absorbing"):
        FlowModel.from_counts(["neet", "work"], [[3, 1], [0, 0]])


def test_panel_errors() -> None:
    panel = pd.DataFrame({"id": ["a", "a", "b"], "t": [1, 2, 1], "s": ["neet", "work", "jail"]})
    with pytest.raises(sk.ValidationError, match=r"not among the model's states.*\['jail'\]"):
        FlowModel.estimate(panel, "id", "t", "s", states=["neet", "work"])
    with pytest.raises(sk.ValidationError, match="the panel is empty"):
        FlowModel.estimate(panel.iloc[:0], "id", "t", "s", states=["neet", "work"])
    dup = pd.DataFrame({"id": ["a", "a", "b", "b"], "t": [1, 2, 1, 1],
                        "s": ["neet", "work", "neet", "work"]})
    with pytest.raises(sk.ValidationError,
                       match=r"person 'b' has two rows for time 1 \(rows 2 and 3\)"):
        FlowModel.estimate(dup, "id", "t", "s", absorbing=["work"])
    with pytest.raises(sk.ArgumentError, match="no column"):
        FlowModel.estimate(panel, "person", "t", "s")
    with pytest.raises(sk.ArgumentError, match="whole numbers"):
        FlowModel.estimate(panel.assign(t=["x", "y", "z"]), "id", "t", "s")


def test_with_rates_and_result_errors() -> None:
    m = FlowModel(["school", "neet", "work"], [[0.5, 0.2, 0.3], [0.2, 0.4, 0.4], [0, 0, 1]])
    with pytest.raises(sk.ArgumentError, match=r"sum to 1\.2, more than 1"):
        m.with_rates({("neet", "work"): 0.7, ("neet", "school"): 0.5})
    with pytest.raises(sk.ArgumentError, match="unknown state 'jail'"):
        m.with_rates({("neet", "jail"): 0.1})
    with pytest.raises(sk.ArgumentError, match="absorbing states"):
        m.stationary()
    two_classes = FlowModel(list("abcd"), [[0.5, 0.5, 0, 0], [0.5, 0.5, 0, 0],
                                          [0, 0, 0.5, 0.5], [0, 0, 0.5, 0.5]])
    with pytest.raises(sk.ArgumentError, match="not unique"):
        two_classes.stationary()
    with pytest.raises(sk.ArgumentError, match="no absorbing state"):
        two_classes.absorption_probabilities()
    stuck = FlowModel(list("abc"), [[0.5, 0.5, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]]).with_rates(
        {("c", "c"): 1.0})
    assert stuck.absorbing == ["c"]
    with pytest.raises(sk.ArgumentError, match="'a', 'b' never reach an absorbing state"):
        stuck.expected_steps()


# -- uncertainty -----------------------------------------------------------------------------

TRUE = np.array([[0.6, 0.25, 0.15], [0.3, 0.5, 0.2], [0.0, 0.0, 1.0]])
TRUE_STATES = ["school", "neet", "work"]


def simulated_panel(model: FlowModel, persons: int, steps: int, seed: int) -> pd.DataFrame:
    sim = model.simulate(persons, steps, {"school": 0.5, "neet": 0.5}, seed=seed, threads=1)
    codes = sim.trajectories
    return pd.DataFrame({
        "id": np.repeat(np.arange(persons), steps + 1),
        "t": np.tile(np.arange(steps + 1), persons),
        "s": np.asarray(TRUE_STATES)[codes.ravel()],
    })


def test_bootstrap_intervals_cover_the_true_rate_near_nominal() -> None:
    truth = FlowModel(TRUE_STATES, TRUE)
    true_steps = truth.expected_steps()["neet"]
    covered_rate = covered_steps = 0
    trials = 200
    for k in range(trials):
        panel = simulated_panel(truth, persons=60, steps=4, seed=1000 + k)
        b = flow.bootstrap(panel, "id", "t", "s", states=TRUE_STATES, absorbing=["work"],
                           reps=200, seed=k, threads=1)
        lo, hi = b.interval("matrices", 0.95)
        covered_rate += lo.loc["neet", "work"] <= TRUE[1, 2] <= hi.loc["neet", "work"]
        lo_t, hi_t = b.interval("expected_steps", 0.95)
        covered_steps += lo_t["neet"] <= true_steps <= hi_t["neet"]
    assert 0.90 * trials <= covered_rate <= 0.99 * trials
    assert 0.88 * trials <= covered_steps <= 0.99 * trials


def test_bootstrap_is_seeded_and_thread_independent() -> None:
    panel = simulated_panel(FlowModel(TRUE_STATES, TRUE), 200, 5, seed=5)
    a = flow.bootstrap(panel, "id", "t", "s", absorbing=["work"], reps=64, seed=9, threads=1)
    b = flow.bootstrap(panel, "id", "t", "s", absorbing=["work"], reps=64, seed=9, threads=2)
    assert set(a.replicates) == {"matrices", "absorption_probabilities", "expected_steps",
                                 "expected_visits"}
    for key, value in a.replicates.items():
        np.testing.assert_array_equal(value, b.replicates[key])
    assert a.replicates["matrices"].shape == (64, 3, 3)
    lo, hi = a.interval("absorption_probabilities")
    assert list(lo.columns) == ["work"]
    assert (lo <= hi).all().all()


def test_dirichlet_draws() -> None:
    counts = pd.DataFrame([[50, 20, 30], [10, 40, 50], [0, 0, 0]], index=TRUE_STATES,
                          columns=TRUE_STATES)
    d = flow.dirichlet_draws(counts, 2000, seed=1, absorbing=["work"], threads=2)
    assert d.shape == (2000, 3, 3)
    np.testing.assert_array_equal(d, flow.dirichlet_draws(counts, 2000, seed=1,
                                                          absorbing=["work"], threads=1))
    np.testing.assert_allclose(d.sum(axis=2), 1.0, atol=1e-12)
    # Dirichlet(counts + 1) has mean (counts + 1) / (total + 3).
    np.testing.assert_allclose(d[:, 0].mean(axis=0), np.array([51, 21, 31]) / 103, atol=0.005)
    assert (d[:, 2, 2] == 1.0).all()
    proj = flow.project_draws(d, [100, 0, 0], 5)
    assert proj.shape == (2000, 6, 3)
    np.testing.assert_allclose(proj[7], FlowModel(TRUE_STATES, d[7]).project([100, 0, 0], 5))


# -- simulation ------------------------------------------------------------------------------


def test_simulation_is_reproducible_and_thread_independent() -> None:
    m = FlowModel(TRUE_STATES, TRUE)
    a = m.simulate(20_000, 12, {"school": 0.6, "neet": 0.4}, seed=11, threads=1)
    b = m.simulate(20_000, 12, {"school": 0.6, "neet": 0.4}, seed=11, threads=2)
    c = m.simulate(20_000, 12, {"school": 0.6, "neet": 0.4}, seed=12, threads=2)
    assert a.trajectories.dtype == np.int8
    assert a.trajectories.shape == (20_000, 13)
    np.testing.assert_array_equal(a.trajectories, b.trajectories)
    assert not np.array_equal(a.trajectories, c.trajectories)
    expected = m.project([0.6, 0.4, 0.0], 12) * 20_000
    assert (a.occupancy - expected).abs().to_numpy().max() < 400  # ~4 sd of a binomial count


def test_simulation_counts_start_and_costs() -> None:
    assert sk.FlowModel is FlowModel
    m = FlowModel(TRUE_STATES, TRUE)
    sim = m.simulate(steps=3, start={"school": 2, "neet": 1}, seed=0)
    assert sim.trajectories[:, 0].tolist() == [0, 0, 1]
    assert sim.labels().iloc[2, 0] == "neet"
    assert sim.shares().sum(axis=1).tolist() == pytest.approx([1.0] * 4)
    with pytest.raises(sk.ArgumentError, match="sum to 3 but n = 4"):
        m.simulate(4, 3, {"school": 2, "neet": 1})
    big = m.simulate(50_000, 10, {"school": 1.0}, seed=3)
    costs = pd.DataFrame({"municipality": [0.0, 100.0, 0.0], "state": [10.0, 50.0, 0.0]},
                         index=TRUE_STATES)
    per_person = big.costs(costs)
    expected = m.expected_cost({"school": 1.0}, 10, costs).sum()
    np.testing.assert_allclose(per_person.mean().to_numpy(), expected.to_numpy(), rtol=0.03)
    assert big.time_in_state()["work"] == pytest.approx(
        m.project({"school": 1.0}, 10).iloc[:-1]["work"].sum(), rel=0.03)
