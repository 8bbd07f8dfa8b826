"""pandas DataFrames to and from a Landscape, in bulk.

Both directions go through the JSON document (schema version 1), which the C++ core reads and
writes in one call: a frame is one JSON array of records, a column one field. Only the shapes
that JSON cannot hold in a table are changed:

- ``ages`` becomes two nullable ``Int64`` columns ``age_min`` and ``age_max``;
- list fields (``areas``, ``providers``, ``targets``, ``keys``, ``tees``) are list-valued
  columns, and ``population`` of areas is a list of ``{"ages": [min, max], "count": n}``;
- ``level`` is an int column (1–4; compare with :class:`samkart.Level`), ``year`` of indicators
  a nullable ``Int64`` column.

Missing values (``None``, ``NaN``, ``pd.NA``) mean the field is absent. The round trip
``from_frames(**land.to_frames(), name=land.name, year=land.year, currency=land.currency)``
gives a landscape equal to ``land``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from samkart import _core
from samkart.errors import SchemaError, ValidationError

if TYPE_CHECKING:
    from samkart._core import Landscape, Problem

__all__ = ["COLLECTIONS", "COLUMNS", "from_frames", "to_frames"]

#: The collections of a landscape, in the order of the JSON document.
COLLECTIONS = ("areas", "actors", "measures", "links", "transitions", "indicators")

#: The columns of each frame that ``to_frames`` returns, in order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "areas": ("id", "name", "kind", "parent", "population", "illustrative", "citation"),
    "actors": ("id", "name", "sector", "owner", "areas", "age_min", "age_max", "illustrative",
               "citation"),
    "measures": ("id", "name", "level", "providers", "areas", "age_min", "age_max", "targets",
                 "capacity", "participants", "cost", "keys", "tees", "illustrative", "citation"),
    "links": ("source", "target", "kind", "formal", "coordinator", "consent", "legal_basis",
              "intensity", "trust", "value", "since", "until", "illustrative", "citation"),
    "transitions": ("source", "target", "volume", "reason", "age_min", "age_max", "illustrative",
                    "citation"),
    "indicators": ("area", "key", "value", "year", "source", "illustrative"),
}

_LIST_FIELDS = frozenset({"population", "areas", "providers", "targets", "keys", "tees"})
_BOOL_FIELDS = frozenset({"illustrative", "formal", "consent"})
_FLOAT_FIELDS = frozenset({"capacity", "participants", "cost", "trust", "value", "volume"})
_INT_FIELDS = frozenset({"level", "year", "age_min", "age_max"})
_LINE_SUFFIX = re.compile(r" \(line \d+\)$")
# The core's schema messages begin with the record ("actors[1] 'b', field 'ages': "), which
# the frame errors say in their own words.
_RECORD_PREFIX = re.compile(r"^[a-z_]+\[\d+\](?: '.*?')?(?:, field '[^']*')?: ")


# --- Landscape → frames ------------------------------------------------------------------------


def to_frames(land: Landscape) -> dict[str, pd.DataFrame]:
    """One DataFrame per collection, keyed ``"areas"``, ``"actors"``, ``"measures"``,
    ``"links"``, ``"transitions"``, ``"indicators"``; columns as in :data:`COLUMNS`, one row per
    record in the order they were added (a default RangeIndex)."""
    doc = json.loads(_core.to_json_string(land, -1))
    return {c: _frame(c, doc.get(c, [])) for c in COLLECTIONS}


def _frame(collection: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for name in COLUMNS[collection]:
        if name in ("age_min", "age_max"):
            k = 0 if name == "age_min" else 1
            ages = [r["ages"][k] if "ages" in r else None for r in records]
            columns[name] = pd.array(ages, dtype="Int64")
        elif name in _LIST_FIELDS:
            columns[name] = pd.Series([r.get(name, []) for r in records], dtype=object)
        elif name in _BOOL_FIELDS:
            columns[name] = np.array([bool(r.get(name, False)) for r in records], dtype=bool)
        elif name in _FLOAT_FIELDS or (collection == "indicators" and name == "value"):
            values = [r.get(name) for r in records]
            columns[name] = np.array([math.nan if v is None else v for v in values], dtype=float)
        elif name in _INT_FIELDS:
            values = [r.get(name) for r in records]
            columns[name] = (pd.array(values, dtype="Int64") if name == "year"
                             else np.array(values, dtype=np.int64))
        else:
            # Text: pandas infers its default string dtype (object before pandas 3).
            values = [r.get(name) for r in records]
            columns[name] = pd.Series(values) if values else pd.Series(values, dtype=object)
    frame: pd.DataFrame = pd.DataFrame(columns)  # pandas-stubs: Any for a dict of mixed columns
    return frame


# --- frames → Landscape ------------------------------------------------------------------------


#: Rows of one frame at most: the JSON reader's InputLimits::max_records
#: (include/samkart/core/limits.hpp), checked before the rows are converted.
MAX_ROWS = 1_000_000


def _check_rows(collection: str, rows: int) -> None:
    """Refuse a frame beyond the reader's record limit before converting its rows (issue 7)."""
    limit = MAX_ROWS
    if rows > limit:
        msg = (f"{collection}: {rows:,} rows; samkart reads at most {limit:,} records per "
               "collection (InputLimits::max_records, docs/reliability.md). Split the mapping "
               "into several landscapes, by area for example")
        raise SchemaError(f"<frames> does not follow the samkart JSON schema (1 problem)\n"
                          f"  - /{collection}: {msg}", [(f"/{collection}", None, None, msg)],
                          "<frames>")


def from_frames(
    areas: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    measures: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    transitions: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
    *,
    name: str,
    year: int | None = None,
    currency: str = "NOK",
) -> Landscape:
    """Build a landscape from DataFrames, one per collection, with the columns of
    :data:`COLUMNS` (any subset: absent columns are absent fields). Rows may come in any
    order (an area may name a parent in a later row).

    Raises:
        SchemaError: a column is unknown or a value has the wrong type.
        ValidationError: the records break a rule of the model. Both errors name the frame,
            the row (its index label) and the column, e.g.
            ``actors row 2 ('x'), column 'owner': ...``.
    """
    given: dict[str, object] = {
        "areas": areas, "actors": actors, "measures": measures, "links": links,
        "transitions": transitions, "indicators": indicators,
    }
    doc: dict[str, Any] = {"samkart": 1, "name": name}
    if year is not None:
        doc["year"] = _plain(year)
    doc["currency"] = currency
    rows: dict[str, pd.Index] = {}
    for collection, frame in given.items():
        if frame is None:
            continue
        if not isinstance(frame, pd.DataFrame):
            msg = f"{collection} must be a pandas DataFrame or None, not {type(frame).__name__}"
            raise TypeError(msg)
        _check_rows(collection, len(frame))
        doc[collection] = _records(frame)
        rows[collection] = frame.index
    text = json.dumps(doc, ensure_ascii=False)
    try:
        return _core.from_json_string(text, "<frames>")
    except ValidationError as e:
        raise _frame_validation_error(e, rows) from None
    except SchemaError as e:
        raise _frame_schema_error(e, doc, rows) from None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as JSON records, absent fields left out. Converted a column at a time, so that
    numeric and string columns cost one list comprehension rather than a call per cell."""
    names = [str(c) for c in frame.columns]
    cleaned = [_column_values(frame.iloc[:, k]) for k in range(len(names))]
    if not names:
        return [{} for _ in range(len(frame))]
    out = [{n: v for n, v in zip(names, row, strict=True) if v is not None}
           for row in zip(*cleaned, strict=True)]
    if "age_min" in names or "age_max" in names:
        for record in out:
            lo, hi = record.pop("age_min", None), record.pop("age_max", None)
            if lo is not None or hi is not None:
                record["ages"] = [lo, hi]
    return out


def _column_values(column: pd.Series[Any]) -> list[Any]:
    """A column as plain Python values for json.dumps, None where the value is missing."""
    values: list[Any] = column.tolist()
    kind = column.dtype.kind
    if kind in "biu" and isinstance(column.dtype, np.dtype):
        return values  # numpy bool and int columns: never missing, tolist() gives Python values
    if kind == "f" and isinstance(column.dtype, np.dtype):
        return [None if v != v else int(v) if v.is_integer() and abs(v) < 2**53 else v
                for v in values]
    # Object and string columns: the common cells (text, lists of text) pass as they are.
    return [v if type(v) is str or (type(v) is list and all(type(x) is str for x in v))
            else _cell(v) for v in values]


def _cell(value: object) -> Any:
    return None if _missing(value) else _plain(value)


def _missing(value: object) -> bool:
    """None, NaN, pd.NA, NaT: the field is absent. Lists and arrays are never missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return False


def _plain(value: object) -> Any:
    """A value json.dumps can write: numpy scalars and arrays as Python ones, tuples as lists,
    integral floats in int columns (NaN turned them into floats) as ints, and NaN inside a list
    as null so the schema check names it."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int | str):
        return int(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is pd.NA or value is None:
        return None
    return value


# --- errors that name the frame, the row and the column -----------------------------------------


def _column(field: str) -> str:
    return "age_min/age_max" if field == "ages" else field


def _record_id(record: Mapping[str, Any]) -> str:
    if "id" in record:
        return str(record["id"])
    if "source" in record or "target" in record:
        return f"{record.get('source', '')} → {record.get('target', '')}"
    if "area" in record:
        return f"{record.get('area', '')} {record.get('key', '')}"
    return ""


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
    message = _LINE_SUFFIX.sub("", p.message)
    if p.collection in rows and p.index is not None:
        return f"{_where(p.collection, p.index, rows, p.id, p.field)}: {message}"
    where = p.collection + (f", field {p.field!r}" if p.field else "")
    return f"{where}: {message}"


def _frame_validation_error(
    e: ValidationError, rows: Mapping[str, pd.Index]
) -> ValidationError:
    lines = [_describe(p, rows) for p in e.problems]
    n = len(lines)
    head = f"{n} {'problem' if n == 1 else 'problems'} in the frames"
    return ValidationError("\n  - ".join([head, *lines]), e.problems)


def _frame_schema_error(
    e: SchemaError, doc: Mapping[str, Any], rows: Mapping[str, pd.Index]
) -> SchemaError:
    lines = []
    for pointer, _line, _column, message in e.problems:
        parts = pointer.split("/")[1:]
        if len(parts) >= 2 and parts[0] in rows and parts[1].isdigit():
            collection, position = parts[0], int(parts[1])
            field = parts[2].replace("~1", "/").replace("~0", "~") if len(parts) >= 3 else ""
            if field == "ages" and len(parts) >= 4 and parts[3] in ("0", "1"):
                field = "age_min" if parts[3] == "0" else "age_max"
            record = doc[collection][position] if position < len(doc[collection]) else {}
            where = _where(collection, position, rows, _record_id(record), field)
        else:
            where = pointer or "the frames"
        lines.append(f"{where}: {_RECORD_PREFIX.sub('', message)}")
    n = len(lines)
    problems = f"{n} {'problem' if n == 1 else 'problems'}"
    head = f"the frames do not follow the samkart schema ({problems})"
    located = [(p[0], None, None, p[3]) for p in e.problems]
    return SchemaError("\n  - ".join([head, *lines]), located, "<frames>")
