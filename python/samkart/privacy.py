"""Small-cell suppression: keep small counts of young people out of what samkart publishes.

A table of counts of people (hand-overs between services, participants, indicator counts)
can identify a person when a cell is small: "2 young people from this school went to NAV"
in a municipality of 3,000 people. Statistics offices therefore hide small cells (*primary
suppression*) and then enough further cells that the hidden ones cannot be worked out from
the row and column totals (*secondary* or *complementary suppression*)::

    from samkart.privacy import suppress
    safe = suppress(table)              # cells 1–4 and their complements become NaN
    safe.attrs["suppressed"]           # the boolean mask of hidden cells
    safe.attrs["primary"], safe.attrs["secondary"]   # how many of each

The threshold 5 follows the common "fewer than 5" rule of Statistics Norway and Statistics
Denmark for tables of persons; it is a default, not legal advice (docs/report.md).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from samkart.errors import ArgumentError

__all__ = ["recoverable", "suppress"]

T = TypeVar("T", pd.DataFrame, pd.Series)

# A cell is "recovered" when the equations pin it to one value; the null space is computed in
# floating point, so entries below this are zero.
_TOL = 1e-9


def _total_labels(
    totals: Hashable | tuple[Hashable | None, Hashable | None] | None,
    index: pd.Index,
    columns: pd.Index | None,
) -> tuple[int | None, int | None]:
    """Positions of the total row and the total column, checked against the table."""
    if totals is None:
        return None, None
    if isinstance(totals, tuple) and len(totals) == 2:
        row_label, col_label = totals
    else:
        row_label = totals if totals in index else None
        col_label = totals if columns is not None and totals in columns else None
        if row_label is None and col_label is None:
            msg = f"totals: {totals!r} is neither a row nor a column of the table"
            raise ArgumentError(msg)
    row = None
    if row_label is not None:
        if row_label not in index:
            msg = f"totals: no row {row_label!r} in the table"
            raise ArgumentError(msg)
        row = int(index.get_indexer(pd.Index([row_label]))[0])
    col = None
    if col_label is not None:
        if columns is None or col_label not in columns:
            msg = f"totals: no column {col_label!r} in the table"
            raise ArgumentError(msg)
        col = int(columns.get_indexer(pd.Index([col_label]))[0])
    return row, col


def _equations(
    shape: tuple[int, int], total_row: int | None, total_col: int | None, one_dimensional: bool
) -> list[tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64]]]:
    """The additivity equations of a table: (rows, cols, coefficients) of each.

    Every row adds up to its total: the total column when the table has one (coefficient −1,
    so the equation is "= 0"), else a margin the reader is assumed to know. Columns likewise.
    A Series is one column: only its column equation holds.
    """
    n, m = shape
    out = []
    row_range = [] if one_dimensional else range(n)
    for i in row_range:
        cols = np.arange(m, dtype=np.intp)
        coef = np.ones(m)
        if total_col is not None:
            coef[total_col] = -1.0
        out.append((np.full(m, i, dtype=np.intp), cols, coef))
    for j in range(m):
        rows = np.arange(n, dtype=np.intp)
        coef = np.ones(n)
        if total_row is not None:
            coef[total_row] = -1.0
        out.append((rows, np.full(n, j, dtype=np.intp), coef))
    return out


def recoverable(
    mask: npt.ArrayLike,
    totals: tuple[int | None, int | None] = (None, None),
    *,
    one_dimensional: bool = False,
) -> npt.NDArray[np.bool_]:
    """Which hidden cells of a table can be worked out exactly from the others and the totals.

    ``mask`` is the boolean mask of hidden cells (rows × columns; a 1-d mask is one column).
    The published cells and the row and column totals give one linear equation per row and
    column in the hidden cells; a hidden cell is recovered when every solution of these
    equations gives it the same value, i.e. when its unit vector lies in the row space of the
    equations (its entry in every null-space vector is zero).

    Args:
        totals: positions (row, column) of a total row and column in the table, if any.
        one_dimensional: only the column equations hold (a Series).

    Returns:
        A boolean array of the mask's shape, True for each hidden cell that can be recovered.
    """
    hidden = np.asarray(mask, dtype=bool)
    one_dimensional = one_dimensional or hidden.ndim == 1
    grid = hidden.reshape(-1, 1) if hidden.ndim == 1 else hidden
    cells = np.argwhere(grid)
    out = np.zeros(grid.shape, dtype=bool)
    if len(cells) == 0:
        return out.reshape(hidden.shape)
    position = {(int(r), int(c)): k for k, (r, c) in enumerate(cells)}
    rows = []
    for er, ec, coef in _equations(grid.shape, totals[0], totals[1], one_dimensional):
        row = np.zeros(len(cells))
        for r, c, a in zip(er, ec, coef, strict=True):
            k = position.get((int(r), int(c)))
            if k is not None:
                row[k] = a
        if row.any():
            rows.append(row)
    if not rows:
        return out.reshape(hidden.shape)
    system = np.vstack(rows)
    _, s, vt = np.linalg.svd(system, full_matrices=False)
    rank = int((s > _TOL * max(1.0, float(s[0]))).sum())
    # The first `rank` right singular vectors are an orthonormal basis of the row space; the
    # unit vector of cell j lies in it when its projection keeps its whole length.
    fixed = (vt[:rank] ** 2).sum(axis=0) > 1.0 - 1e-7
    for k, (r, c) in enumerate(cells):
        out[r, c] = bool(fixed[k])
    return out.reshape(hidden.shape)


def _complement(
    values: npt.NDArray[np.float64],
    hidden: npt.NDArray[np.bool_],
    rows: npt.NDArray[np.intp],
    cols: npt.NDArray[np.intp],
    totals: tuple[int | None, int | None],
    one_dimensional: bool,
) -> tuple[int, int] | None:
    """The cell to hide next in one equation (a row or a column): the smallest non-zero
    published inner cell, preferring one whose crossing line already has a hidden cell (so
    that hiding it starts no new round: the 2 × 2 rectangle instead of a chain across the
    table); else a zero; else a total. None when every cell is hidden."""
    is_row = bool((rows == rows[0]).all()) and len(rows) > 1
    best: tuple[tuple[int, int, float, int], tuple[int, int]] | None = None
    for k, (r, c) in enumerate(zip(rows, cols, strict=True)):
        if hidden[r, c]:
            continue
        v = values[r, c]
        if np.isnan(v):
            continue
        is_total = r == totals[0] or c == totals[1]
        rank = 2 if is_total else (1 if v == 0 else 0)
        if one_dimensional:
            crossing = 0
        else:
            line = hidden[:, c] if is_row else hidden[r, :]
            crossing = 0 if line.any() else 1
        key = (rank, crossing, float(v), k)
        if best is None or key < best[0]:
            best = (key, (int(r), int(c)))
    return None if best is None else best[1]


def suppress(
    table: T,
    threshold: float = 5,
    *,
    secondary: bool = True,
    totals: Hashable | tuple[Hashable | None, Hashable | None] | None = None,
    suppress_zeros: bool = False,
) -> T:
    """Small-cell suppression of a table of counts of people.

    **Primary**: every cell with ``0 < count < threshold`` becomes missing (NaN). A zero is
    not a small cell by default: the convention of the Nordic statistics offices is that a
    true zero discloses something about a person only in special cases (e.g. when the zeros
    of a row say that *everyone* in a group has a property); pass ``suppress_zeros=True`` to
    hide zeros too.

    **Secondary** (complementary): a hidden cell must not be recoverable from the row and
    column totals, whether the table has them (``totals``) or a reader can get them
    elsewhere (they are assumed published). So whenever a row or column has exactly one
    hidden cell, the smallest non-zero published cell of that row or column is hidden too
    (a zero, then a total, when there is none), until every row and column has none or at
    least two. Among the non-zero cells, one whose crossing line already has a hidden cell is
    taken first, so that the complement closes two lines at once (the classic 2 × 2
    rectangle) instead of starting a chain across the table. Two per row and column is not
    always enough (two blocks joined through one cell); the result is then checked with
    :func:`recoverable` and a further cell is hidden next to each cell that could still be
    worked out, until none can.

    Args:
        table: a DataFrame (rows × columns) or a Series (one column) of counts.
        threshold: cells below it (and above 0) are hidden; 0 turns suppression off.
        secondary: also hide the complementary cells (default True).
        totals: the label of the total row and column (e.g. ``"total"``, as
            ``mapping.coverage(..., totals=True)`` gives), or a pair (row label, column
            label) where either may be None. Totals must be additive (the sum of the cells).
        suppress_zeros: hide zeros too.

    Returns:
        A new table of float counts with the hidden cells NaN. ``attrs["suppressed"]`` is the
        boolean mask (same shape and labels), ``attrs["primary"]`` and
        ``attrs["secondary"]`` the number of cells hidden by each rule, and
        ``attrs["threshold"]`` the threshold, ``attrs["recoverable"]`` the hidden cells that
        can still be worked out (0 unless a row or column has no other cell to hide, e.g. a
        one-row table whose total is published: then publish the total as hidden too).

    Raises:
        ArgumentError: a negative threshold, a table that is not numeric, a totals label
            that is not in the table.
    """
    if not isinstance(table, pd.DataFrame | pd.Series):
        msg = f"suppress: expected a pandas DataFrame or Series, got {type(table).__name__}"
        raise ArgumentError(msg)
    if not threshold >= 0:
        msg = f"suppress: threshold must be ≥ 0, got {threshold}"
        raise ArgumentError(msg)
    try:
        values = table.to_numpy(dtype=np.float64, na_value=np.nan).copy()
    except (TypeError, ValueError) as err:
        msg = f"suppress: the table must hold numbers (counts of people): {err}"
        raise ArgumentError(msg) from err
    one_dimensional = table.ndim == 1
    grid = values.reshape(-1, 1) if one_dimensional else values
    columns: pd.Index | None = getattr(table, "columns", None)
    totals_at = _total_labels(totals, table.index, columns)
    if one_dimensional and totals_at[1] is not None:
        msg = "totals: a Series has no total column"
        raise ArgumentError(msg)

    with np.errstate(invalid="ignore"):
        primary = (grid < threshold) & (grid > 0)
        if suppress_zeros and threshold > 0:
            primary |= grid == 0
    hidden = primary.copy()
    if secondary and hidden.any():
        equations = _equations(grid.shape, totals_at[0], totals_at[1], one_dimensional)
        while True:
            changed = False
            for rows, cols, _ in equations:
                if int(hidden[rows, cols].sum()) == 1:
                    cell = _complement(grid, hidden, rows, cols, totals_at, one_dimensional)
                    if cell is not None:
                        hidden[cell] = True
                        changed = True
            if changed:
                continue
            # The ≥ 2 rule is stable; hide more next to any cell that can still be solved for.
            solved = recoverable(hidden, totals_at, one_dimensional=one_dimensional)
            for r, c in np.argwhere(solved):
                for rows, cols, _ in equations:
                    if ((rows == r) & (cols == c)).any():
                        cell = _complement(grid, hidden, rows, cols, totals_at, one_dimensional)
                        if cell is not None:
                            hidden[cell] = True
                            changed = True
                            break
            if not changed:
                break
    # What no cell of the table can protect (a one-cell row whose total is published).
    left = recoverable(hidden, totals_at, one_dimensional=one_dimensional) if secondary else None

    out_values = np.where(hidden, np.nan, grid)
    attrs: dict[str, Any] = {str(k): v for k, v in table.attrs.items()}
    if isinstance(table, pd.Series):
        out: Any = pd.Series(out_values[:, 0], index=table.index, name=table.name)
        mask: Any = pd.Series(hidden[:, 0], index=table.index, name=table.name)
    else:
        out = pd.DataFrame(out_values, index=table.index, columns=table.columns)
        mask = pd.DataFrame(hidden, index=table.index, columns=table.columns)
    attrs.update(suppressed=mask, primary=int(primary.sum()),
                 secondary=int(hidden.sum() - primary.sum()), threshold=threshold,
                 recoverable=0 if left is None else int(left.sum()))
    out.attrs = attrs
    result: T = out
    return result
