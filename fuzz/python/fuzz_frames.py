"""Fuzz target: DataFrames built from bytes → ``samkart.from_frames`` (docs/fuzzing.md).

The input is one CSV table per collection in a container (``_common``), read with the csv
module into frames of Python objects. A cell's prefix chooses its type, so the fuzzer controls
the types as a caller's frames would vary them: ``i:`` an int, ``f:`` a float (``f:nan``,
``f:inf``), ``b:`` a bool, ``l:`` a list split at ``;``, ``n:`` None, ``d:`` a date; any other
cell is a string. The row labels are the line numbers; a table named ``index`` is ignored."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import _common

with _common.instrumented():
    import pandas as pd

    import samkart as sk

TABLES = ("areas", "actors", "measures", "links", "transitions", "indicators")


def cell(text: str) -> Any:
    """A cell's value, typed by its prefix (see the module documentation)."""
    tag, _, rest = text.partition(":")
    try:
        if tag == "i":
            return int(rest)
        if tag == "f":
            return float(rest)
        if tag == "d":
            return dt.date.fromisoformat(rest)
    except ValueError:
        return text
    if tag == "b":
        return rest.strip() not in ("", "0", "false")
    if tag == "l":
        return [cell(v) for v in rest.split(";")]
    if tag == "n":
        return None
    return text


def frame(content: bytes) -> pd.DataFrame:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8", "replace"), newline="")))
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    columns: dict[str, list[Any]] = {h: [] for h in header}
    for row in body:
        for k, h in enumerate(columns):
            columns[h].append(cell(row[k]) if k < len(row) else None)
    return pd.DataFrame({h: pd.Series(v, dtype=object) for h, v in columns.items()})


def one_input(data: bytes) -> None:
    frames: dict[str, pd.DataFrame] = {}
    try:
        for name, content in _common.unpack(data):
            frames[_common.safe_name(name, TABLES)] = frame(content)
    except csv.Error:
        return  # the csv module's own limits; nothing of samkart is reached
    _common.guarded(lambda: sk.from_frames(**frames, name="fuzz", year=2024))


if __name__ == "__main__":
    _common.main(one_input)
