"""Small-cell suppression (samkart.privacy): primary and secondary rules, tables where the
recovery attack is known, and cross-checks of the C++ implementation against the pure-Python
one it replaced (kept below as the reference), an SVD rank check and linear programming."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import samkart as sk
from samkart.analysis.privacy import recoverable, suppress


def _attack(published: pd.DataFrame, totals: tuple[pd.Series, pd.Series]) -> dict:
    """The textbook attack: a row or column with one hidden cell gives it away as the
    published total minus the published cells. Returns {(row, col): recovered value}."""
    row_totals, col_totals = totals
    found = {}
    for r in published.index:
        hidden = published.columns[published.loc[r].isna()]
        if len(hidden) == 1:
            found[(r, hidden[0])] = row_totals[r] - published.loc[r].sum()
    for c in published.columns:
        hidden = published.index[published[c].isna()]
        if len(hidden) == 1:
            found[(hidden[0], c)] = col_totals[c] - published[c].sum()
    return found


@pytest.fixture
def table() -> pd.DataFrame:
    # Hand-overs from three schools (rows) to three services (columns); one small route.
    return pd.DataFrame([[3, 10, 20], [12, 15, 30], [40, 8, 9]],
                        index=pd.Index(["vgs-a", "vgs-b", "vgs-c"], name="source"),
                        columns=pd.Index(["ot", "nav", "bup"], name="target"))


def test_primary_only_is_recoverable_from_the_margins(table: pd.DataFrame) -> None:
    published = suppress(table, secondary=False)
    assert published.attrs["primary"] == 1
    assert published.attrs["secondary"] == 0
    assert np.isnan(published.loc["vgs-a", "ot"])
    found = _attack(published, (table.sum(axis=1), table.sum(axis=0)))
    assert found[("vgs-a", "ot")] == 3  # the small count is back
    assert recoverable(published.attrs["suppressed"].to_numpy())[0, 0]


def test_secondary_protects_the_small_cell(table: pd.DataFrame) -> None:
    published = suppress(table)
    mask = published.attrs["suppressed"]
    assert mask.loc["vgs-a", "ot"]
    # Every row and column with a hidden cell has at least two.
    for counts in (mask.sum(axis=1), mask.sum(axis=0)):
        assert ((counts == 0) | (counts >= 2)).all()
    assert _attack(published, (table.sum(axis=1), table.sum(axis=0))) == {}
    assert not recoverable(mask.to_numpy()).any()
    assert published.attrs["recoverable"] == 0
    # The complement closes a 2 × 2 rectangle with the smallest cells, not a chain.
    assert published.attrs["primary"] == 1
    assert published.attrs["secondary"] == 3
    assert set(zip(*np.nonzero(mask.to_numpy()), strict=True)) == {(0, 0), (0, 1), (1, 0),
                                                                  (1, 1)}
    # Unhidden cells are unchanged; the input is not modified.
    assert published.loc["vgs-c", "ot"] == 40
    assert table.loc["vgs-a", "ot"] == 3
    assert published.index.equals(table.index)
    assert published.columns.equals(table.columns)


def test_zero_is_not_a_small_cell_unless_asked() -> None:
    t = pd.DataFrame([[0, 10], [20, 30]])
    assert suppress(t).attrs["primary"] == 0
    assert not suppress(t).isna().any().any()
    hidden = suppress(t, suppress_zeros=True)
    assert hidden.attrs["primary"] == 1
    assert hidden.isna().to_numpy().sum() == 4  # a 2 × 2 table: every cell, to protect it


def test_threshold_and_opt_out() -> None:
    t = pd.DataFrame([[4, 5], [6, 7]])
    assert suppress(t, threshold=5).attrs["primary"] == 1
    assert suppress(t, threshold=6).attrs["primary"] == 2
    out = suppress(t, threshold=0)
    assert out.attrs["primary"] == 0
    assert out.equals(t.astype(float))


def test_explicit_totals_take_part_in_the_equations() -> None:
    inner = pd.DataFrame([[3, 10, 20], [12, 15, 30], [40, 8, 9]], columns=["a", "b", "c"])
    t = inner.copy()
    t["total"] = inner.sum(axis=1)
    t.loc["total"] = t.sum(axis=0)
    published = suppress(t, totals="total")
    mask = published.attrs["suppressed"]
    assert not mask.loc["total"].any()
    assert not mask["total"].any()
    assert not recoverable(mask.to_numpy(), (3, 3)).any()
    # With the total column only (no total row), the column equations use the implicit totals.
    rows_only = inner.assign(total=inner.sum(axis=1))
    out = suppress(rows_only, totals=(None, "total"))
    assert not recoverable(out.attrs["suppressed"].to_numpy(), (None, 3)).any()


def test_a_small_total_is_hidden_too() -> None:
    t = pd.DataFrame({"x": [1, 2, 50], "y": [0, 0, 60]}, index=["a", "b", "total"])
    out = suppress(t, totals=("total", None))
    assert out.attrs["suppressed"].loc["a", "x"]
    assert out.attrs["suppressed"].loc["b", "x"]
    assert out.attrs["recoverable"] == 0


def test_two_blocks_joined_by_one_cell_is_caught() -> None:
    # Every row and column has two hidden cells, yet the joining cell (0, 2) is the row sums
    # of rows 0–1 minus the column sums of columns 0–1: the ≥ 2 rule is not enough.
    mask = np.zeros((4, 4), dtype=bool)
    mask[0:2, 0:2] = True
    mask[2:4, 2:4] = True
    mask[0, 2] = True
    solved = recoverable(mask)
    assert solved[0, 2]
    assert solved.sum() == 1
    values = np.full((4, 4), 50.0)
    values[mask] = [2, 2, 4, 2, 2, 3, 3, 3, 3][: mask.sum()]
    out = suppress(pd.DataFrame(values))
    final = out.attrs["suppressed"].to_numpy()
    assert (final & mask).sum() == mask.sum()
    assert out.attrs["secondary"] >= 1
    assert not recoverable(final).any()


def test_series_is_one_column() -> None:
    s = pd.Series([3, 10, 20], index=["a", "b", "c"], name="volume")
    out = suppress(s)
    assert isinstance(out, pd.Series)
    assert out.name == "volume"
    assert out.isna().tolist() == [True, True, False]  # 3 and its complement, the next smallest
    assert out.attrs["secondary"] == 1
    lone = suppress(pd.Series([3]))
    assert lone.attrs["recoverable"] == 1  # a one-cell table is its own total: say so


def test_missing_cells_stay_missing_and_are_not_complements() -> None:
    t = pd.DataFrame([[3.0, np.nan, 20.0], [12.0, 15.0, 30.0]])
    out = suppress(t)
    assert out.attrs["suppressed"].iloc[0, 2]  # not the NaN cell
    assert not out.attrs["suppressed"].iloc[0, 1]


def test_bad_arguments() -> None:
    t = pd.DataFrame([[1, 2]])
    with pytest.raises(sk.ArgumentError, match="threshold"):
        suppress(t, threshold=-1)
    with pytest.raises(sk.ArgumentError, match="totals"):
        suppress(t, totals="nope")
    with pytest.raises(sk.ArgumentError, match="numbers"):
        suppress(pd.DataFrame([["a", "b"]]))
    with pytest.raises(sk.ArgumentError, match="DataFrame"):
        suppress([[1, 2]])  # type: ignore[type-var]


def test_random_tables_are_protected() -> None:
    rng = np.random.default_rng(3)
    for _ in range(40):
        shape = tuple(rng.integers(2, 7, size=2))
        values = rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40], size=shape)
        out = suppress(pd.DataFrame(values))
        mask = out.attrs["suppressed"].to_numpy()
        assert mask[(values > 0) & (values < 5)].all()
        for counts in (mask.sum(axis=0), mask.sum(axis=1)):
            assert ((counts == 0) | (counts >= 2)).all()
        assert not recoverable(mask).any() or out.attrs["recoverable"] > 0
        assert out.attrs["recoverable"] == 0


def test_zero_lines_give_hidden_cells_away_and_are_reported() -> None:
    # Column 1 sums to 0, so its hidden zeros are 0 and the rows give 3 and 4 back: linear
    # algebra alone (the old implementation) calls this safe.
    t = pd.DataFrame([[3, 0], [4, 0]])
    out = suppress(t)
    assert out.attrs["suppressed"].to_numpy().all()
    assert out.attrs["recoverable"] == 4
    assert not recoverable(out.attrs["suppressed"].to_numpy()).any()
    assert _old_suppress(t.to_numpy(float)).all()
    assert _lp_pinned(t.to_numpy(float), np.ones((2, 2), dtype=bool)).all()
    # With a third row the new rule can protect it: 10 and 20 join the rectangle.
    t3 = pd.DataFrame([[3, 0, 0], [4, 0, 0], [10, 20, 30]])
    out3 = suppress(t3)
    mask3 = out3.attrs["suppressed"].to_numpy()
    assert set(zip(*np.nonzero(mask3), strict=True)) == {(0, 0), (0, 1), (1, 0), (1, 1), (2, 0),
                                                        (2, 1)}
    assert out3.attrs["recoverable"] == 0
    assert not _lp_pinned(t3.to_numpy(float), mask3).any()
    old = _old_suppress(t3.to_numpy(float))
    assert old.sum() == 4
    assert _lp_pinned(t3.to_numpy(float), old)[old].all()  # every cell it hid is known


def test_negative_counts_are_refused_with_their_labels() -> None:
    t = pd.DataFrame([[3, -1]], index=["vgs-a"], columns=["ot", "nav"])
    with pytest.raises(sk.ArgumentError, match="row 'vgs-a', column 'nav'"):
        suppress(t)
    with pytest.raises(sk.ArgumentError, match="finite"):
        suppress(pd.Series([3, np.inf]))


# ---- The reference: the pure-Python implementation samkart shipped before the C++ one ------
# Kept verbatim in substance (equations, complement choice, SVD rank check) to cross-check the
# C++ port, and as the peer of tests/benchmarks/bench_privacy.py.

_TOL = 1e-9


def _old_equations(
    shape: tuple[int, int], total_row: int | None, total_col: int | None, one_dimensional: bool
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    n, m = shape
    out = []
    for i in [] if one_dimensional else range(n):
        coef = np.ones(m)
        if total_col is not None:
            coef[total_col] = -1.0
        out.append((np.full(m, i, dtype=np.intp), np.arange(m, dtype=np.intp), coef))
    for j in range(m):
        coef = np.ones(n)
        if total_row is not None:
            coef[total_row] = -1.0
        out.append((np.arange(n, dtype=np.intp), np.full(n, j, dtype=np.intp), coef))
    return out


def _old_recoverable(mask: np.ndarray, totals: tuple[int | None, int | None] = (None, None),
                     one_dimensional: bool = False) -> np.ndarray:
    hidden = np.asarray(mask, dtype=bool)
    one_dimensional = one_dimensional or hidden.ndim == 1
    grid = hidden.reshape(-1, 1) if hidden.ndim == 1 else hidden
    cells = np.argwhere(grid)
    out = np.zeros(grid.shape, dtype=bool)
    if len(cells) == 0:
        return out.reshape(hidden.shape)
    position = {(int(r), int(c)): k for k, (r, c) in enumerate(cells)}
    rows = []
    for er, ec, coef in _old_equations(grid.shape, totals[0], totals[1], one_dimensional):
        row = np.zeros(len(cells))
        for r, c, a in zip(er, ec, coef, strict=True):
            k = position.get((int(r), int(c)))
            if k is not None:
                row[k] = a
        if row.any():
            rows.append(row)
    if not rows:
        return out.reshape(hidden.shape)
    _, s, vt = np.linalg.svd(np.vstack(rows), full_matrices=False)
    rank = int((s > _TOL * max(1.0, float(s[0]))).sum())
    fixed = (vt[:rank] ** 2).sum(axis=0) > 1.0 - 1e-7
    for k, (r, c) in enumerate(cells):
        out[r, c] = bool(fixed[k])
    return out.reshape(hidden.shape)


def _old_complement(values: np.ndarray, hidden: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                    totals: tuple[int | None, int | None],
                    one_dimensional: bool) -> tuple[int, int] | None:
    is_row = bool((rows == rows[0]).all()) and len(rows) > 1
    best: tuple[tuple[int, int, float, int], tuple[int, int]] | None = None
    for k, (r, c) in enumerate(zip(rows, cols, strict=True)):
        if hidden[r, c] or np.isnan(values[r, c]):
            continue
        v = values[r, c]
        rank = 2 if (r == totals[0] or c == totals[1]) else (1 if v == 0 else 0)
        if one_dimensional:
            crossing = 0
        else:
            line = hidden[:, c] if is_row else hidden[r, :]
            crossing = 0 if line.any() else 1
        key = (rank, crossing, float(v), k)
        if best is None or key < best[0]:
            best = (key, (int(r), int(c)))
    return None if best is None else best[1]


def _old_suppress(grid: np.ndarray, threshold: float = 5,
                  totals: tuple[int | None, int | None] = (None, None),
                  suppress_zeros: bool = False, one_dimensional: bool = False) -> np.ndarray:
    """The old samkart.privacy.suppress on a float array: the boolean mask it hid."""
    with np.errstate(invalid="ignore"):
        primary = (grid < threshold) & (grid > 0)
        if suppress_zeros and threshold > 0:
            primary |= grid == 0
    hidden = primary.copy()
    if not hidden.any():
        return hidden
    equations = _old_equations(grid.shape, totals[0], totals[1], one_dimensional)
    while True:
        changed = False
        for rows, cols, _ in equations:
            if int(hidden[rows, cols].sum()) == 1:
                cell = _old_complement(grid, hidden, rows, cols, totals, one_dimensional)
                if cell is not None:
                    hidden[cell] = True
                    changed = True
        if changed:
            continue
        solved = _old_recoverable(hidden, totals, one_dimensional)
        for r, c in np.argwhere(solved):
            for rows, cols, _ in equations:
                if ((rows == r) & (cols == c)).any():
                    cell = _old_complement(grid, hidden, rows, cols, totals, one_dimensional)
                    if cell is not None:
                        hidden[cell] = True
                        changed = True
                        break
        if not changed:
            break
    return hidden


def _lp_pinned(grid: np.ndarray, mask: np.ndarray,
               totals: tuple[int | None, int | None] = (None, None)) -> np.ndarray:
    """The attack with counts ≥ 0, by linear programming (scipy): the smallest and largest
    value each hidden cell can take given the published cells and the row and column sums.
    A cell is pinned when the two are equal."""
    linprog = pytest.importorskip("scipy.optimize").linprog
    cells = np.argwhere(mask)
    out = np.zeros(mask.shape, dtype=bool)
    if len(cells) == 0:
        return out
    eqs = _old_equations(mask.shape, totals[0], totals[1], False)
    a = np.zeros((len(eqs), len(cells)))
    index = {(int(r), int(c)): k for k, (r, c) in enumerate(cells)}
    for e, (rows, cols, coef) in enumerate(eqs):
        for r, c, w in zip(rows, cols, coef, strict=True):
            k = index.get((int(r), int(c)))
            if k is not None:
                a[e, k] = w
    truth = np.array([grid[r, c] for r, c in cells])
    b = a @ truth
    for k, (r, c) in enumerate(cells):
        objective = np.zeros(len(cells))
        objective[k] = 1.0
        low = linprog(objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        assert low.status == 0
        assert high.status == 0
        out[r, c] = -high.fun - low.fun < 1e-7
    return out


def test_recoverable_agrees_with_the_svd_reference_on_random_masks() -> None:
    rng = np.random.default_rng(11)
    for trial in range(300):
        n, m = (int(x) for x in rng.integers(1, 8, size=2))
        totals: tuple[int | None, int | None] = (None, None)
        if trial % 3 == 1:
            totals = (int(rng.integers(n)), None)
        elif trial % 3 == 2:
            totals = (int(rng.integers(n)), int(rng.integers(m)))
        mask = rng.random((n, m)) < rng.choice([0.2, 0.5, 0.8])
        assert (recoverable(mask, totals) == _old_recoverable(mask, totals)).all(), (mask, totals)
    for _ in range(50):
        series = rng.random(int(rng.integers(1, 6))) < 0.5
        assert (recoverable(series) == _old_recoverable(series)).all()


def test_sign_check_agrees_with_linear_programming() -> None:
    rng = np.random.default_rng(17)
    pinned_seen = 0
    for _ in range(60):
        n, m = (int(x) for x in rng.integers(2, 5, size=2))
        values = rng.choice([0.0, 0.0, 1.0, 3.0, 7.0], size=(n, m))
        mask = rng.random((n, m)) < 0.6
        expected = _lp_pinned(values, mask)
        assert (recoverable(mask, values=values) == expected).all(), (values, mask)
        pinned_seen += int(expected.any())
    assert pinned_seen >= 10  # the cases exercise the sign constraint, not only bridges


def test_cpp_agrees_with_the_old_implementation_on_random_tables() -> None:
    """Same cells as the old implementation, except where its result gives cells away to a
    reader who knows counts are ≥ 0: then the new one hides more (never less) and is safe."""
    rng = np.random.default_rng(2024)
    same = differ = 0
    for trial in range(400):
        n, m = (int(x) for x in rng.integers(2, 8, size=2))
        inner = rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 15, 40, 120], size=(n, m)).astype(float)
        threshold = float(rng.choice([3, 5, 10]))
        zeros = trial % 5 == 0
        if trial % 3 == 0:  # with an additive total row and column
            grid = np.zeros((n + 1, m + 1))
            grid[:n, :m] = inner
            grid[:n, m] = inner.sum(axis=1)
            grid[n, :] = grid[:n, :].sum(axis=0)
            totals: tuple[int | None, int | None] = (n, m)
        else:
            grid, totals = inner, (None, None)
        old = _old_suppress(grid, threshold, totals, suppress_zeros=zeros)
        frame = pd.DataFrame(grid)
        label = (totals[0], totals[1])
        new = suppress(frame, threshold, totals=label if totals[0] is not None else None,
                       suppress_zeros=zeros)
        mask = new.attrs["suppressed"].to_numpy()
        if (mask == old).all():
            same += 1
            continue
        differ += 1
        assert (mask | ~old).all(), "the new rule never publishes a cell the old one hid"
        assert _lp_pinned(grid, old, totals).any(), "they differ only where the old one leaks"
        assert new.attrs["recoverable"] == int(_lp_pinned(grid, mask, totals).sum())
    assert same >= 300
    assert differ >= 1  # the zero case occurs in tables like these
    # Series: one equation.
    for _ in range(100):
        s = rng.choice([0, 1, 3, 6, 20], size=int(rng.integers(1, 7))).astype(float)
        out = suppress(pd.Series(s)).attrs["suppressed"].to_numpy()
        old1 = _old_suppress(s.reshape(-1, 1), one_dimensional=True)[:, 0]
        assert (out == old1).all() or (out | ~old1).all()
