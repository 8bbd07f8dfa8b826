"""Fuzz target: bytes → ``samkart.read_jsonstat`` (as bytes and as a file) →
``samkart.indicators_from_jsonstat`` (docs/fuzzing.md).

A dataset that was read must give a frame of the documented shape; the indicator rows are then
taken with the first dimension as the area, the second (if any) as the year, and the first
category of every other dimension selected."""

from __future__ import annotations

from typing import Any

import _common

with _common.instrumented():
    import pandas as pd

    import samkart as sk


def _check_frame(frame: Any) -> None:
    assert isinstance(frame, pd.DataFrame), type(frame)
    dims = list(frame.attrs["dimensions"])
    expected = [c for d in dims for c in (d, f"{d}_label")] + ["value"]
    assert list(frame.columns[:len(expected)]) == expected, (list(frame.columns), expected)
    if not dims:
        return
    select = {d: str(frame[d].iloc[0]) for d in dims[2:] if len(frame)}
    year = dims[1] if len(dims) > 1 else None
    _common.guarded(lambda: sk.indicators_from_jsonstat(frame, "k", dims[0], year, select),
                    _check_rows)


def _check_rows(rows: Any) -> None:
    assert isinstance(rows, pd.DataFrame), type(rows)
    for column in ("area", "key", "value"):
        assert column in rows.columns, list(rows.columns)


def one_input(data: bytes) -> None:
    _common.guarded(lambda: sk.read_jsonstat(data), _check_frame)
    path = _common.workdir() / "tabell.json"
    path.write_bytes(data)
    _common.guarded(lambda: sk.read_jsonstat(path), _check_frame)


if __name__ == "__main__":
    _common.main(one_input)
