"""pandas DataFrames to and from a Landscape, in bulk.

One frame per collection, one row per record, one column per field of the field table
(:mod:`samkart.schema`), so a field added to the table is a column here with no change. The C++
core turns the landscape into columns of numpy arrays and reads them back
(``include/samkart/io/columns.hpp``); no JSON text is made on the way. The columns:

- text (ids, names, references, dates): pandas' string dtype, NaN where a field is absent (an
  ``object`` column of None where no record has the field);
- names of a closed vocabulary (``kind``, ``owner``, ``intensity``, ``status``, ...): a
  ``pandas.Categorical`` whose categories are the whole vocabulary in its order, so that
  ``value_counts()`` and group-bys show the names nobody uses too;
- ``level``: an int column (1–4; compare with :class:`samkart.Level`);
- numbers (``capacity``, ``cost``, ``trust``, ``volume``, ...): float, NaN where absent;
- whole numbers (``year`` of indicators) and ``ages``: nullable ``Int64``, ages as two columns
  ``age_min`` and ``age_max``;
- flags (``illustrative``, ``formal``, ``consent``): bool;
- lists (``areas``, ``providers``, ``targets``, ``keys``, ``tees``, ``mapped``): a new list per
  cell (an empty list where there is none; equal strings of a column are one str object), and
  ``population`` of areas a list of ``{"ages": [min, max], "count": n}``. A list column, not a
  long table, so that one row stays one record and the frames round-trip;
  ``frame.explode("providers")`` gives the long form (one row per measure and provider) in one
  call, as pandas and tidyr users expect.

Each frame's ``attrs["samkart"]`` holds the landscape's ``name``, ``year`` and ``currency``, so
``from_frames(**land.to_frames())`` gives a landscape equal to ``land``.

Reading, missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``) mean the field is absent; any
subset of the columns may be given, in any order, with any index; vocabulary columns may be
text or Categorical; dates may be text or datetimes. Every problem is reported at once, with its
frame, row (the index label) and column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from samkart import _core, schema
from samkart.errors import SchemaError, ValidationError

if TYPE_CHECKING:
    from samkart._core import Landscape, Problem

__all__ = ["COLLECTIONS", "COLUMNS", "from_frames", "to_frames"]

#: The collections of a landscape, in order.
COLLECTIONS: tuple[str, ...] = schema.COLLECTIONS


def _column_names(collection: str) -> tuple[str, ...]:
    names: list[str] = []
    for f in schema.fields(collection):
        names += ["age_min", "age_max"] if f.type == "ages" else [f.name]
    return tuple(names)


#: The columns of each frame that ``to_frames`` returns, in order: the fields of
#: :func:`samkart.schema.fields`, ``ages`` as ``age_min`` and ``age_max``.
COLUMNS: dict[str, tuple[str, ...]] = {c: _column_names(c) for c in COLLECTIONS}

#: The key of ``DataFrame.attrs`` that carries the landscape's name, year and currency.
ATTRS_KEY = "samkart"

_TYPES: dict[tuple[str, str], str] = {
    (c, f.name): f.type for c in COLLECTIONS for f in schema.fields(c)}


def _type(collection: str, column: str) -> str:
    if column in ("age_min", "age_max"):
        return "ages"
    return _TYPES.get((collection, column), "")


# --- Landscape → frames ------------------------------------------------------------------------


def to_frames(land: Landscape) -> dict[str, pd.DataFrame]:
    """One DataFrame per collection, keyed ``"areas"``, ``"actors"``, ``"measures"``,
    ``"links"``, ``"transitions"``, ``"indicators"``.

    Parameters
    ----------
    land : Landscape
        The landscape.

    Returns
    -------
    dict of str to pandas.DataFrame
        Columns as in :data:`COLUMNS` (dtypes in the module docstring), one row per record in the
        order they were added (a default RangeIndex); ``attrs["samkart"]`` holds the
        landscape's ``name``, ``year`` and ``currency``.
    """
    # The core gives text and list columns as the cells pandas holds (one str per distinct
    # string, a list per cell, made in C++); here each column gets its dtype explicitly, so that
    # pandas neither infers nor checks types cell by cell (issue 12: ≤ 0.15× json.load).
    state = _core.frame_columns(land)
    header = {"name": state["name"], "year": state["year"], "currency": state["currency"]}
    text = _text_dtype()
    frames: dict[str, pd.DataFrame] = {}
    for collection in COLLECTIONS:
        columns = state[collection]
        data = {name: _pandas_column(collection, name, column, text)
                for name, column in columns.items()}
        frame = pd.DataFrame(data, copy=False)
        frame.attrs[ATTRS_KEY] = dict(header)
        frames[collection] = frame
    return frames


def _text_dtype() -> Any:
    """The dtype pandas gives a column of Python strings: ``str`` (pandas 3, backed by Python
    objects or by pyarrow where it is installed), or ``object`` (pandas 2)."""
    return pd.Series(np.array(["a"], dtype=object)).dtype


def _text_array(values: np.ndarray[Any, Any], present: bool, text: Any) -> Any:
    """A text column from its cells (str, NaN where absent) with the dtype `text`, as
    ``pd.Series(cells)`` would make it, without its cell-by-cell inference. Empty columns and
    columns with no value stay object arrays of None, as pandas infers them."""
    if not present or len(values) == 0:
        return values
    if isinstance(text, pd.StringDtype):
        if text.storage == "python":
            # StringArray only checks, in one C loop, that every cell is a str or NaN: 30% less
            # than pd.array(values, dtype=text), which converts cell by cell. Its `dtype`
            # argument (pandas ≥ 3) is missing from pandas-stubs, hence the Any.
            string_array: Any = pd.arrays.StringArray
            return string_array(values, dtype=text)
        return pd.array(values, dtype=text)
    values[pd.isna(values)] = None  # object dtype (pandas 2): None where absent, as before
    return values


@functools.lru_cache(maxsize=64)
def _categories(names: tuple[str, ...]) -> pd.CategoricalDtype:
    """The Categorical dtype of a vocabulary, made once per vocabulary."""
    return pd.CategoricalDtype(pd.Index(names, dtype=object))


def _pandas_column(collection: str, name: str, column: tuple[Any, ...], text: Any) -> Any:
    kind = column[0]
    field_type = _type(collection, name)
    if kind == "text":
        return _text_array(column[1], column[2], text)
    if kind == "cells":
        return column[1]
    if kind == "strings":  # a vocabulary: its codes are the enum's values
        codes, names = column[1], column[2]
        return pd.Categorical.from_codes(codes, dtype=_categories(tuple(names)), validate=False)
    if kind == "numbers":
        values = column[1]
        if field_type in ("integer", "ages"):
            missing = np.isnan(values)
            return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)
        if field_type == "level":
            return values.astype(np.int64)
        return values
    if kind == "bools":
        return column[1]
    if kind == "bands":
        return _population(column[1], column[2])
    msg = f"unknown column kind {kind!r}"  # pragma: no cover - the core makes only the above
    raise AssertionError(msg)


def _population(offsets: np.ndarray[Any, Any], bands: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Per area a list of {"ages": [min, max], "count": n}; counts that are whole as ints."""
    records = [{"ages": [int(lo), int(hi)], "count": int(n) if float(n).is_integer() else float(n)}
               for lo, hi, n in bands.tolist()]
    cells = np.empty(len(records), dtype=object)
    cells[:] = records
    return _core.split_lists(offsets, cells)


# --- frames → Landscape ------------------------------------------------------------------------


#: Rows of one frame at most: the JSON reader's InputLimits::max_records
#: (include/samkart/core/limits.hpp), checked before the rows are converted.
MAX_ROWS = 1_000_000


def _refuse(collection: str, message: str) -> SchemaError:
    return SchemaError(f"<frames> does not follow the samkart JSON schema (1 problem)\n"
                       f"  - /{collection}: {message}", [(f"/{collection}", None, None, message)],
                       "<frames>")


def _check_rows(collection: str, rows: int) -> None:
    """Refuse a frame beyond the reader's record limit before converting its rows (issue 7)."""
    limit = MAX_ROWS
    if rows > limit:
        msg = (f"{collection}: {rows:,} rows; samkart reads at most {limit:,} records per "
               "collection (InputLimits::max_records, docs/reliability.md). Split the mapping "
               "into several landscapes, by area for example")
        raise _refuse(collection, msg)


def _header(frames: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The name, year and currency in the attrs of the first frame that has them."""
    for frame in frames.values():
        if isinstance(frame.attrs.get(ATTRS_KEY), Mapping):
            return dict(frame.attrs[ATTRS_KEY])
    return {}


def from_frames(
    areas: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    measures: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    transitions: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
    *,
    name: str | None = None,
    year: int | None = None,
    currency: str | None = None,
) -> Landscape:
    """Build a landscape from DataFrames, one per collection.

    Parameters
    ----------
    areas, actors, measures, links, transitions, indicators : pandas.DataFrame, optional
        The records, with the columns of :data:`COLUMNS` (any subset, any order: absent
        columns are absent fields). Rows may come in any order (an area may name a parent in a
        later row).
    name, year, currency : optional
        The landscape's header. Where one is not given (None), it is taken from
        ``attrs["samkart"]`` of the first frame that has it (frames made by :func:`to_frames`
        do); the currency defaults to ``"NOK"``. A name must come from one of the two.

    Returns
    -------
    Landscape

    Raises
    ------
    SchemaError
        A column is unknown or a value has the wrong type.
    ValidationError
        The records break a rule of the model. Both errors name the frame, the row (its index
        label) and the column, e.g. ``actors row 2 ('x'), column 'owner': ...``.
    TypeError
        A frame is not a DataFrame, or no name is given.
    """
    given: dict[str, object] = {
        "areas": areas, "actors": actors, "measures": measures, "links": links,
        "transitions": transitions, "indicators": indicators,
    }
    for collection, frame in given.items():
        if frame is not None and not isinstance(frame, pd.DataFrame):
            msg = f"{collection} must be a pandas DataFrame or None, not {type(frame).__name__}"
            raise TypeError(msg)
    frames = {c: f for c, f in given.items() if isinstance(f, pd.DataFrame)}
    attrs = _header(frames)
    name = name if name is not None else attrs.get("name")
    if not isinstance(name, str):
        msg = ("from_frames() needs name=..., or frames from Landscape.to_frames(), whose "
               "attrs['samkart'] carry the name")
        raise TypeError(msg)
    year = year if year is not None else attrs.get("year")
    currency = currency if currency is not None else attrs.get("currency", "NOK")
    state: dict[str, Any] = {"name": name, "year": None if year is None else int(year),
                             "currency": currency}
    rows: dict[str, int] = {}
    index: dict[str, pd.Index] = {}
    for collection, frame in frames.items():
        _check_rows(collection, len(frame))
        state[collection] = _columns(collection, frame)
        rows[collection] = len(frame)
        index[collection] = frame.index
    try:
        return _core.from_columns(state, rows=rows, source="<frames>")
    except ValidationError as e:
        raise _frame_validation_error(e, index) from None
    except SchemaError as e:
        raise _frame_schema_error(e, index) from None


def _columns(collection: str, frame: pd.DataFrame) -> dict[str, Any]:
    """The frame's columns as the core reads them: numpy arrays, or a ("strings", codes, names)
    tuple for a Categorical of strings."""
    names = [str(c) for c in frame.columns]
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise _refuse(collection, f"{collection}: the column {n!r} is given twice; keep one")
        seen.add(n)
    return {n: _array(frame.iloc[:, k]) for k, n in enumerate(names)}


def _array(column: pd.Series[Any]) -> Any:
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = dtype.categories
        if len(categories) == 0 or pd.api.types.is_string_dtype(categories):
            names = np.asarray(categories, dtype=object)
            if all(type(n) is str for n in names):
                return ("strings", column.cat.codes.to_numpy(dtype=np.int32), names)
        return _objects(column)
    if isinstance(dtype, np.dtype):
        if dtype.kind in "biuf":
            return column.to_numpy()
        if dtype.kind == "M":
            return _objects(column.dt.strftime("%Y-%m-%d"))
    elif dtype.kind in "iuf":  # nullable Int64, Float64: NaN where missing
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    return _objects(column)


def _objects(column: pd.Series[Any]) -> np.ndarray[Any, Any]:
    """An object array, None where pandas sees a missing value (None, NaN, pd.NA, NaT)."""
    series: Any = column  # pandas-stubs do not take None as na_value
    values: np.ndarray[Any, Any] = series.to_numpy(dtype=object, na_value=None)
    return values


# --- errors that name the frame, the row and the column -----------------------------------------

# The core's messages begin with the record ("actors[1] 'b', field 'ages': "), which the frame
# errors say in their own words: the id is kept, the rest replaced.
_RECORD_PREFIX = re.compile(r"^[a-z_]+\[\d+\](?: '(?P<id>.*?)')?(?:, field '[^']*')?: ")


def _column(field: str) -> str:
    return "age_min/age_max" if field == "ages" else field


def _where(collection: str, position: int, rows: Mapping[str, pd.Index], record_id: str,
           field: str) -> str:
    index = rows.get(collection)
    label: Hashable = index[position] if index is not None and position < len(index) else position
    out = f"{collection} row {label}"
    if record_id:
        out += f" ({record_id!r})"
    if field:
        out += f", column {_column(field)!r}"
    return out


def _describe(p: Problem, rows: Mapping[str, pd.Index]) -> str:
    if p.collection in rows and p.index is not None:
        return f"{_where(p.collection, p.index, rows, p.id, p.field)}: {p.message}"
    where = p.collection + (f", field {p.field!r}" if p.field else "")
    return f"{where}: {p.message}"


def _frame_validation_error(
    e: ValidationError, rows: Mapping[str, pd.Index]
) -> ValidationError:
    lines = [_describe(p, rows) for p in e.problems]
    n = len(lines)
    head = f"{n} {'problem' if n == 1 else 'problems'} in the frames"
    return ValidationError("\n  - ".join([head, *lines]), e.problems)


def _frame_schema_error(e: SchemaError, rows: Mapping[str, pd.Index]) -> SchemaError:
    lines = []
    for pointer, _line, _col, message in e.problems:
        parts = pointer.split("/")[1:]
        if len(parts) >= 2 and parts[0] in rows and parts[1].isdigit():
            field = parts[2].replace("~1", "/").replace("~0", "~") if len(parts) >= 3 else ""
            if field == "ages" and len(parts) >= 4 and parts[3] in ("0", "1"):
                field = "age_min" if parts[3] == "0" else "age_max"
            match = _RECORD_PREFIX.match(message)
            record_id = (match["id"] or "") if match else ""
            where = _where(parts[0], int(parts[1]), rows, record_id, field)
            lines.append(f"{where}: {_RECORD_PREFIX.sub('', message)}")
        else:
            lines.append(message)
    n = len(lines)
    problems = f"{n} {'problem' if n == 1 else 'problems'}"
    head = f"the frames do not follow the samkart schema ({problems})"
    located = [(p[0], None, None, p[3]) for p in e.problems]
    return SchemaError("\n  - ".join([head, *lines]), located, "<frames>")
