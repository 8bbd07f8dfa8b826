"""Small-cell suppression: keep small counts of young people out of what samkart publishes.

A table of counts of people (hand-overs between services, participants, indicator counts)
can identify a person when a cell is small: "2 young people from this school went to NAV"
in a municipality of 3,000 people. Statistics offices therefore hide small cells (*primary
suppression*) and then enough further cells that the hidden ones cannot be worked out from
the row and column totals (*secondary* or *complementary suppression*)::

    from samkart.analysis.privacy import suppress
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

from samkart import _core
from samkart.errors import ArgumentError

__all__ = ["recoverable", "suppress"]

T = TypeVar("T", pd.DataFrame, pd.Series)


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


def recoverable(
    mask: npt.ArrayLike,
    totals: tuple[int | None, int | None] = (None, None),
    *,
    one_dimensional: bool = False,
    values: npt.ArrayLike | None = None,
) -> npt.NDArray[np.bool_]:
    """Which hidden cells of a table can be worked out exactly from the others and the totals.

    ``mask`` is the boolean mask of hidden cells (rows × columns; a 1-d mask is one column).
    The published cells and the row and column totals give one linear equation per row and
    column in the hidden cells; a hidden cell is recovered when every solution of these
    equations gives it the same value (its unit vector lies in the row space of the
    equations). With ``values`` (the true table), the reader is also taken to know that counts
    are ≥ 0, which can pin hidden zeros and, through them, other cells: in ``[[3, 0], [4, 0]]``
    fully hidden, the second column sums to 0.

    Computed exactly in C++ (``samkart._core.recoverable_cells``): the hidden cells are the
    edges of a graph on the rows and columns, and a cell is recovered by linear algebra iff
    its edge is a bridge; see docs/report.md.

    Parameters
    ----------
    mask
        Boolean mask of the hidden cells, rows × columns, or 1-d for one column.
    totals
        Positions (row, column) of a total row and column in the table, if any.
    one_dimensional
        Only the column equations hold (a Series).
    values
        The table's true counts (same shape): also use that counts are ≥ 0.

    Returns
    -------
    numpy.ndarray
        A boolean array of the mask's shape, True for each hidden cell that can be recovered.

    Raises
    ------
    ArgumentError
        Total positions outside the table, or values of another shape.
    """
    hidden = np.asarray(mask, dtype=bool)
    one_dimensional = one_dimensional or hidden.ndim == 1
    grid = hidden.reshape(-1, 1) if hidden.ndim == 1 else hidden
    known = None
    if values is not None:
        known = np.asarray(values, dtype=np.float64)
        known = known.reshape(-1, 1) if known.ndim == 1 else known
    out = _core.recoverable_cells(grid, known, totals[0], totals[1], one_dimensional)
    return np.asarray(out, dtype=bool).reshape(hidden.shape)


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
    elsewhere (they are assumed published), nor from knowing that counts are ≥ 0. So
    whenever a row or column has exactly one hidden cell, the smallest non-zero published cell
    of that row or column is hidden too (a zero, then a total, when there is none), until
    every row and column has none or at least two. Among the non-zero cells, one whose
    crossing line already has a hidden cell is taken first, so that the complement closes two
    lines at once (the classic 2 × 2 rectangle) instead of starting a chain across the table.
    Two per row and column is not always enough (two blocks joined through one cell); the
    result is then checked with :func:`recoverable` and a further cell is hidden next to each
    cell that could still be worked out, until none can. Last, the check is repeated with the
    values, so that hidden zeros cannot give cells away (a column of zeros sums to 0), and one
    more cell is hidden at a time next to a cell they pin.

    The rule runs in C++ (``samkart::suppress_cells``, include/samkart/analysis/privacy.hpp),
    exactly (no floating-point rank), deterministically, and in O(rows × columns) per round.

    Parameters
    ----------
    table
        A DataFrame (rows × columns) or a Series (one column) of counts ≥ 0; NaN is a
        missing count (never hidden, never a complement, taken as known to the reader).
    threshold
        Cells below it (and above 0) are hidden; 0 turns suppression off.
    secondary
        Also hide the complementary cells (default True).
    totals
        The label of the total row and column (e.g. ``"total"``, as
        ``mapping.coverage(..., totals=True)`` gives), or a pair (row label, column label)
        where either may be None. Totals must be additive (the sum of the cells).
    suppress_zeros
        Hide zeros too.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        A new table of float counts with the hidden cells NaN. ``attrs["suppressed"]`` is the
        boolean mask (same shape and labels), ``attrs["primary"]`` and
        ``attrs["secondary"]`` the number of cells hidden by each rule, and
        ``attrs["threshold"]`` the threshold, ``attrs["recoverable"]`` the hidden cells that
        can still be worked out (0 unless nothing is left to hide, e.g. a one-row table
        whose total is published, or a line of zeros that gives its cells away: then do not
        publish the table as it is).

    Raises
    ------
    ArgumentError
        A negative threshold, a table that is not numeric, a negative or infinite count, a
        totals label that is not in the table.
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

    bad = ~np.isnan(grid) & ((grid < 0) | np.isinf(grid))
    if bad.any():
        r, c = (int(k) for k in np.argwhere(bad)[0])
        where = f"row {table.index[r]!r}" + (
            "" if columns is None else f", column {columns[c]!r}")
        msg = (f"suppress: the cell in {where} is {grid[r, c]}: counts of people are finite "
               "and ≥ 0 (use NaN for a missing count)")
        raise ArgumentError(msg)
    suppressed, primary_mask, left = _core.suppress_cells(
        grid, float(threshold), secondary, suppress_zeros, totals_at[0], totals_at[1],
        one_dimensional)
    hidden = np.asarray(suppressed, dtype=bool)
    primary = np.asarray(primary_mask, dtype=bool)

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
                 recoverable=int(np.asarray(left).sum()))
    out.attrs = attrs
    result: T = out
    return result
