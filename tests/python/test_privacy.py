"""Small-cell suppression (samkart.privacy): primary and secondary rules, and tables where
the recovery attack is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import samkart as sk
from samkart.privacy import recoverable, suppress


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
