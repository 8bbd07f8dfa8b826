"""A landscape as a folder of CSV files, one per collection, for R and other table tools.

``write_csv_folder(land, folder)`` writes ``landscape.csv`` (one row: name, year, currency),
``areas.csv``, ``population.csv`` (area, age_min, age_max, count), ``actors.csv``,
``measures.csv``, ``links.csv``, ``transitions.csv`` and ``indicators.csv``. The columns are
the model's field names (as in :data:`samkart.frames.COLUMNS`), with:

- ``ages`` as two columns ``age_min`` and ``age_max``;
- list fields (``areas``, ``providers``, ``targets``, ``keys``, ``tees``) joined with ``;``;
- booleans as ``TRUE``/``FALSE`` and absent values as empty cells (R reads both as they are
  meant: ``read.csv`` and ``readr::read_csv`` give logical columns and ``NA``);
- UTF-8 without a byte-order mark, ``\\n`` line ends, quoting only where needed.

In R: ``measures <- read.csv("folder/measures.csv")``; ``strsplit(measures$providers, ";")``
gives the provider lists. ``read_csv_folder(folder)`` reads the folder back into an equal
landscape.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from samkart import _core
from samkart.errors import SamkartError
from samkart.frames import COLLECTIONS, COLUMNS, from_frames

if TYPE_CHECKING:
    from samkart._core import Landscape

__all__ = ["CSV_COLUMNS", "read_csv_folder", "write_csv_folder"]

#: The columns of each CSV file, in order (``population`` is a file of its own).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "landscape": ("name", "year", "currency"),
    "areas": tuple(c for c in COLUMNS["areas"] if c != "population"),
    "population": ("area", "age_min", "age_max", "count"),
    **{c: COLUMNS[c] for c in COLLECTIONS if c != "areas"},
}

_LIST_FIELDS = frozenset({"areas", "providers", "targets", "keys", "tees"})
_BOOL_FIELDS = frozenset({"illustrative", "formal", "consent"})
_INT_FIELDS = frozenset({"level", "year", "age_min", "age_max"})
_NUMBER_FIELDS = frozenset({"capacity", "participants", "cost", "trust", "value", "volume",
                            "count"})
_TRUE = frozenset({"true", "t", "1", "yes"})
_FALSE = frozenset({"false", "f", "0", "no"})


# --- writing -------------------------------------------------------------------------------------


def write_csv_folder(land: Landscape, folder: str | os.PathLike[str]) -> None:
    """Write ``land`` as one CSV file per collection into ``folder`` (created if needed).

    Each file is replaced atomically (written to a temporary file beside it and renamed over
    it), so a reader never sees half a file. Every file is written, also for an empty
    collection (a header row only), so that the folder always has the same shape.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    doc: dict[str, Any] = json.loads(_core.to_json_string(land, -1))
    tables: dict[str, list[Mapping[str, Any]]] = {
        "landscape": [{"name": doc["name"], "year": doc.get("year"),
                       "currency": doc.get("currency", "NOK")}],
        "population": [{"area": a["id"], "ages": p["ages"], "count": p["count"]}
                       for a in doc.get("areas", []) for p in a.get("population", [])],
    }
    for collection in COLLECTIONS:
        tables[collection] = doc.get(collection, [])
    for name, columns in CSV_COLUMNS.items():
        _write_atomic(out / f"{name}.csv", _csv_text(columns, tables[name]))


def _csv_text(columns: Sequence[str], records: Sequence[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(field, record) for field in columns])
    return buffer.getvalue()


def _cell(field: str, record: Mapping[str, Any]) -> str:
    if field in ("age_min", "age_max"):
        ages = record.get("ages")
        return "" if ages is None else str(ages[0 if field == "age_min" else 1])
    value = record.get(field)
    if value is None:
        return "FALSE" if field in _BOOL_FIELDS else ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back to the same double
    return str(value)


def _write_atomic(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- reading -------------------------------------------------------------------------------------


def read_csv_folder(folder: str | os.PathLike[str]) -> Landscape:
    """Read a folder written by :func:`write_csv_folder` (or by hand, in the same shape).

    Missing collection files are empty collections; a missing ``landscape.csv`` gives the
    folder's name as the landscape's name and ``NOK``. Values that do not parse (``"40
    places"`` in ``capacity``) are passed on as text so that the error names them.

    Raises:
        SamkartError: ``folder`` is not a folder.
        SchemaError, ValidationError: as :func:`samkart.from_frames`, naming the file
            (collection), the row as the line number in the CSV file and the column, e.g.
            ``measures row 5 ('m1'), column 'level': ...``.
    """
    src = Path(folder)
    if not src.is_dir():
        msg = f"{src}: no such folder"
        raise SamkartError(msg)
    meta = _read_table(src / "landscape.csv")
    name, year, currency = src.name, None, "NOK"
    if meta:
        row = meta[0][1]
        name = row.get("name") or name
        year = _parse("year", row.get("year", "")) if row.get("year") else None
        currency = row.get("currency") or currency
    population: dict[str, list[dict[str, Any]]] = {}
    for _line, row in _read_table(src / "population.csv"):
        entry = {"ages": [_parse("age_min", row.get("age_min", "")),
                          _parse("age_max", row.get("age_max", ""))],
                 "count": _parse("count", row.get("count", ""))}
        population.setdefault(row.get("area", ""), []).append(entry)
    frames: dict[str, pd.DataFrame] = {}
    for collection in COLLECTIONS:
        rows = _read_table(src / f"{collection}.csv")
        records = [{k: _parse(k, v) for k, v in row.items()} for _line, row in rows]
        if collection == "areas":
            for record in records:
                record["population"] = population.get(str(record.get("id", "")), [])
        index = pd.Index([line for line, _row in rows], name="line")
        frames[collection] = pd.DataFrame.from_records(records, index=index) if records \
            else pd.DataFrame()
    return from_frames(**frames, name=str(name), year=year if isinstance(year, int) else None,
                       currency=str(currency))


def _read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; the header is line 1."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return [(reader.line_num, {str(k): v or "" for k, v in row.items() if k is not None})
                for row in reader]


def _parse(field: str, value: str) -> Any:
    """A CSV cell as the frames want it: None when empty; text that does not parse is kept
    as text, so that the schema check names the cell."""
    value = value.strip()
    if field in _LIST_FIELDS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if value == "" or value == "NA":
        return None
    if field in _BOOL_FIELDS:
        low = value.lower()
        return True if low in _TRUE else False if low in _FALSE else value
    if field in _INT_FIELDS:
        try:
            return int(value)
        except ValueError:
            return value
    if field in _NUMBER_FIELDS:
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return value
